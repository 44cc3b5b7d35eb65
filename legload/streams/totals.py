"""One set of numbers per activity: the device's session totals or the cleaned stream's.

A device's own totals are measurements: it integrates distance and ascent at a higher rate than
it stores samples, its barometer resolves steps the stored altitude rounds away, and its timer
is the time its owner reads on the watch. So, for FIT and TCX files (whose sessions and laps
carry totals):

* ``moving_s`` — the device's timer time (FIT ``total_timer_time``, TCX lap timer times);
  it counts stops made with the timer running, which the stream leaves out;
* ``distance_m`` — the device's total distance when above 0;
* ``ascent_m`` / ``descent_m`` — the device's totals when recorded (not merely computed from
  the stored altitude by the reader) and not 0 against a stream that climbs.

Everything else — GPX files, which carry no totals, and any total the device did not record —
comes from the cleaned stream (gaps while moving bridged, pauses removed, altitude smoothed).
:class:`Totals` says for each figure which was used, and a note says why where the two differ
by more than 2 % (moving time, distance) or 10 % (ascent).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from legload.core.activity import Activity, ActivityColumns, climb_m, samples_of
from legload.streams.stream import Stream

#: formats whose summaries hold the device's own session totals
DEVICE_TOTAL_FORMATS = frozenset({"fit", "tcx", "apple_health"})  # Apple: the watch's workout totals
#: relative differences worth a note
NOTE_TIME_DISTANCE = 0.02
NOTE_ASCENT = 0.10
#: a device ascent of 0 is not believed against a stream climbing at least this much (m)
ZERO_ASCENT_STREAM_M = 10.0
_FIGURES = ("moving_s", "distance_m", "ascent_m", "descent_m")


@dataclass(frozen=True)
class Totals:
    """The figures reported for one activity and where each came from.

    Attributes:
        moving_s, distance_m, ascent_m, descent_m: the reported figures (s, m).
        sources: figure name → ``"device"`` or ``"stream"``.
        notes: one line per figure where device and stream differ notably.
    """

    moving_s: float
    distance_m: float
    ascent_m: float
    descent_m: float
    sources: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def as_summary(self) -> dict[str, float]:
        """The four figures under their summary keys."""
        return {name: float(getattr(self, name)) for name in _FIGURES}


def session_totals(activity: Activity | ActivityColumns, stream: Stream) -> Totals:
    """The activity's figures: device totals where recorded, else the stream's (module doc)."""
    device = device_totals(activity, stream)
    measured = _measured(stream)
    chosen, sources, notes = {}, {}, []
    for name in _FIGURES:
        value = device.get(name)
        if value is None:
            chosen[name], sources[name] = measured[name], "stream"
            continue
        chosen[name], sources[name] = value, "device"
        note = _difference_note(name, value, measured[name])
        if note:
            notes.append(note)
    return Totals(**chosen, sources=sources, notes=notes)


def settled_totals(activity: Activity, stream: Stream) -> Totals:
    """The figures an import settled in the activity's summary (``summary["sources"]``, set
    with the figures from :func:`session_totals` of the activity as read), with the notes of
    those taken from the device; :func:`session_totals` when the summary holds none. A
    stored activity's summary carries the chosen figures already: asked again, the device's
    test would take the stream's figures written there for the device's."""
    summary = activity.summary or {}
    sources = summary.get("sources")
    if not isinstance(sources, dict) or any(
            sources.get(name) not in ("device", "stream") or _finite(summary.get(name)) is None
            for name in _FIGURES):
        return session_totals(activity, stream)
    measured = _measured(stream)
    chosen = {name: float(summary[name]) for name in _FIGURES}
    notes = [note for name in _FIGURES if sources[name] == "device"
             and (note := _difference_note(name, chosen[name], measured[name]))]
    return Totals(**chosen, sources={name: sources[name] for name in _FIGURES}, notes=notes)


def _measured(stream: Stream) -> dict[str, float]:
    return {"moving_s": stream.moving_s, "distance_m": stream.distance_m,
            "ascent_m": stream.ascent_m, "descent_m": stream.descent_m}


def device_totals(activity: Activity | ActivityColumns,
                  stream: Stream | None = None) -> dict[str, float]:
    """The session totals the device itself recorded (empty for GPX, or FIT without session);
    ``stream``, the activity's, keeps what is computed from the samples for a second call."""
    summary = activity.summary or {}
    if summary.get("format") not in DEVICE_TOTAL_FORMATS:
        return {}
    if any("no session message" in str(w) for w in activity.warnings or []):
        return {}
    out: dict[str, float] = {}
    moving = _finite(summary.get("moving_s"))
    if moving is not None and moving > 0:
        out["moving_s"] = moving
    distance = _finite(summary.get("distance_m"))
    if distance is not None and distance > 0:
        out["distance_m"] = distance
    ascent, descent = _finite(summary.get("ascent_m")), _finite(summary.get("descent_m"))
    if ascent is not None and descent is not None and _recorded_climb(activity, ascent, descent, stream):
        out["ascent_m"], out["descent_m"] = ascent, descent
    return out


def _recorded_climb(activity: Activity | ActivityColumns, ascent: float, descent: float,
                    stream: Stream | None) -> bool:
    """True when the summary's ascent is the device's (not the reader's from the samples)."""
    samples = samples_of(activity)
    if samples is None or "altitude_m" not in samples:
        return ascent > 0 or descent > 0
    def compute() -> tuple[float, float]:
        return climb_m(np.asarray(samples["altitude_m"], dtype=float))

    computed = compute() if stream is None else stream.memo("samples_climb", samples, compute)
    if math.isclose(ascent, computed[0], abs_tol=1e-6) and \
            math.isclose(descent, computed[1], abs_tol=1e-6):
        return False  # the reader's climb over the stored samples: the stream does better
    return ascent > 0 or computed[0] < ZERO_ASCENT_STREAM_M


def _difference_note(name: str, device: float, stream: float) -> str | None:
    limit = NOTE_ASCENT if name in ("ascent_m", "descent_m") else NOTE_TIME_DISTANCE
    if abs(device - stream) <= limit * max(abs(device), 1.0):
        return None
    why = {
        "moving_s": "the device's timer, which also counts stops made with the timer running",
        "distance_m": "the device's total, integrated at its own sampling rate",
        "ascent_m": "the device's total (its altimeter resolves more than the stored samples)",
        "descent_m": "the device's total (its altimeter resolves more than the stored samples)",
    }[name]
    unit = "s" if name == "moving_s" else "m"
    return (f"{name}: {device:.0f} {unit} reported, {why}; the cleaned stream gives "
            f"{stream:.0f} {unit}")


def _finite(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None
