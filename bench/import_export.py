"""Whole-export import against pure decoding: time and peak memory, 100 vs 1,000 files.

An export of N one-hour 1 Hz running activities (FIT, with GPS, altitude, heart rate and
cadence; seeds and start times vary) is generated once and cached under the system temp
folder. Then three measurements, each in a fresh Python process so that its peak resident
memory (``VmHWM``) is its own:

* ``decode``: :func:`legload.readers.fit.decode.decode` of every file (the bytes are read
  from disk outside the timed part);
* ``read``: :func:`legload.read_activity` of every file (read, decode, samples, summary);
* ``import``: :func:`legload.import_paths` of the folder into a fresh database, as
  ``legload import`` does it: files read and encoded by worker processes (one per CPU),
  written in order by the main process;
* ``import-1``: the same with ``workers=1``: everything in one process;
* with ``--analyse``, for the smallest export: the first analysis after an import (clean
  1 Hz streams, energy, segments and per-muscle loads of every activity, which a report
  caches per activity), timed on its own.

Peak memory of an import with workers is that of the whole process tree: on Linux the
largest sum of the proportional set sizes (PSS: a page shared by k processes counts 1/k in
each) of the main process and its workers, sampled every 20 ms; elsewhere the main peak
plus one worker peak per worker, an upper bound. The sampling reads ``/proc`` and costs
about 2 ms of CPU per sample, a tenth of a CPU the import would otherwise use, so it runs
in an extra import of its own: the timed imports run without it.

Each measurement runs ``--repeat`` times, the four kinds interleaved (fastest run counts;
peak memory is the highest).
Prints seconds, files/s, records/s, peak RSS, and the ratios import/decode and read/decode.

    .venv/bin/python bench/import_export.py [--files 100 1000] [--stages] [--profile]

``--stages`` prints milliseconds per file of the main steps (api → readers → store);
``--profile`` also prints a cProfile of the import of the smallest N (cumulative time of
the api → readers → store chain, then the functions with most own time).
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime as dt
import io
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

CACHE = Path(tempfile.gettempdir()) / "legload-bench-export"
FIRST_START = dt.datetime(2016, 1, 4, 6, 0, tzinfo=dt.UTC)


# -- the export -------------------------------------------------------------------------------

def _one_file(i: int) -> str:
    """Write run ``i`` (cached): a one-hour easy run on day ``i``, its own seed and pace."""
    from legload.synth.fit_writer import encode_fit
    from legload.synth.workouts import easy_run, synthesize

    path = CACHE / "runs" / f"run-{i:05d}.fit"
    if not path.exists():
        start = FIRST_START + dt.timedelta(days=i, minutes=(37 * i) % 600)
        workout = easy_run(start, minutes=60, speed=2.6 + 0.6 * ((i * 7919) % 100) / 100)
        samples = synthesize(workout, seed=i, lat0=46.0 + (i % 50) / 100,
                             gps_noise_m=2.0, alt_noise_m=1.0)
        tmp = path.with_suffix(".part")
        tmp.write_bytes(encode_fit(workout, samples))
        tmp.replace(path)
    return str(path)


def export_folder(n: int, workers: int) -> Path:
    """A folder holding runs 0 … n−1 (hard links into the cache of generated runs)."""
    (CACHE / "runs").mkdir(parents=True, exist_ok=True)
    missing = [i for i in range(n) if not (CACHE / "runs" / f"run-{i:05d}.fit").exists()]
    if missing:
        print(f"# generating {len(missing)} FIT files in {CACHE / 'runs'} "
              f"(SDK encoder, {workers} processes) …", file=sys.stderr, flush=True)
        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(_one_file, missing, chunksize=8))
    folder = CACHE / f"export-{n}"
    folder.mkdir(exist_ok=True)
    for i in range(n):
        link = folder / f"run-{i:05d}.fit"
        if not link.exists():
            os.link(CACHE / "runs" / f"run-{i:05d}.fit", link)
    return folder


# -- one measurement, in its own process ------------------------------------------------------

def _vm_hwm_mb() -> float:
    """Peak resident set size of this process so far [MB] (Linux ``VmHWM``)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class TreeMemory:
    """Largest summed PSS [MB] of this process and its children, sampled in a thread."""

    def __init__(self, every_s: float = 0.02) -> None:
        import threading

        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(every_s,), daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self, every_s: float) -> None:
        me = os.getpid()
        while not self._stop.wait(every_s):
            pids = [me] + [int(p.parent.name) for p in Path("/proc").glob("[0-9]*/stat")
                           if _ppid(p) == me]
            self.peak_mb = max(self.peak_mb, sum(_pss_mb(pid) for pid in pids))


def _ppid(stat: Path) -> int | None:
    try:
        return int(stat.read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def _pss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def child(kind: str, folder: Path, profile: bool, memory: bool = False) -> dict:
    import legload
    from legload.readers.fit.decode import decode

    files = sorted(folder.glob("*.fit"))
    baseline = _vm_hwm_mb()
    result: dict = {"kind": kind, "files": len(files), "baseline_mb": baseline}
    records = 0
    tree_memory = None
    if kind == "decode":
        total = 0.0
        for path in files:
            data = path.read_bytes()
            start = time.perf_counter()
            messages = decode(data)
            total += time.perf_counter() - start
            records += len(messages.table("record")["_offset"])
        result["seconds"] = total
    elif kind == "read":
        start = time.perf_counter()
        for path in files:
            records += len(legload.read_activity(path).samples)
        result["seconds"] = time.perf_counter() - start
    elif kind == "analyse":
        from legload.import_pool import activity_results
        from legload.store import Store

        with tempfile.TemporaryDirectory(prefix="legload-bench-db-") as tmp:
            db = Path(tmp) / "legload.sqlite"
            legload.import_paths([folder], db=db)
            with Store(db) as store:
                start = time.perf_counter()
                activity_results(store, None)
                result["seconds"] = time.perf_counter() - start
            records = sum(a["samples"] or 0 for a in legload.list_activities(db=db))
    elif kind in ("import", "import-1"):
        from legload.import_pool import default_workers

        workers = 1 if kind == "import-1" else default_workers()
        result["workers"] = workers
        with tempfile.TemporaryDirectory(prefix="legload-bench-db-") as tmp:
            db = Path(tmp) / "legload.sqlite"
            profiler = cProfile.Profile() if profile else None
            start = time.perf_counter()
            if profiler:
                profiler.enable()
            if memory and workers > 1 and Path("/proc/self/smaps_rollup").exists():
                tree_memory = TreeMemory()
            with tree_memory or contextlib.nullcontext():
                report = legload.import_paths([folder], db=db, workers=workers)
            if profiler:
                profiler.disable()
            result["seconds"] = time.perf_counter() - start
            result["imported"] = report.imported
            result["failed"] = len(report.failed)
            result["db_mb"] = sum(p.stat().st_size for p in Path(tmp).iterdir()) / 2**20
            records = sum(a["samples"] or 0 for a in legload.list_activities(db=db))
            if profiler:
                result["profile"] = _profile_text(profiler)
    result["records"] = records
    result["peak_mb"] = _vm_hwm_mb()
    result["memory"] = memory
    if result.get("workers", 1) > 1:
        if tree_memory:
            result["peak_mb"] = max(result["peak_mb"], tree_memory.peak_mb)
        elif Path("/proc/self/smaps_rollup").exists():
            result["peak_mb"] = None  # the tree's peak comes from the sampled run
        else:
            import resource

            child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            result["peak_mb"] += result["workers"] * child_mb
    return result


#: (module, function) timed by ``--stages``, in call order (inclusive times; indented ones
#: run inside the one above)
STAGES = (
    ("legload.api", "unwrap", 0), ("legload.api", "content_sha256", 0),
    ("legload.import_pool", "read_content", 0),
    ("legload.readers.fit.messages", "decode", 1), ("legload.readers.fit.messages", "_samples", 1),
    ("legload.readers.fit.messages", "_sessions", 1), ("legload.readers.fit.messages", "_laps", 1),
    ("legload.readers.fit.messages", "_finish_channels", 1), ("legload.readers.fit.messages", "summarize", 1),
    ("legload.core.activity", "climb_m", 2),
    ("legload.core.activity", "track_distance_m", 2),
    ("legload.import_pool", "prepare_activity", 0),
    ("legload.store.Store", "add_file", 0), ("legload.store.db", "_insert_activity", 1),
)


def stages(folder: Path) -> dict:
    """Import ``folder`` with the main steps wrapped in timers (no profiler overhead)."""
    import importlib

    import legload

    spent: dict[str, float] = {}

    def timed(key, fn):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[key] = spent.get(key, 0.0) + time.perf_counter() - start
        return wrapper

    for module_name, name, _ in STAGES:
        if module_name.endswith(".Store"):
            owner = importlib.import_module(module_name.rsplit(".", 1)[0]).Store
        else:
            owner = importlib.import_module(module_name)
        setattr(owner, name, timed(name, getattr(owner, name)))
    with tempfile.TemporaryDirectory(prefix="legload-bench-db-") as tmp:
        start = time.perf_counter()
        legload.import_paths([folder], db=Path(tmp) / "legload.sqlite", workers=1)
        total = time.perf_counter() - start
    files = len(list(folder.glob("*.fit")))
    lines = [f"{'step':<28}{'ms/file':>9}{'share':>8}"]
    for _, name, depth in STAGES:
        ms = spent.get(name, 0.0) / files * 1000
        lines.append(f"{'  ' * depth + name:<28}{ms:>9.2f}{spent.get(name, 0.0) / total:>8.0%}")
    lines.append(f"{'import_paths (total)':<28}{total / files * 1000:>9.2f}{1:>8.0%}")
    return {"stages": "\n".join(lines)}


def _profile_text(profiler: cProfile.Profile, top: int = 30) -> str:
    parts = []
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(order).print_stats(top)
        text = out.getvalue()
        parts.append(f"## by {order}\n" + text[text.find("   ncalls"):])
    return "\n".join(parts)


def run_child(kind: str, folder: Path, profile: bool = False, memory: bool = False) -> dict:
    """Run one measurement in a fresh interpreter and return what it reports."""
    cmd = [sys.executable, __file__, "--child", kind, "--folder", str(folder)]
    if profile:
        cmd.append("--profile")
    if memory:
        cmd.append("--memory")
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{kind} on {folder} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- report -----------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, nargs="+", default=[100, 1000],
                        help="export sizes to measure")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="processes generating missing files")
    parser.add_argument("--profile", action="store_true",
                        help="print a profile of the import of the smallest export")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each measurement; the fastest counts, peak RSS is the max")
    parser.add_argument("--stages", action="store_true",
                        help="print ms/file of the main import steps for the smallest export")
    parser.add_argument("--analyse", action="store_true",
                        help="also time the first analysis of the smallest export")
    parser.add_argument("--child", choices=("decode", "read", "import", "import-1", "stages",
                                            "analyse"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--memory", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "stages":
        print(json.dumps(stages(args.folder)))
        return
    if args.child:
        print(json.dumps(child(args.child, args.folder, args.profile, args.memory)))
        return
    folders = {n: export_folder(n, args.workers) for n in sorted(set(args.files))}
    print(f"{'files':>6} {'step':<9}{'seconds':>10}{'files/s':>10}{'records/s':>12}"
          f"{'peak MB':>9}{'base MB':>9}{'x decode':>10}")
    profile_text = stage_text = None
    for n, folder in folders.items():
        size_mb = sum(p.stat().st_size for p in folder.glob("*.fit")) / 2**20
        kinds = ("decode", "read", "import-1", "import")
        runs: dict[str, list[dict]] = {kind: [] for kind in kinds}
        for _ in range(args.repeat):  # interleaved, so that a slow spell of the machine hits all
            for kind in kinds:
                runs[kind].append(run_child(kind, folder))
        runs["import"].append(run_child("import", folder, memory=True))  # memory, not time
        results = {}
        for kind in kinds:
            timed = [r for r in runs[kind] if not r.get("memory")]
            results[kind] = min(timed, key=lambda r: r["seconds"])
            results[kind]["peak_mb"] = max(r["peak_mb"] for r in runs[kind]
                                           if r["peak_mb"] is not None)
        if args.profile and n == min(folders):  # a separate run: profiling slows it down
            profile_text = run_child("import-1", folder, profile=True)["profile"]
        if args.stages and n == min(folders):
            stage_text = run_child("stages", folder)["stages"]
        if args.analyse and n == min(folders):
            results["analyse"] = run_child("analyse", folder)
        base = results["decode"]["seconds"]
        for kind, r in results.items():
            print(f"{n:>6} {kind:<9}{r['seconds']:>10.2f}{r['files'] / r['seconds']:>10.1f}"
                  f"{r['records'] / r['seconds']:>12,.0f}{r['peak_mb']:>9.0f}"
                  f"{r['baseline_mb']:>9.0f}{r['seconds'] / base:>9.1f}x")
        imp = results["import"]
        print(f"       export {size_mb:.0f} MB in {n} files, {results['decode']['records']:,} "
              f"records; import: {imp['imported']} imported, {imp['failed']} failed, "
              f"database {imp['db_mb']:.0f} MB, {imp['workers']} worker process(es)")
    if stage_text:
        print(f"\n# where an import of {min(folders)} files spends its time (one process)\n{stage_text}")
    if profile_text:
        print(f"\n# profile of the import of {min(folders)} files (one process)\n{profile_text}")


if __name__ == "__main__":
    main()
