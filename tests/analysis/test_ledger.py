"""The weekly and daily ledgers read the session results as columns (``SessionLoads``): the
same sums, in the same order, as adding the results up one by one."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pandas as pd

from legload.analysis import weekly
from legload.analysis.weekly import SessionLoads, daily_loads, weekly_ledger
from legload.analysis.window import Window, window_ledger
from legload.models.locomotion.muscles import MUSCLES

NO_SETS = pd.DataFrame(columns=["timestamp", "exercise", "reps", "rir", "set_type"])


def _load(positive: float, negative: float = 0.0, brief: float = 0.0, hill: float = 0.0):
    return {"positive_work_j_kg": positive, "negative_work_j_kg": negative,
            "brief_effort_s": brief, "hill_negative_work_j_kg": hill, "stimulus": "endurance"}


def _results(n: int, seed: int = 7) -> list[dict]:
    """``n`` runs over about two years at random hours, some days twice, every load odd."""
    rng = random.Random(seed)
    day = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    out = []
    for _ in range(n):
        day += dt.timedelta(days=rng.choice((0, 1, 1, 2, 3, 9)), hours=rng.random() * 5)
        out.append({"start": day.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), "sport": "running",
                    "muscles": {m: _load(rng.random() * 3000, rng.random() * 2000,
                                         rng.choice((0.0, 0.0, rng.random() * 40)),
                                         rng.random() * 600 - 300) for m in MUSCLES}})
    return out


def _one_by_one(results: list[dict]) -> pd.DataFrame:
    """The weekly ledger of ``results`` added up row by row (what the columns replace)."""
    rows = [(r["start"], m, v["positive_work_j_kg"], v["negative_work_j_kg"],
             v["brief_effort_s"], max(v["hill_negative_work_j_kg"], 0.0), 0.0, 1)
            for r in results for m, v in r["muscles"].items()]
    frame = pd.DataFrame(rows, columns=["start", "muscle", "endurance_load", "eccentric_load",
                                        "brief_effort_s", "terrain_eccentric_load",
                                        "lifting_sets", "sessions"])
    frame["week"] = weekly.week_of(frame["start"])
    return frame.groupby(["week", "muscle"])[list(weekly._SUMMED)].sum()


def test_the_weekly_ledger_is_the_sum_of_each_week_and_muscle():
    results = _results(400)
    ledger = weekly_ledger(results, NO_SETS).set_index(["week", "muscle"])
    expected = _one_by_one(results)
    for column in weekly._SUMMED:
        got = ledger.loc[expected.index, column].to_numpy()
        assert np.array_equal(got, expected[column].to_numpy()), column  # bit for bit
    assert (ledger.drop(index=expected.index)[list(weekly._SUMMED)] == 0).all().all()  # rest
    assert np.array_equal(ledger["strength_stimulus"].to_numpy(),
                          ledger["brief_effort_s"].to_numpy() / weekly.BRIEF_EFFORT_S_PER_SET)


def test_terrain_work_counts_from_zero_and_sets_are_credited_in_their_week():
    results = [{"start": "2026-06-01T08:00:00Z", "muscles": {"quadriceps": _load(10, 4, 0, -5)}},
               {"start": "2026-06-03T08:00:00+02:00",
                "muscles": {"quadriceps": _load(20, 6, 30, 7)}}]
    sets = pd.DataFrame({"timestamp": [pd.Timestamp("2026-06-16T18:00", tz="UTC")],
                         "exercise": ["back_squat"], "reps": [8], "rir": [2], "set_type": [None]})
    ledger = weekly_ledger(results, sets)
    quads = ledger[ledger["muscle"] == "quadriceps"].set_index("week")
    assert list(quads.index) == list(pd.to_datetime(["2026-06-01", "2026-06-08", "2026-06-15"]))
    first = quads.loc["2026-06-01"]
    assert (first["endurance_load"], first["eccentric_load"], first["terrain_eccentric_load"],
            first["brief_effort_s"], first["sessions"]) == (30.0, 10.0, 7.0, 30.0, 2)
    assert quads.loc["2026-06-08", "sessions"] == 0  # a week of rest
    assert quads.loc["2026-06-15", "lifting_sets"] > 0 and quads.loc["2026-06-15", "sessions"] == 0


def test_the_window_ledger_counts_blocks_ending_on_until():
    results = [{"start": "2026-06-24T23:30:00Z", "muscles": {"calves": _load(5)}},
               {"start": "2026-06-25T00:30:00Z", "muscles": {"calves": _load(7)}}]
    window = Window.ending(dt.date(2026, 6, 24), 2)  # a Wednesday: blocks Thursday..Wednesday
    ledger = window_ledger(SessionLoads.of(results), NO_SETS, window)
    calves = ledger[ledger["muscle"] == "calves"].set_index("week")["endurance_load"]
    assert calves.to_dict() == {pd.Timestamp("2026-06-18"): 5.0, pd.Timestamp("2026-06-25"): 7.0}


def test_daily_loads_add_the_sessions_of_a_day_and_fill_rest_days():
    results = [{"start": "2026-06-01T06:00:00Z", "muscles": {"calves": _load(1.5)}},
               {"start": "2026-06-01T18:00:00Z", "muscles": {"calves": _load(2.25)}},
               {"start": "2026-06-03T06:00:00Z", "muscles": {"gluteals": _load(4.0)}}]
    daily = daily_loads(results)
    assert list(daily.columns) == list(MUSCLES)
    assert daily["calves"].tolist() == [3.75, 0.0, 0.0]
    assert daily["gluteals"].tolist() == [0.0, 0.0, 4.0]


def test_sessions_kept_are_renumbered_with_their_entries():
    results = [{"start": f"2026-06-0{i + 1}T06:00:00Z",
                "muscles": {"calves": _load(i), "gluteals": _load(10 + i)}} for i in range(3)]
    results[1]["muscles"] = None  # a session without loads
    kept = SessionLoads.of(results).of_sessions(np.array([False, True, True]))
    assert list(kept.session) == [1, 1] and list(kept.positive) == [2.0, 12.0]
    assert list(kept.entry_starts()) == [pd.Timestamp("2026-06-03T06:00")] * 2
