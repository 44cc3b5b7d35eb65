"""Expected adaptation of one muscle group to one week of training: direction, size, confidence.

Pure rules over a muscle's weekly stimulus and the athlete's moderators; every number comes
from :mod:`legload.models.adaptation.parameters`, where each has its source and a tag ([R] read
at the source, [S] secondary, [M] model choice). ``docs/models/adaptation.md`` explains the
rules and gives the evidence table.

The model, in one paragraph. Hard-set equivalents per week pick a meta-analytic category
(Schoenfeld, Ogborn & Krieger 2017, J Sports Sci 35:1073, doi:10.1080/02640414.2016.1210197:
<5, 5-9, 10+ sets -> mean gain over a study's 8-12 weeks); the category mean gives a band
``mean x (1 -/+ INTRINSIC_SPREAD)``. Moderators scale the two ends separately, so that where
the literature disagrees the band shows the range rather than a single number:

* concurrent running (>= CONCURRENT_MIN_RUN_MINUTES a week): low end x 0.85/1.23 (Wilson et al.
  2012, JSCR 26:2293), high end x 1.0 (Schumann et al. 2022, Sports Med 52:601: SMD -0.01);
* energy deficit d (kcal/day): low end x max(0, 1 - d/500) (Murphy & Koehler 2022, Scand J Med
  Sci Sports 32:125), high end x max(0, 1 - d/1000) (Garthe et al. 2011, IJSNEM 21:97: slow
  weight loss kept gaining lean mass) [M];
* lifting for >= TRAINED_LIFTER_YEARS: both ends halved [M].

In the untrained (running < 1 year) a new aerobic volume may build a little on its own (Harber
et al. 2012, J Appl Physiol 113:1495: +5-6 % quadriceps in 12 weeks of cycling; Konopka &
Harber 2014; Ozaki 2013, 2015), but only in the muscles the modality loads
(NOVICE_AEROBIC_MUSCLES: cycling the quadriceps; running the calves and hip extensors, not
tibialis anterior or peroneals) and after AEROBIC_GROWTH_MIN_WEEKS (8) of it: band (0, 6 %)
x the deficit factors, low confidence. Sprint sets of a trained runner are not a building
dose (:mod:`legload.models.adaptation.dose`).

Direction: ``building`` if the band's midpoint >= BUILDING_MIN_PCT; else ``losing`` when
there is no building stimulus (< BUILD_MIN_SETS) and the deficit is >= LOSING_DEFICIT_KCAL;
else ``maintaining`` when any strength stimulus is present; else ``endurance_only`` when the
muscle did low-intensity work; else ``maintaining`` (nothing recorded; detraining takes weeks).
The rules are monotone: more hard sets never lower the direction (losing < endurance_only <
maintaining < building) nor the band; a larger deficit never raises them.

Valid range: adults; weekly stimulus >= 0; deficits and surpluses as kcal/day (positive =
surplus). Negative stimulus raises :class:`~legload.errors.ModelDomainError`. Outputs are bands
and words, never a single predicted number.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from legload.errors import ModelDomainError
from legload.models.adaptation.dose import sprint_sets
from legload.models.adaptation.parameters import PUBLISHED, AdaptationParameters
from legload.models.adaptation.rules import (
    CONFIDENCES,
    Week,
    aerobic_route,
    deficit_factors,
    moderators,
    non_negative,
    penalties,
    resistance_route,
    set_category,
    verdict,
)
from legload.models.adaptation.text import drivers

DIRECTIONS: tuple[str, ...] = ("losing", "endurance_only", "maintaining", "building")
SIZES: tuple[str, ...] = ("small", "moderate", "large")


@dataclass(frozen=True)
class Adaptation:
    """Expected adaptation of one muscle over the next 8-12 weeks at this week's training.

    Attributes:
        direction: ``building | maintaining | endurance_only | losing``.
        size: ``small | moderate | large`` band.
        confidence: ``low | medium | high``.
        drivers: one-line human reasons, each naming its paper.
        growth_pct_range: (low, high) growth in % per 8-12 weeks where the literature gives a
            number, else ``None``.
    """

    direction: str
    size: str
    confidence: str
    drivers: list[str] = field(default_factory=list)
    growth_pct_range: tuple[float, float] | None = None


def brief_effort_sets(brief_effort_s: float, *,
                      params: AdaptationParameters = PUBLISHED) -> float:
    """Hard-set equivalents of a week's brief near-maximal running efforts (legload convention).

    ``sets = min(brief_effort_s / S, N)`` with S = BRIEF_EFFORT_S_PER_SET = 30 s of
    sprint-type effort per set and at most N = BRIEF_EFFORT_MAX_SETS = 4 a week [M]; the cap
    reflects Steele et al. 2021 (Sports 9:155, doi:10.3390/sports9110155): interval vs
    continuous endurance training made no difference to fat-free mass. Valid for
    ``brief_effort_s >= 0``. ``params`` defaults to the published set.
    """
    return sprint_sets(brief_effort_s, params=params)


def strength_stimulus(lifting_sets: float, brief_effort_s: float = 0.0, *,
                      params: AdaptationParameters = PUBLISHED) -> float:
    """Weekly strength stimulus of a muscle: lifting hard-set equivalents + running efforts.

    ``lifting_sets`` come from :func:`legload.models.exercise.library.hard_set_equivalents`;
    ``brief_effort_s`` from the muscle ledger (``brief_effort_s`` summed over the week).
    """
    non_negative("lifting_sets", lifting_sets)
    return float(lifting_sets) + brief_effort_sets(brief_effort_s, params=params)


def _checked_week(endurance_load: float, sets: float, eccentric_load: float,
                  **moderators: float | str | None) -> Week:
    """The inputs as a :class:`Week`, after the domain checks of :func:`expected_adaptation`."""
    for name, value in (("endurance_load", endurance_load), ("strength_stimulus", sets),
                        ("eccentric_load", eccentric_load),
                        ("running_minutes_week", moderators["running_minutes_week"]),
                        ("strength_from_running", moderators["strength_from_running"]),
                        ("terrain_eccentric_load", moderators["terrain_eccentric_load"])):
        non_negative(name, value)
    for name in ("running_years", "lifting_years", "protein_g_kg", "eccentric_habit",
                 "aerobic_minutes_week", "aerobic_weeks"):
        if moderators[name] is not None:
            non_negative(name, moderators[name])
    lean = moderators["projected_lean_change_pct"]
    if lean is not None and not math.isfinite(lean):
        raise ModelDomainError(f"projected_lean_change_pct must be finite, got {lean}")
    balance = moderators["energy_balance_kcal"]
    if balance is not None and not math.isfinite(balance):
        raise ModelDomainError(f"energy_balance_kcal must be finite, got {balance}")
    return Week(endurance_load, float(sets), eccentric_load, **moderators)


def expected_adaptation(
    endurance_load: float,
    strength_stimulus: float,
    eccentric_load: float = 0.0,
    *,
    running_years: float | None = None,
    lifting_years: float | None = None,
    energy_balance_kcal: float | None = None,
    protein_g_kg: float | None = None,
    running_minutes_week: float = 0.0,
    strength_from_running: float = 0.0,
    terrain_eccentric_load: float = 0.0,
    eccentric_habit: float | None = None,
    aerobic_minutes_week: float | None = None,
    aerobic_weeks: float | None = None,
    projected_lean_change_pct: float | None = None,
    sport: str = "running",
    params: AdaptationParameters = PUBLISHED,
) -> Adaptation:
    """Expected direction, size band and confidence of one muscle's adaptation.

    Loads in J/kg this week (``endurance_load`` below the high-activation threshold,
    ``eccentric_load`` negative work), ``strength_stimulus`` in hard-set equivalents
    (:func:`strength_stimulus`); the moderators are optional (``None`` = unknown) and listed
    with their units in docs/models/adaptation.md, "Arguments". Building band (Schoenfeld,
    Ogborn & Krieger 2017, doi:10.1080/02640414.2016.1210197; Wilson et al. 2012,
    doi:10.1519/JSC.0b013e31823a3e2d; Murphy & Koehler 2022, doi:10.1111/sms.14075)::

        band = (m (1 - s) c_run c_lift f_low, m (1 + s) c_lift f_high)

    m the category mean gain, s the spread, c the concurrent-running and trained-lifter
    factors, f the deficit factors (:func:`deficit_factors`); ``params`` holds every number
    (default the published set). The rules are in :mod:`legload.models.adaptation.rules`.
    Raises ModelDomainError for negative loads, minutes or years, or non-finite inputs.
    """
    week = _checked_week(
        endurance_load, strength_stimulus, eccentric_load, running_years=running_years,
        lifting_years=lifting_years, energy_balance_kcal=energy_balance_kcal,
        protein_g_kg=protein_g_kg, running_minutes_week=running_minutes_week,
        strength_from_running=strength_from_running,
        terrain_eccentric_load=terrain_eccentric_load, eccentric_habit=eccentric_habit,
        aerobic_minutes_week=aerobic_minutes_week, aerobic_weeks=aerobic_weeks,
        projected_lean_change_pct=projected_lean_change_pct, sport=sport)
    resistance = resistance_route(week, params)
    aerobic = aerobic_route(week, params)
    has_band = max(resistance.band[1], aerobic.band[1]) > 0.0
    found = moderators(week, has_band, params)
    result = verdict(week, resistance, aerobic, penalties(resistance, week, found), params)
    low, high = result.band
    growth = (round(low, 1), round(high, 1)) if has_band else None
    text = drivers(week, resistance, aerobic, found, result, params)
    return Adaptation(result.direction, result.size, result.confidence, text, growth)


__all__ = [
    "CONFIDENCES",
    "DIRECTIONS",
    "PUBLISHED",
    "SIZES",
    "Adaptation",
    "AdaptationParameters",
    "brief_effort_sets",
    "deficit_factors",
    "expected_adaptation",
    "set_category",
    "strength_stimulus",
]
