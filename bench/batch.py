"""``legload batch`` on a local Dask cluster: throughput with 1 and 2 workers, scaling
efficiency and peak memory per worker.

``--athletes`` generated athletes (default 20) of ``--activities`` runs each (default 100;
FIT files through :mod:`legload.synth`, with food and weight logs; cached under the system
temp folder) are run through :func:`legload.batch.run_batch` on a fresh local cluster as
``legload batch --workers N`` starts it (:func:`legload.batch.run.local_cluster`: N processes
of one thread, the scheduler in this process) for N = 1 and 2, each time into an empty output
folder. The clock runs from the batch's start to the last athlete's report (the cluster's
start and the workers' first import of the modules the tasks use are outside it: the figures
are those of a long-running cluster). Prints activities/s per N, the scaling efficiency
(2-worker throughput / (2 × 1-worker throughput); the target on a 2-CPU machine is ≥ 0.8) and
each worker's peak resident memory (``ru_maxrss``, read on the workers).

Other jobs on the machine take CPU from the workers, and more of it from 2 workers than from 1
(on a loaded 2-CPU machine 2 workers get little more CPU than 1): beside the wall-clock figures
the bench prints, per run, the CPU seconds the workers and this process (scheduler and client)
used, the load average, and the share of the run the workers spent in tasks; from them an
estimate of the efficiency on an idle machine, where N workers each have a CPU and this
process takes its CPU from them: (1-worker CPU s) / (2-worker + client CPU s) × (2-worker
busy share / 1-worker busy share). The wall-clock efficiency is the figure; the estimate says
how much of a shortfall the other jobs explain.

    .venv/bin/python bench/batch.py [--athletes 20] [--activities 100] [--workers 1 2]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import tempfile
import time
from dataclasses import dataclass
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


@dataclass
class Run:
    """One batch: wall seconds, activities, CPU seconds of each worker and of this process,
    seconds each worker spent in tasks, peak MB of each worker, load average after it."""

    workers: int
    seconds: float
    activities: int
    worker_cpu: list[float]
    client_cpu: float
    busy: float
    peaks: list[float]
    load: float

    @property
    def rate(self) -> float:
        return self.activities / self.seconds

    @property
    def busy_share(self) -> float:
        return self.busy / (self.workers * self.seconds)


def measure(root: Path, workers: int) -> Run:
    """One batch of ``root`` on a fresh local cluster of ``workers`` processes."""
    from distributed import get_task_stream

    from legload.batch import BatchOptions, run_batch
    from legload.batch.run import local_cluster

    out = Path(tempfile.mkdtemp(prefix="legload-bench-batch-out-"))
    try:
        with local_cluster(workers) as (cluster, client):
            options = BatchOptions(out=out, scheduler=cluster.scheduler_address, until=END)
            client.run(_warm)
            before, mine = client.run(_usage), _cpu()
            started = time.perf_counter()
            with get_task_stream(client) as stream:
                summary = run_batch(root, options)
            seconds = time.perf_counter() - started
            after, mine = client.run(_usage), _cpu() - mine
        busy = sum(part["stop"] - part["start"] for task in stream.data
                   for part in task["startstops"] if part["action"] == "compute")
        return Run(workers, seconds, summary.activities,
                   [after[w][0] - before[w][0] for w in after], mine, busy,
                   [after[w][1] for w in after], os.getloadavg()[0])
    finally:
        shutil.rmtree(out, ignore_errors=True)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _usage() -> tuple[float, float]:
    """(CPU seconds, peak resident MB) of the calling process."""
    return _cpu(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _warm() -> None:
    """Import what the tasks import on first use, on a worker (what its first file and first
    athlete would otherwise pay inside the clock, once per worker)."""
    import legload.analysis.report
    import legload.batch.athlete
    import legload.batch.tasks
    import legload.readers.logs.read
    import legload.readers.xml.gpx  # noqa: F401


def show(run: Run) -> None:
    cpu = ", ".join(f"{c:.1f}" for c in run.worker_cpu)
    memory = ", ".join(f"{mb:.0f}" for mb in run.peaks)
    print(f"{run.workers} worker(s): {run.activities} activities in {run.seconds:.1f} s = "
          f"{run.rate:.1f} activities/s; peak memory per worker (MB): {memory}")
    print(f"    CPU s: workers {cpu}, scheduler+client {run.client_cpu:.1f}; workers in tasks "
          f"{100 * run.busy_share:.0f} % of the run; load average {run.load:.1f} "
          f"on {os.cpu_count()} CPUs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--athletes", type=int, default=20)
    parser.add_argument("--activities", type=int, default=100)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    root = generate(args.athletes, args.activities)
    runs = {}
    for workers in args.workers:
        print(f"load average before: {os.getloadavg()[0]:.1f}")
        runs[workers] = run = measure(root, workers)
        show(run)
    if 1 in runs and 2 in runs:
        one, two = runs[1], runs[2]
        idle = (sum(one.worker_cpu) / (sum(two.worker_cpu) + two.client_cpu)
                * two.busy_share / one.busy_share)
        print(f"scaling efficiency (2-worker / (2 x 1-worker) throughput): "
              f"{two.rate / (2 * one.rate):.2f} (target >= 0.8); estimate for an idle "
              f"machine from CPU seconds: {idle:.2f}")


if __name__ == "__main__":
    main()
