"""The headline: its rules give data, its formatter the sentences (one case per answer)."""

from __future__ import annotations

import pytest

from legload.analysis.plan import PlanItem
from legload.analysis.report_types import MuscleVerdict, Projection, Risk
from legload.analysis.verdict import Headline, headline_facts, headline_text
from legload.models.locomotion.muscles import MUSCLES


def _muscles(**verdicts: str) -> dict[str, MuscleVerdict]:
    """Every group ``endurance_only`` unless named."""
    return {m: MuscleVerdict(verdict=verdicts.get(m, "endurance_only"), size="small",
                             confidence="low", growth_pct_range=None, endurance_load=1000.0,
                             strength_stimulus=0.0, lifting_sets=0.0, eccentric_load=800.0,
                             trend="steady") for m in MUSCLES}


def _projection(lean_change_kg: float, weeks: int = 12) -> Projection:
    series = [50.0] * (weeks + 1)
    return Projection(weeks=list(range(weeks + 1)), weight_kg=series, lean_kg=series,
                      fat_kg=series, lean_low_kg=series, lean_high_kg=series, band="",
                      lean_change_kg=lean_change_kg, fat_change_kg=0.0, note="")


def _item(what: str, kind: str = "exercise") -> PlanItem:
    return PlanItem(what=what, dose="", covers=[], why="", kind=kind)


PLAN = [_item("Hip thrust"), _item("Nordic hamstring curl"), _item("Tibialis raise"),
        _item("Leg raise"), _item("Eat more", "intake")]
RISK = Risk(muscle="tibialis_anterior", kind="shin_splints", reason="shin load rose 60 %.",
            evidence="weak", week="2026-06-01")


def test_partly_names_the_built_and_the_rest_and_adds_each_fact():
    muscles = _muscles(gluteals="building", calves="losing")
    facts = headline_facts(muscles, _projection(-0.8), PLAN, [RISK])
    assert facts == Headline(
        answer="partly", building=["gluteals"],
        not_building=["quadriceps", "hamstrings", "hip_flexors", "tibialis_anterior",
                      "peroneals", "calves"],
        losing=["calves"], lean_change_kg=-0.8, projection_weeks=12,
        exercises=["Hip thrust", "Nordic hamstring curl", "Tibialis raise"], more_food=True,
        risk="shin load rose 60 %.")
    assert headline_text(facts) == (
        "Partly: gluteals are being built; quadriceps, hamstrings, hip flexors, tibialis "
        "anterior, peroneals, calves are not. At your logged intake the body model projects "
        "-0.8 kg of lean mass over 12 weeks. To change that: hip thrust, nordic hamstring "
        "curl, tibialis raise twice a week and more food. Watch out: shin load rose 60 %.")


@pytest.mark.parametrize(("verdicts", "answer", "opening"), [
    ({m: "building" for m in MUSCLES[:4]}, "yes",
     "Yes: your training is building quadriceps, hamstrings, gluteals, hip flexors."),
    ({"calves": "losing"}, "no",
     "No: as things stand calves are more likely to shrink than grow."),
    ({}, "not_much", "Not much: your running trains your legs for endurance, not size."),
])
def test_each_answer_and_its_sentence(verdicts, answer, opening):
    facts = headline_facts(_muscles(**verdicts), _projection(-0.1), [], [])
    assert facts.answer == answer
    assert facts.lean_change_kg is None and facts.projection_weeks is None  # -0.1 kg: not said
    assert headline_text(facts) == opening


def test_all_building_asks_for_no_change():
    facts = headline_facts(_muscles(**{m: "building" for m in MUSCLES}), None, PLAN, [])
    assert facts.answer == "yes" and facts.exercises == []
    assert "To change that" not in headline_text(facts)


def test_without_data_the_headline_says_how_to_get_an_answer():
    empty = {m: MuscleVerdict.no_data() for m in MUSCLES}
    facts = headline_facts(empty, None, [], [])
    assert facts == Headline(answer="no_data")
    assert headline_text(facts).startswith("No training data yet: import your runs")
    assert MuscleVerdict.no_data().to_dict() == {
        "verdict": None, "endurance_load_j_kg_week": 0.0, "strength_stimulus_sets_week": 0.0,
        "eccentric_load_j_kg_week": 0.0, "trend": "none", "drivers": [], "size": None,
        "confidence": None}
