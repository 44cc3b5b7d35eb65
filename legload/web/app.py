"""The FastAPI application of ``legload serve``: settings, the request's access, limits,
security headers and error pages; the routes live in :mod:`pages`, :mod:`upload`,
:mod:`logs` and :mod:`api_routes`."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from legload import __version__
from legload.errors import LegloadError
from legload.render.html import render_page
from legload.store import Store
from legload.web.auth import CSRF_COOKIE, Access, Denied, LoginLimiter, access_for
from legload.web.views import Views

MIB = 1024 * 1024
#: a database id: SQLite's INTEGER range
ActivityId = Annotated[int, PathParam(ge=1, le=2**63 - 1, description="the activity's id")]
_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                               "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


@dataclass(frozen=True)
class Settings:
    """How the app runs: its database, whether accounts are on, the upload limits (bytes)."""
    db: Path
    accounts: bool = False
    max_file_bytes: int = 256 * MIB
    max_request_bytes: int = 1024 * MIB


def get_access(request: Request) -> Access:
    """The access of this request (computed once, kept on the request)."""
    found = getattr(request.state, "access", None)
    if found is None:
        settings: Settings = request.app.state.settings
        with Store(settings.db) as store:
            found = access_for(request, store, settings.accounts)
        request.state.access = found
    return found


def nav(access: Access, athlete: str | None) -> dict[str, object]:
    """What the page header needs: who is signed in, the links' athlete and the CSRF token."""
    several = len(access.athletes) > 1
    return {"user": access.user, "csrf": access.csrf, "coach": access.role == "coach",
            "can_write": access.can_write, "athlete": athlete is not None or
            access.athletes == [None], "athlete_param": athlete if several else None,
            "q": f"?athlete={quote(athlete)}" if several and athlete else "",
            "choices": access.athletes if several else [], "current": athlete}


def page(request: Request, template: str, status: int = 200, **context: object) -> HTMLResponse:
    access = get_access(request)
    context.setdefault("nav", nav(access, None))
    return HTMLResponse(render_page(template, **context), status_code=status)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or \
        "application/json" in request.headers.get("accept", "")


def create_app(settings: Settings) -> FastAPI:
    """The web app over ``settings.db`` (the database must exist: ``serve`` creates it)."""
    from legload.web import api_routes, logs, pages, upload

    app = FastAPI(title="legload", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json")
    app.state.settings = settings
    app.state.views = Views(settings.db)
    app.state.limiter = LoginLimiter()
    for module in (pages, upload, logs, api_routes):
        app.include_router(module.router)

    @app.middleware("http")
    async def guard(request: Request, call_next):
        size = request.headers.get("content-length")
        if request.method == "POST" and size and size.isdigit() \
                and int(size) > settings.max_request_bytes:
            return _too_large(request, settings.max_request_bytes)
        started = time.perf_counter()
        response = await call_next(request)
        response.headers["Server-Timing"] = f"app;dur={1000 * (time.perf_counter() - started):.1f}"
        for name, value in _HEADERS.items():
            response.headers.setdefault(name, value)
        access = getattr(request.state, "access", None)
        if access is not None and access.new_csrf:
            response.set_cookie(CSRF_COOKIE, access.csrf, httponly=True, samesite="lax",
                                secure=request.url.scheme == "https", path="/")
        return response

    @app.exception_handler(Denied)
    async def denied(request: Request, exc: Denied) -> Response:
        if exc.status == 401 and not _wants_json(request):
            return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
        if _wants_json(request):
            return JSONResponse({"detail": exc.message}, status_code=exc.status)
        return page(request, "message.html", exc.status, title="Not possible",
                    message=exc.message, error=True, link="/", link_text="Back to the dashboard")

    @app.exception_handler(LegloadError)
    async def refused(request: Request, exc: LegloadError) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": str(exc)}, status_code=400)
        return page(request, "message.html", 400, title="Not possible", message=str(exc),
                    error=True, link="/", link_text="Back to the dashboard")

    return app


def _too_large(request: Request, limit: int) -> Response:
    text = f"the upload is larger than this server accepts ({limit // MIB} MiB); nothing was stored"
    if _wants_json(request) or request.url.path == "/upload":
        return JSONResponse({"detail": text}, status_code=413)
    return HTMLResponse(text, status_code=413)


def signed_in(request: Request) -> Access:
    """The access of a request that must come from someone signed in (401 otherwise)."""
    access = get_access(request)
    if access.role == "anonymous":
        raise Denied(401, "sign in first")
    return access


async def form_csrf(request: Request, access: Access) -> dict:
    """The posted form, once its CSRF token (field ``csrf`` or header ``X-CSRF-Token``) is
    checked."""
    from legload.web.auth import check_csrf

    form = await request.form()
    check_csrf(access, request.headers.get("x-csrf-token") or str(form.get("csrf") or ""))
    return dict(form)
