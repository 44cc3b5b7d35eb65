"""Generated athletes for the ``legload batch`` tests (no tests here): three athletes of four
runs each, written as real FIT files with their food and weight logs; one has a profile,
one lifts, one has a damaged file and a copy of a run under another name."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from legload.synth.athletes import DAY, Lift, SampleAthlete, write_athlete
from legload.synth.workouts import easy_run, hill_repeats

UNTIL = dt.date(2026, 11, 29)
NAMES = ("alice", "bob", "carol")
RUNS_EACH = 4
PROFILE = 'sex = "female"\nbirth_year = 1990\nheight_m = 1.68\nweight_kg = 60.0\n'
BROKEN = "carol/broken.fit"


def _week(first: dt.datetime, _week_index: int):
    return [easy_run(first, minutes=12), hill_repeats(first + 2 * DAY, reps=3)]


def write_athletes(root: Path) -> Path:
    """Write the three athletes under ``root`` (one sub-folder each); returns ``root``."""
    for i, name in enumerate(NAMES):
        lifts = [Lift("Squat (Barbell)", 3, 6, 80.0)] if name == "bob" else []
        athlete = SampleAthlete(name=name, profile={"weight_kg": 60.0 + 5 * i,
                                                    "body_fat_fraction": 0.2},
                                weeks=RUNS_EACH // 2, week_plan=_week, lifting_days=(1,),
                                lifts=lifts)
        write_athlete(athlete, root / name, seed=i, end=UNTIL)
    (root / "alice" / "athlete.toml").write_text(PROFILE, encoding="utf-8")
    (root / BROKEN).write_bytes(b"\x0e\x10\x00\x00" + bytes(60))
    first_run = sorted((root / "bob").glob("*.fit"))[0]
    shutil.copyfile(first_run, root / "bob" / "zz_copy_of_first_run.fit")
    return root
