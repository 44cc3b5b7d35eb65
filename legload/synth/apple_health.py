"""A generated Apple Health export (``export.xml`` and its workout routes), written as a
stream of any size: the layout of HealthKit export version 14, with the known iOS 16 defects
on request (a malformed ``VisionPrescription`` ATTLIST, stray control characters).

Each day holds heart-rate and step samples (about 90 % of the bytes, as in a real export)
and some active-energy ones, food logged in two apps (MyFitnessPal three times, Lose It! once: the same
meals), a weigh-in every third day and a run every other day (totals as attributes on even
runs, as ``WorkoutStatistics`` on odd ones, as iOS 16 writes them), a strength session
every seventh day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

_DTD = """<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 14 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|VisionPrescription)*)>
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record
  type          CDATA #REQUIRED
  unit          CDATA #IMPLIED
  value         CDATA #IMPLIED
  sourceName    CDATA #REQUIRED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
<!ELEMENT VisionPrescription ((RightEye|LeftEye|Attachment|MetadataEntry)*)>
{vision}
]>
"""
_VISION = "<!ATTLIST VisionPrescription\n  type CDATA #REQUIRED\n  dateIssued CDATA #REQUIRED\n>"
#: iOS 16.0: the ATTLIST lost its closing ">" and its element name (libxml2 refuses it)
_VISION_DEFECT = "<!ATTLIST\n  type CDATA #REQUIRED\n  dateIssued CDATA #REQUIRED\n"
_WATCH = ("device=\"&lt;&lt;HKDevice: 0x283f1c5a0&gt;, name:Apple Watch, manufacturer:Apple "
          "Inc., model:Watch, hardware:Watch6,2, software:9.6.3&gt;\"")
#: a run: 3.0 m/s for 40 minutes
RUN_SPEED_M_S = 3.0
RUN_SECONDS = 2400
#: what each day's food amounts to in the app used most (MyFitnessPal)
MEAL_KCAL, MEAL_PROTEIN_G, MEALS = 700.0, 35.0, 3


@dataclass
class Written:
    """What :func:`write_export` wrote: the figures a reader must find."""

    bytes: int = 0
    days: int = 0
    runs: list[dt.datetime] = field(default_factory=list)
    routes: dict[str, bytes] = field(default_factory=dict)
    strength: int = 0
    weigh_ins: int = 0
    samples: int = 0


def _time(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S +0100")


def _record(kind: str, unit: str, value: float, when: dt.datetime, app: str,
            extra: str = "", child: str = "") -> str:
    head = (f' <Record type="HKQuantityTypeIdentifier{kind}" sourceName="{app}" '
            f'sourceVersion="9.6.3" {extra}unit="{unit}" creationDate="{_time(when)}" '
            f'startDate="{_time(when)}" endDate="{_time(when)}" value="{value:g}"')
    return f"{head}>\n  {child}\n </Record>\n" if child else f"{head}/>\n"


def _samples(day: dt.datetime, count: int) -> Iterator[str]:
    for i in range(count):
        when = day + dt.timedelta(seconds=i * 86400 // count)
        if i % 10 < 5:
            yield _record("HeartRate", "count/min", 60 + i % 90, when, "Runner’s Apple Watch",
                          _WATCH + " ", '<MetadataEntry key="HKMetadataKeyHeartRateMotionContext"'
                          ' value="0"/>')
        elif i % 10 < 9:
            yield _record("StepCount", "count", 10 + i % 50, when, "Runner’s iPhone")
        else:
            yield _record("ActiveEnergyBurned", "Cal", 0.5, when, "Runner’s Apple Watch",
                          _WATCH + " ")


def _food(day: dt.datetime) -> Iterator[str]:
    for meal in range(MEALS):
        when = day + dt.timedelta(hours=8 + 5 * meal)
        yield _record("DietaryEnergyConsumed", "Cal", MEAL_KCAL, when, "MyFitnessPal")
        yield _record("DietaryProtein", "g", MEAL_PROTEIN_G, when, "MyFitnessPal")
    total = MEAL_KCAL * MEALS - 100  # the same meals, written again by a second app
    yield _record("DietaryEnergyConsumed", "kcal", total, day + dt.timedelta(hours=21), "Lose It!")


def _run(start: dt.datetime, route: str | None, statistics: bool) -> str:
    end = start + dt.timedelta(seconds=RUN_SECONDS)
    km = RUN_SPEED_M_S * RUN_SECONDS / 1000
    totals = "" if statistics else (f' totalDistance="{km:g}" totalDistanceUnit="km" '
                                    'totalEnergyBurned="480" totalEnergyBurnedUnit="Cal"')
    lines = [f' <Workout workoutActivityType="HKWorkoutActivityTypeRunning" '
             f'duration="{RUN_SECONDS / 60:g}" durationUnit="min"{totals} '
             f'sourceName="Runner’s Apple Watch" {_WATCH} creationDate="{_time(end)}" '
             f'startDate="{_time(start)}" endDate="{_time(end)}">',
             '  <MetadataEntry key="HKIndoorWorkout" value="0"/>']
    if statistics:
        span = f'startDate="{_time(start)}" endDate="{_time(end)}"'
        lines += [f'  <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" '
                  f'{span} sum="{km:g}" unit="km"/>',
                  f'  <WorkoutStatistics type="HKQuantityTypeIdentifierActiveEnergyBurned" '
                  f'{span} sum="480" unit="Cal"/>']
    if route:
        lines += [f'  <WorkoutRoute sourceName="Runner’s Apple Watch" startDate="{_time(start)}"'
                  f' endDate="{_time(end)}">', f'   <FileReference path="/{route}"/>',
                  "  </WorkoutRoute>"]
    return "\n".join([*lines, " </Workout>\n"])


def _strength(start: dt.datetime) -> str:
    end = start + dt.timedelta(minutes=45)
    return (' <Workout workoutActivityType="HKWorkoutActivityTypeTraditionalStrengthTraining" '
            'duration="45" durationUnit="min" totalEnergyBurned="210" '
            f'totalEnergyBurnedUnit="Cal" sourceName="Runner’s Apple Watch" '
            f'startDate="{_time(start)}" endDate="{_time(end)}">\n </Workout>\n')


def route_gpx(start_utc: dt.datetime, seconds: int = RUN_SECONDS,
              speed_m_s: float = RUN_SPEED_M_S) -> bytes:
    """A route file as the export writes it: one point a second, due north."""
    points = "".join(
        f'<trkpt lon="8.540000" lat="{47.37 + speed_m_s * i / 111_195.0:.7f}"><ele>410.0</ele>'
        f"<time>{(start_utc + dt.timedelta(seconds=i)).strftime('%Y-%m-%dT%H:%M:%SZ')}</time>"
        "</trkpt>\n" for i in range(seconds + 1))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="Apple Health '
            'Export" xmlns="http://www.topografix.com/GPX/1/1">\n<trk><name>Route</name><trkseg>\n'
            f"{points}</trkseg></trk>\n</gpx>\n").encode()


def write_export(out: BinaryIO, *, days: int = 14, samples_per_day: int = 300,
                 first_day: dt.date = dt.date(2025, 3, 3), defects: bool = True,
                 routes: bool = True, target_bytes: int | None = None) -> Written:
    """Write an ``export.xml`` to ``out``: ``days`` days, or as many as reach
    ``target_bytes``. Route files are returned in :attr:`Written.routes` (by the path the
    export names them with), not written."""
    written = Written()

    def put(text: str) -> None:
        data = text.encode()
        out.write(data)
        written.bytes += len(data)

    put('<?xml version="1.0" encoding="UTF-8"?>\n'
        + _DTD.replace("{vision}", _VISION_DEFECT if defects else _VISION)
        + '<HealthData locale="en_US">\n <ExportDate value="2025-06-17 12:00:00 +0100"/>\n')
    day_number = 0
    while day_number < days or (target_bytes and written.bytes < target_bytes):
        day = dt.datetime.combine(first_day + dt.timedelta(days=day_number), dt.time(0, 0))
        put("".join(_samples(day, samples_per_day)))
        put("".join(_food(day)))
        written.samples += samples_per_day
        if day_number % 3 == 0:
            app = "Withings\x0b" if defects else "Withings"  # a stray control character
            put(_record("BodyMass", "kg", 70.0 - day_number * 0.01, day + dt.timedelta(hours=7),
                        app))
            put(_record("BodyFatPercentage", "%", 0.18, day + dt.timedelta(hours=7), "Withings"))
            written.weigh_ins += 1
        if day_number % 2 == 0:
            start = day + dt.timedelta(hours=18)
            name = f"workout-routes/route_{start:%Y-%m-%d_%H.%M}.gpx" if routes else None
            if name:
                written.routes[name] = route_gpx(start - dt.timedelta(hours=1))
            put(_run(start, name, statistics=day_number % 4 == 2))
            written.runs.append(start - dt.timedelta(hours=1))
        if day_number % 7 == 6:
            put(_strength(day + dt.timedelta(hours=12)))
            written.strength += 1
        day_number += 1
    written.days = day_number
    put("</HealthData>\n")
    return written
