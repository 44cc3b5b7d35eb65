"""Everyday commands on a long history: start-up, listing, reporting and importing.

A history of ``--years`` years of running (five runs a week, about 2,600 activities in ten
years: easy runs, intervals and long runs as FIT files, written by the sample generator
:mod:`legload.synth`) is generated once into a folder under the system temp folder (kept for
the next run) and imported into a fresh database with ``legload import``. Then each command
runs as a whole process, ``--runs`` times, interleaved with ``python -c pass`` (the floor
of any Python program on this machine), and the median wall time counts:

* ``legload --help`` and ``legload --version`` (target 0.15 s), ``athlete show``;
* ``activities --json`` (target 0.4 s);
* ``report --json`` right after the import (target 1.5 s): the import stored every
  activity's analysis, so the report computes none (checked: the stored analyses are the
  same rows before and after);
* the import itself (once) against the FIT decode time of its files (target 2×): every
  file decoded by :func:`legload.readers.fit.decode.decode` in one process; and against
  reading and analysing them in one process (what the import's workers do per file). The
  import's CPU seconds (user + sys of its process and its workers, from
  ``getrusage(RUSAGE_CHILDREN)``) give its wall floor on this machine: CPU seconds over the
  CPUs, the best import / decode ratio its per-file CPU allows with every CPU busy.

    .venv/bin/python bench/everyday.py [--years 10] [--runs 5] [--workers N] [--db FILE]

Each line gives the median, the median less ``python -c pass``, the ratio to it and the
target; then the import against the FIT decode of the same files (target 2x), against
reading and analysing them in one process, and the import's CPU seconds and wall floor.

Byte-code is written as usual (``PYTHONDONTWRITEBYTECODE`` is cleared for the commands) and
each command runs once before it is timed, as on a machine where legload is installed.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parent.parent
ATHLETE = "runner"
UNTIL = "2026-11-29"


def history(years: float, workers: int) -> Path:
    """The generated history (written once, then reused): FIT runs, one per file."""
    import datetime as dt

    from legload.synth.athletes import ATHLETES, write_athlete

    folder = Path(tempfile.gettempdir()) / f"legload-bench-everyday-{years:g}y"
    done = folder / ".complete"
    if done.exists():
        return folder
    runner = dataclasses.replace(ATHLETES[0], weeks=round(52 * years))
    with ProcessPoolExecutor(workers) as pool:
        write_athlete(runner, folder, end=dt.date.fromisoformat(UNTIL), mapper=pool.map)
    for log in ("intake.csv", "weight.csv", "workout_data.csv"):  # activities only
        (folder / log).unlink(missing_ok=True)
    done.write_text("")
    return folder


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(REPO)
    return env


def _run(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=_env(), check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def legload(*args: str) -> list[str]:
    return [sys.executable, "-m", "legload", *args]


def in_process_seconds(folder: Path) -> tuple[float, float, int]:
    """Seconds to decode every FIT file of the history in this process (bytes read first),
    and to read and analyse them (:func:`legload.pipeline.analyse_content`, what an import
    does per file before writing it)."""
    from legload.pipeline import analyse_content
    from legload.readers.fit.decode import decode

    files = [(path.read_bytes(), str(path)) for path in sorted(folder.glob("*.fit"))]
    start = time.perf_counter()
    for data, _ in files:
        decode(data)
    decoded = time.perf_counter()
    for data, source in files:
        analyse_content(data, source, mass_kg=58.0)
    return decoded - start, time.perf_counter() - decoded, len(files)


def stored_analyses(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT activity_id, model_version FROM activity_analyses "
                            "ORDER BY activity_id, model_version").fetchall()


def timed(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """Median wall seconds of each command, the commands interleaved run by run."""
    for argv in commands.values():  # warm: byte-code written, files in the page cache
        _run(argv)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            times[name].append(_run(argv))
    return {name: statistics.median(values) for name, values in times.items()}


TARGETS = {"legload --help": 0.15, "legload --version": 0.15,
           "legload activities --json": 0.4, "legload report --json": 1.5}


class Import(NamedTuple):
    wall_s: float
    cpu_s: float  # user + sys of the import process and its workers


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def imported(folder: Path, db: Path) -> Import | None:
    """Wall and CPU seconds to import the history into ``db`` (None: ``db`` held it already).
    The CPU counts the children reaped meanwhile: the import, which reaps its workers (their
    CPU folded into its own), once :func:`_run` has waited for it."""
    if db.exists():
        return None
    _run(legload("athlete", "set", "--name", ATHLETE, "--weight-kg", "58", "--db", str(db)))
    cpu = _children_cpu()
    wall_s = _run(legload("import", str(folder), "--db", str(db), "--json"))
    return Import(wall_s, _children_cpu() - cpu)


def commands(db: Path) -> dict[str, list[str]]:
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "legload --help": legload("--help"),
        "legload --version": legload("--version"),
        "legload athlete show": legload("athlete", "show", "--db", str(db)),
        "legload activities --json": legload("activities", "--db", str(db), "--json"),
        "legload report --json": legload("report", "--db", str(db), "--json", "--until", UNTIL),
    }


def print_commands(medians: dict[str, float]) -> None:
    floor = medians["python -c pass"]
    print(f"{'command':<28}{'median s':>10}{'- python':>10}{'/ python':>10}{'target s':>10}  ok")
    for name, seconds in medians.items():
        target = TARGETS.get(name)
        ok = "" if target is None else ("yes" if seconds <= target else "NO")
        print(f"{name:<28}{seconds:>10.3f}{seconds - floor:>10.3f}{seconds / floor:>9.1f}x"
              f"{'' if target is None else f'{target:.2f}':>10}  {ok}")


def print_import(run: Import | None, decode_s: float, analyse_s: float, n_files: int) -> None:
    if run is None:
        print("\nimport: not timed (the database given with --db held the history already)")
        return
    import_s, cpus = run.wall_s, os.cpu_count() or 1
    ratio = import_s / decode_s
    print(f"\nimport {import_s:.1f} s (one run, analyses included) / FIT decode {decode_s:.1f} s "
          f"of the same files = {ratio:.2f}x (target 2x): {'yes' if ratio <= 2 else 'NO'}")
    print(f"import {import_s:.1f} s / read and analyse in one process {analyse_s:.1f} s = "
          f"{import_s / analyse_s:.2f}x (with {cpus} CPUs; decode alone is "
          f"{100 * decode_s / analyse_s:.0f} % of read and analyse)")
    floor = run.cpu_s / cpus
    print(f"import CPU {run.cpu_s:.1f} s (user + sys, workers included) = "
          f"{1000 * run.cpu_s / n_files:.1f} ms per file; wall floor with all {cpus} CPUs busy "
          f"{floor:.1f} s = {floor / decode_s:.2f}x the FIT decode")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=float, default=10.0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="processes writing the history")
    parser.add_argument("--db", type=Path, help="database to import the history into and "
                        "keep (reused as it is when it exists: the import is then not timed)")
    args = parser.parse_args()
    folder = history(args.years, args.workers)
    with tempfile.TemporaryDirectory(prefix="legload-bench-everyday-") as tmp:
        db = args.db or Path(tmp) / "legload.sqlite"
        run = imported(folder, db)
        decode_s, analyse_s, n_files = in_process_seconds(folder)
        before = stored_analyses(db)
        medians = timed(commands(db), args.runs)
        computed = stored_analyses(db) != before
    print(f"\n{args.years:g} years: {n_files} FIT files, {len(before)} stored analyses; "
          f"median of {args.runs} runs, wall seconds, each command a whole process "
          f"(python -c pass is the floor of any Python program here)\n")
    print_commands(medians)
    print_import(run, decode_s, analyse_s, n_files)
    print(f"report computed analyses on demand: {'YES (should not)' if computed else 'no'}")


if __name__ == "__main__":
    main()
