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

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

#: rows computed at a time by the stream stage and the analysis (:func:`block_slices`): bounds
#: the temporaries of long recordings
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
    (``pauses`` as in :func:`chunk_edges`); built :data:`BLOCK_ROWS` points at a time."""
    starts, ends = chunk_edges(t_s, pause_gap_s, pauses)
    isolated = int(np.sum(starts == ends))
    keep = starts < ends
    lo = np.ceil(t_s[starts[keep]])
    hi = np.floor(t_s[ends[keep]])
    counts = np.maximum(hi - lo + 1, 0).astype(np.int64)
    total = int(counts.sum())
    index_type = np.int32 if total < 2**31 else np.int64  # indices of the grid's points
    chunk = np.repeat(np.arange(counts.size, dtype=index_type), counts)
    offsets = np.cumsum(counts) - counts
    seconds = np.empty(total)
    first, last = np.empty(total, index_type), np.empty(total, index_type)
    for rows in block_slices(total):
        of = chunk[rows]
        first[rows] = offsets[of]
        seconds[rows] = lo[of] + (np.arange(rows.start, rows.stop) - offsets[of])
        last[rows] = offsets[of] + (counts[of] - 1)
    return Grid(seconds=seconds, chunk=chunk, first=first, last=last), isolated


def block_slices(stop: int, start: int = 0) -> Iterator[slice]:
    """The rows ``start … stop-1`` as slices of :data:`BLOCK_ROWS` rows."""
    for first in range(start, stop, BLOCK_ROWS):
        yield slice(first, min(stop, first + BLOCK_ROWS))


def in_blocks(n: int, compute: Callable[[slice], np.ndarray]) -> np.ndarray:
    """``compute(rows)`` of :data:`BLOCK_ROWS` rows at a time, gathered into one float array
    of ``n`` (for element-wise computations: the same numbers as in one piece)."""
    out = np.empty(n)
    for rows in block_slices(n):
        out[rows] = compute(rows)
    return out


def interp_in_blocks(at: np.ndarray, xp: np.ndarray, fp: np.ndarray) -> np.ndarray:
    """:func:`numpy.interp` of ``at``, block by block (the same numbers, without the slope
    table numpy builds for as many points as ``xp`` has)."""
    return in_blocks(at.size, lambda rows: np.interp(at[rows], xp, fp))


def cumsum0(values: np.ndarray) -> np.ndarray:
    """Running sum of ``values`` with a 0 in front (``n + 1`` floats, written in place)."""
    out = np.empty(values.size + 1)
    out[0] = 0.0
    np.cumsum(values, out=out[1:])
    return out


def running_sum(n: int, compute: Callable[[slice], np.ndarray]) -> np.ndarray:
    """:func:`cumsum0` of the ``n`` values ``compute(rows)`` gives block by block: the same
    sequence of additions (so the same numbers) without the values in one piece."""
    out = np.empty(n + 1)
    out[0] = 0.0
    for rows in block_slices(n):
        continue_sum(out, rows, compute(rows))
    return out


def continue_sum(out: np.ndarray, rows: slice, values: np.ndarray, *,
                 carry: bool | None = None) -> None:
    """Write the running sum of ``values`` into ``out[rows.start + 1:rows.stop + 1]``,
    carrying on from ``out[rows.start]`` (not added when ``carry`` is False; by default
    when ``rows.start`` is not 0, ``out[0]`` being 0): block by block, the additions of one
    :func:`numpy.cumsum` over all rows."""
    part = out[rows.start + 1:rows.stop + 1]
    part[:] = values
    if bool(rows.start) if carry is None else carry:
        part[0] += out[rows.start]
    np.cumsum(part, out=part)


def interp_gapped(
    t_s: np.ndarray, values: np.ndarray, at: np.ndarray, max_gap_s: float,
) -> np.ndarray:
    """Linear interpolation of ``values`` (NaN = missing) at times ``at``.

    A point gets a value only where it coincides with a finite sample or lies between two
    finite samples at most ``max_gap_s`` apart; elsewhere (before the first, after the last,
    or inside a longer hole in this channel) it is NaN — a missing stretch is not invented.
    """
    at_points = gapped_interpolator(t_s, values, max_gap_s)
    return in_blocks(at.size, lambda rows: at_points(at[rows]))


def gapped_interpolator(
    t_s: np.ndarray, values: np.ndarray, max_gap_s: float,
) -> Callable[[np.ndarray], np.ndarray]:
    """:func:`interp_gapped` as a function of the times ``at``, for calls block by block
    (the finite samples are picked once)."""
    ok = np.isfinite(values)
    tt, vv = (t_s, values) if ok.all() else (t_s[ok], values[ok])
    del ok

    def at_points(points: np.ndarray) -> np.ndarray:
        out = np.full(points.shape, np.nan)
        if tt.size == 0:
            return out
        usable = _within_reach(tt, points, max_gap_s)
        out[usable] = np.interp(points[usable], tt, vv)
        return out

    return at_points


def _within_reach(tt: np.ndarray, points: np.ndarray, max_gap_s: float) -> np.ndarray:
    """The points that coincide with a time of ``tt`` (not empty) or lie between two at most
    ``max_gap_s`` apart: those :func:`interp_gapped` gives a value."""
    last = tt.size - 1
    after = np.searchsorted(tt, points, side="right")
    before = after - 1
    has_before = before >= 0
    exact = has_before & (tt[np.clip(before, 0, last)] == points)
    inside = has_before & (after < tt.size)
    span = tt[np.clip(after, 0, last)] - tt[np.clip(before, 0, last)]
    return exact | (inside & (span <= max_gap_s))


class GappedInterp:
    """:func:`interp_gapped` of the channels of one recording (times ``t_s``) at the same
    points ``at``: which points a channel recorded throughout reaches is worked out once for
    all such channels (one bool per point); a channel with missing values is interpolated
    on its own finite samples."""

    def __init__(self, t_s: np.ndarray, at: np.ndarray, max_gap_s: float) -> None:
        self.t_s, self.at, self.max_gap_s = t_s, at, max_gap_s
        self._reached: np.ndarray | None = None

    def __call__(self, values: np.ndarray) -> np.ndarray:
        if self.t_s.size == 0 or not np.isfinite(values).all():
            return interp_gapped(self.t_s, values, self.at, self.max_gap_s)
        if self._reached is None:
            self._reached = np.empty(self.at.size, dtype=bool)
            for rows in block_slices(self.at.size):
                self._reached[rows] = _within_reach(self.t_s, self.at[rows], self.max_gap_s)
        out = np.full(self.at.size, np.nan)
        for rows in block_slices(self.at.size):
            reached = self._reached[rows]
            out[rows][reached] = np.interp(self.at[rows][reached], self.t_s, values)
        return out


def window_bounds(
    grid: Grid, half: int, rows: slice | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Indices ``lo, hi`` of a centred window of ±``half`` points, cut at the chunk edges
    (of the points ``rows``, default all)."""
    rows = slice(0, len(grid)) if rows is None else rows
    index = np.arange(rows.start, rows.stop)
    return np.maximum(index - half, grid.first[rows]), np.minimum(index + half, grid.last[rows])


@dataclass(frozen=True)
class WindowedMean:
    """Centred moving means over ±``half`` points within each chunk, ignoring NaNs, asked
    for block by block (:meth:`at`): the running sums of the values and of their count are
    made once (:meth:`of`)."""

    grid: Grid
    half: int
    sums: np.ndarray  # running sum of the finite values, 0 first
    counts: np.ndarray  # running count of the finite values, 0 first

    @classmethod
    def of(cls, values: np.ndarray, grid: Grid, half: int) -> WindowedMean:
        finite = np.isfinite(values)
        sums = running_sum(values.size, lambda rows: np.where(finite[rows], values[rows], 0.0))
        counts = np.zeros(finite.size + 1, dtype=np.int32 if finite.size < 2**31 else np.int64)
        np.cumsum(finite, out=counts[1:])
        return cls(grid, half, sums, counts)

    def at(self, rows: slice) -> np.ndarray:
        """The means at the points ``rows`` (NaN where the window holds no finite value)."""
        lo, hi = window_bounds(self.grid, self.half, rows)
        n = self.counts[hi + 1] - self.counts[lo]
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = (self.sums[hi + 1] - self.sums[lo]) / n
        return np.where(n > 0, mean, np.nan)


def windowed_mean(values: np.ndarray, grid: Grid, half: int) -> np.ndarray:
    """Centred moving mean over ±``half`` points within each chunk, ignoring NaNs
    (:class:`WindowedMean` for the means of some points at a time)."""
    return in_blocks(len(grid), WindowedMean.of(values, grid, half).at)


def windowed_rate(
    cumulative: np.ndarray, grid: Grid, half: int, rows: slice | None = None,
) -> np.ndarray:
    """Rate of change per second of a cumulative series over ±``half`` points within chunks
    (at the points ``rows``, default all).

    ``(c[hi] - c[lo]) / (hi - lo)``: a centred difference, one-sided at chunk edges; NaN for
    a chunk of one point.
    """
    if rows is None:
        return in_blocks(len(grid), lambda part: windowed_rate(cumulative, grid, half, part))
    lo, hi = window_bounds(grid, half, rows)
    span = (hi - lo).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = (cumulative[hi] - cumulative[lo]) / span
    return np.where(span > 0, rate, np.nan)
