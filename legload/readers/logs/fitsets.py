"""Strength sets of a FIT activity's ``set`` messages (watches that count reps and log lifts)."""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from legload.core.exercise_names import classify
from legload.readers.logs.strength import SET_COLUMNS

_FIT_EPOCH_S = 631_065_600


def _fit_name(type_name: str, value: float) -> str | None:
    from legload.readers.fit.decode import enum_name

    return enum_name(type_name, value)


def _first(value) -> float:
    arr = np.atleast_1d(np.asarray(value, dtype=float))
    finite = arr[~np.isnan(arr)]
    return float(finite[0]) if finite.size else math.nan


def fit_sets(messages: Mapping[str, np.ndarray], workout: str = "") -> pd.DataFrame:
    """Sets of a FIT strength activity: ``fit_decode.decode(data).table("set")`` -> frame.

    Columns as :data:`SET_COLUMNS`. Rest sets (``set_type`` 0) are dropped. The exercise is
    the ``category_subtype`` name (``{category}_exercise_name`` of the FIT profile, e.g.
    ``barbell_front_squat``) when it classifies, else the ``category`` name (``squat``);
    ``exercise_raw`` holds that name. ``weight`` is in kg (profile scale 16), ``duration``
    in s; ``timestamp`` is ``start_time`` when present (FIT times are UTC).
    """
    from legload.readers.fit.decode import numbers_only

    messages = numbers_only(dict(messages))  # a damaged definition can make a number text
    n = len(messages.get("_offset", messages.get("timestamp", [])))
    rows = []
    for i in range(n):
        kind = _first(messages["set_type"][i]) if "set_type" in messages else 1.0
        if kind == 0:  # rest
            continue
        category = _first(messages["category"][i]) if "category" in messages else math.nan
        subtype = (_first(messages["category_subtype"][i])
                   if "category_subtype" in messages else math.nan)
        cat_name = _fit_name("exercise_category", category) or "unknown"
        sub_name = (_fit_name(f"{cat_name}_exercise_name", subtype)
                    if not math.isnan(subtype) else None)
        raw_name = cat_name
        if sub_name and classify(sub_name).kind != "unknown":
            raw_name = sub_name
        start = _first(messages["start_time"][i]) if "start_time" in messages else math.nan
        if math.isnan(start) and "timestamp" in messages:
            start = _first(messages["timestamp"][i])
        stamp = (pd.Timestamp(start + _FIT_EPOCH_S, unit="s", tz="UTC")
                 if not math.isnan(start) else pd.NaT)
        rows.append({
            "timestamp": stamp, "workout": workout, "exercise_raw": raw_name,
            "reps": _first(messages["repetitions"][i]) if "repetitions" in messages else math.nan,
            "weight_kg": _first(messages["weight"][i]) if "weight" in messages else math.nan,
            "duration_s": _first(messages["duration"][i]) if "duration" in messages else math.nan,
            "distance_m": math.nan, "rir": math.nan, "set_type": "normal",
        })
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in SET_COLUMNS})
    frame = pd.DataFrame(rows)
    frame["exercise"] = frame["exercise_raw"].map(
        lambda s: classify(s).exercise if classify(s).kind == "leg" else None)
    run = (frame["exercise_raw"] != frame["exercise_raw"].shift()).cumsum()
    frame["set_index"] = frame.groupby(run).cumcount() + 1
    frame["timestamp"] = pd.to_datetime(frame["timestamp"], utc=True)
    for c in ("reps", "weight_kg", "duration_s", "distance_m", "rir"):
        frame[c] = frame[c].astype(float)
    frame["exercise"] = frame["exercise"].astype(object).where(frame["exercise"].notna(), None)
    return frame[list(SET_COLUMNS)]


__all__ = ["fit_sets"]
