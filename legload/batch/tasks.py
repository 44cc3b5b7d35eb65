"""The task of a chunk of one athlete's activity files, run on a Dask worker: each file read
from its path (a shared file system; a zip member travels as bytes), unwrapped and hashed,
then read → streams → models → per-muscle loads, written as the file's state (JSON,
atomically) before the task returns.

A file whose state already holds an analysis of the same content (by SHA-256) and version is
not analysed again: its state is reused. The activity is analysed exactly as an import
analyses it (:func:`legload.import_pool.read_job`, the analysis stored with the activity); no
database is opened. What goes back is small: per file, the ``activities`` rows and the
analyses as JSON text, never frames. Any failure is the file's error row, never the batch's
end.
"""

from __future__ import annotations

import json
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from legload.batch.output import atomic_json, read_state, state_path
from legload.core.activity import Activity, empty_laps
from legload.errors import ReadError
from legload.import_pool import ReadJob, read_job
from legload.pipeline import stored_ledger
from legload.readers.detect import content_sha256, unwrap
from legload.readers.files import read_file
from legload.readers.logs.validate import date_problem
from legload.store import PreparedActivity
from legload.store.columnar import decode_frame
from legload.stored import analysis_key


@dataclass(frozen=True)
class FileRef:
    """One activity file as the client found it: its place among the athlete's files, and
    either its path (read by the worker) or its raw content (a member of a zip)."""

    slot: int
    source: str
    path: str | None = None
    data: bytes | None = None
    size: int = 0
    mtime_ns: int = 0
    meta: dict[str, str | None] = field(default_factory=dict)


@dataclass(frozen=True)
class ChunkJob:
    """Some activity files of one athlete and how to analyse them."""

    athlete: str
    out: str
    version: str
    files: list[FileRef]
    mass_kg: float | None = None
    strict: bool = False


@dataclass(frozen=True)
class FileOutcome:
    """What a file task found: the content hash (None when the file could not be read),
    ``activities`` as ``[row, [analysis key, analysis JSON]]`` pairs (the row as the
    ``activities`` table stores it, from ``idx`` on), and whether a state was reused."""

    slot: int
    source: str
    sha256: str | None
    status: str  # "ok" | "failed"
    error: str | None = None
    activities: list = field(default_factory=list)
    reused: bool = False
    size: int = 0
    mtime_ns: int = 0

    def entry(self, version: str) -> dict:
        """The file's manifest entry."""
        return {"source": self.source, "status": self.status,
                "activities": len(self.activities), "error": self.error, "version": version}


def run_chunk(job: ChunkJob) -> list[FileOutcome]:
    """Analyse (or reuse) each file of the chunk; a failure is a file's outcome, never raised."""
    return [run_file(job, ref) for ref in job.files]


def run_file(job: ChunkJob, ref: FileRef) -> FileOutcome:
    """One file: read and hash it, reuse its state or analyse it and write the state."""
    try:
        data = unwrap(read_file(ref.path) if ref.path is not None else ref.data or b"",
                      ref.source)
    except ReadError as exc:
        return FileOutcome(ref.slot, ref.source, None, "failed", f"{exc.problem}")
    sha = content_sha256(data)
    found = dict(slot=ref.slot, source=ref.source, sha256=sha, size=ref.size,
                 mtime_ns=ref.mtime_ns)
    state = read_state(Path(job.out), job.athlete, sha)
    if state is not None and state.get("version") == job.version:
        return FileOutcome(**found, status=state["status"], error=state.get("error"),
                           activities=state["activities"], reused=True)
    try:
        activities, error = analyse_file(job, ref, data, sha)
    except Exception as exc:  # a bug on one file must not end the batch: it is its error row
        last = traceback.extract_tb(exc.__traceback__)[-1:]
        where = f" at {Path(last[0].filename).name}:{last[0].lineno}" if last else ""
        activities, error = [], f"internal error{where}: {type(exc).__name__}: {exc}"
    status = "failed" if error else "ok"
    atomic_json(state_path(Path(job.out), job.athlete, sha),
                {"sha256": sha, "source": ref.source, "status": status, "error": error,
                 "version": job.version, "activities": activities}, durable=False)
    return FileOutcome(**found, status=status, error=error, activities=activities)


def analyse_file(job: ChunkJob, ref: FileRef, data: bytes,
                 sha: str) -> tuple[list, str | None]:
    """(the file's activities as ``[row, [key, analysis JSON]]``, None) or ([], why it failed)."""
    result = read_job(ReadJob(data, ref.source, sha, job.strict, dict(ref.meta), job.mass_kg))
    del data
    if result.error is not None:
        return [], result.error.problem
    starts = [item.row[5] for item in result.activities if item.row[5]]
    problem = next(filter(None, map(date_problem, starts)), None)
    if problem is not None:  # the import's rule: not before 1990, not in the future
        return [], f"refused: {problem}"
    return [[list(item.row), list(item.analysis or _analysis(item, sha, job.mass_kg))]
            for item in result.activities], None


def _analysis(prepared: PreparedActivity, sha256: str, mass_kg: float | None) -> tuple[str, str]:
    """The analysis a report computes for a stored activity the read left unanalysed
    (:func:`~legload.pipeline.stored_ledger` of the activity as the database gives it back)."""
    return analysis_key(mass_kg), stored_ledger(stored_activity(prepared, sha256), mass_kg)


def stored_activity(prepared: PreparedActivity, sha256: str) -> Activity:
    """The activity as the database gives it back after storing ``prepared``."""
    samples = decode_frame(row[1:] for row in prepared.samples)
    laps = decode_frame(row[1:] for row in prepared.laps) if prepared.laps else empty_laps()
    return Activity(samples=samples, laps=laps, summary=json.loads(prepared.row[-1]),
                    warnings=json.loads(prepared.row[-2]), source=prepared.row[1],
                    sha256=sha256, index=int(prepared.row[0]))
