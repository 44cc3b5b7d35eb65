"""Per-muscle demand of running and walking: work rates and activation of seven groups.

For locomotion at speed v, grade i and step rate f, each of the seven groups
(``quadriceps, hamstrings, gluteals, hip_flexors, calves, tibialis_anterior, peroneals``)
gets, per second and per kg of body mass:

* ``positive_work`` — concentric mechanical work rate [W/kg];
* ``negative_work`` — eccentric work rate, as a positive magnitude [W/kg];
* ``activation`` — mean activation during the group's active phase, as a fraction of a
  maximal voluntary contraction (MVC); it may exceed 1 at sprint speed.

How it is built (equations and tables in ``docs/models/muscles.md``; validation, errors and
the fitting/validation split in ``docs/models/locomotion.md``):

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

Confidence: validated against data it was not fitted to (docs/models/locomotion.md): joint
shares of positive work within 0.12 of an independent runner, knee swing work at top speed
within 1 %, uphill shifts as measured, walking stance shares within the between-walker
spread; the knee's swing braking at jogging speed (and with it the stride's negative-work
shares) is known to be a third of an independent runner's. Treat the output as a ranking and a
trend with the errors stated there, not a measurement.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from legload.models.locomotion import muscle_parameters
from legload.models.locomotion.joints import (
    Stride,
    graded_stride_work,
    level_stride_work,
    scaled_work,
    stride_frequency_hz,
    stride_work,
)
from legload.models.locomotion.parameters import PUBLISHED, LocomotionParameters

ArrayLike = Any  # float, sequence, numpy array or pandas Series

#: The seven muscle groups, in the order every result uses.
MUSCLES: tuple[str, ...] = muscle_parameters.MUSCLE_GROUPS


class Demand(NamedTuple):
    """Demand of one muscle group: work rates [W/kg] and activation [fraction of MVC]."""

    positive_work: float | np.ndarray
    negative_work: float | np.ndarray
    activation: float | np.ndarray


def _group_rates(s: Stride, work: dict[str, tuple[np.ndarray, np.ndarray]] | None = None,
                 ) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Positive and negative work rate of each group [W/kg] (both legs) from the work per
    stride of each action (default: :func:`stride_work` of ``s``)."""
    work = stride_work(s) if work is None else work
    legs_f = 2.0 * s.f  # x 2 is exact: share * W * 2 * f, rounded as written
    rates = {g: (np.zeros(np.shape(s.v)), np.zeros(np.shape(s.v))) for g in MUSCLES}
    for action, pair in work.items():
        for group, share in s.params.action_allocation[action].items():
            for total, w in zip(rates[group], pair, strict=True):
                term = share * w
                term *= legs_f
                total += term  # in place: the sums, in the order of the actions
    return rates


#: the reference effort of each mode and parameter set (by identity; the sets are frozen)
_REFERENCE: dict[tuple[str, int], tuple[LocomotionParameters, dict[str, float]]] = {}


def _reference_effort(mode: str, params: LocomotionParameters) -> dict[str, float]:
    known = _REFERENCE.get((mode, id(params)))
    if known is not None and known[0] is params:
        return known[1]
    run = mode == "run"
    speed = params.run_activation_reference_speed if run else params.walk_activation_reference_speed
    rates = _group_rates(Stride(speed, 0.0, np.nan, mode, strict=False, params=params))
    effort = {g: float(p + params.eccentric_weight * n) for g, (p, n) in rates.items()}
    if len(_REFERENCE) >= 64:
        _REFERENCE.clear()
    _REFERENCE[(mode, id(params))] = (params, effort)
    return effort


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

    Parameters: ``speed_m_s`` [m s-1], >= 0 (run 1.5-10, walk 0.5-2.5; below the range scaled
    by v / v_min, above it clipped); ``grade`` rise/run [-], +/-0.45 (clipped); ``cadence_spm``
    [steps/min], None or NaN -> the preferred rate (ratios clipped to 0.8-1.2); ``mode`` "run"
    or "walk"; ``strict`` raises ModelDomainError instead of clipping; ``params`` every number
    of the model, default the published set.

    Returns ``{group: Demand(positive_work, negative_work, activation)}`` in the order of
    :data:`MUSCLES`: work rates [W kg-1], both legs, negative work as a magnitude; activation
    as a fraction of MVC (may exceed 1 at sprint speed).

    Equations, with W_a+/- the work per stride of one leg of joint action a (J/kg, from
    :func:`~legload.models.locomotion.joints.joint_work_per_stride`) and s_ag its allocation::

        P_g+ = 2 f sum_a s_ag W_a+        P_g- = 2 f sum_a s_ag W_a-
        activation_g = A_g,ref (P_g+ + 0.5 P_g-) / (P_g+ + 0.5 P_g-)_ref

    Sources (docs/models/locomotion.md: validation, errors, tags): Schache et al. 2015, J Exp
    Biol 218:2472, doi:10.1242/jeb.119156; Nagahara et al. 2017, Biol Open 6:633,
    doi:10.1242/bio.024281; Roberts & Belliveau 2005, J Exp Biol 208:1963,
    doi:10.1242/jeb.01555; DeVita et al. 2008, J Biomech 41:3354,
    doi:10.1016/j.jbiomech.2008.09.024.

    >>> d = demand(3.5, 0.0)
    >>> list(d) == list(MUSCLES), d["calves"].positive_work > d["quadriceps"].positive_work
    (True, True)
    >>> demand(0.0, 0.1)["gluteals"].positive_work
    0.0
    """
    stride = _stride(speed_m_s, grade, cadence_spm, mode, strict, params)
    return _demands(stride, _group_rates(stride))


def demand_on_grade_and_level(
    speed_m_s: ArrayLike, grade: ArrayLike, cadence_spm: ArrayLike | None = None,
    mode: str = "run", *, strict: bool = False, params: LocomotionParameters = PUBLISHED,
) -> tuple[dict[str, Demand], dict[str, Demand]]:
    """:func:`demand` at ``grade`` and on the level (grade 0) at the same speeds and step
    rates: the numbers of two calls of :func:`demand`, the work by speed and step rate,
    which does not depend on the grade, computed once (same parameters, units, equations,
    valid ranges and sources as :func:`demand`).

    >>> graded, level = demand_on_grade_and_level([3.0, 3.0], [0.1, 0.0])
    >>> bool(graded["gluteals"].positive_work[0] > level["gluteals"].positive_work[0])
    True
    """
    stride = _stride(speed_m_s, grade, cadence_spm, mode, strict, params)
    graded, level = _on_grade_and_level(stride)
    return graded, _demands(stride, level)


def demand_and_level_work(
    speed_m_s: ArrayLike, grade: ArrayLike, cadence_spm: ArrayLike | None = None,
    mode: str = "run", *, strict: bool = False, params: LocomotionParameters = PUBLISHED,
) -> tuple[dict[str, Demand], dict[str, tuple[float | np.ndarray, float | np.ndarray]]]:
    """:func:`demand_on_grade_and_level` without the activation on the level: the demand at
    ``grade``, and each group's positive and negative work rate on the level [W kg-1] (the
    same numbers; same parameters, units, equations, valid ranges and sources as
    :func:`demand`).

    >>> graded, level = demand_and_level_work(3.0, 0.1)
    >>> graded["gluteals"].positive_work > level["gluteals"][0]
    True
    """
    stride = _stride(speed_m_s, grade, cadence_spm, mode, strict, params)
    graded, level = _on_grade_and_level(stride)
    return graded, {g: (_out(pos, stride.scalar), _out(neg, stride.scalar))
                    for g, (pos, neg) in level.items()}


def _on_grade_and_level(stride: Stride) -> tuple[dict[str, Demand],
                                                  dict[str, tuple[np.ndarray, np.ndarray]]]:
    """The demand at the stride's grade and the groups' work rates on the level, the work
    by speed and step rate (which does not depend on the grade) computed once."""
    level = level_stride_work(stride)
    graded = _demands(stride, _group_rates(stride, graded_stride_work(stride, level)))
    return graded, _group_rates(stride, scaled_work(stride, level))


def _demands(stride: Stride, rates: dict[str, tuple[np.ndarray, np.ndarray]],
             ) -> dict[str, Demand]:
    """The result of :func:`demand`: each group's rates and its activation (equations there)."""
    params = stride.params
    reference = _reference_effort(stride.mode, params)
    run = stride.mode == "run"
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
    "MUSCLES", "PUBLISHED", "Demand", "LocomotionParameters", "demand",
    "demand_and_level_work", "demand_on_grade_and_level", "stride_frequency_hz", "work_per_metre",
]
