"""The weekly per-muscle ledger of one athlete: runs, walks, rides and lifting in one table.

Columns per (week, muscle): ``endurance_load`` (J/kg of positive work in locomotion),
``eccentric_load`` (J/kg of negative work), ``brief_effort_s`` (seconds of brief,
near-maximal running efforts), ``lifting_sets`` (hard-set equivalents from strength sets),
``strength_stimulus`` (lifting sets plus brief running efforts counted as sets),
``sessions`` and ``terrain_eccentric_load`` (J/kg of eccentric work the terrain added: each
activity's work at the recorded grade less the same speed on the level, counted from 0).
Weeks start on Monday (ISO weeks), in UTC. :func:`daily_loads` gives the per-day positive
work of each muscle for the acute:chronic ratio. Both read the session results as columns
(:class:`SessionLoads`), built once per report.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain

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


def session_starts(results: list[dict]) -> pd.DatetimeIndex:
    """The start of each session result (ISO 8601 text or a timestamp; naive means UTC) as
    naive UTC times, NaT where unknown: one parse for the whole list."""
    stamps = pd.to_datetime(pd.Index([r["start"] for r in results], dtype=object), utc=True,
                            format="ISO8601")
    return stamps.tz_localize(None)


@dataclass(frozen=True)
class SessionLoads:
    """Session results as columns: each session's start (naive UTC, :func:`session_starts`)
    and one entry per (session, muscle) in the results' order, with the session it belongs
    to and the loads the ledgers read (J/kg; seconds of brief effort)."""

    starts: pd.DatetimeIndex
    session: np.ndarray  # int: the session of each entry
    muscle: np.ndarray  # object: the muscle of each entry
    positive: np.ndarray
    negative: np.ndarray
    brief: np.ndarray
    terrain: np.ndarray  # eccentric work the terrain added, counted from 0

    @classmethod
    def of(cls, results: list[dict]) -> SessionLoads:
        muscles = [r.get("muscles") or {} for r in results]
        loads = [load for entry in muscles for load in entry.values()]
        values = np.fromiter(chain.from_iterable(map(_values, loads)), float,
                             4 * len(loads)).reshape(len(loads), 4).T
        return cls(
            starts=session_starts(results),
            session=np.repeat(np.arange(len(results)),
                              np.fromiter(map(len, muscles), int, len(muscles))),
            muscle=np.array([name for entry in muscles for name in entry], dtype=object),
            positive=values[0], negative=values[1], brief=values[2],
            terrain=np.where(values[3] < 0.0, 0.0, values[3]))  # max(hill, 0.0), -0.0 kept

    def of_sessions(self, keep: np.ndarray) -> SessionLoads:
        """The sessions where ``keep`` (a mask over sessions) is True, renumbered."""
        entries = keep[self.session]
        return SessionLoads(
            starts=self.starts[keep], session=(np.cumsum(keep) - 1)[self.session[entries]],
            muscle=self.muscle[entries], positive=self.positive[entries],
            negative=self.negative[entries], brief=self.brief[entries],
            terrain=self.terrain[entries])

    def entry_starts(self, shift: pd.Timedelta | None = None) -> pd.DatetimeIndex:
        """The start of each entry's session, moved by ``shift``."""
        starts = self.starts if shift is None else self.starts + shift
        return starts[self.session]


def _values(load: dict) -> tuple[float, float, float, float]:
    """(positive, negative, brief effort, hill negative) of one muscle's load in a result."""
    return (load["positive_work_j_kg"], load["negative_work_j_kg"],
            load.get("brief_effort_s", 0.0), load.get("hill_negative_work_j_kg", 0.0))


def weekly_ledger(results: list[dict] | SessionLoads, sets: pd.DataFrame,
                  shift: pd.Timedelta | None = None,
                  last_week: pd.Timestamp | None = None) -> pd.DataFrame:
    """Per (week, muscle) ledger from session results and strength sets (rows filled with 0
    for every week between the first and the last entry, or ``last_week`` when later, so
    gaps are weeks of rest); times moved by ``shift`` first when given (the report's 7-day
    blocks)."""
    loads = results if isinstance(results, SessionLoads) else SessionLoads.of(results)
    n = len(loads.muscle)
    lifting_at, lifting_muscle, lifting = _set_credits(sets, shift)
    frame = pd.DataFrame({
        "week": _monday(loads.entry_starts(shift).append(lifting_at)),
        "muscle": _names(np.concatenate([loads.muscle, lifting_muscle])),
        "endurance_load": _padded(loads.positive, len(lifting)),
        "eccentric_load": _padded(loads.negative, len(lifting)),
        "brief_effort_s": _padded(loads.brief, len(lifting)),
        "terrain_eccentric_load": _padded(loads.terrain, len(lifting)),
        "lifting_sets": np.concatenate([np.zeros(n), lifting]),
        "sessions": np.concatenate([np.ones(n, dtype=np.int64),
                                    np.zeros(len(lifting), dtype=np.int64)])})
    if frame.empty:
        return pd.DataFrame(columns=["week", "muscle", *COLUMNS])
    weekly = frame.groupby(["week", "muscle"], as_index=False)[list(_SUMMED)].sum()
    last = weekly["week"].max() if last_week is None else max(last_week, weekly["week"].max())
    weeks = pd.date_range(weekly["week"].min(), last, freq="7D")
    full = pd.MultiIndex.from_product([weeks, MUSCLES], names=["week", "muscle"])
    weekly = weekly.set_index(["week", "muscle"]).reindex(full, fill_value=0.0).reset_index()
    weekly["strength_stimulus"] = (weekly["lifting_sets"]
                                   + weekly["brief_effort_s"] / BRIEF_EFFORT_S_PER_SET)
    return weekly[["week", "muscle", *COLUMNS]]


def _set_credits(sets: pd.DataFrame, shift: pd.Timedelta | None
                 ) -> tuple[pd.DatetimeIndex, list[str], np.ndarray]:
    """(time, muscle, hard-set equivalents) of each muscle credited by each strength set of
    a known exercise, in the log's order; times naive UTC, moved by ``shift``."""
    at, muscles, values = [], [], []
    if len(sets):
        stamps = pd.to_datetime(sets["timestamp"], utc=True).dt.tz_localize(None)
        sets = sets.assign(timestamp=stamps if shift is None else stamps + shift,
                           reps=pd.to_numeric(sets["reps"], errors="coerce"),
                           rir=pd.to_numeric(sets["rir"], errors="coerce"))
    for row in sets.itertuples(index=False) if len(sets) else ():
        if not isinstance(row.exercise, str):
            continue
        reps = row.reps if np.isfinite(row.reps) else 0.0
        rir = None if not np.isfinite(row.rir) else row.rir
        credit = hard_set_equivalents(row.exercise, reps, rir, set_type=row.set_type or "normal")
        for muscle, value in credit.items():
            at.append(row.timestamp)
            muscles.append(muscle)
            values.append(value)
    return pd.DatetimeIndex(at, dtype="datetime64[ns]"), muscles, np.array(values, dtype=float)


def _monday(stamps: pd.DatetimeIndex) -> pd.DatetimeIndex:
    """Monday (date) of the ISO week of each naive UTC time."""
    days = stamps.normalize()
    return days - pd.to_timedelta(days.day_of_week, unit="D")


def _names(muscles: np.ndarray) -> pd.Series:
    """Muscle names as a column to group by, kept as Python strings (not converted to a
    string array: the ledgers' rows take their names from :data:`MUSCLES`)."""
    return pd.Series(muscles, dtype=object)


def _padded(values: np.ndarray, zeros: int) -> np.ndarray:
    return np.concatenate([values, np.zeros(zeros)])


def daily_loads(results: list[dict] | SessionLoads,
                end: pd.Timestamp | None = None) -> pd.DataFrame:
    """Positive work (J/kg) of each muscle per UTC day, one column per muscle, every day from
    the first activity to ``end`` (default the last activity's day) with rest days as 0."""
    loads = results if isinstance(results, SessionLoads) else SessionLoads.of(results)
    if not len(loads.muscle):
        return pd.DataFrame(columns=list(MUSCLES))
    frame = pd.DataFrame({"day": loads.entry_starts().normalize(),
                          "muscle": _names(loads.muscle), "load": loads.positive})
    table = frame.groupby(["day", "muscle"])["load"].sum().unstack("muscle")
    last = table.index.max() if end is None else max(pd.Timestamp(end), table.index.max())
    days = pd.date_range(table.index.min(), last, freq="D")
    return table.reindex(index=days, columns=list(MUSCLES)).fillna(0.0)
