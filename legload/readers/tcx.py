"""TCX (Garmin Training Center v2) files → one :class:`~legload.readers.activity.Activity`
per ``<Activity>`` (a multisport session gives one per leg).

Trackpoints give time, position, altitude, device distance and heart rate; the
ActivityExtension v2 ``TPX`` block gives speed, ``RunCadence`` and ``Watts``. Laps come from
``<Lap StartTime>`` with their timer time, distance, intensity and trigger. ``RunCadence``
counts one foot, and so does the trackpoint ``<Cadence>`` that Polar and Suunto write for
runs: foot sports get ``cadence_spm`` = 2 × that value; cycling gets ``cadence_rpm``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from legload.errors import ReadError
from legload.readers.activity import Activity, empty_laps, order_columns, summarize
from legload.readers.xmlpoints import point_fields
from legload.readers.xmlsafe import (
    FOOT_SPORTS,
    child,
    child_text,
    contains,
    find_all,
    gather,
    local_name,
    numbers,
    parse,
    sport_from_motion,
    sport_from_words,
    timed_frame,
)
from legload.units import LAP_COLUMNS

#: lower-case local name of a Trackpoint descendant → field
_FIELDS = {
    "time": "time",
    "latitudedegrees": "lat_deg",
    "longitudedegrees": "lon_deg",
    "altitudemeters": "altitude_m",
    "distancemeters": "distance_m",
    "value": "heart_rate_bpm",  # the only <Value> in a Trackpoint is HeartRateBpm's
    "cadence": "cadence",
    "runcadence": "run_cadence",
    "speed": "speed_m_s",
    "watts": "power_w",
}
#: TCX ``Sport`` attribute → sport; ``Other`` names none
_SPORTS = {"running": "running", "biking": "cycling"}
_INTENSITY = {"active": "active", "resting": "rest"}
_TRIGGER = {
    "manual": "manual",
    "distance": "distance",
    "location": "position",
    "time": "time",
    "heartrate": "heart_rate",
}


def read_tcx(data: bytes, source: str) -> list[Activity]:
    """Read a TCX document into one Activity per ``<Activity>`` that has timed trackpoints.

    Args:
        data: the whole (decompressed) file content.
        source: the file name used in messages (a path or ``archive.zip!member``).

    Raises:
        ReadError: unsafe or unreadable XML, no trackpoints, no (plausible) timestamps.
    """
    file_warnings: list[str] = []
    root = parse(data, source, file_warnings, require="Trackpoint")
    elements = find_all(root, "Activity")
    if not elements or not contains(root, "Trackpoint"):
        raise ReadError(
            source, "no track points in this TCX file (no <Activity> with <Trackpoint>s)"
        )
    return gather(elements, lambda element: _read_activity(element, source), source,
                  file_warnings, "activity")


def _read_activity(element, source: str) -> Activity:
    warnings: list[str] = []
    points = find_all(element, "Trackpoint")
    if not points:
        raise ReadError(source, "no track points")
    found = point_fields(points, "Trackpoint", _FIELDS)
    samples = timed_frame(found.texts.get("time", [None] * found.n), found.values, source, warnings)

    declared = (element.get("Sport") or "").strip().lower()
    notes = child_text(element, "Notes")
    sport = _SPORTS.get(declared) or sport_from_words(notes) or sport_from_motion(samples)
    samples = _cadence(samples, sport)
    for a, b in (("lat_deg", "lon_deg"), ("lon_deg", "lat_deg")):
        if a in samples and b not in samples:
            samples = samples.drop(columns=a)
    samples = order_columns(samples)

    laps = _laps(element, samples)
    totals = _totals(laps, samples)
    has_distance = "distance_m" in samples or bool(totals.get("distance_m"))
    sub_sport = (
        "treadmill"
        if sport == "running" and "lat_deg" not in samples and has_distance
        else "generic"
    )
    creator = child(element, "Creator")
    summary = summarize(
        samples,
        fmt="tcx",
        sport=sport,
        sub_sport=sub_sport,
        name=notes or child_text(element, "Id"),
        device=child_text(creator, "Name"),
        totals=totals,
    )
    return Activity(samples=samples, laps=laps, summary=summary, warnings=warnings, source=source)


def _totals(laps: pd.DataFrame, samples: pd.DataFrame) -> dict[str, float | None]:
    """Timer time and distance summed over the laps, when the laps cover the recording.

    Some exporters (Suunto Movescount) end the last lap before the recording ends; when
    the trackpoints' own distance runs more than 1 % past the laps' sum, the laps are
    incomplete and the summary falls back to the samples.
    """
    if not len(laps):
        return {}
    timer = laps["timer_s"].to_numpy(float)
    distance = laps["distance_m"].to_numpy(float)
    totals: dict[str, float | None] = {}
    if np.isfinite(timer).any():
        totals["moving_s"] = float(np.nansum(timer))
    if np.isfinite(distance).any():
        totals["distance_m"] = float(np.nansum(distance))
        if "distance_m" in samples:
            recorded = float(np.nanmax(samples["distance_m"].to_numpy(float)))
            if recorded > 1.01 * totals["distance_m"] + 1.0:
                return {}
    return totals


def _cadence(samples: pd.DataFrame, sport: str) -> pd.DataFrame:
    """Per-foot run cadence → steps/min (both feet); crank cadence → rev/min."""
    run = samples.pop("run_cadence") if "run_cadence" in samples else None
    plain = samples.pop("cadence") if "cadence" in samples else None
    if sport in FOOT_SPORTS:
        per_foot = run if plain is None else (plain if run is None else run.fillna(plain))
        if per_foot is not None:
            samples["cadence_spm"] = 2.0 * per_foot
    else:
        if run is not None:
            samples["cadence_spm"] = 2.0 * run
        if plain is not None:
            samples["cadence_rpm"] = plain
    return samples


def _laps(element, samples: pd.DataFrame) -> pd.DataFrame:
    """Lap table from the Activity's ``<Lap>`` children; elapsed time from the lap starts."""
    laps = [item for item in element.iterchildren() if local_name(item.tag) == "Lap"]
    if not laps:
        return empty_laps()
    starts = pd.to_datetime(
        pd.Series([lap.get("StartTime") for lap in laps], dtype=object),
        utc=True,
        format="ISO8601",
        errors="coerce",
    ).astype("datetime64[ns, UTC]")
    timer = numbers([child_text(lap, "TotalTimeSeconds") for lap in laps])
    distance = numbers([child_text(lap, "DistanceMeters") for lap in laps])
    intensity = [_word(child_text(lap, "Intensity"), _INTENSITY) for lap in laps]
    trigger = [_word(child_text(lap, "TriggerMethod"), _TRIGGER) for lap in laps]
    ends = [*starts.iloc[1:], samples["timestamp"].iloc[-1] if len(samples) else pd.NaT]
    span = np.array(
        [
            (end - start).total_seconds() if pd.notna(end) and pd.notna(start) else np.nan
            for start, end in zip(starts, ends, strict=True)
        ]
    )
    elapsed = np.where(np.isfinite(span) & ~(span < timer), span, timer)
    frame = pd.DataFrame(
        {
            "start": starts.reset_index(drop=True),
            "elapsed_s": elapsed,
            "timer_s": timer,
            "distance_m": distance,
            "intensity": pd.Series(intensity, dtype=object),
            "trigger": pd.Series(trigger, dtype=object),
        }
    )
    return frame[list(LAP_COLUMNS)]


def _word(text: str | None, table: dict[str, str]) -> str | None:
    if not text:
        return None
    key = text.strip().lower()
    return table.get(key, key)


__all__ = ["read_tcx"]
