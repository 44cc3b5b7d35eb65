"""Coefficients as arguments: every model runs on the published set by default and on another
set when one is passed (no monkeypatching).

The ``*_is_published`` tests fail if a default stops being the published set or a field stops
matching its tagged module constant; the ``*_runs_on_another_set`` tests fail if a model ignores
its ``params`` argument (each checks the change the equation predicts, not just "different").
"""

from __future__ import annotations

import inspect
from dataclasses import replace
from types import MappingProxyType

import pandas as pd
import pytest

from legload.models.adaptation import model as adaptation
from legload.models.adaptation import parameters as A
from legload.models.adaptation.rules import Week, resistance_route
from legload.models.body import composition, dynamics, expenditure, projection, resting
from legload.models.body import parameters as B
from legload.models.cycling import energy as cycling_energy
from legload.models.cycling import muscles as cycling
from legload.models.cycling import parameters as C
from legload.models.exercise import library, mets
from legload.models.exercise import parameters as E
from legload.models.locomotion import energy, joint_parameters, joints, muscle_parameters, muscles
from legload.models.locomotion import parameters as L
from legload.models.risk import model as risk
from legload.models.risk import parameters as R

MODELS = [
    (L.PUBLISHED, [energy.running_cost, energy.walking_cost, energy.running_power_w_per_kg,
                   energy.walking_power_w_per_kg, energy.grade_adjusted_speed,
                   energy.grade_adjusted_pace_s_per_km, energy.outside_minetti_range,
                   joints.stride_frequency_hz, joints.joint_work_per_stride, muscles.demand,
                   muscles.work_per_metre]),
    (C.PUBLISHED, [cycling.demand, cycling.action_shares, cycling.reference_shares,
                   cycling.least_emg_cadence]),
    (E.PUBLISHED, [library.activation, library.activation_sources, library.effort_credit,
                   library.hard_set_equivalents, mets.met_energy_kcal]),
    (B.PUBLISHED, [resting.resting_metabolic_rate_kcal_day, composition.lean_fraction,
                   composition.weight_change_energy_density_kcal_per_kg,
                   composition.estimate_fat_mass_kg, dynamics.simulate,
                   dynamics.maintenance_intake_kcal_day, projection.project,
                   expenditure.adaptive_expenditure]),
    (A.PUBLISHED, [adaptation.expected_adaptation, adaptation.brief_effort_sets,
                   adaptation.strength_stimulus, adaptation.set_category,
                   adaptation.deficit_factors]),
    (R.PUBLISHED, [risk.risk_flags]),
]


@pytest.mark.parametrize(("published", "function"),
                         [(p, f) for p, functions in MODELS for f in functions],
                         ids=lambda x: getattr(x, "__name__", type(x).__name__))
def test_every_model_defaults_to_the_published_set(published, function):
    parameter = inspect.signature(function).parameters["params"]
    assert parameter.kind is inspect.Parameter.KEYWORD_ONLY
    assert parameter.default is published


@pytest.mark.parametrize("published", [p for p, _ in MODELS], ids=lambda p: type(p).__name__)
def test_the_published_set_is_frozen_and_equals_a_fresh_one(published):
    assert published == type(published)()
    with pytest.raises(AttributeError):
        published.__setattr__(next(iter(vars(published))), 0.0)


def test_published_fields_are_the_tagged_module_constants():
    assert L.PUBLISHED.run_cost_coefficients == (155.4, -30.4, -43.3, 46.3, 19.5, 3.6)
    assert L.PUBLISHED.eccentric_weight == muscle_parameters.ECCENTRIC_WEIGHT == 0.5
    assert L.PUBLISHED.run_level_work is joint_parameters.RUN_LEVEL_WORK
    assert C.PUBLISHED.gross_efficiency == C.CYCLING_GROSS_EFFICIENCY == 0.22
    assert E.PUBLISHED.kcal_per_met_kg_hour == E.KCAL_PER_MET_KG_HOUR == 1.0
    assert dict(B.PUBLISHED.mifflin_coefficients) == {
        "kcal_per_kg": 10.0, "kcal_per_cm": 6.25, "kcal_per_year": 5.0,
        "male_offset_kcal": 5.0, "female_offset_kcal": -161.0}
    assert A.PUBLISHED.build_min_sets == A.BUILD_MIN_SETS == 2.0
    assert R.PUBLISHED.spike_fraction == R.SPIKE_FRACTION == 0.30


# --- locomotion ------------------------------------------------------------------------------


def test_running_cost_runs_on_another_polynomial():
    flat = replace(L.PUBLISHED, run_cost_coefficients=(0.0, 0.0, 0.0, 0.0, 1.0, 4.0))
    assert energy.running_cost(0.1, params=flat) == pytest.approx(4.1)  # Cr = i + 4
    assert energy.grade_adjusted_speed(3.0, 0.1, params=flat) == pytest.approx(3.0 * 4.1 / 4.0)
    narrow = replace(L.PUBLISHED, minetti_grade_limit=0.2)
    assert energy.running_cost(0.3, params=narrow) == pytest.approx(energy.running_cost(0.2))
    assert energy.outside_minetti_range(0.3, params=narrow) is True


def _activation_doubles(demand, field: str, published, *args) -> None:
    """``demand`` with the reference activations of ``field`` doubled: activation x 2 (it is
    proportional to A_g,ref), work unchanged."""
    doubled = MappingProxyType({g: 2 * a for g, a in getattr(published, field).items()})
    base, changed = demand(*args), demand(*args, params=replace(published, **{field: doubled}))
    for g in muscles.MUSCLES:
        assert changed[g].activation == pytest.approx(2 * base[g].activation)
        assert changed[g].positive_work == base[g].positive_work


def test_demand_activation_scales_with_the_reference_activation():
    _activation_doubles(muscles.demand, "run_activation_at_reference", L.PUBLISHED, 4.0, 0.05)


def test_demand_eccentric_weight_enters_the_activation_equation():
    # activation_g = A_ref (P+ + w P-) / (P+ + w P-)_ref; w = 0 leaves positive work only
    other = replace(L.PUBLISHED, eccentric_weight=0.0)
    d, ref = muscles.demand(3.0, -0.1, params=other), muscles.demand(3.5, 0.0, params=other)
    start = L.PUBLISHED.run_activation_at_reference
    for g in muscles.MUSCLES:
        expected = start[g] * d[g].positive_work / ref[g].positive_work
        assert d[g].activation == pytest.approx(expected)
    assert d["quadriceps"].activation != pytest.approx(muscles.demand(3.0, -0.1)["quadriceps"].activation)


def test_stride_frequency_runs_on_other_knots():
    other = replace(L.PUBLISHED, run_stride_frequency_knots=((1.5, 1.25), (10.0, 1.25)))
    assert joints.stride_frequency_hz(3.5, params=other) == pytest.approx(1.25)
    work = joints.joint_work_per_stride(3.5, cadence_spm=150.0, params=other)
    assert work == joints.joint_work_per_stride(3.5, params=other)  # 150 spm is now preferred


# --- cycling, exercise, body -----------------------------------------------------------------


def test_cycling_demand_runs_on_another_set():
    _activation_doubles(cycling.demand, "activation_at_reference", C.PUBLISHED, 250.0, 90.0)
    assert cycling_energy.cycling_metabolic_power(220.0) == pytest.approx(220.0 / 0.22)


def test_exercise_models_run_on_another_set():
    strict = replace(E.PUBLISHED, hard_set_rir_full=1.0)
    assert library.effort_credit(8, rir=2) == 1.0
    assert library.effort_credit(8, rir=2, params=strict) == E.HARD_SET_EASY_CREDIT
    double = replace(E.PUBLISHED, kcal_per_met_kg_hour=2.0)
    assert mets.met_energy_kcal(6.0, 80.0, 3600.0, params=double) == pytest.approx(960.0)
    no_table = replace(E.PUBLISHED, published_activation=())
    fallback = library.activation("back_squat", params=no_table)
    assert max(fallback.values()) == pytest.approx(E.EXERCISE_FALLBACK_REFERENCE)


def test_body_models_run_on_another_set():
    coefficients = dict(B.MIFFLIN_1990_COEFFICIENTS, male_offset_kcal=105.0)
    other = replace(B.PUBLISHED, mifflin_coefficients=MappingProxyType(coefficients))
    rmr = resting.resting_metabolic_rate_kcal_day("male", 70.0, 1.75, 30, params=other)
    assert rmr == pytest.approx(resting.resting_metabolic_rate_kcal_day("male", 70.0, 1.75, 30) + 100)
    forbes = replace(B.PUBLISHED, forbes_c_kg=20.0)
    assert composition.lean_fraction(10.0, params=forbes) == pytest.approx(20.0 / 30.0)
    kwargs = {"sex": "male", "age_years": 30, "height_m": 1.75, "days": 28}
    base = dynamics.simulate((80.0, 16.0), 2000.0, **kwargs)
    no_tef = dynamics.simulate((80.0, 16.0), 2000.0, params=replace(B.PUBLISHED, beta_tef=0.0),
                               **kwargs)
    # in a deficit the thermic effect beta_TEF (EI - EI_ref) is negative: without it the
    # expenditure stays higher and more weight is lost
    assert no_tef["weight_kg"].iloc[-1] < base["weight_kg"].iloc[-1] - 0.1


def test_adaptive_expenditure_is_a_typed_record_read_by_name_too():
    dates = pd.date_range("2026-01-01", periods=28, freq="D")
    weight = [80.0 - 0.05 * i for i in range(28)]
    result = expenditure.adaptive_expenditure(dates, weight, [2500.0] * 28, fat_kg=15.0)
    assert isinstance(result, expenditure.AdaptiveExpenditure)
    assert result["expenditure_kcal_day"] == result.expenditure_kcal_day
    assert result.get("gap_kcal_day") is None and result.get("missing", 1) == 1
    stricter = replace(B.PUBLISHED, adaptive_min_days=30)
    with pytest.raises(Exception, match="at least 30"):
        expenditure.adaptive_expenditure(dates, weight, [2500.0] * 28, params=stricter)


# --- adaptation and risk ---------------------------------------------------------------------


def test_adaptation_runs_on_another_set():
    assert adaptation.brief_effort_sets(30.0, params=replace(A.PUBLISHED, brief_effort_s_per_set=15.0)) == 2.0
    kwargs = {"running_years": 5.0, "energy_balance_kcal": 0.0, "protein_g_kg": 2.0}
    assert adaptation.expected_adaptation(100.0, 10.0, **kwargs).direction == "building"
    higher = replace(A.PUBLISHED, build_min_sets=12.0)
    result = adaptation.expected_adaptation(100.0, 10.0, params=higher, **kwargs)
    assert result.direction == "maintaining" and result.growth_pct_range is None
    assert "below the 12 sets" in result.drivers[0]


def test_resistance_rule_returns_its_branch_and_band():
    week = Week(0.0, 12.0, 0.0, 5.0, 5.0, None, None, 120.0, 0.0)
    route = resistance_route(week)
    p = A.PUBLISHED
    mean = p.set_category_gain_pct[-1][1]
    assert (route.rule, route.category, route.concurrent, route.trained_lifter) == (
        "building", "10 or more", True, True)
    low = mean * (1 - p.intrinsic_spread) * p.concurrent_low_factor * p.trained_lifter_factor
    high = mean * (1 + p.intrinsic_spread) * p.trained_lifter_factor
    assert route.band == pytest.approx((low, high))


def test_risk_flags_run_on_another_spike_threshold():
    weekly = {"calves": [{"load_j_kg": 100.0}, {"load_j_kg": 125.0}]}
    assert risk.risk_flags(weekly) == []  # +25 % is below the published 30 %
    flags = risk.risk_flags(weekly, params=replace(R.PUBLISHED, spike_fraction=0.2))
    assert [f.kind for f in flags] == ["load_spike"]
