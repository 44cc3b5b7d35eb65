"""TCX (Garmin Training Center v2) files → one :class:`~legload.core.activity.Activity` per
``<Activity>`` (one per leg of a multisport session). Trackpoints give time, position, altitude,
distance and heart rate, the ``TPX`` extension speed, ``RunCadence`` and ``Watts``; laps come
from ``<Lap>``. ``RunCadence`` and the trackpoint ``<Cadence>`` Polar and Suunto write for runs
count one foot: foot sports get ``cadence_spm`` = 2 × that value, cycling ``cadence_rpm``."""

from __future__ import annotations

from typing import Any, BinaryIO

import numpy as np

from legload.core.activity import Activity, ActivityColumns, order_columns, summarize
from legload.core.columns import LAP_COLUMNS
from legload.core.sports import sport_from_motion, sport_from_words
from legload.errors import ReadError
from legload.readers.xml import samples
from legload.readers.xml.safe import child, child_text, contains, find_all, local_name, tree_fields
from legload.readers.xml.scan import PointScan, parse_scanned

#: the fields of a Trackpoint: its descendants by lower-case local name
POINTS = samples.PointNames("Trackpoint", {
    "time": "time", "latitudedegrees": "lat_deg", "longitudedegrees": "lon_deg",
    "altitudemeters": "altitude_m", "distancemeters": "distance_m",
    "value": "heart_rate_bpm",  # the only <Value> in a Trackpoint is HeartRateBpm's
    "cadence": "cadence", "runcadence": "run_cadence", "speed": "speed_m_s", "watts": "power_w",
}, {}, ("Activity",))
#: TCX ``Sport`` attribute → sport; ``Other`` names none
_SPORTS = {"running": "running", "biking": "cycling"}
_INTENSITY = {"active": "active", "resting": "rest"}
_LAP_FIELDS = ("TotalTimeSeconds", "DistanceMeters", "Intensity", "TriggerMethod")
_TRIGGER = {"manual": "manual", "distance": "distance", "location": "position", "time": "time",
            "heartrate": "heart_rate"}


def read_tcx(data: bytes, source: str) -> list[Activity]:
    """One Activity per ``<Activity>`` with timed trackpoints of a TCX document (``source``
    names it in messages). ReadError: unsafe or unreadable XML, no trackpoints or times."""
    return [columns.to_activity() for columns in read_tcx_columns(data, source)]


def read_tcx_columns(data: bytes | BinaryIO, source: str) -> list[ActivityColumns]:
    """:func:`read_tcx` without the tables built: what an import stores (see
    :class:`~legload.core.activity.ActivityColumns`); ``data`` may be a seekable binary file,
    read from where it stands a piece at a time."""
    file_warnings: list[str] = []
    root, scan = parse_scanned(data, source, file_warnings, POINTS)
    elements = find_all(root, "Activity")
    if not elements or not contains(root, "Trackpoint"):
        raise ReadError(source, "no track points in this TCX file (no <Activity> with <Trackpoint>s)")
    return samples.gather(elements, lambda element: _read_activity(element, source, scan), source,
                          file_warnings, "activity")


def _read_activity(element, source: str, scan: PointScan | None) -> ActivityColumns:
    warnings: list[str] = []
    points = find_all(element, "Trackpoint")
    if not points:
        raise ReadError(source, "no track points")
    found = tree_fields(points, POINTS) if scan is None else scan.fields_of(points)
    columns = samples.timed_columns(found, source, warnings)
    declared = (element.get("Sport") or "").strip().lower()
    notes = child_text(element, "Notes")
    sport = _SPORTS.get(declared) or sport_from_words(notes) or sport_from_motion(columns)
    samples.cadence_columns(columns, sport)
    columns = order_columns(columns)
    laps = _laps(element, columns["timestamp"])
    totals = _totals(laps, columns)
    has_distance = "distance_m" in columns or bool(totals.get("distance_m"))
    treadmill = sport == "running" and "lat_deg" not in columns and has_distance
    summary = summarize(columns, fmt="tcx", sport=sport, sub_sport="treadmill" if treadmill else "generic",
                        name=notes or child_text(element, "Id"),
                        device=child_text(child(element, "Creator"), "Name"), totals=totals)
    return ActivityColumns(columns=columns, laps=laps, summary=summary, warnings=warnings, source=source)


def _totals(laps: dict[str, Any] | None, columns: dict[str, np.ndarray]) -> dict[str, float | None]:
    """Timer time and distance summed over the laps, when they cover the recording (Suunto
    Movescount ends the last lap early: trackpoint distance over 1 % past the laps' sum)."""
    if laps is None:
        return {}
    timer, distance = laps["timer_s"], laps["distance_m"]
    totals = {"moving_s": float(np.nansum(timer))} if np.isfinite(timer).any() else {}
    if np.isfinite(distance).any():
        totals["distance_m"] = float(np.nansum(distance))
        if "distance_m" in columns and np.nanmax(columns["distance_m"]) > 1.01 * totals["distance_m"] + 1.0:
            return {}
    return totals


def _laps(element, timestamps: np.ndarray) -> dict[str, Any] | None:
    """Lap columns from the Activity's ``<Lap>`` children; elapsed time from the lap starts."""
    laps = [item for item in element.iterchildren() if local_name(item.tag) == "Lap"]
    if not laps:
        return None
    starts = samples.read_times(len(laps), np.arange(len(laps)), [lap.get("StartTime") for lap in laps])[0]
    timer, distance, intensity, trigger = ([child_text(lap, name) for lap in laps] for name in _LAP_FIELDS)
    timer, distance = samples.numbers(timer), samples.numbers(distance)
    intensity, trigger = [_word(t, _INTENSITY) for t in intensity], [_word(t, _TRIGGER) for t in trigger]
    last = timestamps[-1] if len(timestamps) else np.datetime64("NaT", "ns")
    span = (np.append(starts[1:], last) - starts) / np.timedelta64(1, "s")
    elapsed = np.where(np.isfinite(span) & ~(span < timer), span, timer)
    columns = {"start": starts, "elapsed_s": elapsed, "timer_s": timer, "distance_m": distance,
               "intensity": np.array(intensity, dtype=object),
               "trigger": np.array(trigger, dtype=object)}
    return {name: columns[name] for name in LAP_COLUMNS}


def _word(text: str | None, table: dict[str, str]) -> str | None:
    return table.get(text.strip().lower(), text.strip().lower()) if text else None


__all__ = ["read_tcx", "read_tcx_columns"]
