"""Body composition day by day from energy balance: the Hall et al. (2011) adult model.

* :func:`maintenance_intake_kcal_day` — the intake that keeps weight steady, the balance point
  the model starts from.
* :func:`simulate` — fat, lean tissue, glycogen and weight day by day from daily intake and the
  energy of recorded sessions, with resting expenditure from body composition, the thermic
  effect of food, adaptive thermogenesis and the costs of depositing tissue.

The body state and the Forbes partition are in :mod:`legload.models.body.composition`; the weekly
projection built on :func:`simulate` is in :mod:`legload.models.body.projection`. Units and
errors as there: kg, days, kcal; :class:`~legload.errors.ModelDomainError` for values the model
cannot take. ``docs/models/body.md`` has the equations, sources and limits.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from legload.core.units import KJ_PER_KCAL
from legload.errors import ModelDomainError
from legload.models.body import parameters as BP
from legload.models.body.composition import BodyState, as_state, sex_key
from legload.models.body.parameters import PUBLISHED, BodyParameters
from legload.models.body.resting import resting_metabolic_rate_kcal_day
from legload.models.inputs import ArrayLike, to_arrays, to_result

_KCAL_PER_MJ = 1000.0 / KJ_PER_KCAL

_SUBSTEPS = 4  # RK4 steps per day: glycogen settles within about a day
_MAX_DAYS = 3650
_RK4_WEIGHTS = (1.0 / 6.0, 2.0 / 6.0, 2.0 / 6.0, 1.0 / 6.0)

SIMULATE_COLUMNS: tuple[str, ...] = (
    "day",
    "weight_kg",
    "fat_kg",
    "lean_kg",
    "glycogen_kg",
    "intake_kcal_day",
    "expenditure_kcal_day",
    "adaptive_thermogenesis_kcal_day",
    "intake_imputed",
)



def _check_adult(age_years: float) -> None:
    if not (math.isfinite(age_years) and 18.0 <= age_years <= 100.0):
        raise ModelDomainError(
            f"age_years {age_years!r} is outside the adult model's range (18-100 years)"
        )


# --- maintenance -----------------------------------------------------------------------------


def _rmr(sex: str, weight_kg: float, height_m: float, age_years: float,
         params: BodyParameters) -> float:
    return float(resting_metabolic_rate_kcal_day(sex, weight_kg, height_m, age_years,
                                                 params=params))


def maintenance_intake_kcal_day(
    state: BodyState | tuple[float, float],
    *,
    sex: str,
    age_years: float,
    height_m: float,
    activity_kcal_day: ArrayLike = 0.0,
    daily_pal: float = BP.DAILY_PAL_DEFAULT,
    params: BodyParameters = PUBLISHED,
) -> float | np.ndarray:
    """Intake that keeps weight steady at ``state`` [kcal/day].

    Parameters
    ----------
    state : BodyState or (weight_kg, fat_kg)
    sex, age_years, height_m
        For the resting metabolic rate (Mifflin-St Jeor, :mod:`legload.models.body.resting`).
    activity_kcal_day : float or array, default 0
        Energy of recorded sessions per day [kcal/day], >= 0.
    daily_pal : float, default 1.5
        Physical activity level of daily life outside recorded sessions (1.2-2.5).
    params : BodyParameters, default PUBLISHED
        The published set (Mifflin's coefficients for the RMR).

    Returns
    -------
    float or ndarray
        ``daily_pal x RMR(weight) + activity`` [kcal/day].

    Notes
    -----
    This is the balance point the Hall et al. (2011) model starts from: the baseline
    expenditure is PAL x RMR, with RMR from Mifflin-St Jeor, and :func:`simulate` fits its
    constant K so that ``state`` is in balance at this intake. It is a prediction for an
    average adult (RMR SD about 10 %);
    :func:`~legload.models.body.expenditure.adaptive_expenditure` measures it from logs.

    Examples
    --------
    >>> maintenance_intake_kcal_day((70.0, 12.0), sex="male", age_years=30, height_m=1.75)
    2473.125
    """
    s = as_state(state)
    _check_adult(float(age_years))
    _check_pal(daily_pal)
    scalar, (act,) = to_arrays(activity_kcal_day)
    if np.any(act < 0):
        raise ModelDomainError("activity_kcal_day must be >= 0 kcal/day")
    rmr = _rmr(sex_key(sex), s.weight_kg, height_m, age_years, params)
    return to_result(daily_pal * rmr + act, scalar)


def _check_pal(daily_pal: float) -> None:
    if not (math.isfinite(daily_pal) and 1.2 <= daily_pal <= 2.5):
        raise ModelDomainError("daily_pal must lie in [1.2, 2.5]")


# --- the model -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Model:
    k: float  # constant of expenditure [kcal/day]
    delta: float  # activity expenditure per kg of body weight [kcal kg-1 day-1]
    intake_ref: float  # intake of the initial balance [kcal/day]
    k_glycogen: float  # [kcal day-1 kg-2]
    carb_fraction: float
    beta_at: float
    params: BodyParameters

    def __post_init__(self) -> None:
        """Coefficients in kcal, once (frozen: set through object.__setattr__)."""
        p = self.params
        for name, value in (
            ("gamma_f", p.gamma_fat_kj_per_kg_day / KJ_PER_KCAL),  # kcal kg-1 day-1
            ("gamma_l", p.gamma_lean_kj_per_kg_day / KJ_PER_KCAL),
            ("eta_f", p.eta_fat_kj_per_kg / KJ_PER_KCAL),  # kcal kg-1
            ("eta_l", p.eta_lean_kj_per_kg / KJ_PER_KCAL),
            ("rho_f", p.rho_fat_mj_per_kg * _KCAL_PER_MJ),
            ("rho_l", p.rho_lean_mj_per_kg * _KCAL_PER_MJ),
            ("rho_g", p.rho_glycogen_mj_per_kg * _KCAL_PER_MJ),
            ("glycogen_weight", 1.0 + p.glycogen_water_kg_per_kg),
        ):
            object.__setattr__(self, name, value)

    def expenditure_without_eta(
        self, f: float, lt: float, g: float, at: float, intake: float, activity: float
    ) -> float:
        weight = f + lt + self.glycogen_weight * g
        tef = self.params.beta_tef * (intake - self.intake_ref)
        return (self.k + self.gamma_f * f + self.gamma_l * lt + self.delta * weight + tef + at
                + activity)

    def rates(
        self, f: float, lt: float, g: float, at: float, intake: float, activity: float
    ) -> tuple[float, float, float, float, float]:
        """dF/dt, dL/dt, dG/dt, dAT/dt and total expenditure EE."""
        dg = (self.carb_fraction * intake - self.k_glycogen * g * g) / self.rho_g
        ee0 = self.expenditure_without_eta(f, lt, g, at, intake, activity)
        available = intake - ee0 - self.rho_g * dg
        ratio = self.params.forbes_c_kg / f  # dL/dF from the Forbes relation
        df = available / ((self.rho_f + self.eta_f) + (self.rho_l + self.eta_l) * ratio)
        dl = ratio * df
        dat = (self.beta_at * (intake - self.intake_ref) - at) / self.params.tau_at_days
        return df, dl, dg, dat, ee0 + self.eta_f * df + self.eta_l * dl


def simulate(
    initial: BodyState | tuple[float, float],
    intake_kcal_day: ArrayLike,
    activity_kcal_day: ArrayLike = 0.0,
    *,
    sex: str,
    age_years: float,
    height_m: float,
    days: int | None = None,
    adaptive_thermogenesis: bool = True,
    daily_pal: float = BP.DAILY_PAL_DEFAULT,
    carbohydrate_fraction: float = BP.CARBOHYDRATE_FRACTION_DEFAULT,
    params: BodyParameters = PUBLISHED,
) -> pd.DataFrame:
    """Fat, lean tissue, glycogen and weight day by day: the Hall et al. (2011) adult model.

    ``EE = K + gF F + gL L + delta BW + bTEF dEI + AT + A + nF dF/dt + nL dL/dt``;
    ``rF dF/dt + rL dL/dt + rG dG/dt = EI - EE``; ``dL/dt = (C / F) dF/dt`` (Forbes);
    ``BW = F + L + 3.7 G``. RK4, four steps a day. ``initial`` is a :class:`BodyState` or
    (weight_kg, fat_kg) in balance at the maintenance intake; ``intake_kcal_day`` per day
    (NaN = not logged: that day's balance intake); ``activity_kcal_day`` the recorded
    sessions' energy (NaN = 0); ``days`` 1-3650 (default: the longer input); ``params`` every
    coefficient (default the published set). Valid for adults 18-100 y, fat mass > 0.
    Returns one row per day 0..days (``day``, ``weight_kg``, ``fat_kg``, ``lean_kg``,
    ``glycogen_kg``, ``intake_kcal_day``, ``expenditure_kcal_day``,
    ``adaptive_thermogenesis_kcal_day``, ``intake_imputed``). See docs/models/body.md.

    Hall KD et al. (2011) Lancet 378:826-837, doi:10.1016/S0140-6736(11)60812-X;
    Hall KD (2008) Int J Obes 32:573-576, doi:10.1038/sj.ijo.0803720.

    >>> out = simulate((80.0, 16.0), 2000.0, sex="male", age_years=35, height_m=1.80, days=28)
    >>> round(float(out["weight_kg"].iloc[-1]), 1), round(float(out["fat_kg"].iloc[-1]), 1)
    (77.7, 14.8)
    """
    state = as_state(initial)
    key = sex_key(sex)
    _check_adult(float(age_years))
    _check_pal(daily_pal)
    if not (math.isfinite(carbohydrate_fraction) and 0.05 <= carbohydrate_fraction <= 0.9):
        raise ModelDomainError("carbohydrate_fraction must lie in [0.05, 0.9]")
    intake, activity, n = _inputs(intake_kcal_day, activity_kcal_day, days)

    rmr0 = _rmr(key, state.weight_kg, height_m, age_years, params)
    mean_activity = float(np.mean(activity)) if n else 0.0
    intake_ref = daily_pal * rmr0 + mean_activity
    delta = ((1.0 - params.beta_tef) * daily_pal - 1.0) * rmr0 / state.weight_kg
    f, lt, g = state.fat_kg, state.lean_tissue_kg, state.glycogen_kg
    gamma_f = params.gamma_fat_kj_per_kg_day / KJ_PER_KCAL
    gamma_l = params.gamma_lean_kj_per_kg_day / KJ_PER_KCAL
    k = daily_pal * rmr0 - gamma_f * f - gamma_l * lt - delta * state.weight_kg
    model = _Model(
        k=k,
        delta=delta,
        intake_ref=intake_ref,
        k_glycogen=carbohydrate_fraction * intake_ref / g**2,
        carb_fraction=carbohydrate_fraction,
        beta_at=params.beta_at if adaptive_thermogenesis else 0.0,
        params=params,
    )
    return _integrate(model, f, lt, g, intake, activity)


def _inputs(
    intake_kcal_day: ArrayLike, activity_kcal_day: ArrayLike, days: int | None
) -> tuple[np.ndarray, np.ndarray, int]:
    intake = np.asarray(intake_kcal_day, dtype=float)
    activity = np.asarray(activity_kcal_day, dtype=float)
    for arr, name in ((intake, "intake_kcal_day"), (activity, "activity_kcal_day")):
        if arr.ndim > 1:
            raise ModelDomainError(f"{name} must be a number or a one-dimensional array")
        if np.any(arr < 0) or np.any(np.isinf(arr)):
            raise ModelDomainError(f"{name} must be finite and >= 0 kcal/day (NaN allowed)")
    if days is None:
        lengths = [a.size for a in (intake, activity) if a.ndim == 1]
        if not lengths:
            raise ModelDomainError("give days when intake and activity are both scalars")
        n = max(lengths)
    else:
        n = int(days)
        if n != days:
            raise ModelDomainError("days must be a whole number")
    if not 1 <= n <= _MAX_DAYS:
        raise ModelDomainError(f"days must lie in [1, {_MAX_DAYS}]")

    def fit(arr: np.ndarray, fill: float) -> np.ndarray:
        if arr.ndim == 0:
            return np.full(n, float(arr))
        out = np.full(n, fill)
        m = min(n, arr.size)
        out[:m] = arr[:m]
        return out

    activity_n = fit(activity, 0.0)
    return fit(intake, np.nan), np.where(np.isnan(activity_n), 0.0, activity_n), n


def _integrate(
    model: _Model,
    f: float,
    lt: float,
    g: float,
    intake: np.ndarray,
    activity: np.ndarray,
) -> pd.DataFrame:
    n = intake.size
    out = np.full((n + 1, 7), np.nan)
    imputed = np.zeros(n + 1, dtype=bool)
    at = 0.0
    gw = model.glycogen_weight
    out[0, :4] = (f + lt + gw * g, f, lt + gw * g, g)
    out[0, 6] = at
    h = 1.0 / _SUBSTEPS
    for day in range(n):
        act = float(activity[day])
        ei = float(intake[day])
        if math.isnan(ei):
            ei = _balance_intake(model, f, lt, g, at, act)
            imputed[day + 1] = True
        ee_day = 0.0
        for _ in range(_SUBSTEPS):
            y = (f, lt, g, at)
            ks = []
            for c in (0.0, 0.5, 0.5, 1.0):
                yy = y if not ks else tuple(
                    y[i] + c * h * ks[-1][i] for i in range(4)
                )
                ks.append(model.rates(yy[0], yy[1], yy[2], yy[3], ei, act))
            f, lt, g, at = (
                y[i] + h * sum(w * k_[i] for w, k_ in zip(_RK4_WEIGHTS, ks, strict=True))
                for i in range(4)
            )
            ee_day += h * sum(w * k_[4] for w, k_ in zip(_RK4_WEIGHTS, ks, strict=True))
        if not (f > 0 and lt > 0 and g > 0):
            raise ModelDomainError(
                f"the simulated body left the model's range on day {day + 1} "
                "(fat, lean tissue or glycogen reached zero)"
            )
        lean = lt + gw * g
        out[day + 1] = (f + lean, f, lean, g, ei, ee_day, at)
    frame = pd.DataFrame(
        {
            "day": np.arange(n + 1, dtype=int),
            "weight_kg": out[:, 0],
            "fat_kg": out[:, 1],
            "lean_kg": out[:, 2],
            "glycogen_kg": out[:, 3],
            "intake_kcal_day": out[:, 4],
            "expenditure_kcal_day": out[:, 5],
            "adaptive_thermogenesis_kcal_day": out[:, 6],
            "intake_imputed": imputed,
        }
    )
    return frame[list(SIMULATE_COLUMNS)]


def _balance_intake(model: _Model, f: float, lt: float, g: float, at: float, act: float) -> float:
    """Intake EI at which fat and lean tissue do not change at the start of the day.

    Solves EI = EE(EI) + rG dG/dt(EI): expenditure depends on EI through the thermic effect
    bTEF (EI - EI_ref), and glycogen through its carbohydrate share c EI, hence
    EI = (X - bTEF EI_ref - kG G^2) / (1 - bTEF - c), X the expenditure at EI = EI_ref.
    """
    rest = model.expenditure_without_eta(f, lt, g, at, model.intake_ref, act)
    b_tef = model.params.beta_tef
    numerator = rest - b_tef * model.intake_ref - model.k_glycogen * g * g
    return max(numerator / (1.0 - b_tef - model.carb_fraction), 0.0)


__all__ = ["SIMULATE_COLUMNS", "maintenance_intake_kcal_day", "simulate"]
