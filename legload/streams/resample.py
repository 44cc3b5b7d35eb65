"""Moving chunks and the 1 Hz grid: interpolation that never reaches across a pause.

A *pause* is a gap between consecutive samples longer than ``pause_gap_s`` that the evidence
calls a pause (auto-pause, a manual stop, standing still; see :mod:`legload.streams.gaps`).
The samples between two pauses form a *chunk*. The 1 Hz grid holds the whole seconds (counted
from the first sample) that lie within a chunk, from its first to its last sample, so no grid
point ever falls inside a pause. A chunk made of a single sample has no extent and is dropped
(``isolated_sample``).

All functions here are vectorised over the whole activity: a grid point interpolates
between the two samples around it, and those belong to its own chunk by construction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

#: rows computed at a time by :func:`in_blocks` (bounds the temporaries of long recordings)
BLOCK_ROWS = 1 << 16


@dataclass(frozen=True)
class Grid:
    """The 1 Hz points of all moving chunks.

    Attributes:
        seconds: whole seconds since the first sample, increasing.
        chunk: chunk number of each point.
        first: index of the first point of each point's chunk.
        last: index of the last point of each point's chunk.
    """

    seconds: np.ndarray
    chunk: np.ndarray
    first: np.ndarray
    last: np.ndarray

    def __len__(self) -> int:
        return int(self.seconds.size)


def chunk_edges(
    t_s: np.ndarray, pause_gap_s: float, pauses: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Index of the first and of the last sample of every chunk (``t_s`` strictly increasing).

    ``pauses`` (one bool per interval) says which intervals are pauses; by default every
    interval longer than ``pause_gap_s``.
    """
    if t_s.size == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    breaks = np.flatnonzero(np.diff(t_s) > pause_gap_s if pauses is None else pauses)
    starts = np.concatenate([[0], breaks + 1])
    ends = np.concatenate([breaks, [t_s.size - 1]])
    return starts, ends


def build_grid(
    t_s: np.ndarray, pause_gap_s: float, pauses: np.ndarray | None = None,
) -> tuple[Grid, int]:
    """The 1 Hz grid over the chunks of ``t_s``, and the number of isolated samples dropped
    (``pauses`` as in :func:`chunk_edges`)."""
    starts, ends = chunk_edges(t_s, pause_gap_s, pauses)
    isolated = int(np.sum(starts == ends))
    keep = starts < ends
    lo = np.ceil(t_s[starts[keep]])
    hi = np.floor(t_s[ends[keep]])
    counts = np.maximum(hi - lo + 1, 0).astype(np.int64)
    total = int(counts.sum())
    chunk = np.repeat(np.arange(counts.size), counts)
    offsets = np.cumsum(counts) - counts
    position = np.arange(total) - np.repeat(offsets, counts)
    seconds = np.repeat(lo, counts) + position
    first = np.repeat(offsets, counts)
    last = first + np.repeat(counts, counts) - 1
    return Grid(seconds=seconds.astype(float), chunk=chunk, first=first, last=last), isolated


def in_blocks(n: int, compute: Callable[[slice], np.ndarray]) -> np.ndarray:
    """``compute(rows)`` of :data:`BLOCK_ROWS` rows at a time, gathered into one float array
    of ``n`` (for element-wise computations: the same numbers as in one piece)."""
    out = np.empty(n)
    for first in range(0, n, BLOCK_ROWS):
        rows = slice(first, min(n, first + BLOCK_ROWS))
        out[rows] = compute(rows)
    return out


def cumsum0(values: np.ndarray) -> np.ndarray:
    """Running sum of ``values`` with a 0 in front (``n + 1`` floats, written in place)."""
    out = np.empty(values.size + 1)
    out[0] = 0.0
    np.cumsum(values, out=out[1:])
    return out


def interp_gapped(
    t_s: np.ndarray, values: np.ndarray, at: np.ndarray, max_gap_s: float,
) -> np.ndarray:
    """Linear interpolation of ``values`` (NaN = missing) at times ``at``.

    A point gets a value only where it coincides with a finite sample or lies between two
    finite samples at most ``max_gap_s`` apart; elsewhere (before the first, after the last,
    or inside a longer hole in this channel) it is NaN — a missing stretch is not invented.
    """
    ok = np.isfinite(values)
    tt, vv = (t_s, values) if ok.all() else (t_s[ok], values[ok])
    if tt.size == 0:
        return np.full(at.shape, np.nan)

    def block(rows: slice) -> np.ndarray:
        points = at[rows]
        out = np.full(points.shape, np.nan)
        after = np.searchsorted(tt, points, side="right")
        before = after - 1
        has_before = before >= 0
        exact = has_before & (tt[np.clip(before, 0, tt.size - 1)] == points)
        inside = has_before & (after < tt.size)
        span = tt[np.clip(after, 0, tt.size - 1)] - tt[np.clip(before, 0, tt.size - 1)]
        usable = exact | (inside & (span <= max_gap_s))
        out[usable] = np.interp(points[usable], tt, vv)
        return out

    return in_blocks(at.size, block)


def window_bounds(grid: Grid, half: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices ``lo, hi`` of a centred window of ±``half`` points, cut at the chunk edges."""
    index = np.arange(len(grid))
    return np.maximum(index - half, grid.first), np.minimum(index + half, grid.last)


def windowed_mean(values: np.ndarray, grid: Grid, half: int) -> np.ndarray:
    """Centred moving mean over ±``half`` points within each chunk, ignoring NaNs."""
    lo, hi = window_bounds(grid, half)
    finite = np.isfinite(values)
    sums = cumsum0(np.where(finite, values, 0.0))
    counts = np.zeros(finite.size + 1, dtype=np.int64)
    np.cumsum(finite, out=counts[1:])
    n = counts[hi + 1] - counts[lo]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (sums[hi + 1] - sums[lo]) / n
    return np.where(n > 0, mean, np.nan)


def windowed_rate(cumulative: np.ndarray, grid: Grid, half: int) -> np.ndarray:
    """Rate of change per second of a cumulative series over ±``half`` points within chunks.

    ``(c[hi] - c[lo]) / (hi - lo)``: a centred difference, one-sided at chunk edges; NaN for
    a chunk of one point.
    """
    lo, hi = window_bounds(grid, half)
    span = (hi - lo).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = (cumulative[hi] - cumulative[lo]) / span
    return np.where(span > 0, rate, np.nan)
