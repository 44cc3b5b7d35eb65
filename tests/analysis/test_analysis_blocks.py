"""The analysis after reading, in blocks: the same ledger as in one piece, and memory that
does not grow with a recording's length by more than a few bytes per row.

Measured with :mod:`tracemalloc` (numpy's and Python's allocations), so the bounds are exact
and independent of the machine. The per-muscle load computed on whole arrays held four full
sets of per-muscle rate arrays (about 1 kB per row); the stream build's temporaries took
about 250 B per row.
"""

from __future__ import annotations

import dataclasses
import tracemalloc

import numpy as np
import pandas as pd
import pytest

from legload.analysis import muscle_load as ml
from legload.core.activity import Activity
from legload.streams import Stream, resample
from legload.streams.build import to_stream


def _stream(n: int, sport: str = "running") -> Stream:
    """``n`` seconds alternating between running, walking and sprints, on rolling hills,
    with cadence dropping out now and then."""
    t = np.arange(n, dtype=float)
    speed = 2.6 + 1.2 * np.sin(t / 400) + np.where((t // 60) % 15 == 0, 3.0, 0.0)
    grade = 0.12 * np.sin(t / 90)
    cadence = np.where((t // 500) % 7 == 3, 0.0, 150 + 10 * speed)
    frame = pd.DataFrame({"t_s": t, "distance_m": np.cumsum(speed), "speed_m_s": speed,
                          "grade": grade, "cadence_spm": cadence,
                          "cadence_rpm": cadence / 2, "power_w": 40 * speed**2})
    return Stream(frame=frame, sport=sport)


def _raw_ledger(monkeypatch, stream: Stream, block_rows: int) -> dict:
    """The ledger with its sums unrounded, computed ``block_rows`` rows at a time."""
    monkeypatch.setattr(resample, "BLOCK_ROWS", block_rows)
    monkeypatch.setattr(ml, "round", lambda value, digits=None: value, raising=False)
    return {m: dataclasses.asdict(load) for m, load in ml.muscle_load(stream).items()}


@pytest.mark.parametrize("sport", ["running", "cycling"])
def test_the_ledger_in_blocks_is_the_ledger_in_one_piece(monkeypatch, sport):
    stream = _stream(5_000, sport)
    whole = _raw_ledger(monkeypatch, stream, 1 << 30)
    assert any(load["brief_effort_s"] > 0 for load in whole.values())  # efforts to cut
    for block_rows in (777, 1_000):  # efforts and gait windows across the edges
        blocked = _raw_ledger(monkeypatch, stream, block_rows)
        for muscle, load in whole.items():
            for name, value in load.items():
                if isinstance(value, float):
                    assert blocked[muscle][name] == pytest.approx(value, rel=1e-12, abs=1e-12), \
                        (muscle, name)
                else:
                    assert blocked[muscle][name] == value, (muscle, name)


def _peak_bytes(call) -> int:
    """Bytes ``call()`` allocates at its peak beyond what was allocated before."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        call()
        return tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()


def _bytes_per_added_row(call_on_rows, small: int, big: int) -> float:
    """How much the peak of ``call_on_rows(n)`` grows per row from ``small`` to ``big`` rows
    (the temporaries of a block are the same for both, so they cancel out)."""
    return (_peak_bytes(call_on_rows(big)) - _peak_bytes(call_on_rows(small))) / (big - small)


def test_the_muscle_load_grows_by_a_few_bytes_per_row():
    def run(n):
        stream = _stream(n)
        return lambda: ml.muscle_load(stream)

    # one bool per muscle and row (the high-activation seconds) and the brief-effort runs
    assert _bytes_per_added_row(run, 150_000, 300_000) < 24


def _activity(n: int) -> Activity:
    """A GPS run of ``n`` one-second points with altitude, as a GPX reader gives it."""
    t = np.arange(n)
    return Activity(samples=pd.DataFrame({
        "timestamp": pd.date_range("2025-01-01", periods=n, freq="s", tz="UTC"),
        "lat_deg": 45 + t * 2e-5, "lon_deg": 7 + t * 2e-5 * np.cos(t / 3e4),
        "altitude_m": 100 + 30 * np.sin(t / 700) + (t % 3) * 0.7}),
        laps=None, summary={"sport": "running", "format": "gpx"})


def test_the_stream_build_grows_by_a_few_frames_per_row():
    def run(n):
        activity = _activity(n)
        return lambda: to_stream(activity)

    # the stream (eight columns: 64 B per row) and what the build holds besides at its peak
    # (the samples' times, the five running sums of the altitude fit were 36 B per row);
    # the build on whole arrays took about 250 B per row, then 139 B
    assert _bytes_per_added_row(run, 150_000, 300_000) < 100


def _stopping_activity(n: int) -> Activity:
    """:func:`_activity` with stops (standing still), a pause, a stretch without fixes and
    altitude only every third second."""
    activity = _activity(n)
    samples = activity.samples
    t = np.arange(n)
    standing = (t // 400) % 5 == 2
    samples.loc[standing, ["lat_deg", "lon_deg"]] = samples[["lat_deg", "lon_deg"]].to_numpy()[
        np.maximum.accumulate(np.where(standing, 0, t))[standing]]
    samples.loc[(t > 1_000) & (t < 1_040), ["lat_deg", "lon_deg"]] = np.nan
    samples.loc[t % 3 != 0, "altitude_m"] = np.nan
    samples = samples.drop(index=range(2_000, 2_300)).reset_index(drop=True)
    return Activity(samples=samples, laps=None, summary=activity.summary)


@pytest.mark.parametrize("make", [_activity, _stopping_activity])
def test_the_stream_in_blocks_is_the_stream_in_one_piece(monkeypatch, make):
    activity = make(5_000)
    whole = to_stream(activity)
    monkeypatch.setattr(resample, "BLOCK_ROWS", 777)
    blocked = to_stream(activity)
    pd.testing.assert_frame_equal(blocked.frame, whole.frame, check_exact=True)
    assert repr(blocked.flags) == repr(whole.flags)
