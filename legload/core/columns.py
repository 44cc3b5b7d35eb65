"""Canonical column names and units: the nomenclature, in code.

``docs/nomenclature.md`` is generated from and tested against :data:`SAMPLE_COLUMNS`.
Every per-sample channel a reader produces uses one of these names, in these units.
A channel that a file does not record is absent from the frame, never filled with zeros.
"""

from __future__ import annotations

from legload.core.sports import SPORTS

#: column name -> (unit, description). Order is the column order of ``Activity.samples``.
SAMPLE_COLUMNS: dict[str, tuple[str, str]] = {
    "timestamp": ("UTC datetime", "time of the sample, timezone-aware UTC"),
    "lat_deg": ("degree", "WGS84 latitude"),
    "lon_deg": ("degree", "WGS84 longitude"),
    "altitude_m": ("m", "altitude above mean sea level (device's best: enhanced/barometric)"),
    "distance_m": ("m", "cumulative distance recorded by the device"),
    "speed_m_s": ("m/s", "speed recorded by the device"),
    "heart_rate_bpm": ("1/min", "heart rate"),
    "cadence_spm": ("steps/min", "step rate, both feet (run/walk); FIT and TCX per-foot values doubled"),
    "cadence_rpm": ("rev/min", "crank cadence (cycling and other sports)"),
    "power_w": ("W", "mechanical power (native or from a running-power developer field)"),
    "temperature_c": ("degC", "device temperature"),
    "vertical_oscillation_m": ("m", "vertical oscillation of the torso per step"),
    "stance_time_s": ("s", "ground contact time per step"),
    "step_length_m": ("m", "step length"),
}

#: Developer field (Connect IQ, Stryd ...) units as a field description spells them, lower
#: case → (unit of the column, multiplied by, divided by): the value in that unit is the
#: recorded one times the first number over the second (divided, so that 245 ms is exactly
#: 0.245 s). A unit not listed is kept as recorded, and the reader says so.
DEV_UNITS: dict[str, tuple[str, float, float]] = {
    **dict.fromkeys(("s", "sec", "second", "seconds"), ("s", 1, 1)),
    **dict.fromkeys(("ms", "millisecond", "milliseconds"), ("s", 1, 1000)),
    **dict.fromkeys(("min", "minute", "minutes"), ("s", 60, 1)),
    **dict.fromkeys(("m", "meter", "meters", "metre", "metres"), ("m", 1, 1)),
    **dict.fromkeys(("mm", "millimeter", "millimeters", "millimetre", "millimetres"),
                    ("m", 1, 1000)),
    **dict.fromkeys(("cm", "centimeter", "centimeters", "centimetre", "centimetres"),
                    ("m", 1, 100)),
    **dict.fromkeys(("km", "kilometer", "kilometers", "kilometre", "kilometres"),
                    ("m", 1000, 1)),
    **dict.fromkeys(("m/s", "mps"), ("m/s", 1, 1)),
    **dict.fromkeys(("km/h", "kph", "kmh"), ("m/s", 1, 3.6)),
    **dict.fromkeys(("w", "watt", "watts"), ("W", 1, 1)),
    "n/m": ("N/m", 1, 1), "kn/m": ("N/m", 1000, 1),
    **dict.fromkeys(("c", "degc", "°c", "degrees c", "celsius"), ("degC", 1, 1)),
    **dict.fromkeys(("bpm", "1/min"), ("1/min", 1, 1)),
    "rpm": ("rev/min", 1, 1), "spm": ("steps/min", 1, 1),
    "kg": ("kg", 1, 1), "g": ("kg", 1, 1000),
    "j": ("J", 1, 1), "kj": ("J", 1000, 1), "kcal": ("J", 4184, 1),
    "pa": ("Pa", 1, 1), "kpa": ("Pa", 1000, 1), "psi": ("Pa", 6894.757, 1),
    "%": ("%", 1, 1),
}

#: Developer fields with a canonical sample column, by their name (lower case, ``_`` for
#: other characters): (column, units it must be in once converted). The column is filled from
#: the developer field only when the device recorded no native channel of its own; a field
#: named ``power`` with no unit is taken as watts, as running-power apps write it.
DEV_CANONICAL: dict[str, tuple[str, tuple[str, ...]]] = {
    "power": ("power_w", ("W", "")),
    "ground_time": ("stance_time_s", ("s",)),
    "ground_contact_time": ("stance_time_s", ("s",)),
    "vertical_oscillation": ("vertical_oscillation_m", ("m",)),
    "step_length": ("step_length_m", ("m",)),
    "speed": ("speed_m_s", ("m/s",)),
    "distance": ("distance_m", ("m",)),
    "elevation": ("altitude_m", ("m",)),
    "altitude": ("altitude_m", ("m",)),
}

#: Lap table columns.
LAP_COLUMNS: dict[str, tuple[str, str]] = {
    "start": ("UTC datetime", "lap start"),
    "elapsed_s": ("s", "total elapsed time of the lap"),
    "timer_s": ("s", "timer (moving, unpaused) time of the lap"),
    "distance_m": ("m", "lap distance"),
    "intensity": ("", "active, rest, warmup, cooldown, recovery, interval, other (when recorded)"),
    "trigger": ("", "manual, distance, time, position, session_end, ... (when recorded)"),
}

#: Summary keys of ``Activity.summary``.
SUMMARY_KEYS: dict[str, tuple[str, str]] = {
    "format": ("", "fit, gpx or tcx"),
    "sport": ("", "running, walking, hiking, cycling, swimming, strength, other ..."),
    "sub_sport": ("", "road, trail, treadmill, track, indoor, virtual ... or generic"),
    "name": ("", "activity name, when the file or export gives one"),
    "start": ("ISO 8601 UTC", "time of the first sample (or the session start)"),
    "duration_s": ("s", "elapsed time (the session total when recorded, else first to last sample)"),
    "moving_s": ("s", "time spent moving (device timer time when recorded)"),
    "distance_m": ("m", "total distance"),
    "ascent_m": ("m", "total ascent"),
    "descent_m": ("m", "total descent"),
    "samples": ("", "number of samples"),
    "device": ("", "manufacturer/product, when known"),
    "channels": ("", "channels present: gps, altitude, heart_rate, cadence, power, speed, distance"),
    "derived_columns": ("", "sample columns derived, not recorded (GPX: distance_m, speed_m_s)"),
}


__all__ = ["DEV_CANONICAL", "DEV_UNITS", "LAP_COLUMNS", "SAMPLE_COLUMNS", "SPORTS",
           "SUMMARY_KEYS"]
