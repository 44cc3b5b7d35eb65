"""Raw samples → time-ordered, de-duplicated arrays with implausible values removed.

Rules (each removal is counted under its reason in ``dropped``):

* rows without a timestamp are dropped (``no_timestamp``);
* rows are sorted by time (stable, so file order breaks ties) and, of rows sharing a
  timestamp, the first in file order is kept (``duplicate_timestamp``);
* heart rate of exactly 0 is "no reading" → NaN, not counted; heart rate otherwise outside
  25–250 /min → NaN (``heart_rate_out_of_range``): below 25 /min is a lost strap contact,
  above 250 /min is beyond any recorded human maximum;
* speed below 0 or above the sport's limit (12 m/s on foot — faster than the fastest
  100 m sprint average; 30 m/s for cycling and other sports) → NaN (``speed_spike``);
* step cadence above 300 /min, crank cadence above 250 /min, power below 0 or above
  2500 W, altitude outside −500…9000 m → NaN (``…_out_of_range``);
* positions at exactly 0°/0° (written by some devices before the first fix,
  ``position_null_island``) or outside ±90°/±180° (``position_out_of_range``) → NaN;
* GPS teleports → NaN (``position_teleport``): consecutive fixes farther apart than the
  sport's jump speed (12 m/s on foot, 40 m/s otherwise) times the time between them, plus
  a 10 m allowance for ordinary fix-to-fix error, split the track into pieces; pieces of
  fewer than 5 fixes (or, if every piece is that short, all but the largest ones) are
  teleports. A long piece after a jump is kept: the athlete may have been moved while the
  recording was paused.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from legload.core.activity import frame_of, haversine_m
from legload.core.columns import SAMPLE_COLUMNS
from legload.core.sports import FOOT_SPORTS
from legload.errors import StreamError
from legload.streams.resample import in_blocks

CYCLING_SPORTS = frozenset({"cycling"})

HEART_RATE_RANGE_BPM = (25.0, 250.0)
CADENCE_SPM_MAX = 300.0
CADENCE_RPM_MAX = 250.0
POWER_RANGE_W = (0.0, 2500.0)
ALTITUDE_RANGE_M = (-500.0, 9000.0)
#: allowance (m) for two ordinary GNSS fixes disagreeing, added to every jump limit
GNSS_SLACK_M = 10.0
#: a piece of track between two impossible jumps with fewer fixes than this is a teleport
TELEPORT_MAX_FIXES = 5

#: numeric channels carried from the samples (canonical names, plus an optional incline)
CHANNELS = (*(c for c in SAMPLE_COLUMNS if c != "timestamp"), "grade")
_NAT = np.iinfo(np.int64).min  # how numpy stores a missing time


@dataclass(frozen=True)
class Limits:
    """Plausibility limits of one family of sports."""

    max_speed_m_s: float
    max_jump_speed_m_s: float


FOOT_LIMITS = Limits(max_speed_m_s=12.0, max_jump_speed_m_s=12.0)
CYCLING_LIMITS = Limits(max_speed_m_s=30.0, max_jump_speed_m_s=40.0)


def limits_for(sport: str) -> Limits:
    """Foot limits for running/walking/hiking; the looser cycling limits for every other sport."""
    return FOOT_LIMITS if sport in FOOT_SPORTS else CYCLING_LIMITS


@dataclass
class CleanSamples:
    """Cleaned samples as arrays.

    Attributes:
        t_s: seconds since the first kept sample, strictly increasing.
        start: UTC time of ``t_s == 0``.
        channels: canonical column name → float array (NaN = missing), same length as ``t_s``.
        dropped: reason → count.
        warnings: one line each.
    """

    t_s: np.ndarray
    start: pd.Timestamp
    channels: dict[str, np.ndarray]
    dropped: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def count(self, reason: str, n: int) -> None:
        """Add ``n`` to ``dropped[reason]`` (zero counts are not recorded)."""
        if n:
            self.dropped[reason] = self.dropped.get(reason, 0) + int(n)


def clean_samples(samples: pd.DataFrame | Mapping[str, Any], sport: str,
                  skip: Collection[str] = ()) -> CleanSamples:
    """Sort, de-duplicate and strip implausible values (rules in the module docstring);
    the columns named in ``skip`` are left out (a reader's derived ones). ``samples``: a
    frame, or its columns by name as a reader gives them (arrays of equal length, naive
    ``datetime64`` times holding UTC: :attr:`~legload.core.activity.ActivityColumns.columns`).

    Raises:
        StreamError: the samples have no usable timestamp.
    """
    times = samples["timestamp"] if "timestamp" in samples and "timestamp" not in skip else []
    if len(times) == 0:
        raise StreamError("no timestamped samples: a stream needs the time of each sample")
    ticks = _utc_ticks(times)
    has_time = ticks != _NAT
    if not has_time.any():
        raise StreamError("no timestamped samples: every timestamp is missing")
    rows: np.ndarray | None = None  # None: every row, in order (the usual recording)
    backwards = 0
    if not (has_time.all() and bool(np.all(ticks[1:] > ticks[:-1]))):
        rows = np.flatnonzero(has_time)
        backwards = int(np.sum(np.diff(ticks[rows]) < 0))
        rows = rows[np.argsort(ticks[rows], kind="stable")]
        keep = np.concatenate([[True], np.diff(ticks[rows]) != 0])
        rows = rows[keep]
    kept = ticks if rows is None else ticks[rows]
    t0 = int(kept[0])
    cleaned = CleanSamples(
        t_s=(kept - t0) / 1e9,
        start=pd.Timestamp(t0, unit="ns", tz="UTC"),
        channels={},
    )
    cleaned.count("no_timestamp", int((~has_time).sum()))
    cleaned.count("duplicate_timestamp", int(has_time.sum()) - kept.size)
    if backwards:
        cleaned.warnings.append(
            f"timestamps ran backwards {backwards} times; samples sorted by time")

    for name in CHANNELS:
        if name in samples and name not in skip:
            values = _floats(samples[name])
            values = np.array(values, dtype=float) if rows is None else \
                np.asarray(values[rows], dtype=float)  # a copy of its own: cleaned in place
            values[~np.isfinite(values)] = np.nan
            cleaned.channels[name] = values

    _drop_flat_motion(cleaned)
    limits = limits_for(sport)
    heart_rate = cleaned.channels.get("heart_rate_bpm")
    if heart_rate is not None:
        heart_rate[heart_rate == 0.0] = np.nan  # 0 is how devices write "no reading"
    _drop_outside(cleaned, "heart_rate_bpm", *HEART_RATE_RANGE_BPM, "heart_rate_out_of_range")
    _drop_outside(cleaned, "speed_m_s", 0.0, limits.max_speed_m_s, "speed_spike")
    _drop_outside(cleaned, "cadence_spm", 0.0, CADENCE_SPM_MAX, "cadence_out_of_range")
    _drop_outside(cleaned, "cadence_rpm", 0.0, CADENCE_RPM_MAX, "cadence_out_of_range")
    _drop_outside(cleaned, "power_w", *POWER_RANGE_W, "power_out_of_range")
    _drop_outside(cleaned, "altitude_m", *ALTITUDE_RANGE_M, "altitude_out_of_range")
    _clean_positions(cleaned, limits)
    return cleaned


def _utc_ticks(times: pd.Series | np.ndarray) -> np.ndarray:
    """Nanoseconds since 1970 UTC of a column of times (naive ones are UTC; NaT and what
    is not a time are :data:`_NAT`), read straight from a datetime column."""
    if isinstance(times, np.ndarray) and times.dtype == "M8[ns]":
        return times.view(np.int64)  # a reader's column: naive UTC, NaT the int64 minimum
    times = times if isinstance(times, pd.Series) else _column(times)
    dtype = times.dtype
    if isinstance(dtype, pd.DatetimeTZDtype):
        return times.array.as_unit("ns").asi8
    if isinstance(dtype, np.dtype) and dtype.kind == "M":
        return times.to_numpy().astype("M8[ns]", copy=False).view(np.int64)
    stamps = pd.to_datetime(times, utc=True, errors="coerce")
    return stamps.dt.tz_localize(None).dt.as_unit("ns").to_numpy("datetime64[ns]").view(np.int64)


def _floats(column: pd.Series | np.ndarray) -> np.ndarray:
    """A channel as numbers (what is not a number is NaN); a numpy column as it is stored."""
    if isinstance(column.dtype, np.dtype) and column.dtype.kind in "fiub":
        return np.asarray(column)
    column = column if isinstance(column, pd.Series) else _column(column)
    return pd.to_numeric(column, errors="coerce").to_numpy(float, na_value=np.nan)


def _column(values: Any) -> pd.Series:
    """A reader's column as the column of its frame (naive times read as UTC, text kept as
    object), as :func:`~legload.core.activity.frame_of` builds it."""
    return frame_of({"column": values})["column"]


def _drop_flat_motion(cleaned: CleanSamples) -> None:
    """A distance or speed channel that is zero from start to end carries no information
    (an indoor trainer or a watch without a speed sensor writes 0): drop it, so the speed is
    unknown rather than 'standing still' and the time is not discarded as stationary."""
    for name in ("distance_m", "speed_m_s"):
        values = cleaned.channels.get(name)
        if values is None:
            continue
        finite = values[np.isfinite(values)]
        if finite.size and np.all(finite == 0.0):
            del cleaned.channels[name]
            cleaned.count(f"{name}_all_zero", int(finite.size))
            cleaned.warnings.append(
                f"{name} is zero throughout (no speed sensor?): speed treated as unknown")


def _drop_outside(cleaned: CleanSamples, name: str, low: float, high: float, reason: str) -> None:
    values = cleaned.channels.get(name)
    if values is None:
        return
    bad = np.isfinite(values) & ((values < low) | (values > high))
    values[bad] = np.nan
    cleaned.count(reason, int(bad.sum()))


def _clean_positions(cleaned: CleanSamples, limits: Limits) -> None:
    lat = cleaned.channels.pop("lat_deg", None)
    lon = cleaned.channels.pop("lon_deg", None)
    if lat is None or lon is None:
        return
    missing = ~(np.isfinite(lat) & np.isfinite(lon))
    null_island = ~missing & (np.abs(lat) < 1e-9) & (np.abs(lon) < 1e-9)
    outside = ~missing & ((np.abs(lat) > 90.0) | (np.abs(lon) > 180.0))
    cleaned.count("position_null_island", int(null_island.sum()))
    cleaned.count("position_out_of_range", int(outside.sum()))
    bad = missing | null_island | outside
    fixes = np.flatnonzero(~bad)
    if fixes.size >= 2:
        first, second = fixes[:-1], fixes[1:]
        step = in_blocks(first.size, lambda r: haversine_m(
            lat[first[r]], lon[first[r]], lat[second[r]], lon[second[r]]))
        dt = np.diff(cleaned.t_s[fixes])
        jump = step > limits.max_jump_speed_m_s * dt + GNSS_SLACK_M
        if jump.any():
            piece = np.concatenate([[0], np.cumsum(jump)])
            sizes = np.bincount(piece)
            shortest_kept = min(TELEPORT_MAX_FIXES, int(sizes.max()))
            teleport = sizes[piece] < shortest_kept
            bad[fixes[teleport]] = True
            cleaned.count("position_teleport", int(teleport.sum()))
    lat[bad] = np.nan  # the channels' own copies (clean_samples)
    lon[bad] = np.nan
    cleaned.channels["lat_deg"] = lat
    cleaned.channels["lon_deg"] = lon
