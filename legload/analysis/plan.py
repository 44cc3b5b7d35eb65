"""The plan's items, its exercise names and doses, and what intake would stop a loss.

The exercises that fill each muscle's gap are chosen in :mod:`legload.analysis.strength_plan`
(the article's compound lifts first, doses from Schoenfeld, Ogborn & Krieger 2017); this
module holds the :class:`PlanItem`, the labels and doses, the intake advice and the load
advice.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from legload.analysis.report_types import Risk

LABELS = {
    "split_squat": "Bulgarian split squat", "back_squat": "Back squat",
    "nordic_hamstring_curl": "Nordic hamstring curl", "romanian_deadlift": "Romanian deadlift",
    "hip_thrust": "Hip thrust", "leg_raise": "Hanging knee/leg raise",
    "calf_raise_straight_knee": "Standing calf raise (straight knee)",
    "calf_raise_bent_knee": "Seated calf raise (bent knee, soleus)",
    "tibialis_raise": "Tibialis raise", "deadlift": "Deadlift", "walking_lunge": "Walking lunge",
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
