"""CPU time an import worker spends per file, against the FIT decode of the same files.

The files are the generated history of ``bench/everyday.py`` (``--years``, written once and
kept). Each file is read into memory first; then, in this process and counted in CPU
seconds (``time.process_time``, steadier than wall time on a busy machine):

* the FIT decode alone (:func:`legload.readers.fit.decode.decode`);
* what an import worker does per file (:func:`legload.import_pool.read_job`: read, stream,
  totals, energy, segments, per-muscle ledger, the columns encoded for the store and the
  analysis as stored), and the size of what it sends back to the importing process
  (pickled, as the process pool sends it).

    .venv/bin/python bench/worker_cpu.py [--years 1] [--files 200] [--rounds 2]

Prints CPU ms per file for each, their ratio (the import's target is 2x the decode time with
the work shared by the workers), and the pickled bytes per file; each figure is the best of
``--rounds`` rounds.
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
    from legload.readers.detect import content_sha256
    from legload.readers.fit.decode import decode

    folder = history(args.years, args.workers)
    paths = sorted(folder.glob("*.fit"))[:args.files]
    jobs = [ReadJob(data, str(path), content_sha256(data), mass_kg=58.0)
            for path in paths for data in [path.read_bytes()]]
    read_job(jobs[0])  # imports and caches warmed
    decode_s = worker_s = float("inf")
    for _ in range(args.rounds):
        decode_s = min(decode_s, cpu_per_file(lambda job: decode(job.data), jobs))
        worker_s = min(worker_s, cpu_per_file(read_job, jobs))
    sent = sum(len(pickle.dumps(read_job(job))) for job in jobs) / len(jobs)
    print(f"{len(jobs)} FIT files of the {args.years:g}-year history, CPU ms per file "
          f"(best of {args.rounds} rounds)")
    print(f"FIT decode             {1000 * decode_s:8.2f}")
    print(f"import worker per file {1000 * worker_s:8.2f}   = {worker_s / decode_s:.1f}x the decode")
    print(f"sent back per file     {sent / 1024:8.1f} KiB pickled")


if __name__ == "__main__":
    main()
