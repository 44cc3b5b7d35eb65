"""The embedded database: imported files, their activities and their columnar samples.

SQLite in WAL mode. Every import of one file is one ``BEGIN IMMEDIATE`` transaction (inside
:meth:`Store.batched`, one savepoint of a transaction that commits every few dozen files), so
a process killed mid-import leaves either the whole file or nothing of it.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from legload.errors import StoreError, StoreRollback
from legload.store.athletes import AthleteStore, owner
from legload.store.logs import LogStore
from legload.store.merge import link_same_activities
from legload.store.migrations import migrate
from legload.store.paths import default_db_path
from legload.store.prepared import _SUMMARY_COLUMNS, PreparedActivity, prepare_activity
from legload.store.removal import RemovalStore
from legload.store.transaction import (
    Batch,
    DatabaseUnusable,
    begin_file,
    quick_check,
    reason,
    rollback,
    undo_file,
    unusable,
)

if TYPE_CHECKING:  # numpy, pandas and the codecs load when samples are read or written
    from legload.core.activity import Activity

#: How long a writer waits for another process's transaction before giving up (ms).
BUSY_TIMEOUT_MS = 10_000

_ACTIVITY_INSERT = (
    "INSERT INTO activities (file_sha256, idx, source, "
    + ", ".join(_SUMMARY_COLUMNS)
    + ", channels, format, warnings, summary) VALUES ("
    + ", ".join("?" * (len(_SUMMARY_COLUMNS) + 7))
    + ")"
)
_LIST_COLUMNS = ("id", *_SUMMARY_COLUMNS, "channels", "format", "warnings")


class Store(AthleteStore, LogStore, RemovalStore):
    """The legload database at ``path``: opened, migrated and ready on construction."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self._conn: sqlite3.Connection | None = None
        self._batch: Batch | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"{self.path}: cannot open the database ({exc})") from None
        self._conn = conn
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            migrate(conn, str(self.path))
        except sqlite3.DatabaseError as exc:
            error = self.database_error(exc)
            self.close()
            if "not a database" in str(exc):
                raise StoreError(f"{self.path}: not a SQLite database") from None
            raise error from None
        except BaseException:
            self.close()
            raise

    # -- lifecycle ---------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection (safe to call twice)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: object, exc: BaseException | None, _tb: object) -> None:
        """Close; a SQLite error that escaped the methods becomes one StoreError line (a
        damaged database says what ``PRAGMA quick_check`` finds)."""
        if isinstance(exc, sqlite3.Error):
            error = self.database_error(exc)
            self.close()
            raise error from None
        self.close()

    def check(self) -> None:
        """Before writing: :class:`DatabaseUnusable` unless ``PRAGMA quick_check`` finds the
        database sound (a damaged one would take writes silently and lose them later)."""
        found = quick_check(self.conn)
        if found != "ok":
            raise DatabaseUnusable(f"{self.path}: the database is damaged; PRAGMA quick_check: "
                                   f"{found}")

    def database_error(self, exc: BaseException) -> StoreError:
        """The one-line error of a SQLite failure: :class:`DatabaseUnusable` when it concerns
        the whole database (locked, read-only, full, damaged), else StoreError."""
        text = f"{self.path}: {reason(exc)}"
        if "damaged" in text and self._conn is not None:
            text += f"; PRAGMA quick_check: {quick_check(self._conn)}"
        return (DatabaseUnusable if unusable(exc) else StoreError)(text)

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"{self.path}: the database is closed")
        return self._conn

    @contextlib.contextmanager
    def batched(self, max_files: int = 64, max_seconds: float = 0.25) -> Iterator[Store]:
        """Write the :meth:`add_file` calls made inside in shared transactions: each file is
        a savepoint (all of it or nothing, as ever), and the transaction commits after
        ``max_files`` files or ``max_seconds`` (checked after each file, and by
        :meth:`commit_if_due`), and on leaving, so other writers never wait long. A commit per
        file costs more than writing a one-hour run; killed mid-way, a batched import loses at
        most the files of the open transaction, which the next import adds again. Should
        SQLite itself roll the transaction back (disk full), :class:`StoreRollback` stops the
        import."""
        self._batch = Batch(max_files, max_seconds)
        try:
            yield self
        finally:
            self._batch = None
            self.commit_pending()

    def commit_pending(self) -> None:
        """Commit the files a :meth:`batched` import has added so far."""
        conn = self._conn
        if conn is not None and conn.in_transaction:
            try:
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                rollback(conn)
                lost = self._batch.files if self._batch is not None else 0
                raise StoreRollback(f"{self.path}: could not commit the last {lost} file(s) "
                                    f"({reason(exc)}); import again to add them") from None
        if self._batch is not None:
            self._batch.reset()

    def commit_if_due(self) -> None:
        """In a :meth:`batched` import, commit when the open transaction is old enough."""
        if self._batch is not None and self._batch.due():
            self.commit_pending()

    # -- files -------------------------------------------------------------------------

    def has_file(self, sha256: str) -> bool:
        """True when a file with this content hash has been imported."""
        row = self._query("SELECT 1 FROM files WHERE sha256 = ?", (sha256,))
        return bool(row)

    def add_file(self, sha256: str, source_path: str,
                 activities: list[Activity] | list[PreparedActivity],
                 athlete_id: int | None = None) -> list[int]:
        """Store one file and all its activities in one transaction; returns the new ids.

        ``activities`` may already be encoded by :func:`prepare_activity` (as import workers
        do, so that the writer only writes). A file already present adds nothing and
        returns ``[]``. On any failure nothing is written and :class:`StoreError` says why.
        """
        conn, batch = self.conn, self._batch
        opened = False  # this file's transaction (or savepoint in a batch) is open
        try:
            if batch is None and self.has_file(sha256):
                return []
            prepared = [item if isinstance(item, PreparedActivity)
                        else prepare_activity(item, source_path) for item in activities]
            begin_file(conn, batch)
            opened = True
            if conn.execute("SELECT 1 FROM files WHERE sha256 = ?", (sha256,)).fetchone():
                undo_file(conn, batch)  # another writer stored it since has_file
                return []
            ids = _write_file(conn, sha256, source_path, prepared, athlete_id)
            link_same_activities(conn, ids)  # the same run from another format counts once
            if batch is None:
                conn.execute("COMMIT")
            else:
                conn.execute("RELEASE one_file")
                if batch.full():
                    self.commit_pending()
            return ids
        except Exception as exc:
            self._failed(exc, source_path, opened)
        except BaseException:
            if opened or batch is None:
                undo_file(conn, batch)
            raise

    def _failed(self, exc: Exception, source_path: str, opened: bool) -> NoReturn:
        """Take back the file :meth:`add_file` was writing and raise why it failed: a
        :class:`StoreRollback` when SQLite took back a batch's earlier files too, else a
        :class:`StoreError` naming the file."""
        conn, batch = self.conn, self._batch
        if isinstance(exc, StoreRollback):
            raise exc
        if batch is not None and opened and not conn.in_transaction and batch.files:
            lost = batch.files  # SQLite took the whole transaction back, earlier files too
            batch.reset()
            raise StoreRollback(
                f"{self.path}: the database took back the last {lost} stored file(s) "
                f"({reason(exc)}); import again to add them") from exc
        if opened or batch is None:
            undo_file(conn, batch)
        if isinstance(exc, StoreError):
            raise exc
        if unusable(exc):
            raise self.database_error(exc) from None
        raise StoreError(f"{source_path}: could not be stored ({reason(exc)})") from exc

    def activity_ids_for_file(self, sha256: str) -> list[int]:
        """Ids of the activities imported from the file with this hash, in file order."""
        rows = self._query(
            "SELECT id FROM activities WHERE file_sha256 = ? ORDER BY idx, id", (sha256,)
        )
        return [activity_id for (activity_id,) in rows]

    def counts(self) -> dict[str, int]:
        """Number of stored files and activities."""
        (files,) = self._query("SELECT COUNT(*) FROM files")[0]
        (activities,) = self._query("SELECT COUNT(*) FROM activities")[0]
        return {"files": int(files), "activities": int(activities)}

    # -- activities --------------------------------------------------------------------

    def list_activities(self) -> list[dict]:
        """Summary rows of every activity, oldest first (by start, then id); a recording
        merged into another of the same activity is left out."""
        columns = ", ".join(f"a.{name}" for name in _LIST_COLUMNS)
        rows = self._query(
            f"SELECT {columns}, f.source_path, f.sha256 FROM activities a "
            "JOIN files f ON f.sha256 = a.file_sha256 WHERE a.merged_into IS NULL "
            "ORDER BY a.start IS NULL, a.start, a.id"
        )
        keys = (*_LIST_COLUMNS, "source_path", "sha256")
        listed = []
        for row in rows:
            item = dict(zip(keys, row, strict=True))
            item["channels"] = json.loads(item["channels"])
            item["warnings"] = json.loads(item["warnings"])
            listed.append(item)
        return listed

    def get_activity(self, activity_id: int) -> Activity:
        """The stored activity with its samples, laps, summary and warnings."""
        found = self._query(
            "SELECT file_sha256, idx, source, summary, warnings FROM activities WHERE id = ?",
            (int(activity_id),),
        )
        if not found:
            raise StoreError(f"no activity with id {activity_id}")
        from legload.core.activity import Activity, empty_laps
        from legload.store.columnar import decode_frame

        sha256, idx, source, summary, warnings = found[0]
        try:
            samples = decode_frame(self._columns("samples", activity_id))
            lap_rows = self._columns("laps", activity_id)
            laps = decode_frame(lap_rows) if lap_rows else empty_laps()
        except (ValueError, TypeError, OSError) as exc:
            raise StoreError(f"activity {activity_id}: stored samples are damaged ({exc})") from exc
        return Activity(
            samples=samples,
            laps=laps,
            summary=json.loads(summary),
            warnings=json.loads(warnings),
            source=source,
            sha256=sha256,
            index=int(idx),
        )

    # -- helpers -----------------------------------------------------------------------

    def _columns(self, table: str, activity_id: int) -> list[tuple[Any, ...]]:
        return self._query(
            f"SELECT name, dtype, codec, n, data FROM {table}"
            " WHERE activity_id = ? ORDER BY position",
            (int(activity_id),),
        )

    def _query(self, sql: str, params: tuple = ()) -> list[tuple[Any, ...]]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise self.database_error(exc) from None


def _write_file(conn: sqlite3.Connection, sha256: str, source_path: str,
                prepared: list[PreparedActivity], athlete_id: int | None) -> list[int]:
    """The rows of one file and its activities (inside the caller's transaction); the ids."""
    conn.execute(
        "INSERT INTO files (sha256, source_path, imported_at, n_activities)"
        " VALUES (?, ?, ?, ?)",
        (sha256, str(source_path), _now(), len(prepared)),
    )
    ids = [_insert_activity(conn, sha256, item) for item in prepared]
    athlete_id = owner(conn, athlete_id)
    if athlete_id is not None:
        conn.execute("UPDATE activities SET athlete_id = ? WHERE file_sha256 = ?",
                     (athlete_id, sha256))
    return ids


def _insert_activity(conn: sqlite3.Connection, sha256: str, prepared: PreparedActivity) -> int:
    cursor = conn.execute(_ACTIVITY_INSERT, (sha256, *prepared.row))
    activity_id = int(cursor.lastrowid)
    for table, columns in (("samples", prepared.samples), ("laps", prepared.laps)):
        conn.executemany(
            f"INSERT INTO {table} (activity_id, position, name, dtype, codec, n, data) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(activity_id, *column) for column in columns],
        )
    if prepared.analysis is not None:
        conn.execute("INSERT INTO activity_analyses (activity_id, model_version, result) "
                     "VALUES (?, ?, ?)", (activity_id, *prepared.analysis))
    return activity_id


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


__all__ = ["BUSY_TIMEOUT_MS", "PreparedActivity", "Store", "default_db_path", "prepare_activity"]
