"""Metabolic energy of running and walking on slopes (Minetti et al. 2002).

* :func:`running_cost`, :func:`walking_cost` — cost per metre and per kg on a grade.
* :func:`running_power_w_per_kg`, :func:`walking_power_w_per_kg` — the metabolic power it
  implies at a speed.
* :func:`grade_adjusted_speed`, :func:`grade_adjusted_pace_s_per_km` — the level speed / pace
  built on the same running cost curve.
* :func:`outside_minetti_range` — which grades lie outside the measured ±0.45.

Floats or arrays in, SI units, NaN through, as described in :mod:`legload.models.exercise.mets`. The
coefficients are a :class:`~legload.models.locomotion.parameters.LocomotionParameters`
argument, ``params``, whose default is the published set (:mod:`legload.models.locomotion.parameters`
holds them with their source); ``docs/models/energy.md`` has the equations and sources.
"""

from __future__ import annotations

import numpy as np

from legload.errors import ModelDomainError
from legload.models.inputs import ArrayLike, check_speed, to_arrays, to_result
from legload.models.locomotion.parameters import PUBLISHED, LocomotionParameters


def _cost(coefficients: tuple[float, ...], grade: np.ndarray, strict: bool,
          params: LocomotionParameters) -> np.ndarray:
    """The Minetti polynomial ``coefficients`` at ``grade``, clipped to the measured range."""
    return np.polyval(np.asarray(coefficients), _minetti_grade(grade, strict, params))


def _minetti_grade(grade: np.ndarray, strict: bool, params: LocomotionParameters) -> np.ndarray:
    """Clip grade to the Minetti range, or raise when ``strict`` and any grade is outside."""
    limit = params.minetti_grade_limit
    outside = np.abs(grade) > limit
    if strict and np.any(outside):
        worst = float(np.nanmax(np.abs(grade)))
        raise ModelDomainError(
            f"grade {worst:.3f} is outside the range measured by Minetti et al. 2002 "
            f"(|i| <= {limit})"
        )
    return np.clip(grade, -limit, limit)


def outside_minetti_range(
    grade: ArrayLike, *, params: LocomotionParameters = PUBLISHED
) -> bool | np.ndarray:
    """Whether ``grade`` lies outside the ±0.45 range of Minetti et al. (2002).

    Callers that let :func:`running_cost` and friends clip (the default) use this to flag the
    samples whose cost was taken at the boundary.

    Parameters
    ----------
    grade : float or array
        Grade *i* = rise / run [-]. NaN is not outside (returns False).
    params : LocomotionParameters, default PUBLISHED
        Its ``minetti_grade_limit`` (0.45) is the edge of the range.

    Returns
    -------
    bool or ndarray of bool

    Examples
    --------
    >>> outside_minetti_range([0.1, -0.5, 0.45])
    array([False,  True, False])
    """
    scalar, (g,) = to_arrays(grade)
    outside = np.abs(g) > params.minetti_grade_limit
    return bool(outside) if scalar else outside


# --- running and walking: Minetti et al. 2002 ------------------------------------------------


def running_cost(
    grade: ArrayLike, *, strict: bool = False, params: LocomotionParameters = PUBLISHED
) -> float | np.ndarray:
    """Metabolic cost of running per metre and per kg of body mass on a slope.

    Parameters
    ----------
    grade : float or array
        Grade *i* = rise / run [-] (decimal: 0.10 is 10 %).
    strict : bool, default False
        Raise :class:`~legload.errors.ModelDomainError` for ``|i| > 0.45`` instead of clipping.
    params : LocomotionParameters, default PUBLISHED
        The polynomial coefficients and grade limit (Minetti et al. 2002).

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
    scalar, (g,) = to_arrays(grade)
    return to_result(_cost(params.run_cost_coefficients, g, strict, params), scalar)


def walking_cost(
    grade: ArrayLike, *, strict: bool = False, params: LocomotionParameters = PUBLISHED
) -> float | np.ndarray:
    """Metabolic cost of walking per metre and per kg of body mass on a slope.

    Parameters
    ----------
    grade : float or array
        Grade *i* = rise / run [-].
    strict : bool, default False
        Raise :class:`~legload.errors.ModelDomainError` for ``|i| > 0.45`` instead of clipping.
    params : LocomotionParameters, default PUBLISHED
        The polynomial coefficients and grade limit (Minetti et al. 2002).

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
    scalar, (g,) = to_arrays(grade)
    return to_result(_cost(params.walk_cost_coefficients, g, strict, params), scalar)


def running_power_w_per_kg(
    speed_m_s: ArrayLike, grade: ArrayLike, *, strict: bool = False,
    params: LocomotionParameters = PUBLISHED,
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
    params : LocomotionParameters, default PUBLISHED
        The polynomial coefficients and grade limit (Minetti et al. 2002).

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
    >>> from legload.models.exercise.mets import J_PER_KCAL
    >>> speeds = np.full(3600, 3.0)           # one hour at 1 Hz
    >>> round(running_power_w_per_kg(speeds, 0.0).sum() * 70 / J_PER_KCAL)  # kcal for 70 kg
    650
    """
    scalar, (v, g) = to_arrays(speed_m_s, grade)
    check_speed(v)
    return to_result(_cost(params.run_cost_coefficients, g, strict, params) * v, scalar)


def walking_power_w_per_kg(
    speed_m_s: ArrayLike, grade: ArrayLike, *, strict: bool = False,
    params: LocomotionParameters = PUBLISHED,
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
    params : LocomotionParameters, default PUBLISHED
        The polynomial coefficients and grade limit (Minetti et al. 2002).

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
    scalar, (v, g) = to_arrays(speed_m_s, grade)
    check_speed(v)
    return to_result(_cost(params.walk_cost_coefficients, g, strict, params) * v, scalar)


def grade_adjusted_speed(
    speed_m_s: ArrayLike, grade: ArrayLike, *, strict: bool = False,
    params: LocomotionParameters = PUBLISHED,
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
    params : LocomotionParameters, default PUBLISHED
        The polynomial coefficients and grade limit (Minetti et al. 2002).

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
    scalar, (v, g) = to_arrays(speed_m_s, grade)
    check_speed(v)
    run = params.run_cost_coefficients
    ratio = _cost(run, g, strict, params) / np.polyval(run, 0.0)
    return to_result(v * ratio, scalar)


def grade_adjusted_pace_s_per_km(
    speed_m_s: ArrayLike, grade: ArrayLike, *, strict: bool = False,
    params: LocomotionParameters = PUBLISHED,
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
    params : LocomotionParameters, default PUBLISHED
        The polynomial coefficients and grade limit (Minetti et al. 2002).

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
    scalar, (v, g) = to_arrays(speed_m_s, grade)
    gas = np.asarray(grade_adjusted_speed(v, g, strict=strict, params=params), dtype=float)
    pace = np.divide(1000.0, gas, out=np.full_like(gas, np.inf), where=gas != 0)
    pace = np.where(np.isnan(gas), np.nan, pace)
    return to_result(pace, scalar)


__all__ = [
    "grade_adjusted_pace_s_per_km",
    "grade_adjusted_speed",
    "outside_minetti_range",
    "running_cost",
    "running_power_w_per_kg",
    "walking_cost",
    "walking_power_w_per_kg",
]
