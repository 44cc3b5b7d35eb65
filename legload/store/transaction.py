"""The transactions of an import: one per file, or one savepoint per file in a batch.

:class:`Batch` says when a batched import commits; :func:`begin_file` and :func:`undo_file`
open and take back the writes of one file (the ``one_file`` savepoint in a batch).
"""

from __future__ import annotations

import contextlib
import sqlite3
import time

from legload.errors import StoreError


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


class DatabaseUnusable(StoreError):
    """The database as a whole cannot be written or read (locked by another writer past the
    busy timeout, read-only, full, damaged): no later file would fare better, so an import
    stops with this one line instead of failing file after file."""


#: words of SQLite's messages → what they mean for the user
_WHOLE_DATABASE = (("locked", "the database is locked by another program"),
                   ("busy", "the database is locked by another program"),
                   ("readonly", "the database file is read-only"),
                   ("disk is full", "the disk is full"),
                   ("malformed", "the database is damaged"),
                   ("not a database", "the database is damaged"))


def reason(exc: BaseException) -> str:
    """One line saying why SQLite failed; a locked, read-only, full or damaged database says
    so in words."""
    text = " ".join(str(exc).split())
    for words, meaning in _WHOLE_DATABASE:
        if words in text:
            return f"{meaning} ({text})"
    return text or type(exc).__name__


def unusable(exc: BaseException) -> bool:
    """True when a SQLite error concerns the whole database, not one file's rows."""
    text = str(exc)
    return isinstance(exc, sqlite3.Error) and any(w in text for w, _ in _WHOLE_DATABASE)


def quick_check(conn: sqlite3.Connection) -> str:
    """The first line ``PRAGMA quick_check`` gives (``ok`` for a sound database)."""
    try:
        row = conn.execute("PRAGMA quick_check(1)").fetchone()
    except sqlite3.Error as exc:
        return " ".join(str(exc).split())
    return str(row[0]) if row else "no answer"


def begin_file(conn: sqlite3.Connection, batch: Batch | None) -> None:
    """Open the transaction of one file: its own, or in a batch a savepoint of the batch's
    (opened first when none is)."""
    if batch is None:
        conn.execute("BEGIN IMMEDIATE")
        return
    if not conn.in_transaction:
        conn.execute("BEGIN IMMEDIATE")
    conn.execute("SAVEPOINT one_file")


__all__ = ["Batch", "DatabaseUnusable", "begin_file", "quick_check", "reason", "rollback",
           "undo_file", "unusable"]
