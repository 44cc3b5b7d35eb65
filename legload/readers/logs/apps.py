"""Strength sets of more apps: the Fitbod CSV export, and Hevy workouts shared to Strava.

* **Fitbod** ``WorkoutExport.csv``: ``Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),
  Incline,Resistance,isWarmup,Note,multiplier`` (cells often start with a space; ``Date``
  like ``2022-01-05 22:06:49 +0000``). ``isWarmup`` true → a warm-up set (no hard-set
  credit). ``multiplier`` is Fitbod's volume multiplier: 2.0 for a dumbbell in each hand, so
  the load is ``Weight × multiplier``; for a move done one side at a time (single-arm or
  single-leg, lunges, split squats, step-ups, kickbacks) Fitbod doubles it once more for the
  second side (a dumbbell lunge is 4.0), which is not load: there one factor of 2 is taken
  out. 0.0 (timed holds) leaves the weight as written. A duration or distance of 0 is *not
  recorded*. Every set of one ``Date`` is one workout, "Fitbod".
* **Hevy in Strava** (``activities.csv`` of a Strava bulk export): Hevy writes the sets of a
  workout it shares into the activity's description, an exercise title on its own line
  followed by lines like ``Set 1: 175 lbs x 7`` (``kg`` too, an optional ``@ 8 rpe``) or
  ``Set 2: 12 reps``. Those become the sets of that activity (its ``Activity Date``, UTC);
  descriptions without a line of this shape are not sets and are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from legload.core.units import LB_KG
from legload.errors import ReadError

FITBOD_COLUMNS = frozenset({"Date", "Exercise", "Reps", "isWarmup", "multiplier"})
#: a title done one side at a time: Fitbod's multiplier counts both sides
_ONE_SIDE = re.compile(r"\bsingle\b|\bone[ -](?:arm|leg)\b|\blunges?\b|\bsplit squats?\b"
                       r"|\bstep ?ups?\b|\bkickbacks?\b|\bpistol\b|\bcurtsy\b", re.IGNORECASE)
_SET_LINE = re.compile(
    r"^\s*set\s+(?P<set>\d+)\s*:\s*(?:(?P<weight>[+-]?\d+(?:[.,]\d+)?)\s*(?P<unit>lbs?|kg)\s*"
    r"[x×]\s*)?(?P<reps>\d+)(?:\s*reps?)?(?:\s*@\s*(?P<rpe>\d+(?:[.,]\d+)?)\s*rpe)?\s*$",
    re.IGNORECASE)
_STRAVA_DATE_FORMATS = ("%b %d, %Y, %I:%M:%S %p", "%Y-%m-%d %H:%M:%S")


def _numbers(series: pd.Series) -> pd.Series:
    text = series.astype(str).str.strip().str.replace(",", ".", regex=False)
    return pd.to_numeric(text.where(text != "", None), errors="coerce").astype(float)


def fitbod_sets(raw: pd.DataFrame) -> pd.DataFrame:
    """The rows of a Fitbod ``WorkoutExport.csv`` (strings, columns stripped) as the set
    frame :mod:`.strength` finishes (timestamps still text, read there)."""
    out = pd.DataFrame(index=raw.index)
    out["timestamp"] = raw["Date"].astype(str).str.strip()
    out["workout"] = "Fitbod"
    out["exercise_raw"] = raw["Exercise"].astype(str).str.strip()
    out["reps"] = _numbers(raw["Reps"])
    if "Weight(kg)" in raw:
        weight = _numbers(raw["Weight(kg)"])
    elif "Weight(lbs)" in raw or "Weight(lb)" in raw:
        weight = _numbers(raw["Weight(lbs)" if "Weight(lbs)" in raw else "Weight(lb)"]) * LB_KG
    else:
        weight = pd.Series(np.nan, index=raw.index)
    multiplier = _numbers(raw["multiplier"]).fillna(1.0)
    one_side = out["exercise_raw"].str.contains(_ONE_SIDE) & (multiplier >= 2)
    implements = multiplier.where(~one_side, multiplier / 2).where(multiplier > 0, 1.0)
    out["weight_kg"] = weight * implements
    for column, name in (("duration_s", "Duration(s)"), ("distance_m", "Distance(m)")):
        values = _numbers(raw[name]) if name in raw else pd.Series(np.nan, index=raw.index)
        out[column] = values.where(values != 0)
    out["rir"] = np.nan
    warm = raw["isWarmup"].astype(str).str.strip().str.lower().isin(["true", "1", "yes"])
    out["set_type"] = np.where(warm, "warmup", "normal")
    return out


def is_fitbod(columns: set[str]) -> bool:
    """True for the header of a Fitbod export."""
    return columns >= FITBOD_COLUMNS


def _description_sets(text: str) -> list[tuple[str, dict]]:
    """(exercise title, set fields) for every Hevy set line of one description."""
    found: list[tuple[str, dict]] = []
    title = ""
    for line in text.splitlines():
        match = _SET_LINE.match(line)
        if match is None:
            if line.strip():
                title = line.strip().rstrip(":")
            continue
        if not title:
            continue
        weight = match["weight"]
        kg = float(weight.replace(",", ".")) if weight else np.nan
        if weight and match["unit"].lower().startswith("lb"):
            kg *= LB_KG
        rpe = float(match["rpe"].replace(",", ".")) if match["rpe"] else np.nan
        found.append((title, {"_set": float(match["set"]), "reps": float(match["reps"]),
                              "weight_kg": kg, "rir": 10.0 - rpe if 1 <= rpe <= 10 else np.nan}))
    return found


def has_hevy_sets(data: bytes) -> bool:
    """True when a file holds a line of the Hevy set shape (a cheap test before parsing)."""
    return re.search(rb"(?im)^\s*\"?set\s+\d+\s*:\s*\d", data) is not None


def strava_hevy_sets(pieces: Iterable[pd.DataFrame], source: str) -> pd.DataFrame:
    """Sets written by Hevy into the descriptions of a Strava ``activities.csv`` (its rows as
    strings, a chunk at a time: only the sets are kept), as the set frame :mod:`.strength`
    finishes; ReadError when no description holds any, or when the date of one that does is
    unreadable."""
    frames = [frame for frame in map(_chunk_sets, pieces) if not frame.empty]
    if not frames:
        raise ReadError(source, "no Hevy sets (lines like 'Set 1: 60 kg x 8') in its "
                                "activity descriptions")
    frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    stamps = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    for fmt in _STRAVA_DATE_FORMATS:
        stamps = stamps.fillna(pd.to_datetime(frame["timestamp"], format=fmt, errors="coerce"))
    if stamps.isna().any():
        raise ReadError(source, f"unreadable Activity Date {frame['timestamp'][stamps.isna()].iloc[0]!r}"
                                " of an activity with Hevy sets")
    frame["timestamp"] = stamps.dt.tz_localize("UTC")  # Strava writes its dates in UTC
    return frame


def _chunk_sets(raw: pd.DataFrame) -> pd.DataFrame:
    """The Hevy sets of some rows of a Strava ``activities.csv`` (timestamps still text)."""
    sets = []
    raw = raw[raw["Activity Description"].str.contains("set", case=False, regex=False)]
    names = raw["Activity Name"] if "Activity Name" in raw else pd.Series("", index=raw.index)
    for when, name, text in zip(raw["Activity Date"], names, raw["Activity Description"],
                                strict=True):
        for title, fields in _description_sets(str(text)):
            sets.append({"timestamp": str(when).strip(), "exercise_raw": title,
                         "workout": str(name).strip(), "duration_s": np.nan,
                         "distance_m": np.nan, "set_type": "normal", **fields})
    return pd.DataFrame(sets)


def is_strava_with_descriptions(columns: set[str]) -> bool:
    """True for the header of a Strava ``activities.csv`` that has activity descriptions."""
    return {"Activity Date", "Activity Description"} <= columns


__all__ = ["FITBOD_COLUMNS", "fitbod_sets", "has_hevy_sets", "is_fitbod", "is_strava_with_descriptions",
           "strava_hevy_sets"]
