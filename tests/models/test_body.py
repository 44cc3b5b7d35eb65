"""The body-composition models (body, body_dynamics, body_projection) against Hall 2008, Hall et al.
2011, the Forbes partition and physics."""

from __future__ import annotations

import doctest
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legload.core.units import KJ_PER_KCAL
from legload.errors import ModelDomainError
from legload.models.body import composition as body
from legload.models.body import dynamics as body_dynamics
from legload.models.body import parameters as body_parameters
from legload.models.body import projection as body_projection
from legload.models.body.composition import (
    RHO_FAT_KCAL_PER_KG,
    RHO_GLYCOGEN_KCAL_PER_KG,
    RHO_LEAN_KCAL_PER_KG,
    RULE_OF_THUMB_KCAL_PER_KG,
    BodyState,
    estimate_fat_mass_kg,
    lean_fraction,
    weight_change_energy_density_kcal_per_kg,
)
from legload.models.body.dynamics import SIMULATE_COLUMNS, maintenance_intake_kcal_day, simulate
from legload.models.body.expenditure import adaptive_expenditure
from legload.models.body.projection import PROJECT_COLUMNS, project

PUBLISHED = Path(__file__).resolve().parent.parent / "data" / "published"

#: Reference adults. OBESE: a 110 kg man with 40 kg fat (Hall et al. 2011 speak of obese adults
#: for the ~1 year half time); ATHLETE: a 70 kg runner with 8 kg fat.
OBESE = {"sex": "male", "age_years": 40.0, "height_m": 1.78}
OBESE_STATE = (110.0, 40.0)
ATHLETE = {"sex": "male", "age_years": 28.0, "height_m": 1.78}
ATHLETE_STATE = (70.0, 8.0)


def _table(name: str) -> pd.DataFrame:
    return pd.read_csv(PUBLISHED / name, comment="#")


def _value(table: pd.DataFrame, quantity: str) -> float:
    return float(table.loc[table["quantity"] == quantity, "value"].iloc[0])


def _body_energy(frame: pd.DataFrame) -> np.ndarray:
    """rho_F F + rho_L L + rho_G G [kcal], L = lean tissue without glycogen and its water."""
    g = frame["glycogen_kg"].to_numpy()
    lean_tissue = frame["lean_kg"].to_numpy() - 3.7 * g
    return (
        RHO_FAT_KCAL_PER_KG * frame["fat_kg"].to_numpy()
        + RHO_LEAN_KCAL_PER_KG * lean_tissue
        + RHO_GLYCOGEN_KCAL_PER_KG * g
    )


def _deficit_run(state, who, deficit_kcal: float, days: int, **kw) -> pd.DataFrame:
    maintenance = maintenance_intake_kcal_day(state, **who)
    return simulate(state, maintenance - deficit_kcal, days=days, **who, **kw)


# --- parameters and published tables --------------------------------------------------------


def test_hall2008_table_matches_parameters():
    table = _table("hall2008_abstract.csv")
    assert set(table["status"]) <= {"read", "secondary"}
    assert _value(table, "rho_fat") == body_parameters.RHO_FAT_MJ_PER_KG
    assert _value(table, "rho_lean") == body_parameters.RHO_LEAN_MJ_PER_KG
    assert _value(table, "rho_glycogen") == body_parameters.RHO_GLYCOGEN_MJ_PER_KG
    assert _value(table, "rule_of_thumb") == body_parameters.RULE_OF_THUMB_MJ_PER_KG


def test_hall2011_appendix_glycogen_matches_parameters():
    table = _table("hall2011_lancet.csv")
    assert _value(table, "glycogen_baseline") == body_parameters.GLYCOGEN_BASELINE_KG
    assert _value(table, "glycogen_water") == body_parameters.GLYCOGEN_WATER_KG_PER_KG
    assert _value(table, "rho_glycogen") == body_parameters.RHO_GLYCOGEN_MJ_PER_KG


def test_unit_conversions_kcal():
    # 39.5 MJ/kg / 4.184 kJ/kcal = 9440.7 kcal/kg; the 3500 kcal/lb rule is 7716 kcal/kg in
    # exact pounds, 7696 from the rounded 32.2 MJ/kg Hall (2008) prints.
    assert abs(RHO_FAT_KCAL_PER_KG - 9440.7) < 0.1
    assert abs(RHO_LEAN_KCAL_PER_KG - 1816.4) < 0.1
    assert abs(RULE_OF_THUMB_KCAL_PER_KG / (3500 / 0.45359237) - 1.0) < 0.005


def test_every_source_has_citation_and_note():
    for source in body_parameters.SOURCES:
        assert source.citation and source.note


# --- Forbes partition -------------------------------------------------------------------------


def test_forbes_partition_table_within_one_point():
    """Forbes partition C = 10.4 kg (Forbes 1987; Hall 2007, 2008): tolerance 1 percentage point."""
    table = _table("forbes_partition.csv")
    got = lean_fraction(table["fat_kg"].to_numpy())
    assert np.all(np.abs(got - table["lean_fraction"].to_numpy()) <= 0.01)


def test_forbes_partition_named_values():
    assert lean_fraction(10.4) == pytest.approx(0.5, abs=0.01)
    assert lean_fraction(30.0) == pytest.approx(0.257, abs=0.01)
    assert isinstance(lean_fraction(20.0), float)
    assert np.isnan(lean_fraction([np.nan])[0])
    with pytest.raises(ModelDomainError):
        lean_fraction(-1.0)


def test_energy_density_rule_of_thumb_fits_only_above_30kg_fat():
    """Hall 2008 abstract: the 32.2 MJ/kg rule approximately matches for F > 30 kg and
    overestimates for less fat. Tolerances: within 5 % at F = 30 and 40 kg; at F = 10 kg the
    rule overestimates by more than 25 %."""
    rule = RULE_OF_THUMB_KCAL_PER_KG
    for fat in (30.0, 40.0):
        assert weight_change_energy_density_kcal_per_kg(fat) == pytest.approx(rule, rel=0.05)
    assert rule > 1.25 * weight_change_energy_density_kcal_per_kg(10.0)
    grid = np.linspace(2, 80, 50)
    assert np.all(np.diff(weight_change_energy_density_kcal_per_kg(grid)) > 0)


# --- simulate: structure and steady state -----------------------------------------------------


def test_simulate_columns_and_rows():
    out = simulate(ATHLETE_STATE, [2500.0] * 10, 300.0, **ATHLETE)
    assert tuple(out.columns) == SIMULATE_COLUMNS
    assert len(out) == 11 and out["day"].tolist() == list(range(11))
    assert np.isnan(out["intake_kcal_day"].iloc[0]) and np.isnan(out["expenditure_kcal_day"].iloc[0])
    assert out["weight_kg"].iloc[0] == pytest.approx(70.0)
    np.testing.assert_allclose(out["weight_kg"], out["fat_kg"] + out["lean_kg"])


def test_steady_state_when_intake_is_maintenance():
    for state, who, activity in ((OBESE_STATE, OBESE, 0.0), (ATHLETE_STATE, ATHLETE, 650.0)):
        m = maintenance_intake_kcal_day(state, activity_kcal_day=activity, **who)
        out = simulate(state, m, activity, days=365, **who)
        assert np.max(np.abs(out["weight_kg"] - state[0])) < 1e-3
        assert np.max(np.abs(out["fat_kg"] - state[1])) < 1e-3
        assert out["expenditure_kcal_day"].iloc[1:].to_numpy() == pytest.approx(m, abs=0.01)


def test_maintenance_is_pal_times_mifflin_plus_activity():
    # Mifflin 1990 worked by hand for the 70 kg, 178 cm, 28-year-old man:
    # 10 x 70 + 6.25 x 178 - 5 x 28 + 5 = 1677.5 kcal/day; daily-life PAL 1.5 by default.
    m = maintenance_intake_kcal_day(ATHLETE_STATE, activity_kcal_day=[0.0, 400.0], **ATHLETE)
    np.testing.assert_allclose(m, [2516.25, 2916.25])
    active = maintenance_intake_kcal_day(ATHLETE_STATE, daily_pal=1.8, **ATHLETE)
    assert active == pytest.approx(1.8 * 1677.5)


def test_unlogged_days_move_neither_fat_nor_lean():
    intake = np.full(60, np.nan)
    intake[:20] = 1800.0  # a deficit first, so adaptive thermogenesis is not zero
    out = simulate(ATHLETE_STATE, intake, 500.0, **ATHLETE)
    assert out["intake_imputed"].iloc[21:].all() and not out["intake_imputed"].iloc[1:21].any()
    assert out["fat_kg"].iloc[20] < 8.0
    # The balance intake is fixed at the start of each day while glycogen and adaptive
    # thermogenesis move within it: allow 1 g of fat a day (the logged deficit moved ~50 g/day).
    logged_change = out["fat_kg"].iloc[0] - out["fat_kg"].iloc[20]
    fat_change = out["fat_kg"].iloc[60] - out["fat_kg"].iloc[20]
    assert abs(fat_change) < 0.001 * 40 and abs(fat_change) < 0.05 * logged_change


def test_inputs_pad_with_balance_and_zero_activity():
    out = simulate(ATHLETE_STATE, [2000.0] * 5, [300.0] * 3, days=8, **ATHLETE)
    assert out["intake_imputed"].tolist() == [False] * 6 + [True] * 3


@pytest.mark.parametrize(
    "kwargs",
    [
        {"age_years": 15.0},
        {"sex": "other"},
        {"days": 0},
        {"days": 4000},
        {"daily_pal": 3.0},
        {"carbohydrate_fraction": 1.0},
    ],
)
def test_simulate_domain_errors(kwargs):
    args = {**ATHLETE, "days": 10} | kwargs
    with pytest.raises(ModelDomainError):
        simulate(ATHLETE_STATE, 2500.0, **args)


def test_simulate_accepts_the_ends_of_its_carbohydrate_range():
    for fraction in (0.05, 0.9):
        out = simulate(ATHLETE_STATE, 2500.0, days=5, carbohydrate_fraction=fraction, **ATHLETE)
        assert len(out) == 6


def test_simulate_says_when_the_body_leaves_the_model():
    # a very lean body given nothing to eat runs out of fat: refused with the day, not NaNs
    with pytest.raises(ModelDomainError, match=r"left the model's range on day \d+"):
        simulate((50.0, 0.3), 0.0, days=200, **ATHLETE)


def test_simulate_refuses_bad_inputs():
    with pytest.raises(ModelDomainError):
        simulate((70.0, 0.0), 2500.0, days=5, **ATHLETE)
    with pytest.raises(ModelDomainError):
        simulate(ATHLETE_STATE, -10.0, days=5, **ATHLETE)
    with pytest.raises(ModelDomainError):
        simulate(ATHLETE_STATE, 2500.0, **ATHLETE)  # scalars and no days
    with pytest.raises(ModelDomainError):
        simulate("70,8", 2500.0, days=5, **ATHLETE)


def test_body_state_accessors():
    s = BodyState.from_weight(70.0, 8.0)
    assert s.weight_kg == pytest.approx(70.0) and s.lean_kg == pytest.approx(62.0)
    assert s.lean_tissue_kg == pytest.approx(62.0 - 3.7 * 0.5)
    out = simulate(s, 2600.0, days=3, **ATHLETE)
    assert out["weight_kg"].iloc[0] == pytest.approx(70.0)


# --- simulate against Hall 2008 / Hall et al. 2011 --------------------------------------------


def _half_time_years(state, who, deficit: float) -> tuple[float, float]:
    out = _deficit_run(state, who, deficit, days=3650)
    loss = state[0] - out["weight_kg"].to_numpy()
    final = loss[-1]
    return float(np.argmax(loss >= final / 2.0)) / 365.0, float(final)


def test_half_time_about_one_year_for_obese_adult():
    """Hall et al. 2011 abstract: weight responds to a change of intake with half times of about
    1 year. Reference: 110 kg man, 40 kg fat, 500 kcal/day cut. Tolerance: 0.65-1.35 years.
    (After 10 years the loss is within ~2 % of its steady state at this time constant.)"""
    half_time, _ = _half_time_years(OBESE_STATE, OBESE, 500.0)
    published = _value(_table("hall2011_lancet.csv"), "weight_half_time")
    assert half_time == pytest.approx(published, abs=0.35)


@pytest.mark.slow
def test_more_adiposity_larger_loss_and_slower():
    """Hall et al. 2011 abstract: more body fat -> larger expected loss for the same change of
    intake and longer to reach the steady state. Same man (90 kg), 15 vs 35 kg fat."""
    who = {"sex": "male", "age_years": 40.0, "height_m": 1.80}
    t_lean, loss_lean = _half_time_years((90.0, 15.0), who, 300.0)
    t_fat, loss_fat = _half_time_years((90.0, 35.0), who, 300.0)
    assert loss_fat > loss_lean * 1.1
    assert t_fat > t_lean * 1.1


def test_rule_of_thumb_overestimates_loss_after_first_months():
    """Hall 2008 / Hall et al. 2011: the 3500 kcal/lb rule (a constant deficit buys a constant
    loss) overestimates loss as expenditure falls. Obese reference, 500 kcal/day cut: the model
    gets within 20 % of the rule at 4 weeks, falls below 85 % of it by 6 months and below 70 %
    by 1 year."""
    out = _deficit_run(OBESE_STATE, OBESE, 500.0, days=365)
    loss = OBESE_STATE[0] - out["weight_kg"].to_numpy()
    rule = 500.0 * np.arange(366) / RULE_OF_THUMB_KCAL_PER_KG
    ratio = loss[1:] / rule[1:]
    assert ratio[27] == pytest.approx(1.0, abs=0.2)
    assert ratio[181] < 0.85
    assert ratio[364] < 0.70
    assert np.all(np.diff(ratio[30:]) < 0)


def test_eventual_change_per_100kj_day_recalled_rule():
    """Hall et al. 2011 rule of thumb for an average overweight adult: ~1 kg eventual change per
    100 kJ/day change of intake, half in ~1 year, 95 % in ~3 years. RECALLED, not verified in a
    text read for this project (see hall2011_lancet.csv); tolerance therefore wide: 0.4-1.6 kg,
    and 95 % reached between 2 and 5 years."""
    who = {"sex": "male", "age_years": 45.0, "height_m": 1.76}
    state = (88.0, 27.0)  # BMI 28.4
    deficit = 100.0 / KJ_PER_KCAL * 10.0  # 1 MJ/day: 10 x the rule's step
    out = _deficit_run(state, who, deficit, days=3650)
    loss = state[0] - out["weight_kg"].to_numpy()
    per_100kj = loss[-1] / 10.0
    table = _table("hall2011_lancet.csv")
    assert per_100kj == pytest.approx(_value(table, "eventual_weight_change_per_100kj_day"), abs=0.6)
    t95 = float(np.argmax(loss >= 0.95 * loss[-1])) / 365.0
    assert 2.0 <= t95 <= 5.0


def test_lean_share_of_loss_larger_for_lean_athlete():
    """Forbes partition in the dynamic model: the lean share of an 8-week loss is larger at
    F = 8 kg than at F = 30 kg, and close to C / (C + F) (within 5 points; glycogen water adds
    to the lean side early on)."""
    shares = {}
    for fat in (8.0, 30.0):
        state = (70.0 + fat - 8.0, fat)
        out = _deficit_run(state, ATHLETE, 400.0, days=56)
        d_weight = out["weight_kg"].iloc[0] - out["weight_kg"].iloc[-1]
        d_lean = out["lean_kg"].iloc[0] - out["lean_kg"].iloc[-1]
        shares[fat] = d_lean / d_weight
        mid_fat = 0.5 * (out["fat_kg"].iloc[0] + out["fat_kg"].iloc[-1])
        assert shares[fat] == pytest.approx(lean_fraction(mid_fat), abs=0.05)
    assert shares[8.0] > shares[30.0] + 0.2


def test_adaptive_thermogenesis_slows_loss():
    with_at = _deficit_run(ATHLETE_STATE, ATHLETE, 500.0, days=84)
    without = _deficit_run(ATHLETE_STATE, ATHLETE, 500.0, days=84, adaptive_thermogenesis=False)
    assert without["weight_kg"].iloc[-1] < with_at["weight_kg"].iloc[-1]
    # AT settles at beta_AT x change of intake (0.14 x -500 = -70 kcal/day), tau 14 days.
    assert with_at["adaptive_thermogenesis_kcal_day"].iloc[-1] == pytest.approx(-70.0, abs=1.0)
    assert with_at["adaptive_thermogenesis_kcal_day"].iloc[14] == pytest.approx(
        -70.0 * (1 - np.exp(-1)), abs=2.0
    )
    assert (without["adaptive_thermogenesis_kcal_day"] == 0).all()


def test_glycogen_falls_in_a_deficit_and_recovers():
    intake = np.r_[np.full(14, 1500.0), np.full(28, 2600.0)]
    out = simulate(ATHLETE_STATE, intake, **ATHLETE)
    assert out["glycogen_kg"].iloc[14] < 0.45
    assert out["glycogen_kg"].iloc[-1] == pytest.approx(0.5, abs=0.03)


@settings(max_examples=40, deadline=None)
@given(
    weight=st.floats(50.0, 140.0),
    fat_share=st.floats(0.06, 0.45),
    intake=st.lists(
        st.one_of(st.floats(800.0, 5000.0), st.just(float("nan"))), min_size=1, max_size=60
    ),
    activity=st.floats(0.0, 1500.0),
    adaptive=st.booleans(),
)
def test_energy_is_conserved(weight, fat_share, intake, activity, adaptive):
    """First law: rho_F dF + rho_L dL + rho_G dG = sum(intake - expenditure), within 1 %
    (of the larger of the change and 1000 kcal)."""
    out = simulate(
        (weight, weight * fat_share),
        intake,
        activity,
        sex="female",
        age_years=35.0,
        height_m=1.68,
        adaptive_thermogenesis=adaptive,
    )
    energy = _body_energy(out)
    stored = energy[-1] - energy[0]
    balance = float(np.sum(out["intake_kcal_day"].iloc[1:] - out["expenditure_kcal_day"].iloc[1:]))
    assert abs(stored - balance) <= 0.01 * max(abs(stored), 1000.0)
    daily = np.diff(energy)
    net = (out["intake_kcal_day"] - out["expenditure_kcal_day"]).to_numpy()[1:]
    np.testing.assert_allclose(daily, net, atol=1e-6 * max(1.0, np.max(np.abs(net))))


# --- project ----------------------------------------------------------------------------------


def test_project_weekly_rows_and_band():
    maintenance = maintenance_intake_kcal_day(ATHLETE_STATE, activity_kcal_day=500.0, **ATHLETE)
    frame = project(ATHLETE_STATE, maintenance - 400.0, 500.0, weeks=12, **ATHLETE)
    assert tuple(frame.columns) == PROJECT_COLUMNS
    assert frame["week"].tolist() == list(range(13))
    assert frame["day"].tolist() == [7 * w for w in range(13)]
    for name in ("weight", "fat", "lean"):
        assert (frame[f"{name}_low_kg"] <= frame[f"{name}_kg"] + 1e-12).all()
        assert (frame[f"{name}_kg"] <= frame[f"{name}_high_kg"] + 1e-12).all()
    width = (frame["weight_high_kg"] - frame["weight_low_kg"]).to_numpy()
    assert width[0] == pytest.approx(0.0) and np.all(np.diff(width) > 0)
    assert frame["weight_kg"].iloc[-1] < 70.0


def test_project_flat_at_maintenance_and_zero_band():
    frame = project(OBESE_STATE, None, weeks=4, intake_error=0.0, activity_error=0.0, **OBESE)
    assert np.allclose(frame["weight_kg"], 110.0, atol=1e-6)
    assert np.allclose(frame["weight_high_kg"], frame["weight_low_kg"])


def test_project_passes_the_daily_activity_level_to_the_simulation():
    """Same intake and sessions: a more active day (higher PAL) spends more, so the projected
    weight ends lower, and each projection is the simulation's weekly rows at that PAL."""
    ends = {}
    for pal in (1.4, 1.8):
        frame = project(ATHLETE_STATE, 2600.0, 300.0, weeks=4, daily_pal=pal, **ATHLETE)
        daily = simulate(ATHLETE_STATE, 2600.0, 300.0, days=28, daily_pal=pal, **ATHLETE)
        np.testing.assert_allclose(frame["weight_kg"], daily["weight_kg"].iloc[::7], rtol=1e-9)
        ends[pal] = frame["weight_kg"].iloc[-1]
    assert ends[1.8] < ends[1.4] - 0.3


@pytest.mark.parametrize("kwargs", [{"weeks": 0}, {"weeks": 27}, {"intake_error": 0.8}])
def test_project_domain_errors(kwargs):
    with pytest.raises(ModelDomainError):
        project(ATHLETE_STATE, 2500.0, **(ATHLETE | kwargs))


# --- adaptive expenditure ---------------------------------------------------------------------


def _synthetic_log(seed: int, days: int, true_ee: float, intake_mean: float, fat: float,
                   weigh_every: int = 1, noise_kg: float = 0.4):
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2024-03-01", periods=days, freq="D")
    rho = weight_change_energy_density_kcal_per_kg(fat)
    t = np.arange(days, dtype=float)
    weight = 72.0 + (intake_mean - true_ee) / rho * t + rng.normal(0.0, noise_kg, days)
    weight[np.arange(days) % weigh_every != 0] = np.nan
    intake = intake_mean + rng.normal(0.0, 250.0, days)
    intake -= intake.mean() - intake_mean  # the logged mean is the stated one
    return dates, weight, intake


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
@pytest.mark.parametrize(("true_ee", "intake"), [(2900.0, 2400.0), (2600.0, 2900.0)])
def test_adaptive_expenditure_recovers_known_expenditure(seed, true_ee, intake):
    """Synthetic athlete (F = 12 kg), 28 daily weigh-ins with 0.4 kg day-to-day noise: the
    estimate lands within +/-150 kcal/day of the expenditure that made the trend."""
    dates, weight, logged = _synthetic_log(seed, 28, true_ee, intake, fat=12.0)
    result = adaptive_expenditure(dates, weight, logged, fat_kg=12.0)
    assert result["expenditure_kcal_day"] == pytest.approx(true_ee, abs=150.0)
    assert result["weigh_ins"] == 28 and result["days"] == 27
    assert result["confidence"] in {"medium", "high"}
    expected_trend = 7.0 * (intake - true_ee) / result["energy_density_kcal_per_kg"]
    assert result["trend_kg_per_week"] == pytest.approx(expected_trend, abs=0.2)


def test_adaptive_expenditure_is_robust_to_an_odd_weigh_in():
    dates, weight, logged = _synthetic_log(7, 28, 2800.0, 2300.0, fat=12.0)
    weight[10] += 4.0  # a scale on a rug
    result = adaptive_expenditure(dates, weight, logged, fat_kg=12.0)
    assert result["expenditure_kcal_day"] == pytest.approx(2800.0, abs=150.0)


def test_adaptive_expenditure_matches_simulated_expenditure():
    """Weights from :func:`simulate` (a 450 kcal/day deficit with recorded sessions), weighed every
    other day with 0.3 kg noise from day 14 to 56: the estimate matches the model's mean
    expenditure over those days within 150 kcal/day."""
    activity = np.tile([600.0, 0.0, 450.0, 0.0, 700.0, 300.0, 0.0], 8)
    m = maintenance_intake_kcal_day(ATHLETE_STATE, activity_kcal_day=activity.mean(), **ATHLETE)
    out = simulate(ATHLETE_STATE, m - 450.0, activity, **ATHLETE)
    window = out.iloc[14:57]
    rng = np.random.default_rng(11)
    weight = window["weight_kg"].to_numpy() + rng.normal(0.0, 0.3, len(window))
    weight[1::2] = np.nan
    dates = pd.Timestamp("2024-01-01") + pd.to_timedelta(window["day"], unit="D")
    true_ee = float(window["expenditure_kcal_day"].iloc[1:].mean())
    result = adaptive_expenditure(
        dates,
        weight,
        window["intake_kcal_day"].to_numpy(),
        fat_kg=float(window["fat_kg"].mean()),
        model_expenditure_kcal_day=true_ee,
    )
    assert result["expenditure_kcal_day"] == pytest.approx(true_ee, abs=150.0)
    assert result["gap_kcal_day"] == pytest.approx(result["expenditure_kcal_day"] - true_ee)


def test_adaptive_expenditure_assumes_fat_when_missing():
    dates, weight, logged = _synthetic_log(3, 21, 2700.0, 2200.0, fat=14.4)
    result = adaptive_expenditure(dates, weight, logged)
    assert result["fat_kg_assumed"] is True and result["gap_kcal_day"] is None
    assert result["energy_density_kcal_per_kg"] == pytest.approx(
        weight_change_energy_density_kcal_per_kg(0.2 * np.nanmean(weight))
    )


def test_adaptive_expenditure_confidence_drops_with_sparse_data():
    dates, weight, logged = _synthetic_log(5, 16, 2700.0, 2200.0, fat=12.0, weigh_every=3)
    result = adaptive_expenditure(dates, weight, logged, fat_kg=12.0)
    assert result["weigh_ins"] == 6 and result["confidence"] == "low"


def test_adaptive_expenditure_refuses_sparse_data():
    dates, weight, logged = _synthetic_log(1, 28, 2700.0, 2200.0, fat=12.0)
    few = weight.copy()
    few[4:] = np.nan  # 4 weigh-ins
    with pytest.raises(ModelDomainError, match="weigh-ins"):
        adaptive_expenditure(dates, few, logged)
    with pytest.raises(ModelDomainError, match="span"):
        adaptive_expenditure(dates[:10], weight[:10], logged[:10])
    unlogged = np.full(28, np.nan)
    unlogged[:5] = 2200.0
    with pytest.raises(ModelDomainError, match="intake"):
        adaptive_expenditure(dates, weight, unlogged)
    with pytest.raises(ModelDomainError):
        adaptive_expenditure(dates, weight[:-1], logged)


def test_adaptive_expenditure_minimum_span_is_inclusive_and_fat_must_be_positive():
    # 15 daily weigh-ins span 14 days, exactly ADAPTIVE_MIN_DAYS: accepted; 14 span 13: refused
    dates, weight, logged = _synthetic_log(2, 15, 2700.0, 2200.0, fat=12.0)
    assert adaptive_expenditure(dates, weight, logged, fat_kg=12.0)["days"] == 14
    with pytest.raises(ModelDomainError, match="span 13 days"):
        adaptive_expenditure(dates[:14], weight[:14], logged[:14], fat_kg=12.0)
    for fat_kg in (-1.0, 0.0, float("nan"), float("inf")):
        with pytest.raises(ModelDomainError, match="fat_kg must be > 0"):
            adaptive_expenditure(dates, weight, logged, fat_kg=fat_kg)


# --- fallback fat mass and doctests -----------------------------------------------------------


def test_estimate_fat_mass_is_plausible():
    man = estimate_fat_mass_kg(80.0, 1.80, 40, "male")
    woman = estimate_fat_mass_kg(80.0, 1.80, 40, "female")
    assert 12.0 < man < 22.0 and woman > man
    assert estimate_fat_mass_kg(45.0, 1.90, 20, "male") >= 0.03 * 45.0
    with pytest.raises(ModelDomainError):
        estimate_fat_mass_kg(80.0, 180.0, 40, "male")
    # the lower end of the valid height range (0.5, 3] m: a height in feet or decimetres
    for height_m in (0.5, 0.18):
        with pytest.raises(ModelDomainError):
            estimate_fat_mass_kg(80.0, height_m, 40, "male")


@pytest.mark.slow
def test_doctests():
    attempted = 0
    for module in (body, body_dynamics, body_projection):
        result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
        assert result.failed == 0, module.__name__
        attempted += result.attempted
    assert attempted >= 6


def test_adaptive_expenditure_reads_its_fields_by_name():
    dates, weight, logged = _synthetic_log(7, 28, 2800.0, 2300.0, fat=12.0)
    result = adaptive_expenditure(dates, weight, logged, fat_kg=12.0)
    assert result.get("expenditure_kcal_day") == result.expenditure_kcal_day
    assert result.get("weigh_ins") == result.weigh_ins == 28
    assert result.get("no such field", "none") == "none"
