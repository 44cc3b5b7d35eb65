"""Synthetic workouts with known truth, and the samples a watch would record of them.

A :class:`Workout` is a list of :class:`Segment` s, each at one constant speed and grade.
:func:`synthesize` turns it into canonical samples (:mod:`legload.core.columns`) whose speed,
grade and cumulative distance are exactly what the segments say, so readers, streams and
models can be tested against a known answer.

The builders below use whole-second segments (a watch records whole seconds) and adjust
the speed slightly so that each segment's distance is exact (800 m at 4.6 m/s becomes
174 s at 4.598 m/s).

Physiology here is plausible, not modelled from a paper: heart rate relaxes toward a
steady state that rises with speed and uphill grade (first-order lag, slow drift), and
step rate rises with speed (≈ 172 steps/min at 2.9 m/s, ≈ 187 at 4.6 m/s, walking below
2 m/s). Distance is horizontal distance; altitude is ``alt0 + ∫ grade d(distance)``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import pandas as pd

from legload.errors import StreamError

KINDS = ("steady", "work", "recovery", "sprint", "climb", "descent", "stop")
WORKOUT_SPORTS = ("running", "walking", "cycling")
HARD_KINDS = ("work", "sprint", "climb")
_EARTH_RADIUS_M = 6_371_008.8
_REST_HR = 62.0


@dataclass
class Segment:
    """A stretch at one speed [m/s] and grade (rise/run); ``kind="stop"`` pauses the watch."""

    duration_s: float
    speed_m_s: float
    grade: float = 0.0
    kind: str = "steady"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise StreamError(f"segment kind {self.kind!r} is not one of {', '.join(KINDS)}")
        if not self.duration_s > 0 or not self.speed_m_s >= 0:
            raise StreamError("a segment needs a positive duration and a non-negative speed")

    @property
    def distance_m(self) -> float:
        """Horizontal distance covered (0 for a stop)."""
        return 0.0 if self.kind == "stop" else self.duration_s * self.speed_m_s


@dataclass
class Span:
    """Where a segment sits in its workout: offsets from the start in seconds and metres."""

    segment: Segment
    t0: float  # wall-clock offset of the segment start [s]
    t1: float  # wall-clock offset of the segment end [s]
    d0: float  # cumulative distance at the start [m]
    h0: float  # altitude change since the start, at the segment start [m]


@dataclass
class Workout:
    """A planned session: ``start`` is a timezone-aware UTC datetime."""

    name: str
    sport: str
    sub_sport: str
    start: datetime
    segments: list[Segment] = field(default_factory=list)
    indoor: bool = False

    def __post_init__(self) -> None:
        if self.sport not in WORKOUT_SPORTS:
            raise StreamError(f"sport {self.sport!r} is not one of {', '.join(WORKOUT_SPORTS)}")
        if self.start.tzinfo is None:
            raise StreamError("workout start must be timezone-aware (UTC)")
        if not any(s.kind != "stop" for s in self.segments):
            raise StreamError(f"workout {self.name!r} has no moving segment")

    @property
    def distance_m(self) -> float:
        return sum(s.distance_m for s in self.segments)

    @property
    def moving_s(self) -> float:
        return sum(s.duration_s for s in self.segments if s.kind != "stop")

    @property
    def elapsed_s(self) -> float:
        return sum(s.duration_s for s in self.segments)

    @property
    def ascent_m(self) -> float:
        return sum(max(s.grade, 0.0) * s.distance_m for s in self.segments)

    @property
    def descent_m(self) -> float:
        return sum(max(-s.grade, 0.0) * s.distance_m for s in self.segments)

    def timeline(self) -> list[Span]:
        """Each segment with its wall-clock offsets, start distance and start altitude."""
        spans, t, d, h = [], 0.0, 0.0, 0.0
        for seg in self.segments:
            spans.append(Span(seg, t, t + seg.duration_s, d, h))
            t, d, h = t + seg.duration_s, d + seg.distance_m, h + seg.grade * seg.distance_m
        return spans


def _over(distance_m: float, speed: float, grade: float = 0.0, kind: str = "steady") -> Segment:
    """A segment covering ``distance_m`` at about ``speed``: whole seconds, exact distance."""
    duration = max(1, round(distance_m / speed))
    return Segment(duration, distance_m / duration, grade, kind)


def _run(name: str, start: datetime, segments: list[Segment], sub_sport: str = "generic",
         indoor: bool = False) -> Workout:
    return Workout(name, "running", sub_sport, start, segments, indoor)


def easy_run(start: datetime, minutes: float = 45, speed: float = 2.9) -> Workout:
    """One steady, flat run of ``minutes`` at ``speed`` m/s."""
    return _run("Easy run", start, [Segment(minutes * 60, speed)])


def long_run(start: datetime, km: float = 24, speed: float = 2.8) -> Workout:
    """``km`` of steady running over rolling ground: 1 km blocks flat, +2 %, flat, −2 %."""
    grades, segments, done = (0.0, 0.02, 0.0, -0.02), [], 0.0
    while km * 1000 - done > 1e-6:
        block = min(1000.0, km * 1000 - done)
        segments.append(_over(block, speed, grades[len(segments) % 4]))
        done += block
    return _run("Long run", start, segments)


def intervals(start: datetime, reps: int = 6, rep_m: float = 800, rep_speed: float = 4.6,
              rest_s: float = 90) -> Workout:
    """15 min warm-up, ``reps`` × ``rep_m`` at ``rep_speed`` with ``rest_s`` jogs, 10 min easy."""
    segments = [Segment(900, 2.8)]
    for rep in range(reps):
        if rep:
            segments.append(Segment(rest_s, 1.6, kind="recovery"))
        segments.append(_over(rep_m, rep_speed, kind="work"))
    segments.append(Segment(600, 2.7))
    return _run(f"Intervals {reps}x{rep_m:g} m", start, segments, "track")


def strides(start: datetime, reps: int = 10, rep_m: float = 100, speed: float = 6.0) -> Workout:
    """20 min easy, then ``reps`` sprints of ``rep_m`` with a 60 s walk back, 5 min easy."""
    segments = [Segment(1200, 2.9)]
    for _ in range(reps):
        segments += [_over(rep_m, speed, kind="sprint"),
                     Segment(60, 1.4, kind="recovery")]
    segments.append(Segment(300, 2.8))
    return _run(f"Strides {reps}x{rep_m:g} m", start, segments)


def hill_repeats(start: datetime, reps: int = 8, grade: float = 0.08, rep_s: float = 60,
                 speed: float = 3.4, down_speed: float = 2.5) -> Workout:
    """12 min warm-up, ``reps`` × (``rep_s`` up at ``grade``, jog back down), 10 min cool-down.

    Total climb = ``reps × grade × rep_s × speed`` metres.
    """
    segments = [Segment(720, 2.9)]
    rep_m = rep_s * speed
    for _ in range(reps):
        segments += [Segment(rep_s, speed, grade, "climb"),
                     _over(rep_m, down_speed, -grade, "descent")]
    segments.append(Segment(600, 2.8))
    return _run(f"Hill repeats {reps}x{rep_s:g} s", start, segments)


def treadmill_run(start: datetime, minutes: float = 40, speed: float = 3.0) -> Workout:
    """A steady treadmill run: indoor, so no positions and no altitude."""
    return _run("Treadmill run", start, [Segment(minutes * 60, speed)], "treadmill", indoor=True)


def run_with_stop(start: datetime, stop_s: float = 600, minutes: float = 20,
                  speed: float = 2.9) -> Workout:
    """``minutes`` running, the watch paused for ``stop_s``, then ``minutes`` running again."""
    run = Segment(minutes * 60, speed)
    return _run("Run with a stop", start, [run, Segment(stop_s, 0.0, kind="stop"),
                                           Segment(minutes * 60, speed)])


def synthesize(workout: Workout, *, seed: int = 0, hz: float = 1.0, lat0: float = 47.0,
               lon0: float = 8.0, alt0: float = 400.0, gps_noise_m: float = 0.0,
               alt_noise_m: float = 0.0) -> pd.DataFrame:
    """Samples of ``workout`` at ``hz`` on the moving clock (canonical columns and units).

    Each stretch between stops is sampled from its first to its last instant, so a stop
    leaves two samples ``stop`` seconds apart at the same distance and none inside it.
    The route loops around the start (descent segments retrace the way back up), with
    optional autocorrelated GPS and altitude noise; indoor workouts have no position or
    altitude columns. Running and walking give ``cadence_spm`` (even whole numbers: both
    feet), cycling ``cadence_rpm``.
    """
    if not hz > 0:
        raise StreamError(f"sampling rate must be positive, got {hz}")
    rng = np.random.default_rng(seed)
    wall, speed, grade, dist, rise, path = _sample_times(workout, 1.0 / hz)
    n = wall.size
    start = pd.Timestamp(workout.start).tz_convert("UTC")
    cols: dict[str, np.ndarray] = {
        "timestamp": (start + pd.to_timedelta(np.round(wall, 6), unit="s")).as_unit("ns")}
    if not workout.indoor:
        east, north = _route(path, max(workout.distance_m, 1.0), rng)
        east = east + _ar_noise(rng, n, gps_noise_m)
        north = north + _ar_noise(rng, n, gps_noise_m)
        cols["lat_deg"] = lat0 + np.degrees(north / _EARTH_RADIUS_M)
        cols["lon_deg"] = lon0 + np.degrees(east / (_EARTH_RADIUS_M * math.cos(math.radians(lat0))))
        cols["altitude_m"] = alt0 + rise + _ar_noise(rng, n, alt_noise_m)
    cols["distance_m"] = dist
    cols["speed_m_s"] = speed
    cols["heart_rate_bpm"] = _heart_rate(wall, speed, grade, workout.sport, rng)
    if workout.sport == "cycling":
        cols["cadence_rpm"] = np.round(np.clip(80 + 1.2 * speed + rng.normal(0, 2, n), 50, 120))
    else:
        spm = np.where(speed < 2.0, 90 + 20 * speed, 146 + 9 * speed) + rng.normal(0, 1.2, n)
        cols["cadence_spm"] = 2 * np.round(np.clip(spm, 100, 210) / 2)
    return pd.DataFrame(cols)


def _sample_times(workout: Workout, step: float) -> tuple[np.ndarray, ...]:
    """Sample instants (wall offsets) with the true speed, grade, distance, rise and path."""
    blocks: list[list[Span]] = [[]]
    for span in workout.timeline():
        if span.segment.kind == "stop":
            blocks.append([])
        else:
            blocks[-1].append(span)
    parts, path0 = [], 0.0
    for block in (b for b in blocks if b):
        t_start, t_end = block[0].t0, block[-1].t1
        t = np.arange(0.0, t_end - t_start + 1e-9, step) + t_start
        if t_end - t[-1] > 1e-6:
            t = np.append(t, t_end)
        ends = np.array([s.t1 for s in block])
        idx = np.minimum(np.searchsorted(ends, t, side="right"), len(block) - 1)
        seg_t0 = np.array([s.t0 for s in block])[idx]
        v = np.array([s.segment.speed_m_s for s in block])[idx]
        g = np.array([s.segment.grade for s in block])[idx]
        d0 = np.array([s.d0 for s in block])[idx]
        h0 = np.array([s.h0 for s in block])[idx]
        sign = np.array([-1.0 if s.segment.kind == "descent" else 1.0 for s in block])
        p_start = path0 + np.concatenate([[0.0], np.cumsum(sign * [s.segment.distance_m
                                                                   for s in block])])
        path0 = p_start[-1]
        moved = v * (t - seg_t0)
        parts.append((t, v, g, d0 + moved, h0 + g * moved, p_start[idx] + sign[idx] * moved))
    return tuple(np.concatenate(column) for column in zip(*parts, strict=True))


def _route(path: np.ndarray, total_m: float, rng: np.random.Generator):
    """East/north offsets [m] of points ``path`` metres along a wobbly closed loop from (0, 0)."""
    perimeter = float(np.clip(total_m / 3, 400.0, 6000.0))
    theta = np.linspace(0.0, 2 * np.pi, 1441)
    phase, turn = rng.uniform(0, 2 * np.pi, 2)
    r = 1 + 0.15 * np.sin(3 * theta + phase)
    x, y = r * np.cos(theta), 0.65 * r * np.sin(theta)
    x, y = x - x[0], y - y[0]
    x, y = x * np.cos(turn) - y * np.sin(turn), x * np.sin(turn) + y * np.cos(turn)
    arc = np.concatenate([[0.0], np.cumsum(np.hypot(np.diff(x), np.diff(y)))])
    scale = perimeter / arc[-1]
    where = np.mod(path, perimeter) / scale
    return np.interp(where, arc, x) * scale, np.interp(where, arc, y) * scale


def _ar_noise(rng: np.random.Generator, n: int, sigma: float, phi: float = 0.97) -> np.ndarray:
    """Autocorrelated (AR(1)) noise with standard deviation ``sigma``; zeros when sigma is 0."""
    if sigma <= 0:
        return np.zeros(n)
    shocks = rng.normal(0.0, sigma * math.sqrt(1 - phi**2), n)
    out = np.empty(n)
    level = rng.normal(0.0, sigma)
    for i, shock in enumerate(shocks.tolist()):
        level = phi * level + shock
        out[i] = level
    return out


def _heart_rate(wall: np.ndarray, speed: np.ndarray, grade: np.ndarray, sport: str,
                rng: np.random.Generator) -> np.ndarray:
    """Whole-number heart rate lagging a speed- and grade-driven steady state."""
    if sport == "cycling":
        target = 60 + 9 * speed * (1 + 8 * np.clip(grade, 0, None))
    else:
        effort = np.where(grade >= 0, 1 + 5 * grade, np.maximum(1 + 4 * grade, 0.5))
        target = 62 + 26 * speed * effort
    target = np.clip(target + 8 * (1 - np.exp(-wall / 3600)), _REST_HR, 192)
    gaps = np.diff(wall, prepend=wall[0])
    step = float(np.median(gaps)) if wall.size > 1 else 1.0
    out, level = np.empty(wall.size), _REST_HR + 15
    for i, (dt, goal) in enumerate(zip(gaps.tolist(), target.tolist(), strict=True)):
        if dt > 1.5 * step:  # paused: heart rate settles toward rest meanwhile
            level = _REST_HR + (level - _REST_HR) * math.exp(-dt / 60)
            dt = step
        tau = 20.0 if goal > level else 40.0
        level = goal + (level - goal) * math.exp(-dt / tau)
        out[i] = level
    return np.round(np.clip(out + rng.normal(0, 1.0, wall.size), 40, 220))

