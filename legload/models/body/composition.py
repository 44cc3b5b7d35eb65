"""Body composition at one moment and its static relations (Hall 2008, Forbes, Jackson 2002).

* :class:`BodyState` — fat, fat-free mass and glycogen; weight and lean tissue follow from them.
* :func:`lean_fraction` — the Forbes partition: the share of a small weight change that is lean
  tissue, ``C / (C + F)`` with C = 10.4 kg.
* :func:`weight_change_energy_density_kcal_per_kg` — energy stored in (or released by) one kg
  of weight change at fat mass F (Hall 2008).
* :func:`estimate_fat_mass_kg` — a fallback fat mass from BMI, age and sex (Jackson 2002).

The Hall et al. (2011) model built on them lives beside this module:
:mod:`legload.models.body.dynamics` (the day-by-day simulation and the maintenance intake) and
:mod:`legload.models.body.projection` (weekly projection under constant habits, with a band for
logging error); :func:`legload.models.body.expenditure.adaptive_expenditure` estimates actual
expenditure from a weight trend and an intake log, for comparison with the model.

Units: masses in kg, time in days, energy in kcal (the unit of food logs; the papers' kJ and
MJ are converted once, in :mod:`legload.models.body.parameters`). Values a model cannot take
raise :class:`~legload.errors.ModelDomainError`. ``docs/models/body.md`` has the equations,
sources and limits.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from legload.core.units import KJ_PER_KCAL
from legload.errors import ModelDomainError
from legload.models.body import parameters as BP
from legload.models.body.parameters import PUBLISHED, BodyParameters
from legload.models.inputs import ArrayLike, to_arrays, to_result

_KCAL_PER_MJ = 1000.0 / KJ_PER_KCAL

#: Energy densities of fat, lean tissue and glycogen [kcal/kg].
RHO_FAT_KCAL_PER_KG: float = BP.RHO_FAT_MJ_PER_KG * _KCAL_PER_MJ
RHO_LEAN_KCAL_PER_KG: float = BP.RHO_LEAN_MJ_PER_KG * _KCAL_PER_MJ
RHO_GLYCOGEN_KCAL_PER_KG: float = BP.RHO_GLYCOGEN_MJ_PER_KG * _KCAL_PER_MJ
#: The 3500 kcal/lb rule of thumb [kcal/kg].
RULE_OF_THUMB_KCAL_PER_KG: float = BP.RULE_OF_THUMB_MJ_PER_KG * _KCAL_PER_MJ
#: Body weight per kg of glycogen: the glycogen and the water stored with it [kg/kg].
GLYCOGEN_WEIGHT_PER_KG: float = 1.0 + BP.GLYCOGEN_WATER_KG_PER_KG



# --- helpers ---------------------------------------------------------------------------------


def sex_key(sex: str) -> str:
    """``sex`` as "male" or "female"; anything else raises ModelDomainError."""
    key = sex.strip().lower() if isinstance(sex, str) else None
    if key not in ("male", "female"):
        raise ModelDomainError(f"sex must be 'male' or 'female', not {sex!r}")
    return key


# --- body state ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BodyState:
    """Body composition at one moment.

    Attributes:
        fat_kg: body fat mass F [kg], > 0.
        lean_kg: fat-free mass [kg] (everything that is not fat, including glycogen and the
            water stored with it), > 0.
        glycogen_kg: body glycogen G [kg] (about 0.5 kg; Hall et al. 2011 appendix). Its
            3.7-fold mass with water is part of ``lean_kg``.
    """

    fat_kg: float
    lean_kg: float
    glycogen_kg: float = BP.GLYCOGEN_BASELINE_KG

    @property
    def weight_kg(self) -> float:
        """Body weight = fat + fat-free mass [kg]."""
        return self.fat_kg + self.lean_kg

    @property
    def lean_tissue_kg(self) -> float:
        """Lean tissue L of the Hall model: fat-free mass less glycogen and its water [kg]."""
        return self.lean_kg - GLYCOGEN_WEIGHT_PER_KG * self.glycogen_kg

    @classmethod
    def from_weight(
        cls, weight_kg: float, fat_kg: float, glycogen_kg: float = BP.GLYCOGEN_BASELINE_KG
    ) -> BodyState:
        """State from body weight and fat mass [kg]."""
        return cls(float(fat_kg), float(weight_kg) - float(fat_kg), float(glycogen_kg))


def as_state(initial: BodyState | tuple[float, float] | Sequence[float]) -> BodyState:
    """``initial`` as a BodyState, checked against the model's range."""
    if isinstance(initial, BodyState):
        state = initial
    else:
        try:
            weight, fat = (float(v) for v in initial)
        except (TypeError, ValueError) as exc:
            raise ModelDomainError(
                "initial must be a BodyState or a (weight_kg, fat_kg) pair"
            ) from exc
        state = BodyState.from_weight(weight, fat)
    values = (state.fat_kg, state.lean_kg, state.glycogen_kg)
    if not all(math.isfinite(v) for v in values):
        raise ModelDomainError("body state values must be finite")
    if state.fat_kg <= 0.0:
        raise ModelDomainError("fat_kg must be > 0 kg (the Forbes partition needs body fat)")
    if not 0.0 < state.glycogen_kg <= 2.0:
        raise ModelDomainError("glycogen_kg must lie in (0, 2] kg")
    if state.lean_tissue_kg <= 0.0:
        raise ModelDomainError("lean_kg must exceed the glycogen and its water")
    if not 25.0 <= state.weight_kg <= 400.0:
        raise ModelDomainError(f"weight {state.weight_kg:.1f} kg is outside 25-400 kg")
    return state


# --- Forbes partition and energy density -----------------------------------------------------


def lean_fraction(
    fat_mass_kg: ArrayLike, *, params: BodyParameters = PUBLISHED
) -> float | np.ndarray:
    """Share of a small weight change that is lean (fat-free) mass: the Forbes partition.

    Parameters
    ----------
    fat_mass_kg : float or array
        Body fat mass F [kg], >= 0. NaN gives NaN.
    params : BodyParameters, default PUBLISHED
        Its ``forbes_c_kg`` is C.

    Returns
    -------
    float or ndarray
        p = dL/dBW [-], between 0 and 1.

    Notes
    -----
    Forbes's log relation between fat-free mass and fat mass, FFM = C ln F + const, gives
    dFFM/dF = C / F and hence::

        p = C / (C + F),     C = 10.4 kg   [S]

    (Forbes 1987; Hall 2007 Br J Nutr 97:1059; Hall 2008 Int J Obes 32:573). Valid for small
    changes around the current fat mass; for large losses Hall (2007) gives a correction that
    differs little for modest changes. It describes the average adult; resistance training
    during a deficit can shift the partition toward fat loss, and it knows nothing of that.

    References
    ----------
    Hall KD (2007) Br J Nutr 97:1059-1063. doi:10.1017/S0007114507691946.
    Hall KD (2008) Int J Obes 32:573-576. doi:10.1038/sj.ijo.0803720

    Examples
    --------
    >>> lean_fraction(10.4)
    0.5
    >>> lean_fraction([8.0, 30.0]).round(3).tolist()
    [0.565, 0.257]
    """
    scalar, (f,) = to_arrays(fat_mass_kg)
    if np.any(f < 0):
        raise ModelDomainError("fat_mass_kg must be >= 0 kg")
    c = params.forbes_c_kg
    return to_result(c / (c + f), scalar)


def weight_change_energy_density_kcal_per_kg(
    fat_mass_kg: ArrayLike, *, params: BodyParameters = PUBLISHED
) -> float | np.ndarray:
    """Energy stored in, or released by, one kg of slow weight change at fat mass F.

    Parameters
    ----------
    fat_mass_kg : float or array
        Body fat mass F [kg], >= 0.
    params : BodyParameters, default PUBLISHED
        Its Forbes C and the energy densities rho_F, rho_L.

    Returns
    -------
    float or ndarray
        rho = p rho_L + (1 - p) rho_F [kcal/kg], p from :func:`lean_fraction`.

    Notes
    -----
    rho_F = 39.5 MJ/kg (read) and rho_L = 7.6 MJ/kg [S] (Hall 2008). Water shifts of glycogen
    and extracellular fluid are not included: the first days of a diet lose weight at a lower
    energy density. Hall (2008) finds the 3500 kcal/lb rule (32.2 MJ/kg, 7696 kcal/kg) about
    right for F above 30 kg and too high for leaner people: this function gives 7478 kcal/kg
    at F = 30 kg and 5131 kcal/kg at F = 8 kg.

    Examples
    --------
    >>> round(weight_change_energy_density_kcal_per_kg(30.0))
    7478
    """
    scalar, (f,) = to_arrays(fat_mass_kg)
    p = np.asarray(lean_fraction(f, params=params), dtype=float)
    rho_lean = params.rho_lean_mj_per_kg * _KCAL_PER_MJ
    rho_fat = params.rho_fat_mj_per_kg * _KCAL_PER_MJ
    return to_result(p * rho_lean + (1.0 - p) * rho_fat, scalar)


def estimate_fat_mass_kg(
    weight_kg: ArrayLike, height_m: ArrayLike, age_years: ArrayLike, sex: str, *,
    params: BodyParameters = PUBLISHED,
) -> float | np.ndarray:
    """Fat mass from BMI, age and sex (Jackson et al. 2002), for when none was measured.

    Notes
    -----
    ``%fat = 0.14 age + 37.31 ln(BMI) - 103.94`` (men), ``0.14 age + 39.96 ln(BMI) - 102.01``
    (women) [S]; fat = weight x %fat / 100, floored at 3 % of weight. Fitted on a general
    adult sample: for muscular athletes it overestimates fat, so a measured value (DXA,
    calipers, impedance) should be preferred. ``params.jackson_coefficients`` (default the
    published set) holds the coefficients.

    References
    ----------
    Jackson AS et al. (2002) Int J Obes 26:789-796. doi:10.1038/sj.ijo.0802006

    Examples
    --------
    >>> round(estimate_fat_mass_kg(80.0, 1.80, 40, "male"), 1)
    17.0
    """
    key = sex_key(sex)
    scalar, (w, h, a) = to_arrays(weight_kg, height_m, age_years)
    if np.any(~(w > 0)) or np.any(~(h > 0.5)) or np.any(h > 3.0):
        raise ModelDomainError("weight_kg must be > 0 and height_m in (0.5, 3] m")
    c = params.jackson_coefficients[key]
    percent = c["age"] * a + c["ln_bmi"] * np.log(w / h**2) + c["offset"]
    return to_result(w * np.maximum(percent, 3.0) / 100.0, scalar)


__all__ = [
    "RHO_FAT_KCAL_PER_KG",
    "RHO_GLYCOGEN_KCAL_PER_KG",
    "RHO_LEAN_KCAL_PER_KG",
    "RULE_OF_THUMB_KCAL_PER_KG",
    "BodyState",
    "estimate_fat_mass_kg",
    "lean_fraction",
    "weight_change_energy_density_kcal_per_kg",
]
