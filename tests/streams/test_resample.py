"""Resampling to 1 Hz on moving time: distance is preserved, pauses stay empty."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from legload.core.activity import haversine_m
from legload.streams import resample, to_stream
from legload.streams.resample import (
    GappedInterp,
    build_grid,
    continue_sum,
    cumsum0,
    interp_gapped,
    running_sum,
    windowed_mean,
    windowed_rate,
)
from tests.streams import START, activity, positions, track

_intervals = st.lists(st.integers(1, 5), min_size=200, max_size=1500)
_speeds = st.lists(st.floats(1.5, 6.0), min_size=1, max_size=6)


def _irregular(intervals: list[int], speeds: list[float]) -> tuple[np.ndarray, np.ndarray]:
    """Sample times with the given intervals; distance along a piecewise-constant speed."""
    t = np.concatenate([[0.0], np.cumsum(intervals, dtype=float)])
    piece = np.minimum((t / t[-1] * len(speeds)).astype(int), len(speeds) - 1)
    v = np.asarray(speeds)[piece]
    x = np.concatenate([[0.0], np.cumsum(v[1:] * np.diff(t))])
    return t, x


@settings(max_examples=40, deadline=None)
@given(intervals=_intervals, speeds=_speeds)
def test_device_distance_total_survives_irregular_sampling(intervals, speeds):
    t, x = _irregular(intervals, speeds)
    stream = to_stream(track(t, x, distance_m=x))
    assert stream.flags["distance_source"] == "device_distance"
    assert abs(stream.distance_m - x[-1]) <= 0.005 * x[-1]
    assert stream.moving_s >= t[-1] * 0.99


@settings(max_examples=40, deadline=None)
@given(intervals=_intervals, speeds=_speeds)
def test_position_distance_total_survives_irregular_sampling(intervals, speeds):
    t, x = _irregular(intervals, speeds)
    act = track(t, x)
    lat, lon = act.samples["lat_deg"].to_numpy(), act.samples["lon_deg"].to_numpy()
    truth = haversine_m(lat[:-1], lon[:-1], lat[1:], lon[1:]).sum()
    stream = to_stream(act)
    assert stream.flags["speed_source"] == "positions"
    assert abs(stream.distance_m - truth) <= 0.005 * truth


@settings(max_examples=40, deadline=None)
@given(intervals=_intervals, speed=st.floats(1.5, 6.0))
def test_speed_integral_matches_distance_for_device_speed(intervals, speed):
    t = np.concatenate([[0.0], np.cumsum(intervals, dtype=float)])
    stream = to_stream(activity(t, speed_m_s=np.full(t.size, speed), sub_sport="treadmill"))
    assert stream.flags["distance_source"] == "device_speed"
    assert abs(stream.distance_m - speed * t[-1]) <= 0.005 * speed * t[-1]
    assert np.allclose(stream.frame["speed_m_s"], speed)


_gaps = st.lists(st.tuples(st.integers(20, 400), st.floats(10.5, 3600.0)), min_size=1, max_size=8)


@settings(max_examples=50, deadline=None)
@given(gaps=_gaps, pause_gap_s=st.sampled_from([5.0, 10.0, 30.0]), step=st.sampled_from([1.0, 2.5]))
def test_no_output_timestamp_falls_inside_a_pause(gaps, pause_gap_s, step):
    t_parts, now = [], 0.0
    for samples, gap in gaps:
        t_parts.append(now + step * np.arange(samples))
        now = t_parts[-1][-1] + max(gap, pause_gap_s + 0.5)
    t_parts.append(now + step * np.arange(50))
    t = np.concatenate(t_parts)
    steps = np.diff(t, prepend=0.0)
    x = 3.0 * np.cumsum(np.where(steps > pause_gap_s, 0.0, steps))  # stood still in each pause
    act = track(t, x, distance_m=x)
    stream = to_stream(act, pause_gap_s=pause_gap_s)
    out = (stream.frame["timestamp"] - START).dt.total_seconds().to_numpy()
    recorded = (act.samples["timestamp"] - START).dt.total_seconds().to_numpy()  # to the ns
    gap_start, gap_end = recorded[:-1], recorded[1:]
    is_pause = (gap_end - gap_start) > pause_gap_s
    for a, b in zip(gap_start[is_pause], gap_end[is_pause], strict=True):
        assert not np.any((out > a) & (out < b))
    assert len(stream.flags["pauses"]) >= int(is_pause.sum())
    # moving time plus pauses spans the record, second for second
    paused = sum(d for _, d in stream.flags["pauses"])
    assert stream.moving_s + paused == out[-1] - out[0] + 1
    assert np.array_equal(stream.frame["t_s"], np.arange(len(stream.frame), dtype=float))


def test_pause_is_reported_with_its_start_and_length():
    t = np.concatenate([np.arange(100.0), 160.0 + np.arange(100.0)])
    stream = to_stream(track(t, 3.0 * np.minimum(t, 99.0 + np.maximum(t - 160.0, 0.0))))
    assert stream.flags["pauses"] == [("2024-05-01T06:01:40Z", 60.0)]
    assert stream.moving_s == 200.0


def test_standing_still_is_not_moving_time_and_adds_no_distance():
    rng = np.random.default_rng(5)
    t = np.arange(600, dtype=float)
    x = np.where(t < 200, 3.0 * t, np.where(t < 400, 600.0, 600.0 + 3.0 * (t - 400)))
    lat, lon = positions(x)
    jitter = rng.normal(0, 4.5e-6, (2, t.size)) * ((t >= 200) & (t < 400))  # ~0.5 m per fix
    stream = to_stream(activity(t, lat_deg=lat + jitter[0], lon_deg=lon + jitter[1]))
    assert 390 <= stream.moving_s <= 410
    assert abs(stream.distance_m - 1197.0) < 15.0
    assert len(stream.flags["pauses"]) >= 1


def test_min_moving_speed_zero_keeps_every_second():
    t = np.arange(300, dtype=float)
    x = np.where(t < 100, 0.0, 3.0 * (t - 100))
    assert to_stream(track(t, x), min_moving_speed_m_s=0.0).moving_s == 300.0
    assert to_stream(track(t, x)).moving_s < 210.0


def test_interpolation_does_not_bridge_a_channel_hole():
    t = np.array([0.0, 1.0, 2.0, 30.0, 31.0])
    v = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    at = np.array([0.5, 2.0, 10.0, 30.5, 40.0])
    out = interp_gapped(t, v, at, 10.0)
    assert out[0] == 1.5 and out[1] == 3.0 and out[3] == 4.5
    assert np.isnan(out[2]) and np.isnan(out[4])


def test_the_channels_of_one_recording_interpolated_together_are_each_alone(monkeypatch):
    """:class:`GappedInterp` works out the reach of the samples once for every channel
    recorded throughout: the same numbers as :func:`interp_gapped`, block by block too."""
    rng = np.random.default_rng(3)
    t = np.cumsum(rng.choice([0.5, 1.0, 1.0, 2.0, 25.0], size=3_000))
    at = np.sort(rng.uniform(-5.0, t[-1] + 5.0, 4_000))
    at[::7] = t[rng.integers(0, t.size, at[::7].size)]  # points on the samples too
    at.sort()
    whole, holes = np.sin(t / 40.0), np.sin(t / 40.0)
    holes[100:400] = np.nan
    monkeypatch.setattr(resample, "BLOCK_ROWS", 777)
    together = GappedInterp(t, at, 10.0)
    for values in (whole, holes, whole * 3.0):
        alone = interp_gapped(t, values, at, 10.0)
        assert together(values).tobytes() == alone.tobytes()
    assert np.isnan(together(whole)).any() and np.isfinite(together(whole)).any()
    assert np.isnan(GappedInterp(t[:0], at, 10.0)(whole[:0])).all()


def test_grid_keeps_whole_seconds_inside_chunks_and_drops_isolated_samples():
    t = np.array([0.0, 0.5, 3.2, 50.0, 100.0, 101.0])
    grid, isolated = build_grid(t, 10.0)
    assert grid.seconds.tolist() == [0.0, 1.0, 2.0, 3.0, 100.0, 101.0]
    assert isolated == 1
    assert grid.first.tolist() == [0, 0, 0, 0, 4, 4]
    assert grid.last.tolist() == [3, 3, 3, 3, 5, 5]


def test_timestamps_are_utc_wall_clock_of_each_row():
    t = np.arange(0.0, 20.0, 2.0)
    frame = to_stream(track(t, 3.0 * t)).frame
    assert str(frame["timestamp"].dt.tz) == "UTC"
    assert frame["timestamp"].iloc[0] == START
    assert (frame["timestamp"].diff().dropna() == pd.Timedelta(seconds=1)).all()


def test_the_running_sum_in_blocks_is_one_cumsum_bit_for_bit(monkeypatch):
    rng = np.random.default_rng(7)
    values = rng.normal(0.0, 1e3, 5_000) * rng.integers(0, 2, 5_000)  # zeros and -0.0
    values[0] = -0.0
    whole = cumsum0(values)
    monkeypatch.setattr(resample, "BLOCK_ROWS", 777)
    blocked = running_sum(values.size, lambda rows: values[rows])
    assert blocked.tobytes() == whole.tobytes()
    split = np.zeros(values.size + 1)
    continue_sum(split, slice(0, 10), values[:10])  # from 0: -0.0 stays -0.0
    continue_sum(split, slice(10, values.size), values[10:])
    assert split.tobytes() == whole.tobytes()
    tail = np.empty(values.size - 99)  # the sums from the 100th on, carried from there
    tail[0] = whole[100]
    continue_sum(tail, slice(0, tail.size - 1), values[100:], carry=True)
    assert tail.tobytes() == whole[100:].tobytes()


def test_the_windowed_speeds_in_blocks_are_the_whole_ones(monkeypatch):
    t = np.concatenate([np.arange(0.0, 3_000.0), np.arange(3_100.0, 5_000.0, 0.7)])
    grid, _ = build_grid(t, 10.0)
    values = np.sin(grid.seconds / 50.0)
    values[::13] = np.nan
    whole = (windowed_mean(values, grid, 2), windowed_rate(np.cumsum(grid.seconds), grid, 2))
    monkeypatch.setattr(resample, "BLOCK_ROWS", 333)
    assert build_grid(t, 10.0)[0].seconds.tobytes() == grid.seconds.tobytes()
    blocked = (windowed_mean(values, grid, 2), windowed_rate(np.cumsum(grid.seconds), grid, 2))
    for one, other in zip(whole, blocked, strict=True):
        assert one.tobytes() == other.tobytes()
