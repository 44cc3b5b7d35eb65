"""An athlete's energy balance and body-composition projection from their logs.

Intake is the food log's mean over the analysis window; expenditure is the Hall model's
maintenance at the current body (resting + daily living at PAL 1.5) plus the recorded
sessions. Where weigh-ins and the food log allow, the weight trend measures the real
expenditure instead (adaptive expenditure), and the gap to the model is reported and used
to calibrate the projection.
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
    weight_kg: float | None = None
    fat_kg: float | None = None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The report's ``energy`` part: floats rounded to 0.1, notes as they are."""
        return {k: (round(v, 1) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


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
    measured = _measured_expenditure(intake, weights, pic)
    if measured is not None:
        pic.measured_expenditure_kcal_day = measured
        pic.expenditure_gap_kcal_day = measured - pic.maintenance_kcal_day
        pic.notes.append(f"weight trend and food log imply {measured:.0f} kcal/day spent; the "
                         f"model says {pic.maintenance_kcal_day:.0f} "
                         f"({pic.expenditure_gap_kcal_day:+.0f} kcal/day)")
    if pic.intake_kcal_day is not None:
        spent = pic.measured_expenditure_kcal_day or pic.maintenance_kcal_day
        pic.balance_kcal_day = pic.intake_kcal_day - spent
    return pic


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
                          pic: EnergyPicture) -> float | None:
    if len(weights) < 5 or len(intake) < 7:
        return None
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
        return None
    value = result.get("expenditure_kcal_day")
    return float(value) if value is not None and np.isfinite(value) else None


def projection(profile: AthleteProfile, pic: EnergyPicture, *, weeks: int = PROJECTION_WEEKS,
               intake_kcal_day: float | None = None) -> pd.DataFrame | None:
    """Weekly fat/lean/weight under the given intake (default: the logged one), with the
    model calibrated to the measured expenditure where there is one."""
    if pic.fat_kg is None or pic.weight_kg is None or pic.intake_kcal_day is None:
        return None
    activity = pic.session_kcal_day + (pic.expenditure_gap_kcal_day or 0.0)
    return project((pic.weight_kg, pic.fat_kg), intake_kcal_day or pic.intake_kcal_day,
                   max(activity, 0.0), sex=profile.sex,
                   age_years=profile.age_years(dt.date.today()),
                   height_m=profile.height_m, weeks=weeks)
