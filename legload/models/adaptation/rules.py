"""The rules behind :func:`legload.models.adaptation.model.expected_adaptation`, each returning data.

One week of one muscle (:class:`Week`, checked inputs) goes through four rules: the resistance
route (:func:`resistance_route`), the aerobic route in the untrained (:func:`aerobic_route`),
the moderators (:func:`moderators`: energy balance, protein, eccentric share) and the verdict
(:func:`verdict`: direction, size, confidence). Each returns a small frozen record saying which
branch applied and with what numbers; :mod:`legload.models.adaptation.text` turns the records
into the English drivers. The rules and their papers are in the model's module docstring.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from legload.errors import ModelDomainError
from legload.models.adaptation.dose import building_sets, is_trained_runner
from legload.models.adaptation.parameters import PUBLISHED, AdaptationParameters

CONFIDENCES: tuple[str, ...] = ("low", "medium", "high")


@dataclass(frozen=True)
class Week:
    """One muscle's week, as :func:`~legload.models.adaptation.model.expected_adaptation` got it.

    Attributes: ``endurance_load`` and ``eccentric_load`` [J/kg], ``sets`` (hard-set
    equivalents), training ages [years] and ``protein_g_kg`` (``None`` = unknown),
    ``energy_balance_kcal`` [kcal/day, + surplus; ``None`` = unknown], ``running_minutes_week``,
    ``strength_from_running`` (the part of ``sets`` from running efforts);
    ``terrain_eccentric_load`` [J/kg] the eccentric work the terrain added this week and
    ``eccentric_habit`` the athlete's recent weekly mean of it (``None`` = unknown);
    ``aerobic_minutes_week`` and ``aerobic_weeks`` the minutes a week and weeks of history of
    the aerobic modalities that load this muscle (``None``: running minutes, weeks unchecked);
    ``projected_lean_change_pct`` the body model's projected fat-free-mass change [%];
    ``sport`` the athlete's main endurance sport, for the words.
    """

    endurance_load: float
    sets: float
    eccentric_load: float
    running_years: float | None
    lifting_years: float | None
    energy_balance_kcal: float | None
    protein_g_kg: float | None
    running_minutes_week: float
    strength_from_running: float
    terrain_eccentric_load: float = 0.0
    eccentric_habit: float | None = None
    aerobic_minutes_week: float | None = None
    aerobic_weeks: float | None = None
    projected_lean_change_pct: float | None = None
    sport: str = "running"

    @property
    def deficit(self) -> float:
        """Energy deficit [kcal/day], 0 for a surplus or an unknown balance."""
        balance = self.energy_balance_kcal
        return max(0.0, -balance) if balance is not None else 0.0

    @property
    def building(self) -> float:
        """The hard sets that count toward size (:func:`~.dose.building_sets`)."""
        return building_sets(self.sets, self.strength_from_running, self.running_years)

    @property
    def mostly_running(self) -> bool:
        """At least half of the strength stimulus came from running efforts."""
        return self.sets > 0 and self.strength_from_running >= 0.5 * self.sets


@dataclass(frozen=True)
class ResistanceRoute:
    """What the hard sets give: ``rule`` is ``kept_by_running`` (a trained runner's sprints and
    hills), ``building``, ``below_dose`` or ``none``; for ``building``: the set ``category``, its
    ``mean_pct`` gain, whether the ``concurrent`` running and ``trained_lifter`` rules lowered the
    band; ``band`` is the (low, high) gain in % per 8-12 weeks after the deficit factors."""

    rule: str
    category: str = ""
    mean_pct: float = 0.0
    concurrent: bool = False
    trained_lifter: bool = False
    band: tuple[float, float] = (0.0, 0.0)


@dataclass(frozen=True)
class AerobicRoute:
    """``rule`` is ``new_runner`` (aerobic work may grow an untrained athlete's muscle:
    ``band``), ``not_loaded`` (untrained, but the modality does not load this muscle),
    ``too_soon`` (untrained, fewer than AEROBIC_GROWTH_MIN_WEEKS of it), ``too_little``
    (untrained, under the minutes), ``endurance_alone`` (trained, endurance work alone, no
    sets) or ``none``."""

    rule: str
    band: tuple[float, float] = (0.0, 0.0)


@dataclass(frozen=True)
class Moderators:
    """``energy``: ``unknown``, ``deficit`` or ``balanced``; ``protein``: ``unknown``, ``low``,
    ``plateau`` (each only when there is a growth band) or ``none``; ``eccentric``: whether
    the eccentric work the terrain added is novel for this athlete (:func:`novel_eccentric`)."""

    energy: str
    protein: str
    eccentric: bool


@dataclass(frozen=True)
class Verdict:
    """``direction`` and the ``rule`` that chose it (``band``, ``deficit``, ``some_sets``,
    ``endurance_only``, ``nothing``), ``size``, ``confidence`` and the growth ``band``."""

    direction: str
    rule: str
    size: str
    confidence: str
    band: tuple[float, float]


def non_negative(name: str, value: float) -> None:
    """Raise ModelDomainError unless ``value`` is a finite number >= 0."""
    if not math.isfinite(value) or value < 0:
        raise ModelDomainError(f"{name} must be a finite number >= 0, got {value}")


def set_category(sets: float, *, params: AdaptationParameters = PUBLISHED) -> tuple[str, float]:
    """Schoenfeld 2017's category for a weekly set count: (label, mean gain % per 8-12 weeks)."""
    non_negative("sets", sets)
    label, mean = params.set_category_labels[0], params.set_category_gain_pct[0][1]
    for (lower, pct), name in zip(params.set_category_gain_pct, params.set_category_labels,
                                  strict=True):
        if sets >= lower:
            label, mean = name, pct
    return label, mean


def deficit_factors(energy_balance_kcal: float | None, *,
                    params: AdaptationParameters = PUBLISHED) -> tuple[float, float]:
    """Multipliers (low end, high end) of the growth band for an energy balance (kcal/day).

    ``low = clip(1 - d/D_low, 0, 1)`` with D_low = 500 (Murphy & Koehler 2022: ~500 kcal/day
    prevented lean-mass gains) and ``high = clip(1 - d/D_high, 0, 1)`` with D_high = 1000 [M]
    (Garthe 2011: a slow loss still built lean mass), ``d = max(0, -energy_balance_kcal)``.
    Unknown balance -> (1, 1).
    """
    if energy_balance_kcal is None:
        return 1.0, 1.0
    deficit = max(0.0, -float(energy_balance_kcal))
    low = min(1.0, max(0.0, 1.0 - deficit / params.deficit_no_gain_kcal))
    high = min(1.0, max(0.0, 1.0 - deficit / params.deficit_no_gain_high_kcal))
    return low, high


def resistance_route(week: Week, params: AdaptationParameters = PUBLISHED) -> ResistanceRoute:
    """Building band from the hard sets: category mean x (1 -/+ spread), x the concurrent and
    trained-lifter factors, x the deficit factors (Schoenfeld 2017; Wilson 2012)."""
    sets = building_sets(week.sets, week.strength_from_running, week.running_years,
                         params=params)
    trained_runner = is_trained_runner(week.running_years, params=params)
    if (trained_runner and sets < params.build_min_sets <= week.sets
            and week.strength_from_running > 0):
        # building from sprints and hills is expected only in the untrained [M] (Steele 2021)
        return ResistanceRoute("kept_by_running")
    if sets < params.build_min_sets:
        return ResistanceRoute("below_dose" if sets > 0 else "none")
    label, mean = set_category(sets, params=params)
    lo = mean * (1.0 - params.intrinsic_spread)
    hi = mean * (1.0 + params.intrinsic_spread)
    concurrent = week.running_minutes_week >= params.concurrent_min_run_minutes
    if concurrent:
        lo *= params.concurrent_low_factor
    trained = week.lifting_years is not None and week.lifting_years >= params.trained_lifter_years
    if trained:
        lo *= params.trained_lifter_factor
        hi *= params.trained_lifter_factor
    low_def, high_def = deficit_factors(week.energy_balance_kcal, params=params)
    return ResistanceRoute("building", label, mean, concurrent, trained,
                           (lo * low_def, hi * high_def))


def aerobic_route(week: Week, params: AdaptationParameters = PUBLISHED) -> AerobicRoute:
    """Aerobic growth band (0, 6 % x the high deficit factor) in the untrained (Harber 2012),
    only for a muscle the modality loads (``aerobic_minutes_week`` counts only those
    modalities) and after AEROBIC_GROWTH_MIN_WEEKS of it; else the rule that said no."""
    years = week.running_years
    if years is None or week.endurance_load < params.endurance_min_j_kg:
        return AerobicRoute("none")
    if years >= params.aerobic_growth_max_running_years:
        return AerobicRoute("endurance_alone" if week.sets == 0 else "none")
    minutes = (week.running_minutes_week if week.aerobic_minutes_week is None
               else week.aerobic_minutes_week)
    enough = params.aerobic_growth_min_run_minutes
    if minutes < enough:
        # the muscle worked, yet no modality that loads it hard was done: not loaded
        return AerobicRoute("not_loaded" if week.aerobic_minutes_week == 0 else "too_little")
    if week.aerobic_weeks is not None and week.aerobic_weeks < params.aerobic_growth_min_weeks:
        return AerobicRoute("too_soon")
    _, high_def = deficit_factors(week.energy_balance_kcal, params=params)
    return AerobicRoute("new_runner", (0.0, max(params.aerobic_growth_pct) * high_def))


def moderators(week: Week, has_band: bool,
               params: AdaptationParameters = PUBLISHED) -> Moderators:
    """Energy balance, protein (Morton 2018) and eccentric share of the week."""
    energy = "deficit" if week.deficit > 0 else "balanced"
    if week.energy_balance_kcal is None:
        energy = "unknown"
    protein = "none"
    if has_band:
        if week.protein_g_kg is None:
            protein = "unknown"
        else:
            protein = "low" if week.protein_g_kg < params.protein_plateau_g_kg else "plateau"
    return Moderators(energy, protein, novel_eccentric(week.terrain_eccentric_load,
                                                       week.eccentric_habit, params))


def novel_eccentric(terrain_eccentric_j_kg: float, habit_j_kg: float | None,
                    params: AdaptationParameters = PUBLISHED) -> bool:
    """A week's terrain-added eccentric work is novel: at least NOVEL_ECCENTRIC_J_KG and more
    than 1.3 x the athlete's recent weekly mean (unknown habit = none). Unaccustomed descents
    damage muscle (Maeo 2017); one prior exposure protects (repeated-bout effect, Bontemps
    2020), so the same descent every week is not novel [M for the thresholds]."""
    habit = habit_j_kg or 0.0
    return (terrain_eccentric_j_kg >= params.novel_eccentric_j_kg
            and terrain_eccentric_j_kg > 1.3 * habit)


def penalties(resistance: ResistanceRoute, week: Week, moderated: Moderators) -> int:
    """Steps the confidence drops: concurrent running, sets mostly from running, an unknown or
    negative energy balance, unknown protein with a growth band."""
    return (int(resistance.concurrent) + int(week.mostly_running)
            + int(moderated.energy != "balanced") + int(moderated.protein == "unknown"))


def verdict(week: Week, resistance: ResistanceRoute, aerobic: AerobicRoute, penalty: int,
            params: AdaptationParameters = PUBLISHED) -> Verdict:
    """Direction (building > maintaining > endurance_only > losing), size band and confidence."""
    low = max(resistance.band[0], aerobic.band[0])
    high = max(resistance.band[1], aerobic.band[1])
    mid = 0.5 * (low + high)
    if mid >= params.building_min_pct:
        direction, rule = "building", "band"
    elif week.sets < params.build_min_sets and week.deficit >= params.losing_deficit_kcal:
        direction, rule = "losing", "deficit"
    elif week.sets > 0:
        direction, rule = "maintaining", "some_sets"
    elif week.endurance_load >= params.endurance_min_j_kg:
        direction, rule = "endurance_only", "endurance_only"
    else:
        direction, rule = "maintaining", "nothing"
    if aerobic.band[1] > 0 and resistance.band[1] == 0:
        return Verdict(direction, rule, "small", "low", (low, high))
    size = _size(direction, mid, week, params)
    building_dose = direction == "building" and week.building >= params.set_category_gain_pct[1][0]
    start = 2 if building_dose else 1
    return Verdict(direction, rule, size, CONFIDENCES[max(0, start - penalty)], (low, high))


def _size(direction: str, mid: float, week: Week, params: AdaptationParameters) -> str:
    """Size band of the change: the growth band's midpoint when building; when losing, the
    projected fat-free-mass change (the same % bands; each muscle taken to change as the
    whole body's fat-free mass [M]), else the deficit."""
    if direction == "losing" and week.projected_lean_change_pct is not None:
        mid = -week.projected_lean_change_pct
    elif direction == "losing":
        return "moderate" if week.deficit >= params.losing_moderate_deficit_kcal else "small"
    if direction in ("building", "losing"):
        if mid < params.size_band_pct[0]:
            return "small"
        return "moderate" if mid < params.size_band_pct[1] else "large"
    return "small"


__all__ = [
    "CONFIDENCES", "AerobicRoute", "Moderators", "ResistanceRoute", "Verdict", "Week",
    "aerobic_route", "deficit_factors", "moderators", "non_negative", "novel_eccentric",
    "penalties",
    "resistance_route", "set_category", "verdict",
]
