"""Numbered schema migrations of the legload database.

Each entry of :data:`MIGRATIONS` is ``(version, description, SQL)``. They are applied in
order, each inside its own ``BEGIN IMMEDIATE`` transaction together with its row in
``schema_migrations``, so a database is always at exactly one known version. Released
migrations are never edited: a schema change is a new entry with the next number (athletes,
strength sets, intake and body measurements come later this way).
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from legload.errors import StoreError

_V1_ACTIVITIES = """
CREATE TABLE files (
    sha256       TEXT PRIMARY KEY,
    source_path  TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    n_activities INTEGER NOT NULL
);

CREATE TABLE activities (
    id          INTEGER PRIMARY KEY,
    file_sha256 TEXT NOT NULL REFERENCES files(sha256) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    athlete_id  INTEGER NULL,
    source      TEXT NOT NULL DEFAULT '',
    sport       TEXT,
    sub_sport   TEXT,
    name        TEXT,
    start       TEXT,
    duration_s  REAL,
    moving_s    REAL,
    distance_m  REAL,
    ascent_m    REAL,
    descent_m   REAL,
    samples     INTEGER,
    device      TEXT,
    channels    TEXT NOT NULL DEFAULT '[]',
    format      TEXT,
    warnings    TEXT NOT NULL DEFAULT '[]',
    summary     TEXT NOT NULL DEFAULT '{}',
    UNIQUE (file_sha256, idx)
);
CREATE INDEX activities_by_start ON activities (start, id);
CREATE INDEX activities_by_athlete ON activities (athlete_id, start);

CREATE TABLE samples (
    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    dtype       TEXT NOT NULL,
    codec       TEXT NOT NULL,
    n           INTEGER NOT NULL,
    data        BLOB NOT NULL,
    PRIMARY KEY (activity_id, name)
);

CREATE TABLE laps (
    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    dtype       TEXT NOT NULL,
    codec       TEXT NOT NULL,
    n           INTEGER NOT NULL,
    data        BLOB NOT NULL,
    PRIMARY KEY (activity_id, name)
);
"""

_V2_ATHLETES_AND_LOGS = """
ALTER TABLE files ADD COLUMN kind TEXT NOT NULL DEFAULT 'activity';

CREATE TABLE athletes (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL UNIQUE,
    sex               TEXT,
    birth_year        INTEGER,
    height_m          REAL,
    weight_kg         REAL,
    body_fat_fraction REAL,
    running_years     REAL,
    lifting_years     REAL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);

CREATE TABLE strength_sets (
    id           INTEGER PRIMARY KEY,
    file_sha256  TEXT NOT NULL REFERENCES files(sha256) ON DELETE CASCADE,
    athlete_id   INTEGER NULL REFERENCES athletes(id),
    timestamp    TEXT NOT NULL,
    workout      TEXT,
    exercise_raw TEXT NOT NULL,
    exercise     TEXT,
    set_index    INTEGER,
    reps         REAL,
    weight_kg    REAL,
    duration_s   REAL,
    distance_m   REAL,
    rir          REAL,
    set_type     TEXT
);
CREATE INDEX strength_by_athlete ON strength_sets (athlete_id, timestamp);

CREATE TABLE intake_days (
    file_sha256 TEXT NOT NULL REFERENCES files(sha256) ON DELETE CASCADE,
    athlete_id  INTEGER NULL REFERENCES athletes(id),
    date        TEXT NOT NULL,
    energy_kcal REAL,
    protein_g   REAL,
    carbs_g     REAL,
    fat_g       REAL
);
CREATE INDEX intake_by_athlete ON intake_days (athlete_id, date);

CREATE TABLE body_measurements (
    file_sha256       TEXT NOT NULL REFERENCES files(sha256) ON DELETE CASCADE,
    athlete_id        INTEGER NULL REFERENCES athletes(id),
    timestamp         TEXT NOT NULL,
    weight_kg         REAL,
    body_fat_fraction REAL
);
CREATE INDEX body_by_athlete ON body_measurements (athlete_id, timestamp);
"""

_V3_ANALYSIS_CACHE = """
CREATE TABLE activity_analyses (
    activity_id   INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    model_version TEXT NOT NULL,
    result        TEXT NOT NULL,
    PRIMARY KEY (activity_id, model_version)
);
"""

_V4_MERGED_ACTIVITIES = """
ALTER TABLE activities ADD COLUMN merged_into INTEGER NULL REFERENCES activities(id);
CREATE INDEX activities_by_merge ON activities (merged_into);
"""

_V5_SCALE_MEASUREMENTS = """
ALTER TABLE body_measurements ADD COLUMN lean_mass_kg REAL;
ALTER TABLE body_measurements ADD COLUMN skeletal_muscle_kg REAL;
"""

_V6_ACCOUNTS = """
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('athlete', 'coach')),
    athlete_id    INTEGER NULL REFERENCES athletes(id) ON DELETE CASCADE,
    created_at    TEXT NOT NULL
);

CREATE TABLE grants (
    coach_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    athlete_id INTEGER NOT NULL REFERENCES athletes(id) ON DELETE CASCADE,
    PRIMARY KEY (coach_id, athlete_id)
);

CREATE TABLE sessions (
    token_sha256 TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf         TEXT NOT NULL,
    expires_at   TEXT NOT NULL
);
"""

_V7_DURATION_INDEX = """
CREATE INDEX activities_by_duration ON activities (duration_s);
"""

#: (version, description, SQL), in the order they are applied.
MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "files, activities, columnar samples and laps", _V1_ACTIVITIES),
    (2, "athletes, strength sets, daily intake and body measurements", _V2_ATHLETES_AND_LOGS),
    (3, "cached per-activity analyses (recomputed when the models change)", _V3_ANALYSIS_CACHE),
    (4, "the same activity from several files: others linked to the richest (merged_into)",
     _V4_MERGED_ACTIVITIES),
    (5, "lean (fat-free) and skeletal muscle mass measured by a scale", _V5_SCALE_MEASUREMENTS),
    (6, "web accounts: users, coaches' grants and sessions", _V6_ACCOUNTS),
    (7, "activities by duration (the longest bounds the search for the same run stored twice)",
     _V7_DURATION_INDEX),
]

_BOOKKEEPING = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version     INTEGER PRIMARY KEY,
    description TEXT NOT NULL,
    applied_at  TEXT NOT NULL
)
"""


def latest_version() -> int:
    """The schema version this code writes."""
    return max(version for version, _, _ in MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    """The highest migration recorded in ``conn`` (0 for a database without any)."""
    if not _has_table(conn, "schema_migrations"):
        return 0
    (version,) = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()
    return int(version)


def migrate(conn: sqlite3.Connection, path: str) -> list[int]:
    """Apply every pending migration to ``conn`` (opened with ``isolation_level=None``).

    Returns the versions applied. Raises :class:`StoreError` when the database is newer
    than this code, or was made by another program.
    """
    _check_ordered()
    known = latest_version()
    current = schema_version(conn)
    if current > known:
        raise StoreError(
            f"database schema version {current} is newer than this legload ({known}); "
            "upgrade legload"
        )
    if current == 0 and not _has_table(conn, "schema_migrations") and _user_tables(conn):
        raise StoreError(
            f"{path}: a SQLite database that legload did not create; refusing to change it"
        )
    if current == known:
        return []
    conn.execute(_BOOKKEEPING)
    applied: list[int] = []
    for version, description, sql in MIGRATIONS:
        if version <= current:
            continue
        if _apply(conn, version, description, sql):
            applied.append(version)
    return applied


def _apply(conn: sqlite3.Connection, version: int, description: str, sql: str) -> bool:
    """Run one migration in its own transaction; False if another process already did."""
    try:
        conn.execute("BEGIN IMMEDIATE")
        if schema_version(conn) >= version:
            conn.execute("ROLLBACK")
            return False
        for statement in _statements(sql):
            conn.execute(statement)
        conn.execute(
            "INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)",
            (version, description, datetime.now(UTC).isoformat(timespec="seconds")),
        )
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StoreError(f"migration {version} ({description}) failed: {exc}") from exc
    return True


def _statements(sql: str) -> list[str]:
    """Split a migration script into complete SQL statements."""
    statements: list[str] = []
    pending = ""
    for line in sql.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        raise StoreError(f"incomplete SQL statement in a migration: {pending.strip()[:60]}")
    return statements


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).fetchone()
    return row is not None


def _user_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return [name for (name,) in rows]


def _check_ordered() -> None:
    versions = [version for version, _, _ in MIGRATIONS]
    if versions != list(range(1, len(versions) + 1)):
        raise StoreError(f"migrations must be numbered 1, 2, 3 ... without gaps, got {versions}")


__all__ = ["MIGRATIONS", "latest_version", "migrate", "schema_version"]
