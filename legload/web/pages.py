"""The pages a runner reads: the dashboard, the activities, one activity, a coach's squad,
and signing in and out."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response

from legload.render.html import STATIC
from legload.store import Store
from legload.store import accounts as store_accounts
from legload.web.app import ActivityId, form_csrf, get_access, nav, page, signed_in
from legload.web.auth import SESSION_COOKIE, SESSION_DAYS, Access, Denied, sign_in, token_sha256

router = APIRouter(include_in_schema=False)
Signed = Annotated[Access, Depends(signed_in)]


@router.get("/")
def dashboard(request: Request, access: Signed, athlete: str | None = None,
              weeks: Annotated[int, Query(ge=1, le=520)] = 12,
              until: dt.date | None = None) -> Response:
    if access.role == "coach" and not athlete:
        return RedirectResponse("/squad", status_code=303)
    from legload.web.api_routes import checked_until

    name = access.athlete(athlete)
    until = checked_until(until)
    board = request.app.state.views.dashboard(name, weeks, until)
    return page(request, "dashboard.html", view=board.view, notes=board.notes, weeks=weeks,
                until=until.isoformat() if until else "", nav=nav(access, name))


@router.get("/activities")
def activities(request: Request, access: Signed, athlete: str | None = None) -> Response:
    name = access.athlete(athlete)
    rows = request.app.state.views.activities(name)
    return page(request, "activities.html", rows=list(reversed(rows)), nav=nav(access, name))


def owned_activity(request: Request, access: Access, activity_id: int) -> str | None:
    """The athlete owning an activity this request may see (404 otherwise)."""
    with Store(request.app.state.settings.db) as store:
        owner = store_accounts.activity_owner(store.conn, activity_id)
    if owner is store_accounts.NOT_STORED or owner not in access.athletes:
        raise Denied(404, f"no activity {activity_id} here")
    return owner  # type: ignore[return-value]


@router.get("/activities/{activity_id}")
def activity(request: Request, access: Signed, activity_id: ActivityId) -> Response:
    owner = owned_activity(request, access, activity_id)
    shown = request.app.state.views.activity(activity_id)
    return page(request, "activity.html", a=shown, nav=nav(access, owner))


@router.get("/squad")
def squad(request: Request, access: Signed) -> Response:
    views = request.app.state.views
    rows = []
    for name in access.athletes:
        answer = views.report(name, 12, None)
        rows.append((name, answer.headline, {m: v.verdict for m, v in answer.muscles.items()}))
    return page(request, "squad.html", rows=rows, nav=nav(access, None))


@router.get("/login")
def login_form(request: Request) -> Response:
    return page(request, "login.html")


@router.post("/login")
async def login(request: Request) -> Response:
    access = get_access(request)
    form = await form_csrf(request, access)
    name, password = str(form.get("username") or ""), str(form.get("password") or "")
    limiter = request.app.state.limiter
    client = request.client.host if request.client else "?"
    keys = (f"user:{name}", f"client:{client}")
    if limiter.blocked(*keys):
        return page(request, "login.html", 429, error="Too many wrong passwords: wait 15 "
                    "minutes and try again.")
    with Store(request.app.state.settings.db) as store:
        found = sign_in(store, name, password)
    if found is None:
        limiter.failed(*keys)
        return page(request, "login.html", 401, error="Wrong user name or password.")
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(SESSION_COOKIE, found[0], max_age=SESSION_DAYS * 86400, httponly=True,
                        samesite="lax", secure=request.url.scheme == "https", path="/")
    return response


@router.post("/logout")
async def logout(request: Request, access: Signed) -> Response:
    await form_csrf(request, access)
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        with Store(request.app.state.settings.db) as store:
            store_accounts.end_session(store.conn, token_sha256(token))
    response = RedirectResponse("/login" if access.accounts else "/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/static/app.js")
def script() -> Response:
    return Response((STATIC / "app.js").read_text(encoding="utf-8"),
                    media_type="text/javascript", headers={"Cache-Control": "max-age=3600"})
