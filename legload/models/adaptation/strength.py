"""Strength outlook of one muscle: expected change in maximal force from its weekly dose.

Size and strength are different adaptations: "running builds endurance as opposed to
strength". The outlook gives, beside each muscle's size verdict, the pre-post effect size of
maximal strength that the weekly hard sets (lifting plus near-maximal running efforts, the one
definition of :mod:`legload.models.adaptation.dose`) are associated with over a study's
8-12 weeks.

Equation: ``es = band(sets) x f_lift`` with ``band`` Ralston et al. 2017's 95 % CIs of the
pre-post strength ES (< 5 weekly sets: 0.47-1.17; 10+: 0.70-1.32; 5-9 spanning both [M]) and
``f_lift`` = 0.5 after TRAINED_LIFTER_YEARS of lifting [M]. Below BUILD_MIN_SETS (2) hard sets
a week (sprint sets of a trained runner do not count toward it, as for size): ``maintaining``
when there is some near-maximal work, ``not_gaining`` when there is none. Moderators
named, not applied: an energy deficit did not impair strength gains (Murphy & Koehler 2022,
ES -0.31, p = 0.28); concurrent running barely changed maximal strength (Schumann 2022, SMD
-0.06); frequency matters little once volume is equated (Grgic 2018). Valid for adults;
weekly sets >= 0. An effect size, not a percentage: the studies' tests (1RM of a lift) do not
map onto one muscle's force.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from legload.models.adaptation.dose import StrengthDose
from legload.models.adaptation.parameters import PUBLISHED, AdaptationParameters
from legload.models.sources import Source

RALSTON_2017 = Source(
    citation=(
        "Ralston GW, Kilgore L, Wyatt FB, Baker JS (2017) The effect of weekly set volume on "
        "strength gain: a meta-analysis. Sports Med 47(12):2585-2601"
    ),
    doi="10.1007/s40279-017-0762-7",
    note=(
        "[R] abstract (PMC5684266): 61 treatment groups from 9 studies; pre-post strength ES "
        "0.82 (95 % CI 0.47-1.17) with < 5 weekly sets per exercise, 1.01 (0.70-1.32) with "
        "10+; higher vs lower ES difference 0.18 (0.06-0.30). Mean study length about 11 "
        "weeks [S]."
    ),
)
GRGIC_2018 = Source(
    citation=(
        "Grgic J, Schoenfeld BJ, Davies TB, Lazinica B, Krieger JW, Pedisic Z (2018) Effect "
        "of resistance training frequency on gains in muscular strength: a systematic review "
        "and meta-analysis. Sports Med 48(5):1207-1220"
    ),
    doi="10.1007/s40279-018-0872-x",
    note="[M] recalled: higher frequency raised strength, not once volume was equated.",
)
SCHOENFELD_2021 = Source(
    citation=(
        "Schoenfeld BJ, Grgic J, Van Every DW, Plotkin DL (2021) Loading recommendations for "
        "muscle strength, hypertrophy, and local endurance: a re-examination of the "
        "repetition continuum. Sports 9(2):32"
    ),
    doi="10.3390/sports9020032",
    note="[M] recalled: maximal strength gains are largest with heavy loads (near-maximal "
         "efforts); used only to count sprints, near-maximal efforts, toward force.",
)

#: Strength effect size bands (pre-post, over ~11 weeks) by weekly sets: (lower bound of the
#: category, (low, high) ES).  [R] Ralston 2017's CIs for < 5 and 10+; 5-9 spans both [M].
STRENGTH_ES_BANDS: tuple[tuple[float, tuple[float, float]], ...] = (
    (0.0, (0.47, 1.17)), (5.0, (0.47, 1.32)), (10.0, (0.70, 1.32)))

STRENGTH_SOURCES: tuple[Source, ...] = (RALSTON_2017, GRGIC_2018, SCHOENFELD_2021)


@dataclass(frozen=True)
class StrengthOutlook:
    """Expected change in a muscle's maximal force over the next 8-12 weeks.

    ``direction`` is ``gaining | maintaining | not_gaining``; ``effect_size_range`` the
    (low, high) pre-post strength ES where the literature gives one; ``hard_sets`` the weekly
    dose (``from_lifting`` + ``from_sprints``); ``drivers`` one-line reasons naming papers.
    """

    direction: str
    effect_size_range: tuple[float, float] | None
    hard_sets: float
    from_lifting: float
    from_sprints: float
    drivers: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The muscle's ``strength_outlook`` entry in ``legload report --json``."""
        return {"direction": self.direction,
                "effect_size_range": (None if self.effect_size_range is None
                                      else list(self.effect_size_range)),
                "hard_sets_week": round(self.hard_sets, 2),
                "from_lifting_sets_week": round(self.from_lifting, 2),
                "from_sprints_sets_week": round(self.from_sprints, 2), "drivers": self.drivers}


def strength_band(sets: float) -> tuple[float, float]:
    """Ralston 2017's strength ES band for a weekly set count (see the module docstring)."""
    band = STRENGTH_ES_BANDS[0][1]
    for lower, values in STRENGTH_ES_BANDS:
        if sets >= lower:
            band = values
    return band


def strength_outlook(dose: StrengthDose, *, lifting_years: float | None = None,
                     params: AdaptationParameters = PUBLISHED) -> StrengthOutlook:
    """The :class:`StrengthOutlook` of one muscle for its weekly :class:`StrengthDose`."""
    sets = dose.building_sets
    parts = (dose.total, dose.lifting_sets, dose.sprint_sets)
    if sets < params.build_min_sets:
        if dose.total > 0:
            return StrengthOutlook("maintaining", None, *parts, [
                f"{dose.total:.2g} hard sets/week"
                + (", mostly sprints/hills in a trained runner" if dose.trained_runner
                   and dose.sprint_sets > 0 else "")
                + f": below the {params.build_min_sets:g} sets legload counts as a strength "
                "dose; near-maximal work keeps force (model choice)"])
        return StrengthOutlook("not_gaining", None, *parts, [
            "no lifting or near-maximal efforts: endurance training gained less strength than "
            "strength training (Wilson 2012: ES 0.78 vs 1.76)"])
    low, high = strength_band(sets)
    drivers = [f"{sets:.3g} hard sets/week: maximal strength rose by ES {low:g}-{high:g} over "
               "about 11 weeks at this weekly volume (Ralston 2017)"]
    if dose.sprint_sets > 0:
        drivers.append(f"{dose.sprint_sets:.2g} of them from sprints/hills: near-maximal efforts "
                       "train force (Schoenfeld 2021)")
    if lifting_years is not None and lifting_years >= params.trained_lifter_years:
        low, high = low * params.trained_lifter_factor, high * params.trained_lifter_factor
        drivers.append(f"{lifting_years:.0f} years of lifting: the trained gain more slowly "
                       "(model choice: band halved)")
    drivers.append("an energy deficit did not impair strength gains (Murphy & Koehler 2022)")
    return StrengthOutlook("gaining", (round(low, 2), round(high, 2)), *parts, drivers)


__all__ = ["STRENGTH_ES_BANDS", "STRENGTH_SOURCES", "StrengthOutlook", "strength_band",
           "strength_outlook"]
