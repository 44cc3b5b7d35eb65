"""The task of one athlete, run on a Dask worker once their files are done: the analyses
joined as ``legload report`` joins stored ones, the logs, the weekly ledger and the report,
written as the athlete's partitions of the dataset and ``reports/<name>.json``.

Activities come from the files' states (no database). The logs go through a temporary
database of this athlete alone, so that rows of several exports of one log are told apart
exactly as an import tells them (:data:`legload.store.logs.ROW_IDENTITY`); it is deleted when
the task ends.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from legload.analysis.report import ReportInputs, build_report
from legload.analysis.weekly import weekly_ledger
from legload.batch.merge import merged_into, recording
from legload.batch.output import atomic_json, read_state, report_path, write_partition
from legload.batch.tables import activity_table, error_table, muscle_table, weekly_table
from legload.core.profile import AthleteProfile
from legload.errors import ReadError
from legload.readers.detect import content_sha256
from legload.readers.logs.read import read_log
from legload.readers.logs.validate import check_rows, summary
from legload.store import Store

LOG_TABLES = ("strength_sets", "intake_days", "body_measurements")


@dataclass(frozen=True)
class AthleteJob:
    """One athlete: their profile, their activity files (content hashes, in the order found),
    the files that failed before any task, their log files and the report's window."""

    athlete: str
    profile: AthleteProfile
    files: list[str]
    out: str
    weeks: int = 12
    until: dt.date | None = None
    failures: list[dict[str, str]] = field(default_factory=list)
    logs: list[tuple[str, bytes]] = field(default_factory=list)


@dataclass(frozen=True)
class AthleteOutcome:
    """What an athlete task wrote: counts, and the error when the task itself failed."""

    athlete: str
    activities: int = 0
    merged: int = 0
    failed: int = 0
    error: str | None = None


@dataclass
class Joined:
    """The athlete's activities as the report reads them, and every one with its id."""

    results: list[dict] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    failures: list[dict[str, str]] = field(default_factory=list)


def run_athlete(job: AthleteJob, *_files) -> AthleteOutcome:
    """Join, report and write one athlete (``_files``: the file tasks this one waits for)."""
    out = Path(job.out)
    joined = join_activities(job)
    with tempfile.TemporaryDirectory(prefix="legload-batch-") as folder:
        logs, notes = _logs(job, Path(folder) / "logs.sqlite")
    answer = build_report(ReportInputs(profile=job.profile, results=joined.results, **logs),
                          weeks=job.weeks, until=job.until)
    if notes:
        answer = replace(answer, limitations=[*answer.limitations, *notes])
    ledger = weekly_ledger(joined.results, logs["sets"])
    write_partition(out, "activities", job.athlete, activity_table(joined.rows))
    write_partition(out, "muscle_load", job.athlete, muscle_table(joined.rows))
    write_partition(out, "weekly", job.athlete, weekly_table(ledger))
    write_partition(out, "errors", job.athlete, error_table(joined.failures))
    atomic_json(report_path(out, job.athlete), answer.to_dict())
    kept = len(joined.results)
    return AthleteOutcome(job.athlete, kept, len(joined.rows) - kept, len(joined.failures))


def join_activities(job: AthleteJob) -> Joined:
    """Every activity of the athlete's files with its id (numbered as an import of the files
    in the order found numbers them), merged recordings marked, and the report's results."""
    joined = Joined(failures=list(job.failures))
    for position, sha in enumerate(job.files):
        state = read_state(Path(job.out), job.athlete, sha)
        if state is None:
            joined.failures.append({"path": sha, "error": "no analysis (its task was lost)"})
            continue
        if state["status"] != "ok":
            joined.failures.append({"path": state["source"], "error": state["error"]})
            continue
        for item in state["activities"]:
            row = {**item["row"], "id": len(joined.rows) + 1, "file": position,
                   "file_sha256": sha, "file_source": state["source"],
                   "analysis": item["analysis"]}
            joined.rows.append(row)
    into = merged_into([recording(r["id"], r["file"], r) for r in joined.rows])
    for row in joined.rows:
        row["merged_into"] = into.get(row["id"])
    kept = [r for r in joined.rows if r["merged_into"] is None]
    kept.sort(key=lambda r: (r["start"] is not None, r["start"] or "", r["id"]))
    joined.results = [{**r["analysis"], "id": r["id"], "start": r["start"]} for r in kept]
    return joined


def _logs(job: AthleteJob, db: Path) -> tuple[dict, list[str]]:
    """The athlete's log tables as the report reads them, and notes on rows skipped."""
    notes: list[str] = []
    with Store(db) as store:
        for source, data in job.logs:
            try:
                rows = read_log(data, source)
            except ReadError:
                continue  # as an import: a CSV no log reader knows is skipped, not failed
            store.add_log_file(content_sha256(data), source, rows.table, rows.frame, None)
        frames = {}
        for table in LOG_TABLES:
            checked = check_rows(store.log_frame(table, None), table)
            if checked.refused:
                notes.append(summary(checked.refused, f"stored {table.replace('_', ' ')} "
                                     "row(s)", limit=3).replace("refused", "skipped"))
            frames[table] = checked.frame.reset_index(drop=True)
    return {"sets": frames["strength_sets"], "intake": frames["intake_days"],
            "weights": frames["body_measurements"]}, notes
