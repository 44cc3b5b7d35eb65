"""CPU time an import worker spends per file, against the FIT decode of the same files.

The files are the generated history of ``bench/everyday.py`` (``--years``, written once and
kept). Each file is read into memory first; then, in this process and counted in CPU
seconds (``time.process_time``, steadier than wall time on a busy machine):

* the FIT decode alone (:func:`legload.readers.fit.decode.decode`);
* what an import worker does per file (:func:`legload.import_pool.read_job`: read, stream,
  totals, energy, segments, per-muscle ledger, the columns encoded for the store and the
  analysis as stored), and the size of what it sends back to the importing process
  (pickled, as the process pool sends it);
* the same without the analysis: read and encode (:func:`legload.readers.detect.read_content`
  then :func:`legload.store.prepared.prepare_activity` of each, no analysis stored), the
  floor of any import that reads and stores the files; the worker less this line is the
  analysis' share.

    .venv/bin/python bench/worker_cpu.py [--years 1] [--files 200] [--rounds 2]

Prints CPU ms per file for each, their ratio to the decode (the import's target is 2x the
decode time with the work shared by the workers), the analysis' share and the pickled bytes
per file; each figure is the best of ``--rounds`` rounds.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from everyday import history  # the same generated history


def cpu_per_file(work, items) -> float:
    """CPU seconds per item of ``work(item)`` over ``items``."""
    start = time.process_time()
    for item in items:
        work(item)
    return (time.process_time() - start) / len(items)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=float, default=1.0)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="processes writing the history")
    args = parser.parse_args()

    from legload.import_pool import ReadJob, read_job
    from legload.readers.detect import content_sha256, read_content
    from legload.readers.fit.decode import decode
    from legload.store.prepared import prepare_activity

    def read_encode(job: ReadJob) -> None:  # read_job less analyse_activities
        for activity in read_content(job.data, job.source, sha256=job.sha256):
            prepare_activity(activity, job.source, analysis=None)

    folder = history(args.years, args.workers)
    paths = sorted(folder.glob("*.fit"))[:args.files]
    jobs = [ReadJob(data, str(path), content_sha256(data), mass_kg=58.0)
            for path in paths for data in [path.read_bytes()]]
    read_job(jobs[0])  # imports and caches warmed
    decode_s = worker_s = stored_s = float("inf")
    for _ in range(args.rounds):
        decode_s = min(decode_s, cpu_per_file(lambda job: decode(job.data), jobs))
        worker_s = min(worker_s, cpu_per_file(read_job, jobs))
        stored_s = min(stored_s, cpu_per_file(read_encode, jobs))
    sent = sum(len(pickle.dumps(read_job(job))) for job in jobs) / len(jobs)
    print(f"{len(jobs)} FIT files of the {args.years:g}-year history, CPU ms per file "
          f"(best of {args.rounds} rounds)")
    analysis_s = worker_s - stored_s
    for name, seconds, note in [
            ("FIT decode", decode_s, ""),
            ("import worker per file", worker_s, ""),
            ("read + encode, no analysis", stored_s, ""),
            ("analysis (worker - that)", analysis_s, f", {100 * analysis_s / worker_s:.0f} % of the worker")]:
        print(f"{name:<27}{1000 * seconds:8.2f}   = {seconds / decode_s:.1f}x the decode{note}")
    print(f"{'sent back per file':<27}{sent / 1024:8.1f} KiB pickled")


if __name__ == "__main__":
    main()
