"""One definition of a muscle's weekly strength dose, used by the verdict, the plan and the
strength outlook.

A week's dose has two parts: hard-set equivalents from the strength log
(:func:`legload.models.exercise.library.hard_set_equivalents`) and brief near-maximal running
efforts (sprints, strides, short steep hills) counted as sets by a legload convention
(:func:`sprint_sets`: 30 s = 1 set, at most 4 a week [M]). Both count toward maximal force
(near-maximal efforts; Schoenfeld 2021). Toward muscle size, sprint sets count only in
runners new to running: in trained runners interval and continuous running did not differ in
fat-free mass (Steele 2021) and distance running did not grow the legs (Ozaki 2013), so their
sprints keep what is there but are not a building dose [M]. :attr:`StrengthDose.building_sets`
is that building dose; the plan fills a gap against it, so a trained sprinter who lifts
nothing is offered lifting, and the verdict uses the same number.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from legload.errors import ModelDomainError
from legload.models.adaptation.parameters import PUBLISHED, AdaptationParameters


def _non_negative(name: str, value: float) -> None:
    if not math.isfinite(value) or value < 0:
        raise ModelDomainError(f"{name} must be a finite number >= 0, got {value}")


@dataclass(frozen=True)
class StrengthDose:
    """A muscle's weekly strength dose: ``lifting_sets`` and ``sprint_sets`` (hard-set
    equivalents), ``building_sets`` (what counts toward size) and ``trained_runner``."""

    lifting_sets: float
    sprint_sets: float
    building_sets: float
    trained_runner: bool

    @property
    def total(self) -> float:
        """All hard-set equivalents: the strength stimulus shown per muscle."""
        return self.lifting_sets + self.sprint_sets


def sprint_sets(brief_effort_s: float, *, params: AdaptationParameters = PUBLISHED) -> float:
    """Hard-set equivalents of a week's brief near-maximal running efforts.

    ``sets = min(brief_effort_s / S, N)`` with S = 30 s per set and N = 4 a week [M] (the cap:
    Steele et al. 2021, Sports 9:155, found no fat-free-mass difference between interval and
    continuous training). Valid for ``brief_effort_s >= 0``.
    """
    _non_negative("brief_effort_s", brief_effort_s)
    return min(brief_effort_s / params.brief_effort_s_per_set, params.brief_effort_max_sets)


def is_trained_runner(running_years: float | None, *,
                      params: AdaptationParameters = PUBLISHED) -> bool:
    """Running for at least AEROBIC_GROWTH_MAX_RUNNING_YEARS (1 year) [M]; unknown = no."""
    return running_years is not None and running_years >= params.aerobic_growth_max_running_years


def building_sets(total_sets: float, from_running: float, running_years: float | None, *,
                  params: AdaptationParameters = PUBLISHED) -> float:
    """The part of ``total_sets`` that counts toward size: all of it, less the sets from
    running efforts in a trained runner (module docstring)."""
    if is_trained_runner(running_years, params=params):
        return max(total_sets - from_running, 0.0)
    return total_sets


def strength_dose(lifting_sets: float, brief_effort_s: float = 0.0,
                  running_years: float | None = None, *,
                  params: AdaptationParameters = PUBLISHED) -> StrengthDose:
    """The week's :class:`StrengthDose` of one muscle from its lifting sets and seconds of
    brief running efforts; ``running_years`` decides whether sprints build (docstring above)."""
    _non_negative("lifting_sets", lifting_sets)
    sprints = sprint_sets(brief_effort_s, params=params)
    total = float(lifting_sets) + sprints
    return StrengthDose(float(lifting_sets), sprints,
                        building_sets(total, sprints, running_years, params=params),
                        is_trained_runner(running_years, params=params))


__all__ = ["StrengthDose", "building_sets", "is_trained_runner", "sprint_sets",
           "strength_dose"]
