"""GPX and TCX reading speed: legload's safe readers against gpxpy and tcxreader.

Every reader starts from the file on disk and ends with a pandas DataFrame of the track
points (time, lat, lon, ele, hr, for TCX also distance); legload's readers also build the
activity summary, as an import needs it, and keep their safe parser settings (no entities,
no DTD, no network, libxml2 limits on). legload reads the track points from the bytes
(legload.readers.xml.scan: tags and their names found by numpy in bulk, the points' texts
taken and their numbers and times read by arrow) a piece at a time, each piece checked by
libxml2 in the same thread, and everything else from a small tree of the rest. The readers
run interleaved, several rounds, and the best round counts; a file's rounds are spread over
several passes through all the files (``--passes``),
so that a slow spell of the machine, which can last seconds, spoils a few of its rounds rather
than all of them. Prints elapsed and CPU seconds, points/s and the ratio legload/peer per
file, by elapsed and by CPU time (a ratio of 5.0x means legload took one fifth of the peer's
time). On a shared or virtual machine timings vary by 10-30 % from run to run: more rounds
give steadier bests.

    .venv/bin/python bench/xml_decode.py [--rounds 25] [--passes 5] [--hours 10] [--only gpx|tcx]
                                         [--profile]

``--profile`` also prints where legload's time goes (cProfile, top functions by own time)
for the largest file of each format.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from legload.readers.xml.gpx import read_gpx
from legload.readers.xml.tcx import read_tcx
from legload.synth.gpx_writer import encode_gpx
from legload.synth.workouts import easy_run, synthesize

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "real"
#: the larger real files that all readers decode (broken/ ones are salvaged by legload only
#: where a peer refuses them; those rows print the peer's error)
GPX_FILES = (
    "gpx/running/garmin_connect_fr945_run_hilly_14km.gpx",
    "gpx/hiking/mytrails_mountain_6h.gpx",
    "gpx/running/strava_run_with_pauses.gpx",
    "gpx/running/amazfit_run.gpx",
    "broken/gpx_bom_no_namespace.gpx",
    "broken/gpx_undefined_namespace_prefix_strava.gpx",
)
TCX_FILES = (
    "tcx/running/garmin_fr945_treadmill_10km.tcx",
    "tcx/running/polar_m400_run.tcx",
    "tcx/multisport/run_bike_run_multisession.tcx",
    "tcx/running/long_run_2h_2020-12-20.tcx",
    "tcx/cycling/mapmyride_ride.tcx",
    "tcx/running/garmin_11km_run.tcx",
    "broken/tcx_leading_whitespace_before_xml_decl.tcx",
)
GPX_COLUMNS = ["time", "lat", "lon", "ele", "hr"]


# -- the readers: path → DataFrame ------------------------------------------------------------

def legload_gpx(path: Path) -> pd.DataFrame:
    return _one_frame(read_gpx(path.read_bytes(), str(path)))


def legload_tcx(path: Path) -> pd.DataFrame:
    return _one_frame(read_tcx(path.read_bytes(), str(path)))


def _one_frame(activities) -> pd.DataFrame:
    """The samples of all activities of a file (several for a multisport file) in one frame."""
    if len(activities) == 1:
        return activities[0].samples
    return pd.concat([a.samples for a in activities], ignore_index=True)


def gpxpy_frame(path: Path) -> pd.DataFrame:
    import gpxpy

    with open(path, encoding="utf-8-sig") as handle:
        gpx = gpxpy.parse(handle)
    rows = []
    for track in gpx.tracks:
        for segment in track.segments:
            for p in segment.points:
                hr = None
                for extension in p.extensions:
                    for element in extension.iter():
                        if element.tag.rpartition("}")[2].lower() in ("hr", "heartrate"):
                            hr = element.text
                            break
                rows.append((p.time, p.latitude, p.longitude, p.elevation, hr))
    frame = pd.DataFrame(rows, columns=GPX_COLUMNS)
    frame["hr"] = pd.to_numeric(frame["hr"])
    return frame


def tcxreader_frame(path: Path) -> pd.DataFrame:
    from tcxreader.tcxreader import TCXReader

    exercise = TCXReader().read(str(path), only_gps=False)
    rows = [(p.time, p.latitude, p.longitude, p.elevation, p.hr_value, p.distance)
            for p in exercise.trackpoints]
    return pd.DataFrame(rows, columns=[*GPX_COLUMNS, "distance"])


# -- measuring --------------------------------------------------------------------------------

def generated_gpx(hours: float) -> Path:
    """A 1 Hz GPX of ``hours`` of running (cached in the temp folder)."""
    path = Path(tempfile.gettempdir()) / f"legload-bench-{hours:g}h.gpx"
    if not path.exists():
        workout = easy_run(dt.datetime(2026, 1, 1, 6, tzinfo=dt.UTC), minutes=60 * hours)
        samples = synthesize(workout, gps_noise_m=2.0, alt_noise_m=1.0)
        path.write_bytes(encode_gpx(workout, samples))
    return path


def measure(files: dict[str, Path], readers: dict[str, Callable[[Path], pd.DataFrame]],
            rounds: int, passes: int) -> tuple[list[float], list[float]]:
    """Print one table per file; returns legload's speed-up over the peer per file, by
    elapsed time and by CPU time. The rounds of a file are spread over ``passes`` passes
    through all the files, so that a slow spell of the machine falls on a few of a file's
    rounds rather than on all of them."""
    times: dict[str, dict[str, list[float]]] = {label: {n: [] for n in readers} for label in files}
    cpu: dict[str, dict[str, list[float]]] = {label: {n: [] for n in readers} for label in files}
    points: dict[str, dict[str, int]] = {label: {} for label in files}
    errors: dict[str, dict[str, str]] = {label: {} for label in files}
    for pass_ in range(passes):
        for label, path in files.items():
            for _ in range(rounds // passes + (pass_ < rounds % passes)):
                for name, reader in readers.items():
                    if name in errors[label]:
                        continue
                    start, start_cpu = time.perf_counter(), time.process_time()
                    try:
                        frame = reader(path)
                    except Exception as exc:  # a reader refusing a file is a result, not a crash
                        errors[label][name] = f"{type(exc).__name__}: {str(exc)[:70]}"
                        continue
                    times[label][name].append(time.perf_counter() - start)
                    cpu[label][name].append(time.process_time() - start_cpu)
                    points[label][name] = len(frame)
    ratios: list[float] = []
    cpu_ratios: list[float] = []
    for label, path in files.items():
        ratio_pair = _table(label, path, readers, times[label], cpu[label], points[label],
                            errors[label])
        ratios.extend(ratio_pair[0])
        cpu_ratios.extend(ratio_pair[1])
    return ratios, cpu_ratios


def _table(label: str, path: Path, readers: dict, times: dict[str, list[float]],
           cpu: dict[str, list[float]], points: dict[str, int], errors: dict[str, str]
           ) -> tuple[list[float], list[float]]:
    """Print one file's table; its legload/peer ratios by elapsed and by CPU time."""
    ratios: list[float] = []
    cpu_ratios: list[float] = []
    print(f"\n{label}: {path.stat().st_size / 2**20:.2f} MB, "
          f"{points.get('legload', 0)} points (legload)")
    print(f"{'reader':<12}{'best s':>10}{'cpu s':>10}{'points/s':>14}{'legload/peer':>14}"
          f"{'by cpu':>9}")
    ours = min(times["legload"]) if times["legload"] else None
    ours_cpu = min(cpu["legload"]) if cpu["legload"] else None
    for name in readers:
        if name in errors:
            print(f"{name:<12}  failed: {errors[name]}")
            continue
        best, best_cpu = min(times[name]), min(cpu[name])
        ratio = best / ours if ours else float("nan")
        cpu_ratio = best_cpu / ours_cpu if ours_cpu else float("nan")
        print(f"{name:<12}{best:>10.4f}{best_cpu:>10.4f}{points[name] / best:>14,.0f}"
              f"{ratio:>13.1f}x{cpu_ratio:>8.1f}x")
        if name != "legload" and points[name] == 0:
            print(f"  note: {name} found no points in this file (ratio not counted)")
        elif name != "legload":
            ratios.append(ratio)
            cpu_ratios.append(cpu_ratio)
    if len(set(points.values())) > 1:
        print(f"  note: point counts differ: {points}")
    return ratios, cpu_ratios


def profile(label: str, reader: Callable[[Path], pd.DataFrame], path: Path,
            top: int = 18) -> None:
    """Print legload's hot spots on ``path``: functions by own time, then by cumulative."""
    reader(path)  # warm caches and imports
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(3):
        reader(path)
    profiler.disable()
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(order)
        stats.print_stats(top)
        text = out.getvalue()
        body = text[text.index("   ncalls"):] if "   ncalls" in text else text
        print(f"\n# profile of legload on {label} (3 reads), by {order}\n{body}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=25)
    parser.add_argument("--passes", type=int, default=5,
                        help="passes through the files the rounds are spread over")
    parser.add_argument("--hours", type=float, default=10.0,
                        help="length of the generated GPX run (1 Hz)")
    parser.add_argument("--profile", action="store_true",
                        help="profile legload on the largest file of each format")
    parser.add_argument("--only", choices=("gpx", "tcx"), help="measure one format only")
    args = parser.parse_args()
    gpx_files = {f"generated {args.hours:g} h 1 Hz run (GPX)": generated_gpx(args.hours)}
    tcx_files: dict[str, Path] = {}
    if REAL.is_dir():
        gpx_files |= {name: REAL / name for name in GPX_FILES if (REAL / name).exists()}
        tcx_files |= {name: REAL / name for name in TCX_FILES if (REAL / name).exists()}
    else:
        print("# real files not found: only the generated GPX", file=sys.stderr)
    gpx_ratios: tuple[list[float], list[float]] = ([], [])
    tcx_ratios: tuple[list[float], list[float]] = ([], [])
    if args.only != "tcx":
        print("## GPX: legload.readers.xml.gpx vs gpxpy")
        gpx_ratios = measure(gpx_files, {"legload": legload_gpx, "gpxpy": gpxpy_frame},
                             args.rounds, max(1, min(args.passes, args.rounds)))
    if args.only != "gpx":
        print("\n## TCX: legload.readers.xml.tcx vs tcxreader")
        tcx_ratios = measure(tcx_files, {"legload": legload_tcx, "tcxreader": tcxreader_frame},
                             args.rounds, max(1, min(args.passes, args.rounds)))
    for fmt, (ratios, cpu_ratios) in (("GPX", gpx_ratios), ("TCX", tcx_ratios)):
        if ratios:
            print(f"\n{fmt}: legload/peer from {min(ratios):.1f}x to {max(ratios):.1f}x "
                  f"({len(ratios)} files the peer read); by CPU time from "
                  f"{min(cpu_ratios):.1f}x to {max(cpu_ratios):.1f}x")
    if args.profile:
        largest_gpx = max(gpx_files.values(), key=lambda p: p.stat().st_size)
        profile(largest_gpx.name, legload_gpx, largest_gpx)
        if tcx_files:
            largest_tcx = max(tcx_files.values(), key=lambda p: p.stat().st_size)
            profile(largest_tcx.name, legload_tcx, largest_tcx)


if __name__ == "__main__":
    main()
