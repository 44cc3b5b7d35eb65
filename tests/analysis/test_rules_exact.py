"""Exact outputs of small analysis rules: the JSON rounding of one session, the plan's intake
and load advice, and the minutes a week per sport (each pins what a changed condition,
rounding or default would alter)."""

from __future__ import annotations

import pandas as pd

from legload.analysis.muscle_context import sport_minutes
from legload.analysis.plan import intake_advice, load_advice
from legload.analysis.report_types import Risk
from legload.analysis.session import SessionAnalysis


def _session(**changes) -> SessionAnalysis:
    values = dict(sport="running", sub_sport="generic", energy_kcal=612.345, mass_kg=70.0,
                  mass_source="athlete", gap_s_per_km=301.26, moving_s=3600.0,
                  distance_m=12034.56, ascent_m=123.45, descent_m=98.76,
                  session_class="easy", tags=[], segments=[])
    values.update(changes)
    return SessionAnalysis(**values)


def test_session_json_rounds_to_a_tenth_and_names_each_figure():
    doc = _session().to_dict()
    assert (doc["energy_kcal"], doc["gap_s_per_km"], doc["distance_m"]) == (612.3, 301.3, 12034.6)
    assert (doc["ascent_m"], doc["descent_m"]) == (123.5, 98.8)
    assert doc["moving_s"] == 3600.0 and doc["class"] == "easy"
    assert _session(gap_s_per_km=None).to_dict()["gap_s_per_km"] is None


def test_eat_more_only_with_a_projected_loss_and_both_energies():
    item, = intake_advice(-0.5, 2500.0, 2000.0, None, 70.0)
    assert item.what == "Eat more" and item.kind == "intake"
    assert item.dose == "+500 kcal/day (to about 2500 kcal/day)"
    assert "2000 kcal/day against an estimated 2500" in item.why and "-0.5 kg" in item.why
    assert intake_advice(-0.5, 2500.0, None, None, 70.0) == []  # no intake logged
    assert intake_advice(-0.5, None, 2000.0, None, 70.0) == []  # no maintenance estimate
    assert intake_advice(-0.1, 2500.0, 2000.0, None, 70.0) == []  # loss within noise
    assert intake_advice(-0.5, 2500.0, 2450.0, None, 70.0) == []  # gap of 50 kcal


def test_more_protein_below_1_6_g_per_kg():
    item, = intake_advice(None, None, None, 1.2, 70.0)
    assert item.what == "More protein"
    assert item.dose == "at least 112 g/day (1.6 g/kg), spread over 3-4 meals"
    assert item.why.startswith("1.2 g/kg/day logged")
    assert intake_advice(None, None, None, 1.6, 70.0) == []
    assert intake_advice(None, None, None, 1.2, None) == []


def test_load_advice_once_for_the_first_load_risk():
    shin = Risk("tibialis_anterior", "shin_splints", "load up 60 %", "moderate", "2026-11-30")
    spike = Risk("quadriceps", "eccentric_spike", "eccentric up 80 %", "weak", "2026-11-30")
    other = Risk("hamstrings", "strength_gap", "no strength work", "weak", "2026-11-30")
    item, = load_advice([other, shin, spike])
    assert (item.what, item.kind, item.covers, item.why) == (
        "Hold running volume", "load", ["tibialis_anterior"], "load up 60 %")
    assert item.dose == "keep next week's volume at or below this week's, then add ≤ 10 %/week"
    assert load_advice([other]) == []


def test_sport_minutes_count_a_missing_moving_time_as_none():
    start = pd.Timestamp("2026-11-01", tz="UTC")
    inside = "2026-11-10T07:00:00+00:00"
    results = [{"sport": "running", "start": inside, "moving_s": 1800.0},
               {"sport": "running", "start": inside},  # no moving time: adds nothing
               {"sport": "cycling", "start": inside, "moving_s": 3600.0},
               {"sport": "running", "start": "2026-10-01T07:00:00+00:00", "moving_s": 9000.0}]
    minutes = sport_minutes(results, start, 2)
    assert minutes["running"] == 15.0 and minutes["cycling"] == 30.0
