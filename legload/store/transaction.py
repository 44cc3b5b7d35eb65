"""The transactions of an import: one per file, or one savepoint per file in a batch.

:class:`Batch` says when a batched import commits; :func:`begin_file` and :func:`undo_file`
open and take back the writes of one file (the ``one_file`` savepoint in a batch).
"""

from __future__ import annotations

import contextlib
import sqlite3
import time


class Batch:
    """When a batched import commits: after so many files or so many seconds."""

    def __init__(self, max_files: int, max_seconds: float) -> None:
        self.max_files, self.max_seconds = max(1, max_files), max_seconds
        self.reset()

    def reset(self) -> None:
        self.files, self.since = 0, time.monotonic()

    def full(self) -> bool:
        """Count one more stored file; True when the transaction should commit now."""
        self.files += 1
        return self.files >= self.max_files or self.due()

    def due(self) -> bool:
        return time.monotonic() - self.since >= self.max_seconds


def undo_file(conn: sqlite3.Connection, batch: Batch | None) -> None:
    """Take back the file being added: its savepoint in a batch, else its transaction."""
    if batch is None or not conn.in_transaction:
        rollback(conn)
        return
    try:
        conn.execute("ROLLBACK TO one_file")
        conn.execute("RELEASE one_file")
    except sqlite3.Error:
        rollback(conn)


def rollback(conn: sqlite3.Connection) -> None:
    """Roll back the open transaction, if any (an error doing so is not raised)."""
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


def reason(exc: BaseException) -> str:
    """One line saying why SQLite failed; a locked database says so in words."""
    text = " ".join(str(exc).split())
    if "locked" in text or "busy" in text:
        return f"the database is locked by another program ({text})"
    return text or type(exc).__name__


def begin_file(conn: sqlite3.Connection, batch: Batch | None) -> None:
    """Open the transaction of one file: its own, or in a batch a savepoint of the batch's
    (opened first when none is)."""
    if batch is None:
        conn.execute("BEGIN IMMEDIATE")
        return
    if not conn.in_transaction:
        conn.execute("BEGIN IMMEDIATE")
    conn.execute("SAVEPOINT one_file")


__all__ = ["Batch", "begin_file", "reason", "rollback", "undo_file"]
