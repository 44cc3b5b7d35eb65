"""Strength sets, daily intake and body measurements: row tables, one file per transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from itertools import chain, repeat
from typing import TYPE_CHECKING

from legload.errors import StoreError
from legload.store.athletes import owner
from legload.store.transaction import unusable

if TYPE_CHECKING:  # pandas loads when a log is read or written, not to open the store
    import pandas as pd

#: table -> (kind, columns in order)
LOG_TABLES = {
    "strength_sets": ("strength", ("timestamp", "workout", "exercise_raw", "exercise",
                                   "set_index", "reps", "weight_kg", "duration_s",
                                   "distance_m", "rir", "set_type")),
    "intake_days": ("intake", ("date", "energy_kcal", "protein_g", "carbs_g", "fat_g")),
    "body_measurements": ("body", ("timestamp", "weight_kg", "body_fat_fraction",
                                   "lean_mass_kg", "skeletal_muscle_kg")),
}
#: table -> the columns that say which row a row is (a newer export's row with the same
#: identity is the same row: kept when its values are equal, else it replaces the old one)
ROW_IDENTITY = {
    "strength_sets": ("timestamp", "exercise_raw", "set_index"),
    "intake_days": ("date",),
    "body_measurements": ("timestamp",),
}
#: rows of a frame turned into SQLite's values at a time
_ROWS_PER_SLICE = 25_000
#: rows one INSERT statement writes (fewer statements to run: a fifth less time)
_ROWS_PER_INSERT = 50
_TIME_COLUMNS = {"timestamp"}
_DATE_COLUMNS = {"date"}


class LogStore:
    """Mixin of :class:`~legload.store.db.Store` for the log tables."""

    conn: sqlite3.Connection

    def add_log_file(self, sha256: str, source_path: str, table: str, frame: pd.DataFrame,
                     athlete_id: int | None = None) -> int:
        """Store the rows of one log file in one transaction (see :meth:`add_log_chunks`)."""
        return self.add_log_chunks(sha256, source_path, table, (frame,), athlete_id)

    def add_log_chunks(self, sha256: str, source_path: str, table: str,
                       frames: Iterable[pd.DataFrame], athlete_id: int | None = None) -> int:
        """Store the rows of one log file, given a chunk at a time, in one transaction: each
        chunk is written as it comes (the file's rows are never all held), and an error in any
        chunk, a reader's among them, leaves nothing of the file stored. Returns the rows
        added or corrected: 0 when a file with this content was imported before (``frames``
        then not read), or when every row is already stored (a re-downloaded export adds
        only what is new, see :data:`ROW_IDENTITY`)."""
        conn, added = self.conn, 0
        try:
            conn.execute("BEGIN IMMEDIATE")
            if conn.execute("SELECT 1 FROM files WHERE sha256 = ?", (sha256,)).fetchone():
                conn.execute("ROLLBACK")
                return 0
            conn.execute("INSERT INTO files (sha256, source_path, imported_at, n_activities, kind)"
                         " VALUES (?, ?, datetime('now'), 0, ?)",
                         (sha256, source_path, LOG_TABLES[table][0]))
            rows = _LogRows(conn, table, sha256, owner(conn, athlete_id))
            for frame in frames:  # a big frame given whole is written a slice at a time
                for start in range(0, len(frame), _ROWS_PER_SLICE):
                    added += rows.add(frame.iloc[start:start + _ROWS_PER_SLICE])
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if unusable(exc):
                raise  # the whole database: one line from Store.__exit__
            raise StoreError(f"{source_path}: could not be stored ({exc})") from None
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return added

    def log_frame(self, table: str, athlete_id: int | None) -> pd.DataFrame:
        """All rows of a log table for one athlete (or the unassigned ones), oldest first."""
        _, columns = LOG_TABLES[table]
        order = "timestamp" if "timestamp" in columns else "date"
        rows = self.conn.execute(
            f"SELECT {', '.join(columns)} FROM {table} WHERE {_athlete(athlete_id)} "
            f"ORDER BY {order}",
            (athlete_id,)).fetchall()
        import pandas as pd

        frame = pd.DataFrame(rows, columns=list(columns))
        for name in columns:
            if name in _TIME_COLUMNS:
                frame[name] = pd.to_datetime(frame[name], utc=True, format="ISO8601",
                                             errors="coerce")  # damage is NaT, left to the caller
            elif name in _DATE_COLUMNS:
                frame[name] = pd.to_datetime(frame[name], format="%Y-%m-%d", errors="coerce")
        return frame


class _LogRows:
    """The rows of one log file written chunk by chunk inside the caller's transaction, each
    matched against the rows stored before the file (not against the file's own)."""

    def __init__(self, conn: sqlite3.Connection, table: str, sha256: str,
                 athlete_id: int | None) -> None:
        self.conn, self.table, self.sha256, self.athlete_id = conn, table, sha256, athlete_id
        self.columns = LOG_TABLES[table][1]
        self.key_at = [self.columns.index(c) for c in ROW_IDENTITY[table]]  # in stored rows
        self.row_key_at = [2 + i for i in self.key_at]  # in rows to write (file, athlete first)
        self.used: set[int] = set()  # stored rows that answered for a row of the file
        self.any_stored = conn.execute(
            f"SELECT 1 FROM {table} WHERE {_athlete(athlete_id)} LIMIT 1",
            (athlete_id,)).fetchone() is not None
        names = ", ".join(("file_sha256", "athlete_id", *self.columns))
        marks = "(" + ", ".join("?" * (len(self.columns) + 2)) + ")"
        self.insert = f"INSERT INTO {table} ({names}) VALUES {marks}"
        self.insert_many = self.insert + f", {marks}" * (_ROWS_PER_INSERT - 1)

    def add(self, frame: pd.DataFrame) -> int:
        """Write one chunk's new or corrected rows; how many."""
        rows = _rows(frame, self.columns, (self.sha256, self.athlete_id))
        if self.any_stored:
            rows = self._new(rows)
        whole = len(rows) - len(rows) % _ROWS_PER_INSERT  # rows written many per statement
        self.conn.executemany(self.insert_many, (
            list(chain.from_iterable(rows[start:start + _ROWS_PER_INSERT]))
            for start in range(0, whole, _ROWS_PER_INSERT)))
        self.conn.executemany(self.insert, rows[whole:])
        return len(rows)

    def _stored(self, rows: list[tuple]) -> dict[tuple, list[tuple[int, tuple]]]:
        """Stored rows (of other files) at the times of ``rows``, by identity, oldest first."""
        first = self.columns[self.key_at[0]]  # NOT NULL since migration 2: IN misses no row
        times = sorted({row[self.row_key_at[0]] for row in rows} - {None})
        stored: dict[tuple, list[tuple[int, tuple]]] = {}
        for start in range(0, len(times), 500):
            part = times[start:start + 500]
            for rowid, *values in self.conn.execute(
                    f"SELECT rowid, {', '.join(self.columns)} FROM {self.table} "
                    f"WHERE {_athlete(self.athlete_id)} AND file_sha256 != ? AND {first} IN "
                    f"({', '.join('?' * len(part))}) ORDER BY rowid",
                    (self.athlete_id, self.sha256, *part)):
                if rowid not in self.used:
                    key = tuple(values[i] for i in self.key_at)
                    stored.setdefault(key, []).append((rowid, tuple(values)))
        return stored

    def _new(self, rows: list[tuple]) -> list[tuple]:
        """The rows not stored yet; a stored row with the same identity but other values is
        deleted (the newer file corrects it)."""
        stored = self._stored(rows)
        new, replaced = [], []
        for row in rows:
            matches = stored.get(tuple(row[i] for i in self.row_key_at))
            if not matches:
                new.append(row)
                continue
            rowid, values = matches.pop(0)  # each stored row answers for one row of the file
            self.used.add(rowid)
            if not _same(values, row[2:]):
                replaced.append(rowid)
                new.append(row)
        self.conn.executemany(f"DELETE FROM {self.table} WHERE rowid = ?",
                              [(r,) for r in replaced])
        return new


def _athlete(athlete_id: int | None) -> str:
    return "athlete_id IS ?" if athlete_id is None else "athlete_id = ?"


def _same(stored: tuple, row: tuple) -> bool:
    """Equal rows, numbers compared to 1e-9 (a value read back from SQLite)."""
    for a, b in zip(stored, row, strict=True):
        if isinstance(a, float) and isinstance(b, float | int):
            if abs(a - b) > 1e-9 * max(1.0, abs(a)):
                return False
        elif a != b:
            return False
    return True


def _rows(frame: pd.DataFrame, columns: tuple[str, ...], first: tuple = ()) -> list[tuple]:
    """The frame's rows as plain Python values for SQLite, built column by column, each
    row starting with the values ``first``."""
    import pandas as pd

    data = []
    for name in columns:
        series = frame[name] if name in frame else pd.Series([None] * len(frame), dtype=object)
        if name in _TIME_COLUMNS:
            data.append(_time_texts(pd.to_datetime(series, utc=True)))
        elif name in _DATE_COLUMNS:
            data.append([None if pd.isna(d) else pd.Timestamp(d).strftime("%Y-%m-%d")
                         for d in series])
        else:
            data.append(_plain_column(series))
    return list(zip(*map(repeat, first), *data, strict=False))  # repeat: as long as data


def _time_texts(stamps: pd.Series) -> list:
    """ISO 8601 UTC texts of times (NaT: None), each distinct time formatted once (a
    workout's sets share its start)."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(stamps)
    texts = np.append(pd.DatetimeIndex(uniques).strftime("%Y-%m-%dT%H:%M:%SZ").to_numpy(
        dtype=object), None)
    return texts[codes].tolist()  # code -1 (NaT) takes the None at the end


def _plain_column(series: pd.Series) -> list:
    """:func:`_plain` of each value; numbers (NaN as None) without a step per value."""
    kind = series.dtype.kind
    if kind == "f":
        values = series.to_numpy()
        plain = values.astype(object)
        plain[values != values] = None
        return plain.tolist()
    if kind in "iu":
        return series.to_numpy().tolist()
    import pandas as pd

    if isinstance(series.dtype, pd.StringDtype) and not series.hasnans:
        return series.tolist()  # text only
    return [v if v is None or type(v) is str else _plain(v) for v in series.tolist()]


def _plain(value):
    if value is None:
        return None
    import numpy as np
    import pandas as pd

    if isinstance(value, float | np.floating):
        return None if np.isnan(value) else float(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, str):
        return value
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value
