"""Metabolic energy of locomotion and rest: pure functions of floats or numpy arrays, SI units.

* Running and walking on slopes: cost per metre from Minetti et al. (2002), the metabolic
  power it implies, and the grade-adjusted speed / pace built on the same cost curve.
* Cycling: metabolic power from mechanical power and gross efficiency, and the road-load
  mechanical power when only speed and grade are known.
* Other activities: energy from Compendium METs (Ainsworth et al. 2011).
* Resting metabolic rate: Mifflin et al. (1990).

Every function accepts a float or an array (anything numpy broadcasts) and returns a float
for scalar inputs, an ``ndarray`` otherwise, so a 1 Hz stream integrates with a sum::

    power = running_power_w_per_kg(stream.speed_m_s, stream.grade)   # W/kg, one per second
    kcal = np.nansum(power) * mass_kg / J_PER_KCAL                   # 1 s per sample

NaN inputs (gaps in a stream) give NaN outputs; they never raise. Values a model cannot
take (negative speed, efficiency of 0, an unknown sex, ...) raise
:class:`~legload.errors.ModelDomainError`. The numbers come from
:mod:`legload.models.parameters`; ``docs/models/energy.md`` has the equations and sources.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from legload.errors import ModelDomainError
from legload.models import parameters as P

#: Joules per kilocalorie (thermochemical calorie).
J_PER_KCAL: float = 4184.0

_RUN = np.asarray(P.MINETTI_2002_RUN_COEFFICIENTS)
_WALK = np.asarray(P.MINETTI_2002_WALK_COEFFICIENTS)
_LIMIT = P.MINETTI_2002_GRADE_LIMIT
_G = P.STANDARD_GRAVITY_M_S2

ArrayLike = Any  # float, sequence, numpy array or pandas Series


# --- helpers ---------------------------------------------------------------------------------


def _arrays(*values: ArrayLike) -> tuple[bool, list[np.ndarray]]:
    """Float arrays of ``values`` and whether every one of them was a scalar."""
    arrays = [np.asarray(v, dtype=float) for v in values]
    return all(a.ndim == 0 for a in arrays), arrays


def _result(value: np.ndarray, scalar: bool) -> float | np.ndarray:
    return float(value) if scalar else np.asarray(value, dtype=float)


def _require(condition: np.ndarray | bool, message: str) -> None:
    """Raise ModelDomainError unless ``condition`` holds everywhere (NaN inputs must pass)."""
    if not np.all(condition):
        raise ModelDomainError(message)


def _check_speed(speed: np.ndarray) -> None:
    _require(~(speed < 0), "speed_m_s must be >= 0 m/s")


def _minetti_grade(grade: np.ndarray, strict: bool) -> np.ndarray:
    """Clip grade to the Minetti range, or raise when ``strict`` and any grade is outside."""
    outside = np.abs(grade) > _LIMIT
    if strict and np.any(outside):
        worst = float(np.nanmax(np.abs(grade)))
        raise ModelDomainError(
            f"grade {worst:.3f} is outside the range measured by Minetti et al. 2002 "
            f"(|i| <= {_LIMIT})"
        )
    return np.clip(grade, -_LIMIT, _LIMIT)


def outside_minetti_range(grade: ArrayLike) -> bool | np.ndarray:
    """Whether ``grade`` lies outside the ±0.45 range of Minetti et al. (2002).

    Callers that let :func:`running_cost` and friends clip (the default) use this to flag the
    samples whose cost was taken at the boundary.

    Parameters
    ----------
    grade : float or array
        Grade *i* = rise / run [-]. NaN is not outside (returns False).

    Returns
    -------
    bool or ndarray of bool

    Examples
    --------
    >>> outside_minetti_range([0.1, -0.5, 0.45])
    array([False,  True, False])
    """
    scalar, (g,) = _arrays(grade)
    outside = np.abs(g) > _LIMIT
    return bool(outside) if scalar else outside


# --- running and walking: Minetti et al. 2002 ------------------------------------------------


def running_cost(grade: ArrayLike, *, strict: bool = False) -> float | np.ndarray:
    """Metabolic cost of running per metre and per kg of body mass on a slope.

    Parameters
    ----------
    grade : float or array
        Grade *i* = rise / run [-] (decimal: 0.10 is 10 %).
    strict : bool, default False
        Raise :class:`~legload.errors.ModelDomainError` for ``|i| > 0.45`` instead of clipping.

    Returns
    -------
    float or ndarray
        Cost of running Cr [J kg-1 m-1], per metre travelled along the slope, net of the
        standing resting metabolism [S].

    Notes
    -----
    Fifth-order polynomial fitted by Minetti et al. (2002) to their treadmill measurements
    (coefficients from a secondary transcription that places them under the paper's Fig. 1;
    the paper's abstract, which was read, gives the measured means)::

        Cr(i) = 155.4 i^5 - 30.4 i^4 - 43.3 i^3 + 46.3 i^2 + 19.5 i + 3.6

    Valid range: ``-0.45 <= i <= 0.45``, the treadmill inclinations measured, in ten trained
    mountain runners; running cost did not depend on speed (abstract). Cr(0) = 3.6 against the
    3.40 +/- 0.24 measured on the level; the minimum, 1.78 at i = -0.181, matches the measured
    minimum of 1.73 +/- 0.36 at i = -0.20. Outside the range the cost at the nearest boundary
    is returned (the polynomial diverges quickly beyond it); flag such samples with
    :func:`outside_minetti_range`, or pass ``strict=True`` to refuse them. NaN gives NaN.

    References
    ----------
    Minetti AE, Moia C, Roi GS, Susta D, Ferretti G (2002) Energy cost of walking and running
    at extreme uphill and downhill slopes. J Appl Physiol 93:1039-1046.
    doi:10.1152/japplphysiol.01177.2001

    Examples
    --------
    >>> round(running_cost(0.0), 2)
    3.6
    >>> running_cost(np.array([-0.2, 0.1, 0.2])).round(2).tolist()
    [1.8, 5.97, 9.01]
    >>> running_cost(0.6) == running_cost(0.45)
    True
    """
    scalar, (g,) = _arrays(grade)
    return _result(np.polyval(_RUN, _minetti_grade(g, strict)), scalar)


def walking_cost(grade: ArrayLike, *, strict: bool = False) -> float | np.ndarray:
    """Metabolic cost of walking per metre and per kg of body mass on a slope.

    Parameters
    ----------
    grade : float or array
        Grade *i* = rise / run [-].
    strict : bool, default False
        Raise :class:`~legload.errors.ModelDomainError` for ``|i| > 0.45`` instead of clipping.

    Returns
    -------
    float or ndarray
        Cost of walking Cw [J kg-1 m-1], per metre travelled along the slope, net of the
        standing resting metabolism [S].

    Notes
    -----
    Fifth-order polynomial of Minetti et al. (2002) (coefficients from a secondary
    transcription)::

        Cw(i) = 280.5 i^5 - 58.7 i^4 - 76.8 i^3 + 51.9 i^2 + 19.6 i + 2.5

    Valid range ``-0.45 <= i <= 0.45``; outside it the boundary value is returned (or
    ModelDomainError with ``strict=True``). Walking cost, unlike running cost, depends on
    speed; the paper's abstract reports the *minimum* over speeds at each grade (1.64 J/kg/m at
    about 1.0 m/s on the level, 0.81 at i = -0.10, 17.33 at +0.45, 3.46 at -0.45). The
    polynomial matches these within 4 % at +/-0.45 but lies 40-50 % above them near the level
    (2.5 at i = 0, 1.13 at i = -0.10), and its minimum falls at i = -0.153 rather than the
    measured -0.10: treat level and gentle-downhill walking costs as upper estimates.

    References
    ----------
    Minetti AE, Moia C, Roi GS, Susta D, Ferretti G (2002) Energy cost of walking and running
    at extreme uphill and downhill slopes. J Appl Physiol 93:1039-1046.
    doi:10.1152/japplphysiol.01177.2001

    Examples
    --------
    >>> walking_cost(0.0)
    2.5
    >>> round(walking_cost(0.45), 1)
    17.6
    """
    scalar, (g,) = _arrays(grade)
    return _result(np.polyval(_WALK, _minetti_grade(g, strict)), scalar)


def running_power_w_per_kg(
    speed_m_s: ArrayLike, grade: ArrayLike, *, strict: bool = False
) -> float | np.ndarray:
    """Metabolic power of running per kg of body mass: cost per metre times speed.

    Parameters
    ----------
    speed_m_s : float or array
        Speed along the slope [m s-1], >= 0. (A GPS track's horizontal speed v_h becomes
        v_h * sqrt(1 + i^2) along the slope: +1 % at i = 0.14, +10 % at i = 0.45.)
    grade : float or array
        Grade *i* = rise / run [-]; clipped to +/-0.45 unless ``strict``.
    strict : bool, default False
        Raise :class:`~legload.errors.ModelDomainError` for ``|i| > 0.45``.

    Returns
    -------
    float or ndarray
        Net metabolic power [W kg-1]: ``Cr(i) * v``.

    Notes
    -----
    Minetti et al. (2002) found running cost independent of speed at each grade, so the power
    is proportional to speed. Valid for steady, aerobic running over the measured grades;
    sprints and accelerations cost more than this. Negative speed raises ModelDomainError.

    References
    ----------
    Minetti AE et al. (2002) J Appl Physiol 93:1039-1046. doi:10.1152/japplphysiol.01177.2001

    Examples
    --------
    >>> round(running_power_w_per_kg(3.0, 0.0), 1)
    10.8
    >>> speeds = np.full(3600, 3.0)           # one hour at 1 Hz
    >>> round(running_power_w_per_kg(speeds, 0.0).sum() * 70 / J_PER_KCAL)  # kcal for 70 kg
    650
    """
    scalar, (v, g) = _arrays(speed_m_s, grade)
    _check_speed(v)
    return _result(np.polyval(_RUN, _minetti_grade(g, strict)) * v, scalar)


def walking_power_w_per_kg(
    speed_m_s: ArrayLike, grade: ArrayLike, *, strict: bool = False
) -> float | np.ndarray:
    """Metabolic power of walking per kg of body mass: cost per metre times speed.

    Parameters
    ----------
    speed_m_s : float or array
        Speed along the slope [m s-1], >= 0.
    grade : float or array
        Grade *i* = rise / run [-]; clipped to +/-0.45 unless ``strict``.
    strict : bool, default False
        Raise :class:`~legload.errors.ModelDomainError` for ``|i| > 0.45``.

    Returns
    -------
    float or ndarray
        Net metabolic power [W kg-1]: ``Cw(i) * v``.

    Notes
    -----
    The walking polynomial describes walking near the most economical speed at each grade
    (see :func:`walking_cost`); far from it (very slow strolling, very fast walking) the real
    cost per metre is higher. Negative speed raises ModelDomainError.

    References
    ----------
    Minetti AE et al. (2002) J Appl Physiol 93:1039-1046. doi:10.1152/japplphysiol.01177.2001

    Examples
    --------
    >>> round(walking_power_w_per_kg(1.2, 0.0), 1)
    3.0
    """
    scalar, (v, g) = _arrays(speed_m_s, grade)
    _check_speed(v)
    return _result(np.polyval(_WALK, _minetti_grade(g, strict)) * v, scalar)


def grade_adjusted_speed(
    speed_m_s: ArrayLike, grade: ArrayLike, *, strict: bool = False
) -> float | np.ndarray:
    """Level running speed with the same metabolic power as ``speed_m_s`` on ``grade``.

    Parameters
    ----------
    speed_m_s : float or array
        Running speed along the slope [m s-1], >= 0.
    grade : float or array
        Grade *i* = rise / run [-]; clipped to +/-0.45 unless ``strict``.
    strict : bool, default False
        Raise :class:`~legload.errors.ModelDomainError` for ``|i| > 0.45``.

    Returns
    -------
    float or ndarray
        Grade-adjusted speed [m s-1]: ``v * Cr(i) / Cr(0)``.

    Notes
    -----
    Because running cost per metre does not depend on speed (Minetti et al. 2002), equal
    metabolic power on the level means ``Cr(0) v_gap = Cr(i) v``. Uphill the adjusted speed is
    faster than the real one; downhill it is slower, down to about half the real speed near
    i = -0.18 where running is cheapest. Strava's grade-adjusted pace since 2017 (Robb 2017)
    is an equal-heart-rate model fitted to real runs rather than a metabolic one; it credits
    downhill running more (a steep descent is not "half price"), so legload's adjusted pace on
    descents is slower than Strava's. Same range and out-of-range behaviour as
    :func:`running_cost`.

    References
    ----------
    Minetti AE et al. (2002) J Appl Physiol 93:1039-1046. doi:10.1152/japplphysiol.01177.2001
    Robb D (2017) An improved GAP model. Strava Engineering blog, 3 Oct 2017.

    Examples
    --------
    >>> round(grade_adjusted_speed(3.0, 0.10), 2)
    4.97
    >>> grade_adjusted_speed(3.0, 0.0)
    3.0
    """
    scalar, (v, g) = _arrays(speed_m_s, grade)
    _check_speed(v)
    ratio = np.polyval(_RUN, _minetti_grade(g, strict)) / np.polyval(_RUN, 0.0)
    return _result(v * ratio, scalar)


def grade_adjusted_pace_s_per_km(
    speed_m_s: ArrayLike, grade: ArrayLike, *, strict: bool = False
) -> float | np.ndarray:
    """Grade-adjusted pace: seconds per kilometre at the grade-adjusted speed.

    Parameters
    ----------
    speed_m_s : float or array
        Running speed along the slope [m s-1], >= 0.
    grade : float or array
        Grade *i* = rise / run [-]; clipped to +/-0.45 unless ``strict``.
    strict : bool, default False
        Raise :class:`~legload.errors.ModelDomainError` for ``|i| > 0.45``.

    Returns
    -------
    float or ndarray
        Pace [s km-1]: ``1000 / grade_adjusted_speed(v, i)``; ``inf`` where the speed is 0.

    Notes
    -----
    See :func:`grade_adjusted_speed` for the model, its range and how it differs from
    Strava's. To average a pace over a stretch, average the speeds first, not the paces.

    References
    ----------
    Minetti AE et al. (2002) J Appl Physiol 93:1039-1046. doi:10.1152/japplphysiol.01177.2001

    Examples
    --------
    >>> round(grade_adjusted_pace_s_per_km(3.0, 0.10))
    201
    >>> grade_adjusted_pace_s_per_km(0.0, 0.0)
    inf
    """
    scalar, (v, g) = _arrays(speed_m_s, grade)
    gas = np.asarray(grade_adjusted_speed(v, g, strict=strict), dtype=float)
    pace = np.divide(1000.0, gas, out=np.full_like(gas, np.inf), where=gas != 0)
    pace = np.where(np.isnan(gas), np.nan, pace)
    return _result(pace, scalar)


# --- cycling ---------------------------------------------------------------------------------


def cycling_metabolic_power(
    power_w: ArrayLike, efficiency: ArrayLike = P.CYCLING_GROSS_EFFICIENCY
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
    scalar, (p, e) = _arrays(power_w, efficiency)
    _require(~(p < 0), "power_w must be >= 0 W")
    _require((e > 0) & (e <= 1), "efficiency must lie in (0, 1]")
    return _result(p / e, scalar)


def cycling_power_from_speed(
    speed_m_s: ArrayLike,
    grade: ArrayLike,
    mass_kg: ArrayLike,
    cda_m2: ArrayLike = P.CYCLING_ROAD_LOAD_DEFAULTS["cda_m2"],
    crr: ArrayLike = P.CYCLING_ROAD_LOAD_DEFAULTS["crr"],
    rho: ArrayLike = P.CYCLING_ROAD_LOAD_DEFAULTS["rho_kg_m3"],
) -> float | np.ndarray:
    """Mechanical power to ride at a steady speed on a grade: gravity + rolling + air.

    Parameters
    ----------
    speed_m_s : float or array
        Ground speed along the road [m s-1], >= 0.
    grade : float or array
        Road grade *i* = rise / run [-]; the slope angle is ``theta = arctan(i)``.
    mass_kg : float or array
        Mass of rider plus bicycle [kg], > 0.
    cda_m2 : float or array, default 0.32
        Drag area (drag coefficient x frontal area) [m2], >= 0.
    crr : float or array, default 0.004
        Coefficient of rolling resistance [-], >= 0.
    rho : float or array, default 1.225
        Air density [kg m-3], > 0.

    Returns
    -------
    float or ndarray
        Mechanical power [W], >= 0.

    Notes
    -----
    Steady-state road-load balance in still air (the aerodynamic, rolling and gravitational
    terms of the model validated by Martin et al. 1998, R2 = 0.97 against measured road
    power)::

        P = v (m g sin(theta) + Crr m g cos(theta)) + 0.5 rho CdA v^3,   g = 9.80665 m s-2

    Left out: wind, drivetrain and wheel-bearing losses (a few per cent) and the power that
    changes kinetic energy (add ``m a v`` for accelerations). Where the sum is negative
    (descending faster than the resistances alone would allow) the rider is coasting or
    braking and 0 is returned. The defaults are engineering values for a road bike ridden on
    the hoods, not from one paper; real CdA and Crr differ from rider to rider and road to
    road. Invalid inputs (negative speed, mass <= 0, negative CdA or Crr, rho <= 0) raise
    ModelDomainError.

    References
    ----------
    Martin JC, Milliken DL, Cobb JE, McFadden KL, Coggan AR (1998) Validation of a
    mathematical model for road cycling power. J Appl Biomech 14:276-291.
    doi:10.1123/jab.14.3.276

    Examples
    --------
    >>> round(cycling_power_from_speed(10.0, 0.0, 80.0))
    227
    >>> cycling_power_from_speed(0.0, 0.05, 80.0)
    0.0
    >>> cycling_power_from_speed(15.0, -0.10, 80.0)
    0.0
    """
    scalar, (v, i, m, cda, c, r) = _arrays(speed_m_s, grade, mass_kg, cda_m2, crr, rho)
    _check_speed(v)
    _require(~(m <= 0), "mass_kg must be > 0 kg")
    _require(~(cda < 0), "cda_m2 must be >= 0 m2")
    _require(~(c < 0), "crr must be >= 0")
    _require(~(r <= 0), "rho must be > 0 kg/m3")
    theta = np.arctan(i)
    power = v * m * _G * (np.sin(theta) + c * np.cos(theta)) + 0.5 * r * cda * v**3
    power = np.where(power < 0, 0.0, power)  # NaN stays NaN
    return _result(power, scalar)


# --- METs: Compendium of Physical Activities -------------------------------------------------


def met_energy_kcal(
    met: ArrayLike, mass_kg: ArrayLike, duration_s: ArrayLike, *, net: bool = False
) -> float | np.ndarray:
    """Energy spent in an activity from its MET value.

    Parameters
    ----------
    met : float or array
        Intensity [MET], >= 0, e.g. from
        :data:`legload.models.parameters.COMPENDIUM_2011_METS`.
    mass_kg : float or array
        Body mass [kg], > 0.
    duration_s : float or array
        Duration [s], >= 0.
    net : bool, default False
        Return the energy above rest, ``max(MET - 1, 0)``, instead of the gross energy —
        use it when the resting metabolism is counted separately (e.g. with
        :func:`resting_metabolic_rate_kcal_day`) so rest is not counted twice.

    Returns
    -------
    float or ndarray
        Energy [kcal]: ``MET x mass_kg x duration_s / 3600`` (x 1 kcal kg-1 h-1 per MET).

    Notes
    -----
    The Compendium defines a MET as the ratio of the activity's metabolic rate to a standard
    resting rate, taken as 1 kcal per kg per hour (about 3.5 ml O2 kg-1 min-1). Compendium
    values are averages for adults, not individual measurements; legload uses them for
    strength sessions, swimming, hiking and activities without a better model. Table of
    codes used: ``docs/models/energy.md``. Negative MET, duration or mass <= 0 raise
    ModelDomainError.

    References
    ----------
    Ainsworth BE, Haskell WL, Herrmann SD, et al. (2011) 2011 Compendium of Physical
    Activities: a second update of codes and MET values. Med Sci Sports Exerc 43:1575-1581.
    doi:10.1249/MSS.0b013e31821ece12

    Examples
    --------
    >>> from legload.models.parameters import COMPENDIUM_2011_METS
    >>> met = COMPENDIUM_2011_METS["strength_vigorous"].met   # code 02050, 6.0 MET
    >>> met_energy_kcal(met, 80.0, 3600.0)
    480.0
    >>> met_energy_kcal(met, 80.0, 3600.0, net=True)
    400.0
    """
    scalar, (mt, m, t) = _arrays(met, mass_kg, duration_s)
    _require(~(mt < 0), "met must be >= 0")
    _require(~(m <= 0), "mass_kg must be > 0 kg")
    _require(~(t < 0), "duration_s must be >= 0 s")
    intensity = np.where(mt < 1.0, 0.0, mt - 1.0) if net else mt
    intensity = np.where(np.isnan(mt), np.nan, intensity)
    return _result(intensity * P.KCAL_PER_MET_KG_HOUR * m * t / 3600.0, scalar)


# --- resting metabolic rate: Mifflin et al. 1990 ---------------------------------------------


def resting_metabolic_rate_kcal_day(
    sex: str, mass_kg: ArrayLike, height_m: ArrayLike, age_years: ArrayLike
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
    scalar, (m, h, a) = _arrays(mass_kg, height_m, age_years)
    _require(np.isfinite(m) & np.isfinite(h) & np.isfinite(a), "RMR inputs must be finite")
    _require((m > 0) & (m <= 400), "mass_kg must lie in (0, 400] kg")
    if np.any(h > 3.0):
        raise ModelDomainError("height_m must be in metres (a height above 3 looks like cm)")
    _require((h > 0.5) & (h <= 2.75), "height_m must lie in (0.5, 2.75] m")
    _require((a >= 0) & (a <= 130), "age_years must lie in [0, 130]")
    c = P.MIFFLIN_1990_COEFFICIENTS
    offset = c["male_offset_kcal"] if key == "male" else c["female_offset_kcal"]
    ree = c["kcal_per_kg"] * m + c["kcal_per_cm"] * 100.0 * h - c["kcal_per_year"] * a + offset
    return _result(ree, scalar)


__all__ = [
    "J_PER_KCAL",
    "cycling_metabolic_power",
    "cycling_power_from_speed",
    "grade_adjusted_pace_s_per_km",
    "grade_adjusted_speed",
    "met_energy_kcal",
    "outside_minetti_range",
    "resting_metabolic_rate_kcal_day",
    "running_cost",
    "running_power_w_per_kg",
    "walking_cost",
    "walking_power_w_per_kg",
]
