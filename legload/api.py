"""The workflows behind every interface: read, import, list, analyse, report. The CLI, the
web app and the batch job call these functions and nothing below them; each returns a typed
result whose ``to_dict()`` is the CLI's ``--json`` document (``docs/schemas/*.json``)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from legload.core.lazy import lazy_names
from legload.core.profile import AthleteProfile, validated
from legload.errors import LegloadError, ReadError, StoreRollback
from legload.import_results import ImportReport, LogImport, StrengthImport
from legload.store import DatabaseUnusable, Store, default_db_path
from legload.store.logs import LOG_TABLES
from legload.store.merge import merged_pairs
from legload.store.paths import existing_db

# Readers, streams, models and pandas load inside the workflows that need them: listing
# activities or showing a profile stays as quick as opening the database.
if TYPE_CHECKING:
    from legload.analysis.report import ReportInputs
    from legload.analysis.report_types import Report
    from legload.analysis.session import ActivityAnalysis
    from legload.import_pool import ReadJob, ReadPool, ReadResult
    from legload.pipeline import AnalysedActivity as AnalysedActivity
    from legload.pipeline import analyse_content as analyse_content
    from legload.readers.logs.read import LogStream
    from legload.reading import read_activities as read_activities
    from legload.reading import read_activity as read_activity

#: names re-exported from the modules doing the work, imported on first use
_REEXPORTS = {"read_activity": "legload.reading", "read_activities": "legload.reading",
              "analyse_content": "legload.pipeline", "AnalysedActivity": "legload.pipeline"}

PathLike = str | os.PathLike
#: log kind → table of the store (as the log readers name them)
TABLES = {kind: table for table, (kind, _) in LOG_TABLES.items()}


__getattr__ = lazy_names(__name__, _REEXPORTS, globals())


_START = 5  # the index of ``start`` in a PreparedActivity's row (idx, source, sport, ...)
#: files larger than this are read again by the reader rather than handed over as bytes
_READ_AGAIN_BYTES = 8 * 2**20


def import_paths(
    paths: Iterable[PathLike],
    *,
    db: PathLike | None = None,
    strict: bool = False,
    athlete: str | None = None,
    progress: Callable[[str], None] | None = None,
    workers: int | None = None,
) -> ImportReport:
    """Import files, folders and exports into the database, one transaction per file, stored
    in the order found; ``workers`` processes read them (:func:`~legload.import_pool.
    default_workers`; on macOS or Windows more than 1 needs ``if __name__ == "__main__":``).
    Strength logs among them go to the strength log; a file already stored (SHA-256) is a
    duplicate; a bad file is listed in ``failed``, never fatal; :class:`~legload.errors.
    StoreRollback` stops the import if the database takes back stored files (disk full).
    Each activity's analysis is computed as it is read and stored with it (for the athlete's
    body mass as it is now), so that a report finds it ready."""
    from legload.import_pool import ReadPool

    report = ImportReport()
    with Store(db or default_db_path()) as store, ReadPool(workers) as pool:
        store.check()
        athlete_id = store.athlete_for_import(athlete)
        mass_kg = store.athlete_weight(athlete_id)
        _import_all(store, pool, paths, (strict, mass_kg), report, athlete_id, progress)
    return report


def _import_all(store: Store, pool: ReadPool, paths: Iterable[PathLike],
                how: tuple[bool, float | None], report: ImportReport, athlete_id: int | None,
                progress: Callable[[str], None] | None) -> None:
    """Read and store every member of ``paths``; ``how``: (strict, the athlete's mass)."""
    from legload.import_pool import ReadJob, ReadResult
    from legload.readers import iter_members
    from legload.reading import log_action

    with store.batched():

        def finish(items: Iterable) -> None:
            for item in items:
                if isinstance(item, ReadResult):
                    _store_result(store, item, report, athlete_id)
                else:
                    item()
                store.commit_if_due()  # never hold the write lock for long

        for path in paths:
            for member in iter_members(path):
                if progress is not None:
                    progress(getattr(member, "source", getattr(member, "path", "")))
                if isinstance(member, ReadError):
                    finish(pool.defer(lambda e=member: _failed(report, e)))
                elif member.kind == "activity":
                    job = _read_job(store, member, how, report)
                    finish(pool.submit(job) if isinstance(job, ReadJob) else pool.defer(job))
                else:
                    finish(pool.defer(log_action(store, member, report, athlete_id)))
        finish(pool.drain())


def import_log(path: PathLike, kind: str, *, db: PathLike | None = None,
               athlete: str | None = None) -> LogImport:
    """Import one food log (``kind="intake"``) or body log (``kind="body"``)."""
    rows, added = _import_log_file(Path(path), kind, db, athlete)
    return LogImport(path=str(path), duplicate=added == 0, rows=rows.count,
                     warnings=list(rows.warnings))


def _import_log_file(path: Path, kind: str, db: PathLike | None, athlete: str | None, *,
                     weight_unit: str | None = None) -> tuple[LogStream, int]:
    """Read one log file the user named and store its rows as they are read, in one
    transaction; (rows, how many were added)."""
    from legload.readers.files import open_regular
    from legload.readers.logs.read import stream_log

    with open_regular(path) as handle:
        rows = stream_log(handle, str(path), kind, weight_unit=weight_unit)
        with Store(db or default_db_path()) as store:
            store.check()
            added = store.add_log_chunks(rows.sha256, str(path), rows.table, rows.frames(),
                                         store.athlete_for_import(athlete))
        rows.finish()  # a duplicate's rows are read all the same: its counts and warnings
    if 0 < added < rows.count:
        rows.warnings.append(f"{rows.count - added} row(s) already stored (an earlier "
                             f"export of the same log); {added} new or corrected")
    return rows, added


def report(*, db: PathLike | None = None, athlete: str | None = None,
           weeks: int = 12, until: dt.date | None = None,
           progress: Callable[[int, int], None] | None = None) -> Report:
    """The answer for one athlete over the ``weeks`` weeks ending on ``until`` (default: today,
    UTC), naming what lies outside them (``to_dict()``: the ``report --json`` document).
    Stored analyses of another model version, or missing, are computed first (in worker
    processes), calling ``progress(done, total)`` as they come."""
    from legload.analysis.report import build_report

    with Store(existing_db(db)) as store:
        inputs = report_inputs(store, athlete, progress=progress)
    return build_report(inputs, weeks=weeks, until=until)


def report_inputs(store: Store, athlete: str | None = None, *,
                  progress: Callable[[int, int], None] | None = None) -> ReportInputs:
    """What a report of ``athlete`` is computed from, read once from an open store: the
    profile, each activity's analysis (:func:`~legload.stored.activity_results`: those
    missing or of another model version computed first, calling ``progress(done, total)``)
    and the logs; what was left out is in its ``notes``."""
    from legload.analysis.report import ReportInputs
    from legload.stored import activity_results

    notes: list[str] = []
    athlete_id = store.athlete_id(athlete)
    profile = store.athlete(athlete) or AthleteProfile(name=athlete or "you")
    logs = {table: _stored_rows(store, table, athlete_id, notes) for table in
            ("strength_sets", "intake_days", "body_measurements")}
    results = activity_results(store, athlete_id, mass_kg=profile.weight_kg, notes=notes,
                               progress=progress)
    return ReportInputs(profile=profile, results=results, sets=logs["strength_sets"],
                        intake=logs["intake_days"], weights=logs["body_measurements"],
                        notes=notes)


def _stored_rows(store: Store, table: str, athlete_id: int | None, notes: list[str]):
    """A log table's stored rows for the report; rows no import would accept today (stored
    by an older version, or written by hand) are skipped with a note."""
    from legload.readers.logs.validate import check_rows, summary

    checked = check_rows(store.log_frame(table, athlete_id), table)
    if checked.refused:
        notes.append(summary(checked.refused, f"stored {table.replace('_', ' ')} row(s)",
                             limit=3).replace("refused", "skipped"))
    return checked.frame.reset_index(drop=True)


def _read_job(store: Store, member, how: tuple[bool, float | None],
              report: ImportReport) -> ReadJob | Callable[[], None]:
    """The member's content as a job for the readers, or the action that reports it
    (a duplicate, or unreadable); ``how``: (strict, the athlete's mass)."""
    from legload.import_pool import ReadJob
    from legload.readers import unwrap
    from legload.readers.detect import content_sha256, reader_name

    try:
        raw = member.read()
        data = unwrap(raw, member.source)
    except ReadError as exc:
        return lambda e=exc: _failed(report, e)
    digest = content_sha256(data)
    if store.has_file(digest):  # a copy of a file still being read is found on storing
        def duplicate() -> None:
            report.duplicates += 1
            report.note(member.source, (member.meta or {}).get("reader") or reader_name(data),
                        "duplicate")
        return duplicate
    strict, mass_kg = how
    meta = dict(member.meta or {})
    size = _on_disk(member.source, raw)
    if size:  # the reader reads the file again itself: its bytes are not held meanwhile
        return ReadJob(b"", member.source, digest, strict, meta, mass_kg, member.source, size)
    return ReadJob(data, member.source, digest, strict, meta, mass_kg)


def _on_disk(source: str, raw: bytes) -> int:
    """The size of ``raw`` when it is the content of the regular file ``source`` (a file
    given or found in a folder, not a member of an archive), else 0."""
    from legload.readers.files import size_on_disk

    return len(raw) if len(raw) > _READ_AGAIN_BYTES and size_on_disk(source) == len(raw) else 0


def _failed(report: ImportReport, exc: ReadError, reader: str | None = None) -> None:
    report.failed.append({"path": exc.path, "error": exc.problem})
    report.note(exc.path, reader, "failed")


def _store_result(store: Store, result: ReadResult, report: ImportReport,
                  athlete_id: int | None) -> None:
    from legload.stored import start_check

    if result.error is not None:
        _failed(report, result.error, result.reader)
        return
    starts = [item.row[_START] for item in result.activities if item.row[_START]]
    problem = next(filter(None, map(start_check(), starts)), None)
    if problem is not None:  # one rule for every source: not before 1990, not in the future
        _failed(report, ReadError(result.job_source, f"refused: {problem}"), result.reader)
        return
    try:
        ids = store.add_file(result.sha256, result.job_source, result.activities, athlete_id)
    except (StoreRollback, DatabaseUnusable):
        raise  # files already counted are gone, or no file can be stored: stop
    except LegloadError as exc:
        report.failed.append({"path": result.job_source, "error": str(exc)})
        report.note(result.job_source, result.reader, "failed")
        return
    report.note(result.job_source, result.reader, "imported" if ids else "duplicate")
    if not ids:  # stored meanwhile: an earlier copy in this import, or another process
        report.duplicates += 1
        return
    report.imported += 1
    merged = merged_pairs(store.conn, ids)  # the same activity stored from another file
    report.merged.extend({"path": path, "into": into} for _, path, into in merged)
    gone = {i for i, _, _ in merged}
    report.activities[:] = [i for i in (*report.activities, *ids) if i not in gone]
    seen = set(report.warnings)
    for prepared in result.activities:
        for warning in prepared.warnings:
            if warning not in seen:
                seen.add(warning)
                report.warnings.append(warning)


def analyse(target: int | PathLike, *, db: PathLike | None = None,
            mass_kg: float | None = None) -> ActivityAnalysis:
    """Describe one activity — a database id, or a file read on the fly — as energy, pace,
    class, segments and muscle loads (``to_dict()``: the ``analyze --json`` document)."""
    from legload.analysis.session import ActivityAnalysis, analyse_session
    from legload.reading import only_activity

    if isinstance(target, int) or (isinstance(target, str) and target.isdigit()
                                   and not Path(target).exists()):
        with Store(existing_db(db)) as store:
            activity = store.get_activity(int(target))
            mass_kg = mass_kg or store.athlete_weight_for(int(target))
        activity_id: int | None = int(target)
    else:
        activity, activity_id = only_activity(Path(target)), None
    start = activity.start
    return ActivityAnalysis(id=activity_id, source=activity.source, name=activity.summary.get(
        "name"), start=None if start is None else start.strftime("%Y-%m-%dT%H:%M:%SZ"),
        session=analyse_session(activity, mass_kg=mass_kg))


def set_athlete(profile: AthleteProfile, *, db: PathLike | None = None) -> AthleteProfile:
    """Create or update an athlete's profile (None fields keep their stored values)."""
    validated(profile)
    with Store(db or default_db_path()) as store:
        store.save_athlete(profile)
        return store.athlete(profile.name)


def athletes(*, db: PathLike | None = None) -> list[AthleteProfile]:
    """Every athlete in the database."""
    with Store(existing_db(db)) as store:
        return store.athletes()


def import_strength(path: PathLike, *, db: PathLike | None = None,
                    athlete: str | None = None, weight_unit: str | None = None) -> StrengthImport:
    """Import one strength log (Hevy, Strong or legload CSV); unknown exercise names are
    reported, never guessed. ``weight_unit`` (``"kg"`` or ``"lb"``) is the unit of a file
    that does not say it (a classic Strong export)."""
    rows, added = _import_log_file(Path(path), "strength", db, athlete, weight_unit=weight_unit)
    log = rows.strength
    counts = log.counts
    leg, unknown_rows = counts.leg, counts.unknown
    return StrengthImport(
        path=str(path), duplicate=added == 0, sets=counts.sets, leg_sets=leg,
        mapped_fraction=round(leg / (leg + unknown_rows), 4) if leg + unknown_rows else None,
        unknown=log.unknown, non_leg=log.non_leg, skipped=log.skipped, warnings=rows.warnings)


def list_activities(*, db: PathLike | None = None, athlete: str | None = None) -> list[dict]:
    """Stored activities' summary rows, oldest first (one athlete's when ``athlete`` given)."""
    with Store(existing_db(db)) as store:
        rows = store.list_activities()
        if athlete is None:
            return rows
        mine = {i for i, _, _ in store.activity_rows(store.athlete_id(athlete))}
        return [row for row in rows if row["id"] in mine]


def delete_activities(ids: Iterable[int], *, db: PathLike | None = None) -> list[int]:
    """Delete activities by id with all they hold (all or none); the ids deleted."""
    with Store(existing_db(db)) as store:
        return store.delete_activities(list(ids))


def delete_logs(kind: str, *, db: PathLike | None = None, athlete: str | None = None,
                date_from: str | None = None, date_to: str | None = None,
                source: PathLike | None = None) -> int:
    """Delete ``strength``/``intake``/``body`` rows by ISO days (both included) and/or source
    file; how many rows went."""
    with Store(existing_db(db)) as store:
        return store.delete_log_rows(
            TABLES[kind], store.athlete_id(athlete), date_from=date_from, date_to=date_to,
            source=None if source is None else str(source))


def delete_athlete(name: str, *, db: PathLike | None = None) -> dict[str, int]:
    """Delete an athlete with every activity and log row of theirs; rows deleted per table."""
    with Store(existing_db(db)) as store:
        return store.delete_athlete(name)
