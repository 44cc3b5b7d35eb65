"""Peak memory and time of ``legload`` on big CSV exports, against the targets legload promises.

Generates, in a temporary folder (or ``--dir``, kept and reused):

* a Strava bulk export folder whose ``activities.csv`` is about ``--strava-mb`` MB (default
  220): the 99 columns of a current export, long multi-line descriptions as runners write
  them, and every ``--hevy-every``-th activity (default 20) a weight-training session whose
  description holds the sets Hevy writes (so the file is both the export's index and a
  strength log), plus one small GPX run the index names;
* a classic Strong CSV of about ``--strong-mb`` MB (default 56).

Runs ``legload import FOLDER`` (the Strava export), ``legload strength import FILE`` and
``legload import`` of the Strong CSV given as a file and in a folder of its own, each as a
fresh subprocess into its own database, sampling the process tree's RSS every 20 ms (the sampler of
:mod:`bench.memory`), and prints the peak, the elapsed and CPU seconds (user + system, from
the kernel) and the target of each.

    .venv/bin/python bench/memory_logs.py [--strava-mb 220] [--strong-mb 56] [--hevy-every 20]
                                          [--only strava|strong|import] [--dir DIR] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from memory import peak_rss

#: peak RSS legload promises (MB); the time the 56 MB Strong import took before streaming (s,
#: as issue 16 measured it) and its CPU time before it was read chunk by chunk end to end (s:
#: commit 7759dde, 11.2 and 12.7 s in two runs of this bench on a loaded machine)
TARGETS_MB = {"strava": 500, "strong": 300, "import_file": 300, "import_folder": 300}
#: peak RSS of ``legload import`` of the 56 MB Strong CSV before it streamed (MB, process
#: tree; commit 598dd91: 428 MB as a file, 423 MB in a folder)
IMPORT_MB_BEFORE = {"import_file": 428.0, "import_folder": 423.0}
STRONG_SECONDS_BEFORE = 37.0
STRONG_CPU_BEFORE = 12.0
_REAL_HEADER = (Path(__file__).resolve().parents[2] / "shared/data/real/exports/strava_bulk_fr255"
                / "activities.csv")
_TEXT = ("tempo easy hills strides intervals warm up cool down threshold recovery long "
          "steady progression fartlek track trail river bridge park loop wind rain sun legs "
          "felt heavy light fresh tired good great slow fast pace heart rate")
_WORDS = _TEXT.split()
_LIFTS = ("Squat (Barbell)", "Romanian Deadlift (Barbell)", "Leg Press", "Bulgarian Split Squat",
          "Calf Raise (Standing)", "Bench Press (Barbell)", "Pull Up", "Hip Thrust (Barbell)")
_GPX = ('<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="bench" '
        'xmlns="http://www.topografix.com/GPX/1/1"><trk><name>run</name><trkseg>\n{points}'
        '</trkseg></trk></gpx>\n')


def _header() -> list[str]:
    """The 99 columns of a current Strava export (the real sample's, else a short list)."""
    import csv

    try:
        with _REAL_HEADER.open(encoding="utf-8-sig", newline="") as handle:
            return next(csv.reader(handle))
    except OSError:
        return ["Activity ID", "Activity Date", "Activity Name", "Activity Type",
                "Activity Description", "Elapsed Time", "Distance", "Filename"]


def _description(i: int, hevy: bool) -> str:
    """A long description: several lines of words, or a Hevy workout's sets."""
    if hevy:
        lines = ["Logged with Hevy"]
        for k in range(4):
            lines.append(_LIFTS[(i + k) % len(_LIFTS)])
            lines += [f"Set {s}: {60 + 5 * s + k} kg x {8 + (i + s) % 5}" for s in range(1, 5)]
        return "\n".join(lines)
    words = [_WORDS[(i * 7 + k * 3) % len(_WORDS)] for k in range(260)]
    return "\n".join(" ".join(words[j:j + 13]) + ", ok." for j in range(0, 260, 13))


def write_strava(folder: Path, megabytes: float, hevy_every: int) -> Path:
    """A Strava export folder with an ``activities.csv`` of about ``megabytes`` MB."""
    import csv

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "activities").mkdir(exist_ok=True)
    start = dt.datetime(2025, 1, 1, 6)
    points = "".join(f'<trkpt lat="{45 + k * 1e-4:.6f}" lon="7.0"><ele>100</ele><time>'
                     f'{(start + dt.timedelta(seconds=k)):%Y-%m-%dT%H:%M:%SZ}</time></trkpt>\n'
                     for k in range(600))
    (folder / "activities" / "1.gpx").write_text(_GPX.format(points=points))
    header = _header()
    at = {name: header.index(name) for name in header}
    limit, i = int(megabytes * 2**20), 0
    with (folder / "activities.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        while out.tell() < limit:
            hevy = hevy_every > 0 and i % hevy_every == 0
            when = dt.datetime(2015, 1, 1, 6) + dt.timedelta(hours=7 * i)
            row = [""] * len(header)
            row[at["Activity ID"]] = str(10_000_000 + i)
            row[at["Activity Date"]] = f"{when:%b} {when.day}, {when:%Y, %I:%M:%S %p}"
            row[at["Activity Name"]] = "Leg day" if hevy else f"Morning Run {i} – Rörvik"
            row[at["Activity Type"]] = "Weight Training" if hevy else "Run"
            row[at["Activity Description"]] = _description(i, hevy)
            row[at["Filename"]] = "activities/1.gpx" if i == 0 else f"activities/{i + 1}.fit.gz"
            for name in ("Elapsed Time", "Distance"):
                row[at[name]] = f"{3000 + i % 900}.0"
            writer.writerow(row)
            i += 1
    return folder


def write_strong(path: Path, megabytes: float) -> Path:
    """A classic Strong CSV (weights in pounds, not named) of about ``megabytes`` MB."""
    limit, workout = int(megabytes * 2**20), 0
    lines = ["Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,"
             "Seconds,Notes,Workout Notes,RPE\n"]
    size = len(lines[0])
    when = dt.datetime(2016, 1, 1, 18)  # a workout every 2 h: 56 MB ends in 2024, not in the future
    while size < limit:
        stamp = f"{when + dt.timedelta(hours=2 * workout):%Y-%m-%d %H:%M:%S}"
        for k, lift in enumerate(_LIFTS[workout % 3:workout % 3 + 5]):
            for s in range(1, 5):
                note = '"felt ok, [full rom]"' if s == 1 else ""
                line = (f'{stamp},"Legs {workout % 7}",55m,"{lift}",{s},{95 + 10 * k + s * 5}.0,'
                        f"{6 + (workout + s) % 6},0,0,{note},,{7 + s % 3 if s > 2 else ''}\n")
                lines.append(line)
                size += len(line)
        workout += 1
    path.write_text("".join(lines), encoding="utf-8")
    return path


def run(command: list[str], database: Path) -> dict[str, float]:
    """Peak memory and time of one ``legload`` subprocess into a new ``database``."""
    database.unlink(missing_ok=True)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    found = peak_rss([sys.executable, "-m", "legload", *command, "--db", str(database)], env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {**found, "cpu_seconds": round(cpu, 1)}


def _reuse(path: Path, size_mb: float, reuse: bool) -> bool:
    return reuse and path.is_file() and abs(path.stat().st_size / 2**20 - size_mb) < 1


def _import_route(folder: Path, strong_mb: float, reuse: bool) -> dict[str, dict]:
    """``legload import`` of the Strong CSV given as a file, and found in a folder."""
    strong = folder / "strong_import" / "strong.csv"
    strong.parent.mkdir(parents=True, exist_ok=True)
    if not _reuse(strong, strong_mb, reuse):
        write_strong(strong, strong_mb)
    size = round(strong.stat().st_size / 2**20, 1)
    return {case: {"file_mb": size, **run(["import", str(target)], folder / f"{case}.sqlite")}
            for case, target in (("import_file", strong), ("import_folder", strong.parent))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strava-mb", type=float, default=220.0)
    parser.add_argument("--strong-mb", type=float, default=56.0)
    parser.add_argument("--hevy-every", type=int, default=20)
    parser.add_argument("--only", choices=("strava", "strong", "import"))
    parser.add_argument("--dir", type=Path, help="folder for the inputs, kept and reused")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    args = parser.parse_args(argv)
    if not Path("/proc/self/statm").exists():
        raise SystemExit("bench/memory_logs.py samples /proc: Linux only")
    results = {}
    with tempfile.TemporaryDirectory(prefix="legload-memory-logs-") as temporary:
        folder = args.dir or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        if args.only in (None, "strava"):
            export = folder / "strava_export"
            if not _reuse(export / "activities.csv", args.strava_mb, args.dir is not None):
                write_strava(export, args.strava_mb, args.hevy_every)
            size = (export / "activities.csv").stat().st_size / 2**20
            results["strava"] = {"file_mb": round(size, 1), **run(
                ["import", str(export)], folder / "strava.sqlite")}
        if args.only in (None, "strong"):
            strong = folder / "strong.csv"
            if not _reuse(strong, args.strong_mb, args.dir is not None):
                write_strong(strong, args.strong_mb)
            results["strong"] = {"file_mb": round(strong.stat().st_size / 2**20, 1), **run(
                ["strength", "import", str(strong)], folder / "strong.sqlite")}
        if args.only in (None, "import"):
            results.update(_import_route(folder, args.strong_mb, args.dir is not None))
    if args.json:
        print(json.dumps(results))
        return 0
    for case, found in results.items():
        speed = (f"; {STRONG_SECONDS_BEFORE / found['seconds']:.1f}x the {STRONG_SECONDS_BEFORE:.0f} s "
                 f"before streaming, {STRONG_CPU_BEFORE / found['cpu_seconds']:.1f}x the "
                 f"{STRONG_CPU_BEFORE} s CPU before" if case == "strong" else "")
        if case in IMPORT_MB_BEFORE:
            speed = (f"; {IMPORT_MB_BEFORE[case]:.0f} MB before streaming "
                     f"({IMPORT_MB_BEFORE[case] / found['tree_mb']:.2f}x this)")
        print(f"{case:13s} {found['file_mb']:6.1f} MB CSV: peak RSS {found['tree_mb']:7.1f} MB "
              f"(process tree; PSS {found['tree_pss_mb']:.1f} MB), {found['seconds']:6.1f} s "
              f"({found['cpu_seconds']:.1f} s CPU)"
              f"{speed}; target under {TARGETS_MB[case]} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
