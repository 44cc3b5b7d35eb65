"""Resting (basal) energy expenditure: the Mifflin-St Jeor equations (Mifflin et al. 1990).

:func:`resting_metabolic_rate_kcal_day` gives the resting metabolic rate from sex, body mass,
height and age; the body-composition model (:mod:`legload.models.body.dynamics`) builds its
baseline expenditure on it. Floats or arrays in, as described in :mod:`legload.models.exercise.mets`.
The coefficients are the ``params`` argument, by default the published set of
:mod:`legload.models.body.parameters`; ``docs/models/energy.md`` has the equations and sources.
"""

from __future__ import annotations

import numpy as np

from legload.errors import ModelDomainError
from legload.models.body.parameters import PUBLISHED, BodyParameters
from legload.models.inputs import ArrayLike, require, to_arrays, to_result


def resting_metabolic_rate_kcal_day(
    sex: str, mass_kg: ArrayLike, height_m: ArrayLike, age_years: ArrayLike, *,
    params: BodyParameters = PUBLISHED,
) -> float | np.ndarray:
    """Resting metabolic rate from sex, body mass, height and age (Mifflin–St Jeor).

    Parameters
    ----------
    sex : {"male", "female"}
        Sex the equation was fitted for (case and surrounding spaces are ignored).
    mass_kg : float or array
        Body mass [kg], 0 < m <= 400.
    height_m : float or array
        Height [m], 0.5 < h <= 2.75 (a value above 3 is taken for centimetres and refused).
    age_years : float or array
        Age [years], 0 <= age <= 130.
    params : BodyParameters, default PUBLISHED
        Its ``mifflin_coefficients`` (10, 6.25, 5, +5 / -161) are the equation's.

    Returns
    -------
    float or ndarray
        Resting energy expenditure [kcal day-1].

    Notes
    -----
    Mifflin et al. (1990), simplified sex-specific form (abstract)::

        REE = 10 m + 6.25 h_cm - 5 age + 5     (men)
        REE = 10 m + 6.25 h_cm - 5 age - 161   (women),   h_cm = 100 height_m

    Derived by indirect calorimetry on 498 healthy adults aged 19-78 years, normal-weight and
    obese (R2 = 0.71); outside that age range (children, the very old) it is an
    extrapolation, and it does not see body composition (fat-free mass was the best single
    predictor in the paper). Sex outside {"male", "female"}, non-finite values or values
    outside the bounds above raise ModelDomainError.

    References
    ----------
    Mifflin MD, St Jeor ST, Hill LA, Scott BJ, Daugherty SA, Koh YO (1990) A new predictive
    equation for resting energy expenditure in healthy individuals. Am J Clin Nutr
    51:241-247. doi:10.1093/ajcn/51.2.241

    Examples
    --------
    >>> resting_metabolic_rate_kcal_day("male", 70.0, 1.75, 30)
    1648.75
    >>> resting_metabolic_rate_kcal_day("female", 60.0, 1.65, 25)
    1345.25
    """
    key = sex.strip().lower() if isinstance(sex, str) else None
    if key not in ("male", "female"):
        raise ModelDomainError(f"sex must be 'male' or 'female', not {sex!r}")
    scalar, (m, h, a) = to_arrays(mass_kg, height_m, age_years)
    _check_rmr_inputs(m, h, a)
    c = params.mifflin_coefficients
    offset = c["male_offset_kcal"] if key == "male" else c["female_offset_kcal"]
    ree = c["kcal_per_kg"] * m + c["kcal_per_cm"] * 100.0 * h - c["kcal_per_year"] * a + offset
    return to_result(ree, scalar)


def _check_rmr_inputs(m: np.ndarray, h: np.ndarray, a: np.ndarray) -> None:
    """ModelDomainError for a non-finite input or one outside the bounds of
    :func:`resting_metabolic_rate_kcal_day` (a height above 3 is taken for centimetres)."""
    require(np.isfinite(m) & np.isfinite(h) & np.isfinite(a), "RMR inputs must be finite")
    require((m > 0) & (m <= 400), "mass_kg must lie in (0, 400] kg")
    if np.any(h > 3.0):
        raise ModelDomainError("height_m must be in metres (a height above 3 looks like cm)")
    require((h > 0.5) & (h <= 2.75), "height_m must lie in (0.5, 2.75] m")
    require((a >= 0) & (a <= 130), "age_years must lie in [0, 130]")


__all__ = ["resting_metabolic_rate_kcal_day"]
