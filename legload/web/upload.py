"""Uploads: activity files, zips of folders, whole Strava and Garmin exports, and strength,
food and body logs; each file is imported as ``legload import`` would, with its outcome."""

from __future__ import annotations

import re
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from legload import api
from legload.web.app import MIB, Settings, form_csrf, nav, page, signed_in
from legload.web.auth import Access, Denied

router = APIRouter(include_in_schema=False)
Signed = Annotated[Access, Depends(signed_in)]
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class FileOutcome:
    """One uploaded file: ``outcome`` is imported, duplicate, merged, salvaged (imported with
    a warning), skipped or failed; ``report`` is its ``legload import --json`` document."""
    name: str
    outcome: str
    detail: str
    report: dict = field(default_factory=dict)


@router.get("/upload")
def upload_form(request: Request, access: Signed, athlete: str | None = None) -> Response:
    name = access.writable(athlete)
    settings: Settings = request.app.state.settings
    return page(request, "upload.html", outcomes=[], nav=nav(access, name),
                limit_mib=settings.max_file_bytes // MIB)


@router.post("/upload")
async def upload(request: Request, access: Signed, athlete: str | None = None) -> Response:
    name = access.writable(athlete)
    await form_csrf(request, access)
    settings: Settings = request.app.state.settings
    form = await request.form()
    try:
        files = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
        if not files:
            raise Denied(400, "choose at least one file")
        for item in files:  # all checked before any is stored
            if (item.size or 0) > settings.max_file_bytes:
                return JSONResponse({"detail": f"{_name(item)} is larger than "
                                     f"{settings.max_file_bytes // MIB} MiB; nothing was stored"},
                                    status_code=413)
        outcomes = [await _import_one(item, k, settings, name) for k, item in enumerate(files)]
    finally:
        await form.close()
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse({"files": [asdict(o) for o in outcomes]})
    return page(request, "upload.html", outcomes=outcomes, nav=nav(access, name),
                limit_mib=settings.max_file_bytes // MIB)


def _name(item: UploadFile) -> str:
    return Path(item.filename or "upload").name or "upload"


async def _import_one(item: UploadFile, index: int, settings: Settings,
                      athlete: str | None) -> FileOutcome:
    shown = _name(item)
    with tempfile.TemporaryDirectory(prefix="legload-upload-") as folder:
        path = Path(folder) / f"{index:03d}_{_UNSAFE.sub('_', shown)[-120:]}"
        with path.open("wb") as out:
            while chunk := await item.read(MIB):
                out.write(chunk)
        result = await run_in_threadpool(api.import_paths, [path], db=settings.db,
                                         athlete=athlete, workers=1)
        document = _renamed(result.to_dict(), str(path), shown)
    return _outcome(shown, document)


def _renamed(value, saved: str, shown: str):
    """The import document with the temporary path replaced by the uploaded file's name."""
    if isinstance(value, str):
        return value.replace(saved, shown)
    if isinstance(value, list):
        return [_renamed(v, saved, shown) for v in value]
    if isinstance(value, dict):
        return {k: _renamed(v, saved, shown) for k, v in value.items()}
    return value


def _outcome(shown: str, doc: dict) -> FileOutcome:
    failed = "; ".join(f"{f['path']}: {f['error']}" for f in doc["failed"][:5])
    if doc["imported"] == 0 and doc["failed"]:
        return FileOutcome(shown, "failed", failed, doc)
    if doc["imported"] == 0 and doc["merged"]:
        return FileOutcome(shown, "merged", "the same activity was stored from another file", doc)
    if doc["imported"] == 0 and doc["duplicates"]:
        return FileOutcome(shown, "duplicate", "already imported", doc)
    if doc["imported"] == 0:
        reasons = "; ".join(s["reason"] for s in doc["skipped"][:3] if s["reason"])
        return FileOutcome(shown, "skipped", reasons or "nothing legload reads", doc)
    detail = f"{doc['imported']} file(s) imported, {len(doc['activities'])} activities"
    if doc["duplicates"]:
        detail += f", {doc['duplicates']} duplicate(s)"
    if doc["failed"]:
        detail += f"; failed: {failed}"
    if doc["warnings"]:
        return FileOutcome(shown, "salvaged", f"{detail}; {'; '.join(doc['warnings'][:3])}", doc)
    return FileOutcome(shown, "imported", detail, doc)
