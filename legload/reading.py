"""Reading activities from the files a user names, without a database: one file, or every
activity of a file, folder, zip or export (the library's ``read_activity``/``read_activities``
and what ``legload analyze FILE`` reads); and what ``legload import`` does with the files that
are not activities (:func:`log_action`: logs stored, others listed as skipped)."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from legload.errors import ReadError
from legload.import_pool import apply_meta
from legload.import_results import ImportReport
from legload.readers import Activity, iter_members, read_bytes
from legload.readers.detect import CHANGED
from legload.readers.files import check_regular, open_regular, read_file, size_on_disk
from legload.store import Store

PathLike = str | os.PathLike
#: a log file on disk larger than this is read when it is stored, a chunk at a time
STREAM_LOG_BYTES = 8 * 2**20
#: the suffixes of files that may be logs (other files that are not activities are skipped)
LOG_SUFFIXES = (".csv", ".htm", ".html", ".json")


def read_activity(path: PathLike, *, strict: bool = False) -> Activity:
    """Read one FIT, GPX or TCX file (or its ``.gz``) into an :class:`Activity` (the first
    of a multisport file: :func:`read_activities` yields them all)."""
    path = Path(path)
    data = read_file(path)
    activity = read_bytes(data, str(path), strict=strict)[0]
    activity.summary["start"] = activity.start  # in Python a UTC Timestamp, not ISO text
    return activity


def read_activities(path: PathLike, *, strict: bool = False) -> Iterator[Activity]:
    """Yield every activity in a file, folder, zip or export, in a stable order (files that
    cannot be read are skipped here; :func:`import_paths` reports them)."""
    for member in iter_members(path):
        if isinstance(member, ReadError) or member.kind != "activity":
            continue
        try:
            activities = read_bytes(member.read(), member.source, strict=strict)
        except ReadError:
            continue
        for activity in activities:
            apply_meta(activity, member.meta)
            activity.summary["start"] = activity.start  # a UTC Timestamp, as read_activity
            yield activity


def only_activity(path: Path) -> Activity:
    """The one activity of a file, zip or folder; ReadError naming them when there are more."""
    if not path.is_dir():
        check_regular(path)  # a device or FIFO is refused before anything opens it
        if not zipfile.is_zipfile(path):
            return read_activity(path)
    found = list(read_activities(path))
    if len(found) != 1:
        names = "; ".join(f"{a.source} ({a.start:%Y-%m-%d %H:%M})" for a in found[:10])
        raise ReadError(str(path), f"holds {len(found)} activities, not one"
                        + (f": {names}{' …' if len(found) > 10 else ''}" if found else "")
                        + "; import it and analyze one by id")
    return found[0]


def log_action(store: Store, member, report: ImportReport,
               athlete_id: int | None) -> Callable[[], None]:
    """What ``legload import`` does with a file found that is not an activity (a
    :class:`~legload.readers.exports.archive.Member`): the action, run in the order files were
    found, that stores it in its log in one transaction, or lists it as skipped when no log
    reader knows it. A CSV on disk larger than :data:`STREAM_LOG_BYTES` is read when the action
    runs, and a strength log among them stored as it is read, a chunk at a time (never held
    whole); any other file is read now, whole, and its rows held until they are stored."""
    if member.kind != "log" and not member.source.lower().endswith(LOG_SUFFIXES):
        return lambda: _skip(member, report)
    if member.kind != "log" and member.source.lower().endswith(".csv") \
            and size_on_disk(member.source) > STREAM_LOG_BYTES:
        return lambda: _store_streamed(store, member, report, athlete_id)
    return _whole_log(store, member, report, athlete_id)


def _skip(member, report: ImportReport) -> None:
    report.skipped.append({"path": member.source, "reason": member.hint or ""})
    report.note(member.source, None, "skipped")


def _whole_log(store: Store, member, report: ImportReport,
               athlete_id: int | None) -> Callable[[], None]:
    """:func:`log_action` of a file read now, whole (its bytes let go once hashed)."""
    from legload.readers.detect import content_sha256
    from legload.readers.logs.read import read_log

    try:
        data = member.read()
        rows = member.rows if member.kind == "log" else read_log(data, member.source)
    except ReadError:
        return lambda: _skip(member, report)
    reader = member.meta.get("reader") or rows.reader
    digest = content_sha256(data)
    del data  # not held until the rows are stored

    def store_log() -> None:
        store.commit_pending()  # a log file is its own transaction
        added = store.add_log_file(digest, member.source, rows.table, rows.frame, athlete_id)
        _stored(member, report, reader, added, rows.warnings)

    return store_log


def _store_streamed(store: Store, member, report: ImportReport, athlete_id: int | None) -> None:
    """Store a strength CSV on disk as it is read, a chunk at a time, in one transaction (none
    of it stored when a chunk is refused). A file that is not one, or is damaged further on,
    is then read whole as :func:`_whole_log` reads it (another log, or skipped): the report
    is the one a whole read gives. A file that changed while it was read is listed as failed."""
    from legload.readers.logs.read import stream_log

    store.commit_pending()  # a log file is its own transaction
    try:
        with open_regular(member.source) as handle:
            rows = stream_log(handle, member.source, "strength")
            added = store.add_log_chunks(rows.sha256, member.source, rows.table, rows.frames(),
                                         athlete_id)
    except ReadError as exc:
        if exc.problem != CHANGED:
            _whole_log(store, member, report, athlete_id)()
            return
        report.failed.append({"path": exc.path, "error": exc.problem})
        report.note(exc.path, None, "failed")
        return
    _stored(member, report, member.meta.get("reader") or rows.reader, added, rows.warnings)


def _stored(member, report: ImportReport, reader: str | None, added: int,
            warnings: list[str]) -> None:
    """Note a log file stored (``added`` rows new or corrected; none: a duplicate)."""
    if added:
        report.imported += 1
        report.warnings.extend(f"{member.source}: {w}" for w in warnings)
    else:
        report.duplicates += 1
    report.note(member.source, reader, "imported" if added else "duplicate")


__all__ = ["LOG_SUFFIXES", "STREAM_LOG_BYTES", "log_action", "only_activity", "read_activities",
           "read_activity"]
