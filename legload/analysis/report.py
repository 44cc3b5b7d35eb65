"""The answer for one athlete: per-muscle verdicts, projection, risks and plan.

``build_report`` returns a typed :class:`~legload.analysis.report_types.Report` whose
``to_dict()`` is the ``legload report --json`` document; the terminal and HTML reports render
the same report. Everything here is computed from the data handed in and the cited models;
nothing is canned. The headline's rules and wording live in :mod:`legload.analysis.verdict`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from itertools import compress

import numpy as np
import pandas as pd

from legload.analysis.energy_balance import PROJECTION_WEEKS, energy_picture, projection
from legload.analysis.measured import measured_lean
from legload.analysis.muscle_context import (
    aerobic_context,
    eccentric_recent_and_habit,
    leg_building_sets,
    main_sport,
    sport_minutes,
)
from legload.analysis.plan import PlanItem, intake_advice, load_advice
from legload.analysis.report_types import (
    MuscleVerdict,
    Projection,
    ProjectionPlan,
    Report,
    Risk,
    WeeklySeries,
)
from legload.analysis.strength_plan import strength_plan
from legload.analysis.verdict import headline_facts, headline_text
from legload.analysis.weekly import SessionLoads, daily_loads
from legload.analysis.window import (
    Window,
    after_window,
    before,
    food_coverage,
    in_window,
    no_training,
    stale,
    strength_coverage,
    window_ledger,
)
from legload.core.profile import AthleteProfile
from legload.models.adaptation.dose import StrengthDose, strength_dose
from legload.models.adaptation.model import expected_adaptation
from legload.models.adaptation.strength import strength_outlook
from legload.models.locomotion.muscles import MUSCLES
from legload.models.risk.model import risk_flags

DEFAULT_WEEKS = 12
#: profile fields the report relies on (body fat is optional: estimated when absent)
PROFILE_FIELDS_USED = ("sex", "birth_year", "height_m", "weight_kg", "running_years",
                       "lifting_years")
#: weeks at the end of the window that risk flags look at
RISK_WEEKS = 4


@dataclass(frozen=True)
class ReportInputs:
    """What a report is computed from: the athlete's profile, the analysis of each of their
    activities (``SessionAnalysis.to_dict()`` plus ``id`` and ``start``), their logs, and
    what reading them left out (``notes``, added to the report's limitations)."""

    profile: AthleteProfile
    results: list[dict]
    sets: pd.DataFrame
    intake: pd.DataFrame
    weights: pd.DataFrame
    notes: list[str] = field(default_factory=list)


def build_report(inputs: ReportInputs, *, weeks: int = DEFAULT_WEEKS,
                 until: dt.date | None = None) -> Report:
    """The full report for one athlete over the ``weeks`` weeks that end on ``until``
    (default: today, UTC). Weeks are 7-day blocks ending on ``until``; data after it is left
    out, and what lies outside the window is named in the limitations."""
    answer = _report(inputs, Window.ending(until or dt.datetime.now(dt.UTC).date(), weeks))
    if not inputs.notes:
        return answer
    return replace(answer, limitations=[*answer.limitations, *inputs.notes])


def _report(inputs: ReportInputs, window: Window) -> Report:
    profile = inputs.profile
    missing = [f for f in PROFILE_FIELDS_USED if getattr(profile, f) is None]
    limitations = _profile_limitations(missing)
    lean = measured_lean(inputs.weights, window.end)  # a scale's, beside the projection
    every = SessionLoads.of(inputs.results)  # every result's start and loads, read once
    kept = np.asarray(every.starts < window.end)
    results, loads = list(compress(inputs.results, kept)), every.of_sessions(kept)
    sets = before(inputs.sets, "timestamp", window.end)
    limitations += after_window(every.starts, window)
    ledger = window_ledger(loads, sets, window)
    if ledger.empty or not in_window(loads.starts, sets, window):
        limitations += no_training(every.starts, loads.starts, window, ledger.empty)
        return replace(_empty_report(profile, missing, limitations), measured_lean=lean)
    first = max(window.start, ledger["week"].min())
    limitations += stale(loads.starts, sets, window)
    frame = ledger[ledger["week"] >= first]
    n_weeks = frame["week"].nunique()
    inside = list(compress(results, np.asarray(loads.starts >= first)))
    limitations += strength_coverage(inputs.sets, window)
    pic = energy_picture(profile, inputs.intake, inputs.weights,
                         _session_kcal_day(inside, n_weeks), first.tz_localize("UTC"),
                         window.end.tz_localize("UTC"))
    limitations += food_coverage(pic.notes, inputs.intake, first, window)
    minutes = sport_minutes(inside, first, n_weeks)
    rows = dict(tuple(frame.groupby("muscle", sort=False)))  # each muscle's weeks
    doses = {m: _dose(rows[m], profile) for m in MUSCLES}
    proj = _projection(profile, pic, leg_building_sets(
        {m: d.building_sets for m, d in doses.items()}))
    context = {"pic": pic, "minutes": minutes, "results": results, "end": window.end,
               "lean_pct": _lean_pct(proj)}
    muscles = {m: _muscle(m, rows[m], profile, doses[m], context) for m in MUSCLES}
    risks = _risks(ledger, profile, n_weeks, loads)
    plan = _plan(risks, pic, proj, doses)
    return Report(
        profile=profile, missing=missing, weeks=int(n_weeks),
        period=f"{first:%Y-%m-%d} to {window.until:%Y-%m-%d}", activities=len(inside),
        energy=pic, muscles=muscles, projection=proj, risks=risks, plan=plan,
        limitations=limitations, weekly=_weekly_series(frame), measured_lean=lean,
        headline=headline_text(headline_facts(muscles, proj, plan, risks,
                                              sport=main_sport(minutes))))


def _profile_limitations(missing: list[str]) -> list[str]:
    """What an incomplete profile costs the report (nothing when it is complete)."""
    if not missing:
        return []
    return ["profile: " + ", ".join(m.replace("_", " ") for m in missing)
            + " not set (`legload athlete set`): confidence is lower and "
            + ("body mass is taken as 70 kg" if "weight_kg" in missing else "the rest is assumed")]


def _empty_report(profile: AthleteProfile, missing: list[str], limitations: list[str]) -> Report:
    muscles = {m: MuscleVerdict.no_data() for m in MUSCLES}
    return Report(
        profile=profile, missing=missing, weeks=0, period="", activities=0, energy=None,
        muscles=muscles, projection=None, risks=[], plan=[],
        limitations=limitations, weekly=None,
        headline=headline_text(headline_facts(muscles, None, [], [])))


def _session_kcal_day(results: list[dict], n_weeks: int) -> float:
    total = sum(r.get("energy_kcal", 0.0) for r in results)
    return total / (7 * max(n_weeks, 1))


def _dose(rows: pd.DataFrame, profile: AthleteProfile) -> StrengthDose:
    """The muscle's weekly strength dose (window means): the one definition
    (:mod:`legload.models.adaptation.dose`) the verdict, the plan and the outlook share."""
    return strength_dose(float(rows["lifting_sets"].mean()), float(rows["brief_effort_s"].mean()),
                         profile.running_years)


def _lean_pct(proj: Projection | None) -> float | None:
    """Projected fat-free-mass change over the projection, % of the start."""
    if proj is None or not proj.lean_kg or proj.lean_kg[0] <= 0:
        return None
    return 100.0 * proj.lean_change_kg / proj.lean_kg[0]


def _muscle(muscle: str, rows: pd.DataFrame, profile: AthleteProfile, dose: StrengthDose,
            context: dict) -> MuscleVerdict:
    endurance = float(rows["endurance_load"].mean())
    eccentric = float(rows["eccentric_load"].mean())
    pic, minutes = context["pic"], context["minutes"]
    aerobic_minutes, aerobic_weeks = aerobic_context(context["results"], minutes, muscle,
                                                     context["end"])
    recent, habit = eccentric_recent_and_habit(rows)
    adaptation = expected_adaptation(
        endurance, dose.total, eccentric, running_years=profile.running_years,
        lifting_years=profile.lifting_years, energy_balance_kcal=pic.rule_balance_kcal_day,
        protein_g_kg=pic.protein_g_kg, running_minutes_week=minutes["running"],
        strength_from_running=dose.sprint_sets, terrain_eccentric_load=recent,
        eccentric_habit=habit, aerobic_minutes_week=aerobic_minutes,
        aerobic_weeks=aerobic_weeks, projected_lean_change_pct=context["lean_pct"],
        sport=main_sport(minutes))
    return MuscleVerdict(
        verdict=adaptation.direction, size=adaptation.size, confidence=adaptation.confidence,
        growth_pct_range=adaptation.growth_pct_range, endurance_load=round(endurance, 1),
        strength_stimulus=round(dose.total, 2), lifting_sets=round(dose.lifting_sets, 2),
        eccentric_load=round(eccentric, 1), trend=_trend(rows), drivers=adaptation.drivers,
        strength_outlook=strength_outlook(dose, lifting_years=profile.lifting_years))


def _trend(rows: pd.DataFrame) -> str:
    """Last 4 weeks against the 4 before, on endurance load and strength stimulus; at least
    two weeks with load are needed to call a trend."""
    load = rows["endurance_load"].to_numpy() + 1000.0 * rows["strength_stimulus"].to_numpy()
    if len(rows) < 8 or (load[-8:] > 0).sum() < 2:
        return "too short to tell"
    recent, before = load[-4:].mean(), load[-8:-4].mean()
    if before <= 0:
        return "rising" if recent > 0 else "none"
    change = recent / before - 1
    return "rising" if change > 0.1 else "falling" if change < -0.1 else "steady"


def _risk_table(ledger: pd.DataFrame) -> pd.DataFrame:
    return ledger.rename(columns={"endurance_load": "load_j_kg",
                                  "eccentric_load": "eccentric_j_kg",
                                  "terrain_eccentric_load": "terrain_eccentric_j_kg",
                                  "lifting_sets": "strength_sets"})[
        ["week", "muscle", "load_j_kg", "eccentric_j_kg", "brief_effort_s",
         "terrain_eccentric_j_kg", "strength_sets"]]


#: order in which flags are shown: the muscle-specific injury patterns first
RISK_ORDER = ("shin_splints", "sprint_spike", "eccentric_spike", "acwr_high", "load_spike")


def _risks(ledger: pd.DataFrame, profile: AthleteProfile, n_weeks: int,
           loads: SessionLoads) -> list[Risk]:
    """Flags of the last weeks: per (muscle, kind) the week the spike began (its jump is the
    informative number), most specific kinds first; ``acwr_high`` from the daily loads."""
    flags = risk_flags(_risk_table(ledger), running_years=profile.running_years,
                       recent_weeks=min(RISK_WEEKS, n_weeks), daily=daily_loads(loads))
    latest: dict[tuple[str, str], Risk] = {}
    for flag in flags:
        item = _risk(flag)
        key = (item.muscle, item.kind)
        if key not in latest or str(item.week) < str(latest[key].week):
            latest[key] = item
    rank = {kind: i for i, kind in enumerate(RISK_ORDER)}
    return sorted(latest.values(), key=lambda r: (rank.get(r.kind, len(rank)),
                                                  MUSCLES.index(r.muscle)
                                                  if r.muscle in MUSCLES else 99))


def _risk(flag) -> Risk:
    week = flag.week
    return Risk(muscle=flag.muscle, kind=flag.kind, reason=flag.reason, evidence=flag.evidence,
                week=week.strftime("%Y-%m-%d") if hasattr(week, "strftime") else week)


def _projection(profile: AthleteProfile, pic, hard_sets: float = 0.0) -> Projection | None:
    current = projection(profile, pic, hard_sets_per_week=hard_sets)
    if current is None:
        return None
    target = max(pic.intake_kcal_day, pic.measured_expenditure_kcal_day or pic.maintenance_kcal_day)
    planned = projection(profile, pic, intake_kcal_day=target, hard_sets_per_week=hard_sets)
    return Projection(
        weeks=current["week"].astype(int).tolist(),
        weight_kg=_r(current["weight_kg"]), lean_kg=_r(current["lean_kg"]),
        fat_kg=_r(current["fat_kg"]),
        lean_low_kg=_r(current["lean_low_kg"]), lean_high_kg=_r(current["lean_high_kg"]),
        band=("food log and session energy each off by ±10 %, and the band of lean mass kept "
              "by resistance training (not a statistical interval)"),
        lean_change_kg=_change(current["lean_kg"]), fat_change_kg=_change(current["fat_kg"]),
        plan=None if planned is None else ProjectionPlan(
            intake_kcal_day=round(target), lean_kg=_r(planned["lean_kg"]),
            fat_kg=_r(planned["fat_kg"]), lean_change_kg=_change(planned["lean_kg"])),
        note=(f"Hall et al. (2011) body model over {PROJECTION_WEEKS} weeks at the logged "
              f"intake ({pic.intake_kcal_day:.0f} kcal/day) with {hard_sets:.1f} hard leg "
              "sets/week sparing lean mass in a deficit (Sardeli 2018; Longland 2016); lean "
              "mass here is fat-free mass of the whole body, before any growth from training."))


def _r(series: pd.Series) -> list[float]:
    return [round(float(v), 2) for v in series]


def _change(series: pd.Series) -> float:
    """Last value less the first (kg, to 0.01)."""
    return round(float(series.iloc[-1] - series.iloc[0]), 2)


def _plan(risks: list[Risk], pic, proj: Projection | None,
          doses: dict[str, StrengthDose]) -> list[PlanItem]:
    cautions = {r.muscle: r.reason for r in risks}
    items = strength_plan({m: d.building_sets for m, d in doses.items()}, cautions)
    items += intake_advice(proj.lean_change_kg if proj else None,
                           pic.measured_expenditure_kcal_day or pic.maintenance_kcal_day,
                           pic.intake_kcal_day, pic.protein_g_kg, pic.weight_kg)
    items += load_advice(risks)
    return items


def _weekly_series(window: pd.DataFrame) -> WeeklySeries:
    """The window's weekly loads per muscle; its rows are every (week, muscle) in week
    order, the muscles in :data:`MUSCLES` order within a week (:func:`window_ledger`)."""
    weeks = window["week"].to_numpy()[::len(MUSCLES)]
    series = {}
    for column in ("endurance_load", "strength_stimulus", "eccentric_load"):
        table = window[column].to_numpy(dtype=float).reshape(len(weeks), len(MUSCLES))
        table = np.where(np.isnan(table), 0.0, table)
        series[column] = {m: [round(float(v), 2) for v in table[:, i]]
                          for i, m in enumerate(MUSCLES)}
    return WeeklySeries(weeks=[pd.Timestamp(w).strftime("%Y-%m-%d") for w in weeks], **series)


__all__ = ["Report", "ReportInputs", "build_report"]


