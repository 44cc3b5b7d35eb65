"""The Stream contract: columns, flags, properties, empty and long activities."""

from __future__ import annotations

import numpy as np
import pandas as pd

from legload.streams import FLAG_KEYS, STREAM_COLUMNS, Stream, to_stream
from tests.streams import activity, track

ALWAYS = ["t_s", "timestamp", "distance_m", "speed_m_s", "grade"]


def test_channels_appear_only_when_recorded():
    t = np.arange(300, dtype=float)
    stream = to_stream(activity(t, speed_m_s=np.full(t.size, 3.0), sub_sport="treadmill"))
    assert list(stream.frame.columns) == ALWAYS
    full = to_stream(track(t, 3.0 * t, 100.0 + 0.02 * 3.0 * t,
                           heart_rate_bpm=np.full(t.size, 150.0),
                           cadence_spm=np.full(t.size, 170.0), power_w=np.full(t.size, 250.0)))
    assert list(full.frame.columns) == [
        "t_s", "timestamp", "distance_m", "speed_m_s", "altitude_m", "grade", "lat_deg", "lon_deg",
        "heart_rate_bpm", "cadence_spm", "power_w"]
    assert set(full.frame.columns) <= set(STREAM_COLUMNS)


def test_flags_hold_every_documented_key():
    t = np.arange(300, dtype=float)
    stream = to_stream(track(t, 3.0 * t))
    assert set(FLAG_KEYS) <= set(stream.flags)
    assert stream.flags["gps_missing"] is False
    assert stream.flags["speed_source"] == "positions"
    assert stream.flags["altitude_source"] == "none"
    assert stream.flags["dropped"] == {}
    assert stream.sport == "running" and stream.sub_sport == "road"


def test_properties_come_from_the_frame():
    t = np.arange(1000, dtype=float)
    x = 3.0 * t
    altitude = 100.0 + 30.0 * np.sin(np.pi * x / 3000.0)  # up 30 m, down 60 m, ...
    stream = to_stream(track(t, x, altitude))
    assert stream.moving_s == 1000.0
    assert stream.distance_m == stream.frame["distance_m"].iloc[-1]
    assert abs(stream.ascent_m - 30.0) < 1.5
    assert abs(stream.descent_m - 30.0 * (1 - np.sin(np.pi * 2997.0 / 3000.0))) < 1.5


def test_no_speed_source_keeps_time_between_pauses_and_says_so():
    t = np.concatenate([np.arange(100.0), 500.0 + np.arange(100.0)])
    stream = to_stream(activity(t, sport="strength", sub_sport="generic",
                                heart_rate_bpm=np.full(t.size, 110.0)))
    assert stream.flags["speed_source"] == "none"
    assert stream.moving_s == 200.0
    assert stream.frame["speed_m_s"].isna().all()
    assert stream.distance_m == 0.0
    assert stream.flags["warnings"]


def test_a_speed_channel_of_zeros_means_no_sensor():
    t = np.arange(120, dtype=float)
    stream = to_stream(activity(t, speed_m_s=np.zeros(t.size), sub_sport="treadmill"))
    assert len(stream.frame) == 120 and stream.frame["speed_m_s"].isna().all()
    assert stream.flags["dropped"]["speed_m_s_all_zero"] == 120
    assert any("no speed sensor" in w for w in stream.flags["warnings"])


def test_standing_the_whole_time_gives_an_empty_stream():
    t = np.arange(120, dtype=float)
    speed = np.where(t % 2 == 0, 0.1, 0.0)  # a sensor that reads a shuffle, never a run
    stream = to_stream(activity(t, speed_m_s=speed, sub_sport="treadmill"))
    assert isinstance(stream, Stream)
    assert len(stream.frame) == 0 and list(stream.frame.columns) == ALWAYS
    assert stream.moving_s == 0.0 and stream.distance_m == 0.0 and stream.ascent_m == 0.0
    assert any("empty" in w for w in stream.flags["warnings"])


def test_ten_hour_activity_streams_with_every_row():
    n = 36_000
    rng = np.random.default_rng(11)
    t = np.arange(n, dtype=float)
    x = 2.8 * t
    stream = to_stream(track(t, x, 400.0 + 50.0 * np.sin(x / 5000.0) + rng.normal(0, 2.0, n),
                             heart_rate_bpm=np.full(n, 140.0), distance_m=x,
                             speed_m_s=np.full(n, 2.8)))
    assert stream.moving_s == n
    assert abs(stream.distance_m - x[-1]) < 1e-6
    assert stream.frame["timestamp"].is_monotonic_increasing
    assert pd.api.types.is_float_dtype(stream.frame["grade"])


def test_a_readers_arrays_give_the_stream_their_frame_gives():
    """A reader's columns, analysed without their frame (as an import does), give the same
    stream to the last bit: times in seconds with a missing one and out of order, whole
    numbers, text, a stop and a lap table."""
    from legload.core.activity import ActivityColumns
    from legload.streams.totals import session_totals

    n = 900
    rng = np.random.default_rng(3)
    seconds = np.datetime64("2025-05-01T06:00:00", "s") + np.arange(n).astype("m8[s]")
    seconds[600:] += np.timedelta64(60, "s")  # a stop, the second lap's timer stopped
    seconds[[10, 11]] = seconds[[11, 10]]
    seconds[400] = np.datetime64("NaT")
    lat = 46.0 + np.cumsum(rng.normal(2e-5, 1e-6, n))
    lat[600:] += 0.0016  # moved on across the stop: only the lap's timer makes it a pause
    columns = {
        "timestamp": seconds,
        "lat_deg": lat, "lon_deg": np.full(n, 7.0) + rng.normal(0, 1e-6, n),
        "altitude_m": 500.0 + np.cumsum(rng.normal(0.0, 0.3, n)),
        "heart_rate_bpm": rng.integers(120, 170, n),
        "cadence_spm": pd.Series([str(v) for v in rng.integers(160, 180, n)], dtype=object),
    }
    laps = {"start": np.array(["2025-05-01T06:00:00", "2025-05-01T06:07:30"], "M8[ns]"),
            "elapsed_s": np.array([450.0, 510.0]), "timer_s": np.array([450.0, 450.0])}
    summary = {"sport": "running", "format": "fit", "ascent_m": 12.0, "descent_m": 11.0}
    read = ActivityColumns(columns, laps, summary)
    framed = read.to_activity()

    stream, expected = to_stream(read), to_stream(framed)
    assert list(stream.frame.columns) == list(expected.frame.columns)
    for name in expected.frame.columns:
        kind = "M8[ns]" if name == "timestamp" else float
        got, want = (s.frame[name].to_numpy(kind) for s in (stream, expected))
        assert got.dtype == want.dtype and got.tobytes() == want.tobytes(), name
    assert stream.flags == expected.flags and stream.flags["pauses"]
    assert session_totals(read, stream) == session_totals(framed, expected)
