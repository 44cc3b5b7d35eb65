"""The workflows behind every interface: read, import, list.

The CLI, the web app and the batch job call these functions and nothing below them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from legload.errors import LegloadError, ReadError
from legload.readers import Activity, iter_members, read_bytes, unwrap
from legload.readers.detect import content_sha256
from legload.store import Store, default_db_path

PathLike = str | os.PathLike


def read_activity(path: PathLike, *, strict: bool = False) -> Activity:
    """Read one FIT, GPX or TCX file (or its ``.gz``) into an :class:`Activity`.

    A multisport file holds several activities: this returns the first; use
    :func:`read_activities` for all of them.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(str(path), exc.strerror or str(exc)) from None
    return read_bytes(data, str(path), strict=strict)[0]


def read_activities(path: PathLike, *, strict: bool = False) -> Iterator[Activity]:
    """Yield every activity in a file, folder, zip or export, in a stable order.

    Files that cannot be read are skipped here; :func:`import_paths` reports them.
    """
    for member in iter_members(path):
        if isinstance(member, ReadError) or member.kind != "activity":
            continue
        try:
            activities = read_bytes(member.read(), member.source, strict=strict)
        except ReadError:
            continue
        for activity in activities:
            _apply_meta(activity, member.meta)
            yield activity


@dataclass
class ImportReport:
    """What one ``import`` did; ``as_dict()`` is the CLI's ``--json`` document."""

    imported: int = 0
    duplicates: int = 0
    failed: list[dict[str, str]] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    activities: list[int] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "imported": self.imported,
            "duplicates": self.duplicates,
            "failed": self.failed,
            "skipped": self.skipped,
            "warnings": self.warnings,
            "activities": self.activities,
        }


def import_paths(
    paths: Iterable[PathLike],
    *,
    db: PathLike | None = None,
    strict: bool = False,
    progress: Callable[[str], None] | None = None,
) -> ImportReport:
    """Import files, folders and exports into the database; each file is one transaction.

    A file whose content (SHA-256, decompressed) is already in the database is counted as a
    duplicate and adds nothing. One bad file never stops the others: it is listed in
    ``failed`` with a one-line reason.
    """
    report = ImportReport()
    with Store(db or default_db_path()) as store:
        for path in paths:
            for member in iter_members(path):
                if progress is not None:
                    progress(getattr(member, "source", getattr(member, "path", "")))
                if isinstance(member, ReadError):
                    report.failed.append({"path": member.path, "error": member.problem})
                    continue
                if member.kind != "activity":
                    report.skipped.append({"path": member.source, "reason": member.hint or ""})
                    continue
                _import_member(store, member, strict, report)
    return report


def _import_member(store: Store, member, strict: bool, report: ImportReport) -> None:
    try:
        data = unwrap(member.read(), member.source)
        digest = content_sha256(data)
        if store.has_file(digest):
            report.duplicates += 1
            return
        activities = read_bytes(data, member.source, strict=strict)
        for activity in activities:
            _apply_meta(activity, member.meta)
        ids = store.add_file(digest, member.source, activities)
    except ReadError as exc:
        report.failed.append({"path": exc.path, "error": exc.problem})
        return
    except LegloadError as exc:
        report.failed.append({"path": member.source, "error": str(exc)})
        return
    report.imported += 1
    report.activities.extend(ids)
    for activity in activities:
        report.warnings.extend(w for w in activity.warnings if w not in report.warnings)


def _apply_meta(activity: Activity, meta: dict) -> None:
    """Names and sport types from an export's index (e.g. Strava's activities.csv)."""
    if not meta:
        return
    if meta.get("name"):
        activity.summary["name"] = meta["name"]
    if activity.summary.get("sport") in (None, "other") and meta.get("sport"):
        activity.summary["sport"] = meta["sport"]
    if meta.get("sub_sport") and activity.summary.get("sub_sport") in (None, "generic"):
        activity.summary["sub_sport"] = meta["sub_sport"]


def analyse_activity(target: int | PathLike, *, db: PathLike | None = None,
                     mass_kg: float | None = None) -> dict:
    """Describe one activity — a database id, or a file read on the fly — as the
    ``analyze --json`` document: energy, grade-adjusted pace, class, tags and segments."""
    from legload.analysis.session import analyse_session

    if isinstance(target, int) or (isinstance(target, str) and target.isdigit()
                                   and not Path(target).exists()):
        with Store(db or default_db_path()) as store:
            activity = store.get_activity(int(target))
        activity_id: int | None = int(target)
    else:
        activity = read_activity(target)
        activity_id = None
    result = analyse_session(activity, mass_kg=mass_kg).as_dict()
    return {"id": activity_id, "source": activity.source, "start": activity.summary.get("start"),
            "name": activity.summary.get("name"), **result}


def list_activities(*, db: PathLike | None = None) -> list[dict]:
    """Every stored activity's summary row, oldest first."""
    with Store(db or default_db_path()) as store:
        return store.list_activities()
