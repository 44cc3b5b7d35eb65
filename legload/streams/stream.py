"""The :class:`Stream`: one activity as a clean 1 Hz record on moving time, with quality flags."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from legload.streams.altitude import ASCENT_HYSTERESIS_M, climb

#: Column order of :attr:`Stream.frame`. ``t_s``, ``timestamp``, ``distance_m``, ``speed_m_s``
#: and ``grade`` are always present; every other column only when the source recorded it.
STREAM_COLUMNS: dict[str, tuple[str, str]] = {
    "t_s": ("s", "moving time from 0, one row per moving second (step 1.0)"),
    "timestamp": ("UTC datetime", "wall-clock time of the row"),
    "distance_m": ("m", "cumulative horizontal distance, 0 at the first moving row"),
    "speed_m_s": ("m/s", "horizontal speed (NaN without speed, distance or positions)"),
    "altitude_m": ("m", "smoothed altitude (absent when not recorded, or indoors)"),
    "grade": ("1", "rise/run over a distance window, |grade| <= 0.45; 0 where unknown"),
    "lat_deg": ("degree", "WGS84 latitude, interpolated within moving stretches"),
    "lon_deg": ("degree", "WGS84 longitude, interpolated within moving stretches"),
    "heart_rate_bpm": ("1/min", "heart rate"),
    "cadence_spm": ("steps/min", "step rate, both feet"),
    "cadence_rpm": ("rev/min", "crank cadence"),
    "power_w": ("W", "mechanical power"),
    "temperature_c": ("degC", "device temperature"),
    "vertical_oscillation_m": ("m", "vertical oscillation of the torso per step"),
    "stance_time_s": ("s", "ground contact time per step"),
    "step_length_m": ("m", "step length"),
    "interpolated": ("1", "1 inside a recording gap bridged while moving (only when there is one)"),
}

#: Keys always present in :attr:`Stream.flags`.
FLAG_KEYS: dict[str, str] = {
    "gps_missing": "bool: fewer than two usable position fixes",
    "altitude_source": '"barometric" | "gps" | "none"',
    "speed_source": '"device_speed" | "device_distance" | "positions" | "none"',
    "distance_source": '"device_distance" | "device_speed" | "positions" | "none"',
    "indoor": "bool: treadmill/indoor sub-sport, or a foot activity without GPS",
    "pauses": "list of (start ISO 8601 UTC, duration_s): wall-clock time between moving rows",
    "dropped": "dict reason -> count of samples (or values) removed as implausible",
    "warnings": "list of one-line notes about what was repaired or guessed",
    "altitude_noise_m": "float: estimated per-sample altitude noise (m), NaN without altitude",
    "grade_window_m": "float: median half-width of the grade window (m), 0 without grade",
    "grade_clipped_s": "int: seconds whose grade was clipped to +-0.45",
    "gaps_bridged": "int: recording gaps while moving, interpolated across (not pauses)",
    "interpolated_s": "int: rows inside bridged gaps (the 'interpolated' column is 1)",
}


@dataclass
class Stream:
    """One activity as a 1 Hz record on moving time.

    Attributes:
        frame: one row per moving second; columns from :data:`STREAM_COLUMNS`, in that order.
        flags: data-quality flags, keys from :data:`FLAG_KEYS`.
        sport: the activity's sport (``running``, ``cycling`` ...).
        sub_sport: the activity's sub-sport (``road``, ``trail``, ``treadmill`` ...).

    Every row stands for one second of moving, so ``moving_s == len(frame)`` and, with the
    pauses, ``moving_s + sum(pause durations)`` is the wall-clock span from the first to the
    last moving second, inclusive.
    """

    frame: pd.DataFrame
    flags: dict[str, object] = field(default_factory=dict)
    sport: str = "other"
    sub_sport: str = "generic"
    _memos: dict[str, tuple[object, Any]] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    @property
    def moving_s(self) -> float:
        """Moving time (s): the number of 1 Hz rows."""
        return float(len(self.frame))

    @property
    def distance_m(self) -> float:
        """Distance covered over the moving record (m)."""
        if len(self.frame) == 0:
            return 0.0
        return float(self.column("distance_m")[-1])

    @property
    def ascent_m(self) -> float:
        """Total ascent (m) of the smoothed altitude, with a small hysteresis (see ``climb``)."""
        return self._climb()[0]

    @property
    def descent_m(self) -> float:
        """Total descent (m) of the smoothed altitude, with a small hysteresis."""
        return self._climb()[1]

    def _climb(self) -> tuple[float, float]:
        """Ascent and descent, computed once per frame (totals, class and report ask)."""
        def compute() -> tuple[float, float]:
            if "altitude_m" not in self.frame:
                return 0.0, 0.0
            return climb(self.column("altitude_m"), ASCENT_HYSTERESIS_M)

        return self.memo("climb", self.frame, compute)

    def column(self, name: str) -> np.ndarray:
        """The frame's column ``name`` as floats, taken once per frame (the analysis asks for
        the same columns many times; the array is the frame's: read it, never write it)."""
        return self.memo(f"column {name}", self.frame, lambda: self.frame[name].to_numpy(float))

    def keep_columns(self, columns: dict[str, np.ndarray]) -> None:
        """Have :meth:`column` give these float arrays, the ones the frame was built on (the
        same values), without taking them out of the frame again."""
        for name, values in columns.items():
            self._memos[f"column {name}"] = (self.frame, values)

    def memo(self, name: str, source: object, compute: Callable[[], Any]) -> Any:
        """``compute()``, kept under ``name`` while it is asked of the same ``source`` object
        (a figure the analysis asks for more than once; the frames are not changed once
        built)."""
        known = self._memos.get(name)
        if known is None or known[0] is not source:
            known = self._memos[name] = (source, compute())
        return known[1]


def empty_frame(columns: list[str]) -> pd.DataFrame:
    """A zero-row stream frame with ``columns`` (timestamp typed as UTC datetime)."""
    data: dict[str, object] = {}
    for name in columns:
        if name == "timestamp":
            data[name] = pd.Series([], dtype="datetime64[ns, UTC]")
        else:
            data[name] = pd.Series([], dtype=float)
    return pd.DataFrame(data)


def nan_column(n: int) -> np.ndarray:
    """A float column of ``n`` NaNs."""
    return np.full(n, np.nan)
