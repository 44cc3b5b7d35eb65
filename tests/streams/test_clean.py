"""Cleaning: time order, duplicates, absurd values and GPS teleports are removed and counted."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legload.core.activity import Activity, empty_laps
from legload.errors import StreamError
from legload.streams import to_stream
from legload.streams.clean import clean_samples
from tests.streams import activity, positions, track


def test_teleports_and_absurd_heart_rate_are_dropped_and_counted():
    t = np.arange(1200, dtype=float)
    x = 3.0 * t
    lat, lon = positions(x)
    lat[[300, 301, 700]] += 0.02          # ~2 km jumps for one or two samples
    lon[900] -= 0.05
    hr = np.full(t.size, 150.0)
    hr[[10, 500]] = 400.0
    hr[20] = 0.0    # "no reading": removed, not counted
    hr[30] = 12.0
    stream = to_stream(activity(t, lat_deg=lat, lon_deg=lon, heart_rate_bpm=hr))
    dropped = stream.flags["dropped"]
    assert dropped["position_teleport"] == 4
    assert dropped["heart_rate_out_of_range"] == 3
    assert stream.frame["heart_rate_bpm"].max() == 150.0
    assert stream.frame["heart_rate_bpm"].min() == 150.0
    assert abs(stream.distance_m - 3.0 * 1199) < 0.005 * 3.0 * 1199
    assert stream.frame["speed_m_s"].max() < 3.5
    assert any("teleport" in w for w in stream.flags["warnings"])


def test_speed_spikes_are_dropped_by_sport():
    t = np.arange(300, dtype=float)
    speed = np.full(t.size, 4.0)
    speed[[50, 51]] = 60.0
    speed[100] = 20.0  # too fast on foot, fine on a bike
    run = to_stream(activity(t, speed_m_s=speed, distance_m=4.0 * t, sub_sport="treadmill"))
    assert run.flags["dropped"]["speed_spike"] == 3
    assert run.frame["speed_m_s"].max() == 4.0
    ride = to_stream(activity(t, sport="cycling", sub_sport="indoor", speed_m_s=speed))
    assert ride.flags["dropped"]["speed_spike"] == 2


def test_null_island_before_the_first_fix_is_not_a_position():
    t = np.arange(400, dtype=float)
    lat, lon = positions(3.0 * t)
    lat[:20], lon[:20] = 0.0, 0.0
    stream = to_stream(activity(t, lat_deg=lat, lon_deg=lon))
    assert stream.flags["dropped"]["position_null_island"] == 20
    assert "position_teleport" not in stream.flags["dropped"]
    assert stream.distance_m < 3.0 * 400


def test_duplicates_and_out_of_order_samples_are_sorted_and_deduplicated():
    t = np.arange(100, dtype=float)
    order = np.concatenate([t[:50], t[60:], t[50:60], t[[5, 6, 7]]])
    hr = np.concatenate([np.full(100, 140.0), np.full(3, 99.0)])  # the late copies differ
    stream = to_stream(activity(order, speed_m_s=np.full(order.size, 3.0), heart_rate_bpm=hr,
                                sub_sport="treadmill"))
    assert stream.flags["dropped"]["duplicate_timestamp"] == 3
    assert (stream.frame["heart_rate_bpm"] == 140.0).all()
    assert stream.moving_s == 100.0
    assert any("backwards" in w for w in stream.flags["warnings"])


@settings(max_examples=40, deadline=None)
@given(perm_seed=st.integers(0, 2**32 - 1), dup=st.integers(0, 50))
def test_file_order_does_not_change_the_stream(perm_seed, dup):
    rng = np.random.default_rng(perm_seed)
    t = np.arange(400, dtype=float)
    x = 2.5 * t
    base = to_stream(track(t, x)).frame
    index = np.concatenate([rng.permutation(t.size), rng.integers(0, t.size, dup)])
    act = track(t, x)
    shuffled = Activity(samples=act.samples.iloc[index].reset_index(drop=True), laps=empty_laps(),
                        summary=act.summary)
    pd.testing.assert_frame_equal(to_stream(shuffled).frame, base)


def test_missing_timestamps_are_dropped_and_none_at_all_is_an_error():
    t = np.arange(50, dtype=float)
    act = activity(t, speed_m_s=np.full(t.size, 3.0))
    act.samples.loc[[3, 4], "timestamp"] = pd.NaT
    assert to_stream(act).flags["dropped"]["no_timestamp"] == 2
    with pytest.raises(StreamError):
        clean_samples(act.samples.drop(columns="timestamp"), "running")
    nothing = act.samples.copy()
    nothing["timestamp"] = pd.NaT
    with pytest.raises(StreamError):
        to_stream(Activity(samples=nothing, laps=empty_laps(), summary={"sport": "running"}))


def test_bad_arguments_are_refused():
    act = activity(np.arange(10.0), speed_m_s=np.full(10, 3.0))
    with pytest.raises(StreamError):
        to_stream(act, pause_gap_s=0.0)
    with pytest.raises(StreamError):
        to_stream(act, min_moving_speed_m_s=float("nan"))


def test_backward_and_spiking_device_distance_adds_nothing():
    t = np.arange(600, dtype=float)
    d = 3.0 * t
    d[200] = d[199] - 50.0       # a reading that runs backwards, then recovers
    d[400:] += 5000.0            # a glitch that jumps 5 km ahead for the rest of the file
    stream = to_stream(activity(t, distance_m=d, sub_sport="treadmill"))
    assert stream.flags["dropped"]["distance_spike"] >= 1
    assert stream.flags["dropped"]["distance_backwards"] == 1
    assert abs(stream.distance_m - 3.0 * 599) < 60.0


_value = st.one_of(st.floats(allow_nan=True, allow_infinity=True, width=32), st.just(0.0))


@settings(max_examples=60, deadline=None)
@given(
    data=st.lists(st.tuples(st.integers(0, 5000), _value, _value, _value, _value, _value, _value),
                  min_size=1, max_size=120),
    sport=st.sampled_from(["running", "cycling", "hiking", "other"]),
    sub_sport=st.sampled_from(["road", "treadmill", "trail"]),
)
def test_any_mess_gives_a_valid_stream_or_a_stream_error(data, sport, sub_sport):
    columns = (np.array(col, dtype=float) for col in zip(*data, strict=True))
    t, lat, lon, alt, dist, speed, hr = columns
    act = activity(t, sport=sport, sub_sport=sub_sport, lat_deg=lat, lon_deg=lon, altitude_m=alt,
                   distance_m=dist, speed_m_s=speed, heart_rate_bpm=hr)
    frame = to_stream(act).frame
    assert np.array_equal(frame["t_s"], np.arange(len(frame), dtype=float))
    assert frame["timestamp"].is_monotonic_increasing and frame["timestamp"].is_unique
    assert (np.diff(frame["distance_m"]) >= 0).all()
    grade = frame["grade"].to_numpy()
    assert np.isfinite(grade).all() and (np.abs(grade) <= 0.45).all()
    speed_out = frame["speed_m_s"].to_numpy()
    assert (speed_out[np.isfinite(speed_out)] >= 0).all()
    if "heart_rate_bpm" in frame:
        hr_out = frame["heart_rate_bpm"].dropna()
        assert ((hr_out >= 25) & (hr_out <= 250)).all()
