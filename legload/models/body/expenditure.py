"""Actual energy expenditure measured from a weight trend and a food log.

Where an athlete both weighs in and logs food, the weight trend says how much energy went
into or out of the body; with the mean logged intake that gives the expenditure they really
had, which the body model (:mod:`legload.models.body.composition`) can only estimate from averages.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd

from legload.errors import ModelDomainError
from legload.models.body.composition import weight_change_energy_density_kcal_per_kg
from legload.models.body.parameters import PUBLISHED, BodyParameters
from legload.models.inputs import ArrayLike

#: Body-fat share assumed by :func:`adaptive_expenditure` when no fat mass is given.
ASSUMED_FAT_FRACTION: float = 0.20


@dataclass(frozen=True)
class AdaptiveExpenditure:
    """Expenditure measured from a weight trend and a food log.

    Attributes: ``expenditure_kcal_day``, ``trend_kg_per_week``, ``energy_density_kcal_per_kg``,
    ``days`` (span of the weigh-ins), ``weigh_ins``, ``intake_days``, ``intake_kcal_day`` (mean
    logged), ``uncertainty_kcal_day`` (one standard error from the scatter of the weights),
    ``confidence`` ("low" | "medium" | "high"), ``fat_kg_assumed`` and ``gap_kcal_day`` (None
    without a model value). ``result[name]`` and ``result.get(name)`` read a field by name.
    """

    expenditure_kcal_day: float
    trend_kg_per_week: float
    energy_density_kcal_per_kg: float
    days: int
    weigh_ins: int
    intake_days: int
    intake_kcal_day: float
    uncertainty_kcal_day: float
    confidence: str
    fat_kg_assumed: bool
    gap_kcal_day: float | None

    def __getitem__(self, name: str) -> Any:
        return asdict(self)[name]

    def get(self, name: str, default: Any = None) -> Any:
        """The field ``name``, or ``default`` when there is none."""
        return asdict(self).get(name, default)


@dataclass(frozen=True)
class _Window:
    """The weigh-in span [t0, t1] (days) and what was logged inside it."""

    span: float
    weigh_ins: int
    intake_days: int
    inside: np.ndarray


def _theil_sen(t: np.ndarray, w: np.ndarray) -> tuple[float, float]:
    """Median of pairwise slopes and the matching intercept."""
    i, j = np.triu_indices(t.size, k=1)
    dt = t[j] - t[i]
    keep = dt > 0
    slope = float(np.median((w[j] - w[i])[keep] / dt[keep]))
    return slope, float(np.median(w - slope * t))


def _days(dates: ArrayLike, w: np.ndarray, ei: np.ndarray) -> np.ndarray:
    """Days since the first date, after the checks of the three inputs."""
    when = pd.to_datetime(pd.Series(list(dates) if not isinstance(dates, pd.Series) else dates))
    if not (len(when) == w.size == ei.size):
        raise ModelDomainError("dates, weight_kg and intake_kcal_day must have the same length")
    if when.isna().any():
        raise ModelDomainError("dates must not contain missing values")
    if np.any(w <= 0) or np.any(ei < 0):
        raise ModelDomainError("weights must be > 0 kg and intakes >= 0 kcal/day")
    return ((when - when.min()) / pd.Timedelta(days=1)).to_numpy(dtype=float)


def _window(t: np.ndarray, w: np.ndarray, ei: np.ndarray, params: BodyParameters) -> _Window:
    """The weigh-in span, or ModelDomainError when the data are too sparse."""
    has_w = np.isfinite(w)
    weigh_ins = int(has_w.sum())
    if weigh_ins < params.adaptive_min_weigh_ins:
        raise ModelDomainError(
            f"{weigh_ins} weigh-ins; at least {params.adaptive_min_weigh_ins} are needed"
        )
    t0, t1 = float(t[has_w].min()), float(t[has_w].max())
    span = t1 - t0
    if span < params.adaptive_min_days:
        raise ModelDomainError(
            f"weigh-ins span {span:.0f} days; at least {params.adaptive_min_days} are needed"
        )
    inside = (t >= t0) & (t <= t1) & np.isfinite(ei)
    intake_days = int(inside.sum())
    if intake_days < params.adaptive_min_intake_days:
        raise ModelDomainError(
            f"{intake_days} logged intake days in the weigh-in span; at least "
            f"{params.adaptive_min_intake_days} are needed"
        )
    return _Window(span, weigh_ins, intake_days, inside)


def _trend(t: np.ndarray, w: np.ndarray) -> tuple[float, float]:
    """Theil-Sen slope of weight on time [kg/day] and its standard error from the MAD."""
    slope, intercept = _theil_sen(t, w)
    residual = w - (intercept + slope * t)
    sigma = 1.4826 * float(np.median(np.abs(residual - np.median(residual))))
    return slope, sigma / math.sqrt(float(np.sum((t - t.mean()) ** 2)))


def _confidence(window: _Window, uncertainty: float) -> str:
    """``high``, ``medium`` or ``low`` from the span, weigh-ins, coverage and uncertainty."""
    span, weigh_ins = window.span, window.weigh_ins
    coverage = window.intake_days / (span + 1.0)
    if span >= 28 and weigh_ins >= 12 and coverage >= 0.8 and uncertainty <= 100:
        return "high"
    if span >= 21 and weigh_ins >= 8 and coverage >= 0.6 and uncertainty <= 200:
        return "medium"
    return "low"


def adaptive_expenditure(
    dates: ArrayLike,
    weight_kg: ArrayLike,
    intake_kcal_day: ArrayLike,
    *,
    fat_kg: float | None = None,
    model_expenditure_kcal_day: float | None = None,
    params: BodyParameters = PUBLISHED,
) -> AdaptiveExpenditure:
    """Actual mean daily expenditure from the weight trend and the intake log.

    ``EE = mean logged intake - rho(F) x weight trend``, the trend a Theil-Sen fit of weight
    on time (median of pairwise slopes) and ``rho(F) = p rho_L + (1 - p) rho_F`` with
    ``p = 10.4 / (10.4 + F)`` the Forbes energy density of slow change (Hall 2008, Int J Obes
    32:573-576, doi:10.1038/sj.ijo.0803720). ``dates``, ``weight_kg`` (NaN = no weigh-in) and
    ``intake_kcal_day`` (NaN = not logged) are aligned per day; ``fat_kg`` defaults to 20 % of
    the mean weight (``fat_kg_assumed``); with ``model_expenditure_kcal_day``, ``gap_kcal_day``
    = estimated - model. Raises ModelDomainError when weigh-ins span < 14 days, number < 5,
    fewer than 7 intake days lie in their span, or the arrays differ in length. Confidence
    rules, water-shift and logging biases: docs/models/body.md, "Adaptive expenditure".
    """
    w = np.asarray(weight_kg, dtype=float)
    ei = np.asarray(intake_kcal_day, dtype=float)
    t = _days(dates, w, ei)
    window = _window(t, w, ei, params)
    has_w = np.isfinite(w)
    slope, se_slope = _trend(t[has_w], w[has_w])
    fat = ASSUMED_FAT_FRACTION * float(w[has_w].mean()) if fat_kg is None else float(fat_kg)
    if not (math.isfinite(fat) and fat > 0):
        raise ModelDomainError("fat_kg must be > 0 kg")
    rho = float(weight_change_energy_density_kcal_per_kg(fat, params=params))
    mean_intake = float(ei[window.inside].mean())
    expenditure = mean_intake - rho * slope
    uncertainty = rho * se_slope
    gap = None
    if model_expenditure_kcal_day is not None:
        gap = expenditure - float(model_expenditure_kcal_day)
    return AdaptiveExpenditure(
        expenditure, 7.0 * slope, rho, round(window.span), window.weigh_ins, window.intake_days,
        mean_intake, uncertainty, _confidence(window, uncertainty), fat_kg is None, gap,
    )


__all__ = ["ASSUMED_FAT_FRACTION", "PUBLISHED", "AdaptiveExpenditure", "BodyParameters",
           "adaptive_expenditure"]
