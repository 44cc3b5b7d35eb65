"""The values a log row may hold, checked on the way in and again when a report reads them.

One table of ranges (the ranges the models accept) and one rule for dates, the same for every
source: a row with a value outside its range, an infinite or NaN value where a number is
required, or a date before 1990 or more than a day after now is refused with a line saying
which and why. Blank values stay unknown (NaN); they are not errors.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

#: (low, high) accepted per column of each log table (SI units as stored)
RANGES: dict[str, dict[str, tuple[float, float]]] = {
    "strength_sets": {"reps": (0, 100), "weight_kg": (0, 1000), "rir": (0, 10),
                      "duration_s": (0, 86_400), "distance_m": (0, 100_000)},
    "intake_days": {"energy_kcal": (0, 20_000), "protein_g": (0, 1000), "carbs_g": (0, 3000),
                    "fat_g": (0, 1000)},
    "body_measurements": {"weight_kg": (25, 350), "body_fat_fraction": (0.02, 0.70),
                          "lean_mass_kg": (15, 200), "skeletal_muscle_kg": (5, 120)},
}
#: columns a row cannot do without (NaN refused)
REQUIRED = {"intake_days": ("energy_kcal",)}
#: columns where 0 means "not logged" (an empty food diary day is not a day of fasting)
NOT_ZERO = {"intake_days": ("energy_kcal",)}
#: columns that count things (a fraction beyond rounding is refused)
WHOLE = {"strength_sets": ("reps",)}
#: the earliest date accepted (a watch without a clock writes 1989 or 1990 dates)
EARLIEST = pd.Timestamp("1990-01-01", tz="UTC")
#: how far after now a date may lie (time zones, a clock slightly ahead)
FUTURE_SLACK = pd.Timedelta(days=1)


def date_problem(value: object, now: pd.Timestamp | None = None) -> str | None:
    """Why a date or date-time cannot be right (before 1990, after now plus a day,
    unreadable), or None when it may be."""
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError):
        return f"unreadable date {value!r}"
    if stamp is pd.NaT or pd.isna(stamp):
        return "no date"
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    latest = (now or pd.Timestamp.now(tz="UTC")) + FUTURE_SLACK
    if stamp < EARLIEST:
        return f"date {stamp:%Y-%m-%d} is before 1990 (a device clock not set?)"
    if stamp > latest:
        return f"date {stamp:%Y-%m-%d} is in the future"
    return None


def _value_problem(table: str, column: str, value: object) -> str | None:
    if value is None:
        return f"{column} missing" if column in REQUIRED.get(table, ()) else None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return f"{column} {value!r} is not a number"
    if math.isnan(number):
        return f"{column} missing" if column in REQUIRED.get(table, ()) else None
    low, high = RANGES[table][column]
    if number == 0 and column in NOT_ZERO.get(table, ()):
        return f"{column} 0: treated as not logged"
    if not low <= number <= high:
        return f"{column} {number:g} outside {low:g}–{high:g}"
    if column in WHOLE.get(table, ()) and abs(number - round(number)) > 0.01:
        return f"{column} {number:g} is not a whole number"
    return None


def row_problem(table: str, row: dict) -> str | None:
    """Why one row of a log table cannot be used, or None."""
    when = row.get("timestamp", row.get("date"))
    problem = date_problem(when)
    if problem is not None:
        return problem
    for column in RANGES[table]:
        if column in row:
            problem = _value_problem(table, column, row[column])
            if problem is not None:
                return problem
    return None


@dataclass(frozen=True)
class Checked:
    """The rows that passed and one line per refused row (``"<where>: <why>"``)."""

    frame: pd.DataFrame
    refused: list[str]


def check_rows(frame: pd.DataFrame, table: str,
               where: Callable[[object, dict], str] | None = None) -> Checked:
    """Refuse the rows of ``frame`` (a log table's columns) that :func:`row_problem` finds
    wrong; ``where(index, row)`` names a row in the messages (default: its date). The test is
    vectorised; only refused rows are looked at one by one."""
    where = where or (lambda _i, row: _when(row))
    suspect = _suspects(frame, table)
    if not suspect.any():
        return Checked(frame, [])
    columns = [c for c in ("timestamp", "date", *RANGES[table]) if c in frame]
    positions = suspect.to_numpy().nonzero()[0]
    picked = [frame[c].iloc[positions].tolist() for c in columns]  # suspects only, by column
    keep = np.ones(len(frame), dtype=bool)
    refused = []
    for k, position in enumerate(positions):
        row = {c: values[k] for c, values in zip(columns, picked, strict=True)}
        problem = row_problem(table, row)
        if problem is not None:
            keep[position] = False
            refused.append(f"{where(frame.index[position], row)}: {problem}")
    return Checked(frame.loc[keep], refused)


def _suspects(frame: pd.DataFrame, table: str) -> pd.Series:
    """Rows that may break a rule (a superset of those :func:`row_problem` refuses)."""
    suspect = pd.Series(False, index=frame.index)
    time_column = "timestamp" if "timestamp" in frame else "date"
    if time_column in frame:
        stamps = pd.to_datetime(frame[time_column], utc=True, errors="coerce", format="mixed")
        latest = pd.Timestamp.now(tz="UTC") + FUTURE_SLACK
        suspect |= (stamps.isna() | (stamps < EARLIEST) | (stamps > latest)).to_numpy()
    for column, (low, high) in RANGES[table].items():
        if column not in frame:
            continue
        values = pd.to_numeric(frame[column], errors="coerce").astype(float)
        missing = values.isna() & frame[column].notna()  # text that is not a number
        if column in REQUIRED.get(table, ()):
            missing = values.isna()
        outside = (values < low) | (values > high)
        if column in NOT_ZERO.get(table, ()):
            outside |= values == 0
        suspect |= (missing | outside).to_numpy()
        if column in WHOLE.get(table, ()):
            suspect |= ((values - values.round()).abs() > 0.01).to_numpy()
    return suspect


def _when(row: dict) -> str:
    value = row.get("timestamp", row.get("date"))
    try:
        return f"{pd.Timestamp(value):%Y-%m-%d %H:%M}".removesuffix(" 00:00")
    except (ValueError, TypeError, OverflowError):
        return str(value)


def summary(refused: list[str], what: str, limit: int = 20, count: int | None = None) -> str:
    """One warning for many refused rows: how many (``count``, default all of ``refused``),
    and the first few."""
    count = len(refused) if count is None else count
    shown = "; ".join(refused[:limit]) + (f"; … {count - limit} more" if count > limit else "")
    return f"{count} {what} refused: {shown}"


class Refusals:
    """The refused rows of a file met a chunk at a time: all counted, the first few kept for
    the one warning :func:`summary` makes of them."""

    def __init__(self, what: str, limit: int = 20) -> None:
        self.what, self.limit, self.count, self.first = what, limit, 0, []

    def add(self, refused: list[str]) -> None:
        """Count the refusals of one chunk."""
        self.count += len(refused)
        self.first.extend(refused[:max(0, self.limit - len(self.first))])

    def summary(self) -> list[str]:
        """The warning for the whole file (none when no row was refused)."""
        return [summary(self.first, self.what, self.limit, self.count)] if self.count else []


__all__ = ["EARLIEST", "RANGES", "Checked", "Refusals", "check_rows", "date_problem", "row_problem",
           "summary"]
