"""Weigh-ins of phone apps and smart scales: Samsung Health, Renpho, MyFitnessPal.

* **Samsung Health** ``com.samsung.health.weight.<date>.csv`` (Settings → Download personal
  data): a first line naming the data type (``com.samsung.health.weight,6313001,3``), then the
  header. Newer exports prefix every column with ``com.samsung.health.weight.``, older ones do
  not; data rows often end with one extra comma. ``start_time`` is UTC
  (``2023-05-12 06:23:00.000``) and ``time_offset`` (``UTC+0100``) the phone's zone then;
  ``weight`` and ``skeletal_muscle_mass``, ``fat_free_mass`` are in kg, ``body_fat`` in %.
* **Renpho** (app → Me → Export data): ``Weight(lb)`` or ``Weight(kg)``, ``Body Fat(%)``,
  ``Fat-Free Mass(lb)`` (or ``Fat-free Body Weight``), ``Skeletal Muscle(%)``, ``Muscle
  Mass(lb)`` …; the time is ``Time of Measurement`` or ``Date`` (``2025.12.26`` as well as
  ISO) with an optional ``Time``; ``--`` means not measured. Local times, stored as UTC.
* **MyFitnessPal** ``Measurement-Summary-*.csv`` (Premium export): ``Date,Weight`` in the
  account's unit, which the file does not name (a column ``Weight (kg)`` or ``Weight (lbs)``
  does): a median weight of 130 or more is pounds, below 100 kilograms (no adult runner
  weighs under 100 lb or over 130 kg in both readings at once), between them the file is
  refused with one line asking for a file that names its unit.

Each becomes rows of :func:`legload.readers.logs.body.read_body` (``timestamp``,
``weight_kg``, ``body_fat_fraction``) plus, where the scale gives them, ``lean_mass_kg``
(fat-free mass) and ``skeletal_muscle_kg``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from legload.core.units import LB_KG
from legload.errors import ReadError
from legload.readers.logs.chunks import codec, table
from legload.readers.logs.csvsniff import numbers

SAMSUNG_PREFIX = "com.samsung.health.weight"
_RENPHO_WEIGHT = ("Weight(lb)", "Weight(kg)", "Weight(lbs)")
_RENPHO_TIME = ("Time of Measurement", "Measurement Date", "Date")
_MFP_UNITS = {"Weight": None, "Weight (kg)": 1.0, "Weight (lbs)": LB_KG, "Weight (lb)": LB_KG}
_MFP_LB_ABOVE = 130.0
_MFP_KG_BELOW = 100.0


def scale_kind(columns: list[str]) -> str | None:
    """``samsung``, ``renpho``, ``myfitnesspal`` or None, from a CSV's first line."""
    if columns and columns[0].strip().startswith(SAMSUNG_PREFIX):
        return "samsung"
    cols = set(columns)
    if (cols & set(_RENPHO_WEIGHT)) and (cols & set(_RENPHO_TIME)) and (
            {"Body Fat(%)", "Skeletal Muscle(%)", "BMI"} & cols):
        return "renpho"
    if "Date" in cols and len(cols & set(_MFP_UNITS)) == 1 and len(cols) <= 4:
        return "myfitnesspal"
    return None


def _frame(stamps: pd.Series, weight: pd.Series, fat: pd.Series | None = None,
           lean: pd.Series | None = None, muscle: pd.Series | None = None) -> pd.DataFrame:
    blank = pd.Series(np.nan, index=weight.index)
    return pd.DataFrame({"timestamp": stamps, "weight_kg": weight,
                         "body_fat_fraction": blank if fat is None else fat,
                         "lean_mass_kg": blank if lean is None else lean,
                         "skeletal_muscle_kg": blank if muscle is None else muscle})


def samsung(data: bytes, source: str, not_recognised: str) -> pd.DataFrame:
    """The weigh-ins of a Samsung Health weight CSV (see the module docstring)."""
    encoding, _ = codec(data, source, not_recognised)
    raw = table(data, source, not_recognised, ",", encoding, extra_fields="drop", skip=1)
    raw.columns = [c.removeprefix(SAMSUNG_PREFIX + ".") for c in raw.columns]
    if "start_time" not in raw or "weight" not in raw:
        raise ReadError(source, "a Samsung Health weight file without start_time and weight "
                                "columns")
    stamps = pd.to_datetime(raw["start_time"], format="mixed", errors="coerce", utc=True)

    def column(name: str) -> pd.Series | None:
        return numbers(raw[name]) if name in raw else None

    fat = column("body_fat")
    return _frame(stamps, numbers(raw["weight"]), None if fat is None else fat / 100.0,
                  column("fat_free_mass"), column("skeletal_muscle_mass"))


def _pounds_or_kg(raw: pd.DataFrame, stem: str) -> pd.Series | None:
    """``<stem>(kg)`` or ``<stem>(lb)`` of a Renpho file, in kg (None when absent)."""
    for suffix, factor in (("(kg)", 1.0), ("(lb)", LB_KG), ("(lbs)", LB_KG)):
        if stem + suffix in raw:
            return numbers(raw[stem + suffix]) * factor
    return None


def renpho(raw: pd.DataFrame, when: pd.Series) -> pd.DataFrame:
    """The weigh-ins of a Renpho CSV (``when``: the measurement times, already read)."""
    weight = _pounds_or_kg(raw, "Weight")
    fat = numbers(raw["Body Fat(%)"]) / 100.0 if "Body Fat(%)" in raw else None
    lean = _pounds_or_kg(raw, "Fat-Free Mass")
    if lean is None:
        lean = _pounds_or_kg(raw, "Fat-free Body Weight")
    muscle = None
    if "Skeletal Muscle(%)" in raw:
        muscle = numbers(raw["Skeletal Muscle(%)"]) / 100.0 * weight
    return _frame(when, weight, fat, lean, muscle)


def renpho_times(raw: pd.DataFrame) -> pd.Series:
    """The text of a Renpho file's measurement times (``2025.12.26`` → ``2025-12-26``, with
    its ``Time`` joined), for the body reader's date parsing."""
    column = next(c for c in _RENPHO_TIME if c in raw)
    text = raw[column].str.replace(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})", r"\1-\2-\3", regex=True)
    text = text.str.replace(r"^(\d{4}-\d{1,2}-\d{1,2}),\s*", r"\1 ", regex=True)
    if column != "Time of Measurement" and "Time" in raw:
        text = (text + " " + raw["Time"]).str.strip()
    return text


def mfp_weight(raw: pd.DataFrame, source: str, notes: list[str]) -> pd.Series:
    """The weights of a MyFitnessPal measurement export, in kg (see the module docstring)."""
    column = next(c for c in raw.columns if c in _MFP_UNITS)
    values = numbers(raw[column])
    factor = _MFP_UNITS[column]
    if factor is not None:
        return values * factor
    median = float(values.median()) if values.notna().any() else float("nan")
    if median >= _MFP_LB_ABOVE:
        notes.append(f"weights are not labelled: read as pounds (median {median:g})")
        return values * LB_KG
    if median < _MFP_KG_BELOW:
        notes.append(f"weights are not labelled: read as kilograms (median {median:g})")
        return values
    raise ReadError(source, f"cannot tell kilograms from pounds (median weight {median:g}); "
                            "rename the column to 'Weight (kg)' or 'Weight (lbs)'")


__all__ = ["SAMSUNG_PREFIX", "mfp_weight", "renpho", "renpho_times", "samsung", "scale_kind"]
