"""Memory of the import path on big recordings: what it holds and its full-size temporaries.

Measured with :mod:`tracemalloc` (numpy's and Python's allocations), so the bounds are exact
and independent of the machine: a big file's bytes are let go once they are read (the
analysis that follows does not hold them), and the altitude fit, the track distance and the
climb of the summary allocate a bounded number of per-row arrays, in blocks.
"""

from __future__ import annotations

import sys
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import legload.api as api
import legload.pipeline as pipeline
from legload.core import activity as core_activity
from legload.streams import altitude, resample

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from memory import write_gpx

ROWS = 300_000


def _track(n: int) -> tuple[np.ndarray, np.ndarray]:
    x = np.cumsum(np.full(n, 3.0))
    alt = 100 + np.sin(np.arange(n) / 500) * 20 + np.random.default_rng(1).normal(0, 2, n)
    return x, alt


def _peak_per_row(call, n: int) -> float:
    """Bytes per row ``call()`` allocates at its peak beyond what was allocated before."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        call()
        return (tracemalloc.get_traced_memory()[1] - before) / n
    finally:
        tracemalloc.stop()


def test_a_big_files_bytes_are_let_go_before_its_analysis(tmp_path, monkeypatch):
    points = 100_000
    path = write_gpx(tmp_path / "big.gpx", points)  # about 10 MB: read again by the reader
    size, columns = path.stat().st_size, points * 8 * 8
    seen: list[int] = []
    build = pipeline.to_stream

    def to_stream(activity):
        seen.append(tracemalloc.get_traced_memory()[0] - start)
        return build(activity)

    monkeypatch.setattr(pipeline, "to_stream", to_stream)
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        report = api.import_paths([path], db=tmp_path / "db.sqlite", workers=1)
    finally:
        tracemalloc.stop()
    assert report.imported == 1 and not report.failed
    # the read columns (eight per point) are held, and less than the file's bytes (twice
    # the columns' size when they are held too)
    assert seen and seen[0] < size + columns, (seen, size, columns)


def test_the_altitude_fit_allocates_a_bounded_number_of_rows():
    x, alt = _track(ROWS)
    rows = np.arange(ROWS)
    per_row = _peak_per_row(lambda: altitude.smooth_and_grade(x, rows, alt, "gps"), ROWS)
    assert per_row < 20 * 8, per_row  # the three results, the five sums and their inputs


def test_the_altitude_fit_in_blocks_is_the_fit_in_one_piece(monkeypatch):
    x, alt = _track(5_000)
    rows = np.arange(5_000)
    whole = altitude.smooth_and_grade(x, rows, alt, "gps")
    monkeypatch.setattr(resample, "BLOCK_ROWS", 777)
    blocked = altitude.smooth_and_grade(x, rows, alt, "gps")
    for name in ("altitude_m", "grade", "window_m"):
        assert np.array_equal(getattr(blocked, name), getattr(whole, name), equal_nan=True)
    assert (blocked.noise_m, blocked.clipped, blocked.reached_target) == (
        whole.noise_m, whole.clipped, whole.reached_target)


def test_the_summary_distance_and_climb_allocate_a_bounded_number_of_rows():
    _, alt = _track(ROWS)
    frame = pd.DataFrame({"lat_deg": 45 + np.arange(ROWS) * 1e-5,
                          "lon_deg": 7 + np.arange(ROWS) * 1e-5,
                          "timestamp": pd.date_range("2025-01-01", periods=ROWS, freq="s")})
    assert _peak_per_row(lambda: core_activity.track_distance_m(frame), ROWS) < 8 * 8
    assert _peak_per_row(lambda: core_activity.climb_m(alt), ROWS) < 3 * 8


@pytest.mark.parametrize("n", [1, 2, 3, 70_000])
def test_distance_and_climb_in_blocks_are_the_same_in_one_piece(monkeypatch, n):
    x, alt = _track(n)
    frame = pd.DataFrame({"lat_deg": 45 + np.sin(x / 1e4), "lon_deg": 7 + np.cos(x / 1e4),
                          "timestamp": pd.date_range("2025-01-01", periods=n, freq="s")})
    blocked = core_activity.track_distance_m(frame), core_activity.climb_m(alt)
    monkeypatch.setattr(core_activity, "_BLOCK", 1 << 30)
    whole = core_activity.track_distance_m(frame), core_activity.climb_m(alt)
    assert np.array_equal(blocked[0], whole[0]) and blocked[1] == whole[1]


def test_a_file_read_again_is_counted_in_flight_and_checked_against_its_hash(tmp_path):
    from legload.import_pool import ReadJob, ReadPool, read_job

    path = write_gpx(tmp_path / "run.gpx", 1_000)
    size = path.stat().st_size
    job = ReadJob(b"", str(path), "0" * 64, path=str(path), size=size)
    pool = ReadPool(workers=2)
    pool.budget = size - 1
    assert job.nbytes == size and pool._too_much([job])
    result = read_job(job)  # the file is not the one hashed: not read as if it were
    assert result.error is not None and "changed while" in result.error.problem
    assert not result.activities
