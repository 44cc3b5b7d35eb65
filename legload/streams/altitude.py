"""Altitude smoothing, grade and climb.

Grade from raw altitude is noise: ±3 m of GPS altitude noise between two samples 3 m apart
is a "grade" of 100 %. Here grade is the least-squares slope of altitude against distance
over a distance window, and the smoothed altitude is that local straight line's value
(a local-linear smoother with a box kernel, on the moving rows):

* each recorded altitude sample sits at the distance of its 1 Hz row; a row's window holds
  the samples within ±L metres of it;
* the per-sample altitude noise σ is estimated robustly from how far each sample lies from
  the straight line through its two neighbours (median absolute deviation);
* the standard error of a least-squares slope is σ / sqrt(Σ(x − x̄)²), so for every row the
  window is the narrowest L of 25, 50, 100, 200, 400, 800 m (GPS altitude: from 50 m) whose
  standard error is at most 0.001; if none reaches it, the widest that holds data is used
  and a warning says so. Barometric altitude (σ ≈ 0.1 m) thus gets ±25–50 m windows;
  per-second GPS noise of ±5 m at 3 m/s needs ±800 m. Sparse (smart-recording) samples
  are counted once each, never as the interpolated 1 Hz rows between them;
* GPS altitude first loses its spikes: a sample more than 4 σ from the running median of
  its 5 neighbours is replaced by that median (a Hampel filter). Replacing every sample by
  the median instead would correlate the noise of neighbours and make the slope's standard
  error larger than the formula above says;
* |grade| is clipped to 0.45, the range of the running and walking energy-cost data
  (Minetti et al. 2002, J Appl Physiol 93:1039, doi:10.1152/japplphysiol.01177.2001),
  and the clipped seconds are counted.

Barometric or GPS: a flag in the activity summary (``altitude_barometric``) wins; without
positions the altitude cannot be GPS; otherwise noise above 0.5 m per sample means GPS
(a barometric altimeter resolves about 0.1–0.2 m).

Ascent and descent count only reversals of the smoothed altitude larger than a 1 m
hysteresis.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from legload.streams.resample import block_slices, continue_sum, in_blocks

GRADE_LIMIT = 0.45
#: target standard error of the grade (rise/run)
GRADE_SE_TARGET = 0.001
WINDOWS_M = (25.0, 50.0, 100.0, 200.0, 400.0, 800.0)
GPS_MIN_WINDOW_M = 50.0
GPS_NOISE_THRESHOLD_M = 0.5
MEDIAN_SAMPLES = 5
SPIKE_SIGMAS = 4.0
#: lower bound on the noise estimate (quantisation of FIT altitude is 0.2 m)
NOISE_FLOOR_M = 0.05
ASCENT_HYSTERESIS_M = 1.0
_MAD_TO_SD = 1.4826


@dataclass
class AltitudeResult:
    """Smoothed altitude and grade per row.

    Attributes:
        altitude_m: smoothed altitude (NaN where no sample is near enough).
        grade: rise/run, clipped to ±0.45; 0 where unknown.
        window_m: half-width of the window used per row (0 where unknown).
        noise_m: estimated per-sample altitude noise.
        clipped: number of rows whose grade was clipped.
        reached_target: False when some rows could not reach the target standard error.
    """

    altitude_m: np.ndarray
    grade: np.ndarray
    window_m: np.ndarray
    noise_m: float
    clipped: int
    reached_target: bool


def altitude_noise_m(x_m: np.ndarray, altitude_m: np.ndarray) -> float:
    """Robust per-sample noise (m) of altitude samples at distances ``x_m`` (in order).

    Each interior sample is compared with the straight line through its neighbours; the
    residual is divided by sqrt(1 + a² + b²) (a, b the interpolation weights), which makes
    it a white-noise estimate of σ; the result is 1.4826 × the median absolute deviation.
    Returns 0 with fewer than three samples.
    """
    if x_m.size < 3:
        return 0.0
    with np.errstate(invalid="ignore", divide="ignore"):
        every = in_blocks(x_m.size - 2, lambda rows: _residuals(x_m, altitude_m, rows))
    residual = every[~np.isnan(every)]
    del every
    if residual.size == 0:
        return 0.0
    residual -= np.median(residual, overwrite_input=True)  # the order does not matter here
    return float(_MAD_TO_SD * np.median(np.abs(residual, out=residual), overwrite_input=True))


def _residuals(x_m: np.ndarray, altitude_m: np.ndarray, rows: slice) -> np.ndarray:
    """The residuals of :func:`altitude_noise_m` for the interior samples ``rows`` (counted
    from the second sample), NaN where the neighbours are at the same distance."""
    span = x_m[2:][rows] - x_m[:-2][rows]
    a = (x_m[2:][rows] - x_m[1:-1][rows]) / span
    b = 1.0 - a
    predicted = a * altitude_m[:-2][rows] + b * altitude_m[2:][rows]
    residual = (altitude_m[1:-1][rows] - predicted) / np.sqrt(1.0 + a * a + b * b)
    return np.where(span > 0, residual, np.nan)


def classify_altitude(noise_m: float, *, positions: bool, barometric: bool | None) -> str:
    """``"barometric"`` or ``"gps"`` (rules in the module docstring)."""
    if barometric is not None:
        return "barometric" if barometric else "gps"
    if not positions:
        return "barometric"
    return "gps" if noise_m > GPS_NOISE_THRESHOLD_M else "barometric"


def running_median(values: np.ndarray, size: int = MEDIAN_SAMPLES) -> np.ndarray:
    """Centred running median of odd ``size``; the window shrinks at the ends."""
    if values.size < size or size < 3:
        return values.copy()
    half = size // 2
    padded = np.concatenate([np.full(half, np.nan), values, np.full(half, np.nan)])
    windows = np.lib.stride_tricks.sliding_window_view(padded, size)
    out = np.empty(values.size)
    for rows in block_slices(values.size):  # nanmedian copies what it is given
        out[rows] = np.nanmedian(windows[rows], axis=1)
    return out


def despike(values: np.ndarray, noise_m: float, size: int = MEDIAN_SAMPLES) -> np.ndarray:
    """Replace samples more than ``SPIKE_SIGMAS`` × ``noise_m`` from their running median."""
    out = running_median(values, size)  # becomes the result: the median where a spike is
    for rows in block_slices(values.size):
        median, value = out[rows], values[rows]
        np.copyto(median, value, where=~(np.abs(value - median) > SPIKE_SIGMAS * noise_m))
    return out


@dataclass
class WindowSums:
    """What the window fit of :func:`smooth_and_grade` sums: per row the sample count
    ``w`` and ``w·x``, ``w·x²``, ``y``, ``y·x`` (``x`` the row's distance less ``x_ref``,
    ``y`` the samples' altitude less ``reference``). Their running sums (``n + 1`` each,
    0 first, the count as integers) are kept only for the rows the windows of the rows being
    fitted reach: ``kept[i][k]`` is the sum over the first ``start + k`` rows."""

    row_x_m: np.ndarray
    sample_row: np.ndarray
    values: np.ndarray  # the samples' altitudes, despiked
    reference: float
    x_ref: float
    noise_m: float
    start: int = 0
    kept: list[np.ndarray] = field(default_factory=list)

    def reach(self, lo: int, hi: int) -> None:
        """Keep the running sums of indices ``lo … hi`` (``lo`` never moving back)."""
        top = self.start + self.kept[0].size - 1 if self.kept else 0
        low = min(lo, top)
        kept = [np.empty(hi - low + 1, np.int32 if i == 0 else float) for i in range(5)]
        for new, old in zip(kept, self.kept, strict=False):
            new[:top - low + 1] = old[low - self.start:]
        if not self.kept:
            for new in kept:
                new[0] = 0
        self.start, self.kept = low, kept
        for rows in block_slices(hi, top):
            self._add(rows)

    def _add(self, rows: slice) -> None:
        """The running sums of ``rows`` (those before them already kept)."""
        first, stop = np.searchsorted(self.sample_row, (rows.start, rows.stop))
        local = self.sample_row[first:stop] - rows.start
        size = rows.stop - rows.start
        weight = np.bincount(local, minlength=size)
        y_sum = np.bincount(local, weights=self.values[first:stop] - self.reference,
                            minlength=size)
        xc = self.row_x_m[rows] - self.x_ref
        weight_x = weight.astype(float) * xc
        at = slice(rows.start - self.start, rows.stop - self.start)
        for total, part in zip(self.kept, (weight, weight_x, weight_x * xc, y_sum, y_sum * xc),
                               strict=True):
            continue_sum(total, at, part, carry=rows.start > 0)


def smooth_and_grade(
    row_x_m: np.ndarray, sample_row: np.ndarray, sample_altitude_m: np.ndarray, source: str,
) -> AltitudeResult:
    """Local-linear altitude and grade on the rows (method in the module docstring).

    Args:
        row_x_m: distance of each row (non-decreasing).
        sample_row: for every altitude sample, the index of its row (non-decreasing).
        sample_altitude_m: the samples' altitudes (finite).
        source: ``"gps"`` or ``"barometric"``.
    """
    n = row_x_m.size
    if n == 0 or sample_row.size < 3:
        return AltitudeResult(np.full(n, np.nan), np.zeros(n), np.zeros(n), float("nan"), 0, True)
    sums = window_sums(row_x_m, sample_row, sample_altitude_m, source)
    return fit_windows(row_x_m, sums, source)


def window_sums(
    row_x_m: np.ndarray, sample_row: np.ndarray, sample_altitude_m: np.ndarray, source: str,
    noise_m: float | None = None,
) -> WindowSums:
    """The first half of :func:`smooth_and_grade` (same arguments, at least three samples;
    ``noise_m``: the samples' :func:`altitude_noise_m`, when the caller has it already):
    the despiked samples, ready to be summed per row as the fit goes."""
    n = row_x_m.size
    if noise_m is None:
        noise_m = altitude_noise_m(row_x_m[sample_row], sample_altitude_m)
    noise = max(noise_m, NOISE_FLOOR_M)
    values = despike(sample_altitude_m, noise) if source == "gps" else sample_altitude_m
    reference = float(np.median(values))
    x_ref = float(row_x_m[n // 2])
    return WindowSums(row_x_m, sample_row, values, reference, x_ref, noise)


def fit_windows(row_x_m: np.ndarray, sums: WindowSums, source: str) -> AltitudeResult:
    """The second half of :func:`smooth_and_grade`: the window fit of every row."""
    n = row_x_m.size
    altitude, grade, window = np.full(n, np.nan), np.zeros(n), np.zeros(n)
    done = np.zeros(n, dtype=bool)
    windows = [w for w in WINDOWS_M if source != "gps" or w >= GPS_MIN_WINDOW_M]
    for rows in block_slices(n):  # rows in blocks: no full-size temporaries
        sums.reach(int(np.searchsorted(row_x_m, row_x_m[rows.start] - windows[-1], side="left")),
                   int(np.searchsorted(row_x_m, row_x_m[rows.stop - 1] + windows[-1],
                                       side="right")))
        _fit_rows(row_x_m, sums, windows, rows, (altitude[rows], grade[rows],
                                                 window[rows], done[rows]))
    altitude += sums.reference
    reached = bool(np.all(done | (window == 0)))
    clipped = int(np.sum(np.abs(grade) > GRADE_LIMIT))
    np.clip(grade, -GRADE_LIMIT, GRADE_LIMIT, out=grade)
    return AltitudeResult(altitude, grade, window, sums.noise_m, clipped, reached)


def _fit_rows(row_x_m: np.ndarray, sums: WindowSums, windows: list[float], rows: slice,
              out: tuple[np.ndarray, ...]) -> None:
    """The window loop of :func:`smooth_and_grade` for ``rows``, written into ``out``
    (views of its altitude without the reference, grade, window and done arrays). Each
    wider window is fitted on the rows still open only."""
    altitude, grade, window, done = out
    open_rows = np.arange(rows.start, rows.stop)
    for half_width in windows:
        if open_rows.size == 0:
            break
        x = row_x_m[open_rows]
        lo = np.searchsorted(row_x_m, x - half_width, side="left")
        hi = np.searchsorted(row_x_m, x + half_width, side="right")
        lo, hi = lo - sums.start, hi - sums.start
        sw, sx, sxx, sy, sxy = (s[hi] - s[lo] for s in sums.kept)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean_x = sx / sw
            sxx_c = sxx - sx * mean_x
            slope = (sxy - sx * sy / sw) / sxx_c
            level = sy / sw + slope * ((x - sums.x_ref) - mean_x)
            se = sums.noise_m / np.sqrt(sxx_c)
        usable = (sw >= 3) & (sxx_c > 1e-9 * (np.abs(sxx) + 1.0)) & np.isfinite(slope)
        good = usable & (se <= GRADE_SE_TARGET)
        # rows still open take this window if it meets the target, or as the widest so far
        taken = open_rows[usable] - rows.start
        altitude[taken] = level[usable]
        grade[taken] = slope[usable]
        window[taken] = half_width
        open_rows = open_rows[~good]
    done[:] = True
    done[open_rows - rows.start] = False


def climb(altitude_m: np.ndarray, hysteresis_m: float = ASCENT_HYSTERESIS_M) -> tuple[float, float]:
    """Total ascent and descent (m), counting only reversals larger than ``hysteresis_m``.

    The trace is first reduced to its turning points (vectorised); the hysteresis then walks
    those few points. A climb is counted from its lowest to its highest point.
    """
    alt = altitude_m[np.isfinite(altitude_m)]
    if alt.size < 2:
        return 0.0, 0.0
    alt = alt[np.concatenate([[True], np.diff(alt) != 0])]
    if alt.size < 2:
        return 0.0, 0.0
    step = np.diff(alt)
    turning = np.flatnonzero(np.sign(step[1:]) != np.sign(step[:-1])) + 1
    points = alt[np.concatenate([[0], turning, [alt.size - 1]])].tolist()
    ascent = descent = 0.0
    low = high = anchor = extreme = points[0]
    direction = 0
    for value in points[1:]:
        if direction == 0:
            low, high = min(low, value), max(high, value)
            if value - low >= hysteresis_m:
                direction, anchor, extreme = 1, low, value
            elif high - value >= hysteresis_m:
                direction, anchor, extreme = -1, high, value
        elif direction == 1:
            if value > extreme:
                extreme = value
            elif extreme - value >= hysteresis_m:
                ascent += extreme - anchor
                direction, anchor, extreme = -1, extreme, value
        else:
            if value < extreme:
                extreme = value
            elif value - extreme >= hysteresis_m:
                descent += anchor - extreme
                direction, anchor, extreme = 1, extreme, value
    if direction == 1:
        ascent += extreme - anchor
    elif direction == -1:
        descent += anchor - extreme
    return float(ascent), float(descent)

