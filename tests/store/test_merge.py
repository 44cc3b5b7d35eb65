"""Finding the stored recordings of the same run: the search near a new activity's start
reaches back as far as the longest stored activity lasts."""

from __future__ import annotations

from legload.store import Store
from tests.store import digest, make_activity


def _merged(store: Store) -> dict[int, int | None]:
    return dict(store.conn.execute("SELECT id, merged_into FROM activities ORDER BY id"))


def _as(activity, **summary):
    activity.summary.update(summary)
    return activity


def test_a_recording_days_long_is_found_as_the_same_run(tmp_path):
    """A recorder left running for five days (start three days before the run, same
    distance) overlaps the run: one of the two counts."""
    run = make_activity(600, seed=1)
    days = _as(make_activity(600, seed=2, start="2024-04-28T06:00:00Z"),
               start="2024-04-28T06:00:00Z", duration_s=5 * 86400.0,
               distance_m=run.summary["distance_m"])
    with Store(tmp_path / "db.sqlite") as store:
        first = store.add_file(digest("days"), "days.fit", [days])
        second = store.add_file(digest("run"), "run.fit", [run])
        merged = _merged(store)
    assert sorted(merged) == [*first, *second]
    assert list(merged.values()).count(None) == 1  # one kept, the other linked to it


def test_a_run_a_week_away_is_not_the_same(tmp_path):
    run = make_activity(600, seed=1)
    later = make_activity(600, seed=2, start="2024-05-08T06:00:00Z")
    with Store(tmp_path / "db.sqlite") as store:
        store.add_file(digest("run"), "run.fit", [run])
        store.add_file(digest("later"), "later.fit", [later])
        assert list(_merged(store).values()) == [None, None]
