"""The Activity record every reader returns, and the summary computed from its samples."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from legload.core.columns import LAP_COLUMNS, SAMPLE_COLUMNS
from legload.core.frames import LAID_OUT, frame_from_blocks
from legload.core.frames import UTC_NS as _UTC_NS
from legload.core.utc import iso_seconds, utc_hour
from legload.core.values import has_value

#: pandas' private maker of UTC times over naive ``M8[ns]`` values (no per-value check), kept
#: only where it gives what the public ``pd.array`` gives; else frames take the public route
_utc_times = getattr(pd.arrays.DatetimeArray, "_simple_new", None)
try:
    _probe = np.array([0], "M8[ns]")
    if not _utc_times(_probe.copy(), dtype=_UTC_NS).equals(pd.array(_probe, _UTC_NS)):
        _utc_times = None
except (TypeError, ValueError, AttributeError):
    _utc_times = None

_EARTH_RADIUS_M = 6_371_008.8
_BLOCK = 1 << 16  # samples at a time in the loops over long recordings


@dataclass
class Activity:
    """One recorded activity, as read from its file: no smoothing, SI units.

    Attributes:
        samples: one row per recorded sample, in file order; columns from
            :data:`legload.core.columns.SAMPLE_COLUMNS` (a channel the file lacks is absent).
        laps: one row per lap (columns from :data:`legload.core.columns.LAP_COLUMNS`), maybe empty.
        summary: keys from :data:`legload.core.columns.SUMMARY_KEYS`.
        warnings: one line each, naming the file and what was wrong with it.
        source: the file path, or ``archive.zip!member`` for a member of an archive.
        sha256: SHA-256 (hex) of the source file's content (decompressed for ``.gz``).
        index: position of this activity within its file (multisport files hold several).
    """

    samples: pd.DataFrame
    laps: pd.DataFrame
    summary: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    source: str = ""
    sha256: str = ""
    index: int = 0

    def to_frame(self, index: str | None = "time") -> pd.DataFrame:
        """The samples as a new frame; ``index="time"`` (the default) indexes them by their
        UTC ``timestamp`` (a ``DatetimeIndex`` named ``timestamp``, rows without a time
        dropped), so that ``activity.to_frame().resample("1min").mean()`` works;
        ``index=None`` keeps the row numbers. The activity itself is not changed."""
        if index is None:
            return self.samples.copy()
        if index != "time":
            raise ValueError(f"index must be 'time' or None, not {index!r}")
        if "timestamp" not in self.samples:
            raise ValueError("this activity's samples have no timestamp column")
        frame = self.samples[self.samples["timestamp"].notna()]
        return frame.set_index(pd.DatetimeIndex(frame["timestamp"], name="timestamp")).drop(
            columns="timestamp")

    @property
    def start(self) -> pd.Timestamp | None:
        """The start time (UTC) as a pandas Timestamp; None when the file has none."""
        value = self.summary.get("start")
        if value is None:
            return None
        stamp = pd.Timestamp(value)
        return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")


@dataclass
class ActivityColumns:
    """An :class:`Activity` whose tables are not built yet: its columns as arrays.

    The readers produce this first; an import encodes the arrays straight into the
    store, and :meth:`to_activity` builds the same Activity the readers return.

    Attributes:
        columns: sample columns in nomenclature order, equal length numpy arrays;
            ``datetime64`` ones (``timestamp``) hold UTC.
        laps: lap columns (:data:`legload.core.columns.LAP_COLUMNS`; ``start`` UTC
            ``datetime64``, text as object arrays), or None for no laps.
        summary, warnings, source, sha256, index: as in :class:`Activity`.
    """

    columns: dict[str, Any]
    laps: dict[str, Any] | None
    summary: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    source: str = ""
    sha256: str = ""
    index: int = 0

    def lap_frame(self) -> pd.DataFrame:
        return empty_laps() if self.laps is None else frame_of(self.laps)

    def to_activity(self, *, copy: bool = True) -> Activity:
        """The :class:`Activity`; with ``copy=False`` its sample frame stands on the read
        arrays instead of a copy of them (for a reader of the frame, never a writer)."""
        samples = frame_of(self.columns) if copy else pd.DataFrame(_utc(self.columns), copy=False)
        return Activity(samples=samples, laps=self.lap_frame(),
                        summary=self.summary, warnings=self.warnings, source=self.source,
                        sha256=self.sha256, index=self.index)


def samples_of(activity: Activity | ActivityColumns) -> pd.DataFrame | Mapping[str, Any]:
    """The activity's samples as it holds them: its frame, or a reader's arrays by name."""
    return activity.columns if isinstance(activity, ActivityColumns) else activity.samples


def frame_of(columns: Mapping[str, Any]) -> pd.DataFrame:
    """``pd.DataFrame`` of the columns with naive ``datetime64`` arrays read as UTC.

    Columns that are float64, ``datetime64`` or object (text) arrays are laid out in the
    frame's blocks at once (the float ones copied into one 2-D block, as the constructor
    consolidates them): the same frame, without the constructor's per-column inference
    (text stays object). Any other column goes through the constructor."""
    blocks = _blocks(columns) if LAID_OUT else None
    if blocks is None:
        return pd.DataFrame(_utc(columns))
    return frame_from_blocks(blocks, len(next(iter(columns.values()))), tuple(columns))


def _blocks(columns: Mapping[str, Any]) -> list[tuple[Any, np.ndarray]] | None:
    """The frame blocks of ``columns`` (array, column positions), None when a column is of
    another kind than :func:`frame_of` lays out itself."""
    if not columns:
        return None
    n = len(next(iter(columns.values())))
    floats: list[int] = []
    texts: list[int] = []
    blocks: list[tuple[Any, np.ndarray]] = []
    for position, values in enumerate(columns.values()):
        if len(values) != n or n == 0 or getattr(values, "ndim", 0) != 1:
            return None
        if isinstance(values, np.ndarray) and values.dtype == np.float64:
            floats.append(position)
        elif isinstance(values, np.ndarray) and values.dtype == "M8[ns]":
            times = _utc_times(values.copy(), dtype=_UTC_NS) if _utc_times is not None \
                else pd.array(values, dtype=_UTC_NS)  # a copy
            blocks.append((times, np.array([position])))
        elif isinstance(values, np.ndarray) and values.dtype == object:
            texts.append(position)
        else:
            return None
    ordered = list(columns.values())
    for kind, positions in ((np.float64, floats), (object, texts)):
        if positions:
            block = np.empty((len(positions), n), dtype=kind)
            for row, position in enumerate(positions):
                block[row] = ordered[position]
            blocks.append((block, np.array(positions)))
    return blocks


def _utc(columns: Mapping[str, Any]) -> dict[str, Any]:
    """The columns with naive ``datetime64`` arrays read as UTC, object arrays kept object
    (the constructor would infer text)."""
    kinds = {"M": lambda v: pd.DatetimeIndex(v).tz_localize("UTC"),
             "O": lambda v: pd.Series(v, dtype=object, copy=False)}
    return {name: kinds[values.dtype.kind](values) if isinstance(values, np.ndarray)
            and values.dtype.kind in kinds else values for name, values in columns.items()}


def empty_laps() -> pd.DataFrame:
    """A lap table with the canonical columns and no rows."""
    return _empty_laps().copy()


@cache
def _empty_laps() -> pd.DataFrame:
    frame = pd.DataFrame({name: [] for name in LAP_COLUMNS})
    frame["start"] = pd.to_datetime(frame["start"], utc=True)
    return frame


def order_columns(columns: Mapping[str, Any]) -> dict[str, Any]:
    """``columns`` (sample columns by name) with canonical ones first, in nomenclature order."""
    known = [c for c in SAMPLE_COLUMNS if c in columns]
    return {**{c: columns[c] for c in known}, **columns}


def naive_utc(times: Any) -> np.ndarray:
    """``datetime64[ns]`` values in UTC without a zone, from a column of times (naive ones
    are UTC)."""
    if isinstance(times, np.ndarray) and times.dtype.kind == "M":
        return times.astype("M8[ns]", copy=False)
    index = pd.DatetimeIndex(times)
    return (index.tz_convert(None) if index.tz is not None else index).as_unit("ns").to_numpy()


def haversine_m(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Great-circle distance in metres between points given in degrees (vectorised)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp = p2 - p1
    dl = np.radians(np.asarray(lon2) - np.asarray(lon1))
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


#: centred time window over which positions are averaged before distances are summed
POSITION_SMOOTHING = "3s"


def track_distance_m(samples: pd.DataFrame) -> np.ndarray:
    """Cumulative distance along the positions (m); NaN positions add nothing.

    Positions are first averaged over a centred 3 s window: at 1 Hz, sample-to-sample GPS
    jitter otherwise adds about 1 % (a 14 km run recorded as FIT and GPX: device distance
    14,005 m, raw GPX positions 14,153 m, smoothed 14,038 m). Sparser recordings (smart
    recording every few seconds) are left as they are.
    """
    if "lat_deg" not in samples or len(samples) == 0:
        return np.zeros(len(samples))
    lat = samples["lat_deg"].to_numpy(float)
    lon = samples["lon_deg"].to_numpy(float)
    if "timestamp" in samples and samples["timestamp"].notna().all() and len(samples) > 2:
        frame = pd.DataFrame({"lat": lat, "lon": lon}, index=pd.DatetimeIndex(samples["timestamp"]))
        if frame.index.is_monotonic_increasing:
            smooth = frame.rolling(POSITION_SMOOTHING, center=True, min_periods=1).mean()
            lat, lon = smooth["lat"].to_numpy(), smooth["lon"].to_numpy()
    out = np.zeros(lat.size)
    for first in range(1, lat.size, _BLOCK):  # in blocks: no full-size temporaries
        last = min(lat.size, first + _BLOCK)
        step = haversine_m(lat[first - 1:last - 1], lon[first - 1:last - 1], lat[first:last],
                           lon[first:last])
        out[first:last] = np.where(np.isfinite(step), step, 0.0)
    return np.cumsum(out, out=out)


def _floats(values: np.ndarray) -> Iterator[float]:
    """The values as plain floats (a loop over them is several times faster than over numpy
    scalars), a block at a time."""
    for first in range(0, values.size, _BLOCK):
        yield from values[first:first + _BLOCK].tolist()


def climb_m(altitude: np.ndarray, threshold_m: float = 3.0) -> tuple[float, float]:
    """Total ascent and descent (m) of an altitude trace, counting only swings > threshold.

    The hysteresis keeps sensor noise from adding up; it is the reader's quick figure,
    the stream stage computes the careful one from smoothed altitude.
    """
    alt = altitude[np.isfinite(altitude)]
    if alt.size < 2:
        return 0.0, 0.0
    alt = alt[np.r_[True, alt[1:] != alt[:-1]]]  # a repeated value changes nothing
    ascent = descent = 0.0
    ref = float(alt[0])
    for value in _floats(alt[1:]):
        if value - ref >= threshold_m:
            ascent += value - ref
            ref = value
        elif ref - value >= threshold_m:
            descent += ref - value
            ref = value
    return float(ascent), float(descent)


def channels_of(samples: pd.DataFrame | Mapping[str, Any]) -> list[str]:
    """Names of the channels with at least one value (a frame, or columns by name)."""
    present = []
    checks = {
        "gps": "lat_deg",
        "altitude": "altitude_m",
        "heart_rate": "heart_rate_bpm",
        "cadence": ("cadence_spm", "cadence_rpm"),
        "power": "power_w",
        "speed": "speed_m_s",
        "distance": "distance_m",
    }
    for name, cols in checks.items():
        cols = (cols,) if isinstance(cols, str) else cols
        if any(c in samples and _has_value(samples[c]) for c in cols):
            present.append(name)
    return present


def _has_value(column) -> bool:
    """True when the column holds at least one value (not NaN, not NaT)."""
    if column.dtype.kind == "f":
        return has_value(np.asarray(column))
    return bool(pd.notna(column).any())


def summarize(
    samples: pd.DataFrame | Mapping[str, Any],
    *,
    fmt: str,
    sport: str = "other",
    sub_sport: str = "generic",
    name: str | None = None,
    device: str | None = None,
    totals: dict[str, float | None] | None = None,
) -> dict[str, Any]:
    """Build an activity summary from its samples (a frame, or columns by name).

    ``totals`` holds what the device itself recorded for the session (``moving_s``,
    ``distance_m``, ``ascent_m``, ``descent_m``, ``start``); a recorded total wins over one
    computed from the samples, because devices integrate at a higher rate than they store.
    """
    totals = {k: v for k, v in (totals or {}).items() if v is not None}
    n = len(samples) if isinstance(samples, pd.DataFrame) else (
        len(next(iter(samples.values()))) if samples else 0)
    times = naive_utc(samples.get("timestamp", []))
    stamps = times[~np.isnat(times)]
    start = totals.get("start") or (stamps[0] if len(stamps) else None)
    duration = (stamps[-1] - stamps[0]) / np.timedelta64(1, "s") if len(stamps) > 1 else 0.0
    if totals.get("elapsed_s") is not None and totals["elapsed_s"] > 0:
        duration = totals["elapsed_s"]
    recorded = np.asarray(samples["distance_m"], dtype=float) if "distance_m" in samples \
        and "distance_m" not in totals else np.array([])
    if "distance_m" in totals:
        distance = totals["distance_m"]  # the device's own figure wins
    elif has_value(recorded):
        distance = float(np.nanmax(recorded))
    elif n:
        frame = samples if isinstance(samples, pd.DataFrame) else pd.DataFrame(
            {k: samples[k] for k in ("timestamp", "lat_deg", "lon_deg") if k in samples})
        distance = float(track_distance_m(frame)[-1])
    else:
        distance = 0.0
    if "ascent_m" in totals and "descent_m" in totals:
        ascent, descent = totals["ascent_m"], totals["descent_m"]  # the device's own figures win
    elif "altitude_m" in samples:
        ascent, descent = climb_m(np.asarray(samples["altitude_m"], dtype=float))
    else:
        ascent, descent = 0.0, 0.0
    summary: dict[str, Any] = {
        "format": fmt,
        "sport": sport,
        "sub_sport": sub_sport,
        "name": name if name and not _is_time(name) else default_name(sport, start),
        "start": _iso(start),
        "duration_s": float(duration),
        "moving_s": float(totals.get("moving_s", duration)),
        "distance_m": float(distance),
        "ascent_m": float(totals.get("ascent_m", ascent)),
        "descent_m": float(totals.get("descent_m", descent)),
        "samples": n,
        "device": device,
        "channels": channels_of(samples),
    }
    return summary


#: what an activity without a name is called after, as Strava does ("Morning Run")
SPORT_WORDS = {"running": "Run", "walking": "Walk", "hiking": "Hike", "cycling": "Ride",
               "swimming": "Swim", "training": "Workout", "fitness_equipment": "Workout",
               "rowing": "Row"}


def default_name(sport: str, start: Any) -> str | None:
    """The name of an activity that has none: the time of day and the sport, as Strava names
    them ("Morning Run"; morning 5-11 h, afternoon 12-16 h, evening 17-20 h, night
    otherwise). The hour is UTC's: a file's time zone is not known here. None without a
    start."""
    if start is None:
        return None
    hour = utc_hour(start)
    hour = pd.Timestamp(start).hour if hour is None else hour
    part = ("Morning" if 5 <= hour < 12 else "Afternoon" if 12 <= hour < 17 else
            "Evening" if 17 <= hour < 21 else "Night")
    return f"{part} {SPORT_WORDS.get(sport, 'Activity')}"


def _is_time(name: str) -> bool:
    """True when a "name" is only a timestamp (a TCX file's ``Id``)."""
    if not name[:4].isdigit():
        return False
    try:
        pd.Timestamp(name)
    except ValueError:
        return False
    return True


def _iso(value) -> str | None:
    if value is None:
        return None
    text = iso_seconds(value)
    if text is not None:
        return text
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is None:
        stamp = stamp.tz_localize("UTC")
    return stamp.tz_convert("UTC").strftime("%Y-%m-%dT%H:%M:%SZ")
