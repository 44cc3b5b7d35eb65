"""Lean sparing, the signed calibration, the one strength dose and the strength outlook."""

from __future__ import annotations

from dataclasses import replace

import pytest

from legload.errors import ModelDomainError
from legload.models.adaptation.dose import building_sets, sprint_sets, strength_dose
from legload.models.adaptation.strength import STRENGTH_SOURCES, strength_outlook
from legload.models.body import sparing as S
from legload.models.body.dynamics import maintenance_intake_kcal_day, simulate
from legload.models.body.parameters import PUBLISHED
from legload.models.body.projection import project

BODY = dict(sex="male", age_years=30, height_m=1.80)


def _spared(share: float):
    """The published set with the Forbes constant scaled as the projection does."""
    return replace(PUBLISHED, forbes_c_kg=PUBLISHED.forbes_c_kg * (1 - share))
STATE = (80.0, 14.0)


def test_sparing_numbers_are_sardeli_2018():
    """Sardeli 2018 abstract: 0.819 kg of lean mass kept (95 % CI 0.364-1.273), 93.5 % of
    the loss: the loss was 0.876 kg, the CI 42-145 % of it (capped at 100 %)."""
    loss = 0.819 / 0.935
    central, low, high = S.SPARING_SHARE
    assert central == 0.935
    assert low == pytest.approx(0.364 / loss, abs=0.005)
    assert high == min(1.0, 1.273 / loss)
    for src in S.SOURCES:
        assert any(tag in src.note for tag in ("[R]", "[S]", "[M]"))


def test_sparing_grows_with_sets_and_protein_lifts_the_low_end():
    assert S.lean_sparing(0.0) == S.LeanSparing(0.0, 0.0, 0.0)
    half = S.lean_sparing(S.SPARING_FULL_SETS / 2)
    assert half.central == pytest.approx(0.935 / 2)
    full = S.lean_sparing(12.0, 1.0)
    assert (full.central, full.low, full.high) == pytest.approx((0.935, 0.42, 1.0))
    assert S.lean_sparing(12.0, 2.0).low == pytest.approx(0.935)  # Longland 2016 direction
    with pytest.raises(ModelDomainError, match="hard_sets_per_week must be a finite number >= 0"):
        S.lean_sparing(-1.0)
    with pytest.raises(ModelDomainError, match="protein_g_per_kg must be a finite number >= 0"):
        S.lean_sparing(6.0, float("nan"))


def test_resting_expenditure_follows_the_lean_mass_kept():
    """Hall 2011: expenditure has gamma_L L; keeping lean mass keeps expenditure higher
    (92 kJ/kg/day of lean tissue, about 22 kcal/kg/day)."""
    intake = float(maintenance_intake_kcal_day(STATE, **BODY)) - 1000.0
    plain = simulate(STATE, intake, days=84, **BODY)
    kept = simulate(STATE, intake, days=84, params=_spared(0.935), **BODY)
    lean_kept = kept["lean_kg"].iloc[-1] - plain["lean_kg"].iloc[-1]
    extra = kept["expenditure_kcal_day"].iloc[-1] - plain["expenditure_kcal_day"].iloc[-1]
    assert lean_kept > 2.0
    assert extra > 0.8 * lean_kept * PUBLISHED.gamma_lean_kj_per_kg_day / 4.184 - 30


def test_projection_spares_only_in_a_deficit():
    maintenance = float(maintenance_intake_kcal_day(STATE, **BODY))
    lifting = project(STATE, maintenance + 400, hard_sets_per_week=10, **BODY)
    idle = project(STATE, maintenance + 400, **BODY)
    assert lifting["lean_kg"].tolist() == idle["lean_kg"].tolist()
    cut = project(STATE, maintenance - 1000, hard_sets_per_week=10, **BODY)
    cut_idle = project(STATE, maintenance - 1000, **BODY)
    assert cut["lean_kg"].iloc[-1] > cut_idle["lean_kg"].iloc[-1] + 2.0
    assert cut["lean_low_kg"].iloc[-1] < cut["lean_kg"].iloc[-1] < cut["lean_high_kg"].iloc[-1]


def test_negative_calibration_makes_a_logged_deficit_flat():
    """The measured expenditure wins (Hall 2008 logic): intake 1,900 kcal/day with a flat
    weight means the model overestimates expenditure by its gap; no change is projected."""
    maintenance = float(maintenance_intake_kcal_day(STATE, activity_kcal_day=80, **BODY))
    flat = project(STATE, 1900.0, 80.0, calibration_kcal_day=1900.0 - maintenance, **BODY)
    assert flat["weight_kg"].iloc[-1] == pytest.approx(80.0, abs=0.05)
    clipped = project(STATE, 1900.0, 0.0, **BODY)  # what clipping the term at zero did
    assert clipped["weight_kg"].iloc[-1] < 78.0


def test_one_strength_dose():
    """Sprint sets: 30 s = 1 set, at most 4 (Steele 2021 cap); they build only in runners new
    to running (< 1 year); the trained keep them for force and maintenance."""
    assert sprint_sets(90) == 3.0 and sprint_sets(1e4) == 4.0
    novice, trained = strength_dose(0.0, 120, 0.5), strength_dose(0.0, 120, 4.0)
    assert novice.building_sets == 4.0 and trained.building_sets == 0.0
    assert novice.total == trained.total == 4.0
    assert building_sets(10.0, 4.0, 4.0) == 6.0 and building_sets(10.0, 4.0, None) == 10.0


def test_strength_outlook_bands_are_ralston_2017():
    """Ralston 2017: pre-post strength ES 0.47-1.17 (< 5 sets), 0.70-1.32 (10+)."""
    assert strength_outlook(strength_dose(3.0)).effect_size_range == (0.47, 1.17)
    assert strength_outlook(strength_dose(12.0)).effect_size_range == (0.70, 1.32)
    assert strength_outlook(strength_dose(12.0), lifting_years=5).effect_size_range == (
        0.35, 0.66)
    sprinter = strength_outlook(strength_dose(0.0, 300, 4.0))
    assert sprinter.direction == "maintaining" and sprinter.effect_size_range is None
    assert strength_outlook(strength_dose(0.0)).direction == "not_gaining"
    assert all(src.doi for src in STRENGTH_SOURCES)


def test_strength_outlook_below_the_dose_says_so_and_reports_two_decimals():
    """Under the building dose the outlook names the threshold and why force is kept; the report
    document keeps the dose to two decimals (the --json schema's precision)."""
    outlook = strength_outlook(strength_dose(1.234))
    assert outlook.direction == "maintaining"
    assert outlook.drivers[0].endswith("dose; near-maximal work keeps force (model choice)")
    document = outlook.to_dict()
    assert document["hard_sets_week"] == document["from_lifting_sets_week"] == 1.23
    assert document["from_sprints_sets_week"] == 0.0
