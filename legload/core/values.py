"""Whether a column of numbers holds any value: asked of every channel of every file read,
so answered by its first element when that one is a value (most columns start with one),
and by the whole column only otherwise."""

from __future__ import annotations

import math

import numpy as np


def has_value(values: np.ndarray) -> bool:
    """True when a float array holds at least one value other than NaN (±inf counts)."""
    if len(values) and values[0] == values[0]:  # NaN is the one float not equal to itself
        return True
    return not np.isnan(values).all()


def has_finite(values: np.ndarray) -> bool:
    """True when a float array holds at least one finite value (neither NaN nor ±inf)."""
    if len(values) and math.isfinite(values[0]):
        return True
    return bool(np.isfinite(values).any())
