"""``to_stream``: a raw :class:`~legload.core.activity.Activity` → a clean 1 Hz stream."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from legload.core.activity import Activity, ActivityColumns, samples_of
from legload.core.frames import LAID_OUT, UTC_NS, frame_from_blocks
from legload.errors import StreamError
from legload.streams.altitude import GRADE_LIMIT, classify_altitude, fit_windows, window_sums
from legload.streams.altitude import altitude_noise_m as _noise
from legload.streams.cadence import normalise_cadence
from legload.streams.clean import FOOT_SPORTS, CleanSamples, clean_samples, limits_for
from legload.streams.gaps import GapPlan, note_bridged, plan_gaps
from legload.streams.resample import GappedInterp, block_slices, build_grid, interp_in_blocks
from legload.streams.speed import (
    cumulative_distance,
    grid_speed,
    has_positions,
    moving_mask,
    row_distance,
)
from legload.streams.stream import STREAM_COLUMNS, Stream, empty_frame

#: sub-sports recorded indoors: no real positions, altitude or slope
INDOOR_SUB_SPORTS = frozenset({"treadmill", "indoor"})
#: channels recomputed by the stream stage rather than carried over
_DERIVED = {"distance_m", "speed_m_s", "altitude_m", "grade", "lat_deg", "lon_deg"}


def effective_pause_gap(t_s: np.ndarray, pause_gap_s: float) -> float:
    """The pause threshold for this recording: ``pause_gap_s``, or three times the median
    sampling interval when the device records more sparsely than that (old GPS loggers and
    apps sampling every 10–30 s would otherwise have every gap called a pause)."""
    if t_s.size < 3:
        return pause_gap_s
    typical = float(np.median(np.diff(t_s)))
    return max(pause_gap_s, 3.0 * typical)


def to_stream(
    activity: Activity | ActivityColumns, *, pause_gap_s: float = 10.0,
    min_moving_speed_m_s: float = 0.5,
) -> Stream:
    """Turn a raw activity into a 1 Hz stream on moving time (from its sample frame, or
    from a reader's arrays when its frames are not built: the same stream).

    Steps, each documented in its module: :mod:`~legload.streams.clean` (sort, drop
    duplicates, implausible values and teleports, counted in ``flags["dropped"]``);
    :mod:`~legload.streams.gaps` and :mod:`~legload.streams.resample` (a gap longer than
    ``pause_gap_s`` — raised to three typical sampling intervals for sparse recordings,
    :func:`effective_pause_gap` — is a pause when the evidence says so, else bridged and
    flagged; stretches are interpolated to whole seconds within themselves);
    :mod:`~legload.streams.speed` (seconds whose ±2 s mean speed is below
    ``min_moving_speed_m_s`` are dropped; ``t_s = 0, 1, 2 …``); :mod:`~legload.streams.altitude`
    (smoothed altitude and grade; indoor activities get grade 0 or the recorded incline);
    :mod:`~legload.streams.cadence` (steps/min for running).

    Raises StreamError when the samples carry no timestamps or an argument is out of range;
    a recording with no moving second gives an empty stream with a warning.
    """
    _check_arguments(pause_gap_s, min_moving_speed_m_s)
    summary = activity.summary or {}
    sport = str(summary.get("sport") or "other")
    sub_sport = str(summary.get("sub_sport") or "generic")
    # columns a reader derived (GPX speed and distance from positions) are recomputed here
    cleaned = clean_samples(samples_of(activity), sport,
                            skip=summary.get("derived_columns") or ())
    laps = activity.laps
    gps = has_positions(cleaned)
    indoor = sub_sport in INDOOR_SUB_SPORTS or (not gps and sport in FOOT_SPORTS)
    warnings = cleaned.warnings
    pause_gap_s = effective_pause_gap(cleaned.t_s, pause_gap_s)
    moving = _moving_seconds(cleaned, laps, sport, gps, pause_gap_s,
                             min_moving_speed_m_s, warnings)
    seconds, columns = moving.seconds, moving.columns
    flags = _initial_flags(gps, indoor, moving)
    if indoor:
        _indoor_grade(cleaned, moving.at_rows, columns, flags, warnings)
    else:
        _outdoor_altitude(cleaned, seconds, summary, gps, columns, flags, warnings)
    columns.setdefault("grade", np.zeros(seconds.size))  # 0 where unknown
    if moving.lat is not None and moving.lon is not None:
        columns["lat_deg"], columns["lon_deg"] = moving.lat, moving.lon
    _carry_channels(cleaned, moving.at_rows, sport, columns, warnings)
    note_bridged(moving.gaps, cleaned.t_s, seconds, columns, flags, warnings)
    _closing_flags(cleaned, seconds, flags, warnings)
    frame, floats = _frame(columns, cleaned.start, seconds)
    stream = Stream(frame=frame, flags=flags, sport=sport, sub_sport=sub_sport)
    stream.keep_columns(floats)
    return stream


def _initial_flags(gps: bool, indoor: bool, moving: _Moving) -> dict[str, object]:
    """The quality flags known once the moving seconds are (altitude fills in the rest)."""
    return {
        "gps_missing": not gps,
        "altitude_source": "none",
        "speed_source": moving.speed_source,
        "distance_source": moving.distance_source,
        "indoor": indoor,
        "altitude_noise_m": float("nan"),
        "grade_window_m": 0.0,
        "grade_clipped_s": 0,
    }


def _closing_flags(cleaned: CleanSamples, seconds: np.ndarray, flags: dict[str, object],
                   warnings: list[str]) -> None:
    """Pauses, dropped samples and the warnings, the last flags of :func:`to_stream`."""
    flags["pauses"] = _pauses(cleaned.start, seconds)
    flags["dropped"] = dict(cleaned.dropped)
    if cleaned.dropped.get("position_teleport"):
        warnings.append(f"dropped {cleaned.dropped['position_teleport']} GPS positions that "
                        "jumped impossibly far (teleports)")
    if seconds.size == 0:
        warnings.append("no moving second: the stream is empty")
    flags["warnings"] = warnings


def _check_arguments(pause_gap_s: float, min_moving_speed_m_s: float) -> None:
    """StreamError for a pause threshold below 1 s or a negative moving speed (or NaN)."""
    if not (math.isfinite(pause_gap_s) and pause_gap_s >= 1.0):
        raise StreamError(f"pause_gap_s must be a number of seconds >= 1, not {pause_gap_s!r}")
    if not (math.isfinite(min_moving_speed_m_s) and min_moving_speed_m_s >= 0.0):
        raise StreamError(f"min_moving_speed_m_s must be >= 0, not {min_moving_speed_m_s!r}")


class _Moving(NamedTuple):
    """The moving seconds of a recording and what is known of them before altitude."""

    seconds: np.ndarray  # seconds since the first sample, one per moving row
    columns: dict[str, np.ndarray]  # t_s, distance_m, speed_m_s
    speed_source: str
    distance_source: str
    lat: np.ndarray | None
    lon: np.ndarray | None
    gaps: GapPlan  # which gaps are pauses and which are bridged
    at_rows: GappedInterp  # the samples' channels on the moving rows (across bridged gaps)


def _moving_seconds(cleaned: CleanSamples, laps: pd.DataFrame | Mapping[str, Any] | None,
                    sport: str, gps: bool, pause_gap_s: float, min_moving_speed_m_s: float,
                    warnings: list[str]) -> _Moving:
    """Steps 2 and 3 of :func:`to_stream`: the 1 Hz grid between pauses, speed and distance
    on it, and the seconds that are moving (numbered ``t_s = 0, 1, 2 …``)."""
    limits = limits_for(sport)
    gaps = plan_gaps(cleaned, laps, limits, pause_gap_s, min_moving_speed_m_s)
    distance = cumulative_distance(cleaned, limits, pause_gap_s, gaps.pause)
    grid, isolated = build_grid(cleaned.t_s, pause_gap_s, gaps.pause)
    pause_gap_s = gaps.bridge_s  # from here on, interpolation reaches across bridged gaps
    cleaned.count("isolated_sample", isolated)
    cumulative = interp_in_blocks(grid.seconds, cleaned.t_s, distance.cumulative_m)
    source, speed_source = distance.source, distance.speed_source
    del distance  # the samples' distance: on the grid from here on
    on_grid = GappedInterp(cleaned.t_s, grid.seconds, pause_gap_s)  # the channels' reach, once
    speed = grid_speed(cleaned, grid, cumulative, speed_source, pause_gap_s, on_grid)
    if speed_source == "none":
        moving = np.ones(len(grid), dtype=bool)
        warnings.append("no speed, distance or positions: speed unknown, moving time counts "
                        "every second between pauses")
    else:
        moving = moving_mask(speed, grid, min_moving_speed_m_s)
    if moving.all():  # the usual recording: every grid point moving, no copies
        seconds, chunk, at_rows = grid.seconds, grid.chunk, on_grid
    else:
        rows = np.flatnonzero(moving)
        seconds, chunk, cumulative, speed = (grid.seconds[rows], grid.chunk[rows],
                                             cumulative[rows], speed[rows])
        del rows
        at_rows = GappedInterp(cleaned.t_s, seconds, pause_gap_s)
    columns: dict[str, np.ndarray] = {"speed_m_s": speed}  # t_s: made with the frame
    del grid, speed, moving, on_grid  # the whole grid, let go before the moving rows' columns
    lat = lon = None
    if gps:  # the samples' positions are not needed once on the moving rows
        lat = at_rows(cleaned.channels.pop("lat_deg"))
        lon = at_rows(cleaned.channels.pop("lon_deg"))
    columns["distance_m"] = row_distance(cumulative, seconds, chunk, source, lat, lon)
    return _Moving(seconds, columns, speed_source, source, lat, lon, gaps, at_rows)


def _carry_channels(cleaned: CleanSamples, at_rows: GappedInterp, sport: str,
                    columns: dict[str, np.ndarray], warnings: list[str]) -> None:
    """The recorded channels the stream does not derive (heart rate, power, cadence …), on the
    moving seconds; step cadence normalised (step 5 of :func:`to_stream`)."""
    for name, values in cleaned.channels.items():
        if name not in _DERIVED:
            columns[name] = at_rows(values)
    if "cadence_spm" in columns:
        columns["cadence_spm"], note = normalise_cadence(
            columns["cadence_spm"], columns["speed_m_s"], sport)
        if note:
            warnings.append(note)


def _indoor_grade(
    cleaned: CleanSamples, at_rows: GappedInterp,
    columns: dict[str, np.ndarray], flags: dict[str, object], warnings: list[str],
) -> None:
    """Indoor: grade from a recorded incline, else 0; altitude is not meaningful."""
    incline = cleaned.channels.get("grade")
    if incline is not None and np.isfinite(incline).any():
        grade = at_rows(incline)
        grade = np.where(np.isfinite(grade), grade, 0.0)
        flags["grade_clipped_s"] = int(np.sum(np.abs(grade) > GRADE_LIMIT))
        columns["grade"] = np.clip(grade, -GRADE_LIMIT, GRADE_LIMIT)
    altitude = cleaned.channels.get("altitude_m")
    if altitude is not None and np.isfinite(altitude).any():
        warnings.append("indoor activity: recorded altitude ignored, grade from incline or 0")


def _outdoor_altitude(
    cleaned: CleanSamples, seconds: np.ndarray, summary: dict, gps: bool,
    columns: dict[str, np.ndarray], flags: dict[str, object], warnings: list[str],
) -> None:
    """Smoothed altitude and grade from the recorded altitude samples that fall on moving rows
    (the samples' altitude is let go: the stream's replaces it)."""
    altitude = cleaned.channels.pop("altitude_m", None)
    if altitude is None:
        return
    finite = np.isfinite(altitude)
    times = np.rint(cleaned.t_s[finite])
    index = np.searchsorted(seconds, times)
    on_row = index < seconds.size
    on_row[on_row] = seconds[index[on_row]] == times[on_row]
    sample_row, sample_alt = index[on_row], altitude[finite][on_row]
    del altitude, finite, times, index, on_row  # let go before the fit
    if sample_row.size < 3:
        return
    x = columns["distance_m"]
    barometric = summary.get("altitude_barometric")
    noise = _noise(x[sample_row], sample_alt)
    source = classify_altitude(noise, positions=gps,
                               barometric=barometric if isinstance(barometric, bool) else None)
    sums = window_sums(x, sample_row, sample_alt, source, noise)
    del sample_row, sample_alt  # the sums hold what they still need (despiked)
    result = fit_windows(x, sums, source)
    del sums
    if not np.isfinite(result.altitude_m).any():
        return
    columns["altitude_m"] = result.altitude_m
    columns["grade"] = result.grade
    flags["altitude_source"] = source
    flags["altitude_noise_m"] = result.noise_m
    used = result.window_m[result.window_m > 0]
    flags["grade_window_m"] = float(np.median(used)) if used.size else 0.0
    flags["grade_clipped_s"] = result.clipped
    if result.clipped:
        warnings.append(f"grade clipped to ±{GRADE_LIMIT} on {result.clipped} s")
    if not result.reached_target:
        warnings.append(f"altitude too noisy (about {result.noise_m:.1f} m per sample) for a "
                        f"precise grade; smoothed over up to ±{used.max():.0f} m")


def _pauses(start: pd.Timestamp, seconds: np.ndarray) -> list[tuple[str, float]]:
    """Every break between moving rows: (ISO start of the first missing second, its length)."""
    if seconds.size < 2:
        return []
    gap = np.diff(seconds)
    idx = np.flatnonzero(gap > 1.0)
    return [(_iso(start + pd.Timedelta(seconds=float(seconds[i]) + 1.0)), float(gap[i] - 1.0))
            for i in idx]


def _iso(stamp: pd.Timestamp) -> str:
    text = stamp.tz_convert("UTC").strftime("%Y-%m-%dT%H:%M:%S")
    if stamp.microsecond or stamp.nanosecond:
        text += f".{stamp.microsecond:06d}".rstrip("0")
    return text + "Z"


def _frame(
    columns: dict[str, np.ndarray], start: pd.Timestamp, seconds: np.ndarray,
) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """The stream's frame, and the float arrays its columns are (by name): each column its
    own block, laid out as the constructor lays them out, without its checks of every
    column (a third of the constructor's time on a one-hour run)."""
    order = [c for c in STREAM_COLUMNS if c in ("timestamp", "t_s") or c in columns]
    order += [c for c in columns if c not in STREAM_COLUMNS]
    if seconds.size == 0:
        return empty_frame(order), {}
    stamps = _timestamps(start, seconds)  # before t_s: their temporaries never meet
    columns.setdefault("t_s", np.arange(seconds.size, dtype=float))
    floats = {name: np.asarray(columns[name], dtype=float) for name in order
              if name != "timestamp"}
    if not LAID_OUT:  # pragma: no cover - pandas before 3: the constructor
        data = {name: stamps if name == "timestamp" else floats[name] for name in order}
        return pd.DataFrame(data, copy=False), floats
    blocks = [(stamps if name == "timestamp" else floats[name][np.newaxis], np.array([k]))
              for k, name in enumerate(order)]  # the arrays are the frame's own: not copied
    return frame_from_blocks(blocks, seconds.size, tuple(order)), floats


def _timestamps(start: pd.Timestamp, seconds: np.ndarray) -> pd.arrays.DatetimeArray:
    """The UTC time of every row (``seconds`` after ``start``, to the nanosecond)."""
    ticks = np.empty(seconds.size, np.int64)
    for rows in block_slices(seconds.size):
        ticks[rows] = start.value + np.rint(seconds[rows] * 1e9).astype(np.int64)
    return pd.array(ticks.view("M8[ns]"), dtype=UTC_NS)
