"""The energy models (energy, gait_energy, cycling_energy, resting_energy) against their papers'
published values and against physics."""

from __future__ import annotations

import doctest
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from legload.errors import ModelDomainError
from legload.models.body import parameters as body_parameters
from legload.models.body import resting as resting_energy
from legload.models.body.resting import resting_metabolic_rate_kcal_day
from legload.models.cycling import energy as cycling_energy
from legload.models.cycling import parameters as cycling_parameters
from legload.models.cycling.energy import cycling_metabolic_power, cycling_power_from_speed
from legload.models.exercise import mets as energy
from legload.models.exercise import parameters as exercise_parameters
from legload.models.exercise.mets import J_PER_KCAL, met_energy_kcal
from legload.models.locomotion import energy as gait_energy
from legload.models.locomotion import parameters as locomotion_parameters
from legload.models.locomotion.energy import (
    grade_adjusted_pace_s_per_km,
    grade_adjusted_speed,
    outside_minetti_range,
    running_cost,
    running_power_w_per_kg,
    walking_cost,
    walking_power_w_per_kg,
)

PUBLISHED = Path(__file__).resolve().parent.parent / "data" / "published"
ENERGY_MODULES = (energy, gait_energy, cycling_energy, resting_energy)


@pytest.fixture(scope="module")
def minetti_table() -> pd.DataFrame:
    return pd.read_csv(PUBLISHED / "minetti2002_table.csv", comment="#")


@pytest.fixture(scope="module")
def compendium_table() -> pd.DataFrame:
    return pd.read_csv(PUBLISHED / "compendium2011_mets.csv", comment="#", dtype={"code": str})


def _argmin_grade(cost) -> tuple[float, float]:
    grid = np.linspace(-0.45, 0.45, 90_001)  # 1e-5 steps
    values = cost(grid)
    k = int(np.argmin(values))
    return float(grid[k]), float(values[k])


# --- Minetti et al. 2002: the published table -------------------------------------------------


# Minetti 2002's abstract: 1.73 +/- 0.36 J/kg/m at the optimum gradient, 10 runners. Each tabulated
# mean is therefore uncertain by about one standard error, CV / sqrt(n) = 0.208 / 3.16 = 6.6 %.
MINETTI_CV = 0.36 / 1.73
MINETTI_N = 10
MINETTI_SEM = MINETTI_CV / np.sqrt(MINETTI_N)


def test_minetti2002_table_running_within_two_standard_errors(minetti_table):
    """The polynomial against the 13 means: each within 2 SEM, on average within 1 SEM, and the
    grades in the same order of cost."""
    model = running_cost(minetti_table["grade"].to_numpy())
    measured = minetti_table["run_cost_j_kg_m"].to_numpy()
    relative = np.abs(model - measured) / measured
    worst = minetti_table["grade"].to_numpy()[np.argmax(relative)]
    assert relative.max() <= 2 * MINETTI_SEM, f"worst at grade {worst}: {relative.max():.1%}"
    assert relative.mean() <= MINETTI_SEM
    assert (np.argsort(model) == np.argsort(measured)).all()


def test_minetti2002_abstract_level_running(minetti_table):
    measured = minetti_table.set_index("grade").loc[0.0, "run_cost_j_kg_m"]
    assert running_cost(0.0) == pytest.approx(measured, rel=MINETTI_SEM)


def test_minetti2002_running_minimum_near_minus_018():
    grade, cost = _argmin_grade(running_cost)
    assert grade == pytest.approx(-0.18, abs=0.02)
    # measured minimum: 1.73 +/- 0.36 J/kg/m at -0.20 (abstract)
    assert cost == pytest.approx(1.73, rel=0.12)


def test_minetti2002_table_walking_extremes_within_5pct(minetti_table):
    walk = minetti_table.dropna(subset=["walk_cost_j_kg_m"]).set_index("grade")["walk_cost_j_kg_m"]
    assert len(walk) == 4
    for grade in (-0.45, 0.45):
        assert walking_cost(grade) == pytest.approx(walk.loc[grade], rel=0.05)


def test_minetti2002_walking_minimum_near_minus_01(minetti_table):
    walk = minetti_table.dropna(subset=["walk_cost_j_kg_m"]).set_index("grade")["walk_cost_j_kg_m"]
    assert walk.idxmin() == -0.10  # measured optimum (abstract: 0.81 J/kg/m at -0.10)
    grade, _ = _argmin_grade(walking_cost)
    assert -0.20 <= grade <= -0.10  # the polynomial's optimum lies a little steeper (-0.153)


def test_minetti2002_walking_polynomial_overestimates_near_level(minetti_table):
    # Documented limitation: near the level the polynomial sits 30-60 % above the minimum
    # walking cost the abstract reports.
    walk = minetti_table.dropna(subset=["walk_cost_j_kg_m"]).set_index("grade")["walk_cost_j_kg_m"]
    for grade in (-0.10, 0.0):
        ratio = walking_cost(grade) / walk.loc[grade]
        assert 1.3 <= ratio <= 1.6


def test_walking_cheaper_than_running_on_level_and_downhill():
    grades = np.array([-0.3, -0.2, -0.1, 0.0])
    assert np.all(walking_cost(grades) < running_cost(grades))


# --- out-of-range behaviour -------------------------------------------------------------------


@pytest.mark.parametrize("cost", [running_cost, walking_cost])
def test_outside_range_is_clipped_to_the_boundary(cost):
    assert cost(0.7) == cost(0.45)
    assert cost(-1.0) == cost(-0.45)
    values = cost(np.array([-0.9, 0.2, 0.9]))
    assert values[0] == cost(-0.45) and values[2] == cost(0.45)
    assert values[1] == cost(0.2)


@pytest.mark.parametrize("cost", [running_cost, walking_cost])
def test_outside_range_raises_when_strict(cost):
    with pytest.raises(ModelDomainError, match=r"0\.45"):
        cost(0.46, strict=True)
    with pytest.raises(ModelDomainError):
        cost(np.array([0.0, -0.5]), strict=True)
    assert cost(0.45, strict=True) == cost(0.45)  # the boundary itself is inside


@pytest.mark.parametrize(
    "func",
    [
        running_power_w_per_kg,
        walking_power_w_per_kg,
        grade_adjusted_speed,
        grade_adjusted_pace_s_per_km,
    ],
)
def test_speed_functions_follow_the_same_range_rule(func):
    assert func(3.0, 0.8) == func(3.0, 0.45)
    with pytest.raises(ModelDomainError):
        func(3.0, 0.8, strict=True)


def test_outside_minetti_range_flags_what_was_clipped():
    assert outside_minetti_range(0.5) is True
    assert outside_minetti_range(-0.45) is False
    flags = outside_minetti_range(np.array([-0.46, 0.0, 0.46, np.nan]))
    assert flags.tolist() == [True, False, True, False]


def test_nan_grade_propagates_and_does_not_raise():
    assert np.isnan(running_cost(np.nan))
    values = running_cost(np.array([0.0, np.nan]), strict=True)
    assert values[0] == running_cost(0.0) and np.isnan(values[1])
    assert np.isnan(grade_adjusted_pace_s_per_km(np.nan, 0.0))


# --- vectorisation ----------------------------------------------------------------------------


GRADES = np.array([-0.6, -0.45, -0.2, -0.05, 0.0, 0.03, 0.12, 0.3, 0.45, 0.55])
SPEEDS = np.array([0.0, 0.8, 1.4, 2.5, 3.0, 3.3, 4.0, 5.5, 6.0, 7.0])


@pytest.mark.parametrize("cost", [running_cost, walking_cost, outside_minetti_range])
def test_grade_functions_vectorised_equal_scalar(cost):
    vector = cost(GRADES)
    assert isinstance(vector, np.ndarray) and vector.shape == GRADES.shape
    scalars = [cost(float(g)) for g in GRADES]
    assert all(isinstance(s, (float, bool)) for s in scalars)
    np.testing.assert_array_equal(vector, np.array(scalars))


@pytest.mark.parametrize(
    "func",
    [
        running_power_w_per_kg,
        walking_power_w_per_kg,
        grade_adjusted_speed,
        grade_adjusted_pace_s_per_km,
    ],
)
def test_speed_grade_functions_vectorised_equal_scalar(func):
    vector = func(SPEEDS, GRADES)
    assert isinstance(vector, np.ndarray)
    scalars = np.array([func(float(v), float(g)) for v, g in zip(SPEEDS, GRADES, strict=True)])
    assert all(
        isinstance(func(float(v), float(g)), float) for v, g in zip(SPEEDS, GRADES, strict=True)
    )
    np.testing.assert_array_equal(vector, scalars)


def test_cycling_and_met_functions_vectorised_equal_scalar():
    masses = np.linspace(60, 95, SPEEDS.size)
    vector = cycling_power_from_speed(SPEEDS * 2, GRADES / 3, masses)
    scalars = [
        cycling_power_from_speed(float(v) * 2, float(g) / 3, float(m))
        for v, g, m in zip(SPEEDS, GRADES, masses, strict=True)
    ]
    np.testing.assert_allclose(vector, scalars, rtol=0, atol=1e-12)
    powers = np.array([0.0, 150.0, 300.0])
    np.testing.assert_array_equal(
        cycling_metabolic_power(powers), [cycling_metabolic_power(float(p)) for p in powers]
    )
    mets = np.array([3.5, 6.0, 9.8])
    np.testing.assert_array_equal(
        met_energy_kcal(mets, 70.0, 1800.0), [met_energy_kcal(float(m), 70.0, 1800.0) for m in mets]
    )


def test_accepts_lists_and_pandas_series():
    series = pd.Series([0.0, 0.1, 0.2])
    np.testing.assert_array_equal(running_cost(series), running_cost([0.0, 0.1, 0.2]))
    assert isinstance(running_power_w_per_kg(pd.Series([3.0, 3.0]), series[:2]), np.ndarray)


def test_stream_broadcasts_scalar_grade():
    power = running_power_w_per_kg(np.full(5, 3.0), 0.1)
    np.testing.assert_allclose(power, running_cost(0.1) * 3.0)


# --- metabolic power and grade-adjusted speed -------------------------------------------------


def test_power_is_cost_times_speed():
    np.testing.assert_allclose(
        running_power_w_per_kg(SPEEDS, GRADES), running_cost(GRADES) * SPEEDS
    )
    np.testing.assert_allclose(
        walking_power_w_per_kg(SPEEDS, GRADES), walking_cost(GRADES) * SPEEDS
    )


def test_running_hour_integrates_to_hand_worked_energy():
    # 1 h at 3 m/s on the level, 70 kg: 3.6 J/kg/m x 10.8 km x 70 kg = 2.7216 MJ = 650.5 kcal
    power = running_power_w_per_kg(np.full(3600, 3.0), np.zeros(3600))
    assert power.sum() * 70.0 / J_PER_KCAL == pytest.approx(2_721_600 / 4184)


def test_negative_speed_is_refused():
    for func in (running_power_w_per_kg, walking_power_w_per_kg, grade_adjusted_speed):
        with pytest.raises(ModelDomainError, match="speed"):
            func(np.array([3.0, -0.1]), 0.0)


def test_grade_adjusted_speed_level_uphill_downhill():
    assert grade_adjusted_speed(3.0, 0.0) == 3.0
    assert grade_adjusted_speed(3.0, 0.05) > 3.0
    assert grade_adjusted_speed(3.0, -0.05) < 3.0
    # hand-worked: 3 m/s x Cr(0.10) / Cr(0) = 3 x 5.968214 / 3.6
    assert grade_adjusted_speed(3.0, 0.10) == pytest.approx(3.0 * 5.968214 / 3.6, rel=1e-6)
    # cheapest grade: about half the metabolic power of the level
    assert grade_adjusted_speed(3.0, -0.18) == pytest.approx(1.49, abs=0.02)


def test_grade_adjusted_pace_is_inverse_of_speed():
    speeds = np.array([0.0, 2.0, 4.0])
    pace = grade_adjusted_pace_s_per_km(speeds, 0.08)
    assert pace[0] == np.inf
    np.testing.assert_allclose(pace[1:], 1000.0 / grade_adjusted_speed(speeds[1:], 0.08))
    assert grade_adjusted_pace_s_per_km(1000.0 / 300.0, 0.0) == pytest.approx(300.0)


@given(
    speed=st.floats(min_value=0.0, max_value=10.0),
    grade=st.floats(min_value=-0.45, max_value=0.45),
)
def test_costs_and_powers_stay_positive_in_range(speed, grade):
    assert running_cost(grade) > 1.7
    assert walking_cost(grade) > 0.9
    assert running_power_w_per_kg(speed, grade) >= 0.0
    assert grade_adjusted_speed(speed, grade) >= 0.0


# --- cycling ----------------------------------------------------------------------------------


def test_cycling_power_zero_speed_is_zero():
    assert cycling_power_from_speed(0.0, 0.0, 80.0) == 0.0
    assert cycling_power_from_speed(0.0, 0.12, 80.0) == 0.0


def test_cycling_power_rises_with_speed_and_grade():
    speeds = np.linspace(1.0, 15.0, 15)
    assert np.all(np.diff(cycling_power_from_speed(speeds, 0.03, 80.0)) > 0)
    grades = np.linspace(-0.01, 0.2, 22)
    assert np.all(np.diff(cycling_power_from_speed(6.0, grades, 80.0)) > 0)
    assert cycling_power_from_speed(6.0, 0.05, 90.0) > cycling_power_from_speed(6.0, 0.05, 70.0)


def test_cycling_power_hand_worked():
    # 10 m/s, level, 80 kg: rolling 0.004 x 80 x 9.80665 x 10 = 31.381 W;
    # air 0.5 x 1.225 x 0.32 x 10^3 = 196.0 W
    assert cycling_power_from_speed(10.0, 0.0, 80.0) == pytest.approx(227.381, abs=1e-3)
    # 4 m/s up 8 %, 75 kg, no air, no rolling: m g v sin(atan 0.08)
    climb = cycling_power_from_speed(4.0, 0.08, 75.0, cda_m2=0.0, crr=0.0)
    assert climb == pytest.approx(75 * 9.80665 * 4.0 * 0.08 / np.sqrt(1 + 0.08**2))


def test_cycling_power_is_never_negative_on_descents():
    assert cycling_power_from_speed(15.0, -0.10, 80.0) == 0.0
    assert np.all(cycling_power_from_speed(np.linspace(0, 20, 21), -0.08, 80.0) >= 0.0)


@pytest.mark.parametrize(
    "kwargs",
    [{"speed_m_s": -1.0}, {"mass_kg": 0.0}, {"cda_m2": -0.1}, {"crr": -0.001}, {"rho": 0.0}],
)
def test_cycling_power_refuses_invalid_inputs(kwargs):
    args = {"speed_m_s": 5.0, "grade": 0.0, "mass_kg": 80.0} | kwargs
    with pytest.raises(ModelDomainError):
        cycling_power_from_speed(**args)


def test_cycling_metabolic_power_is_power_over_efficiency():
    assert cycling_metabolic_power(220.0) == pytest.approx(1000.0)
    assert cycling_metabolic_power(200.0, efficiency=0.2) == pytest.approx(1000.0)


def test_cycling_default_efficiency_is_a_trained_cyclists_value():
    # Gross efficiency of trained cyclists at moderate work rates: 18-25 % (Moseley & Jeukendrup
    # 2001; Hopker et al. 2010), independent of the parameter table.
    default = 200.0 / cycling_metabolic_power(200.0)
    assert 0.18 <= default <= 0.25


@pytest.mark.parametrize("power, efficiency", [(-5.0, 0.22), (100.0, 0.0), (100.0, 1.5)])
def test_cycling_metabolic_power_refuses_invalid_inputs(power, efficiency):
    with pytest.raises(ModelDomainError):
        cycling_metabolic_power(power, efficiency)


# --- METs: 2011 Compendium --------------------------------------------------------------------


def test_compendium2011_table_matches_parameters(compendium_table):
    table = compendium_table.set_index("key")
    assert set(table.index) == set(exercise_parameters.COMPENDIUM_2011_METS)
    for key, entry in exercise_parameters.COMPENDIUM_2011_METS.items():
        assert entry.code == table.loc[key, "code"]
        assert len(entry.code) == 5
        assert entry.met == pytest.approx(table.loc[key, "met"])
        assert entry.activity == table.loc[key, "activity"]


def test_compendium2011_strength_rows():
    mets = exercise_parameters.COMPENDIUM_2011_METS
    assert (mets["strength_vigorous"].code, mets["strength_vigorous"].met) == ("02050", 6.0)
    assert (mets["strength_moderate"].code, mets["strength_moderate"].met) == ("02054", 3.5)
    assert (
        mets["strength_moderate"].met < mets["strength_squats"].met < mets["strength_vigorous"].met
    )


def test_met_energy_hand_worked():
    # 6 MET x 80 kg x 1 h = 480 kcal gross, 400 kcal above rest
    assert met_energy_kcal(6.0, 80.0, 3600.0) == pytest.approx(480.0)
    assert met_energy_kcal(6.0, 80.0, 3600.0, net=True) == pytest.approx(400.0)
    # 3.5 MET walking, 70 kg, 30 min = 122.5 kcal
    assert met_energy_kcal(3.5, 70.0, 1800.0) == pytest.approx(122.5)
    assert met_energy_kcal(0.9, 70.0, 1800.0, net=True) == 0.0
    assert met_energy_kcal(6.0, 80.0, 0.0) == 0.0


@pytest.mark.parametrize(
    "met, mass, duration", [(-1.0, 70.0, 60.0), (3.0, 0.0, 60.0), (3.0, 70.0, -1.0)]
)
def test_met_energy_refuses_invalid_inputs(met, mass, duration):
    with pytest.raises(ModelDomainError):
        met_energy_kcal(met, mass, duration)


# --- Mifflin et al. 1990 ----------------------------------------------------------------------


def test_mifflin1990_hand_worked_examples():
    # 10 x 70 + 6.25 x 175 - 5 x 30 + 5 = 700 + 1093.75 - 150 + 5
    assert resting_metabolic_rate_kcal_day("male", 70.0, 1.75, 30) == pytest.approx(1648.75)
    # 10 x 60 + 6.25 x 165 - 5 x 25 - 161 = 600 + 1031.25 - 125 - 161
    assert resting_metabolic_rate_kcal_day("female", 60.0, 1.65, 25) == pytest.approx(1345.25)
    # same body, the sexes differ by 166 kcal/day (the paper's sex term)
    diff = resting_metabolic_rate_kcal_day("male", 80, 1.8, 40) - resting_metabolic_rate_kcal_day(
        "female", 80, 1.8, 40
    )
    assert diff == pytest.approx(166.0)


def test_mifflin1990_accepts_case_and_arrays():
    assert resting_metabolic_rate_kcal_day(" Male ", 70.0, 1.75, 30) == pytest.approx(1648.75)
    values = resting_metabolic_rate_kcal_day("female", np.array([50.0, 60.0]), 1.65, 25)
    np.testing.assert_allclose(values, [1245.25, 1345.25])


@pytest.mark.parametrize("sex", ["other", "", "m", None, 1])
def test_mifflin1990_refuses_unknown_sex(sex):
    with pytest.raises(ModelDomainError, match="sex"):
        resting_metabolic_rate_kcal_day(sex, 70.0, 1.75, 30)


@pytest.mark.parametrize(
    "mass, height, age, message",
    [
        (0.0, 1.75, 30, "mass"),
        (500.0, 1.75, 30, "mass"),
        (70.0, 175.0, 30, "metres"),
        (70.0, 0.3, 30, "height"),
        (70.0, 1.75, -1, "age"),
        (70.0, 1.75, 200, "age"),
        (70.0, 1.75, 130.5, "age"),  # just past the valid [0, 130]
        (np.nan, 1.75, 30, "finite"),
    ],
)
def test_mifflin1990_refuses_absurd_values(mass, height, age, message):
    with pytest.raises(ModelDomainError, match=message):
        resting_metabolic_rate_kcal_day("male", mass, height, age)


# --- documentation ----------------------------------------------------------------------------


def test_docstring_examples_run():
    attempted = 0
    for module in ENERGY_MODULES:
        result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
        assert result.failed == 0, module.__name__
        attempted += result.attempted
    assert attempted >= 15


def test_every_public_function_cites_its_source_and_range():
    for module, name in ((m, n) for m in ENERGY_MODULES for n in m.__all__):
        func = getattr(module, name)
        if not callable(func):
            continue
        doc = func.__doc__ or ""
        assert "Examples" in doc, name
        if name != "outside_minetti_range":
            assert "References" in doc and ("doi:" in doc or "Robb" in doc), name


def test_energy_sources_carry_dois():
    for source in (
        locomotion_parameters.MINETTI_2002,
        body_parameters.MIFFLIN_1990,
        exercise_parameters.COMPENDIUM_2011,
        cycling_parameters.ETTEMA_LORAS_2009,
        cycling_parameters.MARTIN_1998,
    ):
        assert source.doi.startswith("10."), source.citation
        assert source.note
