"""Muscle-specific load flags: each a reason with its numbers and the strength of its evidence.

Pure functions over weekly (and optionally daily) per-muscle loads. legload never turns these
into an injury probability: the studies behind them report associations in particular groups
(novice runners, footballers), not a risk a runner can be told. Numbers and sources are in
:mod:`legload.models.risk.parameters`; ``docs/models/risk.md`` has the evidence table.

Rules (``p`` = this week's load / reference - 1, reference = last week or the mean of up to
SPIKE_MEAN_WEEKS earlier weeks, whichever gives the larger rise):

* ``load_spike`` — any muscle, ``p > 0.30`` and this week's load >= SPIKE_MIN_LOAD_J_KG.
  Nielsen et al. 2014, J Orthop Sports Phys Ther 44:739, doi:10.2519/jospt.2014.5164: novices
  progressing > 30 % had more distance-related injuries than < 10 % (HR 1.59, 95 % CI
  0.96-2.66, P = 0.07). Evidence ``weak``.
* ``shin_splints`` — tibialis anterior load spike in a runner with < NEW_RUNNER_YEARS of
  running. Medial tibial stress syndrome was 15 % of novice injuries (Nielsen et al. 2014, PLoS
  ONE 9:e99877); fewer years of running is a risk factor (Newman et al. 2013, Open Access J
  Sports Med 4:229). Evidence ``weak`` (the progression link is the weak one).
* ``eccentric_spike`` — quadriceps eccentric work added by the terrain (descents; level
  running's eccentric phases do not count) ``p > 0.30`` over the athlete's recent weeks, or
  after none, from ECCENTRIC_MIN_J_KG: damage and soreness in the unaccustomed (Maeo et al.
  2017, Sci Rep 7:5769), while the same descent every week protects (repeated-bout effect,
  Bontemps et al. 2020, Sports Med 50:2083). Evidence ``moderate`` — for muscle damage, not
  for injury.
* ``sprint_spike`` — hamstrings brief-effort seconds ``p > 0.30`` (or >= SPRINT_MIN_S after
  none): high-speed running above the usual raised hamstring-strain odds in footballers
  (Duhig et al. 2016, Br J Sports Med 50:1536: OR 6.44). Evidence ``moderate``.
* ``acwr_high`` — EWMA acute:chronic ratio >= 1.5 on the last day, once at least CHRONIC_DAYS of
  daily loads exist (Williams et al. 2017 EWMA; threshold from Gabbett 2016 [S]). A heuristic:
  Impellizzeri et al. 2020/2021 and Lolli et al. 2019 show the ratio adds little beyond the
  acute load and is coupled by construction. Evidence ``weak``.

Strength work: where the muscle had at least STRENGTH_PROTECTS_SETS hard sets a week over the
weeks checked, a ``load_spike``, ``shin_splints`` or ``sprint_spike`` reason adds that strength
training cut sports injuries to about a third (Lauersen et al. 2014, Br J Sports Med 48:871,
RR 0.315); shin-splint reasons always say that they ease as the lower-leg muscles get
stronger. The flag still fires: the trials measured injuries, not load spikes.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from legload.errors import ModelDomainError
from legload.models.risk.parameters import (
    LAUERSEN_2014_STRENGTH_RR,
    PUBLISHED,
    RiskParameters,
)

KINDS: tuple[str, ...] = (
    "load_spike",
    "shin_splints",
    "eccentric_spike",
    "sprint_spike",
    "acwr_high",
)
EVIDENCE_LEVELS: tuple[str, ...] = ("strong", "moderate", "weak", "expert opinion")
#: Evidence strength of each kind; the papers are named in docs/models/risk.md.
EVIDENCE: Mapping[str, str] = {
    "load_spike": "weak",
    "shin_splints": "weak",
    "eccentric_spike": "moderate",
    "sprint_spike": "moderate",
    "acwr_high": "weak",
}
#: Columns of a weekly per-muscle table (``terrain_eccentric_j_kg``: the eccentric work the
#: terrain added; ``strength_sets``: hard sets of strength work; both optional, 0 if absent).
WEEKLY_COLUMNS: tuple[str, ...] = ("load_j_kg", "eccentric_j_kg", "brief_effort_s",
                                   "terrain_eccentric_j_kg", "strength_sets")


@dataclass(frozen=True)
class RiskFlag:
    """One flag: which muscle, what kind, one sentence with the numbers, evidence strength.

    ``week`` is the label of the week the flag is about (the table's week value, or its
    position when the weeks were given as a plain sequence).
    """

    muscle: str
    kind: str
    reason: str
    evidence: str
    week: Any = None


def weekly_progression(loads: Sequence[Any]) -> list[Any]:
    """Week-on-week progression ``load[i] / load[i-1] - 1`` (a fraction: 0.6 = +60 %).

    ``loads`` is a sequence of weekly loads, either numbers or mappings muscle -> load (then
    the result is a list of mappings). The first week, and any week after a zero week, has
    ``None``: a rise from nothing has no ratio. Loads must be finite and >= 0.
    """
    if len(loads) and isinstance(loads[0], Mapping):
        muscles = list(loads[0])
        columns = {m: weekly_progression([float(week.get(m, 0.0)) for week in loads])
                   for m in muscles}
        return [{m: columns[m][i] for m in muscles} for i in range(len(loads))]
    values = [_check_load("load", v) for v in loads]
    out: list[Any] = [None]
    for before, now in itertools.pairwise(values):
        out.append(now / before - 1.0 if before > 0 else None)
    return out[: len(values)]


def ewma(values: Sequence[float] | np.ndarray, days: int) -> np.ndarray:
    """Exponentially weighted moving average with ``lambda = 2 / (days + 1)``.

    ``EWMA[t] = lambda * x[t] + (1 - lambda) * EWMA[t-1]``, ``EWMA[0] = x[0]`` (Williams et al.
    2017, Br J Sports Med 51:209, doi:10.1136/bjsports-2016-096589; the seed is legload's
    choice). Missing days must be given as 0 (a rest day), not left out.
    """
    if days < 1:
        raise ModelDomainError(f"EWMA window must be at least 1 day, got {days}")
    x = np.asarray(values, dtype=float)
    if x.ndim != 1 or not np.all(np.isfinite(x)) or np.any(x < 0):
        raise ModelDomainError("daily loads must be a 1-D sequence of finite numbers >= 0")
    lam = 2.0 / (days + 1.0)
    keep = 1.0 - lam
    out: list[float] = []
    previous = None
    for value in x.tolist():  # Python floats: the same IEEE operations, without numpy scalars
        previous = value if previous is None else lam * value + keep * previous
        out.append(previous)
    return np.array(out, dtype=float)


def ewma_acwr(
    daily_loads: Sequence[float] | np.ndarray,
    acute_days: int = PUBLISHED.acute_days,
    chronic_days: int = PUBLISHED.chronic_days,
) -> np.ndarray:
    """EWMA acute:chronic workload ratio for each day (NaN where the chronic EWMA is 0).

    ``ACWR[t] = EWMA_acute[t] / EWMA_chronic[t]`` with ``lambda = 2/(N+1)``, N = 7 and 28 days
    (Williams et al. 2017). A constant load gives exactly 1.0. Read it as a heuristic of a
    recent jump, not as a risk: the ratio adds little beyond the acute load and its terms are
    coupled (Impellizzeri et al. 2020, IJSPP 15:907; Impellizzeri et al. 2021, Sports Med
    51:581, doi:10.1007/s40279-020-01378-6; Lolli et al. 2019, Br J Sports Med 53:921).
    """
    if acute_days >= chronic_days:
        raise ModelDomainError("the acute window must be shorter than the chronic window")
    acute = ewma(daily_loads, acute_days)
    chronic = ewma(daily_loads, chronic_days)
    ratio = np.full_like(acute, np.nan)
    positive = chronic > 0
    ratio[positive] = acute[positive] / chronic[positive]
    return ratio


def risk_flags(
    weekly: pd.DataFrame | Mapping[str, Any],
    *,
    running_years: float | None = None,
    daily: pd.DataFrame | Mapping[str, Sequence[float]] | None = None,
    recent_weeks: int = 1,
    params: RiskParameters = PUBLISHED,
) -> list[RiskFlag]:
    """Flags for the last ``recent_weeks`` weeks of a per-muscle weekly load table.

    Parameters
    ----------
    weekly : either a long DataFrame with columns ``week, muscle, load_j_kg, eccentric_j_kg,
        brief_effort_s`` (weeks sortable), or a mapping muscle -> weekly rows in time order
        (a DataFrame indexed by week, or a sequence of mappings with those three keys).
        Missing columns count as 0.
    running_years : the runner's running history; ``None`` (unknown) disables ``shin_splints``.
    daily : optional daily loads (J/kg) per muscle, oldest first (mapping muscle -> sequence,
        or a DataFrame with one column per muscle) for the ``acwr_high`` flag.
    recent_weeks : how many of the latest weeks to check (1 = the last week only).
    params : thresholds and muscles of the rules, default the published set (:data:`PUBLISHED`).

    Returns flags ordered by week (oldest first), then muscle, then kind. No probabilities: each flag is a
    reason sentence with the numbers and an evidence word (see the module docstring).
    """
    if recent_weeks < 1:
        raise ModelDomainError(f"recent_weeks must be at least 1, got {recent_weeks}")
    if running_years is not None:
        _check_load("running_years", running_years)
    table = _weekly_table(weekly)
    new_runner = running_years is not None and running_years < params.new_runner_years
    keyed: list[tuple[int, str, int, RiskFlag]] = []
    order = {k: i for i, k in enumerate(KINDS)}

    def add(muscle: str, kind: str, reason: str, week: Any, age: int) -> None:
        keyed.append((-age, muscle, order[kind], _flag(muscle, kind, reason, week)))

    for muscle, frame in table.items():
        n = len(frame)
        for i in range(max(1, n - recent_weeks), n):
            for kind, reason in _week_reasons(muscle, frame, i, running_years if new_runner
                                              else None, params):
                add(muscle, kind, reason, frame.index[i], n - 1 - i)
    if daily is not None:
        for flag in _acwr_flags(daily, table, params):
            add(flag.muscle, flag.kind, flag.reason, flag.week, 0)
    return [entry[-1] for entry in sorted(keyed, key=lambda e: e[:3])]


# --- internals -------------------------------------------------------------------------------


def _week_reasons(muscle: str, frame: pd.DataFrame, i: int, new_runner_years: float | None,
                  params: RiskParameters) -> list[tuple[str, str]]:
    """(kind, reason) of each spike rule that fires for ``muscle`` in week ``i`` of ``frame``;
    ``new_runner_years`` is the running history of a new runner, else None."""
    history = frame.iloc[max(0, i - params.spike_mean_weeks) : i]
    now = frame.iloc[i]
    out = []
    spike = _spike(now["load_j_kg"], history["load_j_kg"], params.spike_min_load_j_kg, params)
    strength = _strength_note(frame.iloc[max(0, i - params.spike_mean_weeks) : i + 1], params)
    if spike:
        out.append(("load_spike", _load_reason(muscle, spike) + strength))
        if muscle == params.shin_muscle and new_runner_years is not None:
            out.append(("shin_splints", _shin_reason(spike, new_runner_years) + strength))
    if muscle in params.eccentric_spike_muscles:
        ecc = _spike(now["terrain_eccentric_j_kg"], history["terrain_eccentric_j_kg"],
                     params.eccentric_min_j_kg, params, from_zero=True)
        if ecc:
            out.append(("eccentric_spike", _eccentric_reason(muscle, ecc)))
    if muscle in params.sprint_spike_muscles:
        sprint = _spike(now["brief_effort_s"], history["brief_effort_s"], params.sprint_min_s,
                        params, from_zero=True)
        if sprint:
            out.append(("sprint_spike", _sprint_reason(muscle, sprint) + strength))
    return out


def _strength_note(weeks: pd.DataFrame, params: RiskParameters) -> str:
    """The sentence a flag gains when the muscle had regular strength work (else "")."""
    sets = float(weeks["strength_sets"].mean()) if len(weeks) else 0.0
    if sets < params.strength_protects_sets:
        return ""
    return (f" Your {sets:.1f} hard sets/week of strength work on this muscle lower the risk: "
            f"strength training cut sports injuries to about a third (Lauersen 2014, "
            f"RR {LAUERSEN_2014_STRENGTH_RR}).")


@dataclass(frozen=True)
class _Spike:
    now: float
    reference: float
    fraction: float | None  # None: a rise from nothing
    basis: str  # "week on week" | "above the N-week mean" | "after none"


def _spike(now: float, history: pd.Series, min_now: float, params: RiskParameters, *,
           from_zero: bool = False):
    """The larger qualifying rise of ``now`` over last week and over the recent mean."""
    if len(history) == 0 or now < min_now:
        return None
    last = float(history.iloc[-1])
    mean = float(history.mean())
    best: _Spike | None = None
    for reference, basis in ((last, "week on week"),
                             (mean, f"above the {len(history)}-week mean")):
        if reference > 0:
            fraction = now / reference - 1.0
            # rounded so that exactly +30 % (e.g. 100 -> 130 J/kg) is not a spike
            if round(fraction, 9) > params.spike_fraction and (
                best is None or fraction > best.fraction
            ):
                best = _Spike(now, reference, fraction, basis)
    if best is None and from_zero and float(history.max()) == 0.0:
        best = _Spike(now, 0.0, None, "after none")
    return best


def _pct(spike: _Spike) -> str:
    return f"{100 * spike.fraction:.0f} %"


def _name(muscle: str) -> str:
    return muscle.replace("_", " ")


def _load_reason(muscle: str, s: _Spike) -> str:
    return (
        f"{_name(muscle)} load rose {_pct(s)} {s.basis} ({s.reference:.0f} -> {s.now:.0f} J/kg); "
        "novices who progressed more than 30 % had more distance-related injuries "
        "(Nielsen 2014)."
    )


def _shin_reason(s: _Spike, running_years: float | None) -> str:
    return (
        f"tibialis anterior load rose {_pct(s)} {s.basis} (new runner, {running_years:g} years "
        "of running); shin splints (medial tibial stress syndrome) were 15 % of novice "
        "injuries (Nielsen 2014) and fewer years of running is a risk factor (Newman 2013); "
        "they ease as the lower-leg muscles get stronger: strength training cut sports "
        "injuries to about a third (Lauersen 2014)."
    )


def _eccentric_reason(muscle: str, s: _Spike) -> str:
    return (
        f"{_name(muscle)} eccentric (braking) work added by descents "
        + (f"rose {_pct(s)} {s.basis} ({s.reference:.0f} -> {s.now:.0f} J/kg)"
           if s.fraction is not None else f"reached {s.now:.0f} J/kg after none")
        + "; expect soreness and muscle damage when unaccustomed (Maeo 2017); the same "
        "descent repeated protects (Bontemps 2020)."
    )


def _sprint_reason(muscle: str, s: _Spike) -> str:
    if s.fraction is None:
        change = f"{s.now:.0f} s of sprint-type efforts after none in the previous weeks"
    else:
        change = (f"sprint-type efforts rose {_pct(s)} {s.basis} "
                  f"({s.reference:.0f} -> {s.now:.0f} s)")
    return (
        f"{_name(muscle)}: {change}; a sudden rise in high-speed running raised hamstring "
        "strain odds in footballers (Duhig 2016)."
    )


def _flag(muscle: str, kind: str, reason: str, week: Any) -> RiskFlag:
    return RiskFlag(muscle, kind, reason, EVIDENCE[kind], week)


def _acwr_flags(daily: pd.DataFrame | Mapping[str, Sequence[float]],
                table: Mapping[str, pd.DataFrame], params: RiskParameters) -> list[RiskFlag]:
    flags = []
    for muscle, series in daily.items():
        values = np.asarray(series, dtype=float)
        if len(values) < params.chronic_days:
            continue
        ratio = float(ewma_acwr(values, params.acute_days, params.chronic_days)[-1])
        if math.isfinite(ratio) and ratio >= params.acwr_high:
            week = table[muscle].index[-1] if muscle in table and len(table[muscle]) else None
            flags.append(_flag(
                str(muscle), "acwr_high",
                f"{_name(str(muscle))} EWMA acute:chronic load ratio {ratio:.2f} "
                f"(at or above {params.acwr_high}; a heuristic for a recent jump, not a risk: "
                "Impellizzeri 2021).",
                week,
            ))
    return flags


def _weekly_table(weekly: pd.DataFrame | Mapping[str, Any]) -> dict[str, pd.DataFrame]:
    """Normalise the accepted input shapes to muscle -> frame (index week, WEEKLY_COLUMNS)."""
    out: dict[str, pd.DataFrame] = {}
    if isinstance(weekly, pd.DataFrame):
        missing = {"week", "muscle"} - set(weekly.columns)
        if missing:
            raise ModelDomainError(f"weekly table lacks columns {sorted(missing)}")
        for muscle, group in weekly.groupby("muscle", sort=False):
            out[str(muscle)] = _frame(group.sort_values("week").set_index("week"))
        return out
    for muscle, rows in weekly.items():
        frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows))
        out[str(muscle)] = _frame(frame)
    return out


def _frame(frame: pd.DataFrame) -> pd.DataFrame:
    data = {c: (frame[c].astype(float) if c in frame else pd.Series(0.0, index=frame.index))
            for c in WEEKLY_COLUMNS}
    clean = pd.DataFrame(data, index=frame.index).fillna(0.0)
    values = clean.to_numpy()
    if not np.all(np.isfinite(values)) or np.any(values < 0):
        raise ModelDomainError("weekly loads must be finite numbers >= 0")
    return clean


def _check_load(name: str, value: float) -> float:
    value = float(value)
    if not math.isfinite(value) or value < 0:
        raise ModelDomainError(f"{name} must be a finite number >= 0, got {value}")
    return value


__all__ = [
    "EVIDENCE",
    "EVIDENCE_LEVELS",
    "KINDS",
    "PUBLISHED",
    "RiskFlag",
    "RiskParameters",
    "ewma",
    "ewma_acwr",
    "risk_flags",
    "weekly_progression",
]
