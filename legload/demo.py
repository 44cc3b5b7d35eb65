"""The demo: three sample athletes written as real files, imported into a fresh database,
and answered.

Every file is generated here (FIT through the official SDK's encoder, GPX through lxml, CSV
logs); legload ships no recorded data of anyone. The athletes are described in
:mod:`legload.synth.athletes`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from legload import __version__, api
from legload.core.profile import AthleteProfile
from legload.render.html import render_report
from legload.synth.athletes import ATHLETES, write_athlete


def run_demo(directory: Path | None = None, *, athletes=ATHLETES) -> dict:
    """Generate, import and report; returns ``{"dir", "db", "athletes": {name: Report},
    "imports": {name: ImportReport}, "html": {name: path}}`` with the HTML report of each
    athlete written next to the database."""
    directory = Path(directory) if directory else Path(tempfile.mkdtemp(prefix="legload-demo-"))
    directory.mkdir(parents=True, exist_ok=True)
    db = directory / "legload.sqlite"
    for stale in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        stale.unlink(missing_ok=True)
    reports, imports, html = {}, {}, {}
    for athlete in athletes:
        folder = directory / "files" / athlete.name
        write_athlete(athlete, folder)
        api.set_athlete(AthleteProfile(name=athlete.name, **athlete.profile), db=db)
        imports[athlete.name] = api.import_paths([folder], db=db, athlete=athlete.name)
        reports[athlete.name] = api.report(db=db, athlete=athlete.name, weeks=athlete.weeks)
        page = directory / f"report_{athlete.name}.html"
        page.write_text(render_report(reports[athlete.name], __version__), encoding="utf-8")
        html[athlete.name] = str(page)
    return {"dir": str(directory), "db": str(db), "athletes": reports, "imports": imports,
            "html": html}
