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
        known = DEV_UNITS.get(spelled.lower())
        si, converted = "", values
        if known is not None:
            si, times, over = known
            converted = values * times / over if times != 1 else values / over
        elif spelled:
            unknown.append(f"{name} ({spelled})")
        if base == "float32":
            converted = _shortest(values, converted, same=known is None or known[1:] == (1, 1))
        values = converted
        canonical, accepted = DEV_CANONICAL.get(name[4:], (None, ()))
        if canonical is not None and si in accepted and canonical not in cols:
            cols[canonical] = values
        else:
            cols[name] = values
    if not unknown:
        return []
    return ["developer fields in units legload does not convert, kept as recorded: "
            + ", ".join(unknown)]


def _shortest(read: np.ndarray, values: np.ndarray, same: bool) -> np.ndarray:
    """``values`` (``read`` from float32 and converted; ``same``: by a factor of 1) rounded to
    the significant digits the float32 values need: 7 for all when 7 do for every one (the
    rounding already done when the conversion changed nothing; 0, NaN and inf are left as
    they are whatever the count), else per value."""
    exact, finite, magnitude = read.astype(np.float32), *_magnitude(read)
    seven = _rounded(read, 7, finite, magnitude)
    fits = seven.astype(np.float32) == exact
    if (fits | ~finite).all():
        return seven if same else significant(values, 7)
    counts = _counts(read, exact, finite, magnitude, fits)
    return _rounded(read, counts, finite, magnitude) if same else significant(values, counts)


def float32_digits(values: np.ndarray) -> np.ndarray:
    """Per value read from a float32, the fewest significant digits (7 to 9) whose decimal
    reads back as the same float32 (9 always does)."""
    exact, finite, magnitude = values.astype(np.float32), *_magnitude(values)
    seven = _rounded(values, 7, finite, magnitude).astype(np.float32) == exact
    return _counts(values, exact, finite, magnitude, seven)


def _counts(values: np.ndarray, exact: np.ndarray, finite: np.ndarray, magnitude: np.ndarray,
            seven: np.ndarray) -> np.ndarray:
    """7 where ``seven`` (7 digits read back as the float32), else 8 where 8 do, else 9."""
    eight = _rounded(values, 8, finite, magnitude).astype(np.float32) == exact
    return np.where(seven, 7, np.where(eight, 8, 9))


def significant(values: np.ndarray, digits: np.ndarray | int) -> np.ndarray:
    """``values`` rounded to ``digits`` significant digits, one count for all or one per
    value (0, NaN and inf as they are)."""
    return _rounded(values, digits, *_magnitude(values))


def _magnitude(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which values are rounded (finite, not 0) and their decimal magnitude."""
    finite = np.isfinite(values) & (values != 0)
    return finite, np.floor(np.log10(np.abs(np.where(finite, values, 1.0))))


def _rounded(values: np.ndarray, digits: np.ndarray | int, finite: np.ndarray,
             magnitude: np.ndarray) -> np.ndarray:
    exponent = (digits - 1 - magnitude).astype(np.intp)  # whole: the magnitude is floored
    power = _POWERS.take(exponent - _LOWEST_POWER)
    return np.where(finite, np.rint(values * power) / power, values)


#: ``10.0 ** e`` for every whole ``e`` a rounding asks for (a float64's decimal magnitudes
#: beside the digits kept), looked up rather than raised per value
_LOWEST_POWER = -400
with np.errstate(over="ignore"):  # past 1e308: inf, as raising it per value gives
    _POWERS = 10.0 ** np.arange(_LOWEST_POWER, 400, dtype=np.float64)


__all__ = ["developer_channels", "float32_digits", "significant"]
