"""Three sample athletes, written as the files a real person would export.

* ``deficit_runner`` — high mileage with long runs, eating well below expenditure, no lifting;
* ``sprinter_lifter`` — sprints, hills and squats/deadlifts twice a week, at maintenance
  with ample protein;
* ``new_runner`` — a brand-new runner whose weekly volume jumps 60 % in week 9.

Each gets FIT runs (official SDK encoder), a few GPX runs, a Hevy-style strength CSV where
they lift, a daily food log and weigh-ins in legload's CSV formats (``docs/formats.md``).
Weights follow the athlete's energy balance at 7,700 kcal per kg (a rough rule, fine for
sample data: the body model estimates it properly).

The weeks end on a given day (by default today, UTC): each week is the 7 days ending on that
weekday, its last day a rest day, so the newest data is always yesterday's and today's log.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from legload.synth.fit_writer import encode_fit
from legload.synth.gpx_writer import encode_gpx
from legload.synth.workouts import (
    Workout,
    easy_run,
    hill_repeats,
    intervals,
    long_run,
    strides,
    synthesize,
)

#: time of day of the morning runs (UTC); strength sessions are at 17:00
RUN_TIME = dt.time(6, 30)
DAY = dt.timedelta(days=1)


@dataclass
class Lift:
    """One exercise in a strength session: Hevy title, sets × reps at a load, reps in reserve."""

    title: str
    sets: int
    reps: int
    weight_kg: float
    rir: int = 2


@dataclass
class SampleAthlete:
    """A sample athlete: profile, weekly plan, intake and the weight they start at."""

    name: str
    profile: dict
    weeks: int
    week_plan: Callable[[dt.datetime, int], list[Workout]]  # (first day at RUN_TIME, week)
    lifting_days: tuple[int, ...] = ()
    lifts: list[Lift] = field(default_factory=list)
    intake_kcal: float = 2500.0
    protein_g_per_kg: float = 1.6
    deficit_kcal: float = 0.0


def _deficit_week(first: dt.datetime, week: int) -> list[Workout]:
    return [easy_run(first, minutes=60), intervals(first + DAY, reps=5, rep_m=1000),
            easy_run(first + 2 * DAY, minutes=70), easy_run(first + 3 * DAY, minutes=50),
            long_run(first + 5 * DAY, km=26 + (week % 3) * 3)]


def _sprinter_week(first: dt.datetime, week: int) -> list[Workout]:
    quality = hill_repeats(first + 2 * DAY, reps=8, grade=0.08) if week % 2 else \
        strides(first + 2 * DAY, reps=8, rep_m=150, speed=7.0)
    return [strides(first, reps=10, rep_m=100, speed=7.5), quality,
            easy_run(first + 4 * DAY, minutes=30)]


def _new_runner_week(first: dt.datetime, week: int) -> list[Workout]:
    minutes = 20 if week < 8 else 32  # 3 × 20 min, then 3 × 32 min: +60 % volume in week 9
    return [easy_run(first + d * DAY, minutes=minutes, speed=2.5) for d in (0, 2, 4)]


ATHLETES = (
    SampleAthlete(
        name="deficit_runner",
        profile={"sex": "female", "birth_year": 1992, "height_m": 1.66, "weight_kg": 58.0,
                 "body_fat_fraction": 0.21, "running_years": 6.0, "lifting_years": 0.0},
        weeks=14, week_plan=_deficit_week, intake_kcal=1750.0, protein_g_per_kg=1.0,
        deficit_kcal=700.0),
    SampleAthlete(
        name="sprinter_lifter",
        profile={"sex": "male", "birth_year": 1996, "height_m": 1.80, "weight_kg": 78.0,
                 "body_fat_fraction": 0.14, "running_years": 4.0, "lifting_years": 3.0},
        weeks=14, week_plan=_sprinter_week, lifting_days=(1, 3),
        lifts=[Lift("Squat (Barbell)", 4, 6, 110.0), Lift("Deadlift (Barbell)", 3, 5, 140.0),
               Lift("Walking Lunge (Dumbbell)", 3, 10, 24.0),
               Lift("Standing Calf Raise (Machine)", 3, 12, 80.0),
               Lift("Nordic Hamstrings Curls", 3, 6, 0.0)],
        intake_kcal=2900.0, protein_g_per_kg=1.9),
    SampleAthlete(
        name="new_runner",
        profile={"sex": "female", "birth_year": 1998, "height_m": 1.70, "weight_kg": 68.0,
                 "body_fat_fraction": 0.28, "running_years": 0.0, "lifting_years": 0.0},
        weeks=12, week_plan=_new_runner_week, intake_kcal=2200.0, protein_g_per_kg=1.2),
)


def first_day(athlete: SampleAthlete, end: dt.date | None = None) -> dt.datetime:
    """The morning the athlete's first week begins: ``athlete.weeks`` weeks ending on ``end``
    (default: today, UTC)."""
    end = end or dt.datetime.now(dt.UTC).date()
    day = end - dt.timedelta(weeks=athlete.weeks) + DAY
    return dt.datetime.combine(day, RUN_TIME, tzinfo=dt.UTC)


def planned_workouts(athlete: SampleAthlete, end: dt.date | None = None) -> list[Workout]:
    """Every workout of the athlete, oldest first (a workout's ``week`` is its index // 7)."""
    start = first_day(athlete, end)
    return [w for week in range(athlete.weeks)
            for w in athlete.week_plan(start + dt.timedelta(weeks=week), week)]


def write_athlete(athlete: SampleAthlete, folder: Path, *, seed: int = 0,
                  end: dt.date | None = None, progress: Callable[[str], None] | None = None,
                  mapper: Callable = map) -> list[Path]:
    """Write all of one athlete's files into ``folder``, the weeks ending on ``end`` (default:
    today, UTC); ``progress`` is called with each file's name. ``mapper`` runs the workouts
    (``map``, or an executor's ``map`` to write them in parallel). Returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    start = first_day(athlete, end)
    jobs = [(workout, folder, seed + week * 10 + n, n == 0 and week % 4 == 3)
            for week in range(athlete.weeks)
            for n, workout in enumerate(athlete.week_plan(start + dt.timedelta(weeks=week),
                                                          week))]
    paths: list[Path] = []
    for path in mapper(write_workout, *zip(*jobs, strict=True)):
        paths.append(path)
        if progress is not None:
            progress(path.name)
    if athlete.lifts:
        paths.append(_write(folder / "workout_data.csv", _hevy_csv(athlete, start)))
    days = athlete.weeks * 7
    paths.append(_write(folder / "intake.csv", _intake_csv(athlete, start, days, seed)))
    paths.append(_write(folder / "weight.csv", _weight_csv(athlete, start, days, seed)))
    return paths


def write_workout(workout: Workout, folder: Path, seed: int, gpx: bool = False) -> Path:
    """One workout as FIT, or as GPX (an older app's export) when ``gpx`` and outdoors."""
    samples = synthesize(workout, seed=seed, gps_noise_m=2.0, alt_noise_m=0.3)
    stem = f"{workout.start:%Y-%m-%d}_{workout.name.replace(' ', '_').replace('/', '-')}"
    if gpx and not workout.indoor:
        return _write(folder / f"{stem}.gpx", encode_gpx(workout, samples))
    return _write(folder / f"{stem}.fit", encode_fit(workout, samples))


def _write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    return path


def _hevy_csv(athlete: SampleAthlete, first: dt.datetime) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
    writer.writerow(["title", "start_time", "end_time", "description", "exercise_title",
                     "superset_id", "exercise_notes", "set_index", "set_type", "weight_kg",
                     "reps", "distance_km", "duration_seconds", "rpe"])
    for week in range(athlete.weeks):
        for weekday in athlete.lifting_days:
            start = first.replace(hour=17, minute=0) + dt.timedelta(weeks=week, days=weekday)
            stamp = f"{start:%d %b %Y, %H:%M}"
            end = f"{start + dt.timedelta(hours=1):%d %b %Y, %H:%M}"
            for lift in athlete.lifts:
                load = lift.weight_kg * (1 + 0.01 * week)  # progressive overload
                for index in range(lift.sets):
                    writer.writerow(["Legs", stamp, end, "", lift.title, "", "", index, "normal",
                                     round(load, 1), lift.reps, "", "", 10 - lift.rir])
    return buffer.getvalue()


def _intake_csv(athlete: SampleAthlete, first: dt.datetime, days: int, seed: int) -> str:
    rng = np.random.default_rng(seed + 1)
    mass = athlete.profile["weight_kg"]
    lines = ["date,energy_kcal,protein_g,carbs_g,fat_g"]
    for d in range(days):
        if rng.random() < 0.08:
            continue  # a day not logged: a gap, not a zero
        kcal = athlete.intake_kcal + rng.normal(0, 150)
        protein = athlete.protein_g_per_kg * mass * (1 + rng.normal(0, 0.08))
        fat = 0.3 * kcal / 9
        carbs = (kcal - 4 * protein - 9 * fat) / 4
        date = (first + d * DAY).date()
        lines.append(f"{date},{kcal:.0f},{protein:.0f},{carbs:.0f},{fat:.0f}")
    return "\n".join(lines) + "\n"


def _weight_csv(athlete: SampleAthlete, first: dt.datetime, days: int, seed: int) -> str:
    rng = np.random.default_rng(seed + 2)
    start_mass = athlete.profile["weight_kg"]
    fat_pct = 100 * athlete.profile["body_fat_fraction"]
    lines = ["date,weight_kg,body_fat_pct"]
    for d in range(0, days, 3):
        trend = start_mass - athlete.deficit_kcal * d / 7700.0
        weight = trend + rng.normal(0, 0.35)
        date = (first + d * DAY).date()
        lines.append(f"{date},{weight:.1f},{fat_pct - 0.02 * athlete.deficit_kcal * d / 7700:.1f}")
    return "\n".join(lines) + "\n"
