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
from dataclasses import asdict, dataclass

import numpy as np

from legload.core.sports import FOOT_SPORTS
from legload.models.cycling.energy import cycling_power_from_speed
from legload.models.cycling.muscles import demand as cycling_demand
from legload.models.locomotion.muscles import MUSCLES, demand
from legload.streams import Stream

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
        return asdict(self)


def muscle_load(stream: Stream, *, mass_kg: float = 70.0) -> dict[str, MuscleLoad]:
    """Per-muscle ledger of one activity: running, walking and hiking through the
    locomotion model, cycling through the pedalling model; ``{}`` for other sports."""
    frame = stream.frame
    if len(frame) == 0:
        return {}
    if stream.sport in FOOT_SPORTS and not frame["speed_m_s"].isna().all():
        rates = _foot_rates(frame)
    elif stream.sport == "cycling":
        rates = _cycling_rates(frame, mass_kg)
        if rates is None:
            return {}
    else:
        return {}
    out: dict[str, MuscleLoad] = {}
    for muscle in MUSCLES:
        positive, negative, activation, flat_pos, flat_neg = rates[muscle]
        sustained = _centred_mean(activation, EFFORT_SMOOTHING_S)
        high = sustained >= high_activation(muscle)
        high_s = float(high.sum())
        brief_s = _brief_seconds(high)
        working_s = float(np.sum(activation >= WORKING_ACTIVATION)) - brief_s
        out[muscle] = MuscleLoad(
            positive_work_j_kg=round(float(positive.sum()), 1),
            negative_work_j_kg=round(float(negative.sum()), 1),
            hill_positive_work_j_kg=round(float((positive - flat_pos).sum()), 1),
            hill_negative_work_j_kg=round(float((negative - flat_neg).sum()), 1),
            mean_activation=round(float(activation.mean()), 3),
            peak_activation=round(float(activation.max()), 3),
            time_above_high_s=high_s,
            brief_effort_s=brief_s,
            stimulus=_stimulus(brief_s, working_s),
        )
    return out


def _foot_rates(frame) -> dict[str, tuple[np.ndarray, ...]]:
    speed = np.nan_to_num(frame["speed_m_s"].to_numpy(float))
    grade = frame["grade"].to_numpy(float)
    cadence = None
    if "cadence_spm" in frame:  # 0 is a sensor's "no reading": the model's preferred rate
        cadence = frame["cadence_spm"].to_numpy(float)
        cadence = np.where(cadence > 0, cadence, np.nan)
    # the gait is decided on a 30 s mean speed, so a runner's slow steps on a steep pitch do
    # not flip the model back and forth between walking and running every few seconds
    running = _centred_mean(speed, GAIT_SMOOTHING_S) >= WALK_RUN_SPEED
    run = demand(speed, grade, cadence, mode="run")
    walk = demand(speed, grade, cadence, mode="walk")
    run_flat = demand(speed, 0.0, cadence, mode="run")
    walk_flat = demand(speed, 0.0, cadence, mode="walk")

    def pick(a, b) -> np.ndarray:
        return np.nan_to_num(np.where(running, a, b))

    return {m: (pick(run[m].positive_work, walk[m].positive_work),
                pick(run[m].negative_work, walk[m].negative_work),
                pick(run[m].activation, walk[m].activation),
                pick(run_flat[m].positive_work, walk_flat[m].positive_work),
                pick(run_flat[m].negative_work, walk_flat[m].negative_work)) for m in MUSCLES}


def ride_power_w(frame, mass_kg: float) -> np.ndarray | None:
    """Crank power of a ride (W): measured, or road-load power from speed and grade (rider
    plus BIKE_MASS_KG); None without either."""
    if "power_w" in frame and frame["power_w"].notna().any():
        return np.nan_to_num(frame["power_w"].to_numpy(float))
    if frame["speed_m_s"].notna().any():
        return cycling_power_from_speed(np.nan_to_num(frame["speed_m_s"].to_numpy(float)),
                                        frame["grade"].to_numpy(float), mass_kg + BIKE_MASS_KG)
    return None


def _cycling_rates(frame, mass_kg: float) -> dict[str, tuple[np.ndarray, ...]] | None:
    """Pedalling model on the ride's crank power (:func:`ride_power_w`)."""
    power = ride_power_w(frame, mass_kg)
    if power is None:
        return None
    cadence = None
    if "cadence_rpm" in frame:
        cadence = frame["cadence_rpm"].to_numpy(float)
        cadence = np.where(cadence > 0, cadence, np.nan)
    rates = cycling_demand(power, cadence, body_mass_kg=mass_kg)
    zero = np.zeros(len(frame))
    return {m: (np.nan_to_num(rates[m].positive_work), np.nan_to_num(rates[m].negative_work),
                np.nan_to_num(rates[m].activation),
                np.nan_to_num(rates[m].positive_work), np.nan_to_num(rates[m].negative_work))
            if m in rates else (zero, zero, zero, zero, zero) for m in MUSCLES}


@functools.cache
def high_activation(muscle: str) -> float:
    """The activation (fraction of MVC) from which a second is a high-intensity contraction
    (a constant of the model for each muscle, so computed once)."""
    easy = float(demand(EASY_SPEED_M_S, 0.0, mode="run")[muscle].activation)
    return max(HIGH_ACTIVATION, HIGH_OVER_EASY * easy)


def _centred_mean(values: np.ndarray, window: int) -> np.ndarray:
    kernel = np.ones(window) / window
    padded = np.pad(values, (window // 2, window - 1 - window // 2), mode="edge")
    return np.convolve(padded, kernel, mode="valid")


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
