"""A lean mass measured by a scale, shown beside the model's projection as a measurement
with its known error.

Smart scales estimate fat-free mass by bioelectrical impedance (BIA) from the feet. Against
DXA, such estimates of fat-free mass are off by about ±3–4 kg for one person: a standing
foot-to-foot BIA equation fitted and cross-validated on 554 adults had a standard error of
the estimate of 3.17 kg and 95 % limits of agreement of about ±3 kg within body-fat bands
(Nutr J 2015, PMC4489024; citation incomplete), and fifteen commercial BIA devices compared
with a 4-compartment model (Siedler et al. 2023, Br J Nutr 130:827) showed errors of the
same size. The change between two weigh-ins of one scale is more precise than either value;
the value itself is not a better truth than the model's.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

#: ± error (kg) of a BIA scale's fat-free mass for one person (see the module docstring)
BIA_LEAN_ERROR_KG = 3.5
SOURCE = ("BIA fat-free mass vs DXA: ±3–4 kg for one person (Nutr J 2015, PMC4489024; "
          "Siedler et al. 2023 Br J Nutr 130:827)")


@dataclass(frozen=True)
class MeasuredLean:
    """The latest lean (fat-free) mass a scale measured, with its error: ``lean_kg`` ±
    ``error_kg`` on ``date`` (``YYYY-MM-DD``); ``skeletal_muscle_kg`` where the scale gives it
    too (None otherwise)."""

    date: str
    lean_kg: float
    error_kg: float
    skeletal_muscle_kg: float | None
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date, "lean_kg": self.lean_kg, "error_kg": self.error_kg,
                "skeletal_muscle_kg": self.skeletal_muscle_kg, "source": self.source}


def measured_lean(weights: pd.DataFrame, until: pd.Timestamp | None = None) -> MeasuredLean | None:
    """The latest measurement of ``lean_mass_kg`` in the body log ``weights`` (up to
    ``until``, UTC), or None when no scale gave one."""
    if weights is None or "lean_mass_kg" not in weights or weights.empty:
        return None
    rows = weights[weights["lean_mass_kg"].notna()]
    if until is not None:
        stamps = pd.to_datetime(rows["timestamp"], utc=True)
        end = until.tz_localize("UTC") if until.tzinfo is None else until
        rows = rows[stamps < end]
    if rows.empty:
        return None
    last = rows.sort_values("timestamp", kind="stable").iloc[-1]
    muscle = last.get("skeletal_muscle_kg")
    muscle = None if muscle is None or math.isnan(float(muscle)) else round(float(muscle), 1)
    return MeasuredLean(date=pd.Timestamp(last["timestamp"]).strftime("%Y-%m-%d"),
                        lean_kg=round(float(last["lean_mass_kg"]), 1),
                        error_kg=BIA_LEAN_ERROR_KG, skeletal_muscle_kg=muscle, source=SOURCE)


__all__ = ["BIA_LEAN_ERROR_KG", "MeasuredLean", "measured_lean"]
