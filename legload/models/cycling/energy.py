"""Energy of cycling: metabolic power from crank power, and road-load power from speed.

* :func:`cycling_metabolic_power` — whole-body metabolic power from mechanical power and
  gross efficiency.
* :func:`cycling_power_from_speed` — the mechanical power to ride at a steady speed on a grade
  (gravity, rolling resistance, air) when no power meter recorded it.

Floats or arrays in, SI units, NaN through, as described in :mod:`legload.models.exercise.mets`. The
coefficients are arguments whose defaults are the published set
(:data:`legload.models.cycling.parameters.PUBLISHED`, where each has its source);
``docs/models/energy.md`` has the equations and sources.
"""

from __future__ import annotations

import numpy as np

from legload.models.cycling.parameters import PUBLISHED
from legload.models.inputs import ArrayLike, check_speed, require, to_arrays, to_result
from legload.models.locomotion.parameters import STANDARD_GRAVITY_M_S2

_G = STANDARD_GRAVITY_M_S2


def cycling_metabolic_power(
    power_w: ArrayLike, efficiency: ArrayLike = PUBLISHED.gross_efficiency
) -> float | np.ndarray:
    """Whole-body metabolic power of cycling from mechanical (crank) power.

    Parameters
    ----------
    power_w : float or array
        Mechanical power at the cranks (power meter) [W], >= 0.
    efficiency : float or array, default 0.22
        Gross efficiency [-], 0 < e <= 1: mechanical power / total metabolic power.

    Returns
    -------
    float or ndarray
        Gross metabolic power [W] (includes the resting metabolism): ``P / e``.

    Notes
    -----
    Gross efficiency is the most relevant expression of cycling efficiency and rises with
    work rate, because the zero-work baseline weighs less at high power (Ettema & Lorås
    2009). Fit young men measured 0.198 +/- 0.006 over 95-305 W (Moseley & Jeukendrup 2001);
    trained competitive cyclists 0.199-0.204 (men) and 0.223-0.225 (women) at 150-180 W
    (Hopker et al. 2010); typical values 0.18-0.25. At low power (< ~100 W) ``P / e`` with a fixed e
    underestimates the cost, and 0 W (coasting) gives 0 W although the rider still spends
    the resting metabolism. Efficiency outside (0, 1] or negative power raises
    ModelDomainError.

    References
    ----------
    Ettema G, Lorås HW (2009) Efficiency in cycling: a review. Eur J Appl Physiol 106:1-14.
    doi:10.1007/s00421-009-1008-7
    Moseley L, Jeukendrup AE (2001) The reliability of cycling efficiency. Med Sci Sports
    Exerc 33:621-627.
    Hopker J, Jobson S, Carter H, Passfield L (2010) Cycling efficiency in trained male and
    female competitive cyclists. J Sports Sci Med 9:332-337.

    Examples
    --------
    >>> cycling_metabolic_power(220.0)
    1000.0
    >>> cycling_metabolic_power(np.array([0.0, 200.0]), efficiency=0.20).tolist()
    [0.0, 1000.0]
    """
    scalar, (p, e) = to_arrays(power_w, efficiency)
    require(~(p < 0), "power_w must be >= 0 W")
    require((e > 0) & (e <= 1), "efficiency must lie in (0, 1]")
    return to_result(p / e, scalar)


def cycling_power_from_speed(
    speed_m_s: ArrayLike,
    grade: ArrayLike,
    mass_kg: ArrayLike,
    cda_m2: ArrayLike = PUBLISHED.road_load["cda_m2"],
    crr: ArrayLike = PUBLISHED.road_load["crr"],
    rho: ArrayLike = PUBLISHED.road_load["rho_kg_m3"],
) -> float | np.ndarray:
    """Mechanical power to ride at a steady speed on a grade: gravity + rolling + air.

    Steady road-load balance in still air (Martin et al. 1998, R2 = 0.97 against measured
    road power)::

        P = v (m g sin(theta) + Crr m g cos(theta)) + 0.5 rho CdA v^3,   theta = arctan(i)

    ``speed_m_s`` >= 0 [m/s], ``grade`` i = rise / run, ``mass_kg`` rider plus bicycle > 0,
    ``cda_m2`` >= 0 [m2], ``crr`` >= 0, ``rho`` > 0 [kg/m3]; defaults are engineering values
    for a road bike on the hoods. Returns P [W] >= 0 (a negative sum, coasting or braking,
    gives 0). Invalid inputs raise ModelDomainError. Left out (wind, drivetrain losses,
    acceleration): docs/models/energy.md.

    References: Martin JC, Milliken DL, Cobb JE, McFadden KL, Coggan AR (1998) J Appl
    Biomech 14:276-291. doi:10.1123/jab.14.3.276

    Examples:

    >>> round(cycling_power_from_speed(10.0, 0.0, 80.0))
    227
    >>> cycling_power_from_speed(0.0, 0.05, 80.0), cycling_power_from_speed(15.0, -0.10, 80.0)
    (0.0, 0.0)
    """
    scalar, (v, i, m, cda, c, r) = to_arrays(speed_m_s, grade, mass_kg, cda_m2, crr, rho)
    check_speed(v)
    require(~(m <= 0), "mass_kg must be > 0 kg")
    require(~(cda < 0), "cda_m2 must be >= 0 m2")
    require(~(c < 0), "crr must be >= 0")
    require(~(r <= 0), "rho must be > 0 kg/m3")
    theta = np.arctan(i)
    power = v * m * _G * (np.sin(theta) + c * np.cos(theta)) + 0.5 * r * cda * v**3
    power = np.where(power < 0, 0.0, power)  # NaN stays NaN
    return to_result(power, scalar)


__all__ = ["cycling_metabolic_power", "cycling_power_from_speed"]
