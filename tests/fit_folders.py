"""Folders of generated FIT runs for the import tests (written by the sample generator)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from legload.synth.fit_writer import encode_fit
from legload.synth.workouts import easy_run, synthesize


def write_easy_runs(folder: Path, n: int, *, minutes: float, start: dt.datetime) -> list[Path]:
    """``n`` easy runs on consecutive days from ``start``, ``run_000.fit`` …, each its own seed."""
    paths = []
    for i in range(n):
        workout = easy_run(start + dt.timedelta(days=i), minutes=minutes)
        path = folder / f"run_{i:03d}.fit"
        path.write_bytes(encode_fit(workout, synthesize(workout, seed=i)))
        paths.append(path)
    return paths
