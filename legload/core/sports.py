"""Sport names, the sets of sports that models treat alike, and the sport of a file that
names none.

Readers map every file's sport onto :data:`SPORTS`; the locomotion models apply to
:data:`FOOT_SPORTS` (running, walking, hiking), cycling models to ``"cycling"``. A GPX or
TCX file may name its sport only in free text (:func:`sport_from_words`) or not at all
(:func:`sport_from_motion`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

#: every sport name an Activity's summary may carry
SPORTS = ("running", "walking", "hiking", "cycling", "swimming", "strength", "other")

#: sports done on foot: the running/walking muscle and energy models apply
FOOT_SPORTS = frozenset({"running", "walking", "hiking"})

#: average moving speed (m/s) below which a track of unknown sport is taken as on foot
_FOOT_SPEED_M_S = 2.0
#: climb per distance above which a slow track of unknown sport is a hike rather than a walk
_HIKE_CLIMB_PER_M = 0.08
#: average moving speed (m/s) below which a steep track of unknown sport is taken as a hike
_HIKE_SPEED_M_S = 2.5

_KEYWORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("running", re.compile(r"\b(run|runs|running|jog|jogging|corrida|hardlopen|lauf|laufen)\b")),
    ("cycling", re.compile(r"\b(ride|riding|bike|biking|cycling|fietsen|radfahren|ciclismo)\b")),
    ("hiking", re.compile(r"\b(hike|hiking|trek|trekking|wanderung)\b")),
    ("walking", re.compile(r"\b(walk|walking|wandeling|caminhada|spaziergang)\b")),
    ("swimming", re.compile(r"\b(swim|swimming)\b")),
)


def sport_from_words(*texts: str | None) -> str | None:
    """Sport named in free text (a track type or name such as "Morning Run"), or None."""
    for text in texts:
        if not text:
            continue
        lowered = text.lower().replace("_", " ")
        for sport, pattern in _KEYWORDS:
            if pattern.search(lowered):
                return sport
    return None


def sport_from_motion(samples: pd.DataFrame | Mapping[str, Any]) -> str:
    """``walking`` or ``hiking`` for a slow track of unknown sport, else ``other``.

    A track that climbs more than 40 m per km at an average moving speed below 2.5 m/s
    (9 km/h, counting descents) is a hike; a flatter one below 2.0 m/s (7.2 km/h, faster
    than a brisk walk, slower than almost any run) is a walk. Anything faster stays
    ``other``: running and cycling speeds overlap. This is a fallback for files that name
    no sport at all; a sport the file (or an export's index) names always wins.
    """
    # imported here: legload.core.activity imports the column names, which import SPORTS
    from legload.core.activity import climb_m, haversine_m, naive_utc

    times = naive_utc(samples["timestamp"]) if "timestamp" in samples else np.zeros(0, "M8[ns]")
    if len(times) < 2:
        return "other"
    seconds = np.diff(times) / np.timedelta64(1, "s")
    distance_m = np.asarray(samples["distance_m"], float) if "distance_m" in samples else None
    if distance_m is not None and np.count_nonzero(~np.isnan(distance_m)) >= 2:
        step = np.diff(pd.Series(distance_m).ffill().to_numpy(float))
    elif "lat_deg" in samples and "lon_deg" in samples:
        lat, lon = np.asarray(samples["lat_deg"], float), np.asarray(samples["lon_deg"], float)
        step = haversine_m(lat[:-1], lon[:-1], lat[1:], lon[1:])
    else:
        return "other"
    ok = np.isfinite(step) & np.isfinite(seconds) & (seconds > 0) & (seconds <= 120)
    speed = np.where(ok, step / np.where(seconds > 0, seconds, 1.0), 0.0)
    moving = ok & (speed > 0.3) & (speed < 30.0)
    if moving.sum() < 10:
        return "other"
    distance = float(step[moving].sum())
    mean_speed = distance / float(seconds[moving].sum())
    steep = False
    if "altitude_m" in samples:
        ascent, _ = climb_m(np.asarray(samples["altitude_m"], float))
        steep = distance > 0 and ascent / distance > _HIKE_CLIMB_PER_M
    if steep and mean_speed < _HIKE_SPEED_M_S:
        return "hiking"
    if mean_speed < _FOOT_SPEED_M_S:
        return "walking"
    return "other"


__all__ = ["FOOT_SPORTS", "SPORTS", "sport_from_motion", "sport_from_words"]
