"""Recording gaps while moving are moving time; pauses (timer, standing still) are not."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pandas as pd

from legload.core.activity import Activity, empty_laps, haversine_m
from legload.streams import to_stream
from legload.synth.workouts import easy_run, run_with_stop, synthesize

START = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)


def _activity(samples: pd.DataFrame, laps: pd.DataFrame | None = None) -> Activity:
    return Activity(samples=samples.reset_index(drop=True),
                    laps=empty_laps() if laps is None else laps,
                    summary={"sport": "running", "sub_sport": "road"})


def _smart(samples: pd.DataFrame, seed: int, channels: tuple[str, ...]) -> pd.DataFrame:
    """Keep every few seconds, with gaps of 5–60 s, as smart recording and GPS loss leave."""
    rng = np.random.default_rng(seed)
    keep, i = [], 0
    while i < len(samples) - 1:
        keep.append(i)
        i += int(rng.choice([1, 2, 5, 12, 25, 40, 60], p=[.4, .2, .15, .1, .07, .05, .03]))
    keep.append(len(samples) - 1)
    return samples.iloc[keep][["timestamp", *channels]]


def test_smart_recording_gaps_while_running_are_moving_time():
    workout = easy_run(START, minutes=40, speed=3.0)
    truth = synthesize(workout, seed=3)
    for seed, channels in enumerate([("distance_m", "speed_m_s"), ("distance_m",),
                                     ("lat_deg", "lon_deg", "altitude_m")]):
        samples = _smart(truth, seed, channels)
        stream = to_stream(_activity(samples))
        assert abs(stream.moving_s - workout.moving_s) <= 0.01 * workout.moving_s, channels
        assert stream.flags["gaps_bridged"] > 0 and stream.flags["pauses"] == []
        assert stream.frame["interpolated"].sum() == stream.flags["interpolated_s"] > 0
        if "distance_m" in channels:
            assert abs(stream.distance_m - workout.distance_m) <= 0.005 * workout.distance_m
        else:  # positions only: the straight lines between the kept fixes cut the corners
            lat, lon = samples["lat_deg"].to_numpy(), samples["lon_deg"].to_numpy()
            chords = haversine_m(lat[:-1], lon[:-1], lat[1:], lon[1:]).sum()
            assert abs(stream.distance_m - chords) <= 0.005 * chords
            assert abs(stream.distance_m - workout.distance_m) <= 0.01 * workout.distance_m


def test_a_pause_without_displacement_is_removed():
    workout = run_with_stop(START, stop_s=300, minutes=10)
    stream = to_stream(_activity(synthesize(workout, seed=1)))
    assert abs(stream.moving_s - workout.moving_s) <= 2
    assert [d for _, d in stream.flags["pauses"]] == [299.0]
    assert "interpolated" not in stream.frame


def test_a_timer_stop_is_a_pause_even_when_the_runner_moved_on():
    t = np.concatenate([np.arange(300.0), 400.0 + np.arange(300.0)])
    x = 3.0 * t  # 300 m covered with the timer stopped
    samples = pd.DataFrame({"timestamp": pd.Timestamp(START) + pd.to_timedelta(t, unit="s"),
                            "distance_m": x})
    laps = pd.DataFrame({"start": [pd.Timestamp(START)], "elapsed_s": [699.0],
                         "timer_s": [599.0], "distance_m": [x[-1]], "intensity": ["active"],
                         "trigger": ["manual"]})
    paused = to_stream(_activity(samples, laps))
    assert paused.moving_s == 600.0 and len(paused.flags["pauses"]) == 1
    bridged = to_stream(_activity(samples))  # no timer says so: the gap was moving
    assert bridged.moving_s == 700.0 and bridged.flags["gaps_bridged"] == 1


def test_speed_zero_on_both_sides_is_a_pause():
    t = np.concatenate([np.arange(200.0), 260.0 + np.arange(200.0)])
    speed = np.full(t.size, 3.0)
    speed[199:201] = 0.0
    samples = pd.DataFrame({"timestamp": pd.Timestamp(START) + pd.to_timedelta(t, unit="s"),
                            "speed_m_s": speed})
    stream = to_stream(_activity(samples))
    assert stream.flags["gaps_bridged"] == 0 and len(stream.flags["pauses"]) == 1
    assert stream.moving_s <= 400.0  # the 60 s gap is not moving time
