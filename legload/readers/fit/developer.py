"""Developer fields (Connect IQ apps, Stryd, core-temperature sensors) → sample columns in SI.

A developer field comes with its own description: a name and the units as the app spells
them ("Milliseconds", "Centimeters", "kN/m"). Known units (:data:`~legload.core.columns.
DEV_UNITS`) are converted to SI (the nomenclature's units), and a field that the
nomenclature has a canonical column for (:data:`~legload.core.columns.DEV_CANONICAL`:
Stryd's ground time is ``stance_time_s``) fills that column when the device recorded none
itself; every other one stays ``dev_<name>``. Units that are not known are kept as recorded
and named in one warning per file. A float32 field keeps the shortest decimal (7 to 9
significant digits) that reads back as the same float32 (31.85 °C, not 31.850000381469727).
"""

from __future__ import annotations

import numpy as np

from legload.core.columns import DEV_CANONICAL, DEV_UNITS


def developer_channels(rec: dict[str, np.ndarray], cols: dict[str, np.ndarray],
                       described: dict[str, tuple[str, str]]) -> list[str]:
    """Add the developer columns of record table ``rec`` (one number per record) to ``cols``,
    converted by their units (``described``: column → (units as described, base type)).
    Returns a warning naming the columns whose units are not known, or none."""
    unknown = []
    for name, values in rec.items():
        if not name.startswith("dev_") or values.ndim != 1 or values.dtype == object:
            continue
        spelled, base = described.get(name, ("", ""))
        digits = _shortest_digits(values) if base == "float32" else None
        known = DEV_UNITS.get(spelled.lower())
        si = ""
        if known is not None:
            si, times, over = known
            values = values * times / over if times != 1 else values / over
        elif spelled:
            unknown.append(f"{name} ({spelled})")
        if digits is not None:
            values = significant(values, digits)
        canonical, accepted = DEV_CANONICAL.get(name[4:], (None, ()))
        if canonical is not None and si in accepted and canonical not in cols:
            cols[canonical] = values
        else:
            cols[name] = values
    if not unknown:
        return []
    return ["developer fields in units legload does not convert, kept as recorded: "
            + ", ".join(unknown)]


def float32_digits(values: np.ndarray) -> np.ndarray:
    """Per value read from a float32, the fewest significant digits (7 to 9) whose decimal
    reads back as the same float32 (9 always does)."""
    exact = values.astype(np.float32)
    digits = np.full(values.shape, 9)
    for fewer in (8, 7):
        digits[significant(values, fewer).astype(np.float32) == exact] = fewer
    return digits


def _shortest_digits(values: np.ndarray) -> np.ndarray | int:
    """:func:`float32_digits`, or 7 when 7 do for every value (the same rounding)."""
    seven = significant(values, 7).astype(np.float32) == values.astype(np.float32)
    if (seven | ~np.isfinite(values) | (values == 0)).all():
        return 7
    return float32_digits(values)


def significant(values: np.ndarray, digits: np.ndarray | int) -> np.ndarray:
    """``values`` rounded to ``digits`` significant digits, one count for all or one per
    value (0, NaN and inf as they are)."""
    finite = np.isfinite(values) & (values != 0)
    magnitude = np.floor(np.log10(np.abs(np.where(finite, values, 1.0))))
    power = 10.0 ** (digits - 1 - magnitude)
    return np.where(finite, np.round(values * power) / power, values)


__all__ = ["developer_channels", "float32_digits", "significant"]
