"""Apple Health import: a generated ``export.xml`` of ``--size-mb`` MB (default 1024; about
90 % heart-rate and step records, plus workouts, weigh-ins and food) inside a zip, read by

* ``legload import`` (the whole import into a fresh database, one process),
* ``legload scan``: the export reader alone (:func:`scan_export` over the zip member),
* ``pull parser``: healthkit-to-sqlite's approach, written here for the comparison: the
  standard library's ``xml.etree.ElementTree.XMLPullParser`` fed 1 MB chunks of the member,
  each top-level element handled at its end event, then cleared.

Each runs in a fresh process; prints seconds, MB of XML per second, peak resident memory
(``VmHWM``), the memory of the modules loaded before reading (numpy, pandas, lxml for
legload), and the ratio of each to legload's import. Targets: peak RSS under 200 MB, at
least 100 MB/s.

    .venv/bin/python bench/apple_health.py [--size-mb 1024] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

MEMBER = "apple_health_export/export.xml"
CHUNK = 1 << 20
WANTED = {"HKQuantityTypeIdentifier" + name for name in (
    "BodyMass", "BodyFatPercentage", "LeanBodyMass", "DietaryEnergyConsumed", "DietaryProtein",
    "DietaryCarbohydrates", "DietaryFatTotal")}


def generate(folder: Path, size_mb: int) -> tuple[Path, int]:
    """The zip, written as a stream (the XML is never held whole); its XML size."""
    from legload.synth.apple_health import write_export

    path = folder / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive, \
            archive.open(MEMBER, "w", force_zip64=True) as member:
        # no iOS 16 defects: the standard library parser refuses them (legload reads them)
        written = write_export(member, days=1, samples_per_day=10_000, routes=False,
                               first_day=dt.date(2020, 1, 1), defects=False,
                               target_bytes=size_mb << 20)
    return path, written.bytes


def run_legload_import(path: Path) -> dict:
    from legload.api import import_paths

    with tempfile.TemporaryDirectory() as folder:
        report = import_paths([path], db=Path(folder) / "db.sqlite", workers=1)
    return {"files": report.imported, "failed": len(report.failed)}


def run_legload_scan(path: Path) -> dict:
    from legload.readers.exports.apple_health import scan_export

    with zipfile.ZipFile(path) as archive, archive.open(MEMBER) as handle:
        found = scan_export(iter(lambda: handle.read(CHUNK), b""), str(path))
    return {"workouts": len(found.workouts), "weigh_ins": len(found.body),
            "intake_keys": len(found.intake)}


def run_pull_parser(path: Path) -> dict:
    """The comparator: ElementTree's pull parser on 1 MB chunks, elements cleared."""
    parser = ET.XMLPullParser(events=("start", "end"))
    counts = {"workouts": 0, "kept_records": 0, "records": 0}
    depth, root = 0, None
    with zipfile.ZipFile(path) as archive, archive.open(MEMBER) as handle:
        while chunk := handle.read(CHUNK):
            parser.feed(chunk)
            for event, element in parser.read_events():
                if event == "start":
                    depth += 1
                    root = element if root is None else root
                    continue
                depth -= 1
                if depth == 1:
                    _handle(element, counts)
                    element.clear()
            if root is not None:
                del root[:-1]  # cleared children (the last may be in progress)
    parser.close()
    return counts


def _handle(element: ET.Element, counts: dict) -> None:
    if element.tag == "Workout":
        counts["workouts"] += 1
    elif element.tag == "Record":
        counts["records"] += 1
        if element.get("type") in WANTED:
            counts["kept_records"] += 1


RUNS = {"legload import": run_legload_import, "legload scan": run_legload_scan,
        "pull parser": run_pull_parser}


def child(name: str, path: Path) -> None:
    """Run one reader in this (fresh) process; print its figures as JSON (``base_mb``: the
    memory of the modules it imports, before it reads anything)."""
    if name.startswith("legload"):
        import legload.api  # noqa: F401  (numpy, pandas, lxml: not part of the reading)
    base = _status("VmRSS:")
    start = time.perf_counter()
    result = RUNS[name](path)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak_mb": _status("VmHWM:"), "base_mb": base,
                      "result": result}))


def _status(field: str) -> float:
    """A memory figure of this process in MB from /proc/self/status (VmHWM: the peak;
    ru_maxrss survives exec on Linux, so it would count the parent's)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--keep", type=Path, help="generate into (and keep) this folder")
    parser.add_argument("--child", nargs=2, metavar=("RUN", "ZIP"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    with tempfile.TemporaryDirectory() as temp:
        folder = args.keep or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        path, xml_bytes = generate(folder, args.size_mb)
        print(f"generated {xml_bytes / 1e6:.0f} MB of XML ({path.stat().st_size / 1e6:.0f} MB "
              f"zipped) in {time.perf_counter() - start:.0f} s")
        figures = {}
        for name in RUNS:
            out = subprocess.run([sys.executable, __file__, "--child", name, str(path)],
                                 check=True, capture_output=True, text=True).stdout
            figures[name] = json.loads(out.strip().splitlines()[-1])
        _print(figures, xml_bytes)


def _print(figures: dict, xml_bytes: int) -> None:
    base = figures["legload import"]
    print(f"{'run':16} {'s':>8} {'MB/s':>8} {'peak MB':>8} {'modules':>8} {'time ×':>7} "
          f"{'RSS ×':>7}  result")
    for name, got in figures.items():
        rate = xml_bytes / 1e6 / got["seconds"]
        print(f"{name:16} {got['seconds']:8.1f} {rate:8.0f} {got['peak_mb']:8.0f} "
              f"{got['base_mb']:8.0f} {got['seconds'] / base['seconds']:7.2f} "
              f"{got['peak_mb'] / base['peak_mb']:7.2f}  {got['result']}")
    rate = xml_bytes / 1e6 / base["seconds"]
    print(f"legload import: {rate:.0f} MB/s (target >= 100), peak RSS {base['peak_mb']:.0f} MB "
          "(target < 200)")


if __name__ == "__main__":
    main()
