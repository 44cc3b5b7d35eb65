"""Strength-exercise library: per-muscle activation, roles and hard-set equivalents.

Every exercise gives, for the seven muscle groups (``quadriceps, hamstrings, gluteals,
hip_flexors, calves, tibialis_anterior, peroneals``), an activation as a fraction of the
maximal voluntary isometric contraction (%MVIC / 100) and a role (primary, secondary,
stabiliser, none). Each activation is either

* **published**: the mean of the group's muscles in one study, read from a table kept in
  ``tests/data/published/`` (:data:`~legload.models.exercise.parameters.EXERCISE_PUBLISHED_ACTIVATION`
  names the file, row and column), or
* **fallback**: ``role factor x reference`` with the factors 1.0 / 0.5 / 0.1 / 0 of the
  primary / secondary / stabiliser / none convention
  (:data:`~legload.models.exercise.parameters.EXERCISE_ROLE_FACTORS`). The reference is the largest
  published value among the exercise's primary movers, so that fallback and measured values
  of one exercise share one normalisation; when no primary mover was measured it is
  :data:`~legload.models.exercise.parameters.EXERCISE_FALLBACK_REFERENCE` (0.75).

:func:`activation_sources` says which applies to each number. Running, speed walking, hiking
and cycling are library names too, but their demand depends on speed and grade: their
activation comes from :mod:`legload.models.locomotion.muscles`, and :func:`activation` refuses them.

Sources: Krause Neto et al. 2020, J Sports Sci Med 19:195 (gluteus maximus, pooled);
Contreras et al. 2015, J Appl Biomech 31:452, doi:10.1123/jab.2014-0301; Ebben et al. 2009,
Int J Sports Med 30:1, doi:10.1055/s-2008-1038785 [S]; Hebert-Losier et al. 2012,
J Strength Cond Res 26:3124, doi:10.1519/JSC.0b013e31824435cf; PMC12148905 (2025) Table 3
(deadlifts; citation incomplete); a Nordic/stiff-leg deadlift EMG abstract (citation
incomplete). See ``docs/models/exercises.md``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from types import MappingProxyType

from legload.core.exercise_names import classify
from legload.errors import ModelDomainError
from legload.models.exercise.parameters import PUBLISHED, ExerciseParameters

MUSCLES: tuple[str, ...] = (
    "quadriceps", "hamstrings", "gluteals", "hip_flexors", "calves", "tibialis_anterior",
    "peroneals",
)
ROLES: tuple[str, ...] = ("primary", "secondary", "stabiliser", "none")
SET_TYPES: tuple[str, ...] = ("normal", "warmup", "dropset", "failure")
LOCOMOTION_NOTE = "see models.muscles"

_P, _S, _T, _N = "primary", "secondary", "stabiliser", "none"


@dataclass(frozen=True)
class Exercise:
    """One library entry.

    Attributes:
        name: library name (snake case).
        label: human-readable name.
        roles: muscle group -> role, for the seven groups (empty for locomotion modes).
        external_load: the exercise is normally loaded (bar, machine, dumbbells); a set
            logged with 0 kg and no RIR is then likely a warm-up or a logging gap.
        locomotion: running, walking, hiking or cycling (demand in models.muscles).
    """

    name: str
    label: str
    roles: MappingProxyType
    external_load: bool = True
    locomotion: bool = False


def _roles(q: str, h: str, g: str, hf: str, c: str, ta: str, pe: str) -> MappingProxyType:
    return MappingProxyType(dict(zip(MUSCLES, (q, h, g, hf, c, ta, pe), strict=True)))


_ENTRIES: tuple[Exercise, ...] = (
    #            name                         label                      Q   H   G   HF  C   TA  PE
    Exercise("back_squat", "back squat", _roles(_P, _S, _P, _T, _T, _T, _T)),
    Exercise("front_squat", "front squat", _roles(_P, _T, _S, _T, _T, _T, _T)),
    Exercise("deadlift", "deadlift (conventional)", _roles(_S, _P, _P, _N, _T, _T, _T)),
    Exercise("sumo_deadlift", "sumo deadlift", _roles(_S, _P, _P, _N, _T, _T, _T)),
    Exercise("romanian_deadlift", "Romanian deadlift", _roles(_T, _P, _P, _N, _T, _T, _T)),
    Exercise("good_morning", "good morning", _roles(_T, _P, _S, _N, _T, _N, _N)),
    Exercise("walking_lunge", "walking lunge", _roles(_P, _S, _P, _T, _T, _T, _T)),
    Exercise("split_squat", "split squat", _roles(_P, _S, _P, _T, _T, _T, _T)),
    Exercise("single_leg_squat", "single-leg squat", _roles(_P, _S, _P, _T, _T, _T, _T),
             external_load=False),
    Exercise("step_up", "step-up", _roles(_P, _S, _P, _T, _T, _T, _T)),
    Exercise("hip_thrust", "hip thrust", _roles(_S, _S, _P, _N, _N, _N, _N)),
    Exercise("back_extension", "back extension (hip extension)",
             _roles(_N, _P, _P, _N, _N, _N, _N), external_load=False),
    Exercise("calf_raise_straight_knee", "calf raise (straight knee)",
             _roles(_N, _N, _N, _N, _P, _N, _S)),
    Exercise("calf_raise_bent_knee", "calf raise (bent knee, seated)",
             _roles(_N, _N, _N, _N, _P, _N, _S)),
    Exercise("tibialis_raise", "tibialis raise", _roles(_N, _N, _N, _N, _N, _P, _T),
             external_load=False),
    Exercise("nordic_hamstring_curl", "Nordic hamstring curl",
             _roles(_N, _P, _T, _N, _T, _N, _N), external_load=False),
    Exercise("leg_press", "leg press", _roles(_P, _T, _S, _N, _T, _N, _N)),
    Exercise("leg_extension", "leg extension", _roles(_P, _N, _N, _N, _N, _N, _N)),
    Exercise("leg_curl", "leg curl", _roles(_N, _P, _N, _N, _S, _N, _N)),
    Exercise("leg_raise", "hanging leg or knee raise", _roles(_S, _N, _N, _P, _N, _N, _N),
             external_load=False),
    Exercise("olympic_lift", "Olympic lift (clean, snatch, jerk)",
             _roles(_P, _S, _P, _N, _S, _T, _T)),
    Exercise("jump", "jump (box jump, jump squat, bounds)", _roles(_P, _S, _P, _T, _P, _T, _T),
             external_load=False),
    Exercise("sled", "sled push or drag", _roles(_P, _S, _P, _T, _S, _T, _T)),
    Exercise("running", "running", MappingProxyType({}), external_load=False, locomotion=True),
    Exercise("speed_walking", "speed walking", MappingProxyType({}), external_load=False,
             locomotion=True),
    Exercise("hiking", "hiking", MappingProxyType({}), external_load=False, locomotion=True),
    Exercise("cycling", "cycling", MappingProxyType({}), external_load=False, locomotion=True),
)

#: name -> Exercise
LIBRARY: MappingProxyType = MappingProxyType({e.name: e for e in _ENTRIES})



def _entry(name: str) -> Exercise:
    try:
        return LIBRARY[name]
    except KeyError:
        raise ModelDomainError(
            f"{name!r} is not a library exercise; known: {', '.join(LIBRARY)}") from None


def _strength_entry(name: str) -> Exercise:
    entry = _entry(name)
    if entry.locomotion:
        raise ModelDomainError(
            f"{name} is a locomotion mode: its per-muscle demand depends on speed and grade "
            f"({LOCOMOTION_NOTE}: legload.models.locomotion.muscles.demand)")
    return entry


def _reference(entry: Exercise, params: ExerciseParameters) -> tuple[float, str]:
    """Reference activation of the role fallback for one exercise, and where it comes from."""
    table = {a.group: a for a in params.published_activation if a.exercise == entry.name}
    measured = [(table[m].fraction, m) for m, role in entry.roles.items()
                if role == _P and m in table]
    if measured:
        value, muscle = max(measured)
        return value, f"measured primary mover {muscle}"
    return params.fallback_reference, "library reference activation"


def _table(entry: Exercise, params: ExerciseParameters) -> dict[str, tuple[float, str]]:
    """Activation of each group of ``entry`` and where it comes from: the published mean of the
    cells / 100, else ``role factor x reference`` (the fallback)."""
    reference, ref_source = _reference(entry, params)
    table = {a.group: a for a in params.published_activation if a.exercise == entry.name}
    out: dict[str, tuple[float, str]] = {}
    for muscle, role in entry.roles.items():
        published = table.get(muscle)
        if published is not None:
            cells = "; ".join(
                f"{c.file} [{', '.join(f'{k}={v}' for k, v in c.match)}] {c.column}={c.value:g}"
                for c in published.cells)
            out[muscle] = (published.fraction, f"published: {cells} (mean / 100)")
        else:
            factor = params.role_factors[role]
            out[muscle] = (factor * reference,
                           f"fallback: {role} {factor:g} x {reference:.3f} ({ref_source})")
    return out


def names() -> list[str]:
    """Library names: strength exercises, then the locomotion modes."""
    return list(LIBRARY)


def is_locomotion(name: str) -> bool:
    """True for running, speed_walking, hiking and cycling (activation in models.muscles)."""
    return _entry(name).locomotion


def activation(name: str, *, params: ExerciseParameters = PUBLISHED) -> dict[str, float]:
    """Per-muscle activation of exercise ``name`` as a fraction of MVIC (%MVIC / 100).

    Published values are means of the group's muscles in one study (surface EMG, loads as
    in each study: Krause Neto et al. 2020 J Sports Sci Med 19:195; Contreras et al. 2015
    J Appl Biomech 31:452; Ebben et al. 2009 Int J Sports Med 30:1; Hebert-Losier et al.
    2012 J Strength Cond Res 26:3124; PMC12148905 Table 3). Groups without a number get
    ``role factor x reference`` (1 / 0.5 / 0.1 / 0). Values above 1 occur (step-up
    gluteals 1.25). Raises :class:`ModelDomainError` for unknown names and for the
    locomotion modes, whose activation depends on speed and grade (models.muscles).
    ``params`` (default the published set) gives the table, role factors and reference.
    """
    return {m: v for m, (v, _) in _table(_strength_entry(name), params).items()}


def activation_sources(name: str, *, params: ExerciseParameters = PUBLISHED) -> dict[str, str]:
    """For each muscle group of ``name``: ``"published: <file> [row] column=value ..."``
    or ``"fallback: <role> <factor> x <reference> (...)"``."""
    return {m: s for m, (_, s) in _table(_strength_entry(name), params).items()}


def roles(name: str) -> dict[str, str]:
    """Per-muscle role of ``name``: ``primary``, ``secondary``, ``stabiliser`` or ``none``.

    Roles describe the joint actions (DESIGN section 1); they set the fallback values and
    are not themselves measurements. Locomotion modes raise :class:`ModelDomainError`.
    """
    return dict(_strength_entry(name).roles)


def canonical(name: str) -> str | None:
    """Library name of an app's exercise title (Hevy, Strong, Garmin FIT category), or None.

    None means *not a leg exercise* or *unknown*; use
    :func:`legload.core.exercise_names.classify` to tell them apart. Upper-body and core
    exercises are never mapped to a leg exercise.
    """
    return classify(name).exercise


def effort_credit(reps: float, rir: float | None = None, *, load_kg: float | None = None,
                  external_load: bool = True, set_type: str = "normal",
                  params: ExerciseParameters = PUBLISHED) -> float:
    """Fraction of a hard set that one set counts for its prime mover (0, 0.5 or 1).

    Rules (model choices built on the counting convention of DESIGN section 4.3; RIR from
    RPE as 10 - RPE, Zourdos et al. 2016 J Strength Cond Res 30:267,
    doi:10.1519/JSC.0000000000001049):

    * warm-up sets and sets of 0 reps count 0; failure sets count as RIR 0;
    * RIR <= 3 counts 1; 3 < RIR <= 5 counts 0.5; RIR > 5 counts 0;
    * RIR unknown: reps >= 5 counts 1, fewer reps 0.5; a normally loaded exercise logged
      with 0 kg counts 0.5 (likely a warm-up or a logging gap).

    Load does not otherwise change the count: near failure, low and high loads give similar
    hypertrophy (Schoenfeld et al. 2017 J Strength Cond Res 31:3508,
    doi:10.1519/JSC.0000000000002200). The thresholds (3 and 5 RIR, 5 reps, 0.5) are
    ``params``' (default the published set).
    """
    if set_type not in SET_TYPES:
        raise ModelDomainError(f"set_type must be one of {SET_TYPES}, not {set_type!r}")
    if reps is None or math.isnan(reps) or reps < 0:
        raise ModelDomainError(f"reps must be a number >= 0, not {reps!r}")
    if rir is not None and not math.isnan(rir) and rir < 0:
        raise ModelDomainError(f"RIR must be >= 0, not {rir!r}")
    if load_kg is not None and not math.isnan(load_kg) and load_kg < 0:
        raise ModelDomainError(f"load_kg must be >= 0, not {load_kg!r}")
    if set_type == "warmup" or reps == 0:
        return 0.0
    known = rir is not None and not math.isnan(rir)
    if set_type == "failure" and not known:
        rir, known = 0.0, True
    if known:
        if rir <= params.hard_set_rir_full:
            return 1.0
        return params.hard_set_easy_credit if rir <= params.hard_set_rir_half else 0.0
    if external_load and load_kg is not None and load_kg == 0:
        return params.hard_set_easy_credit
    full = reps >= params.hard_set_min_reps_unknown_rir
    return 1.0 if full else params.hard_set_easy_credit


def hard_set_equivalents(name: str, reps: float, rir: float | None = None,
                         load_kg: float | None = None, body_mass_kg: float | None = None, *,
                         set_type: str = "normal",
                         params: ExerciseParameters = PUBLISHED) -> dict[str, float]:
    """Per-muscle hard-set equivalents of one set of exercise ``name``.

    ``hse[m] = effort_credit(...) x a[m] / max(a)`` where ``a`` is :func:`activation`, so the
    exercise's most activated group gets the full credit; only movers get credit: groups
    with ``a[m] / max(a) < 0.2`` and stabilisers (whose EMG is isometric bracing, e.g. the
    calves and tibialis anterior in a deadlift) get 0 (model choice);
    :func:`activation_sources` cites the number behind each credit. :func:`effort_credit` gives the credit
    (warm-ups 0; RIR <= 3, or RIR unknown with >= 5 reps, 1). ``body_mass_kg`` is checked
    (> 0 when given) but does not change the count: the count is of effort, not of load
    (Schoenfeld et al. 2017, doi:10.1519/JSC.0000000000002200). Where no %MVIC exists the
    common 1 primary / 0.5 secondary convention applies through the fallback activations.
    ``params`` (default the published set) holds every number used.
    """
    entry = _strength_entry(name)
    if body_mass_kg is not None and not (body_mass_kg > 0):
        raise ModelDomainError(f"body_mass_kg must be > 0, not {body_mass_kg!r}")
    credit = effort_credit(reps, rir, load_kg=load_kg, external_load=entry.external_load,
                           set_type=set_type, params=params)
    act = activation(name, params=params)
    top = max(act.values())
    out = {}
    for muscle, value in act.items():
        relative = value / top if top > 0 else 0.0
        keep = (relative >= params.hard_set_min_relative_activation
                and entry.roles[muscle] in (_P, _S))
        out[muscle] = credit * relative if keep else 0.0
    return out


__all__ = [
    "LIBRARY", "LOCOMOTION_NOTE", "MUSCLES", "PUBLISHED", "ROLES", "SET_TYPES", "Exercise",
    "ExerciseParameters", "activation",
    "activation_sources", "canonical", "effort_credit", "hard_set_equivalents",
    "is_locomotion", "names", "roles",
]
