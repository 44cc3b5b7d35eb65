"""The logs page: strength sessions, food days and weigh-ins — view, add, correct (a row
entered again with the same identity replaces the stored one) and delete."""

from __future__ import annotations

import csv
import hashlib
import io
import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi import Path as PathParam
from fastapi.responses import RedirectResponse, Response

from legload.readers.logs.read import read_log
from legload.store import Store
from legload.store import accounts as store_accounts
from legload.web.app import form_csrf, nav, page, signed_in
from legload.web.auth import Access, Denied

router = APIRouter(include_in_schema=False)
Signed = Annotated[Access, Depends(signed_in)]

#: form kind -> (table, legload CSV header, form fields in the header's order)
KINDS = {
    "strength": ("strength_sets", "date,exercise,set,reps,weight_kg,rir",
                 ("date", "exercise", "set", "reps", "weight_kg", "rir")),
    "intake": ("intake_days", "date,energy_kcal,protein_g,carbs_g,fat_g",
               ("date", "energy_kcal", "protein_g", "carbs_g", "fat_g")),
    "body": ("body_measurements", "date,weight_kg,body_fat_pct",
             ("date", "weight_kg", "body_fat_pct")),
}
TABLES = {table: kind for kind, (table, _, _) in KINDS.items()}


@router.get("/logs")
def logs_page(request: Request, access: Signed, athlete: str | None = None,
              edit: str | None = None) -> Response:
    name = access.athlete(athlete)
    with Store(request.app.state.settings.db) as store:
        entries = {kind: store_accounts.log_entries(store.conn, table, name)
                   for kind, (table, _, _) in KINDS.items()}
    editing = _editing(entries, edit)
    return page(request, "logs.html", entries=entries, editing=editing, nav=nav(access, name),
                can_write=access.can_write)


def _editing(entries, edit: str | None) -> dict[str, dict]:
    """The values of the row being corrected, to fill its kind's form."""
    if not edit or ":" not in edit:
        return {}
    kind, _, rowid = edit.partition(":")
    for entry in entries.get(kind, []):
        if str(entry.rowid) == rowid:
            values = {k: ("" if v is None else v) for k, v in entry.values.items()}
            values["date"] = str(values.get("date") or values.get("timestamp") or "")[:10]
            if kind == "strength":
                values.update(exercise=values.get("exercise_raw"), set=values.get("set_index"))
            if kind == "body" and values.get("body_fat_fraction") not in ("", None):
                values["body_fat_pct"] = round(float(values["body_fat_fraction"]) * 100, 2)
            return {kind: values}
    return {}


def _back(request: Request, athlete: str | None) -> RedirectResponse:
    several = athlete and request.query_params.get("athlete")
    return RedirectResponse(f"/logs?athlete={athlete}" if several else "/logs", status_code=303)


@router.post("/logs/{kind}")
async def add_entry(request: Request, access: Signed, kind: str,
                    athlete: str | None = None) -> Response:
    name = access.writable(athlete)
    form = await form_csrf(request, access)
    if kind not in KINDS:
        raise Denied(404, f"no log named {kind}")
    table, header, fields = KINDS[kind]
    rows = [[str(form.get(f) or "").strip() for f in fields]]
    if kind == "strength":  # "sets" repeats the row with set numbers 1..n
        count = int(str(form.get("sets") or "1")) if str(form.get("sets") or "1").isdigit() else 1
        first = int(rows[0][2]) if rows[0][2].isdigit() else 1
        rows = [[*rows[0][:2], str(first + k), *rows[0][3:]] for k in range(min(count, 20))]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([header.split(","), *rows])
    data = buffer.getvalue().encode()
    source = f"entered on the web ({kind} {rows[0][0]})"
    logged = read_log(data, source, kind)
    digest = hashlib.sha256(data + secrets.token_bytes(16)).hexdigest()  # each entry its own
    with Store(request.app.state.settings.db) as store:
        store.add_log_file(digest, source, table, logged.frame, store.athlete_for_import(name))
    return _back(request, name)


@router.post("/logs/{kind}/{rowid}/delete")
async def delete_entry(request: Request, access: Signed, kind: str,
                       rowid: Annotated[int, PathParam(ge=1, le=2**63 - 1)],
                       athlete: str | None = None) -> Response:
    name = access.writable(athlete)
    await form_csrf(request, access)
    if kind not in KINDS:
        raise Denied(404, f"no log named {kind}")
    with Store(request.app.state.settings.db) as store:
        if not store_accounts.delete_log_entry(store.conn, KINDS[kind][0], rowid, name):
            raise Denied(404, "no such entry here")
    return _back(request, name)
