"""FIT activity files → :class:`~legload.core.activity.Activity` (one per session)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from legload.core.activity import Activity, ActivityColumns, summarize
from legload.core.columns import SAMPLE_COLUMNS
from legload.core.sports import FOOT_SPORTS
from legload.core.values import has_finite, has_value
from legload.errors import ReadError, reading
from legload.readers.fit.clock import salvage_dates
from legload.readers.fit.decode import FIT_EPOCH_S, FitMessages, decode, enum_name
from legload.readers.fit.developer import developer_channels
from legload.readers.fit.fields import DEVELOPER

_SEMICIRCLE_DEG = 180.0 / 2**31
#: FIT (sport, sub_sport) → legload (sport, sub_sport); sub_sport defaults to FIT's own name
_SPORT_MAP = {
    "running": "running", "walking": "walking", "hiking": "hiking", "cycling": "cycling",
    "e_biking": "cycling", "swimming": "swimming", "training": "other",
    "fitness_equipment": "other", "generic": "other", "transition": "transition",
}
_SUB_MAP = {"indoor_running": "indoor", "indoor_cycling": "indoor", "virtual_activity": "virtual",
            "street": "road", "strength_training": "strength", "indoor_walking": "indoor"}
#: sample column → record fields it is read from, the first one recorded winning
_CHANNELS = {
    "altitude_m": ("enhanced_altitude", "altitude"),
    "distance_m": ("distance",),
    "speed_m_s": ("enhanced_speed", "speed"),
    "heart_rate_bpm": ("heart_rate",),
    "power_w": ("power",),
    "temperature_c": ("temperature",),
}
#: running dynamics recorded in mm or ms at 0.1 resolution: (sample column, record field)
_MILLI_CHANNELS = (("vertical_oscillation_m", "vertical_oscillation"),
                   ("stance_time_s", "stance_time"), ("step_length_m", "step_length"))
#: decimals of a 0.1 mm (ms) resolution once in m (s)
_MILLI_DECIMALS = 4


#: the messages an activity is read from and their fields read (the others are framed and
#: checked, not decoded)
_READ = {
    "file_id": frozenset({"manufacturer", "product", "product_name", "time_created"}),
    "session": frozenset({"sport", "sub_sport", "start_time", "timestamp", "total_elapsed_time",
                          "total_timer_time", "total_distance", "total_ascent", "total_descent"}),
    "lap": frozenset({"start_time", "total_elapsed_time", "total_timer_time", "total_distance",
                      "intensity", "lap_trigger"}),
    "record": frozenset({"timestamp", "position_lat", "position_long", "compressed_speed_distance",
                         "cadence", "fractional_cadence", DEVELOPER,
                         *(name for names in _CHANNELS.values() for name in names),
                         *(name for _, name in _MILLI_CHANNELS)}),
}
#: the messages read only when the others do not say enough, decoded when first asked for:
#: the device when file_id names none, the sport when no session does, UTC beside system
#: time for a watch whose clock was never set (none of these fields is a date that
#: :func:`~legload.readers.fit.clock.salvage_dates` would have moved before they are read)
_LATER = {
    "device_info": frozenset({"manufacturer", "product", "product_name"}),
    "sport": frozenset({"sport"}),
    "timestamp_correlation": frozenset({"timestamp", "system_timestamp"}),
}


def read_fit(data: bytes, source: str, *, strict: bool = False) -> list[Activity]:
    """Decode a FIT file into one Activity per session (multisport files give several).

    Damaged files (truncated, bad CRC, undefined local message, corrupt chained header) keep
    what decoded cleanly up to the damage and carry a warning naming the file and the
    damage; with ``strict=True`` they are refused with :class:`ReadError` instead.
    """
    return [columns.to_activity() for columns in read_fit_columns(data, source, strict=strict)]


def read_fit_columns(data: bytes, source: str, *, strict: bool = False) -> list[ActivityColumns]:
    """:func:`read_fit` without building the tables: one :class:`ActivityColumns` per
    session, for an import that stores the arrays as they are."""
    with reading(source):  # damage met in a table decoded when first read, too
        return _activities(data, source, strict)


def _activities(data: bytes, source: str, strict: bool) -> list[ActivityColumns]:
    messages = decode(data, _READ, later=_LATER)
    warnings = [f"{source}: {w}" for w in messages.warnings]
    if strict and messages.damaged:
        raise ReadError(source, f"damaged file refused in strict mode: {messages.warnings[0]}")
    dated = salvage_dates(messages)
    if dated:
        warnings.append(f"{source}: {dated}")
    records = _samples(messages)
    warnings += [f"{source}: {w}" for w in developer_channels(
        messages.numbers("record"), records, messages.developer_fields())]
    if len(records["timestamp"]) == 0 or np.isnat(records["timestamp"]).all():
        detail = "; ".join(messages.warnings) or "the file holds no record messages"
        raise ReadError(source, f"no usable samples ({detail})")
    sessions = _sessions(messages)
    if not sessions:
        if strict:
            raise ReadError(source, "damaged file refused in strict mode: no session message "
                            "(recording cut short?)")
        warnings.append(f"{source}: no session message (recording cut short?); "
                        "sport and totals taken from the samples")
        sessions = [{"sport": _file_sport(messages), "sub_sport": "generic", "start": None,
                     "end": None}]
    device = _device(messages)
    laps = _laps(messages)
    activities = []
    single = len(sessions) == 1
    legs = [(s["start"], s["end"]) for s in sessions if s["sport"] != "transition"]
    for index, session in enumerate(sessions):
        # a transition (multisport) keeps the records that no sport leg of the file holds
        claimed = legs if session["sport"] == "transition" else []
        samples = _slice(records, session, single, claimed)
        if len(samples["timestamp"]) == 0:
            warnings.append(f"{source}: session {index} ({session['sport']}) has no samples")
            continue
        samples = _finish_channels(samples, session["sport"])
        warnings.extend(_clock_warnings(samples["timestamp"], session.get("elapsed_s"), source))
        following = sessions[index + 1]["start"] if index + 1 < len(sessions) else None
        activity_laps = _slice_laps(laps, session, single, following)
        summary = summarize(
            samples, fmt="fit", sport=session["sport"], sub_sport=session["sub_sport"],
            device=device, totals={k: session.get(k) for k in
                                   ("elapsed_s", "moving_s", "distance_m", "ascent_m", "descent_m")})
        activities.append(ActivityColumns(columns=samples, laps=activity_laps, summary=summary,
                                          warnings=list(warnings), source=source, index=index))
    if not activities:
        raise ReadError(source, "no session with samples")
    return activities


def _times(values: np.ndarray) -> np.ndarray:
    """FIT date_time (s since 1989-12-31 UTC) → ``datetime64[ns]`` in UTC; NaN → NaT. As the SDK
    does, values below 0x10000000 (device clock never set) are read on the same origin."""
    seconds = np.asarray(values, dtype=np.float64).reshape(-1)
    if len(seconds) and np.abs(seconds).max() < 2**40 and (np.floor(seconds) == seconds).all():
        # whole seconds throughout, none missing (a NaN makes the max NaN): no fraction to add
        return ((seconds.astype(np.int64) + FIT_EPOCH_S) * 1_000_000_000).view("M8[ns]")
    valid = np.isfinite(seconds) & (np.abs(seconds) < 2**40)
    whole = np.floor(np.where(valid, seconds, 0.0))
    nanoseconds = (whole.astype(np.int64) + FIT_EPOCH_S) * 1_000_000_000 + np.rint(
        (np.where(valid, seconds, 0.0) - whole) * 1e9).astype(np.int64)
    nanoseconds[~valid] = np.iinfo(np.int64).min  # NaT
    return nanoseconds.view("M8[ns]")


def _time(value: float | None) -> pd.Timestamp | None:
    """One FIT date_time as a UTC Timestamp, None when missing."""
    if value is None or not np.isfinite(value) or abs(value) >= 2**40:
        return None
    whole = math.floor(value)
    nanoseconds = (whole + FIT_EPOCH_S) * 1_000_000_000 + round((value - whole) * 1e9)
    return pd.Timestamp(nanoseconds, unit="ns", tz="UTC")


def _samples(messages: FitMessages) -> dict[str, np.ndarray]:
    """Record channels as arrays (``timestamp`` UTC ``datetime64[ns]``), in file order."""
    rec = messages.numbers("record")
    if not rec:
        return {"timestamp": np.array([], dtype="M8[ns]")}
    n = len(rec["_offset"])
    cols: dict[str, np.ndarray] = {
        "timestamp": _times(rec.get("timestamp", np.full(n, np.nan)))}
    lat, lon = _first(rec, "position_lat"), _first(rec, "position_long")
    if lat is not None and lon is not None:
        cols["lat_deg"] = lat * _SEMICIRCLE_DEG
        cols["lon_deg"] = lon * _SEMICIRCLE_DEG
    for column, names in _CHANNELS.items():
        values = _first(rec, *names)
        if values is not None:
            cols[column] = values
    if "compressed_speed_distance" in rec and rec["compressed_speed_distance"].ndim == 2:
        speed, distance = _compressed_speed_distance(rec["compressed_speed_distance"])
        cols.setdefault("speed_m_s", speed)
        cols.setdefault("distance_m", distance)
    cadence = _first(rec, "cadence")
    if cadence is not None:
        fraction = rec.get("fractional_cadence")
        if fraction is not None and fraction.ndim == 1:
            cadence = cadence + np.where(np.isnan(fraction), 0.0, fraction)
        cols["_cadence"] = cadence
    for column, name in _MILLI_CHANNELS:
        values = _first(rec, name)
        if values is not None:
            cols[column] = np.round(values / 1000.0, _MILLI_DECIMALS)  # profile: mm and ms
    return cols


def _first(rec: dict[str, np.ndarray], *names: str) -> np.ndarray | None:
    """The first of the ``names`` columns that is one value per record with a finite one."""
    for name in names:
        if name in rec and rec[name].ndim == 1 and has_finite(rec[name]):
            return rec[name]
    return None


def _clock_warnings(stamps: np.ndarray, elapsed_s: float | None, source: str) -> list[str]:
    """Warn about device clock glitches: time running backwards or a span far longer than
    the session says. The samples are kept as recorded; the stream stage cleans them."""
    seconds = stamps.view(np.int64) / 1e9
    steps = np.diff(seconds)
    out = []
    if (steps < 0).any():
        out.append(f"{source}: timestamps run backwards {int((steps < 0).sum())} time(s)")
    span = seconds[-1] - seconds[0] if len(seconds) > 1 else 0.0
    if elapsed_s and span > 2 * elapsed_s + 3600:
        out.append(f"{source}: samples span {span:.0f} s but the session lasted {elapsed_s:.0f} s"
                   " (device clock glitch?)")
    return out


def _compressed_speed_distance(raw: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Expand FIT record field 8 (12-bit speed /100 m/s, 12-bit accumulated distance /16 m)."""
    b = np.nan_to_num(raw[:, :3], nan=0).astype(np.int64)
    valid = np.isfinite(raw[:, :3]).all(axis=1)
    speed = np.round((b[:, 0] | ((b[:, 1] & 0x0F) << 8)) / 100.0, 2)
    dist12 = (b[:, 1] >> 4) | (b[:, 2] << 4)
    steps = np.diff(dist12[valid], prepend=0) & 0x0FFF
    distance = np.full(len(raw), np.nan)
    distance[valid] = np.cumsum(steps) / 16.0
    speed[~valid] = np.nan
    return speed, distance


def _finish_channels(cols: dict[str, np.ndarray], sport: str) -> dict[str, np.ndarray]:
    """The sample columns in nomenclature order; cadence doubled for foot sports (FIT run cadence
    counts one foot); channels without a single value dropped."""
    cols = dict(cols)
    cadence = cols.pop("_cadence", None)
    if cadence is not None:
        if sport in FOOT_SPORTS:
            cols["cadence_spm"] = cadence * 2.0
        else:
            cols["cadence_rpm"] = cadence
    kept = {name: values for name, values in cols.items()
            if name == "timestamp" or values.dtype == object or has_value(values)}
    order = [c for c in SAMPLE_COLUMNS if c in kept] + [c for c in kept if c not in SAMPLE_COLUMNS]
    return {name: kept[name] for name in order}


#: where a session without a start goes when sessions are put in order
_LAST = pd.Timestamp.max.tz_localize("UTC")


def _sessions(messages: FitMessages) -> list[dict]:
    ses = messages.numbers("session")
    if not ses:
        return []
    out = []
    several = len(ses["_offset"]) > 1  # the span of a file's only session is not needed
    for i in range(len(ses["_offset"])):
        def get(name: str, table=ses, i=i) -> float | None:
            value = table.get(name)
            return None if value is None or np.isnan(value[i]) else float(value[i])
        fit_sport = enum_name("sport", get("sport")) or "generic"
        fit_sub = enum_name("sub_sport", get("sub_sport")) or "generic"
        elapsed = get("total_elapsed_time")
        start = end = None
        if several:  # where each one starts and ends: which samples and laps are its own
            start, end = _time(get("start_time") or np.nan), _time(get("timestamp") or np.nan)
            if start is not None and elapsed is not None:
                end = start + pd.Timedelta(seconds=elapsed)
        sport, sub = _map_sport(fit_sport, fit_sub)
        out.append({
            "sport": sport, "sub_sport": sub, "start": start, "end": end,
            "elapsed_s": elapsed, "moving_s": get("total_timer_time"),
            "distance_m": get("total_distance"),
            "ascent_m": get("total_ascent"), "descent_m": get("total_descent"),
        })
    out.sort(key=lambda s: s["start"] or _LAST)
    unique, seen = [], set()
    for session in out:  # chained copies of one recording repeat the same session
        key = (session["start"], session["sport"], session["elapsed_s"])
        if key not in seen:
            seen.add(key)
            unique.append(session)
    return unique


def _map_sport(fit_sport: str, fit_sub: str) -> tuple[str, str]:
    if fit_sub == "strength_training" or (fit_sport == "training" and "strength" in fit_sub):
        return "strength", "generic"
    sport = _SPORT_MAP.get(fit_sport, "other")
    if fit_sport == "fitness_equipment" and fit_sub in ("treadmill", "indoor_running"):
        sport = "running"
    return sport, _SUB_MAP.get(fit_sub, fit_sub)


def _file_sport(messages: FitMessages) -> str:
    sport = messages.numbers("sport").get("sport")
    if sport is not None and len(sport):
        return _map_sport(enum_name("sport", sport[0]) or "generic", "generic")[0]
    return "other"


def _slice(records: dict[str, np.ndarray], session: dict, single: bool,
           claimed: list) -> dict[str, np.ndarray]:
    """The records of ``session`` (all of them for a file's only session), but those within
    a ``claimed`` (start, end) span."""
    if single or session["start"] is None or session["end"] is None:
        return records
    inside = _within(records["timestamp"], session["start"], session["end"], claimed, True)
    return {name: values[inside] for name, values in records.items()}


def _within(stamps: np.ndarray, start, end, claimed: list, closed: bool) -> np.ndarray:
    """Which ``stamps`` lie from ``start`` to ``end`` (included when ``closed``) and in
    no ``claimed`` span."""
    upper = stamps <= _naive(end) if closed else stamps < _naive(end)
    inside = (stamps >= _naive(start)) & upper
    for other_start, other_end in claimed:
        if other_start is not None and other_end is not None:
            inside &= ~_within(stamps, other_start, other_end, [], closed)
    return inside


def _device(messages: FitMessages) -> str | None:
    for table_name in ("file_id", "device_info"):
        table = messages.numbers(table_name, keep=("product_name",))
        if "manufacturer" not in table:
            continue
        manufacturer = table["manufacturer"][0]
        name = enum_name("manufacturer", manufacturer) or (
            None if np.isnan(manufacturer) else str(int(manufacturer)))
        product = None
        if "product_name" in table and table["product_name"][0]:
            product = table["product_name"][0]
        elif "product" in table and not np.isnan(table["product"][0]):
            value = table["product"][0]
            if name in ("garmin", "dynastream", "dynastream_oem", "tacx"):
                product = enum_name("garmin_product", value)
            product = product or str(int(value))
        if name:
            return f"{name}/{product}" if product else name
    return None


def _laps(messages: FitMessages) -> dict[str, Any] | None:
    """Lap columns in start order (stable; a lap without a start last), None for no laps."""
    lap = messages.numbers("lap")
    if not lap:
        return None
    n = len(lap["_offset"])
    nan = np.full(n, np.nan)
    start = _times(lap.get("start_time", nan))
    key = np.where(np.isnat(start), np.iinfo(np.int64).max,
                   start.view(np.int64))  # a lap without a start goes last
    order = np.argsort(key, kind="stable") if n > 1 and not (key[1:] >= key[:-1]).all() \
        else slice(None)
    return {
        "start": start[order],
        "elapsed_s": lap.get("total_elapsed_time", nan)[order],
        "timer_s": lap.get("total_timer_time", nan)[order],
        "distance_m": lap.get("total_distance", nan)[order],
        "intensity": _enum_names("intensity", lap.get("intensity", nan)[order]),
        "trigger": _enum_names("lap_trigger", lap.get("lap_trigger", nan)[order]),
    }


def _take(laps: dict[str, Any], rows: np.ndarray) -> dict[str, Any]:
    """The lap columns at positions (or a boolean mask) ``rows``."""
    return {name: values[rows] for name, values in laps.items()}


def _enum_names(type_name: str, values: np.ndarray) -> np.ndarray:
    """Profile names of an enum column as plain text, an object array (one lookup per
    distinct value)."""
    plain = [None if v != v else v for v in np.asarray(values, dtype=float).tolist()]  # NaN → None
    names = {v: enum_name(type_name, v) for v in set(plain)}
    text = np.empty(len(plain), dtype=object)
    text[:] = [names[v] for v in plain]
    return text


def _slice_laps(laps: dict[str, Any] | None, session: dict, single: bool,
                following: pd.Timestamp | None) -> dict[str, Any] | None:
    """The laps that start within ``session`` and before the ``following`` session starts
    (a session's end, to the millisecond, can pass the next one's start, to the second)."""
    if single or session["start"] is None or session["end"] is None or laps is None:
        return laps
    inside = _within(laps["start"], session["start"], session["end"], [], False)
    if following is not None:
        inside &= laps["start"] < _naive(following)
    return _take(laps, inside)


def _naive(stamp: pd.Timestamp) -> np.datetime64:
    """A UTC Timestamp as the ``datetime64[ns]`` the columns hold."""
    return np.datetime64(stamp.value, "ns")
