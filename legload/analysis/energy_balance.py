"""An athlete's energy balance and body-composition projection from their logs.

Intake is the food log's mean over the analysis window; expenditure is the Hall model's
maintenance at the current body (resting + daily living at PAL 1.5) plus the recorded
sessions. Where weigh-ins and the food log allow, the weight trend measures the real
expenditure instead (adaptive expenditure), and the gap to the model is reported and used
to calibrate the projection (a term of either sign: a flat weight on a logged deficit
projects no change).

The balance's uncertainty (one standard error, kcal/day) is
``sqrt(se_trend^2 + se_intake^2)``: ``se_trend`` the standard error of the weight trend times
the energy density of the change (:func:`~legload.models.body.expenditure.adaptive_expenditure`)
where weigh-ins measure the expenditure, else the model's own spread (resting expenditure
varies by about 10 % between people: 10 % of the maintenance intake); ``se_intake`` the
standard deviation of the logged days over the square root of their number. A balance within
``max(1.96 x uncertainty, DEAD_BAND_MIN_KCAL)`` of zero is "about maintenance", and the rules
downstream treat it as zero.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from legload.core.profile import AthleteProfile
from legload.errors import ModelDomainError
from legload.models.body.composition import estimate_fat_mass_kg
from legload.models.body.dynamics import maintenance_intake_kcal_day
from legload.models.body.expenditure import adaptive_expenditure
from legload.models.body.projection import project

PROJECTION_WEEKS = 12
#: two-sided 95 % normal quantile: the dead band is this many standard errors wide each side
DEAD_BAND_Z = 1.96
#: narrowest dead band (kcal/day) [M]: a food log cannot resolve a smaller daily balance
DEAD_BAND_MIN_KCAL = 50.0
#: spread of the model's expenditure between people, as a fraction [S] (Mifflin 1990's RMR
#: prediction error, about 10 %; see models/body/dynamics.py)
MODEL_EXPENDITURE_SPREAD = 0.10


#: attribute → ``report --json`` key where the attribute's name does not carry its unit
_JSON_KEYS = {"protein_g_kg": "protein_g_kg_day"}


@dataclass
class EnergyPicture:
    """What the logs say about energy: every field None where the logs cannot say."""

    intake_kcal_day: float | None = None
    protein_g_kg: float | None = None
    session_kcal_day: float = 0.0
    maintenance_kcal_day: float | None = None
    measured_expenditure_kcal_day: float | None = None
    expenditure_gap_kcal_day: float | None = None
    balance_kcal_day: float | None = None
    balance_uncertainty_kcal_day: float | None = None
    balance_state: str | None = None
    weight_kg: float | None = None
    fat_kg: float | None = None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The report's ``energy`` part: floats rounded to 0.1, notes as they are; keys carry
        their unit (``protein_g_kg`` is ``protein_g_kg_day``)."""
        return {_JSON_KEYS.get(k, k): (round(v, 1) if isinstance(v, float) else v)
                for k, v in self.__dict__.items()}

    @property
    def rule_balance_kcal_day(self) -> float | None:
        """The balance the verdict's rules use: 0 when it is "about maintenance"."""
        if self.balance_state == "about maintenance":
            return 0.0
        return self.balance_kcal_day


def energy_picture(profile: AthleteProfile | None, intake: pd.DataFrame, weights: pd.DataFrame,
                   session_kcal_day: float, window_start: pd.Timestamp,
                   window_end: pd.Timestamp | None = None) -> EnergyPicture:
    """Combine profile, food log, weigh-ins and session energy over the window
    ``[window_start, window_end)`` (UTC). A day logged in two food-log files counts once."""
    pic = EnergyPicture(session_kcal_day=session_kcal_day)
    intake, weights = _in_window(intake, weights, window_start, window_end)
    recent = intake
    if len(recent) and recent["energy_kcal"].notna().any():
        pic.intake_kcal_day = float(recent["energy_kcal"].mean())
    else:
        pic.notes.append("no food log: energy balance and the lean-mass projection are unknown")
    pic.weight_kg = _latest_weight(profile, weights)
    if pic.intake_kcal_day is not None and pic.weight_kg and recent["protein_g"].notna().any():
        pic.protein_g_kg = float(recent["protein_g"].mean()) / pic.weight_kg
    if profile is None or None in (profile.sex, profile.birth_year, profile.height_m) \
            or pic.weight_kg is None:
        pic.notes.append("profile incomplete (sex, birth year, height, weight): no body model")
        return pic
    age = profile.age_years(dt.date.today())
    fat_fraction = _latest_fat_fraction(profile, weights)
    pic.fat_kg = (fat_fraction * pic.weight_kg if fat_fraction is not None else
                  float(estimate_fat_mass_kg(pic.weight_kg, profile.height_m, age, profile.sex)))
    state = (pic.weight_kg, pic.fat_kg)
    pic.maintenance_kcal_day = float(maintenance_intake_kcal_day(
        state, sex=profile.sex, age_years=age, height_m=profile.height_m,
        activity_kcal_day=session_kcal_day))
    measured, trend_se = _measured_expenditure(intake, weights, pic)
    if measured is not None:
        pic.measured_expenditure_kcal_day = measured
        pic.expenditure_gap_kcal_day = measured - pic.maintenance_kcal_day
        pic.notes.append(f"weight trend and food log imply {measured:.0f} kcal/day spent; the "
                         f"model says {pic.maintenance_kcal_day:.0f} "
                         f"({pic.expenditure_gap_kcal_day:+.0f} kcal/day)")
    if pic.intake_kcal_day is not None:
        spent = pic.measured_expenditure_kcal_day or pic.maintenance_kcal_day
        pic.balance_kcal_day = pic.intake_kcal_day - spent
        if trend_se is None:
            trend_se = MODEL_EXPENDITURE_SPREAD * pic.maintenance_kcal_day
        _dead_band(pic, trend_se, intake["energy_kcal"].dropna())
    return pic


def _dead_band(pic: EnergyPicture, trend_se: float, days: pd.Series) -> None:
    """Set the balance's uncertainty and state (see the module docstring)."""
    intake_se = float(days.std(ddof=1)) / np.sqrt(len(days)) if len(days) > 1 else 0.0
    pic.balance_uncertainty_kcal_day = float(np.hypot(trend_se, intake_se))
    band = max(DEAD_BAND_Z * pic.balance_uncertainty_kcal_day, DEAD_BAND_MIN_KCAL)
    balance = pic.balance_kcal_day
    pic.balance_state = ("about maintenance" if abs(balance) <= band
                         else "deficit" if balance < 0 else "surplus")


def _in_window(intake: pd.DataFrame, weights: pd.DataFrame, start: pd.Timestamp,
               end: pd.Timestamp | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Food-log days and weigh-ins inside the window, one row per day / per timestamp (the
    mean where several files cover the same day)."""
    naive_start = start.tz_convert(None) if start.tzinfo else start
    naive_end = None if end is None else (end.tz_convert(None) if end.tzinfo else end)
    if len(intake):
        keep = intake["date"] >= naive_start
        if naive_end is not None:
            keep &= intake["date"] < naive_end
        intake = intake[keep].groupby("date", as_index=False).mean(numeric_only=True)
    if len(weights):
        stamps = weights["timestamp"]
        keep = stamps >= start.tz_convert("UTC") if start.tzinfo else stamps >= start
        if end is not None:
            keep &= stamps < (end.tz_convert("UTC") if end.tzinfo else end.tz_localize("UTC"))
        weights = weights[keep].groupby("timestamp", as_index=False).mean(numeric_only=True)
    return intake, weights


def _latest_weight(profile: AthleteProfile | None, weights: pd.DataFrame) -> float | None:
    if len(weights) and weights["weight_kg"].notna().any():
        return float(weights["weight_kg"].dropna().iloc[-5:].mean())
    return profile.weight_kg if profile else None


def _latest_fat_fraction(profile: AthleteProfile | None, weights: pd.DataFrame) -> float | None:
    if len(weights) and weights["body_fat_fraction"].notna().any():
        return float(weights["body_fat_fraction"].dropna().iloc[-5:].mean())
    return profile.body_fat_fraction if profile else None


def _measured_expenditure(intake: pd.DataFrame, weights: pd.DataFrame,
                          pic: EnergyPicture) -> tuple[float | None, float | None]:
    """Expenditure from the weight trend and the food log, and the trend's standard error
    (kcal/day); (None, None) when the data cannot say."""
    if len(weights) < 5 or len(intake) < 7:
        return None, None
    days = pd.DataFrame({"date": weights["timestamp"].dt.tz_convert(None).dt.normalize(),
                         "weight_kg": weights["weight_kg"]}).groupby("date").mean()
    daily = intake.set_index("date")["energy_kcal"].groupby(level=0).mean()
    span = pd.date_range(min(days.index.min(), daily.index.min()),
                         max(days.index.max(), daily.index.max()), freq="D")
    try:
        result = adaptive_expenditure(
            span, days["weight_kg"].reindex(span).to_numpy(),
            daily.reindex(span).to_numpy(), fat_kg=pic.fat_kg)
    except ModelDomainError as exc:
        pic.notes.append(f"weight trend not usable for expenditure: {exc}")
        return None, None
    value = result.expenditure_kcal_day
    if value is None or not np.isfinite(value):
        return None, None
    return float(value), float(result.uncertainty_kcal_day)


def projection(profile: AthleteProfile, pic: EnergyPicture, *, weeks: int = PROJECTION_WEEKS,
               intake_kcal_day: float | None = None,
               hard_sets_per_week: float = 0.0) -> pd.DataFrame | None:
    """Weekly fat/lean/weight under the given intake (default: the logged one), with the
    model calibrated to the measured expenditure where there is one (the calibration term
    may be negative), and lean mass spared in a deficit by ``hard_sets_per_week`` (the leg
    muscles' weekly hard sets) and the logged protein (:mod:`legload.models.body.sparing`)."""
    if pic.fat_kg is None or pic.weight_kg is None or pic.intake_kcal_day is None:
        return None
    return project((pic.weight_kg, pic.fat_kg), intake_kcal_day or pic.intake_kcal_day,
                   pic.session_kcal_day, sex=profile.sex,
                   age_years=profile.age_years(dt.date.today()),
                   height_m=profile.height_m, weeks=weeks,
                   hard_sets_per_week=hard_sets_per_week, protein_g_per_kg=pic.protein_g_kg,
                   calibration_kcal_day=pic.expenditure_gap_kcal_day or 0.0)
