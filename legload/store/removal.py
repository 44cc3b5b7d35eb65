"""Taking data out: activities by id, log rows by date range or source file, an athlete with
everything of theirs. Each removal is one transaction; a file left with nothing of it stored
is forgotten too, so importing it again adds it again."""

from __future__ import annotations

import sqlite3

from legload.errors import StoreError
from legload.store.logs import LOG_TABLES

_DATA_TABLES = ("activities", *LOG_TABLES)


class RemovalStore:
    """Mixin of :class:`~legload.store.db.Store`: deletions (needs ``conn``)."""

    conn: sqlite3.Connection

    def delete_activities(self, ids: list[int]) -> list[int]:
        """Delete the activities with these ids (samples, laps and cached analyses go with
        them); returns the ids that existed. Unknown ids are StoreError, nothing deleted."""
        wanted = sorted({int(i) for i in ids})
        with self._removing():
            marks = ", ".join("?" * len(wanted))
            found = [i for (i,) in self.conn.execute(
                f"SELECT id FROM activities WHERE id IN ({marks})", wanted)]
            missing = sorted(set(wanted) - set(found))
            if missing:
                raise StoreError(f"no activity with id {', '.join(map(str, missing))}")
            self.conn.execute(f"DELETE FROM activities WHERE id IN ({marks})", wanted)
        return found

    def delete_log_rows(self, table: str, athlete_id: int | None, *, date_from: str | None = None,
                        date_to: str | None = None, source: str | None = None) -> int:
        """Delete an athlete's rows of a log table between two days (ISO, both included)
        and/or imported from the file at ``source``; returns how many."""
        _, columns = LOG_TABLES[table]
        day = "substr(timestamp, 1, 10)" if "timestamp" in columns else "date"
        where = ["athlete_id IS ?" if athlete_id is None else "athlete_id = ?"]
        params: list = [athlete_id]
        if date_from is not None:
            where.append(f"{day} >= ?")
            params.append(date_from)
        if date_to is not None:
            where.append(f"{day} <= ?")
            params.append(date_to)
        if source is not None:
            where.append("file_sha256 IN (SELECT sha256 FROM files WHERE source_path = ?)")
            params.append(source)
        with self._removing():
            cursor = self.conn.execute(f"DELETE FROM {table} WHERE {' AND '.join(where)}",
                                       params)
        return cursor.rowcount

    def delete_athlete(self, name: str) -> dict[str, int]:
        """Delete an athlete and every activity and log row of theirs; rows deleted per
        table. An unknown name is StoreError."""
        row = self.conn.execute("SELECT id FROM athletes WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise StoreError(f"no athlete named {name!r}")
        counts = {}
        with self._removing():
            for table in _DATA_TABLES:
                counts[table] = self.conn.execute(
                    f"DELETE FROM {table} WHERE athlete_id = ?", (row[0],)).rowcount
            self.conn.execute("DELETE FROM athletes WHERE id = ?", (row[0],))
        return counts

    def _removing(self):
        return _Removal(self.conn)


class _Removal:
    """One deletion's transaction: files left with nothing stored are forgotten, then it
    commits; any error rolls all of it back."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, exc, _tb) -> None:
        if kind is None:
            kept = " AND ".join(f"NOT EXISTS (SELECT 1 FROM {t} WHERE file_sha256 = sha256)"
                                for t in _DATA_TABLES)
            self.conn.execute(f"DELETE FROM files WHERE {kept}")
            self.conn.execute("COMMIT")
        elif self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise StoreError(f"could not delete ({exc})") from None


__all__ = ["RemovalStore"]
