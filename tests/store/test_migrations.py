"""Schema migrations: recorded, applied once, in order, atomically; newer schemas refused."""

from __future__ import annotations

import sqlite3

import pytest

from legload.errors import StoreError
from legload.store import Store, migrations
from legload.store.logs import ROW_IDENTITY
from legload.store.migrations import MIGRATIONS, latest_version, migrate, schema_version
from tests.store import make_activity


def _tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {name for (name,) in rows}


def test_migrations_are_numbered_without_gaps():
    versions = [version for version, _, _ in MIGRATIONS]
    assert versions == list(range(1, len(MIGRATIONS) + 1))
    assert latest_version() == versions[-1]
    for _, description, sql in MIGRATIONS:
        assert description and sqlite3.complete_statement(sql)


def test_fresh_database_records_every_migration(db_path):
    with Store(db_path) as store:
        rows = store.conn.execute(
            "SELECT version, description, applied_at FROM schema_migrations ORDER BY version"
        ).fetchall()
        assert [(v, d) for v, d, _ in rows] == [(v, d) for v, d, _ in MIGRATIONS]
        assert all(applied.startswith("20") for _, _, applied in rows)
        assert {"files", "activities", "samples", "laps"} <= _tables(store.conn)
        columns = {row[1]: row for row in store.conn.execute("PRAGMA table_info(activities)")}
        assert columns["athlete_id"][2] == "INTEGER" and columns["athlete_id"][3] == 0  # nullable
        assert schema_version(store.conn) == latest_version()


def test_the_column_stored_log_rows_are_looked_up_by_is_never_null(db_path):
    """A re-imported log's rows meet stored rows through ``<first identity column> IN (...)``,
    which would miss a NULL: every schema (migration 2, never edited) refuses one."""
    with Store(db_path) as store:
        for table, identity in ROW_IDENTITY.items():
            not_null = {row[1]: row[3] for row in store.conn.execute(f"PRAGMA table_info({table})")}
            assert not_null[identity[0]] == 1, table
            with pytest.raises(sqlite3.IntegrityError, match="NOT NULL"):
                store.conn.execute(f"INSERT INTO {table} (file_sha256, {identity[0]}) "
                                   "VALUES ('x', NULL)")


def test_reopening_applies_nothing(db_path):
    Store(db_path).close()
    with Store(db_path) as store:
        assert migrate(store.conn, str(db_path)) == []
        (count,) = store.conn.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()
        assert count == len(MIGRATIONS)


def test_newer_schema_is_refused(db_path):
    Store(db_path).close()
    newer = latest_version() + 5
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "INSERT INTO schema_migrations VALUES (?, 'from the future', '2099-01-01')", (newer,)
        )
    conn.close()
    expected = (
        f"database schema version {newer} is newer than this legload ({latest_version()}); "
        "upgrade legload"
    )
    with pytest.raises(StoreError) as info:
        Store(db_path)
    assert str(info.value) == expected


def test_a_later_migration_upgrades_an_existing_database(db_path, monkeypatch):
    activity = make_activity(50, seed=40)
    with Store(db_path) as store:
        (activity_id,) = store.add_file(activity.sha256, activity.source, [activity])
    later = (latest_version() + 1, "coaches", "CREATE TABLE coaches (id INTEGER PRIMARY KEY);")
    monkeypatch.setattr(migrations, "MIGRATIONS", [*MIGRATIONS, later])
    with Store(db_path) as store:
        assert schema_version(store.conn) == later[0]
        assert "coaches" in _tables(store.conn)
        assert store.get_activity(activity_id).samples.shape == activity.samples.shape


def test_a_failing_migration_changes_nothing(db_path, monkeypatch):
    Store(db_path).close()
    before = latest_version()
    broken = (
        before + 1,
        "broken",
        "CREATE TABLE half_done (x INTEGER);\nINSERT INTO no_such_table VALUES (1);",
    )
    monkeypatch.setattr(migrations, "MIGRATIONS", [*MIGRATIONS, broken])
    with pytest.raises(StoreError, match=r"migration \d+ \(broken\) failed: no such table"):
        Store(db_path)
    with sqlite3.connect(db_path) as conn:
        assert "half_done" not in _tables(conn)
        assert schema_version(conn) == before
    conn.close()


def test_gaps_in_numbering_are_refused(db_path, monkeypatch):
    monkeypatch.setattr(migrations, "MIGRATIONS", [*MIGRATIONS, (latest_version() + 2, "gap", "")])
    with pytest.raises(StoreError, match="without gaps"):
        Store(db_path)


def test_another_programs_database_is_left_alone(db_path):
    with sqlite3.connect(db_path) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.close()
    with pytest.raises(StoreError, match="did not create"):
        Store(db_path)
    with sqlite3.connect(db_path) as conn:
        assert _tables(conn) == {"contacts"}
    conn.close()


def test_two_stores_open_the_same_new_database(db_path):
    first = Store(db_path)
    second = Store(db_path)
    try:
        activity = make_activity(20, seed=41)
        first.add_file(activity.sha256, activity.source, [activity])
        assert second.has_file(activity.sha256)
        assert second.add_file(activity.sha256, activity.source, [activity]) == []
    finally:
        first.close()
        second.close()
