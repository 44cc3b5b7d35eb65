"""Resistance work that fills each muscle's gap, the article's compound lifts first.

A muscle has a gap when its building dose (:attr:`legload.models.adaptation.dose.StrengthDose.building_sets`,
the one definition the verdict uses: lifting sets, plus sprint sets only in runners new to
running) is under GAP_SETS a week. For each gap, in the order of the muscles, exercises are
taken from :data:`PREFERRED` (squats, deadlifts, walking lunges and calf raises before
isolated moves) until the muscle's planned weekly sets reach its target: 10 for the large
groups (quadriceps, hamstrings, gluteals), the "10 or more" category of Schoenfeld, Ogborn &
Krieger 2017 with the largest mean gain (9.8 % vs 5.4 % under 5 sets), and 6 for the others
[M]. Each exercise is dosed at 2 sessions x 3 hard sets = 6 sets a week and credits every
muscle by its hard-set equivalents (:func:`legload.models.exercise.library.hard_set_equivalents`);
it is listed as covering the gaps it credits with at least 0.5 set per set.
"""

from __future__ import annotations

from legload.analysis.plan import DEFAULT_DOSE, DOSES, LABELS, PlanItem
from legload.models.exercise.library import hard_set_equivalents

#: weekly building sets below which a muscle's dose is a gap to fill
GAP_SETS = 4.0
#: planned weekly sets to reach: the large groups 10 (Schoenfeld 2017's top category), others 6
TARGET_SETS = {"quadriceps": 10.0, "hamstrings": 10.0, "gluteals": 10.0}
OTHER_TARGET_SETS = 6.0
#: hard sets a week of one planned exercise (2 sessions x 3 sets)
SETS_PER_EXERCISE = 6.0
#: exercises per muscle, first choice first: the article's compound lifts lead
PREFERRED = {
    "quadriceps": ("back_squat", "walking_lunge"),
    "hamstrings": ("deadlift", "nordic_hamstring_curl"),
    "gluteals": ("walking_lunge", "hip_thrust"),
    "hip_flexors": ("leg_raise",),
    "calves": ("calf_raise_straight_knee", "calf_raise_bent_knee"),
    "tibialis_anterior": ("tibialis_raise",),
    "peroneals": ("calf_raise_straight_knee",),
}
CAUTION_DOSE = "start light: 2×/week, 2 sets of 10-15 easy reps, build over 3 weeks"


def _names(muscles: list[str]) -> str:
    return ", ".join(m.replace("_", " ") for m in muscles)


def strength_plan(building_sets: dict[str, float],
                  cautions: dict[str, str] | None = None) -> list[PlanItem]:
    """Exercises for every muscle whose weekly building dose is under GAP_SETS (module
    docstring). ``cautions`` maps a muscle to a risk reason: its exercise is still suggested
    (strength work protects it: Lauersen 2014) at a reduced starting dose, with the reason."""
    cautions = cautions or {}
    gaps = [m for m, sets in building_sets.items() if sets < GAP_SETS]
    planned = dict(building_sets)
    chosen: list[str] = []
    plan: list[PlanItem] = []
    for muscle in gaps:
        for exercise in PREFERRED[muscle]:
            if planned[muscle] >= TARGET_SETS.get(muscle, OTHER_TARGET_SETS):
                break
            if exercise in chosen:
                continue
            chosen.append(exercise)
            credit = hard_set_equivalents(exercise, reps=8, rir=2)
            for m, value in credit.items():
                planned[m] = planned.get(m, 0.0) + SETS_PER_EXERCISE * value
            covers = [m for m in gaps if credit.get(m, 0.0) >= 0.5] or [muscle]
            plan.append(_item(exercise, covers, building_sets, cautions))
    return plan


def _item(exercise: str, covers: list[str], building_sets: dict[str, float],
          cautions: dict[str, str]) -> PlanItem:
    why = (f"{_names(covers)}: {', '.join(f'{building_sets[c]:.1f}' for c in covers)} hard "
           "sets/week that build now (a trained runner's sprints keep muscle but are not "
           "counted); 6 more a week moves them up a volume category, 10+ a week was associated "
           "with the largest gains (Schoenfeld, Ogborn & Krieger 2017)")
    dose = DOSES.get(exercise, DEFAULT_DOSE)
    reason = next((cautions[c] for c in covers if c in cautions), None)
    if reason is not None:
        dose = CAUTION_DOSE
        why += f"; caution: {reason}"
    return PlanItem(what=LABELS.get(exercise, exercise), dose=dose, covers=covers, why=why,
                    exercise=exercise, sessions_per_week=2, sets=3)


__all__ = ["GAP_SETS", "PREFERRED", "strength_plan"]
