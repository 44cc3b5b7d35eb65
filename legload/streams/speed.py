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

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np

from legload.core.activity import haversine_m
from legload.streams.clean import GNSS_SLACK_M, CleanSamples, Limits
from legload.streams.resample import (
    GappedInterp,
    Grid,
    WindowedMean,
    block_slices,
    cumsum0,
    gapped_interpolator,
    in_blocks,
    interp_in_blocks,
    running_sum,
    window_bounds,
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
        return Distance(_fix_distance(t, cleaned, limits), "positions", speed_source)
    return Distance(np.zeros(t.size), "none", speed_source)


def _fix_distance(t: np.ndarray, cleaned: CleanSamples, limits: Limits) -> np.ndarray:
    """Geodesic distance along the (smoothed) fixes, interpolated to every sample; block by
    block, the fixes taken in place when every sample has one."""
    lat, lon = cleaned.channels["lat_deg"], cleaned.channels["lon_deg"]
    fixes = np.flatnonzero(np.isfinite(lat))
    if fixes.size == t.size:  # every sample a fix: no copies
        fix_t, fix_lat, fix_lon = t, lat, lon
    else:
        fix_t, fix_lat, fix_lon = t[fixes], lat[fixes], lon[fixes]
    del fixes
    flat, flon = _smooth_fixes(fix_t, fix_lat, fix_lon)

    at_fixes = running_sum(fix_t.size - 1, partial(_fix_steps, flat, flon, fix_t, limits))
    del flat, flon
    return interp_in_blocks(t, fix_t, at_fixes)


def _fix_steps(lat: np.ndarray, lon: np.ndarray, t: np.ndarray, limits: Limits,
               rows: slice) -> np.ndarray:
    """The geodesic steps ``rows`` between consecutive fixes; 0 for an impossible jump."""
    metres = haversine_m(lat[:-1][rows], lon[:-1][rows], lat[1:][rows], lon[1:][rows])
    fix_dt = t[1:][rows] - t[:-1][rows]
    metres[metres > limits.max_jump_speed_m_s * fix_dt + GNSS_SLACK_M] = 0.0
    return metres


def _smooth_fixes(
    t: np.ndarray, lat: np.ndarray, lon: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Average each interior fix with its two neighbours when they are about 1 s away.

    At 1 Hz, fix-to-fix jitter otherwise adds about 1 % to the path; sparser fixes, and the
    first and last fix, are left as they are (so a straight track keeps its length).
    """
    if t.size < 3:
        return lat, lon
    out_lat, out_lon = lat.copy(), lon.copy()
    for rows in block_slices(t.size - 2):
        close = (t[2:][rows] - t[:-2][rows]) <= 2.5
        for values, out in ((lat, out_lat), (lon, out_lon)):
            out[1:-1][rows] = np.where(
                close, (values[:-2][rows] + values[1:-1][rows] + values[2:][rows]) / 3.0,
                values[1:-1][rows])
    return out_lat, out_lon


def grid_speed(
    cleaned: CleanSamples, grid: Grid, cumulative_at_grid: np.ndarray, speed_source: str,
    pause_gap_s: float, on_grid: GappedInterp | None = None,
) -> np.ndarray:
    """Speed (m/s) at each grid point: device speed where it has a value, else derived
    (computed :data:`~legload.streams.resample.BLOCK_ROWS` points at a time). ``on_grid``:
    the samples' channels interpolated at the grid points, when the caller has one (which
    points the samples reach is then worked out once for all the channels)."""
    if speed_source == "none":
        return np.full(len(grid), np.nan)
    if speed_source == "positions":
        chord = _chord_speed(cleaned, grid, pause_gap_s)
    elif speed_source == "device_speed":
        chord = _device_speed(cleaned, grid, pause_gap_s, on_grid)
    else:
        return windowed_rate(cumulative_at_grid, grid, SPEED_HALF_WINDOW_S)

    def block(rows: slice) -> np.ndarray:
        recorded = chord(rows)
        finite = np.isfinite(recorded)
        if finite.all():
            return recorded  # the derived speed would fill no point
        derived = windowed_rate(cumulative_at_grid, grid, SPEED_HALF_WINDOW_S, rows)
        return np.where(finite, recorded, derived)

    return in_blocks(len(grid), block)


def _device_speed(
    cleaned: CleanSamples, grid: Grid, pause_gap_s: float, on_grid: GappedInterp | None,
) -> Callable[[slice], np.ndarray]:
    """The device's speed at the grid points ``rows`` (NaN where it has none)."""
    if on_grid is not None:
        at_grid = on_grid(cleaned.channels["speed_m_s"])
        return lambda rows: at_grid[rows]
    speed = gapped_interpolator(cleaned.t_s, cleaned.channels["speed_m_s"], pause_gap_s)
    return lambda rows: speed(grid.seconds[rows])


def _chord_speed(
    cleaned: CleanSamples, grid: Grid, pause_gap_s: float,
) -> Callable[[slice], np.ndarray]:
    """Straight-line distance between the positions ±2 s around the grid points ``rows``,
    per second.

    Unlike the rate of the summed path, this does not grow with the wander of a standing
    receiver: the wander adds path, not displacement.
    """
    lat_at = gapped_interpolator(cleaned.t_s, cleaned.channels["lat_deg"], pause_gap_s)
    lon_at = gapped_interpolator(cleaned.t_s, cleaned.channels["lon_deg"], pause_gap_s)

    def chord(rows: slice) -> np.ndarray:
        lo, hi = window_bounds(grid, SPEED_HALF_WINDOW_S, rows)
        near = grid.seconds[lo[0]:hi[-1] + 1]  # the window bounds only grow
        lat, lon = lat_at(near), lon_at(near)
        lo_near, hi_near = lo - lo[0], hi - lo[0]
        span = (hi - lo).astype(float)
        with np.errstate(invalid="ignore", divide="ignore"):
            speed = haversine_m(lat[lo_near], lon[lo_near], lat[hi_near], lon[hi_near]) / span
        return np.where(span > 0, speed, np.nan)

    return chord


def moving_mask(speed: np.ndarray, grid: Grid, min_moving_speed_m_s: float) -> np.ndarray:
    """Grid points that count as moving: ±2 s mean speed ≥ the threshold (NaN speed: moving)."""
    mean = WindowedMean.of(speed, grid, SPEED_HALF_WINDOW_S)
    moving = np.empty(len(grid), dtype=bool)
    for rows in block_slices(len(grid)):
        np.logical_not(mean.at(rows) < min_moving_speed_m_s, out=moving[rows])
    return moving


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

