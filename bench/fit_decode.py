"""FIT decoding speed: legload against the other Python FIT readers, side by side.

Each reader turns the file's record messages into columns (numpy arrays or lists); the
readers run interleaved, several rounds, and the best round counts. Prints records/s, MB/s,
peak Python memory (tracemalloc: allocations inside Rust extensions are not seen) and the
ratio legload/peer per file; with ``--real`` (the real files over 100 kB in ``real/fit`` and
``real/broken``), the range of the ratios over the real files each peer could read, then end
to end per real file:
:func:`legload.read_activity` (read, decode, samples frame, laps, summary) against
``pandas.DataFrame(fitfast.records(path))`` (target: legload at least 2x faster on each).

    .venv/bin/python bench/fit_decode.py [--rounds 5] [--hours 10] [--real [--end-to-end-only]]
        [--cpu]

Peers that are not installed are skipped: pip install fitdecode fitparse fitfast.
The whole-import benchmark (a generated export of 1,000 one-hour runs: decode, import with
and without worker processes, memory for 100 against 1,000 files) is
``bench/import_export.py``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np

from legload.readers.fit.decode import decode
from legload.synth.fit_writer import encode_fit
from legload.synth.workouts import easy_run, synthesize

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "real"
#: the folders of real FIT files: whole recordings, and damaged ones (truncated, misaligned)
REAL_FOLDERS = ("fit", "broken")


def legload_records(data: bytes) -> int:
    return len(decode(data).table("record")["_offset"])


def sdk_records(data: bytes) -> int:
    from garmin_fit_sdk import Decoder, Stream

    messages, _ = Decoder(Stream.from_byte_array(bytearray(data))).read()
    records = messages.get("record_mesgs", [])
    columns = {k: np.array([r.get(k) for r in records], dtype=object) for k in records[0]} \
        if records else {}
    return len(next(iter(columns.values()), []))


def fitdecode_records(data: bytes) -> int:
    import io

    import fitdecode

    columns: dict[str, list] = {}
    n = 0
    with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.DISABLED) as reader:
        for frame in reader:
            if frame.frame_type == fitdecode.FIT_FRAME_DATA and frame.name == "record":
                for field in frame.fields:
                    columns.setdefault(field.name, []).append(field.value)
                n += 1
    return n


def fitparse_records(data: bytes) -> int:
    import io

    import fitparse

    columns: dict[str, list] = {}
    n = 0
    for message in fitparse.FitFile(io.BytesIO(data), check_crc=False).get_messages("record"):
        for field in message:
            columns.setdefault(field.name, []).append(field.value)
        n += 1
    return n


def fitfast_records(data: bytes) -> int:
    import fitfast

    columns = fitfast.records(data)
    return len(next(iter(columns.values())))


PEERS = {
    "legload": legload_records,
    "garmin-fit-sdk": sdk_records,
    "fitdecode": fitdecode_records,
    "fitparse": fitparse_records,
    "fitfast": fitfast_records,
}


def available() -> dict:
    found = {}
    for name, fn in PEERS.items():
        module = {"garmin-fit-sdk": "garmin_fit_sdk"}.get(name, name)
        try:
            __import__(module)
        except ImportError:
            print(f"# {name} not installed: skipped", file=sys.stderr)
            continue
        found[name] = fn
    return found


def long_activity(hours: float) -> bytes:
    workout = easy_run(dt.datetime(2026, 1, 1, 6, tzinfo=dt.UTC), minutes=60 * hours, speed=2.9)
    return encode_fit(workout, synthesize(workout, gps_noise_m=2.0, alt_noise_m=1.0))


def measure(files: dict[str, bytes], peers: dict, rounds: int, slow_rounds: int
            ) -> dict[str, dict[str, float]]:
    """Print each file's table; return legload/peer per file (files the peer read)."""
    ratios: dict[str, dict[str, float]] = {}
    for label, data in files.items():
        times: dict[str, list[float]] = {name: [] for name in peers}
        counts: dict[str, int] = {}
        errors: dict[str, str] = {}
        for round_ in range(rounds):
            for name, fn in peers.items():
                if name in errors or (name not in ("legload", "fitfast") and round_ >= slow_rounds):
                    continue
                start = time.perf_counter()
                try:
                    counts[name] = fn(data)
                except Exception as exc:  # a peer refusing a file is a result, not a crash
                    errors[name] = f"{type(exc).__name__}: {str(exc)[:60]}"
                    continue
                times[name].append(time.perf_counter() - start)
        peaks = {}
        for name, fn in peers.items():
            if name in errors:
                continue
            tracemalloc.start()
            fn(data)
            peaks[name] = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
        mb = len(data) / 2**20
        ours = min(times["legload"])
        print(f"\n{label}: {mb:.2f} MB, {counts.get('legload', 0)} records")
        print(f"{'reader':<16}{'best s':>10}{'records/s':>14}{'MB/s':>10}{'peak MB':>10}"
              f"{'legload/peer':>14}")
        for name in peers:
            if name in errors:
                print(f"{name:<16}  failed: {errors[name]}")
                continue
            best = min(times[name])
            print(f"{name:<16}{best:>10.4f}{counts[name] / best:>14,.0f}{mb / best:>10.1f}"
                  f"{peaks[name]:>10.1f}{best / ours:>13.1f}x")
            ratios.setdefault(name, {})[label] = best / ours
        if counts and len(set(counts.values())) > 1:
            print(f"  note: record counts differ: {counts}")
    return ratios


def end_to_end(paths: list[Path], rounds: int, clock=time.perf_counter) -> None:
    """read_activity against fitfast → DataFrame, whole calls from the path, best of
    ``rounds`` (interleaved) on ``clock``; prints fitfast/legload per file (> 1: legload
    faster)."""
    import pandas as pd

    import legload

    try:
        import fitfast
    except ImportError:
        print("# fitfast not installed: end-to-end comparison skipped", file=sys.stderr)
        return
    print(f"\nend to end, best of {rounds} ({clock.__name__}): read_activity(path) vs "
          "pandas.DataFrame(fitfast.records(path))")
    print(f"{'file':<46}{'kB':>6}{'legload ms':>12}{'fitfast ms':>12}{'ratio':>8}  >= 2x")
    ratios = []
    for path in paths:
        ours, theirs = [], []
        try:
            pd.DataFrame(fitfast.records(str(path)))
        except Exception as exc:  # fitfast refusing a file is a result, not a crash
            print(f"{path.name:<46}{path.stat().st_size / 1000:>6.0f}  fitfast failed: "
                  f"{type(exc).__name__}: {str(exc)[:50]}")
            continue
        for _ in range(rounds):
            start = clock()
            legload.read_activity(path)
            ours.append(clock() - start)
            start = clock()
            pd.DataFrame(fitfast.records(str(path)))
            theirs.append(clock() - start)
        ratio = min(theirs) / min(ours)
        ratios.append(ratio)
        print(f"{path.name:<46}{path.stat().st_size / 1000:>6.0f}{min(ours) * 1000:>12.1f}"
              f"{min(theirs) * 1000:>12.1f}{ratio:>7.2f}x  {'yes' if ratio >= 2 else 'NO'}")
    if ratios:
        print(f"median {np.median(ratios):.2f}x, lowest {min(ratios):.2f}x over {len(ratios)} "
              "files")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--slow-rounds", type=int, default=2,
                        help="rounds for the pure-Python peers (they take seconds per file)")
    parser.add_argument("--hours", type=float, default=10.0)
    parser.add_argument("--real", action="store_true", help="also the real FIT files")
    parser.add_argument("--end-to-end-only", action="store_true",
                        help="with --real: only read_activity against fitfast -> DataFrame")
    parser.add_argument("--cpu", action="store_true",
                        help="end to end on the process's CPU time, not wall time (a busy "
                             "machine: time spent waiting for a core is not counted)")
    args = parser.parse_args()
    clock = time.process_time if args.cpu else time.perf_counter
    peers = available()
    cache = Path(tempfile.gettempdir()) / f"legload-bench-{args.hours:g}h.fit"
    if not cache.exists():
        cache.write_bytes(long_activity(args.hours))
    files = {f"generated {args.hours:g} h 1 Hz run": cache.read_bytes()}
    real_paths = sorted(p for folder in REAL_FOLDERS if (REAL / folder).is_dir()
                        for p in (REAL / folder).rglob("*.fit") if p.stat().st_size > 100_000) \
        if args.real else []
    if real_paths and args.end_to_end_only:
        end_to_end(real_paths, max(args.rounds, 5), clock)
        return
    for path in real_paths:
        files[path.name] = path.read_bytes()
    ratios = measure(files, peers, args.rounds, args.slow_rounds)
    if len(files) > 1:
        print("\nreal files, legload/peer:")
        for name, by_file in ratios.items():
            real = [r for label, r in by_file.items() if not label.startswith("generated")]
            if name != "legload" and real:
                print(f"  {name:<16}{min(real):>7.1f}x to {max(real):.1f}x ({len(real)} files the peer read)")
    if real_paths:
        end_to_end(real_paths, max(args.rounds, 5), clock)


if __name__ == "__main__":
    main()
