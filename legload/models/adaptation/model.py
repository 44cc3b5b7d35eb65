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
Harber 2014; Ozaki 2013, 2015): band (0, 6 %) x the deficit factors, low confidence.

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
from legload.models.adaptation import parameters as A

DIRECTIONS: tuple[str, ...] = ("losing", "endurance_only", "maintaining", "building")
SIZES: tuple[str, ...] = ("small", "moderate", "large")
CONFIDENCES: tuple[str, ...] = ("low", "medium", "high")


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


def brief_effort_sets(brief_effort_s: float) -> float:
    """Hard-set equivalents of a week's brief near-maximal running efforts (legload convention).

    ``sets = min(brief_effort_s / BRIEF_EFFORT_S_PER_SET, BRIEF_EFFORT_MAX_SETS)`` — 30 s of
    sprint-type effort count as one set, at most 4 a week [M]; the cap reflects Steele et al.
    2021 (Sports 9:155, doi:10.3390/sports9110155): interval vs continuous endurance training
    made no difference to fat-free mass. Valid for ``brief_effort_s >= 0``.
    """
    _non_negative("brief_effort_s", brief_effort_s)
    return min(brief_effort_s / A.BRIEF_EFFORT_S_PER_SET, A.BRIEF_EFFORT_MAX_SETS)


def strength_stimulus(lifting_sets: float, brief_effort_s: float = 0.0) -> float:
    """Weekly strength stimulus of a muscle: lifting hard-set equivalents + running efforts.

    ``lifting_sets`` come from :func:`legload.models.exercise.library.hard_set_equivalents`;
    ``brief_effort_s`` from the muscle ledger (``brief_effort_s`` summed over the week).
    """
    _non_negative("lifting_sets", lifting_sets)
    return float(lifting_sets) + brief_effort_sets(brief_effort_s)


def set_category(sets: float) -> tuple[str, float]:
    """Schoenfeld 2017's category for a weekly set count: (label, mean gain % per 8-12 weeks)."""
    _non_negative("sets", sets)
    label, mean = A.SET_CATEGORY_LABELS[0], A.SET_CATEGORY_GAIN_PCT[0][1]
    for (lower, pct), name in zip(A.SET_CATEGORY_GAIN_PCT, A.SET_CATEGORY_LABELS, strict=True):
        if sets >= lower:
            label, mean = name, pct
    return label, mean


def deficit_factors(energy_balance_kcal: float | None) -> tuple[float, float]:
    """Multipliers (low end, high end) of the growth band for an energy balance (kcal/day).

    ``low = clip(1 - d/500, 0, 1)`` (Murphy & Koehler 2022: ~500 kcal/day prevented lean-mass
    gains) and ``high = clip(1 - d/1000, 0, 1)`` [M] (Garthe 2011: a slow loss still built
    lean mass), with ``d = max(0, -energy_balance_kcal)``. Unknown balance -> (1, 1).
    """
    if energy_balance_kcal is None:
        return 1.0, 1.0
    deficit = max(0.0, -float(energy_balance_kcal))
    low = min(1.0, max(0.0, 1.0 - deficit / A.DEFICIT_NO_GAIN_KCAL))
    high = min(1.0, max(0.0, 1.0 - deficit / A.DEFICIT_NO_GAIN_HIGH_KCAL))
    return low, high


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
) -> Adaptation:
    """Expected direction, size band and confidence of one muscle's adaptation.

    Parameters
    ----------
    endurance_load : J/kg of low-intensity (below the high-activation threshold) work this week.
    strength_stimulus : hard-set equivalents this week (see :func:`strength_stimulus`).
    eccentric_load : J/kg of eccentric (negative) work this week.
    running_years, lifting_years : training age; ``None`` = unknown.
    energy_balance_kcal : kcal/day, positive = surplus, negative = deficit; ``None`` = unknown.
    protein_g_kg : protein intake g/kg/day; ``None`` = unknown.
    running_minutes_week : weekly running minutes (the concurrent endurance volume).
    strength_from_running : the part of ``strength_stimulus`` that came from running efforts.

    The rules and their papers are in the module docstring and ``docs/models/adaptation.md``.
    Raises ModelDomainError for negative loads, minutes or years, or non-finite inputs.
    """
    for name, value in (
        ("endurance_load", endurance_load),
        ("strength_stimulus", strength_stimulus),
        ("eccentric_load", eccentric_load),
        ("running_minutes_week", running_minutes_week),
        ("strength_from_running", strength_from_running),
    ):
        _non_negative(name, value)
    for name, value in (
        ("running_years", running_years),
        ("lifting_years", lifting_years),
        ("protein_g_kg", protein_g_kg),
    ):
        if value is not None:
            _non_negative(name, value)
    if energy_balance_kcal is not None and not math.isfinite(energy_balance_kcal):
        raise ModelDomainError(f"energy_balance_kcal must be finite, got {energy_balance_kcal}")

    sets = float(strength_stimulus)
    deficit = max(0.0, -energy_balance_kcal) if energy_balance_kcal is not None else 0.0
    low_def, high_def = deficit_factors(energy_balance_kcal)
    drivers: list[str] = []
    penalties = 0

    # --- resistance route --------------------------------------------------------------------
    rt_band = (0.0, 0.0)
    mostly_running = sets > 0 and strength_from_running >= 0.5 * sets
    trained_runner = running_years is not None and running_years >= A.AEROBIC_GROWTH_MAX_RUNNING_YEARS
    if mostly_running and trained_runner and sets >= A.BUILD_MIN_SETS:
        # sprints and hills keep muscle in trained runners; building from them is expected only
        # in the untrained (model choice [M], consistent with Steele 2021: no fat-free-mass
        # difference between interval and continuous running)
        drivers.append(
            f"{sets:.2g} hard sets/week, mostly sprints/hills: enough to keep muscle in a "
            f"runner of {running_years:g} years, not counted as a building dose (model choice)"
        )
    elif sets >= A.BUILD_MIN_SETS:
        label, mean = set_category(sets)
        lo = mean * (1.0 - A.INTRINSIC_SPREAD)
        hi = mean * (1.0 + A.INTRINSIC_SPREAD)
        drivers.append(
            f"{sets:.3g} hard sets/week: within the {label} range associated with about "
            f"+{mean:.1f} % muscle size in 8-12 weeks, +{A.PCT_GAIN_PER_WEEKLY_SET} % per "
            "extra weekly set (Schoenfeld, Ogborn & Krieger 2017)"
        )
        if running_minutes_week >= A.CONCURRENT_MIN_RUN_MINUTES:
            lo *= A.CONCURRENT_LOW_FACTOR
            penalties += 1
            drivers.append(
                f"{running_minutes_week:.0f} min/week of running alongside: from no loss of "
                f"whole-muscle growth (Schumann 2022, SMD {A.SCHUMANN_2022_HYPERTROPHY_SMD}) "
                f"to about {100 * (1 - A.CONCURRENT_LOW_FACTOR):.0f} % less (Wilson 2012, "
                f"ES 0.85 vs 1.23); fibre-level penalty with running (Lundberg 2022, SMD "
                f"{A.LUNDBERG_2022_FIBRE_SMD})"
            )
        if lifting_years is not None and lifting_years >= A.TRAINED_LIFTER_YEARS:
            lo *= A.TRAINED_LIFTER_FACTOR
            hi *= A.TRAINED_LIFTER_FACTOR
            drivers.append(
                f"{lifting_years:.0f} years of lifting: gains come more slowly to the "
                "trained (model choice: band halved)"
            )
        rt_band = (lo * low_def, hi * high_def)
    elif sets > 0:
        drivers.append(
            f"{sets:.2g} hard sets/week: below the {A.BUILD_MIN_SETS:g} sets legload counts "
            "as a building dose; some strength stimulus helps keep what is there"
        )
    if mostly_running:
        penalties += 1
        drivers.append(
            "strength stimulus mostly from sprints/strides: counted by a legload convention "
            "(30 s = 1 set, at most 4/week); interval vs continuous running made no "
            "difference to fat-free mass (Steele 2021)"
        )

    # --- aerobic route in the untrained --------------------------------------------------------
    aero_band = (0.0, 0.0)
    new_to_running = running_years is not None and running_years < A.AEROBIC_GROWTH_MAX_RUNNING_YEARS
    if (
        new_to_running
        and endurance_load >= A.ENDURANCE_MIN_J_KG
        and running_minutes_week >= A.AEROBIC_GROWTH_MIN_RUN_MINUTES
    ):
        aero_band = (0.0, max(A.HARBER_2012_QUADRICEPS_GAIN_PCT) * high_def)
        drivers.append(
            f"new to running ({running_years:g} years): aerobic training grew the quadriceps "
            f"{A.HARBER_2012_QUADRICEPS_GAIN_PCT[0]:g}-{A.HARBER_2012_QUADRICEPS_GAIN_PCT[1]:g} % "
            "in 12 weeks in untrained men (Harber 2012; Konopka & Harber 2014), little in "
            "trained young runners (Ozaki 2013)"
        )
    elif running_years is not None and endurance_load >= A.ENDURANCE_MIN_J_KG and sets == 0:
        drivers.append(
            f"{running_years:g} years of running: endurance work alone builds little muscle "
            "once trained (Wilson 2012 endurance-only ES 0.27; Ozaki 2013)"
        )

    low = max(rt_band[0], aero_band[0])
    high = max(rt_band[1], aero_band[1])
    mid = 0.5 * (low + high)
    has_band = high > 0.0

    # --- energy and protein --------------------------------------------------------------------
    if energy_balance_kcal is None:
        penalties += 1
        drivers.append("energy balance unknown: a deficit of ~500 kcal/day can stop gains")
    elif deficit > 0:
        penalties += 1
        drivers.append(
            f"{deficit:.0f} kcal/day deficit: a deficit of ~{A.DEFICIT_NO_GAIN_KCAL:.0f} "
            "kcal/day prevented lean-mass gains (Murphy & Koehler 2022); a slow loss of "
            "0.7 %/week still built lean mass with strength training (Garthe 2011)"
        )
    if protein_g_kg is None:
        if has_band:
            penalties += 1
            drivers.append("protein intake unknown")
    elif protein_g_kg < A.PROTEIN_PLATEAU_G_KG and has_band:
        drivers.append(
            f"protein {protein_g_kg:.1f} g/kg/day: below the ~{A.PROTEIN_PLATEAU_G_KG} g/kg/day "
            f"plateau; more protein added about {A.PROTEIN_FFM_GAIN_KG} kg fat-free mass "
            "during strength training (Morton 2018)"
        )
    elif has_band:
        drivers.append(
            f"protein {protein_g_kg:.1f} g/kg/day: at or above the "
            f"~{A.PROTEIN_PLATEAU_G_KG} g/kg/day beyond which no further gain was found "
            "(Morton 2018)"
        )
    total = endurance_load + eccentric_load
    if total > 0 and eccentric_load / total >= A.ECCENTRIC_NOTE_SHARE:
        drivers.append(
            f"eccentric load {eccentric_load:.0f} J/kg is most of this muscle's work: "
            "downhill braking damages unaccustomed muscle and protects it on repeat "
            "(Bontemps 2020); not counted as growth"
        )

    # --- direction ---------------------------------------------------------------------------
    if mid >= A.BUILDING_MIN_PCT:
        direction = "building"
    elif sets < A.BUILD_MIN_SETS and deficit >= A.LOSING_DEFICIT_KCAL:
        direction = "losing"
        drivers.append(
            f"no building dose in a {deficit:.0f} kcal/day deficit: lean mass is likely to "
            "be lost (Murphy & Koehler 2022)"
        )
    elif sets > 0:
        direction = "maintaining"
    elif endurance_load >= A.ENDURANCE_MIN_J_KG:
        direction = "endurance_only"
        drivers.append(
            f"{endurance_load:.0f} J/kg of low-intensity work and no strength stimulus: "
            "trains fatigue resistance, not size (Wilson 2012: endurance-only ES 0.27 vs 1.23)"
        )
    else:
        direction = "maintaining"
        drivers.append("no training stimulus recorded for this muscle this week")

    size = _size(direction, mid, deficit)
    route_aerobic_only = aero_band[1] > 0 and rt_band[1] == 0
    if route_aerobic_only:
        size, confidence = "small", "low"
    else:
        start = 2 if direction == "building" and sets >= A.SET_CATEGORY_GAIN_PCT[1][0] else 1
        confidence = CONFIDENCES[max(0, start - penalties)]
    growth = (round(low, 1), round(high, 1)) if has_band else None
    return Adaptation(direction, size, confidence, drivers, growth)


def _size(direction: str, mid: float, deficit: float) -> str:
    if direction == "building":
        if mid < A.SIZE_BAND_PCT[0]:
            return "small"
        return "moderate" if mid < A.SIZE_BAND_PCT[1] else "large"
    if direction == "losing" and deficit >= A.LOSING_MODERATE_DEFICIT_KCAL:
        return "moderate"
    return "small"


def _non_negative(name: str, value: float) -> None:
    if not math.isfinite(value) or value < 0:
        raise ModelDomainError(f"{name} must be a finite number >= 0, got {value}")


__all__ = [
    "CONFIDENCES",
    "DIRECTIONS",
    "SIZES",
    "Adaptation",
    "brief_effort_sets",
    "deficit_factors",
    "expected_adaptation",
    "set_category",
    "strength_stimulus",
]
