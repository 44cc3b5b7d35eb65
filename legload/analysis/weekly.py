"""The weekly per-muscle ledger of one athlete: runs, walks, rides and lifting in one table.

Columns per (week, muscle): ``endurance_load`` (J/kg of positive work in locomotion),
``eccentric_load`` (J/kg of negative work), ``brief_effort_s`` (seconds of brief,
near-maximal running efforts), ``lifting_sets`` (hard-set equivalents from strength sets),
``strength_stimulus`` (lifting sets plus brief running efforts counted as sets),
``sessions`` and ``terrain_eccentric_load`` (J/kg of eccentric work the terrain added: each
activity's work at the recorded grade less the same speed on the level, counted from 0).
Weeks start on Monday (ISO weeks), in UTC. :func:`daily_loads` gives the per-day positive
work of each muscle for the acute:chronic ratio.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from legload.models.exercise.library import hard_set_equivalents
from legload.models.locomotion.muscles import MUSCLES

#: bump when a model change should invalidate the cached per-activity analyses
MODEL_VERSION = "2026.11-2"
#: seconds of brief near-maximal running effort counted as one hard set. A hard set of 6-12
#: repetitions lasts about 20-40 s of near-maximal contractions; 30 s is the convention used
#: here (a model choice, tagged [M] in docs/models/adaptation.md)
BRIEF_EFFORT_S_PER_SET = 30.0
COLUMNS = ("endurance_load", "eccentric_load", "brief_effort_s", "lifting_sets",
           "strength_stimulus", "sessions", "terrain_eccentric_load")
_SUMMED = ("endurance_load", "eccentric_load", "brief_effort_s", "lifting_sets", "sessions",
           "terrain_eccentric_load")


def week_of(timestamps: pd.Series) -> pd.Series:
    """Monday (UTC date) of the ISO week of each timestamp."""
    stamps = pd.to_datetime(timestamps, utc=True).dt.tz_localize(None).dt.normalize()
    return stamps - pd.to_timedelta(stamps.dt.day_of_week, unit="D")


def weekly_ledger(results: list[dict], sets: pd.DataFrame) -> pd.DataFrame:
    """Per (week, muscle) ledger from session results and strength sets (rows filled with 0
    for every week between the first and the last entry, so gaps are weeks of rest)."""
    rows = []  # tuples, not one dict per row: the same frame, built quicker
    for result in results:
        for muscle, load in (result.get("muscles") or {}).items():
            rows.append((result["start"], muscle, load["positive_work_j_kg"],
                         load["negative_work_j_kg"], load.get("brief_effort_s", 0.0),
                         max(load.get("hill_negative_work_j_kg", 0.0), 0.0), 0.0, 1))
    sets = sets.assign(reps=pd.to_numeric(sets["reps"], errors="coerce"),
                       rir=pd.to_numeric(sets["rir"], errors="coerce")) if len(sets) else sets
    for row in sets.itertuples(index=False):
        if not isinstance(row.exercise, str):
            continue
        reps = row.reps if np.isfinite(row.reps) else 0.0
        rir = None if not np.isfinite(row.rir) else row.rir
        credit = hard_set_equivalents(row.exercise, reps, rir, set_type=row.set_type or "normal")
        for muscle, value in credit.items():
            rows.append((row.timestamp, muscle, 0.0, 0.0, 0.0, 0.0, value, 0))
    if not rows:
        return pd.DataFrame(columns=["week", "muscle", *COLUMNS])
    frame = pd.DataFrame(rows, columns=list(_ROW))
    frame["week"] = week_of(frame["start"])
    weekly = frame.groupby(["week", "muscle"], as_index=False)[list(_SUMMED)].sum()
    weeks = pd.date_range(weekly["week"].min(), weekly["week"].max(), freq="7D")
    full = pd.MultiIndex.from_product([weeks, MUSCLES], names=["week", "muscle"])
    weekly = weekly.set_index(["week", "muscle"]).reindex(full, fill_value=0.0).reset_index()
    weekly["strength_stimulus"] = (weekly["lifting_sets"]
                                   + weekly["brief_effort_s"] / BRIEF_EFFORT_S_PER_SET)
    return weekly[["week", "muscle", *COLUMNS]]


#: the columns of one ledger entry (a row of :func:`weekly_ledger`'s frame before the sums)
_ROW = ("start", "muscle", "endurance_load", "eccentric_load", "brief_effort_s",
        "terrain_eccentric_load", "lifting_sets", "sessions")


def daily_loads(results: list[dict], end: pd.Timestamp | None = None) -> pd.DataFrame:
    """Positive work (J/kg) of each muscle per UTC day, one column per muscle, every day from
    the first activity to ``end`` (default the last activity's day) with rest days as 0."""
    rows = [(result["start"], muscle, load["positive_work_j_kg"])
            for result in results for muscle, load in (result.get("muscles") or {}).items()]
    if not rows:
        return pd.DataFrame(columns=list(MUSCLES))
    frame = pd.DataFrame(rows, columns=["day", "muscle", "load"])
    frame["day"] = pd.to_datetime(frame["day"], utc=True).dt.tz_localize(None).dt.normalize()
    table = frame.pivot_table(index="day", columns="muscle", values="load", aggfunc="sum")
    last = table.index.max() if end is None else max(pd.Timestamp(end), table.index.max())
    days = pd.date_range(table.index.min(), last, freq="D")
    return table.reindex(index=days, columns=list(MUSCLES)).fillna(0.0)
