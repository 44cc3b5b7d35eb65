"""Per-muscle demand of cycling from crank power and cadence.

Same result shape as :func:`legload.models.locomotion.muscles.demand`: for each of the seven groups
(``quadriceps, hamstrings, gluteals, hip_flexors, calves, tibialis_anterior, peroneals``) a
:class:`~legload.models.locomotion.muscles.Demand` of positive (concentric) and negative (eccentric) work
rate [W/kg] and mean active-phase activation [fraction of MVC].

How it is built (tables and caveats in ``docs/models/cycling.md``; numbers in
:mod:`legload.models.cycling.parameters`):

1. the crank power is shared out among joint actions by the inverse-dynamics shares of
   Ericson et al. 1986 (hip extension 27 %, hip flexion 4 %, knee extension 39 %, knee flexion
   10 %, ankle plantar flexion 20 % of positive work at 120 W), with a small dorsiflexion
   share; with rising power per kg, knee extension loses share to knee flexion and pulling up
   (directions of Elmer et al. 2011); cadence leaves the shares unchanged (Riveros-Matthey et
   al. 2023);
2. pedalling is almost purely concentric: the only eccentric work is the plantar flexors'
   (5.7 % of crank power, Ericson et al. 1986), and positive minus negative work summed over
   the groups equals the crank power;
3. each action is allocated to the groups (hip extension half gluteals, half hamstrings; knee
   flexion mostly hamstrings, some gastrocnemius; hip flexion mostly iliopsoas, some rectus
   femoris; plantar flexion calves with a small peroneal share);
4. activation grows in proportion to each group's work rate (EMG proportional to power,
   MacIntosh et al. 2000) times a U-shaped cadence factor whose minimum moves from 57 rpm at
   100 W to 99 rpm at 400 W (MacIntosh et al. 2000); the groups whose activity rose with
   pedalling rate in Ericson et al. 1985 get the full cadence effect.

Confidence: the work shares are read from a paper (one condition, six subjects); the way they
move with power, the activation levels and the cadence curvature are model choices tagged [M].
Treat the output as a ranking and a trend, not a measurement.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from legload.errors import ModelDomainError
from legload.models.cycling.parameters import PUBLISHED, CyclingParameters
from legload.models.locomotion.muscles import MUSCLES, Demand

ArrayLike = Any  # float, sequence, numpy array or pandas Series

ACTIONS: tuple[str, ...] = (
    "hip_extend",
    "hip_flex",
    "knee_extend",
    "knee_flex",
    "ankle_plantarflex",
    "ankle_dorsiflex",
)


def reference_shares(*, params: CyclingParameters = PUBLISHED) -> dict[str, float]:
    """Shares of total positive joint work at the reference condition (120 W, 70 kg).

    Ericson et al. 1986 (Eur J Appl Physiol 55:229, doi:10.1007/BF02343792) scaled by
    ``1 - DORSIFLEX_SHARE``, plus the dorsiflexion share. They sum to 1.
    """
    scale = 1.0 - params.dorsiflex_share
    shares = {a: scale * s for a, s in params.ericson_1986_shares.items()}
    shares["ankle_dorsiflex"] = params.dorsiflex_share
    return {a: shares[a] for a in ACTIONS}


def action_shares(
    power_w_kg: ArrayLike, *, params: CyclingParameters = PUBLISHED
) -> dict[str, float | np.ndarray]:
    """Share of total positive joint work of each joint action at a power per kg [W/kg].

    Equation (linear move from the reference pattern to the all-out pattern)::

        t = clip((p - p_ref) / (p_all_out - p_ref), 0, 1)
        share_a(p) = share_a,ref + t * delta_a

    with p_ref = 120 W / 70 kg (Ericson et al. 1986), p_all_out = 17 W/kg [M] and the changes
    delta_a of ``cycling_parameters.ALL_OUT_SHARE_CHANGE`` (knee extension -0.14, knee flexion
    +0.09, hip flexion +0.045, dorsiflexion +0.005, hip extension and plantar flexion 0;
    directions from Elmer et al. 2011, MSSE 43:1940, doi:10.1249/MSS.0b013e31821b00c5). The
    shares sum to 1 at every power. Valid for p >= 0; below p_ref the reference shares apply.

    >>> round(action_shares(120 / 70)["knee_extend"], 4)
    0.3861
    """
    p = np.asarray(power_w_kg, dtype=float)
    p_ref, p_max = params.reference_power_w_kg, params.all_out_power_w_kg
    t = np.clip((p - p_ref) / (p_max - p_ref), 0.0, 1.0)
    ref = reference_shares(params=params)
    out = {a: ref[a] + t * params.all_out_share_change[a] for a in ACTIONS}
    if p.ndim == 0:
        return {a: float(v) for a, v in out.items()}
    return out


def least_emg_cadence(
    power_w: ArrayLike, *, params: CyclingParameters = PUBLISHED
) -> float | np.ndarray:
    """Cadence of least muscle activation at a crank power [rpm].

    Linear interpolation of MacIntosh et al. 2000 (Med Sci Sports Exerc 32:1281): 57, 70, 86
    and 99 rpm at 100, 200, 300 and 400 W; held at 57 rpm below 100 W and at 99 rpm above
    400 W (beyond the measured range).

    >>> least_emg_cadence(250.0)
    78.0
    """
    xs, ys = zip(*params.least_emg_cadence, strict=True)
    value = np.interp(np.asarray(power_w, dtype=float), xs, ys)
    return float(value) if np.ndim(value) == 0 else value


def _cadence_factor(cadence: np.ndarray, power_w: np.ndarray, sensitivity: float,
                    params: CyclingParameters) -> np.ndarray:
    optimum = np.asarray(least_emg_cadence(power_w, params=params), dtype=float)
    return 1.0 + params.cadence_curvature * sensitivity * ((cadence - optimum) / optimum) ** 2


def _check(values: np.ndarray, limits: tuple[float, float], name: str, unit: str) -> None:
    low, high = limits
    finite = values[np.isfinite(values)]
    if finite.size and (finite.min() < low or finite.max() > high):
        raise ModelDomainError(
            f"{name} outside {low:g}-{high:g} {unit} (got {finite.min():g}-{finite.max():g}); "
            "pass strict=False to clip"
        )


def demand(
    power_w: ArrayLike,
    cadence_rpm: ArrayLike | None = None,
    body_mass_kg: ArrayLike = 70.0,
    *,
    strict: bool = False,
    params: CyclingParameters = PUBLISHED,
) -> dict[str, Demand]:
    """Per-muscle demand of cycling at a crank power and cadence.

    With p = P / m, shares s_a(p) (:func:`action_shares`), allocations f_ag and e = 0.057::

        P_g+ = (1 + e) p sum_a s_a(p) f_ag          P_g- = e p n_g
        activation_g = A_g,ref (P_g+ + 0.5 P_g-) / (P_g+ + 0.5 P_g-)_ref F_g(c, P) / F_g(60, 120)
        F_g(c, P) = 1 + 0.6 s_g ((c - c_opt(P)) / c_opt(P))^2

    ``power_w`` 0-2000 W, ``cadence_rpm`` 30-140 rpm (None/NaN -> 85), clipped outside unless
    ``strict`` (then ModelDomainError); ``body_mass_kg`` > 0. Returns, per muscle in the order
    of ``MUSCLES``, work rates [W/kg, both legs] and activation [fraction of MVC]; arrays
    broadcast, scalars give floats. ``params`` holds every number (default the published set).
    Ericson et al. (1986) Eur J Appl Physiol 55:229, doi:10.1007/BF02343792; Elmer et al.
    (2011) Med Sci Sports Exerc 43:1940, doi:10.1249/MSS.0b013e31821b00c5. Other sources,
    tags and valid range: docs/models/cycling.md.

    >>> d = demand(200.0, 90.0, 70.0)
    >>> list(d) == list(MUSCLES), max(d, key=lambda g: d[g].positive_work)
    (True, 'quadriceps')
    >>> demand(0.0)["calves"].positive_work
    0.0
    """
    power = np.asarray(power_w, dtype=float)
    mass = np.asarray(body_mass_kg, dtype=float)
    cadence = np.asarray(np.nan if cadence_rpm is None else cadence_rpm, dtype=float)
    scalar = power.ndim == 0 and mass.ndim == 0 and cadence.ndim == 0
    if np.any(~np.isfinite(mass)) or np.any(mass <= 0):
        raise ModelDomainError("body mass must be a positive number of kg")
    if strict:
        _check(power, params.power_limits_w, "cycling power", "W")
        _check(cadence, params.cadence_limits_rpm, "cadence", "rpm")
    power, cadence, mass = np.broadcast_arrays(power, cadence, mass)
    power = np.clip(power, *params.power_limits_w)
    cadence = np.where(np.isnan(cadence), params.default_cadence_rpm, cadence)
    cadence = np.clip(cadence, *params.cadence_limits_rpm)
    p = power / mass
    positive, negative = _group_rates(p, params)
    ref_pos, ref_neg = _group_rates(np.asarray(params.reference_power_w_kg), params)
    out: dict[str, Demand] = {}
    for g in MUSCLES:
        activation = _activation(g, positive[g], negative[g], ref_pos[g], ref_neg[g],
                                 cadence, power, params)
        out[g] = Demand(_out(positive[g], scalar), _out(negative[g], scalar), _out(activation, scalar))
    return out


def _activation(
    g: str, positive: np.ndarray, negative: np.ndarray, ref_pos: np.ndarray, ref_neg: np.ndarray,
    cadence: np.ndarray, power: np.ndarray, params: CyclingParameters,
) -> np.ndarray:
    """Activation of group ``g``: the reference activation scaled by effort and cadence."""
    s = params.cadence_sensitivity[g]
    weight = params.eccentric_weight
    effort = positive + weight * negative
    ref_effort = ref_pos + weight * ref_neg
    ref_factor = _cadence_factor(np.asarray(params.ericson_1986_cadence_rpm),
                                 np.asarray(params.ericson_1986_power_w), s, params)
    return (
        params.activation_at_reference[g]
        * effort
        / ref_effort
        * _cadence_factor(cadence, power, s, params)
        / ref_factor
    )


def _group_rates(
    p: np.ndarray, params: CyclingParameters
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Positive and negative work rate of each group [W/kg] at power per kg ``p``."""
    shares = action_shares(p, params=params)
    e = params.negative_fraction
    total_positive = (1.0 + e) * p
    positive = {g: np.zeros_like(p) for g in MUSCLES}
    for action, groups in params.action_allocation.items():
        for g, fraction in groups.items():
            positive[g] = positive[g] + total_positive * shares[action] * fraction
    negative = {g: params.negative_allocation.get(g, 0.0) * e * p for g in MUSCLES}
    return positive, negative


def _out(value: np.ndarray, scalar: bool) -> float | np.ndarray:
    return float(value) if scalar else np.asarray(value, dtype=float)


__all__ = [
    "ACTIONS", "PUBLISHED", "CyclingParameters", "action_shares", "demand", "least_emg_cadence",
    "reference_shares",
]
