"""Web accounts (users, coaches' grants, sessions) and the few single-row reads and deletes
the web pages need. Password hashes are made by the caller; session tokens are stored as
their SHA-256 only, so a copy of the database does not sign anyone in."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from legload.errors import StoreError
from legload.store.logs import LOG_TABLES

ROLES = ("athlete", "coach")
_NOT_STORED = object()


@dataclass(frozen=True)
class User:
    """One account: ``athlete`` is the athlete an athlete account is (None for a coach)."""
    id: int
    name: str
    password_hash: str
    role: str
    athlete: str | None


@dataclass(frozen=True)
class LogEntry:
    """One stored log row with its row id (the handle to correct or delete it)."""
    table: str
    rowid: int
    values: dict[str, object]


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _athlete_id(conn: sqlite3.Connection, name: str) -> int:
    row = conn.execute("SELECT id FROM athletes WHERE name = ?", (name,)).fetchone()
    if row is None:
        raise StoreError(f"no athlete named {name!r}")
    return int(row[0])


def add_user(conn: sqlite3.Connection, name: str, password_hash: str, role: str,
             athlete: str | None) -> int:
    """A new account (StoreError when the name is taken or the athlete unknown)."""
    if role not in ROLES:
        raise StoreError(f"unknown role {role!r} (athlete or coach)")
    athlete_id = _athlete_id(conn, athlete) if role == "athlete" and athlete else None
    if role == "athlete" and athlete_id is None:
        raise StoreError("an athlete account needs its athlete")
    try:
        with conn:
            cursor = conn.execute(
                "INSERT INTO users (name, password_hash, role, athlete_id, created_at) "
                "VALUES (?, ?, ?, ?, ?)", (name, password_hash, role, athlete_id, _now()))
    except sqlite3.IntegrityError:
        raise StoreError(f"a user named {name!r} exists already") from None
    return int(cursor.lastrowid or 0)


def set_password(conn: sqlite3.Connection, name: str, password_hash: str) -> None:
    with conn:
        if not conn.execute("UPDATE users SET password_hash = ? WHERE name = ?",
                            (password_hash, name)).rowcount:
            raise StoreError(f"no user named {name!r}")
        conn.execute("DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE name = ?)",
                     (name,))


def grant(conn: sqlite3.Connection, coach: str, athlete: str, *, revoke: bool = False) -> None:
    """Let a coach see an athlete (read-only), or stop it."""
    user = user_by_name(conn, coach)
    if user is None or user.role != "coach":
        raise StoreError(f"no coach account named {coach!r}")
    athlete_id = _athlete_id(conn, athlete)
    with conn:
        if revoke:
            conn.execute("DELETE FROM grants WHERE coach_id = ? AND athlete_id = ?",
                         (user.id, athlete_id))
        else:
            conn.execute("INSERT OR IGNORE INTO grants (coach_id, athlete_id) VALUES (?, ?)",
                         (user.id, athlete_id))


def user_by_name(conn: sqlite3.Connection, name: str) -> User | None:
    row = conn.execute("SELECT u.id, u.name, u.password_hash, u.role, a.name FROM users u "
                       "LEFT JOIN athletes a ON a.id = u.athlete_id WHERE u.name = ?",
                       (name,)).fetchone()
    return None if row is None else User(*row)


def user_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM users").fetchone()[0])


def visible_athletes(conn: sqlite3.Connection, user: User) -> list[str]:
    """The athletes an account may see: itself, or a coach's granted athletes."""
    if user.role == "athlete":
        return [user.athlete] if user.athlete else []
    return [name for (name,) in conn.execute(
        "SELECT a.name FROM grants g JOIN athletes a ON a.id = g.athlete_id "
        "WHERE g.coach_id = ? ORDER BY a.name", (user.id,))]


def athlete_names(conn: sqlite3.Connection) -> list[str]:
    return [name for (name,) in conn.execute("SELECT name FROM athletes ORDER BY name")]


def add_session(conn: sqlite3.Connection, user_id: int, token_sha256: str, csrf: str,
                expires_at: str) -> None:
    with conn:
        conn.execute("DELETE FROM sessions WHERE expires_at < ?", (_now(),))
        conn.execute("INSERT INTO sessions (token_sha256, user_id, csrf, expires_at) "
                     "VALUES (?, ?, ?, ?)", (token_sha256, user_id, csrf, expires_at))


def session_user(conn: sqlite3.Connection, token_sha256: str) -> tuple[User, str] | None:
    """The account and CSRF token of a live session."""
    row = conn.execute("SELECT u.name, s.csrf FROM sessions s JOIN users u ON u.id = s.user_id "
                       "WHERE s.token_sha256 = ? AND s.expires_at >= ?",
                       (token_sha256, _now())).fetchone()
    if row is None:
        return None
    user = user_by_name(conn, row[0])
    return None if user is None else (user, row[1])


def end_session(conn: sqlite3.Connection, token_sha256: str) -> None:
    with conn:
        conn.execute("DELETE FROM sessions WHERE token_sha256 = ?", (token_sha256,))


def activity_owner(conn: sqlite3.Connection, activity_id: int) -> object:
    """The name of the athlete an activity belongs to (None: unassigned); a sentinel
    :data:`NOT_STORED` when no such activity is stored."""
    row = conn.execute("SELECT a.name FROM activities x LEFT JOIN athletes a ON "
                       "a.id = x.athlete_id WHERE x.id = ?", (activity_id,)).fetchone()
    return _NOT_STORED if row is None else row[0]


def log_entries(conn: sqlite3.Connection, table: str, athlete: str | None,
                limit: int = 200) -> list[LogEntry]:
    """The newest rows of a log table for one athlete (None: the unassigned rows)."""
    _, columns = LOG_TABLES[table]
    order = "timestamp" if "timestamp" in columns else "date"
    where = "athlete_id IS NULL" if athlete is None else \
        "athlete_id = (SELECT id FROM athletes WHERE name = ?)"
    rows = conn.execute(f"SELECT rowid, {', '.join(columns)} FROM {table} WHERE {where} "
                        f"ORDER BY {order} DESC, rowid DESC LIMIT ?",
                        ((athlete,) if athlete is not None else ()) + (limit,)).fetchall()
    return [LogEntry(table, int(r[0]), dict(zip(columns, r[1:], strict=True))) for r in rows]


def delete_log_entry(conn: sqlite3.Connection, table: str, rowid: int,
                     athlete: str | None) -> bool:
    """Delete one row of a log table if it is the athlete's; whether a row went."""
    if table not in LOG_TABLES:
        raise StoreError(f"no log table {table!r}")
    where = "athlete_id IS NULL" if athlete is None else \
        "athlete_id = (SELECT id FROM athletes WHERE name = ?)"
    with conn:
        return conn.execute(f"DELETE FROM {table} WHERE rowid = ? AND {where}",
                            (rowid, *((athlete,) if athlete is not None else ()))).rowcount > 0


NOT_STORED = _NOT_STORED

__all__ = ["NOT_STORED", "ROLES", "LogEntry", "User", "activity_owner", "add_session",
           "add_user", "athlete_names", "delete_log_entry", "end_session", "grant",
           "log_entries", "session_user", "set_password", "user_by_name", "user_count",
           "visible_athletes"]
