"""GPS glitches are not sprints; true strides still are; walks and hikes have none."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pandas as pd

from legload.analysis.segments import fast_bouts
from legload.core.activity import Activity, empty_laps
from legload.streams import to_stream
from legload.synth.workouts import easy_run, strides, synthesize

START = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)
_M_PER_DEG = 111_195.0


def _phone(samples: pd.DataFrame, sport: str = "running") -> Activity:
    """A phone app's GPX: positions (and altitude) only."""
    return _watch(samples[["timestamp", "lat_deg", "lon_deg", "altitude_m"]], sport)


def _watch(samples: pd.DataFrame, sport: str = "running") -> Activity:
    """Every channel the generator writes (device speed, distance, cadence, heart rate)."""
    return Activity(samples=samples.copy(), laps=empty_laps(),
                    summary={"sport": sport, "sub_sport": "generic"})


def _glitchy(samples: pd.DataFrame, seed: int) -> pd.DataFrame:
    """Gaussian noise of 3 m on every fix plus 1–2 s jumps of 15–40 m every few minutes."""
    rng = np.random.default_rng(seed)
    out = samples.copy()
    n = len(out)
    north, east = rng.normal(0, 3.0, n), rng.normal(0, 3.0, n)
    for at in range(120, n - 5, int(rng.integers(150, 250))):
        size, angle, width = rng.uniform(15, 40), rng.uniform(0, 2 * np.pi), rng.integers(1, 3)
        north[at:at + width] += size * np.cos(angle)
        east[at:at + width] += size * np.sin(angle)
    out["lat_deg"] += north / _M_PER_DEG
    out["lon_deg"] += east / (_M_PER_DEG * np.cos(np.radians(out["lat_deg"].iloc[0])))
    return out


def test_a_glitchy_phone_track_has_no_sprints():
    for seed in range(3):
        samples = _glitchy(synthesize(easy_run(START, minutes=45, speed=2.9), seed=seed), seed)
        bouts = fast_bouts(to_stream(_phone(samples)))
        assert [b for b in bouts if b.kind == "sprint"] == [], seed


def test_true_strides_are_all_found():
    samples = synthesize(strides(START, reps=10, rep_m=100, speed=6.5), seed=4, gps_noise_m=2.0)
    found = [b for b in fast_bouts(to_stream(_watch(samples))) if b.kind == "sprint"]
    assert len(found) == 10


def test_walks_and_hikes_have_no_sprints():
    samples = synthesize(strides(START, reps=10, rep_m=100, speed=6.5), seed=2)
    assert len([b for b in fast_bouts(to_stream(_watch(samples))) if b.kind == "sprint"]) == 10
    for sport in ("walking", "hiking"):
        bouts = fast_bouts(to_stream(_watch(samples, sport)))
        assert not [b for b in bouts if b.kind == "sprint"], sport


def test_a_sprint_is_near_the_athletes_maximal_speed():
    samples = synthesize(strides(START, reps=10, rep_m=100, speed=6.5), seed=2)
    stream = to_stream(_watch(samples))
    assert len([b for b in fast_bouts(stream, max_speed_m_s=8.0) if b.kind == "sprint"]) == 10
    assert not [b for b in fast_bouts(stream, max_speed_m_s=9.0) if b.kind == "sprint"]


def test_a_climb_is_trimmed_to_its_sloping_part():
    """From the last point still within 1 m of its base to the first within 1 m of its top,
    uphill and downhill alike."""
    import numpy as np

    from legload.analysis.segments import _trim

    up = np.array([100.0, 100.5, 100.2, 100.8, 102.0, 105.0, 110.0, 110.3, 110.1])
    assert _trim(up, 0, 8) == (3, 6)
    down = 210.0 - up
    assert _trim(down, 0, 8) == (3, 6)
    assert _trim(np.array([100.0, np.nan, 100.4, 104.0, 108.0]), 0, 4) == (2, 4)
