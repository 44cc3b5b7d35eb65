"""Cadence: steps/min for runs (per-foot values doubled with a warning), rpm kept for rides."""

from __future__ import annotations

import numpy as np

from legload.streams import to_stream
from legload.streams.cadence import normalise_cadence
from tests.streams import activity


def _run(cadence: float, speed: float, sport: str = "running"):
    t = np.arange(600, dtype=float)
    speeds, cadences = np.full(t.size, speed), np.full(t.size, cadence)
    return to_stream(activity(t, sport=sport, sub_sport="treadmill", speed_m_s=speeds,
                              cadence_spm=cadences))


def test_both_feet_cadence_is_kept():
    stream = _run(172.0, 3.3)
    assert np.allclose(stream.frame["cadence_spm"], 172.0)
    assert not any("cadence" in w for w in stream.flags["warnings"])


def test_per_foot_cadence_in_a_run_is_doubled_and_warned():
    stream = _run(86.0, 3.3)
    assert np.allclose(stream.frame["cadence_spm"], 172.0)
    assert any("per foot" in w for w in stream.flags["warnings"])


def test_slow_cadence_is_left_alone_when_walking_or_slow():
    assert np.allclose(_run(105.0, 1.4, sport="walking").frame["cadence_spm"], 105.0)
    assert np.allclose(_run(110.0, 1.8).frame["cadence_spm"], 110.0)


def test_zero_cadence_rows_do_not_decide_the_median():
    cadence = np.array([0.0] * 60 + [85.0] * 40)
    doubled, note = normalise_cadence(cadence, np.full(100, 3.0), "running")
    assert note is not None and doubled[-1] == 170.0


def test_cycling_keeps_crank_cadence_and_has_no_step_cadence():
    t = np.arange(600, dtype=float)
    stream = to_stream(activity(t, sport="cycling", sub_sport="indoor",
                                speed_m_s=np.full(t.size, 9.0), cadence_rpm=np.full(t.size, 88.0),
                                power_w=np.full(t.size, 210.0)))
    frame = stream.frame
    assert "cadence_spm" not in frame
    assert np.allclose(frame["cadence_rpm"], 88.0)
    assert np.allclose(frame["power_w"], 210.0)
