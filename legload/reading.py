"""Reading activities from the files a user names, without a database: one file, or every
activity of a file, folder, zip or export (the library's ``read_activity``/``read_activities``
and what ``legload analyze FILE`` reads)."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

from legload.errors import ReadError
from legload.import_pool import apply_meta
from legload.readers import Activity, iter_members, read_bytes
from legload.readers.files import check_regular, read_file

PathLike = str | os.PathLike


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


__all__ = ["only_activity", "read_activities", "read_activity"]
