"""The task of one athlete, run on a Dask worker once their files are done: the athlete's
activities and logs stored in a temporary database of this athlete alone, as ``legload
import`` of their folder stores them (the same ids, the same linking of one activity recorded
in two files, :mod:`legload.store.merge`; the same telling apart of rows of several exports of
one log, :data:`legload.store.logs.ROW_IDENTITY`), then ``legload report`` of that database
(its inputs read once, :func:`legload.api.report_inputs`), the weekly ledger, and the
athlete's partitions of the dataset and ``reports/<name>.json``. The database holds rows and
analyses only (no samples: the file tasks analysed them) and is deleted when the task ends.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from legload import api
from legload.analysis.report import build_report
from legload.analysis.weekly import weekly_ledger
from legload.batch.output import atomic_json, read_state, report_path, write_partition
from legload.batch.tables import activity_table, error_table, muscle_table, weekly_table
from legload.batch.tasks import FileOutcome
from legload.core.profile import AthleteProfile
from legload.errors import ReadError
from legload.readers.detect import content_sha256
from legload.readers.files import read_file
from legload.readers.logs.read import read_log
from legload.store import PreparedActivity, Store

#: the ``activities`` row fields of a stored activity, in its row's order (from ``idx`` on)
ROW_FIELDS = ("idx", "source", "sport", "sub_sport", "name", "start", "duration_s", "moving_s",
              "distance_m", "ascent_m", "descent_m", "samples", "device", "channels", "format")


@dataclass(frozen=True)
class LogFile:
    """A file that may be a log: its path (read by the worker), or its content, or the rows
    an export's walk read already."""

    source: str
    path: str | None = None
    data: bytes | None = None
    rows: Any = None  # LogRows


@dataclass(frozen=True)
class AthleteJob:
    """One athlete: their profile, the files an earlier run did (``(slot, sha256)``, the slot
    their place among the athlete's files in the order found), the files that failed before
    any task, their log files and the report's window."""

    athlete: str
    profile: AthleteProfile
    out: str
    done: list[tuple[int, str]] = field(default_factory=list)
    weeks: int = 12
    until: dt.date | None = None
    failures: list[dict[str, str]] = field(default_factory=list)
    logs: list[LogFile] = field(default_factory=list)


@dataclass(frozen=True)
class AthleteOutcome:
    """What an athlete task wrote: counts, and the error when the task itself failed."""

    athlete: str
    activities: int = 0
    merged: int = 0
    failed: int = 0
    error: str | None = None


def run_athlete(job: AthleteJob, *chunks: list[FileOutcome]) -> AthleteOutcome:
    """Store, report and write one athlete (``chunks``: the outcomes of their file tasks)."""
    out = Path(job.out)
    files = athlete_files(job, chunks)
    failures = [*job.failures, *({"path": f.source, "error": f.error or ""}
                                 for f in files if f.status != "ok")]
    with tempfile.TemporaryDirectory(prefix="legload-batch-") as folder:
        db = Path(folder) / "athlete.sqlite"
        with Store(db) as store:
            store.conn.execute("PRAGMA synchronous = OFF")  # a scratch database
            athlete_id = store.save_athlete(job.profile)
            rows = store_activities(store, files, athlete_id)
            store_logs(store, job.logs, athlete_id)
            inputs = api.report_inputs(store, job.profile.name)
    answer = build_report(inputs, weeks=job.weeks, until=job.until)
    ledger = weekly_ledger(inputs.results, inputs.sets)
    write_partition(out, "activities", job.athlete, activity_table(rows))
    write_partition(out, "muscle_load", job.athlete, muscle_table(rows))
    write_partition(out, "weekly", job.athlete, weekly_table(ledger))
    write_partition(out, "errors", job.athlete, error_table(failures))
    atomic_json(report_path(out, job.athlete), answer.to_dict())
    kept = sum(1 for r in rows if r["merged_into"] is None)
    return AthleteOutcome(job.athlete, kept, len(rows) - kept, len(failures))


def athlete_files(job: AthleteJob, chunks: tuple[list[FileOutcome], ...]) -> list[FileOutcome]:
    """Every activity file of the athlete in the order found: the outcomes of this run's
    tasks, and the states of files an earlier run did."""
    found = [outcome for chunk in chunks for outcome in chunk]
    for slot, sha in job.done:
        state = read_state(Path(job.out), job.athlete, sha)
        if state is None:
            found.append(FileOutcome(slot, sha, sha, "failed", "no analysis (its state was lost)"))
        else:
            found.append(FileOutcome(slot, state["source"], sha, state["status"],
                                     state.get("error"), state["activities"], reused=True))
    return sorted(found, key=lambda f: f.slot)


def store_activities(store: Store, files: list[FileOutcome], athlete_id: int) -> list[dict]:
    """Store each file's activities in the order found (a copy of a file adds nothing; the
    same activity recorded in two files is linked by the store, as in an import); their
    rows for the tables, with ids and ``merged_into``."""
    rows = []
    with store.batched(max_files=len(files) + 1, max_seconds=3600.0):
        for item in files:
            if item.status != "ok":
                continue
            prepared = [PreparedActivity(tuple(row), [], [], [], tuple(analysis))
                        for row, analysis in item.activities]
            ids = store.add_file(item.sha256, item.source, prepared, athlete_id)
            if not ids:
                continue  # a copy of a file stored already
            for activity_id, (row, analysis) in zip(ids, item.activities, strict=True):
                values = dict(zip(ROW_FIELDS, row, strict=False))
                values["channels"] = json.loads(values["channels"] or "[]")
                rows.append({**values, "id": activity_id, "file_sha256": item.sha256,
                             "analysis": json.loads(analysis[1]) or {}})
    merged = dict(store.conn.execute(
        "SELECT id, merged_into FROM activities WHERE merged_into IS NOT NULL").fetchall())
    for row in rows:
        row["merged_into"] = merged.get(row["id"])
    return rows


def store_logs(store: Store, logs: list[LogFile], athlete_id: int) -> None:
    """Store the athlete's log files as an import does; one no log reader knows is skipped."""
    for log in logs:
        try:
            data = read_file(log.path) if log.path is not None else log.data or b""
            rows = log.rows if log.rows is not None else read_log(data, log.source)
        except ReadError:
            continue  # as an import: a file no log reader knows is skipped, not failed
        store.add_log_file(content_sha256(data), log.source, rows.table, rows.frame, athlete_id)
