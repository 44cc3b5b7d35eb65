"""Strength sets, daily intake and body measurements: row tables, one file per transaction."""

from __future__ import annotations

import sqlite3
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
_TIME_COLUMNS = {"timestamp"}
_DATE_COLUMNS = {"date"}


class LogStore:
    """Mixin of :class:`~legload.store.db.Store` for the log tables."""

    conn: sqlite3.Connection

    def add_log_file(self, sha256: str, source_path: str, table: str, frame: pd.DataFrame,
                     athlete_id: int | None = None) -> int:
        """Store the rows of one log file in one transaction; returns the rows added or
        corrected (0 when a file with this content was imported before, or when every row
        is already stored: a re-downloaded export adds only what is new, see
        :data:`ROW_IDENTITY`)."""
        kind, columns = LOG_TABLES[table]
        rows = _rows(frame, columns)
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            if conn.execute("SELECT 1 FROM files WHERE sha256 = ?", (sha256,)).fetchone():
                conn.execute("ROLLBACK")
                return 0
            conn.execute("INSERT INTO files (sha256, source_path, imported_at, n_activities, kind)"
                         " VALUES (?, ?, datetime('now'), 0, ?)", (sha256, source_path, kind))
            athlete_id = owner(conn, athlete_id)
            rows = _new_rows(conn, table, columns, rows, athlete_id)
            names = ", ".join(("file_sha256", "athlete_id", *columns))
            marks = ", ".join("?" * (len(columns) + 2))
            conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})",
                             ((sha256, athlete_id, *row) for row in rows))
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
        return len(rows)

    def log_frame(self, table: str, athlete_id: int | None) -> pd.DataFrame:
        """All rows of a log table for one athlete (or the unassigned ones), oldest first."""
        _, columns = LOG_TABLES[table]
        order = "timestamp" if "timestamp" in columns else "date"
        where = "athlete_id IS ?" if athlete_id is None else "athlete_id = ?"
        rows = self.conn.execute(
            f"SELECT {', '.join(columns)} FROM {table} WHERE {where} ORDER BY {order}",
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


def _new_rows(conn: sqlite3.Connection, table: str, columns: tuple[str, ...],
              rows: list[tuple], athlete_id: int | None) -> list[tuple]:
    """The rows not stored yet for this athlete; a stored row with the same identity but
    other values is deleted (the newer file corrects it). Inside the caller's transaction."""
    key_at = [columns.index(c) for c in ROW_IDENTITY[table]]
    where = "athlete_id IS ?" if athlete_id is None else "athlete_id = ?"
    stored: dict[tuple, list[tuple[int, tuple]]] = {}
    for rowid, *values in conn.execute(
            f"SELECT rowid, {', '.join(columns)} FROM {table} WHERE {where}", (athlete_id,)):
        stored.setdefault(tuple(values[i] for i in key_at), []).append((rowid, tuple(values)))
    new, replaced = [], []
    for row in rows:
        matches = stored.get(tuple(row[i] for i in key_at))
        if not matches:
            new.append(row)
            continue
        rowid, values = matches.pop(0)  # each stored row answers for one row of the file
        if not _same(values, row):
            replaced.append(rowid)
            new.append(row)
    conn.executemany(f"DELETE FROM {table} WHERE rowid = ?", [(r,) for r in replaced])
    return new


def _same(stored: tuple, row: tuple) -> bool:
    """Equal rows, numbers compared to 1e-9 (a value read back from SQLite)."""
    for a, b in zip(stored, row, strict=True):
        if isinstance(a, float) and isinstance(b, float | int):
            if abs(a - b) > 1e-9 * max(1.0, abs(a)):
                return False
        elif a != b:
            return False
    return True


def _rows(frame: pd.DataFrame, columns: tuple[str, ...]) -> list[tuple]:
    """The frame's rows as plain Python values for SQLite, built column by column."""
    import pandas as pd

    data = []
    for name in columns:
        series = frame[name] if name in frame else pd.Series([None] * len(frame), dtype=object)
        if name in _TIME_COLUMNS:
            texts = pd.to_datetime(series, utc=True).dt.strftime("%Y-%m-%dT%H:%M:%SZ")
            data.append([v if type(v) is str else None for v in texts.tolist()])  # NaT: None
        elif name in _DATE_COLUMNS:
            data.append([None if pd.isna(d) else pd.Timestamp(d).strftime("%Y-%m-%d")
                         for d in series])
        else:
            data.append(_plain_column(series))
    return list(zip(*data, strict=True))


def _plain_column(series: pd.Series) -> list:
    """:func:`_plain` of each value; numbers (NaN as None) without a step per value."""
    kind = series.dtype.kind
    if kind == "f":
        return [None if v != v else v for v in series.to_numpy().tolist()]
    if kind in "iu":
        return series.to_numpy().tolist()
    return [v if type(v) is str else _plain(v) for v in series.tolist()]


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
