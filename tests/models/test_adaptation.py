"""legload.models.adaptation.model: published numbers from their CSVs, each rule's boundary, and the
monotonicity the rules promise (more hard sets never less building; a larger deficit never more).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legload.errors import ModelDomainError
from legload.models.adaptation import model as ad
from legload.models.adaptation import parameters as A
from legload.models.adaptation.rules import Week, aerobic_route, moderators
from legload.models.sources import Source

PUBLISHED = Path(__file__).resolve().parents[1] / "data" / "published"
RANK = {d: i for i, d in enumerate(ad.DIRECTIONS)}


def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(PUBLISHED / name, comment="#")


def _known(**kw):
    """A runner with everything known and neutral unless overridden."""
    base = dict(
        endurance_load=2000.0,
        strength_stimulus=0.0,
        eccentric_load=300.0,
        running_years=4.0,
        lifting_years=0.5,
        energy_balance_kcal=0.0,
        protein_g_kg=1.8,
        running_minutes_week=30.0,
    )
    base.update(kw)
    return ad.expected_adaptation(**base)


# --- published numbers -------------------------------------------------------------------------


def test_transcription_schoenfeld_per_set_figures():
    rows = _csv("schoenfeld2017_abstract.csv").set_index("quantity")["value"]
    assert rows["per_weekly_set_pct"] == A.PCT_GAIN_PER_WEEKLY_SET
    assert rows["per_weekly_set_es"] == A.ES_PER_WEEKLY_SET
    assert rows["higher_vs_lower_pct"] == A.HIGHER_VS_LOWER_VOLUME_PCT
    means = [pct for _, pct in A.SET_CATEGORY_GAIN_PCT]
    assert means == [rows["category_lt5_pct"], rows["category_5to9_pct"],
                     rows["category_10plus_pct"]]


def test_schoenfeld_slope_is_consistent_with_the_category_means():
    # 0.37 %/set across the category means (5.4 % near 3 sets, 9.8 % near 15 sets)
    slope = (A.SET_CATEGORY_GAIN_PCT[2][1] - A.SET_CATEGORY_GAIN_PCT[0][1]) / (15 - 3)
    assert slope == pytest.approx(A.PCT_GAIN_PER_WEEKLY_SET, abs=0.01)


def _wilson_concurrent_over_strength() -> float:
    """Wilson 2012's hypertrophy effect size with concurrent training over strength alone, read
    from the transcribed abstract (not from the parameters)."""
    es = _csv("wilson2012_abstract.csv").query("outcome == 'hypertrophy'").set_index("training")
    return float(es.loc["concurrent", "es"] / es.loc["strength", "es"])


def test_transcription_wilson_effect_sizes_and_schumann_smd():
    es = _csv("wilson2012_abstract.csv").query("outcome == 'hypertrophy'")
    es = es.set_index("training")["es"]
    assert dict(A.WILSON_2012_HYPERTROPHY_ES) == es.to_dict()
    assert pytest.approx(_wilson_concurrent_over_strength(), abs=1e-3) == A.CONCURRENT_LOW_FACTOR
    schumann = _csv("schumann2022_abstract.csv").set_index("outcome")
    assert schumann.loc["hypertrophy", "smd"] == A.SCHUMANN_2022_HYPERTROPHY_SMD
    lundberg = _csv("lundberg2022_abstract.csv").set_index("outcome")
    assert lundberg.loc["fibre_overall", "smd"] == A.LUNDBERG_2022_FIBRE_SMD


def test_transcription_training_age_protein_and_energy_numbers():
    harber = _csv("harber2012_abstract.csv").set_index("group")["quadriceps_volume_pct"]
    assert (harber["young"], harber["older"]) == A.HARBER_2012_QUADRICEPS_GAIN_PCT
    morton = _csv("morton2018_abstract.csv").set_index("quantity")["value"]
    assert morton["protein_plateau"] == A.PROTEIN_PLATEAU_G_KG
    assert morton["ffm_gain_with_supplement"] == A.PROTEIN_FFM_GAIN_KG
    mk = _csv("murphykoehler2022_abstract.csv").set_index("quantity")["value"]
    assert mk["deficit_preventing_lean_mass_gain"] == A.DEFICIT_NO_GAIN_KCAL


def test_slow_loss_keeps_the_optimistic_end_longer_than_the_typical_end():
    # Garthe 2011: the slow-loss group still built lean mass, the fast one did not (the CSV's
    # signs are checked in test_published_data_integrity); so at Murphy & Koehler's deficit the
    # typical end of the band is gone while the optimistic end is not.
    low, high = ad.deficit_factors(-A.DEFICIT_NO_GAIN_KCAL)
    assert low == 0.0 < high


def test_every_source_is_cited_and_tagged():
    for src in A.ADAPTATION_SOURCES:
        assert isinstance(src, Source)
        assert src.citation and src.note
        assert any(tag in src.note for tag in ("[R]", "[S]", "[M]"))


# --- the rules ------------------------------------------------------------------------------------


def test_eight_sets_names_the_schoenfeld_range_and_figure():
    out = _known(strength_stimulus=8.0)
    assert out.direction == "building"
    first = out.drivers[0]
    assert "8 hard sets/week" in first and "5-9" in first and "+6.6 %" in first
    assert "Schoenfeld, Ogborn & Krieger 2017" in first
    lo, hi = out.growth_pct_range
    assert lo == pytest.approx(6.6 * (1 - A.INTRINSIC_SPREAD), abs=0.05)
    assert hi == pytest.approx(6.6 * (1 + A.INTRINSIC_SPREAD), abs=0.05)
    assert out.confidence == "high"


def test_build_threshold_boundary():
    below = _known(strength_stimulus=A.BUILD_MIN_SETS - 0.01)
    at = _known(strength_stimulus=A.BUILD_MIN_SETS)
    assert below.direction == "maintaining" and below.growth_pct_range is None
    assert at.direction == "building" and at.growth_pct_range is not None


@pytest.mark.parametrize(("sets", "mean"), [(4.99, 5.4), (5.0, 6.6), (9.99, 6.6), (10.0, 9.8)])
def test_category_boundaries(sets, mean):
    assert ad.set_category(sets)[1] == mean


def test_endurance_only_when_no_strength_stimulus():
    out = _known(strength_stimulus=0.0)
    assert out.direction == "endurance_only"
    assert out.growth_pct_range is None
    assert any("Wilson 2012" in d for d in out.drivers)


def test_endurance_only_becomes_losing_in_a_sizeable_deficit():
    assert _known(energy_balance_kcal=-A.LOSING_DEFICIT_KCAL + 1).direction == "endurance_only"
    out = _known(energy_balance_kcal=-A.LOSING_DEFICIT_KCAL)
    assert out.direction == "losing"
    assert any("Murphy & Koehler 2022" in d for d in out.drivers)
    assert _known(energy_balance_kcal=-1200).size == "moderate"


def test_untrained_new_runner_may_build_small_with_low_confidence():
    out = _known(running_years=0.2, running_minutes_week=120)
    assert out.direction == "building"
    assert (out.size, out.confidence) == ("small", "low")
    assert out.growth_pct_range == (0.0, 6.0)
    assert any("Harber 2012" in d for d in out.drivers)
    # the same work in a runner of several years does not build
    assert _known(running_years=5, running_minutes_week=120).direction == "endurance_only"
    # nor does too little running
    assert _known(running_years=0.2, running_minutes_week=30).direction == "endurance_only"


def test_concurrent_running_widens_the_band_downwards_only():
    alone = _known(strength_stimulus=12, running_minutes_week=0)
    with_running = _known(strength_stimulus=12, running_minutes_week=240)
    # Schumann 2022's CI includes no interference: the high end keeps growth whole
    assert with_running.growth_pct_range[1] == alone.growth_pct_range[1]
    # Wilson 2012's concurrent/strength ratio, from the CSV, lowers the low end
    assert with_running.growth_pct_range[0] == pytest.approx(
        9.8 * (1 - A.INTRINSIC_SPREAD) * _wilson_concurrent_over_strength(), abs=0.05)
    assert any("Schumann 2022" in d and "Wilson 2012" in d for d in with_running.drivers)


def test_deficit_factors():
    assert ad.deficit_factors(None) == (1.0, 1.0)
    assert ad.deficit_factors(300) == (1.0, 1.0)  # a surplus does not add
    assert ad.deficit_factors(-250) == (0.5, 0.75)
    assert ad.deficit_factors(-500) == (0.0, 0.5)
    assert ad.deficit_factors(-2000) == (0.0, 0.0)


def test_unknown_inputs_lower_confidence_and_say_so():
    known = _known(strength_stimulus=8)
    unknown = _known(strength_stimulus=8, energy_balance_kcal=None, protein_g_kg=None)
    assert ad.CONFIDENCES.index(unknown.confidence) < ad.CONFIDENCES.index(known.confidence)
    assert any("energy balance unknown" in d for d in unknown.drivers)


def test_low_protein_is_explained_with_morton():
    out = _known(strength_stimulus=8, protein_g_kg=1.1)
    assert any("1.62" in d and "Morton 2018" in d for d in out.drivers)


def test_brief_efforts_convert_to_capped_set_equivalents():
    assert ad.brief_effort_sets(0) == 0
    assert ad.brief_effort_sets(60) == pytest.approx(2.0)
    assert ad.brief_effort_sets(10_000) == A.BRIEF_EFFORT_MAX_SETS
    assert ad.strength_stimulus(6, 90) == pytest.approx(9.0)
    out = _known(strength_stimulus=ad.brief_effort_sets(120), strength_from_running=4)
    assert any("Steele 2021" in d for d in out.drivers)


def test_trained_lifters_get_a_smaller_band():
    novice = _known(strength_stimulus=12, lifting_years=0.5)
    veteran = _known(strength_stimulus=12, lifting_years=6)
    assert veteran.growth_pct_range[1] == pytest.approx(novice.growth_pct_range[1] / 2, abs=0.06)


@pytest.mark.parametrize("bad", [
    {"strength_stimulus": -1.0}, {"endurance_load": float("nan")}, {"running_years": -2.0},
    {"energy_balance_kcal": float("inf")}, {"running_minutes_week": -1.0},
])
def test_out_of_domain_inputs_raise_naming_the_input(bad):
    (name,) = bad
    with pytest.raises(ModelDomainError, match=f"^{name} must be"):
        _known(**bad)


# --- properties -----------------------------------------------------------------------------------

maybe = st.none() | st.floats(0, 20)
athletes = st.fixed_dictionaries({
    "endurance_load": st.floats(0, 20_000),
    "eccentric_load": st.floats(0, 10_000),
    "running_years": maybe,
    "lifting_years": maybe,
    "energy_balance_kcal": st.none() | st.floats(-2000, 1500),
    "protein_g_kg": st.none() | st.floats(0.3, 3.0),
    "running_minutes_week": st.floats(0, 900),
})


@settings(max_examples=200, deadline=None)
@given(athletes, st.floats(0, 40), st.floats(0, 40))
def test_more_hard_sets_never_less_building(athlete, a, b):
    fewer, more = sorted((a, b))
    x = ad.expected_adaptation(strength_stimulus=fewer, **athlete)
    y = ad.expected_adaptation(strength_stimulus=more, **athlete)
    assert RANK[y.direction] >= RANK[x.direction]
    xr, yr = x.growth_pct_range or (0.0, 0.0), y.growth_pct_range or (0.0, 0.0)
    assert yr[0] >= xr[0] and yr[1] >= xr[1]


@settings(max_examples=200, deadline=None)
@given(athletes, st.floats(0, 40), st.floats(0, 3000), st.floats(0, 3000))
def test_larger_deficit_never_more_building(athlete, sets, a, b):
    small, large = sorted((a, b))
    athlete = {**athlete, "energy_balance_kcal": -small}
    x = ad.expected_adaptation(strength_stimulus=sets, **athlete)
    y = ad.expected_adaptation(strength_stimulus=sets, **{**athlete, "energy_balance_kcal": -large})
    assert RANK[y.direction] <= RANK[x.direction]
    xr, yr = x.growth_pct_range or (0.0, 0.0), y.growth_pct_range or (0.0, 0.0)
    assert yr[0] <= xr[0] and yr[1] <= xr[1]


@settings(max_examples=200, deadline=None)
@given(athletes, st.floats(0, 40))
def test_outputs_are_words_and_bands(athlete, sets):
    out = ad.expected_adaptation(strength_stimulus=sets, **athlete)
    assert out.direction in ad.DIRECTIONS
    assert out.size in ad.SIZES
    assert out.confidence in ad.CONFIDENCES
    assert out.drivers and all(isinstance(d, str) and "\n" not in d for d in out.drivers)
    if out.growth_pct_range is not None:
        lo, hi = out.growth_pct_range
        assert 0.0 <= lo <= hi
    if athlete["endurance_load"] >= A.ENDURANCE_MIN_J_KG and sets == 0:
        assert out.direction in ("endurance_only", "losing", "building")


# --- the rules' records, one at a time ------------------------------------------------------------


def _week(**kw) -> Week:
    """An untrained runner's week that reaches the aerobic rule (enough endurance load)."""
    base = dict(endurance_load=2 * A.ENDURANCE_MIN_J_KG, sets=0.0, eccentric_load=0.0,
                running_years=0.2, lifting_years=None, energy_balance_kcal=0.0,
                protein_g_kg=None, running_minutes_week=30.0, strength_from_running=0.0)
    return Week(**(base | kw))


def test_aerobic_route_says_why_an_untrained_runner_does_not_grow():
    # under AEROBIC_GROWTH_MIN_RUN_MINUTES of a loading modality: "too_little"; none: "not_loaded"
    assert A.AEROBIC_GROWTH_MIN_RUN_MINUTES > 30.0
    assert aerobic_route(_week()).rule == "too_little"
    assert aerobic_route(_week(aerobic_minutes_week=0.0)).rule == "not_loaded"
    assert aerobic_route(_week(running_minutes_week=2 * A.AEROBIC_GROWTH_MIN_RUN_MINUTES,
                               aerobic_weeks=1.0)).rule == "too_soon"


def test_moderators_carry_whether_the_terrain_eccentric_work_is_novel():
    novel = 2 * A.NOVEL_ECCENTRIC_J_KG
    assert moderators(_week(terrain_eccentric_load=novel), has_band=False).eccentric is True
    # the same descent every week is not novel (repeated-bout effect)
    habitual = _week(terrain_eccentric_load=novel, eccentric_habit=novel)
    assert moderators(habitual, has_band=False).eccentric is False


def test_a_deficit_is_a_driver_with_its_size_and_source():
    drivers = _known(strength_stimulus=8.0, energy_balance_kcal=-400.0).drivers
    deficit = [d for d in drivers if d.startswith("400 kcal/day deficit")]
    assert len(deficit) == 1 and "(Murphy & Koehler 2022)" in deficit[0]
    assert not any("deficit:" in d for d in _known(strength_stimulus=8.0).drivers)
