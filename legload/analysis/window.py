"""The report's window: 7-day blocks ending on ``--until``, and what lies outside it.

Pure: lists and frames in, timestamps and sentences out. Times are naive UTC.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from legload.analysis.weekly import weekly_ledger
from legload.models.locomotion.muscles import MUSCLES

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


def naive(value) -> pd.Timestamp:
    """A time (ISO text or timestamp; naive means UTC) as a naive UTC timestamp."""
    return _naive_text(value) if isinstance(value, str) else _naive(pd.Timestamp(value))


@lru_cache(maxsize=2**16)
def _naive_text(text: str) -> pd.Timestamp:
    """:func:`naive` of an activity's start, read once per report rather than once per
    question asked of it (timestamps are immutable: one object serves every caller)."""
    return _naive(pd.Timestamp(text))


def _naive(stamp: pd.Timestamp) -> pd.Timestamp:
    return stamp.tz_convert("UTC").tz_localize(None) if stamp.tzinfo else stamp


def times(frame: pd.DataFrame, column: str) -> pd.Series:
    return pd.to_datetime(frame[column], utc=True).dt.tz_localize(None)


def before(frame: pd.DataFrame, column: str, end: pd.Timestamp) -> pd.DataFrame:
    return frame[times(frame, column) < end] if len(frame) else frame


def window_ledger(results: list[dict], sets: pd.DataFrame, window: Window) -> pd.DataFrame:
    """The weekly ledger in 7-day blocks ending on the window's last day (the ledger counts
    Monday weeks: times are moved by :attr:`Window.shift` and the weeks moved back), with
    rest weeks as zeros up to the window's end."""
    shift = window.shift
    moved = [{"start": (naive(r["start"]) + shift).isoformat(), "muscles": r.get("muscles")}
             for r in results]  # all the ledger reads of a result
    if len(sets):
        sets = sets.assign(timestamp=times(sets, "timestamp") + shift)
    ledger = weekly_ledger(moved, sets)
    if ledger.empty:
        return ledger
    ledger["week"] = pd.to_datetime(ledger["week"]) - shift
    weeks = pd.date_range(ledger["week"].min(), max(window.last_week, ledger["week"].max()),
                          freq="7D")
    full = pd.MultiIndex.from_product([weeks, MUSCLES], names=["week", "muscle"])
    return ledger.set_index(["week", "muscle"]).reindex(full, fill_value=0.0).reset_index()


def span(stamps: pd.Series) -> str:
    return f"{stamps.min():%Y-%m-%d} to {stamps.max():%Y-%m-%d}"


def after_window(results: list[dict], window: Window) -> list[str]:
    later = [r for r in results if naive(r["start"]) >= window.end]
    if not later:
        return []
    return [f"{len(later)} {'activity' if len(later) == 1 else 'activities'} after "
            f"{window.until:%Y-%m-%d} left out "
            "(`legload report --until DATE` moves the window)"]


def in_window(results: list[dict], sets: pd.DataFrame, window: Window) -> bool:
    """True when some activity or strength set lies in the window (data after it is gone)."""
    if any(naive(r["start"]) >= window.start for r in results):
        return True
    return bool(len(sets)) and bool((times(sets, "timestamp") >= window.start).any())


def no_training(every: list[dict], results: list[dict], window: Window,
                 no_load: bool) -> list[str]:
    """Why a report has no training data: none imported, none up to ``until``, activities
    without leg load, or none in the window (then where the latest is)."""
    if not every and no_load:
        return ["no activities or strength sets imported yet"]
    if not results and no_load:
        return [f"no training data up to {window.until:%Y-%m-%d}"]
    if no_load:
        return [f"{len(results)} activities carry no leg-muscle load (e.g. strength sessions "
                "without sets): import the strength log with `legload strength import`"]
    if not results:
        return [f"no training data in the {window.weeks} weeks to {window.until:%Y-%m-%d}"]
    latest = max(naive(r["start"]) for r in results)
    return [f"no training data in the {window.weeks} weeks to {window.until:%Y-%m-%d}: the "
            f"latest is from {latest:%Y-%m-%d} ({(window.end - latest).days // 7} weeks "
            f"earlier); see those weeks with `legload report --until {latest:%Y-%m-%d}`"]


def stale(results: list[dict], sets: pd.DataFrame, window: Window) -> list[str]:
    stamps = [naive(r["start"]) for r in results]
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
