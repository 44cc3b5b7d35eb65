"""Per-muscle load of one activity: the locomotion model integrated over its 1 Hz stream.

For each of the seven groups: positive (concentric) and negative (eccentric) work in J/kg,
the part of each that the terrain added (work at the recorded grade minus work at the same
speed on the level), mean and peak activation, the time spent above a high-activation
threshold, and a stimulus class:

* ``strength`` — at least :data:`STRENGTH_MIN_S` seconds of brief, near-maximal efforts:
  activation at or above the muscle's high threshold (:func:`high_activation`) in bouts of
  at most :data:`BRIEF_EFFORT_S` seconds (sprints, strides, short steep hills). Minutes on
  end at a high activation (a tempo run, a long climb) are hard endurance work, not a
  strength stimulus;
* ``endurance`` — at least :data:`ENDURANCE_MIN_S` seconds of sustained work at a lower
  activation (the volume that trains fatigue resistance, not size);
* ``mixed`` — both; ``none`` — neither (a short jog, or a muscle barely used).

The thresholds are conventions documented in ``docs/models/muscles.md``: high-threshold
motor units are recruited as contractions approach maximal effort (Henneman's size
principle), so time near maximal activation is what a run shares with resistance training.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, fields

import numpy as np

from legload.core.sports import FOOT_SPORTS
from legload.models.cycling.energy import cycling_power_from_speed
from legload.models.cycling.muscles import demand as cycling_demand
from legload.models.locomotion.muscles import MUSCLES, demand, demand_and_level_work
from legload.streams import Stream
from legload.streams.resample import block_slices

#: a second counts as a high-intensity contraction at or above the larger of this activation
#: (fraction of MVC) and HIGH_OVER_EASY × the muscle's activation in easy level running
HIGH_ACTIVATION = 0.6
HIGH_OVER_EASY = 1.6
EASY_SPEED_M_S = 3.0
#: longest run of high-activation seconds that still counts as a brief effort (s)
BRIEF_EFFORT_S = 120
#: activation is averaged over this centred window (s) before efforts are found, so a long
#: climb whose grade wavers is one effort, not many brief ones
EFFORT_SMOOTHING_S = 10
#: seconds above HIGH_ACTIVATION in one session that make a strength stimulus (e.g. 6 × 10 s
#: sprints, or a few 200 m reps)
STRENGTH_MIN_S = 30.0
#: activation from which a second counts as working the muscle at all
WORKING_ACTIVATION = 0.15
#: seconds of work below HIGH_ACTIVATION that make an endurance stimulus
ENDURANCE_MIN_S = 10 * 60.0
#: walk–run transition speed (m/s) used to pick the locomotion mode second by second; humans
#: switch gait near 2 m/s
WALK_RUN_SPEED = 2.0
GAIT_SMOOTHING_S = 30
#: bicycle and kit mass added to body mass for road-load power when no power meter (kg)
BIKE_MASS_KG = 10.0


@dataclass(frozen=True)
class MuscleLoad:
    """The load of one muscle group in one activity (work in J per kg of body mass).

    ``hill_*`` is the part of the work the terrain added (work at the recorded grade minus
    work at the same speed on the level); activations are fractions of MVC; ``stimulus`` is
    ``strength | endurance | mixed | none`` (see the module's docstring).
    """

    positive_work_j_kg: float
    negative_work_j_kg: float
    hill_positive_work_j_kg: float
    hill_negative_work_j_kg: float
    mean_activation: float
    peak_activation: float
    time_above_high_s: float
    brief_effort_s: float
    stimulus: str

    def to_dict(self) -> dict[str, float | str]:
        """The muscle's entry in ``analyze --json`` (``docs/schemas/analysis.json``)."""
        return {name: getattr(self, name) for name in _LOAD_FIELDS}


_LOAD_FIELDS = tuple(f.name for f in fields(MuscleLoad))


def muscle_load(stream: Stream, *, mass_kg: float = 70.0) -> dict[str, MuscleLoad]:
    """Per-muscle ledger of one activity: running, walking and hiking through the
    locomotion model, cycling through the pedalling model; ``{}`` for other sports.

    The rows are taken a block at a time (:func:`~legload.streams.resample.block_slices`,
    :data:`~legload.streams.resample.BLOCK_ROWS` rows), each block with the few rows around it
    that the smoothing windows reach, so a long recording needs the model's temporaries of
    one block only (a recording of up to one block is computed in one piece)."""
    frame = stream.frame
    if len(frame) == 0:
        return {}
    rates: _FootRates | _CyclingRates
    if stream.sport in FOOT_SPORTS and not np.isnan(stream.column("speed_m_s")).all():
        rates = _FootRates(stream)
    elif stream.sport == "cycling":
        power = ride_power_w(frame, mass_kg)
        if power is None:
            return {}
        rates = _CyclingRates(frame, power, mass_kg)
    else:
        return {}
    ledger = _Ledger(len(frame))
    for rows in block_slices(len(frame)):
        ledger.add(rates, rows.start, rows.stop)
    return ledger.loads()


#: the per-row quantities a rates object gives for each muscle, in this order: positive and
#: negative work, activation, and positive and negative work on the level
_QUANTITIES = 5


class _Ledger:
    """The sums of :func:`muscle_load`, block by block. Per muscle: positive, negative and
    the terrain's positive and negative work, summed activation and working seconds, the
    peak activation, and one bool per row for the high-activation seconds (kept whole: their
    runs may cross the edge of a block)."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.sums = np.zeros((len(MUSCLES), 6))
        self.peaks = np.full(len(MUSCLES), -np.inf)
        self.high = np.zeros((len(MUSCLES), n), dtype=bool)
        self.thresholds = [high_activation(m) for m in MUSCLES]

    def add(self, rates: _FootRates | _CyclingRates, first: int, last: int) -> None:
        """Rows ``first:last``: the model is run on them and on the smoothing's margin."""
        left = EFFORT_SMOOTHING_S // 2
        lo, hi = max(0, first - left), min(self.n, last + EFFORT_SMOOTHING_S - 1 - left)
        core = slice(first - lo, last - lo)
        block = rates.block(lo, hi)  # (quantity, muscle, row)
        for k, threshold in enumerate(self.thresholds):
            sustained = _centred_mean(block[2, k], EFFORT_SMOOTHING_S, (first - lo, hi - last))
            self.high[k, first:last] = sustained >= threshold
        positive, negative, active = block[0, :, core], block[1, :, core], block[2, :, core]
        self.sums += np.stack([
            positive.sum(axis=1), negative.sum(axis=1),
            (positive - block[3, :, core]).sum(axis=1), (negative - block[4, :, core]).sum(axis=1),
            active.sum(axis=1), np.sum(active >= WORKING_ACTIVATION, axis=1)], axis=1)
        self.peaks = np.maximum(self.peaks, active.max(axis=1))

    def loads(self) -> dict[str, MuscleLoad]:
        """The ledger: one :class:`MuscleLoad` per muscle."""
        out: dict[str, MuscleLoad] = {}
        for k, muscle in enumerate(MUSCLES):
            positive, negative, hill_pos, hill_neg, activation, working = self.sums[k].tolist()
            brief_s = _brief_seconds(self.high[k])
            out[muscle] = MuscleLoad(
                positive_work_j_kg=round(positive, 1),
                negative_work_j_kg=round(negative, 1),
                hill_positive_work_j_kg=round(hill_pos, 1),
                hill_negative_work_j_kg=round(hill_neg, 1),
                mean_activation=round(activation / self.n, 3),
                peak_activation=round(float(self.peaks[k]), 3),
                time_above_high_s=float(self.high[k].sum()),
                brief_effort_s=brief_s,
                stimulus=_stimulus(brief_s, working - brief_s),
            )
        return out


class _FootRates:
    """Running and walking rates of a foot activity's rows, a block at a time."""

    def __init__(self, stream: Stream) -> None:
        self.speed = stream.column("speed_m_s")
        self.grade = stream.column("grade")
        # 0 is a sensor's "no reading": the model's preferred rate
        self.cadence = stream.column("cadence_spm") if "cadence_spm" in stream.frame else None

    def block(self, lo: int, hi: int) -> np.ndarray:
        """Rows ``lo:hi`` as ``(quantity, muscle, row)``: positive and negative work,
        activation, and the work at the same speed on the level, NaN as 0. Each row runs the
        model of its gait only, at its grade and on the level in one call."""
        # the gait is decided on a 30 s mean speed, so a runner's slow steps on a steep pitch
        # do not flip the model back and forth between walking and running every few seconds
        a = max(0, lo - GAIT_SMOOTHING_S // 2)
        b = min(self.speed.size, hi + GAIT_SMOOTHING_S - 1 - GAIT_SMOOTHING_S // 2)
        speed = np.nan_to_num(self.speed[a:b])
        running = _centred_mean(speed, GAIT_SMOOTHING_S, (lo - a, b - hi)) >= WALK_RUN_SPEED
        speed, grade = speed[lo - a:hi - a], self.grade[lo:hi]
        cadence = None
        if self.cadence is not None:
            cadence = np.where(self.cadence[lo:hi] > 0, self.cadence[lo:hi], np.nan)
        out = np.empty((_QUANTITIES, len(MUSCLES), hi - lo))
        for mode, where in (("run", running), ("walk", ~running)):
            if not where.any():
                continue
            rows = slice(None) if where.all() else np.flatnonzero(where)
            _run_model(out, mode, rows, speed[rows], grade[rows],
                       None if cadence is None else cadence[rows])
        return _finite(out)


def _run_model(out: np.ndarray, mode: str, rows: np.ndarray | slice, speed: np.ndarray,
               grade: np.ndarray, cadence: np.ndarray | None) -> None:
    """The locomotion model on ``rows`` of a block, at their grade and on the level, in one
    call (:func:`~legload.models.locomotion.muscles.demand_and_level_work`)."""
    graded, level = demand_and_level_work(speed, grade, cadence, mode=mode)
    for k, muscle in enumerate(MUSCLES):
        for quantity, values in enumerate((*graded[muscle], *level[muscle])):
            out[quantity, k, rows] = values


def ride_power_w(frame, mass_kg: float) -> np.ndarray | None:
    """Crank power of a ride (W): measured, or road-load power from speed and grade (rider
    plus BIKE_MASS_KG); None without either."""
    if "power_w" in frame and frame["power_w"].notna().any():
        return np.nan_to_num(frame["power_w"].to_numpy(float))
    if frame["speed_m_s"].notna().any():
        return cycling_power_from_speed(np.nan_to_num(frame["speed_m_s"].to_numpy(float)),
                                        frame["grade"].to_numpy(float), mass_kg + BIKE_MASS_KG)
    return None


class _CyclingRates:
    """The pedalling model on a ride's crank power (:func:`ride_power_w`), a block at a time."""

    def __init__(self, frame, power: np.ndarray, mass_kg: float) -> None:
        self.power, self.mass_kg = power, mass_kg
        self.cadence = frame["cadence_rpm"].to_numpy(float) if "cadence_rpm" in frame else None

    def block(self, lo: int, hi: int) -> np.ndarray:
        """Rows ``lo:hi``, as :meth:`_FootRates.block` (the level is the ride)."""
        cadence = None
        if self.cadence is not None:
            cadence = np.where(self.cadence[lo:hi] > 0, self.cadence[lo:hi], np.nan)
        rates = cycling_demand(self.power[lo:hi], cadence, body_mass_kg=self.mass_kg)
        out = np.zeros((_QUANTITIES, len(MUSCLES), hi - lo))
        for k, m in enumerate(MUSCLES):
            if m in rates:
                positive, negative, activation = rates[m]
                out[:, k] = (positive, negative, activation, positive, negative)
        return _finite(out)


@functools.cache
def high_activation(muscle: str) -> float:
    """The activation (fraction of MVC) from which a second is a high-intensity contraction
    (a constant of the model for each muscle, so computed once)."""
    easy = float(demand(EASY_SPEED_M_S, 0.0, mode="run")[muscle].activation)
    return max(HIGH_ACTIVATION, HIGH_OVER_EASY * easy)


def _centred_mean(values: np.ndarray, window: int,
                  margins: tuple[int, int] = (0, 0)) -> np.ndarray:
    """Centred mean over ``window`` rows, the ends padded with the first and last value.
    ``margins``: rows of context ``values`` holds before and after the rows wanted (those
    rows are not in the result)."""
    kernel = np.ones(window) / window
    pad = (window // 2 - margins[0], window - 1 - window // 2 - margins[1])
    padded = values if pad == (0, 0) else np.concatenate(  # np.pad's "edge", without its cost
        [np.full(pad[0], values[0]), values, np.full(pad[1], values[-1])])
    return np.convolve(padded, kernel, mode="valid")


def _finite(values: np.ndarray) -> np.ndarray:
    """``values`` with NaN as 0 and infinities as the largest floats, in place (checked
    first: the models rarely give either)."""
    return values if np.isfinite(values).all() else np.nan_to_num(values, copy=False)


def _brief_seconds(high: np.ndarray) -> float:
    """Seconds of ``high`` that lie in runs of at most BRIEF_EFFORT_S consecutive rows."""
    if not high.any():
        return 0.0
    edges = np.diff(np.concatenate([[0], high.astype(np.int8), [0]]))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    lengths = ends - starts
    return float(lengths[lengths <= BRIEF_EFFORT_S].sum())


def _stimulus(brief_s: float, working_s: float) -> str:
    strength = brief_s >= STRENGTH_MIN_S
    endurance = working_s >= ENDURANCE_MIN_S
    if strength and endurance:
        return "mixed"
    if strength:
        return "strength"
    return "endurance" if endurance else "none"
