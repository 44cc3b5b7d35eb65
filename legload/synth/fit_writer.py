"""Write synthetic workouts as FIT activity files with the official Garmin FIT SDK encoder.

The file looks like a watch's: ``file_id``, ``file_creator``, ``device_info``, timer
``event`` s (start, ``stop_all`` / ``start`` around each pause, ``stop_all`` at the end),
``record`` s, one ``lap`` per segment, one ``session`` and the ``activity``. Field names
are the FIT profile's; the SDK applies the profile's scales and offsets. Session and lap
totals are the workout's truth. Run cadence is written per foot (steps/min ÷ 2), whole
numbers in ``cadence`` and the remainder in ``fractional_cadence``.

The SDK encoder is pure Python; records, the bulk of a file, are written in stretches: the
first of each through the SDK, the rest packed with numpy in its layout (the same bytes).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
from garmin_fit_sdk import Encoder, Profile
from garmin_fit_sdk import fit as FIT
from garmin_fit_sdk.util import FIT_EPOCH_S

from legload.errors import StreamError
from legload.synth.workouts import HARD_KINDS, Span, Workout, synthesize

#: (manufacturer, product id): Garmin Forerunner 955 (garmin_product 4024 in the profile)
DEVICE = ("garmin", 4024)
SERIAL_NUMBER = 3_512_345_678
_SEMICIRCLES_PER_DEG = 2**31 / 180.0
_MESG = {name: num for num, name in Profile["types"]["mesg_num"].items()}
_FOOT_SPORTS = ("running", "walking")


def encode_fit(workout: Workout, samples: pd.DataFrame, *, laps: bool = True,
               device: tuple[str, int] = DEVICE) -> bytes:
    """Encode ``samples`` (from :func:`~legload.synth.workouts.synthesize`) of ``workout``.

    ``laps=False`` writes one lap for the whole session instead of one per segment.
    Timestamps are written as whole seconds, as FIT stores them.
    """
    for kind, value in (("sport", workout.sport), ("sub_sport", workout.sub_sport)):
        if value not in Profile["types"][kind].values():
            raise StreamError(f"{kind} {value!r} is not a FIT {kind}")
    start = _fit_time(workout.start)
    end = start + round(workout.elapsed_s)
    manufacturer, product = device
    enc = Encoder()
    enc.write_mesg({"mesg_num": _MESG["file_id"], "type": "activity",
                    "manufacturer": manufacturer, "product": product,
                    "serial_number": SERIAL_NUMBER, "time_created": start})
    enc.write_mesg({"mesg_num": _MESG["file_creator"], "software_version": 2026})
    enc.write_mesg({"mesg_num": _MESG["device_info"], "timestamp": start,
                    "device_index": "creator", "manufacturer": manufacturer,
                    "product": product, "serial_number": SERIAL_NUMBER,
                    "software_version": 20.26, "source_type": "local"})
    records = _records(workout, samples)
    stamps = [r["timestamp"] for r in records]
    timed: list[tuple[int, int, dict]] = [(start, 0, _timer(start, "start"))]
    for span in workout.timeline():
        if span.segment.kind == "stop":
            timed.append((start + round(span.t0), 2, _timer(start + round(span.t0), "stop_all")))
            timed.append((start + round(span.t1), 0, _timer(start + round(span.t1), "start")))
    timed.append((end, 2, _timer(end, "stop_all")))
    timed += [(r["timestamp"], 1, r) for r in records]
    lap_mesgs = _laps(workout, samples, stamps, start) if laps else [
        _lap(workout, workout.timeline(), samples, stamps, start, 0, "session_end", "active")]
    timed += [(m["timestamp"], 3, m) for m in lap_mesgs]
    run: list[dict] = []  # consecutive records, written together
    for _, _, mesg in sorted(timed, key=lambda item: (item[0], item[1])):
        if mesg["mesg_num"] == _MESG["record"]:
            run.append(mesg)
            continue
        _write_records(enc, run)
        run = []
        enc.write_mesg(mesg)
    _write_records(enc, run)
    session = _totals(workout, samples, stamps, start, start, end)
    session.update({"mesg_num": _MESG["session"], "message_index": 0, "event": "session",
                    "event_type": "stop", "sport": workout.sport,
                    "sub_sport": workout.sub_sport, "first_lap_index": 0,
                    "num_laps": len(lap_mesgs), "trigger": "activity_end"})
    enc.write_mesg(session)
    enc.write_mesg({"mesg_num": _MESG["activity"], "timestamp": end, "local_timestamp": end,
                    "total_timer_time": workout.moving_s, "num_sessions": 1,
                    "type": "manual", "event": "activity", "event_type": "stop"})
    return enc.close()


def write_fit(workout: Workout, path: str | Path, samples: pd.DataFrame | None = None, *,
              seed: int = 0, laps: bool = True, device: tuple[str, int] = DEVICE) -> Path:
    """Write ``workout`` as a FIT file at ``path`` (synthesizing samples when none are given)."""
    if samples is None:
        samples = synthesize(workout, seed=seed)
    path = Path(path)
    path.write_bytes(encode_fit(workout, samples, laps=laps, device=device))
    return path


def _fit_time(value) -> int:
    """A datetime → whole seconds since the FIT epoch (1989-12-31T00:00:00Z)."""
    return round(pd.Timestamp(value).timestamp()) - FIT_EPOCH_S


def _timer(stamp: int, event_type: str) -> dict:
    return {"mesg_num": _MESG["event"], "timestamp": stamp, "event": "timer",
            "event_type": event_type, "event_group": 0}


def _column(samples: pd.DataFrame, name: str, scale: float = 1.0) -> list:
    """A column as Python numbers (None where missing), ``None``s when absent."""
    if name not in samples:
        return [None] * len(samples)
    values = samples[name].to_numpy(float) * scale
    return [None if math.isnan(v) else v for v in values.tolist()]


def _records(workout: Workout, samples: pd.DataFrame) -> list[dict]:
    seconds = pd.DatetimeIndex(samples["timestamp"]).as_unit("ns").asi8 / 1e9
    stamps = (np.round(seconds).astype(np.int64) - FIT_EPOCH_S).tolist()
    lat = [None if v is None else round(v) for v in _column(samples, "lat_deg",
                                                            _SEMICIRCLES_PER_DEG)]
    lon = [None if v is None else round(v) for v in _column(samples, "lon_deg",
                                                            _SEMICIRCLES_PER_DEG)]
    hr = [None if v is None else round(v) for v in _column(samples, "heart_rate_bpm")]
    if workout.sport in _FOOT_SPORTS:
        per_foot = _column(samples, "cadence_spm", 0.5)
    else:
        per_foot = _column(samples, "cadence_rpm")
    whole = [None if v is None else math.floor(v) for v in per_foot]
    fraction = [None if v is None or v == w else v - w for v, w in zip(per_foot, whole,
                                                                          strict=True)]
    columns = {
        "timestamp": stamps, "position_lat": lat, "position_long": lon,
        "enhanced_altitude": _column(samples, "altitude_m"),
        "distance": _column(samples, "distance_m"),
        "enhanced_speed": _column(samples, "speed_m_s"),
        "heart_rate": hr, "cadence": whole, "fractional_cadence": fraction,
    }
    mesg_num = _MESG["record"]
    names = list(columns)
    return [{"mesg_num": mesg_num, **{k: v for k, v in zip(names, row, strict=True)
                                      if v is not None}}
            for row in zip(*columns.values(), strict=True)]


def _write_records(enc: Encoder, records: list[dict]) -> None:
    """Write consecutive records: the first of each stretch with the same fields through the
    SDK (which writes or reuses the definition), the rest of the stretch packed with numpy in
    that definition's layout, scaled and rounded as the SDK does — the same bytes the SDK
    writes one message at a time, at a fraction of the time."""
    i = 0
    while i < len(records):
        keys = records[i].keys()
        j = i + 1
        while j < len(records) and records[j].keys() == keys:
            j += 1
        enc.write_mesg(records[i])
        if j > i + 1:
            definition = enc._find_local_mesg_definition(  # the SDK's own layout
                enc._create_mesg_definition(_MESG["record"], records[i]))
            enc._output_stream._buffer += _packed(definition, records[i + 1:j])
        i = j


def _packed(definition, records: list[dict]) -> bytes:
    """``records`` as data messages of ``definition`` (header byte, then each field)."""
    layout = [("header", "u1")]
    columns: dict[str, np.ndarray] = {}
    for field in definition.field_definitions:
        base = FIT.BASE_TYPE_DEFINITIONS[field["base_type"]]
        code = base["type_code"]
        layout.append((field["name"], "<" + code.lower() if code in "fd" else
                       "<" + code))
        values = np.array([r[field["name"]] for r in records], dtype=float)
        if field["scale"] != FIT.FIELD_DEFAULT_SCALE or field["offset"] != FIT.FIELD_DEFAULT_OFFSET:
            values = (values + field["offset"]) * field["scale"]
            values = values if code in "fd" else np.round(values)
        columns[field["name"]] = values if code in "fd" else np.trunc(values).astype(np.int64)
    out = np.zeros(len(records), dtype=np.dtype(layout))
    out["header"] = definition.local_mesg_num
    for name, values in columns.items():
        out[name] = values
    return out.tobytes()


def _laps(workout: Workout, samples: pd.DataFrame, stamps: list[int], start: int) -> list[dict]:
    """One lap per moving segment; a pause counts toward the elapsed time of the lap before."""
    groups: list[list[Span]] = []
    for span in workout.timeline():
        if span.segment.kind == "stop" and groups:
            groups[-1].append(span)
        elif span.segment.kind != "stop":
            groups.append([span])
    kinds = [g[0].segment.kind for g in groups]
    hard = [i for i, kind in enumerate(kinds) if kind in HARD_KINDS]
    auto = not hard and all(kind == "steady" for kind in kinds)
    out = []
    for i, group in enumerate(groups):
        kind = kinds[i]
        if kind in HARD_KINDS or not hard:
            intensity = "active"
        elif kind in ("recovery", "descent"):
            intensity = "recovery"
        else:
            intensity = "warmup" if i < hard[0] else "cooldown" if i > hard[-1] else "active"
        trigger = "session_end" if i == len(groups) - 1 else "distance" if auto else "manual"
        out.append(_lap(workout, group, samples, stamps, start, i, trigger, intensity))
    return out


def _lap(workout: Workout, spans: list[Span], samples: pd.DataFrame, stamps: list[int],
         start: int, index: int, trigger: str, intensity: str) -> dict:
    t0, t1 = start + round(spans[0].t0), start + round(spans[-1].t1)
    lap = _totals(workout, samples, stamps, start, t0, t1, spans)
    lap.update({"mesg_num": _MESG["lap"], "message_index": index, "event": "lap",
                "event_type": "stop", "intensity": intensity, "lap_trigger": trigger,
                "sport": workout.sport, "sub_sport": workout.sub_sport})
    return lap


def _totals(workout: Workout, samples: pd.DataFrame, stamps: list[int], start: int, t0: int,
            t1: int, spans: list[Span] | None = None) -> dict:
    """Fields shared by lap and session: truth totals plus averages of the samples inside."""
    spans = spans or workout.timeline()
    moving = [s.segment for s in spans if s.segment.kind != "stop"]
    timer = sum(s.duration_s for s in moving)
    distance = sum(s.distance_m for s in moving)
    out = {"timestamp": t1, "start_time": t0, "total_elapsed_time": spans[-1].t1 - spans[0].t0,
           "total_timer_time": timer, "total_distance": distance,
           "total_ascent": round(sum(max(s.grade, 0) * s.distance_m for s in moving)),
           "total_descent": round(sum(max(-s.grade, 0) * s.distance_m for s in moving)),
           "avg_speed": distance / timer, "enhanced_avg_speed": distance / timer,
           "max_speed": max(s.speed_m_s for s in moving),
           "enhanced_max_speed": max(s.speed_m_s for s in moving)}
    ts = np.asarray(stamps)
    last = start + round(workout.elapsed_s)
    inside = samples[(ts >= t0) & ((ts < t1) | (t1 == last))]
    if "lat_deg" in inside and len(inside):
        out["start_position_lat"] = round(inside["lat_deg"].iloc[0] * _SEMICIRCLES_PER_DEG)
        out["start_position_long"] = round(inside["lon_deg"].iloc[0] * _SEMICIRCLES_PER_DEG)
    if "heart_rate_bpm" in inside and inside["heart_rate_bpm"].notna().any():
        out["avg_heart_rate"] = round(float(inside["heart_rate_bpm"].mean()))
        out["max_heart_rate"] = round(float(inside["heart_rate_bpm"].max()))
    cadence = (inside["cadence_spm"] / 2 if "cadence_spm" in inside
               else inside.get("cadence_rpm"))
    if cadence is not None and cadence.notna().any():
        out["avg_cadence"] = round(float(cadence.mean()))
        out["max_cadence"] = round(float(cadence.max()))
    return out
