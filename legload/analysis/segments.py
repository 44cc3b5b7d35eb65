"""Find the parts of a run that matter for muscle load: sprints, work/recovery intervals,
climbs and descents.

Everything works on a :class:`~legload.streams.Stream` (1 Hz, moving time). Times in the
returned segments are *elapsed* seconds from the first moving second (wall clock, pauses
included), which is what a watch shows.

Fast running is judged on speed over the ground, smoothed over 5 s: sprints matter for the
muscles because of leg speed, and hill efforts are reported as climbs. Thresholds are
relative to the session's own median speed: a runner's "fast" is their own. Laps are a
hint: in a structured session (manual or labelled laps) the clearly faster laps are work.

A sprint needs corroboration, because GPS glitches (jumps of 15–40 m in 1–2 s) read as bursts
of speed: no change of speed sharper than 5 m/s² from one second to the next that is undone as
sharply within 3 s (2.5 → 8 m/s in 1 s and back is a jump of the position fix), the speed held
for at least 8 s, and, when the speed comes from positions, cadence (or else heart rate)
responding where recorded. Walking and hiking have no sprints (a 5.7 m/s stretch on a hike is
transport). Given the athlete's maximal speed (from their history of fastest efforts), a
sprint must also reach 80 % of it.
"""

from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from legload.streams import Stream

#: a second is "fast" when its 5 s mean grade-adjusted speed is at least this multiple of the
#: session median and this much above it (m/s)
FAST_RATIO = 1.15
FAST_MARGIN_M_S = 0.4
#: fast stretches interrupted by at most this many seconds are one bout
JOIN_S = 3
#: shortest bout kept (s) and shortest distance (m)
MIN_BOUT_S = 8
MIN_BOUT_M = 40.0
#: a bout at most this long and far is a sprint (strides, 100–400 m reps); longer is interval work
SPRINT_MAX_S = 100
SPRINT_MAX_M = 450.0
#: a sprint also reaches a peak speed of at least this multiple of the median and this much
#: above it (m/s): strides and reps are near-maximal, a surge past a traffic light is not
SPRINT_PEAK_RATIO = 1.3
SPRINT_PEAK_MARGIN_M_S = 1.0
#: ... and at least this speed over the ground (m/s): 4 m/s is a 4:10/km pace, slower than
#: the strides of most runners and faster than the running bursts of a mountain hike
SPRINT_MIN_PEAK_M_S = 4.0
#: ... and covers at least this distance (m) unless the watch lapped it: shorter bursts in a
#: warm-up are accelerations, not the strides or reps a plan prescribes
SPRINT_MIN_M = 100.0
#: fastest plausible change of speed from one second to the next (m/s²): elite sprinters reach
#: about 4–5 m/s² in their first steps (Morin et al. 2012, Eur J Appl Physiol 112:3921)
MAX_ACCEL_M_S2 = 5.0
#: a change of speed that sharp, undone as sharply within this many seconds, is a GPS glitch
GLITCH_S = 3
#: a sprint holds the fast threshold for at least this many seconds of raw (unsmoothed) speed
SPRINT_SUSTAIN_S = 8
#: ... and, when its speed comes from positions, its mean cadence is at least this multiple of
#: the cadence over the 30 s before it, or else its heart rate rises by at least this much
#: (1/min) within 30 s of its start
CADENCE_RESPONSE = 1.04
HEART_RATE_RESPONSE_BPM = 3.0
#: ... and, given the athlete's maximal speed, its peak reaches this fraction of it
SPRINT_OF_MAX = 0.8
#: sports in which no bout is a sprint
NO_SPRINT_SPORTS = frozenset({"walking", "hiking"})
#: longest interval work bout (s); a longer fast stretch is tempo running
WORK_MAX_S = 20 * 60
#: a bout whose mean grade is at least this is a hill repeat (reported as a climb, not a sprint)
HILL_REP_GRADE = 0.04
#: a lap is work when it is at least this much faster than each neighbouring lap
LAP_CONTRAST = 1.25
_LAP_LABELS = frozenset({"active", "interval", "rest", "recovery"})  # intensities of a plan
LAP_FIGURES = ("timer_s", "elapsed_s", "distance_m")
#: climbs and descents: zig-zag hysteresis on smoothed altitude (m), smallest gain (m) and grade
CLIMB_HYSTERESIS_M = 5.0
CLIMB_MIN_GAIN_M = 10.0
CLIMB_MIN_GRADE = 0.03


@dataclass
class Segment:
    """One detected part of a session (times in elapsed seconds from the start)."""

    kind: str  # sprint | work | recovery | tempo | climb | descent
    start_s: float
    end_s: float
    distance_m: float
    gain_m: float
    mean_speed_m_s: float
    mean_grade: float

    def to_dict(self) -> dict:
        return {k: (round(v, 3) if isinstance(v, float) else v) for k, v in asdict(self).items()}


def elapsed_s(stream: Stream) -> np.ndarray:
    """Elapsed seconds of each row from the first moving second."""
    ts = stream.frame["timestamp"]
    if len(ts) == 0:
        return np.zeros(0)
    ticks, per_second = _ticks(ts)
    if ticks is None:
        return (ts - ts.iloc[0]).dt.total_seconds().to_numpy()
    # whole seconds and the rest apart, as pandas' Timedelta.total_seconds does
    whole, rest = np.divmod(ticks - ticks[0], per_second)
    return whole + rest / per_second


def _ticks(ts: pd.Series) -> tuple[np.ndarray | None, int]:
    """The integer ticks of a column of times and ticks per second; None with a missing time
    or a column that holds no datetimes."""
    stamps = ts.array
    if not isinstance(stamps, pd.arrays.DatetimeArray):
        return None, 1
    ticks = stamps.asi8
    if (ticks == np.iinfo(np.int64).min).any():  # NaT
        return None, 1
    return ticks, {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}[stamps.unit]


def smoothed_speed(stream: Stream) -> np.ndarray:
    """5 s centred mean of speed (m/s); NaN where speed is unknown."""
    speed = stream.column("speed_m_s")
    return pd.Series(speed).rolling(5, center=True, min_periods=1).mean().to_numpy()


class _Columns(NamedTuple):
    """The stream's columns the segment finders read, as arrays (taken once)."""

    el: np.ndarray  # elapsed seconds
    speed: np.ndarray  # raw speed (m/s)
    distance: np.ndarray
    altitude: np.ndarray | None
    cadence: np.ndarray | None  # see _channel
    heart_rate: np.ndarray | None


def _columns(stream: Stream) -> _Columns:
    """The columns, taken once per stream frame (the bouts and the climbs both read them)."""
    frame = stream.frame
    return stream.memo("segment_columns", frame, lambda: _Columns(
        elapsed_s(stream), stream.column("speed_m_s"), stream.column("distance_m"),
        stream.column("altitude_m") if "altitude_m" in frame else None,
        _channel(stream, "cadence_spm"), _channel(stream, "heart_rate_bpm")))


def fast_bouts(stream: Stream, laps: pd.DataFrame | None = None, *,
               max_speed_m_s: float | None = None) -> list[Segment]:
    """Sprints, interval work and tempo bouts, plus recoveries between work bouts.

    ``max_speed_m_s`` is the athlete's own maximal speed (m/s), e.g. the fastest 10 s of their
    history; when given, a sprint must reach :data:`SPRINT_OF_MAX` of it.
    """
    frame = stream.frame
    if len(frame) < MIN_BOUT_S or np.isnan(stream.column("speed_m_s")).all():
        return []
    columns = _columns(stream)
    el = columns.el
    speed = smoothed_speed(stream)
    reference = float(np.nanmedian(speed))
    threshold = max(FAST_RATIO * reference, reference + FAST_MARGIN_M_S)
    sprint_peak = max(SPRINT_PEAK_RATIO * reference, reference + SPRINT_PEAK_MARGIN_M_S,
                      SPRINT_MIN_PEAK_M_S, SPRINT_OF_MAX * (max_speed_m_s or 0.0))
    by_speed = _runs(np.nan_to_num(speed) >= threshold, el)
    by_laps = _lap_spans(stream, laps, el, speed)
    lap_rows = np.zeros(len(frame), dtype=bool)
    for i, j in by_laps:
        lap_rows[i:j + 1] = True
    out: list[Segment] = []
    by_speed = [(i, j) for i, j in by_speed if not lap_rows[i:j + 1].any()]
    for i, j in sorted(by_laps + by_speed):
        bout = _segment(columns, i, j, "work")
        duration = bout.end_s - bout.start_s + 1
        if duration < MIN_BOUT_S or bout.distance_m < MIN_BOUT_M:
            continue
        if abs(bout.mean_grade) >= HILL_REP_GRADE:
            continue  # a hill repeat (a climb) or a fast descent: reported with the climbs
        if duration <= SPRINT_MAX_S and bout.distance_m <= SPRINT_MAX_M:
            if not lap_rows[i:j + 1].any() and (np.nanmax(speed[i:j + 1]) < sprint_peak
                                                or bout.distance_m < SPRINT_MIN_M):
                continue  # a surge, not a sprint (a lapped rep counts whatever its peak)
            if stream.sport in NO_SPRINT_SPORTS or \
                    not corroborated(stream, i, j, threshold, columns):
                continue  # transport, or a GPS glitch
            bout.kind = "sprint"
        elif duration > WORK_MAX_S:
            bout.kind = "tempo"
        out.append(bout)
    work = [b for b in out if b.kind == "work"]
    for before, after in itertools.pairwise(work):
        i = int(np.searchsorted(el, before.end_s, side="right"))
        j = int(np.searchsorted(el, after.start_s, side="left")) - 1
        if j >= i and after.start_s - before.end_s <= 10 * 60:
            out.append(_segment(columns, i, j, "recovery"))
    return sorted(out, key=lambda s: s.start_s)


def corroborated(stream: Stream, i: int, j: int, threshold_m_s: float,
                 columns: _Columns | None = None) -> bool:
    """Whether the fast bout of rows ``i..j`` is a real effort rather than a GPS glitch: a
    plausible acceleration around it, the raw speed over ``threshold_m_s`` for at least
    :data:`SPRINT_SUSTAIN_S`, and, for speed from positions, the cadence (else the heart rate)
    responding where recorded (``columns``: the stream's, when taken already)."""
    columns = columns if columns is not None else _columns(stream)
    raw = columns.speed
    if _excursion(raw[max(i - 3, 0):min(j + 4, raw.size)]):
        return False
    if int(np.sum(raw[i:j + 1] >= threshold_m_s)) < SPRINT_SUSTAIN_S:
        return False
    if stream.flags.get("speed_source") != "positions":
        return True  # the device's own speed (footpod, filtered GNSS) does not jump with a fix
    before, during = slice(max(i - 30, 0), i), slice(i, j + 1)
    cadence = columns.cadence
    if cadence is not None and np.isfinite(cadence[before]).any():
        return bool(np.nanmean(cadence[during]) >= CADENCE_RESPONSE * np.nanmean(cadence[before]))
    heart_rate = columns.heart_rate
    if heart_rate is not None and np.isfinite(heart_rate[before]).any():
        rise = np.nanmax(heart_rate[i:i + 30]) - np.nanmean(heart_rate[before])
        return bool(rise >= HEART_RATE_RESPONSE_BPM)
    return True


def _excursion(speed: np.ndarray) -> bool:
    """True when the speed changes faster than :data:`MAX_ACCEL_M_S2` and changes back as
    fast within :data:`GLITCH_S` seconds: a jump of the position fix, not an effort."""
    step = np.nan_to_num(np.diff(speed))
    sharp = np.flatnonzero(np.abs(step) > MAX_ACCEL_M_S2)
    for k in sharp:
        back = step[k + 1:k + 1 + GLITCH_S]
        if np.any((np.sign(back) == -np.sign(step[k])) & (np.abs(back) > MAX_ACCEL_M_S2)):
            return True
    return False


def _channel(stream: Stream, name: str) -> np.ndarray | None:
    """A recorded channel as floats, or None when absent or mostly missing."""
    if name not in stream.frame:
        return None
    values = stream.column(name)
    return values if np.isfinite(values).mean() >= 0.5 else None


def _runs(mask: np.ndarray, el: np.ndarray) -> list[tuple[int, int]]:
    """Index spans of consecutive True rows, joining gaps of at most JOIN_S seconds."""
    idx = np.flatnonzero(mask)
    if idx.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(el[idx]) > JOIN_S + 1)
    starts = np.concatenate([[0], breaks + 1])
    ends = np.concatenate([breaks, [idx.size - 1]])
    return [(int(idx[s]), int(idx[e])) for s, e in zip(starts, ends, strict=True)]


def _lap_spans(stream: Stream, laps: pd.DataFrame | None, el: np.ndarray,
               speed: np.ndarray) -> list[tuple[int, int]]:
    """Work laps of a structured session (manual or labelled laps), as row spans.

    Laps are a hint only: they count when the session has at least four of them and most are
    manual or carry an intensity label. A work lap is at least 1.25× faster than each of its
    neighbouring laps (a neighbour spent almost standing counts as speed 0); the lap that
    closes the session (cool-down) is never work.
    """
    if laps is None or len(laps) < 4 or len(el) == 0:
        return []
    triggers = laps["trigger"].tolist()
    labelled = sum(label in _LAP_LABELS for label in laps["intensity"].tolist())
    if max(labelled, triggers.count("manual")) < 0.5 * len(laps):
        return []
    within = _lap_rows(stream.frame["timestamp"])
    rows: list[tuple[int, int] | None] = []
    speeds: list[float] = []
    timers, elapsed, distances = (laps[c].to_numpy(float) for c in LAP_FIGURES)
    for k, start in enumerate(laps["start"].tolist()):
        timer = timers[k] if np.isfinite(timers[k]) else elapsed[k]
        closing = triggers[k] == "session_end"
        inside = np.zeros(0, dtype=int)
        if not pd.isna(start) and np.isfinite(elapsed[k]):
            inside = within(start, start + pd.Timedelta(seconds=elapsed[k]))
        if inside.size < MIN_BOUT_S or not np.isfinite(timer) or timer < MIN_BOUT_S:
            rows.append(None)
            speeds.append(0.0)  # a lap spent (almost) standing
            continue
        # the device's own lap speed: the stream's 5 s smoothing blurs short laps together
        recorded = distances[k] / timer if np.isfinite(distances[k]) else np.nan
        speeds.append(float(recorded if np.isfinite(recorded) else np.nanmean(speed[inside])))
        work_like = timer <= WORK_MAX_S and not closing
        rows.append((int(inside[0]), int(inside[-1])) if work_like else None)
    out = []
    for k, span in enumerate(rows):
        if span is None:
            continue
        neighbours = [speeds[n] for n in (k - 1, k + 1) if 0 <= n < len(speeds)]
        if neighbours and all(speeds[k] >= LAP_CONTRAST * v for v in neighbours):
            out.append(span)
    return out


def _lap_rows(ts: pd.Series):
    """``within(start, end)``: the rows of ``ts`` at or after ``start`` and before ``end``
    (on the integer ticks; as pandas compares them when the zones do not agree)."""
    ticks, per_second = _ticks(ts)
    zone = getattr(ts.dtype, "tz", None)
    ns = None if ticks is None else ticks * (10**9 // per_second)

    def within(start: pd.Timestamp, end: pd.Timestamp) -> np.ndarray:
        if ns is None or not isinstance(start, pd.Timestamp) or \
                (start.tzinfo is None) != (zone is None):
            return np.flatnonzero(((ts >= start) & (ts < end)).to_numpy())
        return np.flatnonzero((ns >= start.as_unit("ns").value) & (ns < end.as_unit("ns").value))

    return within


def _segment(columns: _Columns, i: int, j: int, kind: str) -> Segment:
    distance, altitude, el = columns.distance, columns.altitude, columns.el
    dist = float(distance[j] - distance[i])
    gain = 0.0 if altitude is None else float(altitude[j] - altitude[i])
    moving = j - i + 1
    return Segment(kind=kind, start_s=float(el[i]), end_s=float(el[j]), distance_m=dist,
                   gain_m=gain, mean_speed_m_s=dist / moving if moving else 0.0,
                   mean_grade=gain / dist if dist > 0 else 0.0)


def climbs(stream: Stream) -> list[Segment]:
    """Climbs and descents of the smoothed altitude: zig-zag turning points with a 5 m
    hysteresis; a swing counts when it gains (or loses) at least 10 m at 3 % or steeper."""
    if "altitude_m" not in stream.frame or len(stream.frame) < 2:
        return []
    columns = _columns(stream)
    altitude, distance = columns.altitude, columns.distance
    if altitude is None or np.isnan(altitude).all():
        return []
    turns = _turning_points(altitude, CLIMB_HYSTERESIS_M)
    out = []
    for a, b in itertools.pairwise(turns):
        gain, length = altitude[b] - altitude[a], distance[b] - distance[a]
        if abs(gain) < CLIMB_MIN_GAIN_M or length <= 0:
            continue
        a, b = _trim(altitude, a, b)
        gain, length = altitude[b] - altitude[a], distance[b] - distance[a]
        if length <= 0 or abs(gain) / length < CLIMB_MIN_GRADE:
            continue
        out.append(_segment(columns, a, b, "climb" if gain > 0 else "descent"))
    return out


def _trim(altitude: np.ndarray, a: int, b: int, tolerance_m: float = 1.0) -> tuple[int, int]:
    """Shrink a swing from low ``a`` to high ``b`` (or high to low) to its sloping part: the
    flat run-in before it leaves its base and the plateau after it reaches its top."""
    sign = 1.0 if altitude[b] >= altitude[a] else -1.0
    span = sign * (altitude[a:b + 1] - altitude[a])
    top = sign * (altitude[b] - altitude[a])
    near_base = np.flatnonzero(np.isfinite(span) & (span <= tolerance_m))
    start = a + int(near_base[-1]) if near_base.size else a
    rest = sign * (altitude[start:b + 1] - altitude[a])
    near_top = np.flatnonzero(np.isfinite(rest) & (rest >= top - tolerance_m))
    end = start + int(near_top[0]) if near_top.size else b
    return start, max(end, start)


def _turning_points(altitude: np.ndarray, hysteresis: float) -> list[int]:
    """Indices of alternating lows and highs whose swings exceed ``hysteresis``.

    The walk visits only the finite samples that can change its course: a repeat of the
    value before it, or a sample inside a steady rise or fall, moves nothing the next
    sample does not move as well (vectorised; the hysteresis then walks the few left)."""
    index = np.flatnonzero(np.isfinite(altitude))
    if index.size < 2:
        return []
    index = index[np.concatenate([[True], np.diff(altitude[index]) != 0])]
    if index.size > 2:
        step = np.sign(np.diff(altitude[index]))
        turning = np.flatnonzero(step[1:] != step[:-1]) + 1
        index = index[np.concatenate([[0], turning, [index.size - 1]])]
    points = list(zip(index.tolist(), altitude[index].tolist(), strict=True))
    lo = hi = extreme = points[0]
    mode = 0  # 0 undecided, 1 climbing, -1 descending
    turns: list[int] = []
    for point in points[1:]:
        value = point[1]
        if mode == 0:
            lo = point if value < lo[1] else lo
            hi = point if value > hi[1] else hi
            if value - lo[1] >= hysteresis:
                turns, mode, extreme = [lo[0]], 1, point
            elif hi[1] - value >= hysteresis:
                turns, mode, extreme = [hi[0]], -1, point
        elif mode * (value - extreme[1]) > 0:
            extreme = point
        elif mode * (extreme[1] - value) >= hysteresis:
            turns.append(extreme[0])
            mode, extreme = -mode, point
    if mode != 0:
        turns.append(extreme[0])
    return turns
