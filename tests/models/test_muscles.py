"""legload.models.locomotion.muscles (and joints): interface, invariants and activation.

Every test that checks a paper names it and reads its CSV in tests/data/published/; each
tolerance says why it is that wide. Most sources give directions or a few abstract numbers,
so most checks are directions with a stated minimum size. The checks by speed and step rate
are in test_muscles_speed_cadence.py, those by grade in test_muscles_grade.py.
"""

from __future__ import annotations

import doctest

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legload.errors import ModelDomainError
from legload.models.locomotion import joint_parameters, joints, muscle_parameters, muscles
from legload.models.locomotion.joints import stride_frequency_hz
from legload.models.locomotion.muscles import MUSCLES, Demand, demand, work_per_metre

# --- interface ------------------------------------------------------------------------------


def test_keys_follow_design_order_and_scalars_give_floats():
    d = demand(3.0, 0.05)
    assert tuple(d) == MUSCLES == muscle_parameters.MUSCLE_GROUPS
    assert MUSCLES == (
        "quadriceps",
        "hamstrings",
        "gluteals",
        "hip_flexors",
        "calves",
        "tibialis_anterior",
        "peroneals",
    )
    for value in d.values():
        assert isinstance(value, Demand)
        assert all(type(x) is float for x in value)
        assert value.positive_work >= 0 and value.negative_work >= 0 and value.activation > 0


def test_arrays_broadcast_over_speed_grade_and_cadence_and_match_scalars():
    v = np.array([[2.0], [3.0], [4.5]])
    i = np.array([-0.2, 0.0, 0.1, 0.3])
    c = np.array([[150.0], [170.0], [180.0]])
    d = demand(v, i, c)
    for g in MUSCLES:
        assert d[g].positive_work.shape == (3, 4)
    for a in range(3):
        for b in range(4):
            s = demand(float(v[a, 0]), float(i[b]), float(c[a, 0]))
            for g in MUSCLES:
                assert d[g].activation[a, b] == pytest.approx(s[g].activation, rel=1e-12)
                assert d[g].negative_work[a, b] == pytest.approx(s[g].negative_work, rel=1e-12)


def test_standstill_gives_zero_and_nan_gives_nan():
    d = demand(np.array([0.0, np.nan, 3.0]), 0.1)
    for g in MUSCLES:
        assert d[g].positive_work[0] == 0 and d[g].negative_work[0] == 0
        assert d[g].activation[0] == 0
        assert np.isnan(d[g].positive_work[1]) and d[g].positive_work[2] > 0
    w = work_per_metre(0.0, 0.1)
    assert all(p == 0 and n == 0 for p, n in w.values())
    w = work_per_metre(np.array([0.0, np.nan, 3.0]), 0.1)
    for p, n in w.values():  # NaN speed: NaN per metre, a float array (not an error)
        assert p.dtype == np.float64 and np.isnan(p[1]) and np.isnan(n[1])
        assert p[0] == 0 and p[2] > 0 and n[2] > 0


def test_nan_cadence_samples_fall_back_to_the_preferred_step_rate():
    d = demand(np.array([3.0, 3.0]), 0.0, np.array([np.nan, 120 * stride_frequency_hz(3.0)]))
    for g in MUSCLES:
        assert d[g].positive_work[0] == pytest.approx(d[g].positive_work[1])


def test_below_minimum_speed_scales_to_zero_and_above_maximum_clips():
    slow, low = demand(0.75, 0.0), demand(1.5, 0.0)
    for g in MUSCLES:
        assert slow[g].positive_work == pytest.approx(0.5 * low[g].positive_work)
    assert demand(12.0, 0.0)["hamstrings"] == demand(10.0, 0.0)["hamstrings"]
    assert demand(3.0, 0.7)["gluteals"] == demand(3.0, 0.45)["gluteals"]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"speed_m_s": 12.0, "grade": 0.0},
        {"speed_m_s": 1.0, "grade": 0.0},
        {"speed_m_s": 3.0, "grade": 0.5},
        {"speed_m_s": 3.0, "grade": 0.0, "cadence_spm": 240.0},
        {"speed_m_s": 3.0, "grade": 0.0, "mode": "walk"},
    ],
)
def test_strict_refuses_inputs_outside_the_model_range(kwargs):
    with pytest.raises(ModelDomainError):
        demand(**kwargs, strict=True)


def test_invalid_inputs_always_raise():
    with pytest.raises(ModelDomainError):
        demand(-1.0, 0.0)
    with pytest.raises(ModelDomainError):
        demand(3.0, 0.0, mode="swim")
    with pytest.raises(ModelDomainError):
        demand(3.0, 0.0, cadence_spm=0.0)
    with pytest.raises(ModelDomainError):
        stride_frequency_hz(-2.0)
    # standing still is valid even when strict
    assert demand(0.0, 0.0, strict=True)["calves"].positive_work == 0.0


def test_work_per_metre_is_work_rate_over_speed():
    d, w = demand(4.0, -0.1, 175.0), work_per_metre(4.0, -0.1, 175.0)
    for g in MUSCLES:
        assert w[g][0] * 4.0 == pytest.approx(d[g].positive_work)
        assert w[g][1] * 4.0 == pytest.approx(d[g].negative_work)


def test_allocation_fractions_of_each_action_sum_to_one():
    assert set(muscle_parameters.ACTION_ALLOCATION) == set(joint_parameters.JOINT_ACTIONS)
    assert set(joint_parameters.RUN_LEVEL_WORK) == set(joint_parameters.JOINT_ACTIONS)
    for shares in muscle_parameters.ACTION_ALLOCATION.values():
        assert set(shares) <= set(MUSCLES)
        assert sum(shares.values()) == pytest.approx(1.0)
    for table in (
        "RUN_UPHILL_SHARES",
        "RUN_DOWNHILL_SHARES",
        "WALK_UPHILL_SHARES",
        "WALK_DOWNHILL_SHARES",
    ):
        assert sum(getattr(joint_parameters, table).values()) == pytest.approx(1.0)


@settings(max_examples=60, deadline=None)
@given(
    v=st.floats(0.0, 12.0),
    i=st.floats(-0.6, 0.6),
    c=st.one_of(st.none(), st.floats(100.0, 260.0)),
    mode=st.sampled_from(["run", "walk"]),
)
def test_outputs_are_finite_and_non_negative_anywhere(v, i, c, mode):
    for value in demand(v, i, c, mode).values():
        assert all(np.isfinite(x) and x >= 0 for x in value)


def test_doctests_pass():
    for module in (muscles, joints):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.failed == 0 and result.attempted > 0


# --- activation: Kyrolainen 2005; Reber 1993 --------------------------------------------------


def test_kyrolainen2005_activation_rises_with_speed_and_exceeds_mvc_at_sprint():
    speeds = np.array([2.0, 3.5, 5.0, 7.0, 9.0])
    d = demand(speeds, 0.0)
    for g in MUSCLES:
        assert np.all(np.diff(d[g].activation) > 0)
    # Abstract: gastrocnemius, VL, BF and GM exceed 100 % MVC at the higher speeds.
    for g in ("calves", "quadriceps", "hamstrings", "gluteals"):
        assert d[g].activation[-1] > 1.0
    assert all(d[g].activation[1] < 1.0 for g in MUSCLES)  # a steady run is submaximal


def test_reber1993_peroneals_rise_with_pace_and_tibialis_active_at_all_speeds():
    # the CSV's "increased significantly with pace" is checked in test_published_data_integrity
    d = demand(np.array([2.5, 3.5, 4.5]), 0.0)
    assert np.all(np.diff(d["peroneals"].activation) > 0)
    # TA above its fatigue threshold for 85 % of the cycle: sizeable activation at every pace
    # although its work is small.
    assert np.all(d["tibialis_anterior"].activation >= 0.25)
    assert np.all(d["tibialis_anterior"].positive_work < d["calves"].positive_work / 10)


@pytest.mark.parametrize("mode", ["run", "walk"])
def test_demand_on_grade_and_level_is_two_demands_bit_for_bit(mode):
    """The level work shared between the two evaluations changes no number (nor does
    leaving out the level's activation): speeds below the mode's range (scaled), step
    rates off the preferred one and missing, steep grades both ways and the level."""
    from legload.models.locomotion.muscles import demand_and_level_work, demand_on_grade_and_level

    rng = np.random.default_rng(7)
    n = 2_000
    speed = rng.uniform(0.0, 6.0 if mode == "run" else 2.6, n)
    grade = np.where(rng.random(n) < 0.2, 0.0, rng.uniform(-0.5, 0.5, n))
    cadence = np.where(rng.random(n) < 0.3, np.nan, rng.uniform(100.0, 200.0, n))
    graded, level = demand_on_grade_and_level(speed, grade, cadence, mode=mode)
    for got, expected in ((graded, demand(speed, grade, cadence, mode=mode)),
                          (level, demand(speed, np.zeros(n), cadence, mode=mode))):
        assert list(got) == list(expected)
        for muscle, values in expected.items():
            for one, other in zip(got[muscle], values, strict=True):
                assert one.tobytes() == other.tobytes(), muscle
    worked, on_level = demand_and_level_work(speed, grade, cadence, mode=mode)
    assert list(worked) == list(graded) and list(on_level) == list(level)
    for muscle in level:
        pairs = [*zip(worked[muscle], graded[muscle], strict=True),
                 *zip(on_level[muscle], level[muscle][:2], strict=True)]
        assert all(one.tobytes() == other.tobytes() for one, other in pairs), muscle
