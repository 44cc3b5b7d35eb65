"""legload.models.risk.model: progression, EWMA ACWR and the flags — boundaries, reasons, evidence."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legload.errors import ModelDomainError
from legload.models.risk import model as risk
from legload.models.risk import parameters as R
from legload.models.sources import Source

PUBLISHED = Path(__file__).resolve().parents[1] / "data" / "published"


def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(PUBLISHED / name, comment="#")


def _weeks(muscle: str, *loads: float, column: str = "load_j_kg") -> dict:
    return {muscle: [{column: v} for v in loads]}


def _kinds(flags) -> list[tuple[str, str]]:
    return [(f.muscle, f.kind) for f in flags]


# --- published numbers ---------------------------------------------------------------------------


def test_transcription_nielsen_numbers():
    rows = _csv("nielsen2014_jospt_abstract.csv").set_index("quantity")["value"]
    assert rows["progression_threshold_pct"] == R.SPIKE_FRACTION * 100
    assert rows["hazard_ratio"] == R.NIELSEN_2014_HR
    assert (rows["ci_low"], rows["ci_high"]) == R.NIELSEN_2014_HR_CI
    assert rows["p"] == R.NIELSEN_2014_P
    # the CI includes 1 (test_published_data_integrity): the evidence word claims no more than weak
    assert risk.EVIDENCE["load_spike"] == "weak"


def test_transcription_mtss_share_and_duhig_odds_ratio():
    share = _csv("nielsen2014_plosone_abstract.csv").set_index("diagnosis")["share_pct"]
    assert share["medial_tibial_stress_syndrome"] == R.MTSS_SHARE_OF_NOVICE_INJURIES * 100
    duhig = _csv("duhig2016_abstract.csv").set_index("window")
    assert duhig.loc["week_minus_1", "odds_ratio"] == R.DUHIG_2016_OR_WEEK1


def test_every_risk_source_is_cited_and_tagged():
    for src in R.RISK_SOURCES:
        assert isinstance(src, Source) and src.citation
        assert any(tag in src.note for tag in ("[R]", "[S]", "[M]"))


# --- weekly progression ----------------------------------------------------------------------------


def test_weekly_progression_of_numbers_and_of_muscle_maps():
    out = risk.weekly_progression([100, 160, 0, 50])
    assert out[0] is None and out[2] == pytest.approx(-1.0) and out[3] is None
    assert out[1] == pytest.approx(0.6)
    maps = risk.weekly_progression([{"calves": 100, "quadriceps": 200},
                                    {"calves": 110, "quadriceps": 100}])
    assert maps[0] == {"calves": None, "quadriceps": None}
    assert maps[1]["calves"] == pytest.approx(0.1)
    assert maps[1]["quadriceps"] == pytest.approx(-0.5)
    assert risk.weekly_progression([]) == []
    with pytest.raises(ModelDomainError):
        risk.weekly_progression([10, -1])


# --- EWMA ACWR -----------------------------------------------------------------------------------


def test_ewma_of_a_constant_load_gives_acwr_one():
    ratio = risk.ewma_acwr(np.full(60, 123.0))
    assert np.allclose(ratio, 1.0)


def test_ewma_uses_williams_lambda():
    # lambda = 2 / (7 + 1) = 0.25
    assert risk.ewma([0.0, 10.0], 7)[1] == pytest.approx(2.5)
    assert risk.ewma([0.0, 10.0], 28)[1] == pytest.approx(10 * 2 / 29)


def test_ewma_is_the_recurrence_to_the_last_bit():
    # will fail if the smoothing changes its operations (order, fused or closed forms):
    # each day is lambda * x[t] + (1 - lambda) * EWMA[t-1], in float64, seeded with x[0]
    rng = np.random.default_rng(7)
    loads = rng.exponential(80.0, 400) * (rng.random(400) < 0.6)
    for days in (1, 7, 28):
        lam = np.float64(2.0 / (days + 1.0))
        expected = [loads[0]]
        for x in loads[1:]:
            expected.append(lam * x + (np.float64(1.0) - lam) * expected[-1])
        assert risk.ewma(loads, days).tobytes() == np.array(expected).tobytes()
    assert risk.ewma([], 7).shape == (0,)


def test_acwr_rises_after_a_jump_and_is_nan_without_chronic_load():
    loads = np.r_[np.full(35, 100.0), np.full(7, 300.0)]
    ratio = risk.ewma_acwr(loads)
    assert ratio[34] == pytest.approx(1.0)
    assert ratio[-1] > R.ACWR_HIGH
    assert np.isnan(risk.ewma_acwr([0.0, 0.0, 0.0])).all()
    with pytest.raises(ModelDomainError):
        risk.ewma_acwr(loads, acute_days=28, chronic_days=7)
    with pytest.raises(ModelDomainError):
        risk.ewma([1.0, float("nan")], 7)


def test_acwr_flag_needs_a_chronic_window_and_says_heuristic():
    jump = np.r_[np.full(35, 100.0), np.full(7, 300.0)]
    weekly = _weeks("calves", 700, 700)
    flags = risk.risk_flags(weekly, daily={"calves": jump})
    acwr = [f for f in flags if f.kind == "acwr_high"]
    assert len(acwr) == 1 and acwr[0].evidence == "weak"
    assert "heuristic" in acwr[0].reason and "not a risk" in acwr[0].reason
    short = risk.risk_flags(weekly, daily={"calves": jump[-20:]})
    assert not [f for f in short if f.kind == "acwr_high"]
    flat = risk.risk_flags(weekly, daily=pd.DataFrame({"calves": np.full(40, 100.0)}))
    assert flat == []


# --- flags -----------------------------------------------------------------------------------------


def test_sixty_percent_tibialis_jump_in_a_new_runner_flags_shin_splints():
    flags = risk.risk_flags(_weeks("tibialis_anterior", 100, 160), running_years=0.5)
    shin = [f for f in flags if f.kind == "shin_splints"]
    assert len(shin) == 1
    assert shin[0].muscle == "tibialis_anterior"
    assert "60 %" in shin[0].reason and "new runner" in shin[0].reason
    assert shin[0].evidence in risk.EVIDENCE_LEVELS
    assert ("tibialis_anterior", "load_spike") in _kinds(flags)


def test_ten_percent_rise_gives_no_flag():
    weekly = {m: [{"load_j_kg": 1000, "eccentric_j_kg": 500, "brief_effort_s": 100},
                  {"load_j_kg": 1100, "eccentric_j_kg": 550, "brief_effort_s": 110}]
              for m in ("tibialis_anterior", "quadriceps", "hamstrings", "calves")}
    assert risk.risk_flags(weekly, running_years=0.1) == []


def test_spike_boundary_is_strictly_above_thirty_percent():
    assert risk.risk_flags(_weeks("calves", 100, 130)) == []
    flags = risk.risk_flags(_weeks("calves", 100, 130.1))
    assert _kinds(flags) == [("calves", "load_spike")]
    assert "30 %" in flags[0].reason and "Nielsen 2014" in flags[0].reason


def test_tiny_loads_do_not_flag():
    assert risk.risk_flags(_weeks("peroneals", 5, 15)) == []


def test_shin_splints_only_for_new_runners_and_known_history():
    weekly = _weeks("tibialis_anterior", 100, 160)
    for years in (R.NEW_RUNNER_YEARS, 3.0, None):
        kinds = _kinds(risk.risk_flags(weekly, running_years=years))
        assert ("tibialis_anterior", "shin_splints") not in kinds
        assert ("tibialis_anterior", "load_spike") in kinds
    # a spike in another muscle of a new runner is not shin splints
    calves = risk.risk_flags(_weeks("calves", 100, 160), running_years=0.1)
    assert [f.kind for f in calves] == ["load_spike"]


def test_spike_against_the_four_week_mean():
    flags = risk.risk_flags(_weeks("gluteals", 100, 100, 100, 125, 140))
    assert _kinds(flags) == [("gluteals", "load_spike")]
    assert "4-week mean" in flags[0].reason and "32 %" in flags[0].reason


def test_eccentric_spike_is_for_the_quadriceps_and_terrain_added_work():
    """Maeo 2017 / Bontemps 2020: the terrain-added eccentric work against the athlete's
    habit, from ECCENTRIC_MIN_J_KG (1000 J/kg); level running's eccentric work never fires."""
    column = "terrain_eccentric_j_kg"
    quads = risk.risk_flags(_weeks("quadriceps", 1000, 1500, column=column))
    assert _kinds(quads) == [("quadriceps", "eccentric_spike")]
    assert "50 %" in quads[0].reason and "descents" in quads[0].reason
    assert quads[0].evidence == "moderate"
    first = risk.risk_flags(_weeks("quadriceps", 0, 0, 0, 1200, column=column))
    assert "after none" in first[0].reason
    assert risk.risk_flags(_weeks("quadriceps", 1200, 1200, 1200, 1200, column=column)) == []
    assert risk.risk_flags(_weeks("quadriceps", 0, 900, column=column)) == []  # below 1000
    level = risk.risk_flags(_weeks("quadriceps", 400, 4000, column="eccentric_j_kg"))
    assert level == []
    assert risk.risk_flags(_weeks("calves", 1000, 1500, column=column)) == []


def test_strength_work_on_the_muscle_is_named_in_its_flags():
    """Lauersen 2014: strength training RR 0.315; named from 2 hard sets/week."""
    rows = [{"load_j_kg": v, "strength_sets": 3.0} for v in (100, 160)]
    flags = risk.risk_flags({"tibialis_anterior": rows}, running_years=0.2)
    assert {f.kind for f in flags} == {"load_spike", "shin_splints"}
    assert all("Lauersen 2014" in f.reason and "3.0 hard sets/week" in f.reason for f in flags)
    bare = risk.risk_flags(_weeks("tibialis_anterior", 100, 160), running_years=0.2)
    assert not any("hard sets/week" in f.reason for f in bare)
    shin = next(f for f in bare if f.kind == "shin_splints")
    assert "get stronger" in shin.reason


def test_sprint_spike_for_hamstrings():
    from_none = risk.risk_flags(_weeks("hamstrings", 0, 0, 60, column="brief_effort_s"))
    assert _kinds(from_none) == [("hamstrings", "sprint_spike")]
    assert "after none" in from_none[0].reason and "Duhig 2016" in from_none[0].reason
    too_little = risk.risk_flags(_weeks("hamstrings", 0, 20, column="brief_effort_s"))
    assert too_little == []
    jump = risk.risk_flags(_weeks("hamstrings", 60, 90, column="brief_effort_s"))
    assert "50 %" in jump[0].reason
    steady = risk.risk_flags(_weeks("hamstrings", 60, 70, column="brief_effort_s"))
    assert steady == []


def test_long_dataframe_input_and_recent_weeks():
    rows = []
    for week, load in zip(pd.date_range("2024-01-01", periods=4, freq="W-MON"),
                          (100, 200, 210, 300), strict=True):
        rows.append({"week": week, "muscle": "calves", "load_j_kg": load,
                     "eccentric_j_kg": 0.0, "brief_effort_s": 0.0})
    frame = pd.DataFrame(rows).sample(frac=1.0, random_state=1)  # order must not matter
    last = risk.risk_flags(frame)
    assert len(last) == 1 and last[0].week == pd.Timestamp("2024-01-22")
    everything = risk.risk_flags(frame, recent_weeks=3)
    # 210 J/kg is 5 % over last week but 40 % over the two-week mean (150 J/kg)
    assert [f.week for f in everything] == list(pd.date_range("2024-01-08", periods=3,
                                                              freq="W-MON"))
    assert "2-week mean" in everything[1].reason
    with pytest.raises(ModelDomainError):
        risk.risk_flags(frame.drop(columns="muscle"))
    with pytest.raises(ModelDomainError):
        risk.risk_flags(frame, recent_weeks=0)


def test_negative_or_infinite_weekly_loads_are_refused_naming_the_problem():
    for bad in (-5.0, float("inf")):
        with pytest.raises(ModelDomainError, match="weekly loads must be finite numbers >= 0"):
            risk.risk_flags(_weeks("calves", 100, bad))


def test_first_week_has_no_basis_and_no_flag():
    assert risk.risk_flags(_weeks("quadriceps", 5000)) == []


def _nielsen_threshold() -> float:
    """Nielsen 2014's progression threshold (> 30 % a week) as a fraction, from the CSV."""
    rows = _csv("nielsen2014_jospt_abstract.csv").set_index("quantity")["value"]
    return float(rows["progression_threshold_pct"]) / 100


def _spiked(before: float, after: float) -> bool:
    return bool(risk.risk_flags(_weeks("calves", before, after)))


def test_load_spike_boundary_is_nielsens_more_than_thirty_percent():
    rise = _nielsen_threshold()
    assert not _spiked(100.0, 100.0 * (1 + rise))  # exactly +30 % is not "more than"
    assert _spiked(100.0, 100.0 * (1 + rise) + 0.01)
    assert not _spiked(100.0, 100.0 * (1 + rise) - 0.01)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(st.floats(25, 5000), st.floats(0.0, 3.0))
def test_load_spike_away_from_the_threshold(before, factor):
    rise = _nielsen_threshold()
    flags = risk.risk_flags(_weeks("calves", before, before * factor))
    if factor <= 1 + rise - 0.005:
        assert flags == []
    elif factor >= 1 + rise + 0.005:
        assert [f.kind for f in flags] == ["load_spike"]
    for f in flags:
        assert f.kind in risk.KINDS and f.evidence in risk.EVIDENCE_LEVELS
        assert "probability" not in f.reason and "%" in f.reason


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(st.floats(25, 5000), st.floats(0.0, 3.0), st.floats(1.0, 3.0), st.floats(0.1, 10.0))
def test_load_spike_is_monotone_and_scale_free(before, factor, more, scale):
    # a larger rise is never less of a spike; the same rise at another scale is the same spike
    # (both loads above the minimum)
    after = before * factor
    if _spiked(before, after):
        assert _spiked(before, after * more)
    if min(after, after * scale) >= 25:
        assert _spiked(before, after) == _spiked(before * scale, after * scale)


def test_weekly_progression_of_maps_reads_a_missing_muscle_as_no_load():
    """A muscle absent from a later week had no load that week: -100 %, then no ratio."""
    maps = risk.weekly_progression([{"calves": 100.0}, {}, {"calves": 50.0}])
    assert maps[1] == {"calves": pytest.approx(-1.0)}
    assert maps[2] == {"calves": None}


def test_weekly_rows_missing_values_count_as_zero_and_bad_ones_are_refused():
    # will fail if a missing value or column stops counting as 0, or a bad load gets through
    rows = [{"load_j_kg": 100, "eccentric_j_kg": None}, {"load_j_kg": "250.5"}]
    (table,) = risk._weekly_table({"calves": rows}).values()
    assert list(table.columns) == list(risk.WEEKLY_COLUMNS)
    assert table.to_numpy().tolist() == [[100.0, 0, 0, 0, 0], [250.5, 0, 0, 0, 0]]
    assert table.dtypes.tolist() == [np.dtype(float)] * 5
    for bad in (-1.0, float("inf")):
        with pytest.raises(ModelDomainError, match="finite numbers >= 0"):
            risk.risk_flags({"calves": [{"load_j_kg": 100}, {"load_j_kg": bad}]})
