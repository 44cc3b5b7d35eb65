"""A Strava export's ``activities.csv``, read as a stream: names and sport types of the
activity files, and whether Hevy wrote sets into its descriptions.

The index of a long history is hundreds of megabytes of descriptions; it is read row by row
from the file (or the zip member) and only the rows naming a file the export holds are kept,
so memory does not grow with the size of the index.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Container
from pathlib import Path
from typing import IO

from legload.errors import ReadError, reading
from legload.readers.files import open_regular
from legload.readers.logs.apps import has_hevy_sets

#: Strava "Activity Type" → (sport, sub_sport)
STRAVA_TYPES = {
    "run": ("running", None), "trail run": ("running", "trail"), "virtual run": ("running", "indoor"),
    "walk": ("walking", None), "hike": ("hiking", None), "ride": ("cycling", None),
    "virtual ride": ("cycling", "virtual"), "gravel ride": ("cycling", "gravel"),
    "mountain bike ride": ("cycling", "mountain"), "e-bike ride": ("cycling", "e_bike"),
    "swim": ("swimming", None), "weight training": ("strength", None),
    "workout": ("other", None), "crossfit": ("other", None),
}
_BLOCK = 2**20
_OVERLAP = 4096


def has_hevy_sets_in(handle: IO[bytes]) -> bool:
    """:func:`legload.readers.logs.apps.has_hevy_sets` of a stream, read a block at a time
    (blocks overlap, so a line cut between two is seen whole)."""
    tail = b""
    while block := handle.read(_BLOCK):
        if has_hevy_sets(tail + block):
            return True
        tail = block[-_OVERLAP:]
    return False


def parse_strava_csv(data: bytes | IO[bytes], wanted: Container[str] | None = None
                     ) -> dict[str, dict[str, str | None]] | None:
    """Strava ``activities.csv`` (its bytes, or a binary stream read row by row) → {file path
    in export: {name, sport, sub_sport, strava_type, strava_id}}, for the paths in ``wanted``
    (every path when None).

    Handles the current export (~99 columns, headers like "Activity Name", quoted fields
    with line breaks) and the old one (10 columns: id, date, name, type, ..., filename).
    Returns None when the CSV is not a Strava activity list.
    """
    stream = io.BytesIO(data) if isinstance(data, bytes | bytearray) else data
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
    try:
        return _table(csv.reader(text), wanted)
    finally:
        text.detach()  # the caller closes its stream


def _table(reader, wanted: Container[str] | None) -> dict[str, dict[str, str | None]] | None:
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        return None
    columns = {"name": _index(header, "activity name", "name"),
               "type": _index(header, "activity type", "type"),
               "file": _index(header, "filename"), "id": _index(header, "activity id", "id")}
    if columns["file"] is None or columns["type"] is None:
        return None
    table = {}
    for row in reader:
        if len(row) <= columns["file"] or not row[columns["file"]].strip():
            continue
        key = row[columns["file"]].strip()
        if wanted is not None and key not in wanted:
            continue
        sport, sub = STRAVA_TYPES.get(row[columns["type"]].strip().lower(), ("other", None))
        table[key] = {
            "name": row[columns["name"]].strip() if columns["name"] is not None else None,
            "sport": sport,
            "sub_sport": sub,
            "strava_type": row[columns["type"]].strip(),
            "strava_id": row[columns["id"]] if columns["id"] is not None else None,
        }
    return table


def _index(header: list[str], *names: str) -> int | None:
    for name in names:
        if name in header:
            return header.index(name)
    return None


def folder_index(file: Path, wanted: Container[str]) -> dict[str, dict] | None:
    """The table of the ``activities.csv`` at ``file`` for the paths in ``wanted``; None
    when it is no Strava index or cannot be read (it is then listed as a file of its own,
    which says why)."""
    try:
        with open_regular(file) as handle, reading(str(file)):
            return parse_strava_csv(handle, wanted)
    except ReadError:
        return None


__all__ = ["STRAVA_TYPES", "folder_index", "has_hevy_sets_in",
           "parse_strava_csv"]
