"""One activity, described: energy, grade-adjusted pace, segments and a session class."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from legload.analysis.muscle_load import MuscleLoad, muscle_load, ride_power_w
from legload.analysis.segments import Segment, climbs, fast_bouts
from legload.core.activity import Activity, ActivityColumns
from legload.core.sports import FOOT_SPORTS
from legload.models.cycling.energy import cycling_metabolic_power
from legload.models.exercise.mets import J_PER_KCAL, met_energy_kcal
from legload.models.exercise.parameters import COMPENDIUM_2011_METS
from legload.models.locomotion.energy import running_cost, walking_cost
from legload.streams import Stream, to_stream
from legload.streams.totals import Totals, settled_totals

#: body mass used when the athlete has not given theirs (kg); the output says so
DEFAULT_MASS_KG = 70.0
#: long run: at least this moving time (s) or distance (m)
LONG_MOVING_S = 90 * 60
LONG_DISTANCE_M = 20_000.0
#: hilly: ascent per km at least this (m/km), or at least this many similar climbs (repeats)
HILLY_M_PER_KM = 20.0
HILL_REPEATS = 3
#: a session with this many sprints / interval work bouts is classed so
SPRINT_SESSION = 4
INTERVAL_SESSION = 3
#: words in an activity's name that mark a race (several languages)
RACE_WORDS = re.compile(r"\b(race|racing|marathon|maraton|halbmarathon|10k|5k|parkrun|verseny|"
                        r"wettkampf|course|carrera|gara)\b", re.IGNORECASE)
_PRIMARY_ORDER = ("race", "treadmill", "intervals", "sprints", "hills", "tempo", "long", "easy")


@dataclass(frozen=True)
class SessionAnalysis:
    """What one activity was: energy, grade-adjusted pace, class, segments, muscle loads.

    :meth:`to_dict` is the body of the ``analyze --json`` document
    (``docs/schemas/analysis.json``), rounded as shown there.
    """

    sport: str
    sub_sport: str
    energy_kcal: float
    mass_kg: float
    mass_source: str
    gap_s_per_km: float | None
    moving_s: float
    distance_m: float
    ascent_m: float
    descent_m: float
    session_class: str
    tags: list[str]
    segments: list[Segment]
    muscles: dict[str, MuscleLoad] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "sport": self.sport,
            "sub_sport": self.sub_sport,
            "energy_kcal": round(self.energy_kcal, 1),
            "mass_kg": self.mass_kg,
            "mass_source": self.mass_source,
            "gap_s_per_km": None if self.gap_s_per_km is None else round(self.gap_s_per_km, 1),
            "moving_s": self.moving_s,
            "distance_m": round(self.distance_m, 1),
            "ascent_m": round(self.ascent_m, 1),
            "descent_m": round(self.descent_m, 1),
            "class": self.session_class,
            "tags": self.tags,
            "segments": [s.to_dict() for s in self.segments],
            "muscles": {name: load.to_dict() for name, load in self.muscles.items()},
            "notes": self.notes,
            "sources": self.sources,
        }


@dataclass(frozen=True)
class ActivityAnalysis:
    """One activity and its analysis: the ``analyze --json`` document is :meth:`to_dict`.

    ``id`` is the database id (None for a file read on the fly); ``start`` is ISO 8601 UTC.
    """

    id: int | None
    source: str | None
    start: str | None
    name: str | None
    session: SessionAnalysis

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "source": self.source, "start": self.start, "name": self.name,
                **self.session.to_dict()}


def analyse_session(activity: Activity | ActivityColumns, *, mass_kg: float | None = None,
                    stream: Stream | None = None, max_speed_m_s: float | None = None,
                    totals: Totals | None = None) -> SessionAnalysis:
    """Describe one activity. ``mass_kg`` defaults to 70 kg, flagged in the result;
    ``max_speed_m_s`` is the athlete's maximal speed, when known (sprints must approach it);
    ``totals``: the figures reported (default :func:`~legload.streams.totals.settled_totals`:
    those an import settled in the summary, else the device's or the stream's)."""
    stream = stream if stream is not None else to_stream(activity)
    mass_source = "athlete" if mass_kg else "default"
    mass = float(mass_kg or DEFAULT_MASS_KG)
    notes = list(stream.flags.get("warnings", []))
    if mass_source == "default":
        notes.append(f"body mass not set: energy uses {DEFAULT_MASS_KG:.0f} kg")
    sport = stream.sport
    segments: list[Segment] = []
    if sport in FOOT_SPORTS:
        laps = activity.lap_frame() if isinstance(activity, ActivityColumns) else activity.laps
        segments = fast_bouts(stream, laps, max_speed_m_s=max_speed_m_s) + climbs(stream)
        segments.sort(key=lambda s: (s.start_s, s.kind))
    session_class, tags = classify(activity, stream, segments)
    totals = totals if totals is not None else settled_totals(activity, stream)
    notes.extend(totals.notes)
    return SessionAnalysis(
        sport=sport, sub_sport=stream.sub_sport,
        energy_kcal=session_energy_kcal(stream, mass, moving_s=totals.moving_s),
        mass_kg=mass, mass_source=mass_source,
        gap_s_per_km=grade_adjusted_pace(stream) if sport in FOOT_SPORTS else None,
        moving_s=totals.moving_s, distance_m=totals.distance_m,
        ascent_m=totals.ascent_m, descent_m=totals.descent_m,
        session_class=session_class, tags=tags, segments=segments,
        muscles=muscle_load(stream, mass_kg=mass), notes=notes, sources=totals.sources,
    )


def _steps(stream: Stream) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal distance of each second (m) and its grade (taken once per frame: the
    energy and the grade-adjusted pace both ask)."""
    def compute() -> tuple[np.ndarray, np.ndarray]:
        step = np.diff(stream.column("distance_m"), prepend=0.0)
        return np.maximum(np.nan_to_num(step), 0.0), stream.column("grade")

    return stream.memo("steps", stream.frame, compute)


def session_energy_kcal(stream: Stream, mass_kg: float, *,
                        moving_s: float | None = None) -> float:
    """Gross energy of the session (kcal).

    Running and walking: Minetti et al. (2002) net cost per metre along the slope times the
    distance, plus 1 MET of resting metabolism over the moving time. Cycling: measured power,
    or road-load power from speed and grade, over a gross efficiency of 0.22. Everything else:
    Compendium METs (Ainsworth et al. 2011) over ``moving_s``, the activity's reported moving
    time (default: the stream's; a squash session's device timer, not its few seconds of
    moving over the ground).
    """
    if stream.moving_s == 0 and not moving_s:
        return 0.0
    timed_s = stream.moving_s if moving_s is None else moving_s
    moving_s = stream.moving_s
    sport = stream.sport
    frame = stream.frame
    if sport in FOOT_SPORTS and not np.isnan(stream.column("speed_m_s")).all():
        step, grade = _steps(stream)
        cost = running_cost(grade) if sport == "running" else walking_cost(grade)
        along_slope = step * np.sqrt(1.0 + grade**2)
        net_j = float(np.sum(cost * along_slope)) * mass_kg
        rest = float(met_energy_kcal(1.0, mass_kg, moving_s))
        return net_j / J_PER_KCAL + rest
    if sport == "cycling":
        power = ride_power_w(frame, mass_kg)
        if power is None:
            return float(met_energy_kcal(COMPENDIUM_2011_METS["cycling_general"].met, mass_kg,
                                         timed_s))
        return float(np.sum(cycling_metabolic_power(power))) / J_PER_KCAL
    key = {"swimming": "swimming_laps_moderate", "strength": "strength_moderate",
           "walking": "walking_moderate", "hiking": "hiking"}.get(sport, "generic")
    return float(met_energy_kcal(COMPENDIUM_2011_METS[key].met, mass_kg, timed_s))


def grade_adjusted_pace(stream: Stream) -> float | None:
    """Moving time per grade-adjusted kilometre (s/km): each metre weighted by the running
    cost of its grade relative to level running (Minetti et al. 2002)."""
    step, grade = _steps(stream)
    if step.sum() <= 0:
        return None
    equivalent_m = float(np.sum(step * np.sqrt(1 + grade**2) * running_cost(grade)
                                / running_cost(0.0)))
    return stream.moving_s / (equivalent_m / 1000.0) if equivalent_m > 0 else None


def classify(activity: Activity | ActivityColumns, stream: Stream,
             segments: list[Segment]) -> tuple[str, list[str]]:
    """Session class (one primary) and all tags that apply."""
    sport, sub = stream.sport, stream.sub_sport
    other = {"walking": "walk", "hiking": "hike", "cycling": "ride", "strength": "strength"}
    if sport != "running":
        primary = other.get(sport, "other")
        return primary, [primary]
    tags = []
    name = activity.summary.get("name") or ""
    if RACE_WORDS.search(name):
        tags.append("race")
    if sub in ("treadmill", "indoor") or stream.flags.get("indoor"):
        tags.append("treadmill")  # FIT indoor_running is a treadmill in practice
    kinds = [s.kind for s in segments]
    if kinds.count("work") >= INTERVAL_SESSION:
        tags.append("intervals")
    if kinds.count("sprint") >= SPRINT_SESSION:
        tags.append("sprints")
    km = stream.distance_m / 1000.0
    climbs_ = [s for s in segments if s.kind == "climb"]
    hilly = km > 0 and stream.ascent_m / km >= HILLY_M_PER_KM
    if hilly or _repeats(climbs_):
        tags.append("hills")
    if "tempo" in kinds:
        tags.append("tempo")
    if stream.moving_s >= LONG_MOVING_S or stream.distance_m >= LONG_DISTANCE_M:
        tags.append("long")
    if not tags:
        tags.append("easy")
    order = _PRIMARY_ORDER
    if hilly:  # on steep ground faster stretches are terrain, not a planned workout
        order = ("race", "treadmill", "hills", *[c for c in order[2:] if c != "hills"])
    primary = next(c for c in order if c in tags or c == "easy")
    return primary, tags


def _repeats(climb_segments: list[Segment]) -> bool:
    """At least HILL_REPEATS climbs of similar gain (within ±50 % of their median)."""
    if len(climb_segments) < HILL_REPEATS:
        return False
    gains = np.array([c.gain_m for c in climb_segments])
    similar = np.abs(gains - np.median(gains)) <= 0.5 * np.median(gains)
    return int(similar.sum()) >= HILL_REPEATS
