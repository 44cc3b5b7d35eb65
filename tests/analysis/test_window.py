"""The report's window: its bounds, and the exact sentences saying what lies outside it
(boundaries included: a week more or less, a day on either side of the window's ends)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from legload.analysis import window as W
from legload.analysis.weekly import session_starts

UNTIL = dt.date(2026, 6, 28)  # a Sunday
WIN = W.Window.ending(UNTIL, 4)
NO_SETS = pd.DataFrame(columns=["timestamp"])


def _sets(*stamps: str) -> pd.DataFrame:
    return pd.DataFrame({"timestamp": list(stamps)})


def test_window_bounds_and_shift():
    assert WIN.start == pd.Timestamp("2026-06-01") and WIN.end == pd.Timestamp("2026-06-29")
    assert WIN.last_week == pd.Timestamp("2026-06-22")
    assert WIN.shift == pd.Timedelta(days=0)
    assert W.Window.ending(dt.date(2026, 6, 24), 4).shift == pd.Timedelta(days=4)  # a Wednesday


def _starts(*results: dict) -> pd.DatetimeIndex:
    return session_starts(list(results))


def test_starts_read_utc_and_keep_naive_times():
    starts = _starts({"start": "2026-06-01T02:00:00+02:00"}, {"start": "2026-06-01T02:00:00"},
                     {"start": pd.Timestamp("2026-06-01T05:00", tz="Europe/Paris")},
                     {"start": None})
    assert starts.tz is None
    assert list(starts[:3]) == [pd.Timestamp("2026-06-01 00:00"),
                                pd.Timestamp("2026-06-01 02:00"), pd.Timestamp("2026-06-01 03:00")]
    assert pd.isna(starts[3])


def test_no_training_sentences():
    old = _starts({"start": "2026-03-02T08:00:00Z"}, {"start": "2026-02-01T08:00:00Z"})
    none = _starts()
    assert W.no_training(none, none, WIN, True) == ["no activities or strength sets imported yet"]
    assert W.no_training(old, none, WIN, True) == ["no training data up to 2026-06-28"]
    assert W.no_training(old, old, WIN, True) == [
        "2 activities carry no leg-muscle load (e.g. strength sessions without sets): import "
        "the strength log with `legload strength import`"]
    assert W.no_training(old, none, WIN, False) == ["no training data in the 4 weeks to 2026-06-28"]
    assert W.no_training(old, old, WIN, False) == [
        "no training data in the 4 weeks to 2026-06-28: the latest is from 2026-03-02 (16 weeks "
        "earlier); see those weeks with `legload report --until 2026-03-02`"]


def test_after_window_counts_what_starts_on_or_after_its_end():
    inside = {"start": "2026-06-28T23:59:00Z"}
    on_end = {"start": "2026-06-29T00:00:00Z"}
    assert W.after_window(_starts(inside, {"start": None}), WIN) == []
    assert W.after_window(_starts(inside, on_end), WIN) == [
        "1 activity after 2026-06-28 left out (`legload report --until DATE` moves the window)"]
    assert W.after_window(_starts(on_end, on_end), WIN)[0].startswith(
        "2 activities after 2026-06-28")


def test_in_window_from_activities_or_sets():
    assert W.in_window(_starts({"start": "2026-06-01T00:00:00Z"}), NO_SETS, WIN)
    assert not W.in_window(_starts({"start": "2026-05-31T23:59:00Z"}), NO_SETS, WIN)
    assert W.in_window(_starts(), _sets("2026-06-01T00:00:00Z"), WIN)
    assert not W.in_window(_starts(), _sets("2026-05-31T23:00:00Z"), WIN)
    assert not W.in_window(_starts(), NO_SETS, WIN)


def test_stale_after_four_empty_weeks():
    fresh = _starts({"start": "2026-06-01T00:00:00Z"})  # 28 days before the end: 4 weeks
    assert W.stale(fresh, NO_SETS, WIN) == []
    old = _starts({"start": "2026-05-31T00:00:00Z"})  # 29 days: still 4 whole weeks
    assert W.stale(old, NO_SETS, WIN) == []
    older = _starts({"start": "2026-05-20T00:00:00Z"})  # 40 days: 5 weeks
    assert W.stale(older, NO_SETS, WIN) == [
        "the latest training data is 5 weeks old (2026-05-20): the last 5 weeks of the window "
        "are counted as rest"]
    assert W.stale(older, _sets("2026-06-20T10:00:00Z"), WIN) == []  # a recent set counts


def test_strength_coverage_sentences():
    assert W.strength_coverage(NO_SETS, WIN) == ["no strength log: lifting counts as zero"]
    assert W.strength_coverage(_sets("2026-06-28T20:00:00Z"), WIN) == []
    outside = _sets("2026-01-05T10:00:00Z", "2026-06-29T00:00:00Z", "2026-03-01T10:00:00Z")
    assert W.strength_coverage(outside, WIN) == [
        "your strength log covers 2026-01-05 to 2026-06-29, outside this window: lifting "
        "counts as zero"]


def test_food_coverage_rewrites_only_the_no_food_log_note():
    notes = ["no food log: energy balance unknown", "another note"]
    first = pd.Timestamp("2026-06-01")
    assert W.food_coverage(notes, pd.DataFrame(columns=["date"]), first, WIN) == notes
    inside = pd.DataFrame({"date": ["2026-06-01"]})
    assert W.food_coverage(notes, inside, first, WIN) == notes
    outside = pd.DataFrame({"date": ["2026-01-03", "2026-05-31", "2026-06-29"]})
    assert W.food_coverage(notes, outside, first, WIN) == [
        "your food log covers 2026-01-03 to 2026-06-29, outside this window (2026-06-01 to "
        "2026-06-28): energy balance and the lean-mass projection are unknown", "another note"]
