"""The plan: resistance work that fills each muscle's gap, and what intake would stop a loss.

Exercises come from the library (:mod:`legload.models.exercise.library`); a muscle is covered by an
exercise that works it as a primary mover. The weekly dose aims at the middle of the
"moderate" volume band of Schoenfeld, Ogborn & Krieger (2017): 2 sessions × 3 hard sets
= 6 sets a week per exercise, which with a second exercise for the big groups reaches 9+.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from legload.models.exercise.library import hard_set_equivalents

if TYPE_CHECKING:
    from legload.analysis.report_types import Risk

#: weekly hard sets below which a muscle's strength stimulus is a gap to fill
GAP_SETS = 4.0
#: preferred exercises per muscle, first choice first (all in the exercise library)
PREFERRED = {
    "quadriceps": ("split_squat", "back_squat"),
    "hamstrings": ("nordic_hamstring_curl", "romanian_deadlift"),
    "gluteals": ("hip_thrust", "split_squat"),
    "hip_flexors": ("leg_raise",),
    "calves": ("calf_raise_straight_knee", "calf_raise_bent_knee"),
    "tibialis_anterior": ("tibialis_raise",),
    "peroneals": ("calf_raise_straight_knee",),
}
LABELS = {
    "split_squat": "Bulgarian split squat", "back_squat": "Back squat",
    "nordic_hamstring_curl": "Nordic hamstring curl", "romanian_deadlift": "Romanian deadlift",
    "hip_thrust": "Hip thrust", "leg_raise": "Hanging knee/leg raise",
    "calf_raise_straight_knee": "Standing calf raise (straight knee)",
    "calf_raise_bent_knee": "Seated calf raise (bent knee, soleus)",
    "tibialis_raise": "Tibialis raise",
}
DOSES = {
    "nordic_hamstring_curl": "2×/week, 3 sets of 4-6 slow lowering reps",
    "tibialis_raise": "2-3×/week, 2-3 sets of 15-20 reps",
    "calf_raise_straight_knee": "2×/week, 3 sets of 10-15 reps, full range",
    "calf_raise_bent_knee": "2×/week, 3 sets of 12-15 reps",
}
DEFAULT_DOSE = "2×/week, 3 sets of 6-12 reps, 1-3 reps short of failure"


@dataclass(frozen=True)
class PlanItem:
    """One recommendation: what to do, how much, which muscles it covers and why."""

    what: str
    dose: str
    covers: list[str]
    why: str
    exercise: str | None = None
    kind: str = "exercise"  # exercise | intake | load
    sessions_per_week: int | None = None
    sets: int | None = None
    reps: str | None = None
    extra: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        """One entry of the report's ``plan`` list."""
        return asdict(self)


def exercise_plan(weekly_sets: dict[str, float], verdicts: dict[str, str],
                  cautions: dict[str, str] | None = None) -> list[PlanItem]:
    """Exercises for every muscle whose weekly strength stimulus is under GAP_SETS.

    ``cautions`` maps a muscle to a risk reason: its exercise is still suggested (strength
    work protects it) but at a reduced starting dose, and the reason is given.
    """
    cautions = cautions or {}
    gaps = [m for m, sets in weekly_sets.items() if sets < GAP_SETS]
    plan: list[PlanItem] = []
    covered: set[str] = set()
    for muscle in gaps:
        if muscle in covered:
            continue
        exercise = PREFERRED[muscle][0]
        credit = hard_set_equivalents(exercise, reps=8, rir=2)
        covers = [m for m in gaps if m not in covered and credit.get(m, 0.0) >= 0.5] or [muscle]
        covered.update(covers)
        why = (f"{', '.join(c.replace('_', ' ') for c in covers)}: "
               f"{', '.join(f'{weekly_sets[c]:.1f}' for c in covers)} hard sets/week from "
               "running and lifting now; 6 more a week moves them into the range associated "
               "with growth (Schoenfeld, Ogborn & Krieger 2017)")
        dose = DOSES.get(exercise, DEFAULT_DOSE)
        if any(c in cautions for c in covers):
            reason = next(cautions[c] for c in covers if c in cautions)
            dose = "start light: 2×/week, 2 sets of 10-15 easy reps, build over 3 weeks"
            why += f"; caution: {reason}"
        plan.append(PlanItem(what=LABELS.get(exercise, exercise), dose=dose, covers=covers,
                             why=why, exercise=exercise, sessions_per_week=2, sets=3))
    return plan


def intake_advice(projected_lean_change_kg: float | None, maintenance_kcal: float | None,
                  intake_kcal: float | None, protein_g_kg: float | None,
                  weight_kg: float | None) -> list[PlanItem]:
    """Energy and protein advice where lean mass is projected to fall or protein is low."""
    items = []
    if (projected_lean_change_kg is not None and projected_lean_change_kg < -0.2
            and maintenance_kcal and intake_kcal):
        gap = maintenance_kcal - intake_kcal
        if gap > 100:
            items.append(PlanItem(
                what="Eat more", kind="intake", covers=[],
                dose=f"+{gap:.0f} kcal/day (to about {maintenance_kcal:.0f} kcal/day)",
                why=(f"your log averages {intake_kcal:.0f} kcal/day against an estimated "
                     f"{maintenance_kcal:.0f}: the body model projects "
                     f"{projected_lean_change_kg:+.1f} kg of lean mass at this deficit")))
    if protein_g_kg is not None and weight_kg and protein_g_kg < 1.6:
        target = 1.6 * weight_kg
        items.append(PlanItem(
            what="More protein", kind="intake", covers=[],
            dose=f"at least {target:.0f} g/day (1.6 g/kg), spread over 3-4 meals",
            why=(f"{protein_g_kg:.1f} g/kg/day logged; gains from resistance training "
                 "plateau near 1.6 g/kg/day (Morton et al. 2018)")))
    return items


def load_advice(risks: list[Risk]) -> list[PlanItem]:
    """Running-load advice for the risks flagged this week."""
    items = []
    for risk in risks:
        if risk.kind in ("shin_splints", "load_spike", "eccentric_spike", "sprint_spike"):
            items.append(PlanItem(
                what="Hold running volume", kind="load", covers=[risk.muscle],
                dose="keep next week's volume at or below this week's, then add ≤ 10 %/week",
                why=risk.reason))
            break
    return items
