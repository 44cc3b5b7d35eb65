"""``legload serve`` under a 10-year athlete: server time of the dashboard and of activity
pages, after the first computation, measured with an HTTP client (httpx) against uvicorn
running on 127.0.0.1 in its own process.

    .venv/bin/python bench/serve.py [--years 10] [--requests 200] [--keep DIR]

Generates the athlete with legload.synth (the deficit runner's plan, about 5 runs a week:
about 2,600 activities in 10 years) as real FIT/GPX files, imports them, starts
``legload serve``, requests each page once (the first computation, reported apart), then
``--requests`` times. Prints p50/p95 of the server time (its ``Server-Timing`` header) and of
the client's wall time, and the ratio of p95 to the target (dashboard 100 ms, activity
150 ms; below 1 is within it).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import httpx

from legload import api
from legload.core.profile import AthleteProfile
from legload.synth.athletes import ATHLETES, write_athlete

TARGETS_MS = {"dashboard": 100.0, "activity": 150.0}


def build(folder: Path, years: float) -> Path:
    """The athlete's files, imported into ``folder/legload.sqlite``."""
    athlete = dataclasses.replace(ATHLETES[0], name="ten_years", weeks=round(52 * years))
    db = folder / "legload.sqlite"
    started = time.perf_counter()
    with ProcessPoolExecutor() as pool:
        files = write_athlete(athlete, folder / "files", mapper=pool.map)
    print(f"generated {len(files)} files in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    api.set_athlete(AthleteProfile(name="ten_years", **athlete.profile), db=db)
    report = api.import_paths([folder / "files"], db=db, athlete="ten_years")
    print(f"imported {report.imported} files in {time.perf_counter() - started:.0f} s")
    return db


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(db: Path) -> tuple[subprocess.Popen, str]:
    port = _port()
    process = subprocess.Popen([sys.executable, "-m", "legload", "serve", "--db", str(db),
                                "--port", str(port)], env=os.environ.copy())
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            httpx.get(f"{base}/api/athletes", timeout=1)
            return process, base
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the server did not start")


def timed(client: httpx.Client, url: str) -> tuple[float, float]:
    """(server ms from Server-Timing, client wall ms) of one GET."""
    started = time.perf_counter()
    response = client.get(url)
    wall = 1000 * (time.perf_counter() - started)
    response.raise_for_status()
    server = float(response.headers["server-timing"].split("dur=")[1])
    return server, wall


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def measure(base: str, requests: int) -> None:
    with httpx.Client(base_url=base, timeout=600) as client:
        ids = [a["id"] for a in client.get("/api/activities").json()]
        print(f"{len(ids)} activities stored")
        chosen = random.Random(0).sample(ids, min(20, len(ids)))
        first = timed(client, "/")[0]
        firsts = [timed(client, f"/activities/{i}")[0] for i in chosen]
        print(f"first computation: dashboard {first:.0f} ms, activity pages "
              f"{min(firsts):.0f}-{max(firsts):.0f} ms")
        pages = {"dashboard": lambda k: "/",
                 "activity": lambda k: f"/activities/{chosen[k % len(chosen)]}"}
        for name, url in pages.items():
            samples = [timed(client, url(k)) for k in range(requests)]
            server = [s for s, _ in samples]
            wall = [w for _, w in samples]
            p95 = percentile(server, 95)
            print(f"{name:9s} server p50 {percentile(server, 50):6.1f} ms  p95 {p95:6.1f} ms  "
                  f"| client p50 {percentile(wall, 50):6.1f} ms  p95 "
                  f"{percentile(wall, 95):6.1f} ms  | p95/target {p95 / TARGETS_MS[name]:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=float, default=10.0)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="build in (or reuse) this folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="legload-serve-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "legload.sqlite"
    if not db.exists():
        db = build(folder, args.years)
    process, base = serve(db)
    try:
        measure(base, args.requests)
    finally:
        process.terminate()
        process.wait(10)


if __name__ == "__main__":
    main()
