"""Scalar-or-array inputs of the model functions: conversion, result shape and domain checks.

The energy and body models accept a float or anything numpy broadcasts and return a float for
scalar inputs, an ``ndarray`` otherwise; these functions do that conversion once. A value a
model cannot take raises :class:`~legload.errors.ModelDomainError`; NaN (a gap in a stream)
always passes the checks.
"""

from __future__ import annotations

from dataclasses import field
from typing import Any

import numpy as np

from legload.errors import ModelDomainError

ArrayLike = Any  # float, sequence, numpy array or pandas Series


def to_arrays(*values: ArrayLike) -> tuple[bool, list[np.ndarray]]:
    """Float arrays of ``values`` and whether every one of them was a scalar."""
    arrays = [np.asarray(v, dtype=float) for v in values]
    return all(a.ndim == 0 for a in arrays), arrays


def to_result(value: np.ndarray, scalar: bool) -> float | np.ndarray:
    """``value`` as a float when the inputs were scalars, else as a float array."""
    return float(value) if scalar else np.asarray(value, dtype=float)


def require(condition: np.ndarray | bool, message: str) -> None:
    """Raise ModelDomainError unless ``condition`` holds everywhere (NaN inputs must pass)."""
    if not np.all(condition):
        raise ModelDomainError(message)


def check_speed(speed: np.ndarray) -> None:
    """Raise ModelDomainError for a negative speed."""
    require(~(speed < 0), "speed_m_s must be >= 0 m/s")


def published(value: Any) -> Any:
    """A parameters dataclass field whose default is the published ``value``.

    For mappings (read-only ``MappingProxyType`` tables), which a dataclass will not take as a
    plain default; the factory hands out that same read-only table.
    """
    return field(default_factory=lambda: value)
