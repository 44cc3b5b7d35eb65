"""The typed parts of a report: per-muscle verdict, risk, projection, weekly series, report.

Each part's ``to_dict()`` is its piece of the ``legload report --json`` document, whose shape
``docs/schemas/report.json`` describes; the renderers read the typed parts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from legload.analysis.energy_balance import EnergyPicture
from legload.analysis.measured import MeasuredLean
from legload.analysis.plan import PlanItem
from legload.core.profile import AthleteProfile
from legload.models.adaptation.strength import StrengthOutlook


@dataclass(frozen=True)
class MuscleVerdict:
    """The verdict on one muscle group over the report's window (weekly means).

    ``verdict`` is ``building | maintaining | endurance_only | losing``, or None when there is
    no training data at all (then size, confidence, growth range and lifting sets are None).
    Loads are J/kg per week; ``strength_stimulus`` and ``lifting_sets`` hard sets per week;
    ``strength_outlook`` the expected change in maximal force beside the size verdict.
    :meth:`to_dict` names each number with its unit (``endurance_load_j_kg_week`` …).
    """

    verdict: str | None
    size: str | None
    confidence: str | None
    growth_pct_range: tuple[float, float] | None
    endurance_load: float
    strength_stimulus: float
    lifting_sets: float | None
    eccentric_load: float
    trend: str
    drivers: list[str] = field(default_factory=list)
    strength_outlook: StrengthOutlook | None = None

    @classmethod
    def no_data(cls) -> MuscleVerdict:
        """The entry of a muscle in a report without any training data."""
        return cls(verdict=None, size=None, confidence=None, growth_pct_range=None,
                   endurance_load=0.0, strength_stimulus=0.0, lifting_sets=None,
                   eccentric_load=0.0, trend="none")

    def to_dict(self) -> dict[str, Any]:
        """The muscle's entry in ``report --json``: loads as ``…_j_kg_week``, hard sets as
        ``…_sets_week`` (``lifting_sets_week``), the growth range as ``growth_range_pct``."""
        loads = {"endurance_load_j_kg_week": self.endurance_load,
                 "strength_stimulus_sets_week": self.strength_stimulus}
        if self.verdict is None:  # the shorter entry of a report without data
            return {"verdict": None, **loads, "eccentric_load_j_kg_week": self.eccentric_load,
                    "trend": self.trend, "drivers": self.drivers, "size": self.size,
                    "confidence": self.confidence}
        return {"verdict": self.verdict, "size": self.size, "confidence": self.confidence,
                "growth_range_pct": (None if self.growth_pct_range is None
                                     else list(self.growth_pct_range)),
                **loads, "lifting_sets_week": self.lifting_sets,
                "eccentric_load_j_kg_week": self.eccentric_load, "trend": self.trend,
                "drivers": self.drivers,
                "strength_outlook": (None if self.strength_outlook is None
                                     else self.strength_outlook.to_dict())}


@dataclass(frozen=True)
class Risk:
    """A muscle-specific risk flag: the week (its first day, ``YYYY-MM-DD``; weeks are the
    7-day blocks ending on the report's last day) its spike began."""

    muscle: str
    kind: str
    reason: str
    evidence: str
    week: str

    def to_dict(self) -> dict[str, str]:
        return {"muscle": self.muscle, "kind": self.kind, "reason": self.reason,
                "evidence": self.evidence, "week": self.week}


@dataclass(frozen=True)
class ProjectionPlan:
    """Lean mass (kg, week by week) if the athlete ate ``intake_kcal_day``."""

    intake_kcal_day: int
    lean_kg: list[float]
    fat_kg: list[float]
    lean_change_kg: float

    def to_dict(self) -> dict[str, Any]:
        return {"intake_kcal_day": self.intake_kcal_day, "lean_kg": self.lean_kg,
                "fat_kg": self.fat_kg, "lean_change_kg": self.lean_change_kg}


@dataclass(frozen=True)
class Projection:
    """Body mass, lean and fat mass (kg) week by week at the logged intake, with a band on
    lean mass; ``plan`` is the same at the plan's intake (None when it cannot be computed)."""

    weeks: list[int]
    weight_kg: list[float]
    lean_kg: list[float]
    fat_kg: list[float]
    lean_low_kg: list[float]
    lean_high_kg: list[float]
    band: str
    lean_change_kg: float
    fat_change_kg: float
    note: str
    plan: ProjectionPlan | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "weeks": self.weeks, "weight_kg": self.weight_kg, "lean_kg": self.lean_kg,
            "fat_kg": self.fat_kg, "lean_low_kg": self.lean_low_kg,
            "lean_high_kg": self.lean_high_kg, "band": self.band,
            "lean_change_kg": self.lean_change_kg, "fat_change_kg": self.fat_change_kg}
        if self.plan is not None:
            out["plan"] = self.plan.to_dict()
        out["note"] = self.note
        return out


@dataclass(frozen=True)
class WeeklySeries:
    """Per-week loads of each muscle over the window: ``weeks`` are the first days
    (``YYYY-MM-DD``) of the 7-day blocks ending on the report's last day,
    each series maps a muscle to one value per week."""

    weeks: list[str]
    endurance_load: dict[str, list[float]]
    strength_stimulus: dict[str, list[float]]
    eccentric_load: dict[str, list[float]]

    def to_dict(self) -> dict[str, Any]:
        """The report's ``weekly`` part, each series named with its unit."""
        return {"weeks": self.weeks, "endurance_load_j_kg_week": self.endurance_load,
                "strength_stimulus_sets_week": self.strength_stimulus,
                "eccentric_load_j_kg_week": self.eccentric_load}


@dataclass(frozen=True)
class Report:
    """The answer for one athlete: :meth:`to_dict` is the ``legload report --json`` document
    (``docs/schemas/report.json``).

    ``missing`` names the profile fields the report needed but did not have; ``energy``,
    ``projection`` and ``weekly`` are None when the data cannot say (no training data, no
    food log, an incomplete profile). ``measured_lean`` is the latest lean mass a scale
    measured (shown beside the projection; absent from the document when there is none).
    """

    profile: AthleteProfile
    missing: list[str]
    weeks: int
    period: str
    activities: int
    energy: EnergyPicture | None
    muscles: dict[str, MuscleVerdict]
    projection: Projection | None
    risks: list[Risk]
    plan: list[PlanItem]
    limitations: list[str]
    weekly: WeeklySeries | None
    headline: str
    measured_lean: MeasuredLean | None = None

    def to_dict(self) -> dict[str, Any]:
        doc = {
            "athlete": {**self.profile.as_dict(), "missing": self.missing},
            "weeks": self.weeks,
            "period": self.period,
            "activities": self.activities,
            "energy": self.energy.to_dict() if self.energy is not None else {},
            "muscles": {name: m.to_dict() for name, m in self.muscles.items()},
            "projection": self.projection.to_dict() if self.projection is not None else None,
        }
        if self.measured_lean is not None:
            doc["measured_lean"] = self.measured_lean.to_dict()
        return doc | {
            "risks": [r.to_dict() for r in self.risks],
            "plan": [p.to_dict() for p in self.plan],
            "limitations": self.limitations,
            "weekly": self.weekly.to_dict() if self.weekly is not None else {},
            "headline": self.headline,
        }


__all__ = ["MuscleVerdict", "Projection", "ProjectionPlan", "Report", "Risk", "WeeklySeries"]
