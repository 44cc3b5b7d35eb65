"""Weekly projection of body composition under constant habits, with a logging-error band.

:func:`project` runs the Hall et al. (2011) model (:func:`legload.models.body.dynamics.simulate`)
at the habitual intake and session energy, and twice more with both off by their logging
error and the resistance-training effect at the ends of its band, so the band shows what an
inaccurate food log or session energy, and the spread of that effect, would do to the
projection. In a deficit, weekly hard sets and protein spare lean mass
(:mod:`legload.models.body.sparing`); a measured expenditure enters as a calibration term of
either sign. ``docs/models/body.md`` has the equations, sources and limits.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pandas as pd

from legload.errors import ModelDomainError
from legload.models.body import parameters as BP
from legload.models.body.composition import BodyState
from legload.models.body.dynamics import maintenance_intake_kcal_day, simulate
from legload.models.body.parameters import PUBLISHED, BodyParameters
from legload.models.body.sparing import lean_sparing

PROJECT_COLUMNS: tuple[str, ...] = (
    "week",
    "day",
    "weight_kg",
    "weight_low_kg",
    "weight_high_kg",
    "fat_kg",
    "fat_low_kg",
    "fat_high_kg",
    "lean_kg",
    "lean_low_kg",
    "lean_high_kg",
)


def project(
    initial: BodyState | tuple[float, float],
    intake_kcal_day: float | None,
    activity_kcal_day: float = 0.0,
    *,
    sex: str,
    age_years: float,
    height_m: float,
    weeks: int = 12,
    intake_error: float = 0.10,
    activity_error: float = 0.10,
    adaptive_thermogenesis: bool = True,
    daily_pal: float = BP.DAILY_PAL_DEFAULT,
    hard_sets_per_week: float = 0.0,
    protein_g_per_kg: float | None = None,
    calibration_kcal_day: float = 0.0,
    params: BodyParameters = PUBLISHED,
) -> pd.DataFrame:
    """Weekly fat, lean and weight under constant habits, with a logging-error band.

    Three runs of :func:`~legload.models.body.dynamics.simulate` (Hall et al. 2011, Lancet
    378:826, doi:10.1016/S0140-6736(11)60812-X): as logged; intake x (1 - intake_error) with
    activity x (1 + activity_error); and the reverse. Low/high are the extremes of the three
    (a logging-error band, not a confidence interval). ``intake_kcal_day`` None = maintenance;
    ``weeks`` 1-26; errors 0-0.5. In a deficit ``hard_sets_per_week`` and ``protein_g_per_kg``
    keep a share ``s`` of the lean loss (:func:`~legload.models.body.sparing.lean_sparing`,
    Sardeli et al. 2018, doi:10.3390/nu10040423): Forbes constant ``(1 - s) C``.
    ``calibration_kcal_day`` (measured - model, either sign) is added to the activity, any
    part below zero to the intake. Columns and details: docs/models/body.md, "Projections".
    """
    if int(weeks) != weeks or not 1 <= weeks <= 26:
        raise ModelDomainError("weeks must be a whole number in [1, 26]")
    for value, name in ((intake_error, "intake_error"), (activity_error, "activity_error")):
        if not (math.isfinite(value) and 0.0 <= value <= 0.5):
            raise ModelDomainError(f"{name} must lie in [0, 0.5]")
    activity_kcal_day, offset = _calibrated(activity_kcal_day, calibration_kcal_day)
    maintenance = -offset + float(maintenance_intake_kcal_day(
        initial, sex=sex, age_years=age_years, height_m=height_m,
        activity_kcal_day=activity_kcal_day, daily_pal=daily_pal, params=params))
    if intake_kcal_day is None:
        intake_kcal_day = maintenance
    sparing = lean_sparing(hard_sets_per_week, protein_g_per_kg)
    deficit = float(intake_kcal_day) < maintenance
    runs = [
        simulate(
            initial,
            float(intake_kcal_day) * i_factor + offset,
            float(activity_kcal_day) * a_factor,
            sex=sex, age_years=age_years, height_m=height_m, days=7 * int(weeks),
            adaptive_thermogenesis=adaptive_thermogenesis, daily_pal=daily_pal,
            params=_spared(params, share if deficit else 0.0),
        ).iloc[::7].reset_index(drop=True)
        for i_factor, a_factor, share in (
            (1.0, 1.0, sparing.central),
            (1.0 - intake_error, 1.0 + activity_error, sparing.low),
            (1.0 + intake_error, 1.0 - activity_error, sparing.high),
        )
    ]
    return _banded(runs)


def _banded(runs: list[pd.DataFrame]) -> pd.DataFrame:
    """Weekly rows: the first run as the central value, the extremes of all runs as the band."""
    central = runs[0]
    frame = pd.DataFrame({"week": np.arange(len(central), dtype=int), "day": central["day"]})
    for name in ("weight", "fat", "lean"):
        stack = np.vstack([r[f"{name}_kg"].to_numpy() for r in runs])
        frame[f"{name}_kg"] = stack[0]
        frame[f"{name}_low_kg"] = stack.min(axis=0)
        frame[f"{name}_high_kg"] = stack.max(axis=0)
    return frame[list(PROJECT_COLUMNS)]


def _spared(params: BodyParameters, share: float) -> BodyParameters:
    """The parameter set with the Forbes constant scaled by ``1 - share`` (kept >= 1 % of C)."""
    if share <= 0.0:
        return params
    return replace(params, forbes_c_kg=params.forbes_c_kg * max(1.0 - share, 0.01))


def _calibrated(activity: float, calibration: float) -> tuple[float, float]:
    """(activity, intake offset) carrying a calibration term: added to the activity while the
    sum stays >= 0; beyond that, an expenditure the model overestimates is carried as the
    same energy added to the intake (the balance EI - EE is what moves the body)."""
    total = activity + calibration
    return (total, 0.0) if total >= 0.0 else (0.0, -total)


__all__ = ["PROJECT_COLUMNS", "project"]
