"""The verdict follows the evidence, part 2: the rules on top of the muscle ledger (one
strength dose, modality-aware novice rule, terrain-added eccentric work, sport-aware words,
the acute:chronic flag). Athletes generated as real files and reported through the api."""

from __future__ import annotations

import dataclasses

import pytest

from legload.analysis.strength_plan import GAP_SETS
from legload.models.adaptation.parameters import NOVICE_AEROBIC_MUSCLES
from legload.synth.athletes import ATHLETES, DAY, SampleAthlete
from legload.synth.workouts import Segment, Workout, easy_run

from .test_verdict_evidence import PROFILE, report_of

SPRINTER = {a.name: a for a in ATHLETES}["sprinter_lifter"]
ARTICLE_LIFTS = {"back_squat", "deadlift", "walking_lunge", "calf_raise_straight_knee"}


def _athlete(name: str, plan, *, weeks: int, **profile) -> SampleAthlete:
    return SampleAthlete(name=name, profile={**PROFILE, **profile}, weeks=weeks, week_plan=plan,
                         intake_kcal=2700.0, protein_g_per_kg=1.6)


def _rides(monday, week):
    return [Workout("Ride", "cycling", "road", monday + d * DAY, [Segment(1800, 7.5)])
            for d in (1, 3, 5)]


def _walks(monday, week):
    return [Workout("Walk", "walking", "generic", monday + d * DAY, [Segment(1800, 1.5)])
            for d in (1, 3, 5)]


def _jogs(monday, week):
    return [easy_run(monday + d * DAY, minutes=25, speed=2.5) for d in (1, 3, 5)]


def _descent(start):
    """15 min at -15 % (about a third of Maeo 2017's 45 min protocol)."""
    return Workout("Descent", "running", "trail", start, [Segment(900, 2.8, -0.15)])


def _flat_then_descent(monday, week):
    return _jogs(monday, week)[:2] + ([_descent(monday + 5 * DAY)] if week == 5 else [])


def _descent_weekly(monday, week):
    return [*_jogs(monday, week)[:2], _descent(monday + 5 * DAY)]


def _then_daily(monday, week):
    if week < 5:
        return _jogs(monday, week)
    return [easy_run(monday + d * DAY, minutes=45, speed=2.5) for d in range(7)]


@pytest.mark.slow
def test_trained_sprinter_without_lifting_gets_the_articles_compound_lifts(tmp_path):
    """One strength dose for plan and verdict: a trained runner's sprint sets keep muscle but
    do not build (Steele 2021; Ozaki 2013), so the plan fills every gap with squats,
    deadlifts, walking lunges and calf raises at 2 x 3 hard sets a week (Schoenfeld, Ogborn
    & Krieger 2017)."""
    athlete = dataclasses.replace(SPRINTER, weeks=6, lifts=[], lifting_days=())
    report, _ = report_of(tmp_path, athlete)
    quads = report.muscles["quadriceps"]
    assert quads.strength_outlook.from_sprints > 0 and quads.lifting_sets == 0
    exercises = [p for p in report.plan if p.kind == "exercise"]
    assert {p.exercise for p in exercises} >= ARTICLE_LIFTS
    for item in exercises:
        assert (item.sessions_per_week, item.sets) == (2, 3)
        assert "Schoenfeld, Ogborn & Krieger 2017" in item.why
    covered = {m for p in exercises for m in p.covers}
    for muscle, verdict in report.muscles.items():
        assert verdict.verdict != "building", muscle  # the verdict agrees: no building dose
        assert muscle in covered  # every building dose < GAP_SETS is a gap the plan fills
        assert verdict.strength_outlook.hard_sets - verdict.strength_outlook.from_sprints < GAP_SETS


@pytest.mark.slow
def test_novice_cyclist_builds_quadriceps_only(tmp_path):
    """Harber 2012: 12 weeks of cycling grew the untrained quadriceps 5-6 %; growth only
    where the modality loads hard, after 8 weeks [M]: not tibialis anterior or peroneals."""
    report, _ = report_of(tmp_path, _athlete("cyclist", _rides, weeks=9, running_years=0.0))
    assert NOVICE_AEROBIC_MUSCLES["cycling"] == ("quadriceps",)
    quads = report.muscles["quadriceps"]
    assert quads.verdict == "building" and quads.growth_pct_range == (0.0, 6.0)
    for muscle in ("tibialis_anterior", "peroneals"):
        assert report.muscles[muscle].verdict != "building", muscle
    assert any("new to cycling" in d for d in report.muscles["peroneals"].drivers)


@pytest.mark.slow
def test_three_week_jogger_is_not_told_yes(tmp_path):
    """Aerobic growth was measured after 12 weeks (Harber 2012): a three-week jogger's legs
    are not "being built"; jogging never counts for tibialis anterior or peroneals."""
    report, _ = report_of(tmp_path, _athlete("jogger", _jogs, weeks=3, running_years=0.0))
    assert not report.headline.startswith("Yes")
    assert all(v.verdict != "building" for v in report.muscles.values())
    assert any("weeks recorded" in d for d in report.muscles["calves"].drivers)


@pytest.mark.slow
@pytest.mark.parametrize(("plan", "sport"), [(_walks, "walking"), (_rides, "cycling")])
def test_headline_names_the_sport(tmp_path, plan, sport):
    """Sport-aware words: a trained walker's or cyclist's answer names their sport."""
    report, _ = report_of(tmp_path, _athlete(sport, plan, weeks=4, running_years=5.0))
    assert report.headline.startswith(f"Not much: your {sport} trains your legs")
    assert "running" not in report.headline


@pytest.mark.slow
def test_single_steep_descent_after_flat_weeks_fires_the_eccentric_flag(tmp_path):
    """Maeo 2017: an unaccustomed long steep descent damages the quadriceps; the flag and
    the driver use the eccentric work the terrain added, against the athlete's habit."""
    report, _ = report_of(tmp_path, _athlete("descent_once", _flat_then_descent, weeks=6))
    flags = [r for r in report.risks if r.kind == "eccentric_spike"]
    assert [r.muscle for r in flags] == ["quadriceps"]
    assert "added by descents" in flags[0].reason and "Maeo 2017" in flags[0].reason
    assert any("descents added" in d for d in report.muscles["quadriceps"].drivers)


@pytest.mark.slow
def test_the_same_descent_weekly_does_not(tmp_path):
    """Repeated-bout effect (Bontemps 2020): the same descent every week is the habit."""
    report, _ = report_of(tmp_path, _athlete("descent_weekly", _descent_weekly, weeks=6))
    assert not [r for r in report.risks if r.kind == "eccentric_spike"]
    assert not any("descents added" in d for d in report.muscles["quadriceps"].drivers)
    assert report.weekly.eccentric_load["quadriceps"][-1] > 0


@pytest.mark.slow
def test_acwr_high_is_computed_from_daily_loads(tmp_path):
    """Williams 2017 EWMA acute:chronic ratio >= 1.5 (Gabbett 2016 [S]) on the last day:
    five weeks of three easy jogs, then a week of daily 45-min runs."""
    report, _ = report_of(tmp_path, _athlete("jump", _then_daily, weeks=6))
    acwr = [r for r in report.risks if r.kind == "acwr_high"]
    assert acwr and all("Impellizzeri 2021" in r.reason for r in acwr)
