"""Altitude smoothing and grade: flat stays flat, hills keep their slope, reversal flips it."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from legload.streams import to_stream
from legload.streams.altitude import GRADE_LIMIT, climb
from tests.streams import activity, track

SPEED = 3.0


def _hill(x: np.ndarray, flat_m: float, climb_m: float, grade: float) -> np.ndarray:
    """Flat, then a constant-grade climb, then flat again."""
    return 200.0 + grade * np.clip(x - flat_m, 0.0, climb_m)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), length_km=st.floats(3.0, 8.0))
def test_flat_track_with_gps_altitude_noise_has_grade_below_half_a_percent(seed, length_km):
    rng = np.random.default_rng(seed)
    n = int(length_km * 1000 / SPEED)
    t = np.arange(n, dtype=float)
    altitude = 120.0 + rng.uniform(-5.0, 5.0, n)
    stream = to_stream(track(t, SPEED * t, altitude))
    assert stream.flags["altitude_source"] == "gps"
    assert np.abs(stream.frame["grade"].to_numpy()).max() < 0.005
    # and the smoothed altitude stays near the true level
    assert np.abs(stream.frame["altitude_m"].to_numpy() - 120.0).max() < 2.0


def test_raw_per_second_grade_of_that_noise_would_be_huge():
    """Guard for the test above: the noise is far too large to pass without smoothing."""
    rng = np.random.default_rng(0)
    altitude = 120.0 + rng.uniform(-5.0, 5.0, 2000)
    raw = np.diff(altitude) / SPEED
    assert np.abs(raw).max() > 1.0


def test_eight_percent_hill_gives_its_grade_on_the_climb():
    t = np.arange(int(3000 / SPEED), dtype=float)
    x = SPEED * t
    stream = to_stream(track(t, x, _hill(x, 500.0, 2000.0, 0.08)))
    frame = stream.frame
    on_climb = (frame["distance_m"] >= 500.0) & (frame["distance_m"] <= 2500.0)
    assert abs(frame["grade"][on_climb].mean() - 0.08) <= 0.005
    flat = (frame["distance_m"] < 400.0) | (frame["distance_m"] > 2600.0)
    assert np.abs(frame["grade"][flat]).max() < 1e-6
    assert abs(stream.ascent_m - 160.0) < 2.0
    assert stream.descent_m < 1.0


def test_eight_percent_hill_under_gps_noise_gives_its_grade_on_the_climb():
    rng = np.random.default_rng(7)
    t = np.arange(int(6000 / SPEED), dtype=float)
    x = SPEED * t
    altitude = _hill(x, 1000.0, 4000.0, 0.08) + rng.uniform(-5.0, 5.0, t.size)
    frame = to_stream(track(t, x, altitude)).frame
    # away from the corners by the widest grade window (800 m)
    inner = (frame["distance_m"] >= 1800.0) & (frame["distance_m"] <= 4200.0)
    assert abs(frame["grade"][inner].mean() - 0.08) <= 0.005


def test_treadmill_without_positions_has_grade_exactly_zero():
    t = np.arange(1800, dtype=float)
    rng = np.random.default_rng(3)
    altitude = 100.0 + np.cumsum(rng.normal(0, 0.3, t.size))  # barometric drift indoors
    stream = to_stream(activity(t, sub_sport="treadmill", speed_m_s=np.full(t.size, 3.2),
                                distance_m=3.2 * t, altitude_m=altitude))
    assert (stream.frame["grade"].to_numpy() == 0.0).all()
    assert "altitude_m" not in stream.frame
    assert stream.flags["indoor"] is True
    assert stream.flags["gps_missing"] is True
    assert stream.flags["altitude_source"] == "none"
    assert stream.ascent_m == 0.0


def test_run_without_gps_is_indoor_but_a_recorded_incline_is_used():
    t = np.arange(600, dtype=float)
    stream = to_stream(activity(t, sub_sport="generic", speed_m_s=np.full(t.size, 3.0),
                                grade=np.full(t.size, 0.05)))
    assert stream.flags["indoor"] is True
    assert np.allclose(stream.frame["grade"], 0.05)


def test_steeper_than_the_model_range_is_clipped_and_flagged():
    t = np.arange(800, dtype=float)
    x = 1.0 * t
    stream = to_stream(track(t, x, 100.0 + 0.7 * x, sport="hiking"))
    grade = stream.frame["grade"].to_numpy()
    assert grade.max() == GRADE_LIMIT
    assert stream.flags["grade_clipped_s"] > 0
    assert any("clipped" in w for w in stream.flags["warnings"])


def test_summary_flag_decides_the_altitude_source():
    t = np.arange(1000, dtype=float)
    x = SPEED * t
    smooth = _hill(x, 500.0, 1000.0, 0.05)
    assert to_stream(track(t, x, smooth)).flags["altitude_source"] == "barometric"
    act = track(t, x, smooth)
    act.summary["altitude_barometric"] = False
    assert to_stream(act).flags["altitude_source"] == "gps"


_profiles = st.tuples(
    st.floats(5.0, 40.0), st.floats(300.0, 3000.0), st.floats(0.0, 6.283),
    st.floats(0.0, 10.0), st.floats(100.0, 800.0),
)


@settings(max_examples=30, deadline=None)
@given(
    profile=_profiles,
    noise_m=st.sampled_from([0.0, 0.1, 2.0, 5.0]),
    speed=st.floats(1.5, 6.0),
    seconds=st.integers(600, 2400),
    seed=st.integers(0, 2**32 - 1),
)
def test_reversing_a_track_flips_the_sign_of_every_grade(profile, noise_m, speed, seconds, seed):
    """The same points driven backwards (times re-assigned, still 1 Hz) give the negated grade
    at the same place. Every step is mirror-symmetric — centred time and distance windows,
    a symmetric running median, the same noise estimate from the same residuals — so the only
    differences are floating-point rounding of the cumulative sums; 1e-6 (0.0001 %) grade
    is far above that and far below any real disagreement."""
    amp1, wave1, phase, amp2, wave2 = profile
    rng = np.random.default_rng(seed)
    t = np.arange(seconds, dtype=float)
    x = speed * t
    altitude = (300.0 + amp1 * np.sin(2 * np.pi * x / wave1 + phase)
                + amp2 * np.sin(2 * np.pi * x / wave2) + rng.uniform(-noise_m, noise_m, t.size))
    forward = to_stream(track(t, x, altitude)).frame
    backward = to_stream(track(t, x[::-1], altitude[::-1])).frame
    assert len(forward) == len(backward)
    total_f = forward["distance_m"].iloc[-1]
    total_b = backward["distance_m"].iloc[-1]
    assert abs(total_f - total_b) < 1e-6
    mirrored = np.interp(total_b - forward["distance_m"], backward["distance_m"], backward["grade"])
    assert np.abs(forward["grade"].to_numpy() + mirrored).max() < 1e-6
    assert np.abs(forward["grade"]).max() > 0.0


def test_climb_counts_only_swings_above_the_hysteresis():
    ripple = 100.0 + 0.4 * np.sin(np.arange(500) / 3.0)
    assert climb(ripple, 1.0) == (0.0, 0.0)
    up_down = np.concatenate([np.linspace(0, 50, 100), np.linspace(50, 20, 100)[1:]])
    ascent, descent = climb(up_down, 1.0)
    assert ascent == 50.0 and descent == 30.0
    plateau = np.array([0.0, 5.0, 5.0, 5.0, 2.0, 9.0])
    assert climb(plateau, 1.0) == (12.0, 3.0)


def test_gps_altitude_spikes_do_not_make_a_hill():
    rng = np.random.default_rng(2)
    t = np.arange(2000, dtype=float)
    altitude = 80.0 + rng.uniform(-3.0, 3.0, t.size)
    altitude[[400, 1100, 1500]] += 150.0
    stream = to_stream(track(t, SPEED * t, altitude))
    assert stream.flags["altitude_source"] == "gps"
    assert np.abs(stream.frame["grade"].to_numpy()).max() < 0.005
    assert stream.ascent_m < 3.0
