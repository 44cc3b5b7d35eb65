"""The task of one activity file, run on a Dask worker: read → streams → models → per-muscle
loads, written as the file's state (JSON, atomically) before the task returns.

The activity is analysed exactly as ``legload report`` analyses a stored one: read and settled
as an import reads it, encoded as the database stores it and decoded back (the same columns,
the same rounding), then :func:`~legload.analysis.session.analyse_session` with the athlete's
mass. No database is opened. Any failure is the file's error row, never the batch's end.
"""

from __future__ import annotations

import json
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from legload.analysis.session import analyse_session
from legload.batch.output import atomic_json, state_path
from legload.core.activity import Activity, empty_laps
from legload.import_pool import ReadJob, read_job
from legload.readers.logs.validate import date_problem
from legload.store import PreparedActivity
from legload.store.columnar import decode_frame

#: the ``activities`` row fields of a prepared activity, in its row's order (from ``idx`` on)
ROW_FIELDS = ("idx", "source", "sport", "sub_sport", "name", "start", "duration_s", "moving_s",
              "distance_m", "ascent_m", "descent_m", "samples", "device", "channels", "format")


@dataclass(frozen=True)
class FileJob:
    """One activity file of one athlete: its (unwrapped) content and where its state goes."""

    athlete: str
    source: str
    sha256: str
    data: bytes
    out: str
    version: str
    mass_kg: float | None = None
    strict: bool = False
    meta: dict[str, str | None] = field(default_factory=dict)


@dataclass(frozen=True)
class FileOutcome:
    """What a file task did (small: the analyses themselves are in the state file)."""

    athlete: str
    source: str
    sha256: str
    status: str  # "ok" | "failed"
    activities: int = 0
    error: str | None = None

    def entry(self, version: str) -> dict:
        """The file's manifest entry."""
        return {"source": self.source, "status": self.status, "activities": self.activities,
                "error": self.error, "version": version}


def run_file(job: FileJob) -> FileOutcome:
    """Analyse one file and write its state; a failure is recorded, never raised."""
    try:
        activities, error = analyse_file(job)
    except Exception as exc:  # a bug on one file must not end the batch: it is its error row
        last = traceback.extract_tb(exc.__traceback__)[-1:]
        where = f" at {Path(last[0].filename).name}:{last[0].lineno}" if last else ""
        activities, error = [], f"internal error{where}: {type(exc).__name__}: {exc}"
    status = "failed" if error else "ok"
    atomic_json(state_path(Path(job.out), job.athlete, job.sha256),
                {"sha256": job.sha256, "source": job.source, "status": status, "error": error,
                 "version": job.version, "activities": activities})
    return FileOutcome(job.athlete, job.source, job.sha256, status, len(activities), error)


def analyse_file(job: FileJob) -> tuple[list[dict], str | None]:
    """(the file's activities with their analyses, None) or ([], why it failed)."""
    result = read_job(ReadJob(job.data, job.source, job.sha256, job.strict, dict(job.meta),
                              job.mass_kg))
    if result.error is not None:
        return [], result.error.problem
    starts = [item.row[5] for item in result.activities if item.row[5]]
    problem = next(filter(None, map(date_problem, starts)), None)
    if problem is not None:  # the import's rule: not before 1990, not in the future
        return [], f"refused: {problem}"
    found = []
    for prepared in result.activities:
        if prepared.analysis is not None:  # computed by the read, as an import stores it
            analysis = json.loads(prepared.analysis[1])
        else:
            activity = stored_activity(prepared, job.sha256)
            analysis = analyse_session(activity, mass_kg=job.mass_kg).to_dict()
            analysis["segments"] = []  # as the report's cache: the ledger does not need them
        row = dict(zip(ROW_FIELDS, prepared.row, strict=False))
        row["channels"] = json.loads(row["channels"] or "[]")
        found.append({"row": row, "analysis": analysis})
    return found, None


def stored_activity(prepared: PreparedActivity, sha256: str) -> Activity:
    """The activity as the database gives it back after storing ``prepared``."""
    samples = decode_frame(row[1:] for row in prepared.samples)
    laps = decode_frame(row[1:] for row in prepared.laps) if prepared.laps else empty_laps()
    return Activity(samples=samples, laps=laps, summary=json.loads(prepared.row[-1]),
                    warnings=json.loads(prepared.row[-2]), source=prepared.row[1],
                    sha256=sha256, index=int(prepared.row[0]))
