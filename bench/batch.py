"""``legload batch`` on a local Dask cluster: throughput with 1 and 2 workers, scaling
efficiency and peak memory per worker.

``--athletes`` generated athletes (default 20) of ``--activities`` runs each (default 100;
FIT files through :mod:`legload.synth`, with food and weight logs; cached under the system
temp folder) are run through :func:`legload.batch.run_batch` on a fresh
``LocalCluster(n_workers=N, processes=True, threads_per_worker=1)`` for N = 1 and 2, each time
into an empty output folder. The clock runs from the first task's submission to the last
athlete's report (the cluster's start and the workers' first import of legload are outside
it: the figures are those of a long-running cluster). Prints activities/s per N, the scaling
efficiency (2-worker throughput / (2 × 1-worker throughput); the target on a 2-CPU machine is
≥ 0.8) and each worker's peak resident memory (``ru_maxrss``, read on the workers).

    .venv/bin/python bench/batch.py [--athletes 20] [--activities 100] [--workers 1 2]
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import resource
import shutil
import tempfile
import time
from pathlib import Path

END = dt.date(2026, 11, 29)


def generate(athletes: int, activities: int) -> Path:
    """The input folder (cached: generated once per size)."""
    from legload.synth.athletes import DAY, Lift, SampleAthlete, write_athlete
    from legload.synth.workouts import easy_run, intervals

    root = Path(tempfile.gettempdir()) / f"legload-bench-batch-{athletes}x{activities}"
    if (root / ".complete").is_file():
        return root
    shutil.rmtree(root, ignore_errors=True)

    def week(first: dt.datetime, index: int) -> list:
        return [easy_run(first, minutes=40 + index % 3 * 10),
                intervals(first + 3 * DAY, reps=5, rep_m=800)]

    for i in range(athletes):
        athlete = SampleAthlete(
            name=f"athlete_{i:03d}", weeks=max(1, activities // 2), week_plan=week,
            profile={"weight_kg": 55.0 + i % 30, "body_fat_fraction": 0.18},
            lifting_days=(1,), lifts=[Lift("Squat (Barbell)", 3, 8, 60.0)] if i % 2 else [])
        write_athlete(athlete, root / athlete.name, seed=i, end=END)
        print(f"generated {i + 1}/{athletes} athletes", end="\r", flush=True)
    (root / ".complete").write_text("")
    print()
    return root


def measure(root: Path, workers: int) -> tuple[float, int, list[float]]:
    """(seconds, activities, peak MB of each worker) of one batch on a fresh cluster."""
    from distributed import Client, LocalCluster

    from legload.batch import BatchOptions, run_batch

    out = Path(tempfile.mkdtemp(prefix="legload-bench-batch-out-"))
    try:
        with LocalCluster(n_workers=workers, processes=True, threads_per_worker=1,
                          dashboard_address=":0", silence_logs=logging.ERROR) as cluster, \
                Client(cluster) as client:
            options = BatchOptions(out=out, scheduler=cluster.scheduler_address, until=END)
            client.run(_warm)
            started = time.perf_counter()
            summary = run_batch(root, options)
            seconds = time.perf_counter() - started
            peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        return seconds, summary.activities, [kb / 1024 for kb in peaks.values()]
    finally:
        shutil.rmtree(out, ignore_errors=True)


def _warm() -> None:
    """Import the tasks' modules on a worker (what its first task would otherwise pay)."""
    import legload.batch.athlete
    import legload.batch.tasks  # noqa: F401


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--athletes", type=int, default=20)
    parser.add_argument("--activities", type=int, default=100)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    root = generate(args.athletes, args.activities)
    rates = {}
    for workers in args.workers:
        seconds, activities, peaks = measure(root, workers)
        rates[workers] = activities / seconds
        memory = ", ".join(f"{mb:.0f}" for mb in peaks)
        print(f"{workers} worker(s): {activities} activities in {seconds:.1f} s = "
              f"{rates[workers]:.1f} activities/s; peak memory per worker (MB): {memory}")
    if 1 in rates and 2 in rates:
        print(f"scaling efficiency (2-worker / (2 x 1-worker) throughput): "
              f"{rates[2] / (2 * rates[1]):.2f} (target >= 0.8)")


if __name__ == "__main__":
    main()
