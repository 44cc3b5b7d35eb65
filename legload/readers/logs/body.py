"""Body logs: weigh-ins and body-fat measurements.

:func:`read_body` recognises the format from the content (``docs/formats.md`` shows each):

* **legload CSV**: ``date,weight_kg[,body_fat_pct]`` (``weight_lb`` in place of
  ``weight_kg`` is converted; ``date`` an ISO date or date-time, with or without a UTC
  offset).
* **Withings** ``weight.csv`` (Health Mate data export): ``"Date","Weight (kg)",
  "Fat mass (kg)","Bone mass (kg)","Muscle mass (kg)","Hydration (kg)","Comments"``
  (``(lb)`` columns for pound users; a ``Fat Ratio (%)`` column is used when present,
  else the fraction is fat mass ÷ weight). Dates like ``2016-05-31 6:36 AM`` or
  ``2024-01-02 07:15:00``.
* **Cronometer** ``biometrics.csv``: ``Day,[Time,]Group,Metric,Unit,Amount``; rows whose
  metric is ``Weight`` (or ``Weight (...)``, e.g. synced from Google Fit) in ``kg`` or
  ``lbs``, and ``Body Fat`` in ``%``. Other metrics are skipped with a note. Entries of one
  day (and time) become one measurement: several weights of that day are averaged.
* **Samsung Health**, **Renpho** and **MyFitnessPal** weigh-ins: see :mod:`.scales` (with
  fat-free and skeletal muscle mass where the scale gives them).
* **FIT** files with ``weight_scale`` messages (scales such as Garmin Index): see
  :func:`body_from_fit`.

Each measurement is one row: ``timestamp`` (UTC), ``weight_kg``, ``body_fat_fraction``
(0–1, NaN when not measured) and ``source_format``. A date without a time is midnight UTC
of that day; a date-time without a zone is the scale's local time, stored as if it were
UTC (a warning says so once). Pounds are converted with 1 lb = 0.45359237 kg (exact,
international pound). Weights below 25 kg or above 350 kg are dropped with a warning (no
adult runner weighs that: a typing or unit error); body fat outside 2–70 % is dropped
(set unknown) with a warning, keeping the weight — essential fat alone is ~2–5 % in men,
and bioimpedance scales report neither extreme reliably.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from legload.core.units import LB_KG
from legload.errors import Damage, ReadError, reading
from legload.readers.logs.csvsniff import (
    LOCAL_TIME_WARNING,
    csv_table,
    header_columns,
    numbers,
)
from legload.readers.logs.scales import (
    mfp_weight,
    renpho,
    renpho_times,
    samsung,
    scale_kind,
)

BODY_COLUMNS = ("timestamp", "weight_kg", "body_fat_fraction", "source_format")
#: optional columns of scales that measure them: fat-free mass and skeletal muscle mass (kg)
SCALE_COLUMNS = ("lean_mass_kg", "skeletal_muscle_kg")
MIN_WEIGHT_KG = 25.0
MAX_WEIGHT_KG = 350.0
MIN_FAT_PCT = 2.0
MAX_FAT_PCT = 70.0
NOT_RECOGNISED = ("not a recognised body log (expected legload, Withings, Renpho, Samsung "
                  "Health, MyFitnessPal or Cronometer biometrics CSV, or a FIT weight file)")

_FIT_EPOCH_S = 631_065_600  # 1989-12-31T00:00:00Z
_DATE_ONLY = r"^\d{4}-\d{1,2}-\d{1,2}$"
_TIME_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %I:%M %p",
                 "%Y-%m-%d %I:%M:%S %p")


@dataclass
class BodyLog:
    """Measurements read from a body log.

    Attributes:
        measurements: one row per measurement, columns :data:`BODY_COLUMNS`, by time.
        warnings: notes on assumptions (time zone, units) and dropped values.
        format: ``legload``, ``withings``, ``cronometer_biometrics`` or ``fit``.
    """

    measurements: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    format: str = ""


def body_kind(columns: list[str]) -> str | None:
    """Which body-log format a CSV header belongs to, or None."""
    cols = set(columns)
    lower = {c.lower() for c in columns}
    strength = {"exercise", "reps"} & lower  # the legload strength CSV has weight_kg too
    if ({"date", "timestamp"} & lower) and ({"weight_kg", "weight_lb"} & lower) and not strength:
        return "legload"
    scale = scale_kind(columns)
    if scale is not None:
        return scale
    if "Date" in cols and ({"Weight (kg)", "Weight (lb)", "Weight (lbs)"} & cols):
        return "withings"
    if {"Metric", "Unit", "Amount"} <= cols and ({"Day", "Date"} & cols):
        return "cronometer_biometrics"
    return None


def is_fit_body(data: bytes) -> bool:
    """True for a FIT file that holds ``weight_scale`` messages."""
    from legload.readers.fit.decode import decode, is_fit

    if not is_fit(data):
        return False
    try:
        return len(decode(data).table("weight_scale")) > 0
    except Damage:  # a FIT file too damaged to tell: not a body log
        return False


def read_body(data: bytes, source: str) -> BodyLog:
    """Read a body log (CSV or FIT) into measurements (see the module docstring).

    Raises:
        ReadError: ``"<source>: <problem>"`` for an empty, unreadable or unknown file.
    """
    from legload.readers.fit.decode import decode, is_fit

    with reading(source):
        if is_fit(data):
            log = body_from_fit(decode(data))
            if log.measurements.empty:
                raise ReadError(source, "a FIT file without weight_scale measurements")
            return log
        if scale_kind(header_columns(data)) == "samsung":
            return _finish(samsung(data, source, NOT_RECOGNISED), [], "samsung")
        raw, warnings, sep = csv_table(data, source, NOT_RECOGNISED)
        kind = body_kind(list(raw.columns))
        if kind is None:
            raise ReadError(source, NOT_RECOGNISED)
        reader = {"legload": _legload, "withings": _withings, "renpho": _renpho,
                  "myfitnesspal": _mfp, "cronometer_biometrics": _cronometer}[kind]
        if kind == "legload":
            raw = raw.rename(columns=str.lower)
        return _finish(reader(raw, source, warnings, sep), warnings, kind)


def _times(series: pd.Series, source: str, warnings: list[str], column: str) -> pd.Series:
    """UTC timestamps from date or date-time text, row by row; unreadable → NaT (dropped
    later). Local forms (``2024-01-02``, ``2024-01-02 07:15[:00]``, ``2016-05-31 6:36 AM``)
    are tried first, then ISO 8601 with an offset."""
    text = series.astype(str).str.strip()
    given = text.where(text != "", None)
    local = pd.Series(pd.NaT, index=series.index, dtype="datetime64[ns]")
    for fmt in _TIME_FORMATS:
        local = local.fillna(pd.to_datetime(given, format=fmt, errors="coerce"))
    naive = local.notna()
    stamps = local.dt.tz_localize("UTC")
    rest = given.where(~naive, None)
    if rest.notna().any():
        try:
            iso = pd.to_datetime(rest, format="ISO8601", errors="coerce", utc=True)
        except (ValueError, TypeError):
            iso = pd.Series(pd.NaT, index=series.index, dtype="datetime64[ns, UTC]")
        in_range = (iso >= pd.Timestamp.min.tz_localize("UTC")) & (
            iso <= pd.Timestamp.max.tz_localize("UTC"))
        iso = iso.where(in_range)  # a year like -6 or 3000 is no reading date: unreadable
        offset = text.str.contains(r"(?:Z|[+-]\d{2}:?\d{2})$", regex=True)
        naive |= iso.notna() & ~offset
        stamps = stamps.fillna(iso.astype("datetime64[ns, UTC]"))
    if not stamps.notna().any():
        example = next((t for t in text if t), "")
        raise ReadError(source, f"no readable dates in column {column!r}"
                                + (f" (e.g. {example!r})" if example else ""))
    if (naive & ~text.str.match(_DATE_ONLY)).any():
        warnings.append(LOCAL_TIME_WARNING)
    return stamps.astype("datetime64[ns, UTC]")


def _frame(stamps: pd.Series, weight: pd.Series, fat_fraction: pd.Series) -> pd.DataFrame:
    return pd.DataFrame({"timestamp": stamps, "weight_kg": weight,
                         "body_fat_fraction": fat_fraction})


def _legload(raw: pd.DataFrame, source: str, warnings: list[str], sep: str) -> pd.DataFrame:
    column = "date" if "date" in raw else "timestamp"
    stamps = _times(raw[column], source, warnings, column)
    weight = (numbers(raw["weight_kg"], sep) if "weight_kg" in raw
              else numbers(raw["weight_lb"], sep) * LB_KG)
    if "body_fat_pct" in raw:
        fat = numbers(raw["body_fat_pct"], sep) / 100.0
    else:
        fat = pd.Series(np.nan, index=raw.index)
    return _frame(stamps, weight, fat)


def _withings(raw: pd.DataFrame, source: str, warnings: list[str], sep: str) -> pd.DataFrame:
    stamps = _times(raw["Date"], source, warnings, "Date")
    if "Weight (kg)" in raw:
        weight = numbers(raw["Weight (kg)"], sep)
    else:
        weight = numbers(raw["Weight (lb)" if "Weight (lb)" in raw else "Weight (lbs)"], sep)
        weight = weight * LB_KG
    fat = pd.Series(np.nan, index=raw.index)
    for col, factor in (("Fat mass (kg)", 1.0), ("Fat mass (lb)", LB_KG),
                        ("Fat mass (lbs)", LB_KG)):
        if col in raw:
            fat = numbers(raw[col], sep) * factor / weight
            break
    if "Fat Ratio (%)" in raw:
        ratio = numbers(raw["Fat Ratio (%)"], sep) / 100.0
        fat = ratio.where(ratio.notna(), fat)
    return _frame(stamps, weight, fat)


def _renpho(raw: pd.DataFrame, source: str, warnings: list[str], _sep: str) -> pd.DataFrame:
    return renpho(raw, _times(renpho_times(raw), source, warnings, "Time of Measurement"))


def _mfp(raw: pd.DataFrame, source: str, warnings: list[str], _sep: str) -> pd.DataFrame:
    stamps = _times(raw["Date"], source, warnings, "Date")
    weight = mfp_weight(raw, source, warnings)
    return _frame(stamps, weight, pd.Series(np.nan, index=raw.index))


def _cronometer(raw: pd.DataFrame, source: str, warnings: list[str], sep: str) -> pd.DataFrame:
    day_col = "Day" if "Day" in raw else "Date"
    when = raw[day_col]
    if "Time" in raw:
        when = (when + " " + raw["Time"]).str.strip()
    metric = raw["Metric"].str.strip().str.lower()
    unit = raw["Unit"].str.strip().str.lower()
    amount = numbers(raw["Amount"], sep)
    is_weight = metric.str.match(r"^weight\b")
    is_fat = metric.str.match(r"^body fat\b")
    other = sorted(set(raw.loc[~(is_weight | is_fat), "Metric"].str.strip()))
    if other:
        warnings.append(f"{int((~(is_weight | is_fat)).sum())} row(s) of other metrics skipped "
                        f"({', '.join(other[:5])}{' …' if len(other) > 5 else ''})")
    factor = unit.map({"kg": 1.0, "kgs": 1.0, "lb": LB_KG, "lbs": LB_KG})
    unknown_unit = is_weight & factor.isna()
    if unknown_unit.any():
        warnings.append(f"{int(unknown_unit.sum())} weight row(s) in an unknown unit skipped "
                        f"(e.g. {raw.loc[unknown_unit, 'Unit'].iloc[0]!r})")
    fat_unit_ok = unit.isin(["%", "percent"])
    if (is_fat & ~fat_unit_ok).any():
        warnings.append(f"{int((is_fat & ~fat_unit_ok).sum())} body-fat row(s) not in % skipped")
    keep = (is_weight & factor.notna()) | (is_fat & fat_unit_ok)
    if not keep.any():
        raise ReadError(source, "no Weight or Body Fat rows in this Cronometer biometrics file")
    rows = pd.DataFrame({
        "when": when[keep],
        "weight_kg": (amount * factor).where(is_weight)[keep],
        "body_fat_fraction": (amount / 100.0).where(is_fat)[keep],
    })
    grouped = rows.groupby("when", sort=False)
    several = grouped["weight_kg"].count()
    if (several > 1).any():
        warnings.append(f"{int((several > 1).sum())} day(s) with several weights (often one "
                        "weigh-in synced twice): averaged into one measurement")
    merged = grouped[["weight_kg", "body_fat_fraction"]].mean().reset_index()
    stamps = _times(merged["when"], source, warnings, day_col)
    return _frame(stamps, merged["weight_kg"], merged["body_fat_fraction"])


def _finish(frame: pd.DataFrame, warnings: list[str], kind: str) -> BodyLog:
    """Drop undated rows and impossible values, order and type the columns."""
    frame = frame.copy()
    undated = frame["timestamp"].isna()
    if undated.any():
        warnings.append(f"{int(undated.sum())} row(s) with an unreadable date dropped")
    frame = frame[~undated]
    weight = frame["weight_kg"].astype(float)
    absurd = (weight < MIN_WEIGHT_KG) | (weight > MAX_WEIGHT_KG)
    if absurd.any():
        warnings.append(f"{int(absurd.sum())} weight(s) outside {MIN_WEIGHT_KG:.0f}–"
                        f"{MAX_WEIGHT_KG:.0f} kg dropped as entry or unit errors (e.g. "
                        f"{weight[absurd].iloc[0]:.1f} kg)")
    frame = frame[~absurd].copy()
    pct = frame["body_fat_fraction"].astype(float) * 100.0
    bad_fat = (pct < MIN_FAT_PCT) | (pct > MAX_FAT_PCT)
    if bad_fat.any():
        warnings.append(f"{int(bad_fat.sum())} body-fat value(s) outside {MIN_FAT_PCT:.0f}–"
                        f"{MAX_FAT_PCT:.0f} % dropped (e.g. {pct[bad_fat].iloc[0]:.1f} %)")
        frame.loc[bad_fat, "body_fat_fraction"] = np.nan
    empty = frame["weight_kg"].isna() & frame["body_fat_fraction"].isna()
    if empty.any():
        warnings.append(f"{int(empty.sum())} row(s) with neither a weight nor a body fat dropped")
    frame = frame[~empty].sort_values("timestamp", kind="stable").reset_index(drop=True)
    out = pd.DataFrame({
        "timestamp": frame["timestamp"].astype("datetime64[ns, UTC]"),
        "weight_kg": frame["weight_kg"].astype(float),
        "body_fat_fraction": frame["body_fat_fraction"].astype(float),
        "source_format": pd.Series([kind] * len(frame), dtype=object),
    })
    for extra in SCALE_COLUMNS:  # what some scales measure besides weight and fat
        if extra in frame and frame[extra].notna().any():
            out[extra] = frame[extra].astype(float).to_numpy()
    return BodyLog(out, list(dict.fromkeys(warnings)), kind)


# --- FIT weight_scale --------------------------------------------------------------------------


def _first(value: Any) -> float:
    arr = np.atleast_1d(np.asarray(value, dtype=float))
    finite = arr[np.isfinite(arr)]
    return float(finite[0]) if finite.size else math.nan


def body_from_fit(messages: Any) -> BodyLog:
    """Measurements of a FIT weight file: ``fit_decode.decode(data)`` (or its
    ``table("weight_scale")``) → :class:`BodyLog`.

    ``weight`` is in kg (profile scale 100; the value 655.34, raw 0xFFFE, means
    "calculating" and is skipped), ``percent_fat`` in % (scale 100), ``timestamp`` in FIT
    seconds since 1989-12-31T00:00:00Z (UTC). Messages without a time are skipped; the
    range checks of :func:`read_body` apply.
    """
    table: Mapping[str, np.ndarray] = (messages.numbers("weight_scale")
                                       if hasattr(messages, "table") else messages)
    n = len(table.get("_offset", table.get("timestamp", [])))
    warnings: list[str] = []
    rows = []
    untimed = calculating = 0
    for i in range(n):
        stamp = _first(table["timestamp"][i]) if "timestamp" in table else math.nan
        if math.isnan(stamp):
            untimed += 1
            continue
        weight = _first(table["weight"][i]) if "weight" in table else math.nan
        if not math.isnan(weight) and round(weight * 100) == 0xFFFE:
            calculating += 1
            weight = math.nan
        fat = _first(table["percent_fat"][i]) if "percent_fat" in table else math.nan
        rows.append({"timestamp": pd.Timestamp(stamp + _FIT_EPOCH_S, unit="s", tz="UTC"),
                     "weight_kg": weight, "body_fat_fraction": fat / 100.0})
    if untimed:
        warnings.append(f"{untimed} weight_scale message(s) without a timestamp skipped")
    if calculating:
        warnings.append(f"{calculating} weight_scale message(s) still 'calculating' "
                        "(no weight)")
    frame = pd.DataFrame(rows, columns=["timestamp", "weight_kg", "body_fat_fraction"])
    if frame.empty:
        frame["timestamp"] = pd.Series(dtype="datetime64[ns, UTC]")
    return _finish(frame, warnings, "fit")


__all__ = [
    "BODY_COLUMNS",
    "MAX_WEIGHT_KG",
    "MIN_WEIGHT_KG",
    "NOT_RECOGNISED",
    "SCALE_COLUMNS",
    "BodyLog",
    "body_from_fit",
    "body_kind",
    "is_fit_body",
    "read_body",
]
