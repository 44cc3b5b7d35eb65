"""Peak memory of ``legload import`` on big GPX files, against the targets legload promises.

Generates the inputs in a temporary folder (or ``--dir``): one GPX of ``--points`` track
points (default 2,000,000, about 200 MB), and ``--files`` GPX of about ``--file-mb`` MB each
(default eight of 96 MB). Imports the big one alone, then the others together with
``--workers`` worker processes (default 2), each as a fresh ``legload import`` subprocess
into its own database, and samples the resident memory of the subprocess and all its
descendants every 20 ms from ``/proc`` (Linux). Prints, per case, the peak of the tree's
summed RSS and of its summed PSS, the peak of the largest single process, elapsed seconds
and the target. RSS counts pages the processes share (the workers are forked) once per
process, so the tree's summed RSS overstates what the machine gives it; PSS splits them.
``--only analysis`` measures instead the analysis alone of the big file in a process that has
read it already (what the import worker adds after reading).

    .venv/bin/python bench/memory.py [--points 2000000] [--files 8] [--file-mb 96]
                                     [--workers 2] [--only big|many|analysis] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: peak RSS legload promises (MB): a 2,000,000-point GPX alone, eight 96 MB GPX with 2 workers
TARGETS_MB = {"big": 500, "many": 1000}
_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="bench" '
         'xmlns="http://www.topografix.com/GPX/1/1"><trk><name>{name}</name><type>running</type>'
         "<trkseg>\n")
_POINT = '<trkpt lat="{lat:.7f}" lon="{lon:.7f}"><ele>{ele:.1f}</ele><time>{time}</time></trkpt>\n'
_TAIL = "</trkseg></trk></gpx>\n"
_BYTES_PER_POINT = 99  # of _POINT, as written


def write_gpx(path: Path, points: int, *, day: int = 0, reuse: bool = False) -> Path:
    """A GPX run of ``points`` one-second track points starting on 2025-01-01 + ``day``
    (with ``reuse``, a complete file of that name written before is kept as it is)."""
    if reuse and path.is_file() and path.with_suffix(".points").is_file() \
            and path.with_suffix(".points").read_text() == str(points):
        return path
    start = dt.datetime(2025, 1, 1, 6) + dt.timedelta(days=day)
    with path.open("w", encoding="ascii") as out:
        out.write(_HEAD.format(name=f"run {day}"))
        for first in range(0, points, 100_000):
            out.write("".join(
                _POINT.format(lat=45 + i * 1e-5, lon=7 + i * 1e-5, ele=100 + (i % 500) * 0.1,
                              time=(start + dt.timedelta(seconds=i)).strftime("%Y-%m-%dT%H:%M:%SZ"))
                for i in range(first, min(points, first + 100_000))))
        out.write(_TAIL)
    path.with_suffix(".points").write_text(str(points))
    return path


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def _memory_mb(pid: int) -> tuple[float, float]:
    """RSS and PSS (shared pages divided among their sharers) of a process, in MB."""
    try:
        with open(f"/proc/{pid}/statm") as handle:
            rss = int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            pss = next((int(line.split()[1]) / 1024 for line in handle if line.startswith("Pss:")), rss)
    except (OSError, IndexError, ValueError):
        return 0.0, 0.0
    return rss, pss


def peak_rss(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Run ``command``; the peak summed RSS and PSS of its process tree and the peak RSS of
    its largest process (MB), and the elapsed seconds."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    tree = shared = single = 0.0
    while process.poll() is None:
        sizes = [_memory_mb(pid) for pid in _tree(process.pid)]
        tree, single = max(tree, sum(r for r, _ in sizes)), max(single, *(r for r, _ in sizes), 0.0)
        shared = max(shared, sum(p for _, p in sizes))
        time.sleep(0.02)
    error = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {error[-2000:]}")
    return {"tree_mb": round(tree, 1), "tree_pss_mb": round(shared, 1), "process_mb": round(single, 1),
            "seconds": round(time.perf_counter() - started, 1)}


def run_import(paths: list[Path], folder: Path, workers: int) -> dict[str, float]:
    """Peak memory of one ``legload import`` of ``paths`` into a new database in ``folder``."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    database = folder / f"import-{len(paths)}-{time.monotonic_ns()}.sqlite"
    command = [sys.executable, "-m", "legload", "import", "--db", str(database),
               "--workers", str(workers), *map(str, paths)]
    return peak_rss(command, env)


#: run in a child process by :func:`run_analysis`: read a file, then analyse it as an import
#: worker does, sampling the process's RSS every 5 ms and tracing numpy's allocations
_ANALYSIS_CHILD = """
import json, os, sys, threading, time, tracemalloc
from pathlib import Path
from legload import pipeline
from legload.readers.detect import read_content

def rss():
    with open('/proc/self/statm') as handle:
        return int(handle.read().split()[1]) * os.sysconf('SC_PAGE_SIZE') / 2**20

path = Path(sys.argv[1])
activities = read_content(path.read_bytes(), str(path))
read = rss()
peak, done = [read], threading.Event()

def sample():
    while not done.is_set():
        peak[0] = max(peak[0], rss())
        time.sleep(0.005)

thread = threading.Thread(target=sample, daemon=True)
thread.start()
tracemalloc.start()
started = time.perf_counter()
pipeline.analyse_activities(activities, mass_kg=70.0)
seconds = time.perf_counter() - started
traced = tracemalloc.get_traced_memory()[1]
done.set()
thread.join()
print(json.dumps({'read_mb': round(read, 1), 'analysis_rss_mb': round(peak[0] - read, 1),
                  'analysis_traced_mb': round(traced / 2**20, 1), 'seconds': round(seconds, 1)}))
"""


def run_analysis(path: Path) -> dict[str, float]:
    """The analysis alone of a file read already (as the import worker runs it after reading):
    the RSS of the process once read, what the analysis adds to it at its peak (RSS sampled
    every 5 ms, and numpy's and Python's allocations traced), and its seconds."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    out = subprocess.run([sys.executable, "-c", _ANALYSIS_CHILD, str(path)], env=env,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=2_000_000)
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--file-mb", type=float, default=96.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", choices=("big", "many", "analysis"),
                        help="one case; 'analysis' (never run by default): the analysis alone "
                        "of the big file, read already")
    parser.add_argument("--dir", type=Path, help="folder for the inputs, kept and reused "
                        "(default: a temporary one)")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    args = parser.parse_args(argv)
    if not Path("/proc/self/statm").exists():
        raise SystemExit("bench/memory.py samples /proc: Linux only")
    with tempfile.TemporaryDirectory(prefix="legload-memory-") as temporary:
        folder = args.dir or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        results = {}
        if args.only in (None, "big"):
            big = write_gpx(folder / "big.gpx", args.points, reuse=args.dir is not None)
            results["big"] = {"points": args.points, "file_mb": round(big.stat().st_size / 2**20, 1),
                              **run_import([big], folder, 1)}
        if args.only == "analysis":
            big = write_gpx(folder / "big.gpx", args.points, reuse=args.dir is not None)
            results["analysis"] = {"points": args.points, **run_analysis(big)}
        if args.only in (None, "many"):
            points = int(args.file_mb * 2**20 / _BYTES_PER_POINT)
            paths = [write_gpx(folder / f"run{i}.gpx", points, day=i + 1, reuse=args.dir is not None)
                     for i in range(args.files)]
            results["many"] = {"points": points * args.files, "file_mb": round(
                sum(p.stat().st_size for p in paths) / 2**20, 1), "workers": args.workers,
                **run_import(paths, folder, args.workers)}
    if args.json:
        print(json.dumps(results))
        return 0
    for case, found in results.items():
        if case == "analysis":
            print(f"analysis of {found['points']:,} points read already ({found['read_mb']} MB RSS "
                  f"once read): +{found['analysis_rss_mb']} MB RSS at its peak, "
                  f"{found['analysis_traced_mb']} MB traced, {found['seconds']} s")
            continue
        print(f"{case:5s} {found['points']:>10,} points in {found['file_mb']:7.1f} MB: peak RSS "
              f"{found['tree_mb']:7.1f} MB (process tree; PSS {found['tree_pss_mb']:.1f} MB), "
              f"{found['process_mb']:7.1f} MB (largest process), {found['seconds']:6.1f} s; "
              f"target under {TARGETS_MB[case]} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
