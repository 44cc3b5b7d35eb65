"""Garmin Connect "Export Your Data" archive (``DI_CONNECT/…``): the activity index, strength
summaries and weigh-ins beside the FIT files (fields and units in ``docs/formats.md``).

* ``DI-Connect-Fitness/*summarizedActivities.json`` (``[{"summarizedActivitiesExport":
  [...]}]``) names each activity and gives its sport (``activityType``); an entry belongs to
  the FIT file of ``DI-Connect-Uploaded-Files/*.zip`` that starts at its ``startTimeGmt``
  (ms since 1970, UTC) within :data:`MATCH_S`. Its units: ``distance``, ``elevationGain``
  and ``elevationLoss`` in cm, ``duration`` and ``movingDuration`` in ms, ``avgSpeed`` and
  ``maxSpeed`` in (m/s)/10.
* ``summarizedExerciseSets`` (``category``, ``subCategory``, ``sets``, ``reps`` over all
  sets, ``volume`` in g·reps or ``weight`` in g) become strength sets of the activity when
  its FIT file holds no ``set`` messages; those of the FIT are read where it does.
* ``DI-Connect-Wellness/*userBioMetrics.json``: weigh-ins (``weight`` in g, ``bodyFat`` in %,
  ``muscleMass`` in g; the day is ``metaData.calendarDate``). ``muscleMass`` is the skeletal
  muscle mass the Index scale estimates, stored as ``skeletal_muscle_kg`` (not as lean mass:
  fat-free mass also counts water, organs and bone).
* FIT files that are not activities (monitoring, sleep, settings…) are counted and skipped
  as one line.
"""

from __future__ import annotations

import bisect
import json
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from legload.core.exercise_names import classify
from legload.errors import ReadError
from legload.readers.exports.rows import checked
from legload.readers.fit.decode import FIT_EPOCH_S, FitDamage, decode, enum_name
from legload.readers.logs.fitsets import fit_sets
from legload.readers.logs.read import LogRows
from legload.readers.logs.strength import SET_COLUMNS

READER = "garmin_archive"
#: seconds between an index entry's start and its FIT file's within which they are one
MATCH_S = 60
CM_M, MS_S, SPEED_UNIT_M_S = 0.01, 0.001, 10.0
#: Garmin ``activityType`` → (sport, sub_sport)
GARMIN_TYPES = {
    "running": ("running", "generic"), "trail_running": ("running", "trail"),
    "treadmill_running": ("running", "treadmill"), "track_running": ("running", "track"),
    "indoor_running": ("running", "indoor"), "walking": ("walking", "generic"),
    "hiking": ("hiking", "generic"), "cycling": ("cycling", "generic"),
    "road_biking": ("cycling", "road"), "mountain_biking": ("cycling", "mountain"),
    "gravel_cycling": ("cycling", "gravel"), "indoor_cycling": ("cycling", "indoor_cycling"),
    "lap_swimming": ("swimming", "lap_swimming"), "open_water_swimming": ("swimming", "open_water"),
    "strength_training": ("strength", "strength_training"),
}


def is_index(name: str) -> bool:
    """The archive's activity index (by its documented path)."""
    return "DI-Connect-Fitness/" in name and name.endswith("summarizedActivities.json")


def is_biometrics(name: str) -> bool:
    return "DI-Connect-Wellness/" in name and name.endswith("userBioMetrics.json")


@dataclass
class Entry:
    """One activity of the index, in SI units."""

    start_s: float
    name: str | None
    sport: str
    sub_sport: str
    distance_m: float | None
    duration_s: float | None
    ascent_m: float | None
    avg_speed_m_s: float | None
    sets: list[dict] = field(default_factory=list)


@dataclass
class GarminArchive:
    """What a walk over one archive learns: the index, and the FIT files seen."""

    entries: list[Entry] = field(default_factory=list)
    not_activities: int = 0
    fit_sets: list[pd.DataFrame] = field(default_factory=list)
    _starts: list[float] = field(default_factory=list)

    def add_index(self, data: bytes, source: str) -> None:
        self.entries.extend(parse_index(data, source))

    def inspect(self, data: bytes, source: str) -> dict[str, str | None] | None:
        """What the index says of the FIT file ``data`` (its meta: name, sport), or None
        when the file is not an activity (counted). Damaged files pass on to the reader,
        which says what is wrong."""
        try:
            messages = decode(data)
        except FitDamage:
            return {"reader": READER}
        kinds = messages.numbers("file_id").get("type")
        known = kinds is not None and len(kinds) and np.isfinite(kinds[0])
        if known and enum_name("file", kinds[0]) != "activity":  # sleep files: type 49
            self.not_activities += 1
            return None
        start = _start_s(messages)
        entry = self.match(start) if start is not None else None
        sets = fit_sets(messages.table("set"), workout=entry.name or "" if entry else "")
        if len(sets):
            self.fit_sets.append(sets)
            if entry is not None:
                entry.sets = []  # the FIT's own sets win over the summary
        if entry is None:
            return {"reader": READER}
        return {"name": entry.name, "sport": entry.sport, "sub_sport": entry.sub_sport,
                "reader": READER}

    def match(self, start_s: float) -> Entry | None:
        """The entry starting nearest ``start_s``, within :data:`MATCH_S` (a bisection)."""
        if len(self._starts) != len(self.entries):
            self.entries.sort(key=lambda e: e.start_s)
            self._starts = [e.start_s for e in self.entries]
        at = bisect.bisect_left(self._starts, start_s)
        near = [e for e in self.entries[max(at - 1, 0):at + 1]
                if abs(e.start_s - start_s) <= MATCH_S]
        return min(near, key=lambda e: abs(e.start_s - start_s), default=None)

    def strength_rows(self) -> LogRows:
        """Strength sets: the FIT files' own, and the index's summaries of the others."""
        frames = [*self.fit_sets, *(summary_sets(e) for e in self.entries if e.sets)]
        frames = [f for f in frames if len(f)]
        frame = pd.concat(frames, ignore_index=True) if frames else \
            pd.DataFrame({c: pd.Series(dtype=object) for c in SET_COLUMNS})
        return checked(LogRows("strength_sets", frame))


def _start_s(messages) -> float | None:
    for table, column in (("session", "start_time"), ("activity", "timestamp"),
                          ("file_id", "time_created")):
        values = messages.numbers(table).get(column)
        if values is not None and len(values) and np.isfinite(values[0]):
            return float(values[0]) + FIT_EPOCH_S
    return None


def _load(data: bytes, source: str) -> object:
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ReadError(source, f"not JSON ({exc})") from None


def _number(value: object, scale: float = 1.0) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value) * scale


def parse_index(data: bytes, source: str) -> list[Entry]:
    """The entries of a ``summarizedActivities.json`` (entries without a start are left out)."""
    document = _load(data, source)
    blocks = document if isinstance(document, list) else [document]
    entries = []
    for block in blocks:
        items = block.get("summarizedActivitiesExport", []) if isinstance(block, dict) else []
        for item in items if isinstance(items, list) else []:
            start = _number(item.get("startTimeGmt"), MS_S) if isinstance(item, dict) else None
            if start is None:
                continue
            kind = str(item.get("activityType") or "").lower()
            sport, sub = GARMIN_TYPES.get(kind, ("other", "generic"))
            entries.append(Entry(
                start, item.get("name") if isinstance(item.get("name"), str) else None, sport,
                sub, _number(item.get("distance"), CM_M), _number(item.get("duration"), MS_S),
                _number(item.get("elevationGain"), CM_M),
                _number(item.get("avgSpeed"), SPEED_UNIT_M_S),
                [s for s in item.get("summarizedExerciseSets") or [] if isinstance(s, dict)]))
    return entries


def summary_sets(entry: Entry) -> pd.DataFrame:
    """An index entry's ``summarizedExerciseSets`` as set rows (the reps and the weight
    spread evenly over the sets, in whole reps: the summary keeps no more)."""
    rows = []
    stamp = pd.Timestamp(entry.start_s, unit="s", tz="UTC")
    for item in entry.sets:
        raw = _exercise(item)
        count = int(_number(item.get("sets")) or 1)
        reps = _number(item.get("reps"))
        volume, weight = _number(item.get("volume")), _number(item.get("weight"))
        weight_kg = (volume / reps / 1000.0 if volume and reps else
                     weight / 1000.0 if weight is not None else math.nan)
        for index in range(count):
            rows.append({"timestamp": stamp, "workout": entry.name or "", "exercise_raw": raw,
                         "exercise": _library(raw), "set_index": index + 1,
                         "reps": _share(reps, count, index), "weight_kg": weight_kg,
                         "duration_s": math.nan, "distance_m": math.nan, "rir": math.nan,
                         "set_type": "normal"})
    return pd.DataFrame(rows, columns=list(SET_COLUMNS))


def _share(total: float | None, count: int, index: int) -> float:
    """Set ``index``'s whole share of ``total`` reps over ``count`` sets (30 over 4: 8, 8,
    7, 7)."""
    if not total:
        return math.nan
    whole, extra = divmod(round(total), count)
    return float(whole + (index < extra))


def _exercise(item: dict) -> str:
    sub = str(item.get("subCategory") or "").lower()
    category = str(item.get("category") or "unknown").lower()
    return sub if sub and classify(sub).kind != "unknown" else category


def _library(raw: str) -> str | None:
    found = classify(raw)
    return found.exercise if found.kind == "leg" else None


def parse_biometrics(data: bytes, source: str) -> LogRows:
    """Weigh-ins of a ``userBioMetrics.json``: weight, body fat, skeletal muscle mass."""
    document = _load(data, source)
    stamps, values = [], []
    for item in document if isinstance(document, list) else []:
        if not isinstance(item, dict):
            continue
        row = (_number(item.get("weight"), 0.001), _number(item.get("bodyFat"), 0.01),
               _number(item.get("muscleMass"), 0.001))
        day = (item.get("metaData") or {}).get("calendarDate")
        if all(v is None for v in row) or not isinstance(day, str):
            continue
        stamps.append(pd.Timestamp(day[:10], tz="UTC"))
        values.append([math.nan if v is None else v for v in row])
    table = np.asarray(values, float).reshape(-1, 3)
    frame = pd.DataFrame({"timestamp": pd.to_datetime(stamps, utc=True),
                          "weight_kg": table[:, 0], "body_fat_fraction": table[:, 1],
                          "skeletal_muscle_kg": table[:, 2]})
    return checked(LogRows("body_measurements", frame))

