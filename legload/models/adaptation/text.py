"""The English drivers of an adaptation: one formatter over the records of :mod:`.rules`.

Each line names its paper; the order is the rules' order (resistance route, aerobic route,
energy, protein, eccentric share, direction). Citation-only numbers (effect sizes quoted in
the text) come from :mod:`legload.models.adaptation.parameters`.
"""

from __future__ import annotations

from legload.models.adaptation import parameters as A
from legload.models.adaptation.parameters import AdaptationParameters
from legload.models.adaptation.rules import (
    AerobicRoute,
    Moderators,
    ResistanceRoute,
    Verdict,
    Week,
)


def _resistance(week: Week, route: ResistanceRoute, p: AdaptationParameters) -> list[str]:
    sets = week.sets
    if route.rule == "kept_by_running":
        return [f"{sets:.2g} hard sets/week, mostly sprints/hills: enough to keep muscle in a "
                f"runner of {week.running_years:g} years, not counted as a building dose "
                "(model choice)"]
    if route.rule == "below_dose":
        return [f"{sets:.2g} hard sets/week: below the {p.build_min_sets:g} sets legload counts "
                "as a building dose; some strength stimulus helps keep what is there"]
    if route.rule != "building":
        return []
    building = week.building
    counted = ("" if building == sets else
               f" that build (of {sets:.3g}; a trained runner's sprint sets keep muscle, not "
               "build it)")
    lines = [f"{building:.3g} hard sets/week{counted}: within the {route.category} range "
             "associated with "
             f"about +{route.mean_pct:.1f} % muscle size in 8-12 weeks, "
             f"+{p.pct_gain_per_weekly_set} % per extra weekly set (Schoenfeld, Ogborn & "
             "Krieger 2017)"]
    if route.concurrent:
        lines.append(
            f"{week.running_minutes_week:.0f} min/week of running alongside: from no loss of "
            f"whole-muscle growth (Schumann 2022, SMD {A.SCHUMANN_2022_HYPERTROPHY_SMD}) "
            f"to about {100 * (1 - p.concurrent_low_factor):.0f} % less (Wilson 2012, "
            f"ES 0.85 vs 1.23); fibre-level penalty with running (Lundberg 2022, SMD "
            f"{A.LUNDBERG_2022_FIBRE_SMD})")
    if route.trained_lifter:
        lines.append(f"{week.lifting_years:.0f} years of lifting: gains come more slowly to the "
                     "trained (model choice: band halved)")
    return lines


#: the driver of each aerobic rule, formatted with the week and the parameters
_AEROBIC = {
    "new_runner": "new to {sport} ({years:g} years): aerobic training grew the quadriceps "
                  "{low:g}-{high:g} % in 12 weeks in untrained men (Harber 2012 cycling; "
                  "Konopka & Harber 2014), little in trained young runners (Ozaki 2013)",
    "not_loaded": "new to {sport}: aerobic training grows only the muscles it loads hard "
                  "(Harber 2012: cycling, the quadriceps); this one works at low force, so no "
                  "growth is expected from it",
    "too_soon": "new to {sport} ({weeks:.0f} weeks recorded): aerobic growth was measured "
                "after 12 weeks (Harber 2012); legload counts it from {min_weeks:g} weeks",
    "too_little": "new to {sport}, under {minutes:.0f} min/week: too little aerobic training "
                  "to grow muscle (Harber 2012 trained 3-4 times a week)",
    "endurance_alone": "{years:g} years of {sport}: endurance work alone builds little muscle "
                       "once trained (Wilson 2012 endurance-only ES 0.27; Ozaki 2013)",
}


def _aerobic(week: Week, route: AerobicRoute, p: AdaptationParameters) -> list[str]:
    template = _AEROBIC.get(route.rule)
    if template is None:
        return []
    low, high = p.aerobic_growth_pct
    return [template.format(sport=week.sport, years=week.running_years or 0.0, low=low,
                            high=high, weeks=week.aerobic_weeks or 0.0,
                            min_weeks=p.aerobic_growth_min_weeks,
                            minutes=p.aerobic_growth_min_run_minutes)]


def _moderators(week: Week, found: Moderators, p: AdaptationParameters) -> list[str]:
    lines = []
    if found.energy == "unknown":
        lines.append("energy balance unknown: a deficit of ~500 kcal/day can stop gains")
    elif found.energy == "deficit":
        lines.append(
            f"{week.deficit:.0f} kcal/day deficit: a deficit of ~{p.deficit_no_gain_kcal:.0f} "
            "kcal/day prevented lean-mass gains (Murphy & Koehler 2022); a slow loss of "
            "0.7 %/week still built lean mass with strength training (Garthe 2011)")
    if found.protein == "unknown":
        lines.append("protein intake unknown")
    elif found.protein == "low":
        lines.append(
            f"protein {week.protein_g_kg:.1f} g/kg/day: below the ~{p.protein_plateau_g_kg} "
            f"g/kg/day plateau; more protein added about {A.PROTEIN_FFM_GAIN_KG} kg fat-free "
            "mass during strength training (Morton 2018)")
    elif found.protein == "plateau":
        lines.append(
            f"protein {week.protein_g_kg:.1f} g/kg/day: at or above the "
            f"~{p.protein_plateau_g_kg} g/kg/day beyond which no further gain was found "
            "(Morton 2018)")
    if found.eccentric:
        lines.append(
            f"descents added {week.terrain_eccentric_load:.0f} J/kg of eccentric work this "
            f"week against a recent {week.eccentric_habit or 0.0:.0f}: unaccustomed downhill "
            "braking damages muscle (Maeo 2017) and protects it on repeat (Bontemps 2020); "
            "not counted as growth")
    return lines


def _direction(week: Week, found: Verdict) -> list[str]:
    if found.rule == "deficit":
        return [f"no building dose in a {week.deficit:.0f} kcal/day deficit: lean mass is "
                "likely to be lost (Murphy & Koehler 2022)"]
    if found.rule == "endurance_only":
        return [f"{week.endurance_load:.0f} J/kg of low-intensity work and no strength "
                "stimulus: trains fatigue resistance, not size (Wilson 2012: endurance-only "
                "ES 0.27 vs 1.23)"]
    if found.rule == "nothing":
        return ["no training stimulus recorded for this muscle this week"]
    return []


def drivers(week: Week, resistance: ResistanceRoute, aerobic: AerobicRoute,
            found: Moderators, result: Verdict, params: AdaptationParameters) -> list[str]:
    """One-line reasons, each naming its paper, in the order the rules ran."""
    lines = _resistance(week, resistance, params)
    if week.mostly_running:
        lines.append(
            "strength stimulus mostly from sprints/strides: counted by a legload convention "
            "(30 s = 1 set, at most 4/week); interval vs continuous running made no "
            "difference to fat-free mass (Steele 2021)")
    lines += _aerobic(week, aerobic, params)
    lines += _moderators(week, found, params)
    return lines + _direction(week, result)


__all__ = ["drivers"]
