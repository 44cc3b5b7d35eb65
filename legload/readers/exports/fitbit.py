"""Fitbit account exports: Google Takeout ``Fitbit/Global Export Data`` and the older
user-site export, whose files share one layout.

* ``weight-<date>.json``: ``[{"logId", "weight", "bmi", "fat"?, "date": "11/13/15",
  "time": "23:59:59", "source"?}]``. ``weight`` is in the account's unit and the file does
  not name it: it is the one of kilograms and pounds whose height from the BMI
  (``h = sqrt(weight_kg / bmi)``) is an adult's (1.35–2.25 m) for the file's weigh-ins; the
  two readings differ by sqrt(2.2046) = 1.48 in height, so at most one fits, except for very
  tall or very short people, whose file is refused (one line naming it). ``fat`` is in %.
* ``food_logs-<date>.json``: ``[{"logDate": "2015-05-22", "loggedFood": {"calories", ...},
  "nutritionalValues"?: {"calories", "protein", ...}}]``: calories (and protein where every
  entry of the day gives it) summed per day.
* ``exercise-<n>.json``: ``[{"activityName", "startTime": "05/19/15 02:01:19",
  "duration"/"activeDuration" (ms), "distance", "distanceUnit" ("Kilometer", "Mile"),
  "calories", "elevationGain" (m), "tcxLink"?}]``: one activity each, without samples (a
  summary: sport, start, duration, distance, ascent); the GPS track, when the account has
  one, is the TCX Fitbit serves at ``tcxLink`` — import that file too and the two are one
  activity.

Fitbit writes local times without a zone: they are stored as if they were UTC (a warning
says so), as for the other logs. Where an exercise carries its offset (the Web API's and newer
exports' ISO ``originalStartTime``/``startTime``, "2019-01-03T12:08:42.000-08:00") the start is
stored in UTC with it. A zone-less exercise start still merges with the FIT/GPX/TCX of the same
run whatever the runner's offset (:mod:`legload.store.merge`).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from legload.core.activity import ActivityColumns
from legload.core.units import LB_KG, MILE_M
from legload.errors import ReadError
from legload.readers.logs.csvsniff import LOCAL_TIME_WARNING

#: adult heights (m) a BMI may give for the unit of a weight file to be accepted
HEIGHT_RANGE_M = (1.35, 2.25)
#: Fitbit activityName (lower case) → (sport, sub_sport)
FITBIT_SPORTS = {
    "run": ("running", None), "running": ("running", None), "treadmill": ("running", "treadmill"),
    "walk": ("walking", None), "walking": ("walking", None), "hike": ("hiking", None),
    "hiking": ("hiking", None), "outdoor bike": ("cycling", None), "bike": ("cycling", None),
    "bicycling": ("cycling", None), "spinning": ("cycling", "indoor"),
    "swim": ("swimming", None), "swimming": ("swimming", None),
    "weights": ("strength", None), "weight lifting": ("strength", None),
}
#: a key every Fitbit weight, food or exercise record starts with
_FITBIT_KEYS = re.compile(rb'"(logId|logDate|activityName)"\s*:')
_LOCAL_START = ("exercise start times carry no time zone: they were stored as UTC (a local "
                "18:00 stays 18:00)")
_DISTANCE_UNITS = {"kilometer": 1000.0, "kilometers": 1000.0, "km": 1000.0, "mile": MILE_M,
                   "miles": MILE_M, "meter": 1.0, "meters": 1.0}


@dataclass
class FitbitLog:
    """Rows of a Fitbit weight or food file for a log table (``body_measurements`` or
    ``intake_days``), with warnings."""

    table: str
    frame: pd.DataFrame
    warnings: list[str] = field(default_factory=list)


def _records(data: bytes) -> list[dict] | None:
    """The list of objects of a Fitbit JSON file, or None when it is not one (other JSON,
    such as a Garmin archive's, is told from its first bytes, never parsed whole)."""
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"[") or not _FITBIT_KEYS.search(data[:4096]):
        return None
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        return None
    return value


def fitbit_kind(records: list[dict] | None) -> str | None:
    """``weight``, ``food`` or ``exercise``: which Fitbit file the records are, or None."""
    if not records:
        return None
    keys = set(records[0])
    if {"logId", "weight", "date"} <= keys:
        return "weight"
    if {"logDate", "loggedFood"} <= keys:
        return "food"
    if {"activityName", "startTime"} <= keys and ({"duration", "activeDuration"} & keys):
        return "exercise"
    return None


def is_fitbit_exercise(data: bytes) -> bool:
    """True for a Fitbit ``exercise-*.json`` file (from its content)."""
    return data[:64].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"[") and \
        fitbit_kind(_records(data)) == "exercise"


def _float(value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return math.nan
    return number if math.isfinite(number) else math.nan


def weight_unit(weights: np.ndarray, bmis: np.ndarray, source: str) -> str:
    """``"kg"`` or ``"lb"``: the unit whose BMI heights are an adult's (module docstring)."""
    ok = np.isfinite(weights) & np.isfinite(bmis) & (bmis > 0) & (weights > 0)
    if not ok.any():
        raise ReadError(source, "the weight unit cannot be told: no weigh-in has a BMI")
    low, high = HEIGHT_RANGE_M
    fits = []
    for unit, factor in (("kg", 1.0), ("lb", LB_KG)):
        height = float(np.median(np.sqrt(weights[ok] * factor / bmis[ok])))
        if low <= height <= high:
            fits.append(unit)
    if len(fits) != 1:
        raise ReadError(source, "the weight unit cannot be told from the BMI (the heights it "
                                f"gives in kg and in lb are {'both' if fits else 'neither'} "
                                "an adult's)")
    return fits[0]


def fitbit_weights(records: list[dict], source: str) -> FitbitLog:
    """Weigh-ins of a ``weight-*.json`` file, as body-log rows (see the module docstring)."""
    weights = np.array([_float(r.get("weight")) for r in records])
    bmis = np.array([_float(r.get("bmi")) for r in records])
    unit = str(records[0].get("unit", records[0].get("weightUnit", ""))).lower()
    if unit not in ("kg", "lb"):
        unit = weight_unit(weights, bmis, source)
    when = pd.to_datetime([f"{r.get('date', '')} {r.get('time', '00:00:00')}" for r in records],
                          format="%m/%d/%y %H:%M:%S", errors="coerce")
    fat = np.array([_float(r.get("fat")) for r in records]) / 100.0
    frame = pd.DataFrame({"timestamp": pd.DatetimeIndex(when).tz_localize("UTC"),
                          "weight_kg": weights * (LB_KG if unit == "lb" else 1.0),
                          "body_fat_fraction": fat})
    note = f"weights read as {'pounds' if unit == 'lb' else 'kilograms'}"
    return FitbitLog("body_measurements", frame, [LOCAL_TIME_WARNING, note])


def _nutrient(entry: dict, name: str) -> float:
    values = entry.get("nutritionalValues")
    if isinstance(values, dict) and name in values:
        return _float(values[name])
    food = entry.get("loggedFood")
    return _float(food.get(name)) if isinstance(food, dict) else math.nan


def fitbit_food(records: list[dict], source: str) -> FitbitLog:
    """Daily calories (and protein) of a ``food_logs-*.json`` file, as intake-log rows."""
    rows = pd.DataFrame({
        "date": pd.to_datetime([r.get("logDate") for r in records], format="%Y-%m-%d",
                               errors="coerce"),
        "energy_kcal": [_nutrient(r, "calories") for r in records],
        "protein_g": [_nutrient(r, "protein") for r in records],
    })
    warnings = []
    undated = rows["date"].isna()
    if undated.all():
        raise ReadError(source, "no readable logDate in this Fitbit food log")
    if undated.any():
        warnings.append(f"{int(undated.sum())} food entr(y/ies) without a readable logDate "
                        "skipped")
    days = rows[~undated].groupby("date", sort=True).agg(
        energy_kcal=("energy_kcal", lambda s: s.sum(min_count=1)),
        protein_g=("protein_g", lambda s: s.sum() if s.notna().all() else math.nan),
    ).reset_index()
    days["carbs_g"] = math.nan
    days["fat_g"] = math.nan
    days["date"] = days["date"].astype("datetime64[ns]")
    return FitbitLog("intake_days", days, warnings)


def read_fitbit_log(data: bytes, source: str) -> FitbitLog:
    """The rows of a Fitbit weight or food JSON file; ReadError for anything else."""
    records = _records(data)
    kind = fitbit_kind(records)
    if kind == "weight":
        return fitbit_weights(records or [], source)
    if kind == "food":
        return fitbit_food(records or [], source)
    raise ReadError(source, "not a Fitbit weight or food log")


def exercise_start(record: dict) -> pd.Timestamp | None:
    """The start of an exercise: in UTC where ``originalStartTime`` or ``startTime`` is an ISO
    time with its offset, else the zone-less local ``startTime`` ("05/19/15 02:01:19")."""
    for key in ("originalStartTime", "startTime"):
        text = record.get(key)
        if isinstance(text, str) and "T" in text:
            zoned = pd.to_datetime(text, format="ISO8601", errors="coerce")
            if not pd.isna(zoned) and zoned.tzinfo is not None:
                return zoned.tz_convert("UTC")
    start = pd.to_datetime(record.get("startTime"), format="%m/%d/%y %H:%M:%S", errors="coerce")
    return None if pd.isna(start) else start


def _exercise(record: dict, source: str, index: int) -> ActivityColumns | None:
    start = exercise_start(record)
    if start is None:
        return None
    name = str(record.get("activityName") or "")
    sport, sub_sport = FITBIT_SPORTS.get(name.strip().lower(), ("other", None))
    duration = _float(record.get("duration")) / 1000.0
    moving = _float(record.get("activeDuration")) / 1000.0
    unit = str(record.get("distanceUnit") or "kilometer").strip().lower()
    distance = _float(record.get("distance")) * _DISTANCE_UNITS.get(unit, math.nan)
    summary = {
        "format": "fitbit", "sport": sport, "sub_sport": sub_sport, "name": name or None,
        "start": start.isoformat(), "duration_s": duration if duration > 0 else None,
        "moving_s": moving if moving > 0 else None,
        "distance_m": distance if distance > 0 else None,
        "ascent_m": _float(record.get("elevationGain")) or None, "samples": 0,
        "device": (record.get("source") or {}).get("name") if isinstance(
            record.get("source"), dict) else None,
        "channels": [],
    }
    summary = {k: (None if isinstance(v, float) and math.isnan(v) else v)
               for k, v in summary.items()}
    return ActivityColumns(columns={}, laps=None, summary=summary,
                           warnings=[] if start.tzinfo else [f"{source}: {_LOCAL_START}"],
                           source=source,
                           index=index)


def read_fitbit_exercises(data: bytes, source: str) -> list[ActivityColumns]:
    """The activities of an ``exercise-*.json`` file (summaries, no samples)."""
    records = _records(data)
    if fitbit_kind(records) != "exercise":
        raise ReadError(source, "not a Fitbit exercise file")
    found = [_exercise(r, source, i) for i, r in enumerate(records or [])]
    activities = [a for a in found if a is not None]
    if not activities:
        raise ReadError(source, "no exercise with a readable startTime")
    return activities


__all__ = [
    "FITBIT_SPORTS", "HEIGHT_RANGE_M", "FitbitLog", "exercise_start", "fitbit_food", "fitbit_kind",
    "fitbit_weights", "is_fitbit_exercise", "read_fitbit_exercises", "read_fitbit_log",
    "weight_unit",
]
