"""Speed, distance and moving time.

Sources, best first (a channel counts when at least half of the samples carry it):

* speed — the device's speed (after spike rejection), else the derivative of the device's
  cumulative distance, else the geodesic (haversine) displacement between position fixes;
  derived speeds are lightly smoothed by taking the change over ±2 s (for positions the
  straight line between the positions 2 s before and 2 s after, so a standing receiver's
  wander does not read as speed);
* distance — the device's cumulative distance, else the integral (trapezoid rule) of the
  device's speed, else the geodesic distance between fixes, each interior 1 Hz fix first
  averaged with its two neighbours (jitter would otherwise lengthen the path by about 1 %).

The device's distance is used as recorded, so the stream's total agrees with the device's
own (to the stretch lost to stationary seconds at either end). Steps of the device's
distance that run backwards add nothing (``distance_backwards``); steps implying a speed
above the sport's limit within a moving chunk add nothing (``distance_spike``).

Moving time: a 1 Hz point is moving when its speed, averaged over ±2 s, is at least
``min_moving_speed_m_s``. The default 0.5 m/s (1.8 km/h) lies well below ordinary walking
speed (about 1.2–1.5 m/s) yet above the apparent drift of a standing GNSS receiver (a few
tenths of a m/s); very steep hiking can fall below it, so pass a lower value for that.
Without any speed source every point inside a chunk counts as moving.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from legload.core.activity import haversine_m
from legload.streams.clean import GNSS_SLACK_M, CleanSamples, Limits
from legload.streams.resample import (
    Grid,
    cumsum0,
    in_blocks,
    interp_gapped,
    window_bounds,
    windowed_mean,
    windowed_rate,
)

#: half-width (points at 1 Hz) of the window over which derived speed is taken
SPEED_HALF_WINDOW_S = 2
#: fraction of samples that must carry a channel for it to be used as a source
MIN_COVERAGE = 0.5


@dataclass
class Distance:
    """Cumulative distance at every cleaned sample and where it came from."""

    cumulative_m: np.ndarray
    source: str
    speed_source: str


def _covered(values: np.ndarray | None) -> bool:
    return values is not None and values.size > 0 and np.isfinite(values).mean() >= MIN_COVERAGE


def has_positions(cleaned: CleanSamples) -> bool:
    """At least two usable position fixes."""
    lat = cleaned.channels.get("lat_deg")
    return lat is not None and int(np.isfinite(lat).sum()) >= 2


def cumulative_distance(
    cleaned: CleanSamples, limits: Limits, pause_gap_s: float, pauses: np.ndarray | None = None,
) -> Distance:
    """Cumulative distance (m) at each cleaned sample, 0 at the first (rules in module doc).

    ``pauses`` (one bool per interval, default: longer than ``pause_gap_s``) are the intervals
    across which an integrated speed adds nothing.
    """
    t = cleaned.t_s
    speed = cleaned.channels.get("speed_m_s")
    device = cleaned.channels.get("distance_m")
    positions = has_positions(cleaned)
    speed_source = (
        "device_speed" if _covered(speed)
        else "device_distance" if _covered(device)
        else "positions" if positions
        else "none"
    )
    dt = np.diff(t)
    if _covered(device):
        ok = np.isfinite(device)
        filled = np.interp(t, t[ok], device[ok])
        step = np.diff(filled)
        backwards = step < 0
        spike = (step > limits.max_speed_m_s * dt + GNSS_SLACK_M) & (dt <= pause_gap_s)
        cleaned.count("distance_backwards", int(backwards.sum()))
        cleaned.count("distance_spike", int(spike.sum()))
        step[backwards | spike] = 0.0
        return Distance(cumsum0(step), "device_distance", speed_source)
    if _covered(speed):
        ok = np.isfinite(speed)
        filled = np.interp(t, t[ok], speed[ok])
        step = 0.5 * (filled[:-1] + filled[1:]) * dt
        step[dt > pause_gap_s if pauses is None else pauses] = 0.0
        return Distance(cumsum0(step), "device_speed", speed_source)
    if positions:
        lat, lon = cleaned.channels["lat_deg"], cleaned.channels["lon_deg"]
        fixes = np.flatnonzero(np.isfinite(lat))
        flat, flon = _smooth_fixes(t[fixes], lat[fixes], lon[fixes])
        step = in_blocks(fixes.size - 1, lambda r: haversine_m(
            flat[:-1][r], flon[:-1][r], flat[1:][r], flon[1:][r]))
        fix_dt = np.diff(t[fixes])
        step[step > limits.max_jump_speed_m_s * fix_dt + GNSS_SLACK_M] = 0.0
        at_fixes = cumsum0(step)
        return Distance(np.interp(t, t[fixes], at_fixes), "positions", speed_source)
    return Distance(np.zeros(t.size), "none", speed_source)


def _smooth_fixes(
    t: np.ndarray, lat: np.ndarray, lon: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Average each interior fix with its two neighbours when they are about 1 s away.

    At 1 Hz, fix-to-fix jitter otherwise adds about 1 % to the path; sparser fixes, and the
    first and last fix, are left as they are (so a straight track keeps its length).
    """
    if t.size < 3:
        return lat, lon
    close = (t[2:] - t[:-2]) <= 2.5
    out_lat, out_lon = lat.copy(), lon.copy()
    out_lat[1:-1] = np.where(close, (lat[:-2] + lat[1:-1] + lat[2:]) / 3.0, lat[1:-1])
    out_lon[1:-1] = np.where(close, (lon[:-2] + lon[1:-1] + lon[2:]) / 3.0, lon[1:-1])
    return out_lat, out_lon


def grid_speed(
    cleaned: CleanSamples, grid: Grid, cumulative_at_grid: np.ndarray, speed_source: str,
    pause_gap_s: float,
) -> np.ndarray:
    """Speed (m/s) at each grid point: device speed where it has a value, else derived."""
    if speed_source == "none":
        return np.full(len(grid), np.nan)
    derived = windowed_rate(cumulative_at_grid, grid, SPEED_HALF_WINDOW_S)
    if speed_source == "positions":
        chord = _chord_speed(cleaned, grid, pause_gap_s)
        return np.where(np.isfinite(chord), chord, derived)
    if speed_source != "device_speed":
        return derived
    device = interp_gapped(cleaned.t_s, cleaned.channels["speed_m_s"], grid.seconds, pause_gap_s)
    return np.where(np.isfinite(device), device, derived)


def _chord_speed(cleaned: CleanSamples, grid: Grid, pause_gap_s: float) -> np.ndarray:
    """Straight-line distance between the positions ±2 s around each point, per second.

    Unlike the rate of the summed path, this does not grow with the wander of a standing
    receiver: the wander adds path, not displacement.
    """
    lat = interp_gapped(cleaned.t_s, cleaned.channels["lat_deg"], grid.seconds, pause_gap_s)
    lon = interp_gapped(cleaned.t_s, cleaned.channels["lon_deg"], grid.seconds, pause_gap_s)
    lo, hi = window_bounds(grid, SPEED_HALF_WINDOW_S)
    span = (hi - lo).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        speed = in_blocks(span.size, lambda r: haversine_m(
            lat[lo[r]], lon[lo[r]], lat[hi[r]], lon[hi[r]]) / span[r])
    return np.where(span > 0, speed, np.nan)


def moving_mask(speed: np.ndarray, grid: Grid, min_moving_speed_m_s: float) -> np.ndarray:
    """Grid points that count as moving: ±2 s mean speed ≥ the threshold (NaN speed: moving)."""
    mean = windowed_mean(speed, grid, SPEED_HALF_WINDOW_S)
    return ~(mean < min_moving_speed_m_s)


def row_distance(
    cumulative_at_rows: np.ndarray, seconds: np.ndarray, chunk: np.ndarray, source: str,
    lat: np.ndarray | None, lon: np.ndarray | None,
) -> np.ndarray:
    """Cumulative distance over the moving rows, 0 at the first.

    Between consecutive moving seconds the step is the change of the cumulative distance.
    Across a break (a pause or a stationary stretch) it is the same, except for
    position-based distance, where it is at most the straight line between the two rows:
    the wander of a standing receiver is not distance.
    """
    if cumulative_at_rows.size == 0:
        return np.zeros(0)
    step = np.diff(cumulative_at_rows)
    if source == "positions" and lat is not None and lon is not None:
        broken = (np.diff(seconds) != 1.0) | (np.diff(chunk) != 0)
        if broken.any():
            idx = np.flatnonzero(broken)
            straight = haversine_m(lat[idx], lon[idx], lat[idx + 1], lon[idx + 1])
            step[idx] = np.where(np.isfinite(straight), np.minimum(step[idx], straight), step[idx])
    return cumsum0(np.maximum(step, 0.0, out=step))

