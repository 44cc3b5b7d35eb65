"""Who is asking and what they may do: local mode (no accounts, like a desktop app) or
accounts (argon2id passwords, session cookies, per-athlete grants), CSRF tokens on every
state-changing request, and a limit on wrong passwords."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import Request

from legload.store import Store
from legload.store import accounts as store_accounts

SESSION_COOKIE = "legload_session"
CSRF_COOKIE = "legload_csrf"
SESSION_DAYS = 14
HASHER = PasswordHasher()  # argon2id with the library's recommended cost
#: a dummy hash checked when the user is unknown, so timing does not tell names apart
_DUMMY = HASHER.hash(secrets.token_hex(8))


class Denied(Exception):
    """The request may not go on: ``status`` 401 (sign in), 403 (CSRF, read-only) or 404."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


@dataclass
class Access:
    """What one request may see and change. ``role`` is ``owner`` (local mode), ``athlete``
    or ``coach``; ``athletes`` are the athlete names it may see (None: data not yet given to
    any athlete, in local mode)."""

    role: str
    athletes: list[str | None]
    csrf: str
    user: str | None = None
    new_csrf: bool = False
    accounts: bool = False

    @property
    def can_write(self) -> bool:
        return self.role in ("owner", "athlete")

    def athlete(self, asked: str | None) -> str | None:
        """The athlete a page is about: the one asked for, if visible; else the first."""
        if asked:
            if asked not in self.athletes:
                raise Denied(404, "no such athlete here")
            return asked
        if not self.athletes:
            raise Denied(404, "no athlete is visible to this account yet")
        return self.athletes[0]

    def writable(self, asked: str | None) -> str | None:
        athlete = self.athlete(asked)
        if not self.can_write:
            raise Denied(403, "this account is read-only")
        return athlete


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def token_sha256(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass
class LoginLimiter:
    """At most ``attempts`` wrong passwords per user name and per client in ``window_s``."""

    attempts: int = 5
    window_s: float = 900.0
    _failures: dict[str, list[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def blocked(self, *keys: str) -> bool:
        now = time.monotonic()
        with self._lock:
            for key in keys:
                recent = [t for t in self._failures.get(key, []) if now - t < self.window_s]
                self._failures[key] = recent
                if len(recent) >= self.attempts:
                    return True
        return False

    def failed(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.setdefault(key, []).append(time.monotonic())


def access_for(request: Request, store: Store, accounts: bool) -> Access:
    """The request's access: from its session cookie with accounts, else the owner's."""
    anon = request.cookies.get(CSRF_COOKIE) or ""
    fresh = len(anon) < 32
    csrf = secrets.token_urlsafe(32) if fresh else anon
    conn = store.conn
    if not accounts:
        names: list[str | None] = list(store_accounts.athlete_names(conn)) or [None]
        return Access("owner", names, csrf, new_csrf=fresh)
    token = request.cookies.get(SESSION_COOKIE)
    found = store_accounts.session_user(conn, token_sha256(token)) if token else None
    if found is None:
        return Access("anonymous", [], csrf, new_csrf=fresh, accounts=True)
    user, session_csrf = found
    return Access(user.role, list(store_accounts.visible_athletes(conn, user)), session_csrf,
                  user=user.name, accounts=True)


def check_csrf(access: Access, sent: str | None) -> None:
    """Refuse a state-changing request whose token is missing or wrong (403)."""
    if not sent or not hmac.compare_digest(sent.encode(), access.csrf.encode()):
        raise Denied(403, "the form's security token is missing or out of date: reload the page")


def sign_in(store: Store, name: str, password: str) -> tuple[str, str] | None:
    """(session token, CSRF token) when the password is right, else None."""
    user = store_accounts.user_by_name(store.conn, name)
    try:
        HASHER.verify(user.password_hash if user else _DUMMY, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None:
        return None
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    expires = (datetime.now(UTC) + timedelta(days=SESSION_DAYS)).strftime("%Y-%m-%dT%H:%M:%SZ")
    store_accounts.add_session(store.conn, user.id, token_sha256(token), csrf, expires)
    return token, csrf
