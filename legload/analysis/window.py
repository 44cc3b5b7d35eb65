"""The report's window: 7-day blocks ending on ``--until``, and what lies outside it.

Pure: lists and frames in, timestamps and sentences out. Times are naive UTC.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from legload.analysis.weekly import SessionLoads, weekly_ledger

#: weeks without data at the end of the window before the report says the data are stale
STALE_WEEKS = 4


@dataclass(frozen=True)
class Window:
    """The report's window: ``weeks`` 7-day blocks, the last ending on ``until``; ``start``
    and ``end`` (exclusive) are naive UTC midnights, ``last_week`` the last block's first day."""

    until: dt.date
    weeks: int
    start: pd.Timestamp
    end: pd.Timestamp
    last_week: pd.Timestamp

    @classmethod
    def ending(cls, until: dt.date, weeks: int) -> Window:
        end = pd.Timestamp(until) + pd.Timedelta(days=1)
        return cls(until=until, weeks=weeks, start=end - pd.Timedelta(weeks=weeks), end=end,
                   last_week=end - pd.Timedelta(weeks=1))

    @property
    def shift(self) -> pd.Timedelta:
        """Days that move a block ending on ``until`` onto a Monday-to-Sunday week."""
        return pd.Timedelta(days=6 - self.until.weekday())


def times(frame: pd.DataFrame, column: str) -> pd.Series:
    return pd.to_datetime(frame[column], utc=True).dt.tz_localize(None)


def before(frame: pd.DataFrame, column: str, end: pd.Timestamp) -> pd.DataFrame:
    return frame[times(frame, column) < end] if len(frame) else frame


def window_ledger(loads: SessionLoads, sets: pd.DataFrame, window: Window) -> pd.DataFrame:
    """The weekly ledger in 7-day blocks ending on the window's last day (the ledger counts
    Monday weeks: times are moved by :attr:`Window.shift` and the weeks moved back), with
    rest weeks as zeros up to the window's end."""
    shift = window.shift
    ledger = weekly_ledger(loads, sets, shift=shift, last_week=window.last_week + shift)
    if not ledger.empty:
        ledger["week"] = pd.to_datetime(ledger["week"]) - shift
    return ledger


def span(stamps: pd.Series) -> str:
    return f"{stamps.min():%Y-%m-%d} to {stamps.max():%Y-%m-%d}"


def after_window(starts: pd.DatetimeIndex, window: Window) -> list[str]:
    """What is said of the activities (their naive UTC ``starts``) after the window."""
    later = int((starts >= window.end).sum())
    if not later:
        return []
    return [f"{later} {'activity' if later == 1 else 'activities'} after "
            f"{window.until:%Y-%m-%d} left out "
            "(`legload report --until DATE` moves the window)"]


def in_window(starts: pd.DatetimeIndex, sets: pd.DataFrame, window: Window) -> bool:
    """True when some activity (by its start) or strength set lies in the window (data after
    it is gone)."""
    if bool((starts >= window.start).any()):
        return True
    return bool(len(sets)) and bool((times(sets, "timestamp") >= window.start).any())


def no_training(every: pd.DatetimeIndex, starts: pd.DatetimeIndex, window: Window,
                no_load: bool) -> list[str]:
    """Why a report has no training data: none imported, none up to ``until``, activities
    without leg load, or none in the window (then where the latest is). ``every``: the starts
    of all activities, ``starts``: of those up to ``until``."""
    if not len(every) and no_load:
        return ["no activities or strength sets imported yet"]
    if not len(starts) and no_load:
        return [f"no training data up to {window.until:%Y-%m-%d}"]
    if no_load:
        return [f"{len(starts)} activities carry no leg-muscle load (e.g. strength sessions "
                "without sets): import the strength log with `legload strength import`"]
    if not len(starts):
        return [f"no training data in the {window.weeks} weeks to {window.until:%Y-%m-%d}"]
    latest = starts.max()
    return [f"no training data in the {window.weeks} weeks to {window.until:%Y-%m-%d}: the "
            f"latest is from {latest:%Y-%m-%d} ({(window.end - latest).days // 7} weeks "
            f"earlier); see those weeks with `legload report --until {latest:%Y-%m-%d}`"]


def stale(starts: pd.DatetimeIndex, sets: pd.DataFrame, window: Window) -> list[str]:
    stamps = [starts.max()] if len(starts) else []
    if len(sets):
        stamps.append(times(sets, "timestamp").max())
    age = (window.end - max(stamps)).days // 7
    if age <= STALE_WEEKS:
        return []
    return [f"the latest training data is {age} weeks old ({max(stamps):%Y-%m-%d}): the last "
            f"{age} weeks of the window are counted as rest"]


def strength_coverage(sets: pd.DataFrame, window: Window) -> list[str]:
    if sets.empty:
        return ["no strength log: lifting counts as zero"]
    stamps = times(sets, "timestamp")
    if ((stamps >= window.start) & (stamps < window.end)).any():
        return []
    return [f"your strength log covers {span(stamps)}, outside this window: lifting counts "
            "as zero"]


def food_coverage(notes: list[str], intake: pd.DataFrame, first: pd.Timestamp,
                   window: Window) -> list[str]:
    """The energy notes, where "no food log" is said precisely when the log lies outside
    the window."""
    if intake.empty:
        return list(notes)
    days = pd.to_datetime(intake["date"])
    if ((days >= first) & (days < window.end)).any():
        return list(notes)
    where = (f"your food log covers {span(days)}, outside this window "
             f"({first:%Y-%m-%d} to {window.until:%Y-%m-%d}): energy balance and the "
             "lean-mass projection are unknown")
    return [where if note.startswith("no food log") else note for note in notes]
