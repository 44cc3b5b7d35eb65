"""The answer for one athlete: per-muscle verdicts, projection, risks and plan.

``build_report`` returns a typed :class:`~legload.analysis.report_types.Report` whose
``to_dict()`` is the ``legload report --json`` document; the terminal and HTML reports render
the same report. Everything here is computed from the data handed in and the cited models;
nothing is canned. The headline's rules and wording live in :mod:`legload.analysis.verdict`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from legload.analysis.energy_balance import PROJECTION_WEEKS, energy_picture, projection
from legload.analysis.plan import PlanItem, exercise_plan, intake_advice, load_advice
from legload.analysis.report_types import (
    MuscleVerdict,
    Projection,
    ProjectionPlan,
    Report,
    Risk,
    WeeklySeries,
)
from legload.analysis.verdict import headline_facts, headline_text
from legload.analysis.weekly import weekly_ledger
from legload.core.profile import AthleteProfile
from legload.models.adaptation.model import brief_effort_sets, expected_adaptation
from legload.models.locomotion.muscles import MUSCLES
from legload.models.risk.model import risk_flags

DEFAULT_WEEKS = 12
#: profile fields the report relies on (body fat is optional: estimated when absent)
PROFILE_FIELDS_USED = ("sex", "birth_year", "height_m", "weight_kg", "running_years",
                       "lifting_years")
#: weeks at the end of the window that risk flags look at
RISK_WEEKS = 4
#: training data older than this (weeks before the window's end) is called out
STALE_WEEKS = 4


@dataclass(frozen=True)
class ReportInputs:
    """What a report is computed from: the athlete's profile, the analysis of each of their
    activities (``SessionAnalysis.to_dict()`` plus ``id`` and ``start``), and their logs."""

    profile: AthleteProfile
    results: list[dict]
    sets: pd.DataFrame
    intake: pd.DataFrame
    weights: pd.DataFrame


def build_report(inputs: ReportInputs, *, weeks: int = DEFAULT_WEEKS,
                 until: dt.date | None = None) -> Report:
    """The full report for one athlete over the ``weeks`` weeks that end on ``until``
    (default: today, UTC). Weeks are 7-day blocks ending on ``until``; data after it is left
    out, and what lies outside the window is named in the limitations."""
    profile = inputs.profile
    missing = [f for f in PROFILE_FIELDS_USED if getattr(profile, f) is None]
    limitations = _profile_limitations(missing)
    window = Window.ending(until or dt.datetime.now(dt.UTC).date(), weeks)
    results = [r for r in inputs.results if _naive(r["start"]) < window.end]
    sets = _before(inputs.sets, "timestamp", window.end)
    limitations += _after_window(inputs.results, window)
    ledger = _ledger(results, sets, window)
    if ledger.empty or not _in_window(results, sets, window):
        limitations += _no_training(inputs.results, results, window, ledger.empty)
        return _empty_report(profile, missing, limitations)
    first = max(window.start, ledger["week"].min())
    limitations += _stale(results, sets, window)
    frame = ledger[ledger["week"] >= first]
    n_weeks = frame["week"].nunique()
    inside = [r for r in results if _naive(r["start"]) >= first]
    session_kcal_day = _session_kcal_day(inside, n_weeks)
    limitations += _strength_coverage(inputs.sets, window)
    pic = energy_picture(profile, inputs.intake, inputs.weights, session_kcal_day,
                         first.tz_localize("UTC"), window.end.tz_localize("UTC"))
    limitations += _food_coverage(pic.notes, inputs.intake, first, window)
    running_minutes = _running_minutes_week(inside, n_weeks)
    muscles = {m: _muscle(frame[frame["muscle"] == m], profile, pic, running_minutes)
               for m in MUSCLES}
    risks = _risks(ledger, profile, n_weeks)
    proj = _projection(profile, pic)
    plan = _plan(muscles, risks, pic, proj)
    return Report(
        profile=profile, missing=missing, weeks=int(n_weeks),
        period=f"{first:%Y-%m-%d} to {window.until:%Y-%m-%d}", activities=len(inside),
        energy=pic, muscles=muscles, projection=proj, risks=risks, plan=plan,
        limitations=limitations, weekly=_weekly_series(frame),
        headline=headline_text(headline_facts(muscles, proj, plan, risks)))


@dataclass(frozen=True)
class Window:
    """The report's window: ``weeks`` 7-day blocks, the last ending on ``until``; ``start``
    and ``end`` (exclusive) are naive UTC midnights, ``last_week`` the last block's first day."""

    until: dt.date
    weeks: int
    start: pd.Timestamp
    end: pd.Timestamp
    last_week: pd.Timestamp

    @classmethod
    def ending(cls, until: dt.date, weeks: int) -> Window:
        end = pd.Timestamp(until) + pd.Timedelta(days=1)
        return cls(until=until, weeks=weeks, start=end - pd.Timedelta(weeks=weeks), end=end,
                   last_week=end - pd.Timedelta(weeks=1))

    @property
    def shift(self) -> pd.Timedelta:
        """Days that move a block ending on ``until`` onto a Monday-to-Sunday week."""
        return pd.Timedelta(days=6 - self.until.weekday())


def _naive(value) -> pd.Timestamp:
    """A time (ISO text or timestamp; naive means UTC) as a naive UTC timestamp."""
    stamp = pd.Timestamp(value)
    return stamp.tz_convert("UTC").tz_localize(None) if stamp.tzinfo else stamp


def _times(frame: pd.DataFrame, column: str) -> pd.Series:
    return pd.to_datetime(frame[column], utc=True).dt.tz_localize(None)


def _before(frame: pd.DataFrame, column: str, end: pd.Timestamp) -> pd.DataFrame:
    return frame[_times(frame, column) < end] if len(frame) else frame


def _ledger(results: list[dict], sets: pd.DataFrame, window: Window) -> pd.DataFrame:
    """The weekly ledger in 7-day blocks ending on the window's last day (the ledger counts
    Monday weeks: times are moved by :attr:`Window.shift` and the weeks moved back), with
    rest weeks as zeros up to the window's end."""
    shift = window.shift
    moved = [{**r, "start": (_naive(r["start"]) + shift).isoformat()} for r in results]
    if len(sets):
        sets = sets.assign(timestamp=_times(sets, "timestamp") + shift)
    ledger = weekly_ledger(moved, sets)
    if ledger.empty:
        return ledger
    ledger["week"] = pd.to_datetime(ledger["week"]) - shift
    weeks = pd.date_range(ledger["week"].min(), max(window.last_week, ledger["week"].max()),
                          freq="7D")
    full = pd.MultiIndex.from_product([weeks, MUSCLES], names=["week", "muscle"])
    return ledger.set_index(["week", "muscle"]).reindex(full, fill_value=0.0).reset_index()


def _span(stamps: pd.Series) -> str:
    return f"{stamps.min():%Y-%m-%d} to {stamps.max():%Y-%m-%d}"


def _after_window(results: list[dict], window: Window) -> list[str]:
    later = [r for r in results if _naive(r["start"]) >= window.end]
    if not later:
        return []
    return [f"{len(later)} {'activity' if len(later) == 1 else 'activities'} after "
            f"{window.until:%Y-%m-%d} left out "
            "(`legload report --until DATE` moves the window)"]


def _in_window(results: list[dict], sets: pd.DataFrame, window: Window) -> bool:
    """True when some activity or strength set lies in the window (data after it is gone)."""
    if any(_naive(r["start"]) >= window.start for r in results):
        return True
    return bool(len(sets)) and bool((_times(sets, "timestamp") >= window.start).any())


def _no_training(every: list[dict], results: list[dict], window: Window,
                 no_load: bool) -> list[str]:
    """Why a report has no training data: none imported, none up to ``until``, activities
    without leg load, or none in the window (then where the latest is)."""
    if not every and no_load:
        return ["no activities or strength sets imported yet"]
    if not results and no_load:
        return [f"no training data up to {window.until:%Y-%m-%d}"]
    if no_load:
        return [f"{len(results)} activities carry no leg-muscle load (e.g. strength sessions "
                "without sets): import the strength log with `legload strength import`"]
    if not results:
        return [f"no training data in the {window.weeks} weeks to {window.until:%Y-%m-%d}"]
    latest = max(_naive(r["start"]) for r in results)
    return [f"no training data in the {window.weeks} weeks to {window.until:%Y-%m-%d}: the "
            f"latest is from {latest:%Y-%m-%d} ({(window.end - latest).days // 7} weeks "
            f"earlier); see those weeks with `legload report --until {latest:%Y-%m-%d}`"]


def _stale(results: list[dict], sets: pd.DataFrame, window: Window) -> list[str]:
    stamps = [_naive(r["start"]) for r in results]
    if len(sets):
        stamps.append(_times(sets, "timestamp").max())
    age = (window.end - max(stamps)).days // 7
    if age <= STALE_WEEKS:
        return []
    return [f"the latest training data is {age} weeks old ({max(stamps):%Y-%m-%d}): the last "
            f"{age} weeks of the window are counted as rest"]


def _strength_coverage(sets: pd.DataFrame, window: Window) -> list[str]:
    if sets.empty:
        return ["no strength log: lifting counts as zero"]
    stamps = _times(sets, "timestamp")
    if ((stamps >= window.start) & (stamps < window.end)).any():
        return []
    return [f"your strength log covers {_span(stamps)}, outside this window: lifting counts "
            "as zero"]


def _food_coverage(notes: list[str], intake: pd.DataFrame, first: pd.Timestamp,
                   window: Window) -> list[str]:
    """The energy notes, where "no food log" is said precisely when the log lies outside
    the window."""
    if intake.empty:
        return list(notes)
    days = pd.to_datetime(intake["date"])
    if ((days >= first) & (days < window.end)).any():
        return list(notes)
    where = (f"your food log covers {_span(days)}, outside this window "
             f"({first:%Y-%m-%d} to {window.until:%Y-%m-%d}): energy balance and the "
             "lean-mass projection are unknown")
    return [where if note.startswith("no food log") else note for note in notes]


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


def _running_minutes_week(results: list[dict], n_weeks: int) -> float:
    total = sum(r.get("moving_s", 0.0) for r in results if r.get("sport") == "running")
    return total / 60.0 / max(n_weeks, 1)


def _muscle(rows: pd.DataFrame, profile: AthleteProfile, pic,
            running_minutes: float) -> MuscleVerdict:
    endurance = float(rows["endurance_load"].mean())
    eccentric = float(rows["eccentric_load"].mean())
    lifting = float(rows["lifting_sets"].mean())
    brief_s = float(rows["brief_effort_s"].mean())
    from_running = float(brief_effort_sets(brief_s))
    stimulus = lifting + from_running
    adaptation = expected_adaptation(
        endurance, stimulus, eccentric, running_years=profile.running_years,
        lifting_years=profile.lifting_years, energy_balance_kcal=pic.balance_kcal_day,
        protein_g_kg=pic.protein_g_kg, running_minutes_week=running_minutes,
        strength_from_running=from_running)
    return MuscleVerdict(
        verdict=adaptation.direction, size=adaptation.size, confidence=adaptation.confidence,
        growth_pct_range=adaptation.growth_pct_range, endurance_load=round(endurance, 1),
        strength_stimulus=round(stimulus, 2), lifting_sets=round(lifting, 2),
        eccentric_load=round(eccentric, 1), trend=_trend(rows), drivers=adaptation.drivers)


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
                                  "eccentric_load": "eccentric_j_kg"})[
        ["week", "muscle", "load_j_kg", "eccentric_j_kg", "brief_effort_s"]]


#: order in which flags are shown: the muscle-specific injury patterns first
RISK_ORDER = ("shin_splints", "sprint_spike", "eccentric_spike", "acwr_high", "load_spike")


def _risks(ledger: pd.DataFrame, profile: AthleteProfile, n_weeks: int) -> list[Risk]:
    """Flags of the last weeks: per (muscle, kind) the week the spike began (its jump is the
    informative number), most specific kinds first."""
    flags = risk_flags(_risk_table(ledger), running_years=profile.running_years,
                       recent_weeks=min(RISK_WEEKS, n_weeks))
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


def _projection(profile: AthleteProfile, pic) -> Projection | None:
    current = projection(profile, pic)
    if current is None:
        return None
    target = max(pic.intake_kcal_day, pic.measured_expenditure_kcal_day or pic.maintenance_kcal_day)
    planned = projection(profile, pic, intake_kcal_day=target)
    return Projection(
        weeks=current["week"].astype(int).tolist(),
        weight_kg=_r(current["weight_kg"]), lean_kg=_r(current["lean_kg"]),
        fat_kg=_r(current["fat_kg"]),
        lean_low_kg=_r(current["lean_low_kg"]), lean_high_kg=_r(current["lean_high_kg"]),
        band="food log and session energy each off by ±10 % (not a statistical interval)",
        lean_change_kg=_change(current["lean_kg"]), fat_change_kg=_change(current["fat_kg"]),
        plan=None if planned is None else ProjectionPlan(
            intake_kcal_day=round(target), lean_kg=_r(planned["lean_kg"]),
            fat_kg=_r(planned["fat_kg"]), lean_change_kg=_change(planned["lean_kg"])),
        note=(f"Hall et al. (2011) body model over {PROJECTION_WEEKS} weeks at the logged "
              f"intake ({pic.intake_kcal_day:.0f} kcal/day); lean mass here is fat-free mass "
              "of the whole body, before any growth from training."))


def _r(series: pd.Series) -> list[float]:
    return [round(float(v), 2) for v in series]


def _change(series: pd.Series) -> float:
    """Last value less the first (kg, to 0.01)."""
    return round(float(series.iloc[-1] - series.iloc[0]), 2)


def _plan(muscles: dict[str, MuscleVerdict], risks: list[Risk], pic,
          proj: Projection | None) -> list[PlanItem]:
    weekly_sets = {m: v.strength_stimulus for m, v in muscles.items()}
    verdicts = {m: v.verdict for m, v in muscles.items()}
    cautions = {r.muscle: r.reason for r in risks}
    items = exercise_plan(weekly_sets, verdicts, cautions)
    items += intake_advice(proj.lean_change_kg if proj else None,
                           pic.measured_expenditure_kcal_day or pic.maintenance_kcal_day,
                           pic.intake_kcal_day, pic.protein_g_kg, pic.weight_kg)
    items += load_advice(risks)
    return items


def _weekly_series(window: pd.DataFrame) -> WeeklySeries:
    weeks = sorted(window["week"].unique())
    series = {}
    for column in ("endurance_load", "strength_stimulus", "eccentric_load"):
        table = window.pivot(index="week", columns="muscle", values=column).reindex(weeks)
        series[column] = {m: [round(float(v), 2) for v in table[m].fillna(0.0)] for m in MUSCLES}
    return WeeklySeries(weeks=[pd.Timestamp(w).strftime("%Y-%m-%d") for w in weeks], **series)


__all__ = ["Report", "ReportInputs", "build_report"]


