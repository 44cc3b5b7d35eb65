"""The demo: write a sample athlete's training as real files, import them, list them.

Every file is generated here (FIT through the official SDK's encoder, GPX through lxml);
legload ships no recorded data of anyone.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from legload import api
from legload.samples.fit_writer import encode_fit
from legload.samples.gpx_writer import encode_gpx
from legload.samples.workouts import (
    Workout,
    easy_run,
    hill_repeats,
    intervals,
    long_run,
    strides,
    synthesize,
    treadmill_run,
)

#: the demo's first Monday (a fixed date keeps the demo reproducible)
DEMO_START = dt.datetime(2026, 6, 1, 6, 30, tzinfo=dt.UTC)


def sample_week(monday: dt.datetime, week: int) -> list[Workout]:
    """One week of a recreational runner: easy runs, one quality session, one long run."""
    day = dt.timedelta(days=1)
    quality = (intervals, hill_repeats, strides)[week % 3]
    sessions = [
        easy_run(monday + day, minutes=40 + 2 * week),
        quality(monday + 3 * day),
        easy_run(monday + 4 * day, minutes=35),
        long_run(monday + 6 * day, km=14 + week),
    ]
    if week % 4 == 2:
        sessions[2] = treadmill_run(monday + 4 * day, minutes=40)
    return sessions


def write_sample_files(directory: Path, weeks: int = 12) -> list[Path]:
    """Write ``weeks`` weeks of sample training into ``directory``; return the paths."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for week in range(weeks):
        monday = DEMO_START + dt.timedelta(weeks=week)
        for n, workout in enumerate(sample_week(monday, week)):
            samples = synthesize(workout, seed=week * 10 + n, gps_noise_m=2.0, alt_noise_m=1.5)
            stem = f"{workout.start:%Y-%m-%d}_{workout.name.replace(' ', '_')}"
            if n == 2 and not workout.indoor:  # an older app's GPX now and then
                path = directory / f"{stem}.gpx"
                path.write_bytes(encode_gpx(workout, samples))
            else:
                path = directory / f"{stem}.fit"
                path.write_bytes(encode_fit(workout, samples))
            paths.append(path)
    return paths


def run_demo(directory: Path | None = None, weeks: int = 12) -> dict:
    """Generate, import into a fresh database in ``directory``, and return what happened."""
    directory = Path(directory) if directory else Path(tempfile.mkdtemp(prefix="legload-demo-"))
    files = directory / "files"
    write_sample_files(files, weeks)
    db = directory / "legload.sqlite"
    for stale in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        stale.unlink(missing_ok=True)
    report = api.import_paths([files], db=db)
    return {"dir": str(directory), "db": str(db), "import": report.as_dict()}
