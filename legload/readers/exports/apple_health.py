"""Apple Health export (``export.zip``, its unzipped ``apple_health_export/`` folder, or
``export.xml`` alone): workouts, weigh-ins and daily food intake, read in one streaming
pass (:mod:`.apple_stream`; the fields and units are listed in ``docs/formats.md``).

* A ``Workout`` with a route becomes its ``workout-routes/route_*.gpx`` read by the GPX
  reader, with the workout's sport; one without a route an activity without samples, whose
  totals come from the workout's attributes or its ``WorkoutStatistics`` (iOS 16+). Either
  way its content identifies it, so re-importing an export adds nothing, and the same run
  from a FIT or GPX file is linked to it as any cross-format duplicate.
* ``BodyMass``, ``BodyFatPercentage`` and ``LeanBodyMass`` become weigh-ins, one row per
  measurement time: the lean (fat-free) mass is stored as measured (``lean_mass_kg``, shown
  beside the projection) and gives the body fat where only it was measured.
* ``DietaryEnergyConsumed``, ``DietaryProtein``, ``DietaryCarbohydrates`` and
  ``DietaryFatTotal`` are summed per local day, each from one app per day: the one the
  user logged that type in most often (several apps writing the same meal to Health would
  otherwise count it twice).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from lxml import etree

from legload.core.activity import ActivityColumns, default_name, summarize
from legload.errors import ReadError
from legload.readers.exports.apple_stream import iter_elements
from legload.readers.exports.rows import checked, log_content
from legload.readers.logs.read import LogRows

READER = "apple_health"
_HK = "HKWorkoutActivityType"
#: workout type (without "HKWorkoutActivityType") → (sport, sub_sport)
WORKOUT_SPORTS = {
    "Running": ("running", "generic"), "Walking": ("walking", "generic"),
    "Hiking": ("hiking", "generic"), "Cycling": ("cycling", "generic"),
    "Swimming": ("swimming", "generic"),
    "TraditionalStrengthTraining": ("strength", "strength_training"),
    "FunctionalStrengthTraining": ("strength", "strength_training"),
    "CrossTraining": ("other", "generic"), "HighIntensityIntervalTraining": ("other", "generic"),
    "Elliptical": ("other", "elliptical"), "StairClimbing": ("other", "stair_climbing"),
    "Rowing": ("other", "indoor_rowing"),
}
_LENGTH_M = {"m": 1.0, "km": 1000.0, "cm": 0.01, "mi": 1609.344, "yd": 0.9144, "ft": 0.3048}
_MASS_KG = {"kg": 1.0, "g": 0.001, "lb": 0.45359237, "st": 6.35029318}
_ENERGY_KCAL = {"kcal": 1.0, "Cal": 1.0, "cal": 0.001, "kJ": 1 / 4.184, "J": 1 / 4184.0}
_DURATION_S = {"s": 1.0, "min": 60.0, "hr": 3600.0, "h": 3600.0, "d": 86400.0}
_INTAKE = {"HKQuantityTypeIdentifierDietaryEnergyConsumed": ("energy_kcal", _ENERGY_KCAL),
           "HKQuantityTypeIdentifierDietaryProtein": ("protein_g", {"g": 1.0, "mg": 0.001}),
           "HKQuantityTypeIdentifierDietaryCarbohydrates": ("carbs_g", {"g": 1.0, "mg": 0.001}),
           "HKQuantityTypeIdentifierDietaryFatTotal": ("fat_g", {"g": 1.0, "mg": 0.001})}
_BODY = {"HKQuantityTypeIdentifierBodyMass": "weight_kg",
         "HKQuantityTypeIdentifierLeanBodyMass": "lean_kg",
         "HKQuantityTypeIdentifierBodyFatPercentage": "fat"}


@dataclass
class Workout:
    """One workout: its element as XML (the content of an activity without samples), its
    route file as the export names it, and its sport and start."""

    data: bytes
    route: str | None
    sport: str
    sub_sport: str
    start: str


@dataclass
class AppleExport:
    """What one pass over ``export.xml`` keeps."""

    workouts: list[Workout] = field(default_factory=list)
    body: dict[str, dict[str, float]] = field(default_factory=dict)
    intake: dict[tuple[str, str, str], float] = field(default_factory=dict)
    logged: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)  # unreadable records, by table


def scan_export(chunks: Iterable[bytes], source: str) -> AppleExport:
    """Read the bytes of an ``export.xml`` (any number of chunks) in one pass."""
    found = AppleExport()
    for element in iter_elements(chunks, source):
        if element.tag == "Workout":
            workout = _workout(element)
            if workout is not None:
                found.workouts.append(workout)
        else:
            _record(element, found)
    return found


def _workout(element: etree._Element) -> Workout | None:
    kind = element.get("workoutActivityType", "")
    start = element.get("startDate")
    if not start:
        return None
    sport, sub = WORKOUT_SPORTS.get(kind.removeprefix(_HK), ("other", "generic"))
    route = element.find("WorkoutRoute/FileReference")
    return Workout(etree.tostring(element, with_tail=False), None if route is None else route.get("path"),
                   sport, sub, start)


def _record(element: etree._Element, found: AppleExport) -> None:
    kind, unit = element.get("type", ""), element.get("unit", "")
    start, app = element.get("startDate", ""), element.get("sourceName", "")
    table = "intake_days" if kind in _INTAKE else "body_measurements"
    try:
        value = float(element.get("value", ""))
    except ValueError:
        value = None
    if kind in _INTAKE and value is not None and len(start) >= 10 and \
            unit in _INTAKE[kind][1]:
        column, units = _INTAKE[kind]
        key = (column, start[:10], app)
        found.intake[key] = found.intake.get(key, 0.0) + value * units[unit]
        found.logged[column, app] += 1
    elif kind in _BODY and value is not None and (unit in _MASS_KG or _BODY[kind] == "fat"):
        column = _BODY[kind]
        scaled = value * _MASS_KG[unit] if column != "fat" else \
            value / 100.0 if unit == "%" and value > 1.0 else value
        found.body.setdefault(start, {})[column] = scaled
    else:
        found.skipped[table] += 1


def parse_time(text: str | None) -> pd.Timestamp | None:
    """An export's time ("2025-05-08 17:26:15 +0100") in UTC, or None."""
    if not text:
        return None
    try:
        return pd.Timestamp(dt.datetime.strptime(text.strip(), "%Y-%m-%d %H:%M:%S %z")) \
            .tz_convert("UTC")
    except ValueError:
        return None


def body_rows(found: AppleExport, source: str) -> LogRows:
    """The weigh-ins: weight, body fat and lean mass per measurement time."""
    stamps, weights, fats, leans = [], [], [], []
    for when, values in found.body.items():
        stamp = parse_time(when)
        weight = values.get("weight_kg", np.nan)
        fat = values.get("fat", np.nan)
        lean = values.get("lean_kg", np.nan)
        if np.isnan(fat) and not np.isnan(lean) and weight > 0:
            fat = 1.0 - lean / weight
        if stamp is None or (np.isnan(weight) and np.isnan(fat) and np.isnan(lean)):
            continue
        stamps.append(stamp)
        weights.append(weight)
        fats.append(fat)
        leans.append(lean)
    frame = pd.DataFrame({"timestamp": pd.to_datetime(stamps, utc=True),
                          "weight_kg": np.asarray(weights, float),
                          "body_fat_fraction": np.asarray(fats, float),
                          "lean_mass_kg": np.asarray(leans, float)})
    return _with_skipped(found, checked(LogRows(
        "body_measurements", frame.sort_values("timestamp", kind="stable").reset_index(drop=True))))


def intake_rows(found: AppleExport) -> LogRows:
    """Daily intake: per day and type, the sum logged in the app used most for that type."""
    days: dict[str, dict[str, float]] = defaultdict(dict)
    chosen: dict[tuple[str, str], int] = {}
    for (column, day, app), total in found.intake.items():
        rank = found.logged[column, app]
        if rank > chosen.get((column, day), -1):
            chosen[column, day] = rank
            days[day][column] = total
    columns = ("energy_kcal", "protein_g", "carbs_g", "fat_g")
    ordered = sorted(days)
    frame = pd.DataFrame({"date": pd.to_datetime(pd.Series(ordered, dtype=object)).dt.date,
                          **{c: [days[d].get(c, np.nan) for d in ordered] for c in columns}})
    return _with_skipped(found, checked(LogRows("intake_days", frame)))


def _with_skipped(found: AppleExport, rows: LogRows) -> LogRows:
    if found.skipped[rows.table]:
        rows.warnings.append(f"{found.skipped[rows.table]} record(s) skipped: no number, or a "
                             "unit legload does not know")
    return rows


def read_apple_workout(data: bytes, source: str) -> list[ActivityColumns]:
    """One ``<Workout>`` element (as :func:`apple_members` hands it over) → an activity
    without samples, its totals from the attributes, else from ``WorkoutStatistics``."""
    from legload.readers.xml.safe import parse

    element = parse(data, source)
    start, end = parse_time(element.get("startDate")), parse_time(element.get("endDate"))
    if start is None:
        raise ReadError(source, "workout without a readable startDate")
    sport, sub = WORKOUT_SPORTS.get(element.get("workoutActivityType", "").removeprefix(_HK),
                                    ("other", "generic"))
    duration = _amount(element.get("duration"), element.get("durationUnit") or "min",
                       _DURATION_S)
    if duration is None and end is not None:
        duration = (end - start).total_seconds()
    distance = _amount(element.get("totalDistance"), element.get("totalDistanceUnit"),
                       _LENGTH_M) or _statistic(element, "Distance", _LENGTH_M)
    energy = _amount(element.get("totalEnergyBurned"), element.get("totalEnergyBurnedUnit"),
                     _ENERGY_KCAL) or _statistic(element, "ActiveEnergyBurned", _ENERGY_KCAL)
    columns = _ends(start, duration or 0.0, distance or 0.0)
    result = summarize(columns, fmt=READER, sport=sport, sub_sport=sub, device=element.get(
        "sourceName"), totals={"start": start, "elapsed_s": duration, "moving_s": duration,
                               "distance_m": distance or 0.0})
    if energy:
        result["energy_kcal"] = round(energy, 1)
    return [ActivityColumns(columns=columns, laps=None, summary=result)]


def _ends(start: pd.Timestamp, duration_s: float, distance_m: float) -> dict[str, np.ndarray]:
    """The two samples a workout's totals amount to: its start and its end, with the
    distance covered (the stream between them is at the average speed)."""
    first = np.datetime64(start.tz_convert(None).as_unit("ns").to_datetime64())
    return {"timestamp": np.array([first, first + np.timedelta64(round(duration_s * 1e9), "ns")]),
            "distance_m": np.array([0.0, distance_m])}


def _amount(value: str | None, unit: str | None, units: dict[str, float]) -> float | None:
    try:
        number = float(value) if value else None
    except ValueError:
        return None
    if number is None or unit not in units:
        return None
    return number * units[unit]


def _statistic(element: etree._Element, prefix: str, units: dict[str, float]) -> float | None:
    """The sum of the workout's statistics whose type starts with ``prefix`` (e.g. all the
    distances: walking-running, cycling)."""
    total = None
    for stat in element.iterfind("WorkoutStatistics"):
        if stat.get("type", "").startswith("HKQuantityTypeIdentifier" + prefix):
            amount = _amount(stat.get("sum"), stat.get("unit"), units)
            if amount is not None:
                total = (total or 0.0) + amount
    return total


def workout_meta(workout: Workout) -> dict[str, str | None]:
    """What a workout says of its route file: sport and a name ("Morning Run")."""
    start = parse_time(workout.start)
    return {"name": default_name(workout.sport, start), "sport": workout.sport,
            "sub_sport": workout.sub_sport, "reader": READER}


def apple_members(chunks: Callable[[], Iterable[bytes]], source: str,
                  read_route: Callable[[str], tuple[str, bytes] | None]) -> Iterator:
    """The workouts and logs of the export whose ``export.xml`` bytes ``chunks()`` gives,
    as :class:`~legload.readers.exports.archive.Member` s (or one ReadError); a workout's
    route is read through ``read_route(path named in the export)``: (its source, its bytes),
    or None when it is not there (the workout is then read without its track)."""
    from legload.readers.exports.archive import Member

    try:
        found = scan_export(chunks(), source)
    except ReadError as exc:
        yield exc
        return
    for workout in found.workouts:
        route = read_route(workout.route) if workout.route else None
        if route is not None:
            yield Member(route[0], lambda r=route[1]: r, "activity", workout_meta(workout))
        else:
            yield Member(f"{source}#workout {workout.start}", lambda w=workout: w.data,
                         "activity", {"reader": READER})
    for rows, what in ((body_rows(found, source), "weigh-ins"), (intake_rows(found), "intake")):
        if len(rows.frame):
            yield Member(f"{source}#{what}", lambda r=rows: log_content(r), "log",
                         {"reader": READER}, rows=rows)

