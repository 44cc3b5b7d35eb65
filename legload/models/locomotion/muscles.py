"""Per-muscle demand of running and walking: work rates and activation of seven groups.

For locomotion at speed v, grade i and step rate f, each of the seven groups
(``quadriceps, hamstrings, gluteals, hip_flexors, calves, tibialis_anterior, peroneals``)
gets, per second and per kg of body mass:

* ``positive_work`` — concentric mechanical work rate [W/kg];
* ``negative_work`` — eccentric work rate, as a positive magnitude [W/kg];
* ``activation`` — mean activation during the group's active phase, as a fraction of a
  maximal voluntary contraction (MVC); it may exceed 1 at sprint speed.

How it is built (equations and tables in ``docs/models/muscles.md``):

1. :mod:`legload.models.locomotion.joints` gives the work per stride of one leg for each joint action
   (level work by speed, step-rate scaling, grade terms);
2. each action is allocated to groups (``muscle_parameters.ACTION_ALLOCATION``: hip extension to
   gluteals and hamstrings by the Lenhart et al. 2014 force split, hip flexion to the hip
   flexors with a rectus femoris share to the quadriceps, plantar flexion to the calves with
   a small peroneal share, ...);
3. work rate = work per stride x 2 legs x stride frequency;
4. activation = reference activation x (P+ + 0.5 P-) / the same at the reference condition
   (level, preferred step rate, 3.5 m/s running or 1.3 m/s walking).

Every function takes floats or arrays (numpy broadcasting over speed, grade and cadence) and
returns floats for scalar inputs; NaN gives NaN. Inputs outside the valid ranges are clipped
(speed: run 1.5-10, walk 0.5-2.5 m/s, below the range scaled to 0 at standstill; grade
+/-0.45; step rate 0.8-1.2 x preferred), or refused with ``strict=True``. The walk/run choice
is the caller's (``mode``); there is no automatic switch.

Confidence: the structure and directions follow the papers cited; most absolute values are
model choices tagged [M] in :mod:`legload.models.locomotion.joint_parameters` and
:mod:`legload.models.locomotion.muscle_parameters`, because the per-speed tables of the key papers could not
be read. Treat the output as a ranking and a trend, not a measurement.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from legload.models.locomotion import muscle_parameters
from legload.models.locomotion.joints import Stride, stride_frequency_hz, stride_work
from legload.models.locomotion.parameters import PUBLISHED, LocomotionParameters

ArrayLike = Any  # float, sequence, numpy array or pandas Series

#: The seven muscle groups, in the order every result uses.
MUSCLES: tuple[str, ...] = muscle_parameters.MUSCLE_GROUPS


class Demand(NamedTuple):
    """Demand of one muscle group: work rates [W/kg] and activation [fraction of MVC]."""

    positive_work: float | np.ndarray
    negative_work: float | np.ndarray
    activation: float | np.ndarray


def _group_rates(s: Stride) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Positive and negative work rate of each group [W/kg] (both legs)."""
    work = stride_work(s)
    zero = np.zeros(np.shape(s.v))
    rates = {g: [zero, zero] for g in MUSCLES}
    for action, (pos, neg) in work.items():
        for group, share in s.params.action_allocation[action].items():
            rates[group][0] = rates[group][0] + share * pos * 2.0 * s.f
            rates[group][1] = rates[group][1] + share * neg * 2.0 * s.f
    return {g: (p, n) for g, (p, n) in rates.items()}


def _reference_effort(mode: str, params: LocomotionParameters) -> dict[str, float]:
    run = mode == "run"
    speed = params.run_activation_reference_speed if run else params.walk_activation_reference_speed
    rates = _group_rates(Stride(speed, 0.0, np.nan, mode, strict=False, params=params))
    return {g: float(p + params.eccentric_weight * n) for g, (p, n) in rates.items()}


def _out(value: np.ndarray, scalar: bool) -> float | np.ndarray:
    return float(value) if scalar else np.asarray(value, dtype=float)


def _stride(speed: ArrayLike, grade: ArrayLike, cadence: ArrayLike | None, mode: str,
            strict: bool, params: LocomotionParameters) -> Stride:
    """The evaluation's :class:`Stride` (no cadence -> the preferred step rate)."""
    return Stride(speed, grade, np.nan if cadence is None else cadence, mode, strict, params)


def demand(
    speed_m_s: ArrayLike,
    grade: ArrayLike = 0.0,
    cadence_spm: ArrayLike | None = None,
    mode: str = "run",
    *,
    strict: bool = False,
    params: LocomotionParameters = PUBLISHED,
) -> dict[str, Demand]:
    """Per-muscle demand of running or walking at a speed, grade and step rate.

    Parameters
    ----------
    speed_m_s : float or array
        Speed along the ground [m s-1], >= 0. Run 1.5-10 m/s, walk 0.5-2.5 m/s; below the
        range the demand is scaled by v / v_min (0 at standstill), above it clipped.
    grade : float or array
        Grade i = rise / run [-], -0.45 to 0.45 (clipped outside).
    cadence_spm : float, array or None, default None
        Step rate [steps/min]. None (or NaN samples) -> the preferred step rate of
        :func:`stride_frequency_hz`. Ratios to it are clipped to 0.8-1.2.
    mode : {"run", "walk"}, default "run"
    strict : bool, default False
        Raise :class:`~legload.errors.ModelDomainError` instead of clipping.
    params : LocomotionParameters, default PUBLISHED
        Every number of the model (joint-work tables, allocation s_ag, reference activations
        A_g,ref, the eccentric weight 0.5); pass another set to run the model on it.

    Returns
    -------
    dict[str, Demand]
        Keys in the order of :data:`MUSCLES`. ``Demand(positive_work, negative_work,
        activation)``: work rates [W kg-1] (both legs; negative work as a magnitude) and mean
        active-phase activation [fraction of MVC, may exceed 1].

    Notes
    -----
    For group g and joint action a (work per stride of one leg W_a+, W_a- [J/kg] from
    :func:`legload.models.locomotion.joints.joint_work_per_stride`; allocation fractions s_ag)::

        P_g+ = 2 f sum_a s_ag W_a+        P_g- = 2 f sum_a s_ag W_a-
        activation_g = A_g,ref (P_g+ + 0.5 P_g-) / (P_g+ + 0.5 P_g-)_ref

    Shapes reproduced (tests/models/test_muscles.py): calves do most of the positive work at
    2-4 m/s and their work per stride is flat above 5 m/s (Schache et al. 2015, J Exp Biol
    218:2472, doi:10.1242/jeb.119156); hamstrings, gluteals and hip flexors grow fastest
    toward sprinting (Dorn et al. 2012, J Exp Biol 215:1944, doi:10.1242/jeb.064527;
    Schache et al. 2011, MSSE 43:1260); uphill raises gluteal, hamstring, calf and
    hip-flexor work (Roberts & Belliveau 2005, J Exp Biol 208:1963, doi:10.1242/jeb.01555),
    downhill raises eccentric quadriceps and tibialis anterior work (Gottschall & Kram 2005,
    J Biomech 38:445, doi:10.1016/j.jbiomech.2004.04.023); a higher step rate lowers knee and
    hip work per step (Heiderscheit et al. 2011, MSSE 43:296,
    doi:10.1249/MSS.0b013e3181ebedf4). Activation: reference levels are [M], scaled so that
    several groups exceed 1 MVC at 9 m/s (Kyrolainen et al. 2005, J Sports Sci 23:1101,
    doi:10.1080/02640410400021575).

    Examples
    --------
    >>> d = demand(3.5, 0.0)
    >>> list(d) == list(MUSCLES)
    True
    >>> d["calves"].positive_work > d["quadriceps"].positive_work
    True
    >>> demand(0.0, 0.1)["gluteals"].positive_work
    0.0
    """
    stride = _stride(speed_m_s, grade, cadence_spm, mode, strict, params)
    rates = _group_rates(stride)
    reference = _reference_effort(mode, params)
    run = mode == "run"
    start = params.run_activation_at_reference if run else params.walk_activation_at_reference
    result = {}
    for g, (pos, neg) in rates.items():
        activation = start[g] * (pos + params.eccentric_weight * neg) / reference[g]
        result[g] = Demand(
            _out(pos, stride.scalar), _out(neg, stride.scalar), _out(activation, stride.scalar)
        )
    return result


def work_per_metre(
    speed_m_s: ArrayLike,
    grade: ArrayLike = 0.0,
    cadence_spm: ArrayLike | None = None,
    mode: str = "run",
    *,
    strict: bool = False,
    params: LocomotionParameters = PUBLISHED,
) -> dict[str, tuple[float | np.ndarray, float | np.ndarray]]:
    """Positive and negative work of each group per metre travelled [J kg-1 m-1].

    Same parameters (``params`` included), ranges and sources as :func:`demand`; the result is the work rate
    divided by the speed (per metre along the slope), ``(positive, negative)`` per group,
    negative as a magnitude; 0 at standstill. Summed over the groups, ``positive -
    negative`` tracks the potential energy per metre, ``g sin(arctan i)``: 0.86 of it uphill
    and 0.71 of it downhill (DeVita et al. 2008, J Biomech 41:3354,
    doi:10.1016/j.jbiomech.2008.09.024), near 0 on the level.

    Examples
    --------
    >>> w = work_per_metre(3.0, 0.10)
    >>> net = sum(p - n for p, n in w.values())
    >>> round(float(net / (9.80665 * np.sin(np.arctan(0.10)))), 2)
    0.87
    """
    stride = _stride(speed_m_s, grade, cadence_spm, mode, strict, params)
    rates = _group_rates(stride)
    v = np.broadcast_to(np.asarray(speed_m_s, dtype=float), np.shape(stride.v))
    inverse = np.divide(1.0, v, out=np.zeros_like(v), where=v > 0)
    inverse = np.where(np.isnan(v), np.nan, inverse)
    return {
        g: (_out(pos * inverse, stride.scalar), _out(neg * inverse, stride.scalar))
        for g, (pos, neg) in rates.items()
    }


__all__ = [
    "MUSCLES", "PUBLISHED", "Demand", "LocomotionParameters", "demand", "stride_frequency_hz",
    "work_per_metre",
]
