"""Actual energy expenditure measured from a weight trend and a food log.

Where an athlete both weighs in and logs food, the weight trend says how much energy went
into or out of the body; with the mean logged intake that gives the expenditure they really
had, which the body model (:mod:`legload.models.body.composition`) can only estimate from averages.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from legload.errors import ModelDomainError
from legload.models.body import parameters as BP
from legload.models.body.composition import weight_change_energy_density_kcal_per_kg
from legload.models.inputs import ArrayLike

#: Body-fat share assumed by :func:`adaptive_expenditure` when no fat mass is given.
ASSUMED_FAT_FRACTION: float = 0.20


def _theil_sen(t: np.ndarray, w: np.ndarray) -> tuple[float, float]:
    """Median of pairwise slopes and the matching intercept."""
    i, j = np.triu_indices(t.size, k=1)
    dt = t[j] - t[i]
    keep = dt > 0
    slope = float(np.median((w[j] - w[i])[keep] / dt[keep]))
    return slope, float(np.median(w - slope * t))


def adaptive_expenditure(
    dates: ArrayLike,
    weight_kg: ArrayLike,
    intake_kcal_day: ArrayLike,
    *,
    fat_kg: float | None = None,
    model_expenditure_kcal_day: float | None = None,
) -> dict[str, Any]:
    """Actual mean daily expenditure from the weight trend and the intake log.

    Parameters
    ----------
    dates : sequence of dates (anything ``pandas.to_datetime`` reads)
        One entry per logged day.
    weight_kg : array
        Morning weight on each date [kg]; NaN where the athlete did not weigh in.
    intake_kcal_day : array
        Logged intake on each date [kcal/day]; NaN where the day was not logged.
    fat_kg : float, optional
        Current fat mass [kg], for the energy density of the change. Default: 20 % of the
        mean weight (``fat_kg_assumed`` is then True).
    model_expenditure_kcal_day : float, optional
        The model's expenditure for the same period; when given, ``gap_kcal_day`` =
        estimated - model.

    Returns
    -------
    dict
        ``expenditure_kcal_day``, ``trend_kg_per_week``, ``energy_density_kcal_per_kg``,
        ``days`` (span of the weigh-ins), ``weigh_ins``, ``intake_days``,
        ``intake_kcal_day`` (mean logged), ``uncertainty_kcal_day`` (one standard error from
        the scatter of the weights), ``confidence`` ("low" | "medium" | "high"),
        ``fat_kg_assumed`` and ``gap_kcal_day`` (None without a model value).

    Raises
    ------
    ModelDomainError
        When the data are too sparse: weigh-ins spanning fewer than 14 days, fewer than 5
        weigh-ins, or fewer than 7 logged intake days inside the weigh-in span; or when the
        arrays differ in length.

    Notes
    -----
    Energy balance: expenditure = intake - d(body energy)/dt, with the body-energy change
    = trend x rho, the trend a Theil-Sen fit of weight on time (median of pairwise slopes,
    robust to single odd weigh-ins) and rho the energy density of slow weight change at the
    current fat mass, rho = p rho_L + (1 - p) rho_F with p = 10.4 / (10.4 + F) (Hall 2008;
    Forbes partition). Water shifts (glycogen, salt, the first days of a diet, the menstrual
    cycle) move weight at almost no energy cost and bias short windows; a food log that
    misses food biases the result by the same amount. Confidence is "high" with >= 28 days,
    >= 12 weigh-ins, intake logged on >= 80 % of the days and an uncertainty <= 100
    kcal/day; "medium" with >= 21 days, >= 8 weigh-ins, >= 60 % and <= 200 kcal/day; "low"
    otherwise.

    References
    ----------
    Hall KD (2008) Int J Obes 32:573-576. doi:10.1038/sj.ijo.0803720
    """
    when = pd.to_datetime(pd.Series(list(dates) if not isinstance(dates, pd.Series) else dates))
    w = np.asarray(weight_kg, dtype=float)
    ei = np.asarray(intake_kcal_day, dtype=float)
    if not (len(when) == w.size == ei.size):
        raise ModelDomainError("dates, weight_kg and intake_kcal_day must have the same length")
    if when.isna().any():
        raise ModelDomainError("dates must not contain missing values")
    if np.any(w <= 0) or np.any(ei < 0):
        raise ModelDomainError("weights must be > 0 kg and intakes >= 0 kcal/day")
    t = ((when - when.min()) / pd.Timedelta(days=1)).to_numpy(dtype=float)
    has_w = np.isfinite(w)
    weigh_ins = int(has_w.sum())
    if weigh_ins < BP.ADAPTIVE_MIN_WEIGH_INS:
        raise ModelDomainError(
            f"{weigh_ins} weigh-ins; at least {BP.ADAPTIVE_MIN_WEIGH_INS} are needed"
        )
    t0, t1 = float(t[has_w].min()), float(t[has_w].max())
    span = t1 - t0
    if span < BP.ADAPTIVE_MIN_DAYS:
        raise ModelDomainError(
            f"weigh-ins span {span:.0f} days; at least {BP.ADAPTIVE_MIN_DAYS} are needed"
        )
    inside = (t >= t0) & (t <= t1) & np.isfinite(ei)
    intake_days = int(inside.sum())
    if intake_days < BP.ADAPTIVE_MIN_INTAKE_DAYS:
        raise ModelDomainError(
            f"{intake_days} logged intake days in the weigh-in span; at least "
            f"{BP.ADAPTIVE_MIN_INTAKE_DAYS} are needed"
        )
    tw, ww = t[has_w], w[has_w]
    slope, intercept = _theil_sen(tw, ww)
    residual = ww - (intercept + slope * tw)
    sigma = 1.4826 * float(np.median(np.abs(residual - np.median(residual))))
    se_slope = sigma / math.sqrt(float(np.sum((tw - tw.mean()) ** 2)))

    assumed = fat_kg is None
    fat = ASSUMED_FAT_FRACTION * float(ww.mean()) if fat_kg is None else float(fat_kg)
    if not (math.isfinite(fat) and fat > 0):
        raise ModelDomainError("fat_kg must be > 0 kg")
    rho = float(weight_change_energy_density_kcal_per_kg(fat))
    mean_intake = float(ei[inside].mean())
    expenditure = mean_intake - rho * slope
    uncertainty = rho * se_slope
    coverage = intake_days / (span + 1.0)
    if span >= 28 and weigh_ins >= 12 and coverage >= 0.8 and uncertainty <= 100:
        confidence = "high"
    elif span >= 21 and weigh_ins >= 8 and coverage >= 0.6 and uncertainty <= 200:
        confidence = "medium"
    else:
        confidence = "low"
    gap = None
    if model_expenditure_kcal_day is not None:
        gap = expenditure - float(model_expenditure_kcal_day)
    return {
        "expenditure_kcal_day": expenditure,
        "trend_kg_per_week": 7.0 * slope,
        "energy_density_kcal_per_kg": rho,
        "days": round(span),
        "weigh_ins": weigh_ins,
        "intake_days": intake_days,
        "intake_kcal_day": mean_intake,
        "uncertainty_kcal_day": uncertainty,
        "confidence": confidence,
        "fat_kg_assumed": assumed,
        "gap_kcal_day": gap,
    }


__all__ = ["ASSUMED_FAT_FRACTION", "adaptive_expenditure"]
