"""Joint-level work of running and walking: the layer under :mod:`legload.models.locomotion.muscles`.

For one leg and one stride this module gives the positive (concentric) and negative
(eccentric, as a magnitude) work of each *joint action* (``joint_parameters.JOINT_ACTIONS``: ankle
plantar flexion in stance, knee extension in stance, hip flexion in swing, ...) in J/kg, by
speed, grade and step rate:

1. **level work by speed**: the running table ``RUN_LEVEL_WORK`` (shaped on Schache et al.
   2011 and 2015), or for walking the stance totals and joint shares of Montgomery &
   Grabowski 2018 and Schache 2015, interpolated linearly in speed;
2. **step rate**: at a fixed speed, work per stride scales as ``(f / f_pref) ** k`` with
   ``k`` per action (Heiderscheit et al. 2011; Lenhart et al. 2014);
3. **grade**: the potential energy per stride ``E = g L sin(theta) / 2`` per leg (L = stride
   length along the slope) is added as net joint work, ``0.86 E`` uphill as positive work and
   ``0.71 |E|`` downhill as negative work (DeVita et al. 2008), shared among the actions by
   ``*_UPHILL_SHARES`` / ``*_DOWNHILL_SHARES``; uphill, stance absorption shrinks at the
   knee in running (Gottschall & Kram 2005) and at the ankle in walking (Montgomery &
   Grabowski 2018).

All numbers come from a :class:`~legload.models.locomotion.parameters.LocomotionParameters`
argument, ``params``, whose default is the published set (the numbers, tagged [R] read, [S]
secondary, [M] model choice, are in :mod:`legload.models.locomotion.joint_parameters`);
``docs/models/muscles.md`` has the tables and the valid ranges.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from legload.errors import ModelDomainError
from legload.models.locomotion.parameters import (
    PUBLISHED,
    STANDARD_GRAVITY_M_S2,
    LocomotionParameters,
)

ArrayLike = Any  # float, sequence, numpy array or pandas Series

MODES: tuple[str, ...] = ("run", "walk")
_G = STANDARD_GRAVITY_M_S2


def _check_mode(mode: str) -> None:
    if mode not in MODES:
        raise ModelDomainError(f"mode must be 'run' or 'walk', not {mode!r}")


def _preferred_frequency(v: np.ndarray, mode: str, P: LocomotionParameters) -> np.ndarray:
    if mode == "run":
        knots = np.asarray(P.run_stride_frequency_knots, dtype=float)
        return np.interp(v, knots[:, 0], knots[:, 1])
    (v0, f0), (v1, f1) = P.walk_stride_frequency_line
    return f0 + (v - v0) * (f1 - f0) / (v1 - v0)


def stride_frequency_hz(
    speed_m_s: ArrayLike, mode: str = "run", *, params: LocomotionParameters = PUBLISHED
) -> float | np.ndarray:
    """Preferred stride frequency (strides per second; one stride = two steps).

    Parameters
    ----------
    speed_m_s : float or array
        Speed [m s-1], >= 0; clipped to the mode's range (run 1.5-10, walk 0.5-2.5 m/s).
    mode : {"run", "walk"}
    params : LocomotionParameters, default PUBLISHED
        Its stride-frequency knots and speed limits are used.

    Returns
    -------
    float or ndarray
        Stride frequency [Hz]; steps per minute = 120 x this.

    Notes
    -----
    Running: linear interpolation through 82.5 and 84.0 strides/min at 3.04 and 3.50 m/s
    (experienced runners outdoors, Eur J Sport Sci 2020;20:182, doi:10.1080/17461391.2019.1626911)
    and Dorn, Schache & Pandy's (2012, J Exp Biol 215:1944, doi:10.1242/jeb.064527)
    increments above 3.5 m/s: +10 % to 5.2, +12 % to 7.0, +25 % to 9.0 m/s; the end segments
    are extended to 1.5 and 10 m/s [M]. Walking: a line through 117 steps/min at 1.3 m/s
    (self-selected) and 137.5 steps/min at 2.0 m/s (walk-run transition); the speeds are
    assumptions [M]. Runners differ by about +/-8 steps/min (1 SD).

    Examples
    --------
    >>> round(stride_frequency_hz(3.5) * 120)
    168
    >>> round(stride_frequency_hz(1.3, "walk") * 120)
    117
    """
    _check_mode(mode)
    v = np.asarray(speed_m_s, dtype=float)
    if np.any(v < 0):
        raise ModelDomainError("speed_m_s must be >= 0 m/s")
    lo, hi = params.muscle_speed_limits[mode]
    f = _preferred_frequency(np.clip(v, lo, hi), mode, params)
    return float(f) if v.ndim == 0 else f


class Stride:
    """Inputs resolved for one evaluation: broadcast arrays plus the stride frequency.

    Attributes: ``v`` (speed used by the tables, clipped), ``scale`` (v / v_min below the
    mode's minimum speed, else 1; 0 at standstill), ``grade`` (clipped), ``f`` (stride
    frequency actually used [Hz]), ``ratio`` (f / preferred f), ``scalar``, ``params`` (the
    parameter set the evaluation runs on).
    """

    def __init__(
        self, speed: ArrayLike, grade: ArrayLike, cadence: ArrayLike, mode: str, strict: bool,
        params: LocomotionParameters = PUBLISHED,
    ) -> None:
        _check_mode(mode)
        arrays = [np.asarray(x, dtype=float) for x in (speed, grade, cadence)]
        self.scalar = all(a.ndim == 0 for a in arrays)
        v, i, c = np.broadcast_arrays(*arrays)
        if np.any(v < 0):
            raise ModelDomainError("speed_m_s must be >= 0 m/s")
        if np.any(c <= 0):
            raise ModelDomainError("cadence_spm must be > 0 steps/min")
        self.params = P = params
        lo, hi = P.muscle_speed_limits[mode]
        limit = P.muscle_grade_limit
        if strict:
            if np.any((v != 0) & ((v < lo) | (v > hi))):
                raise ModelDomainError(f"{mode} speed outside {lo}-{hi} m/s (the model range)")
            if np.any(np.abs(i) > limit):
                raise ModelDomainError(f"grade outside +/-{limit} (the model range)")
        self.v = np.clip(v, lo, hi)
        self.scale = np.where(v < lo, v / lo, 1.0)
        self.grade = np.clip(i, -limit, limit)
        f_pref = _preferred_frequency(self.v, mode, P)
        ratio = np.where(np.isnan(c), 1.0, c / 120.0 / f_pref)
        r_lo, r_hi = P.step_rate_ratio_limits
        if strict and np.any((ratio < r_lo) | (ratio > r_hi)):
            raise ModelDomainError(
                f"cadence differs from the preferred step rate by more than the model's "
                f"{r_lo:.0%}-{r_hi:.0%} band"
            )
        self.ratio = np.clip(ratio, r_lo, r_hi)
        self.f = f_pref * self.ratio
        self.mode = mode


def _level_run(v: np.ndarray, P: LocomotionParameters) -> dict[str, list[np.ndarray]]:
    rows = _interp_rows(v, _level_table("run", P))
    return {a: [rows[2 * k], rows[2 * k + 1]] for k, a in enumerate(P.run_level_work)}


#: each parameter set's level-work tables, laid out for :func:`_interp_rows` (by identity:
#: the sets are frozen)
_TABLES: dict[tuple[str, int], tuple[LocomotionParameters, tuple]] = {}


def _level_table(mode: str, P: LocomotionParameters) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The speeds, the rows of level work by speed (running: positive then negative of each
    action; walking: the stance total and the three joint shares) and their slopes."""
    known = _TABLES.get((mode, id(P)))
    if known is not None and known[0] is P:
        return known[1]
    if mode == "run":
        xp, rows = P.run_work_speeds, [w for pair in P.run_level_work.values() for w in pair]
    else:
        shares = np.asarray(P.walk_positive_shares, dtype=float)
        xp, rows = P.walk_work_speeds, [P.walk_stance_positive, *shares.T]
    knots, fp = np.asarray(xp, dtype=float), np.array(rows, dtype=float)
    slopes = np.zeros_like(fp)  # the last one 0: at the last speed, exactly its value
    slopes[:, :-1] = np.diff(fp, axis=1) / np.diff(knots)
    if len(_TABLES) >= 64:
        _TABLES.clear()
    _TABLES[(mode, id(P))] = (P, (knots, fp, slopes))
    return knots, fp, slopes


def _interp_rows(x: np.ndarray, table: tuple[np.ndarray, np.ndarray, np.ndarray]) -> np.ndarray:
    """``np.interp(x, knots, row)`` of every row of a :func:`_level_table`, as one array
    (row, x): the same numbers, each x located among the knots once for all rows. Below the
    first knot and from the last on, a row's end value; NaN gives NaN; between knots j and
    j + 1, as ``np.interp`` computes it, ``slope_j * (x - knot_j) + row_j``."""
    knots, fp, slopes = table
    x = np.clip(x, knots[0], knots[-1])  # NaN stays NaN (and its slope x 0 is NaN)
    j = np.searchsorted(knots, x, side="right") - 1
    return slopes.take(j, axis=1) * (x - knots.take(j)) + fp.take(j, axis=1)


def _level_walk(v: np.ndarray, P: LocomotionParameters) -> dict[str, list[np.ndarray]]:
    zero = np.zeros_like(v)
    total, s_ankle, s_knee, s_hip = _interp_rows(v, _level_table("walk", P))
    lin = {k: a + b * v for k, (a, b) in P.walk_swing_linear.items()}
    flex = P.walk_hip_flexor_fraction
    positive = total + lin["ankle_dorsiflex_pos"]
    swing_neg = lin["knee_flex_swing_neg"] + lin["knee_extend_swing_neg"]
    stance_neg = positive - swing_neg  # level walking: net joint work 0 [M]
    n_ankle, n_knee, n_hip = (stance_neg * s for s in P.walk_negative_shares)
    n_ankle = np.maximum(n_ankle - lin["ankle_dorsiflex_neg"], 0.0)  # foot strike: TA part
    return {
        "ankle_plantarflex_stance": [total * s_ankle, n_ankle],
        "ankle_dorsiflex": [lin["ankle_dorsiflex_pos"], lin["ankle_dorsiflex_neg"]],
        "knee_extend_stance": [total * s_knee, n_knee],
        "knee_extend_swing": [zero, lin["knee_extend_swing_neg"]],
        "knee_flex_swing": [zero, lin["knee_flex_swing_neg"]],
        "hip_extend_stance": [total * s_hip * (1 - flex["pos"]), n_hip * (1 - flex["neg"])],
        "hip_flex_stance": [total * s_hip * flex["pos"], n_hip * flex["neg"]],
        "hip_flex_swing": [zero, zero],
        "hip_extend_swing": [zero, zero],
    }


def stride_work(s: Stride) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Work per stride of one leg [J/kg], (positive, negative), per joint action."""
    return graded_stride_work(s, level_stride_work(s))


def level_stride_work(s: Stride) -> dict[str, list[np.ndarray]]:
    """The first two steps of :func:`stride_work`: the level work by speed at the stride's
    step rate, per joint action, before the grade terms and the scaling below the mode's
    minimum speed (:func:`graded_stride_work` and :func:`scaled_work` finish it); none of it
    depends on the grade, so one result serves a stride at its grade and on the level."""
    P = s.params
    work = _level_run(s.v, P) if s.mode == "run" else _level_walk(s.v, P)
    if not np.any(s.ratio != 1.0):
        return work  # the preferred step rate throughout: every factor is 1
    below = s.ratio < 1.0
    factors: dict[tuple[float, float], np.ndarray] = {}  # one power per pair of exponents
    for action, exponents in P.step_rate_exponents.items():
        if exponents == (0.0, 0.0):
            continue  # ratio ** 0 is 1 (NaN included): the work as it is
        if exponents not in factors:
            factors[exponents] = s.ratio ** np.where(below, *exponents)
        factor = factors[exponents]
        work[action] = [w * factor for w in work[action]]
    return work


def graded_stride_work(s: Stride, level: dict[str, list[np.ndarray]],
                       ) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """:func:`stride_work` from the stride's :func:`level_stride_work` (left as it is): the
    grade terms, then :func:`scaled_work`."""
    P = s.params
    work = {action: list(pair) for action, pair in level.items()}
    theta = np.arctan(s.grade)
    energy = _G * (s.v / s.f) * np.sin(theta) / 2.0  # potential energy per leg per stride
    up, down = np.maximum(energy, 0.0), np.maximum(-energy, 0.0)
    keep = np.maximum(P.uphill_negative_floor, 1.0 - P.uphill_negative_slope * s.grade)
    keep = np.where(s.grade > 0, keep, 1.0)
    for action in P.uphill_negative_actions[s.mode]:
        pos, neg = work[action]
        lost = np.minimum((1.0 - keep) * neg, pos)  # less absorbed -> less elastic return
        work[action] = [pos - lost, neg - lost]
    run = s.mode == "run"
    up_shares = P.run_uphill_shares if run else P.walk_uphill_shares
    down_shares = P.run_downhill_shares if run else P.walk_downhill_shares
    for action, share in up_shares.items():
        work[action][0] = work[action][0] + share * P.grade_joint_fraction["up"] * up
    for action, share in down_shares.items():
        work[action][1] = work[action][1] + share * P.grade_joint_fraction["down"] * down
    return scaled_work(s, work)


def scaled_work(s: Stride, work: dict[str, list[np.ndarray]],
                ) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """The last step of :func:`stride_work`: work scaled by ``s.scale`` (v / v_min below the
    mode's minimum speed, else 1)."""
    if not np.any(s.scale != 1.0):
        return {a: (pos, neg) for a, (pos, neg) in work.items()}  # x 1 changes no number
    return {a: (pos * s.scale, neg * s.scale) for a, (pos, neg) in work.items()}


def joint_work_per_stride(
    speed_m_s: ArrayLike,
    grade: ArrayLike = 0.0,
    cadence_spm: ArrayLike | None = None,
    mode: str = "run",
    *,
    strict: bool = False,
    params: LocomotionParameters = PUBLISHED,
) -> dict[str, tuple[float | np.ndarray, float | np.ndarray]]:
    """Positive and negative work of each joint action, per stride of one leg.

    Parameters
    ----------
    speed_m_s : float or array
        Speed along the ground [m s-1], >= 0 (run 1.5-10, walk 0.5-2.5 m/s; below the range
        the work is scaled by v / v_min so it is 0 at standstill, above it clipped).
    grade : float or array
        Grade i = rise / run [-], clipped to +/-0.45.
    cadence_spm : float, array or None
        Step rate [steps/min]; None or NaN -> the preferred rate (:func:`stride_frequency_hz`).
        Ratios to the preferred rate are clipped to 0.8-1.2.
    mode : {"run", "walk"}
    strict : bool
        Raise ModelDomainError instead of clipping.
    params : LocomotionParameters, default PUBLISHED
        The tables and coefficients of the three steps (the published set by default).

    Returns
    -------
    dict
        ``{action: (positive, negative)}`` [J kg-1 per stride of one leg], negative work as a
        positive magnitude; keys ``joint_parameters.JOINT_ACTIONS``.

    Notes
    -----
    See the module docstring for the three steps; sources: Schache et al. 2011 (MSSE
    43:1260) and 2015 (J Exp Biol 218:2472, doi:10.1242/jeb.119156); Montgomery &
    Grabowski 2018 (R Soc Open Sci 5:180550); DeVita et al. 2008 (J Biomech 41:3354,
    doi:10.1016/j.jbiomech.2008.09.024); Roberts & Belliveau 2005 (J Exp Biol 208:1963,
    doi:10.1242/jeb.01555); Heiderscheit et al. 2011 (MSSE 43:296,
    doi:10.1249/MSS.0b013e3181ebedf4); Lenhart et al. 2014 (JOSPT 44:766).

    Examples
    --------
    >>> w = joint_work_per_stride(5.0)
    >>> round(w["ankle_plantarflex_stance"][0], 2)
    1.3
    """
    stride = Stride(speed_m_s, grade, np.nan if cadence_spm is None else cadence_spm, mode, strict,
                    params)
    work = stride_work(stride)
    if stride.scalar:
        return {a: (float(p), float(n)) for a, (p, n) in work.items()}
    return work


__all__ = ["MODES", "Stride", "graded_stride_work", "joint_work_per_stride", "level_stride_work",
           "scaled_work", "stride_frequency_hz", "stride_work"]
