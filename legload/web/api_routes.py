"""The JSON API under ``/api/``: the same documents as the CLI's ``--json`` (activities, one
activity's analysis, the report), for the athletes the caller may see; the OpenAPI schema is
``/api/openapi.json``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from legload.web.app import ActivityId, signed_in
from legload.web.auth import Access, Denied
from legload.web.pages import owned_activity

router = APIRouter(prefix="/api", tags=["data"])
Signed = Annotated[Access, Depends(signed_in)]
Weeks = Annotated[int, Query(ge=1, le=520, description="7-day weeks in the window")]
Until = Annotated[dt.date | None, Query(description="last day of the window (default today)")]


def checked_until(until: dt.date | None) -> dt.date | None:
    """The window's end, refused (422) outside 1990 to 2100."""
    if until is not None and not dt.date(1990, 1, 1) <= until <= dt.date(2100, 12, 31):
        raise Denied(422, "until must lie between 1990-01-01 and 2100-12-31")
    return until


@router.get("/athletes", summary="Athletes this account may see")
def athletes(access: Signed) -> list[str | None]:
    return access.athletes


@router.get("/activities", summary="An athlete's activities, oldest first")
def activities(request: Request, access: Signed,
               athlete: str | None = None) -> list[dict[str, Any]]:
    return request.app.state.views.activities(access.athlete(athlete))


@router.get("/activities/{activity_id}", summary="One activity's analysis (analyze --json)")
def activity(request: Request, access: Signed, activity_id: ActivityId) -> dict[str, Any]:
    from legload import api

    owned_activity(request, access, activity_id)
    return api.analyse(activity_id, db=request.app.state.settings.db).to_dict()


@router.get("/report", summary="The report (report --json)")
def report(request: Request, access: Signed, athlete: str | None = None, weeks: Weeks = 12,
           until: Until = None) -> dict[str, Any]:
    name = access.athlete(athlete)
    return request.app.state.views.report(name, weeks, checked_until(until)).to_dict()


@router.get("/docs", include_in_schema=False)
def docs() -> HTMLResponse:
    rows = "".join(f"<li><code>GET {r.path}</code>: {r.summary}</li>"
                   for r in router.routes if getattr(r, "include_in_schema", False))
    return HTMLResponse(f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><meta "
                        "name='viewport' content='width=device-width, initial-scale=1'><title>"
                        f"legload API</title></head><body><h1>legload API</h1><ul>{rows}</ul>"
                        "<p><a href='/api/openapi.json'>OpenAPI schema</a></p></body></html>")
