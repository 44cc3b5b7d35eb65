"""A Garmin Connect archive met in what ``legload import`` walks (the zip, or its unzipped
``DI_CONNECT`` folder): its index is read first, then each FIT file of its nested zips is
looked up in it, and the logs it holds are handed over as log members."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from legload.errors import ReadError
from legload.readers.exports.garmin_archive import (
    READER,
    GarminArchive,
    is_biometrics,
    is_index,
    parse_biometrics,
)
from legload.readers.exports.rows import log_content

#: what :meth:`GarminWalk.member` returns for a file that is not the archive's business
NOT_MINE = object()


class GarminWalk:
    """The Garmin part of one walk."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.archive = GarminArchive()

    @classmethod
    def find(cls, names: Iterable[str], label: str,
             read: Callable[[str], bytes]) -> tuple[GarminWalk | None, list[ReadError]]:
        """A walk when ``names`` hold an archive's index (``read(name)`` gives a member's
        bytes), with the indexes that could not be read."""
        indexes = [name for name in names if is_index(name)]
        if not indexes:
            return None, []
        walk, problems = cls(label), []
        for name in indexes:
            try:
                walk.archive.add_index(read(name), f"{label}!{name}")
            except ReadError as exc:
                problems.append(exc)
        return walk, problems

    def member(self, source: str, name: str, read: Callable[[], bytes]) -> object:
        """The member to yield for the file ``name`` (None: nothing, a file that is not an
        activity), or :data:`NOT_MINE`."""
        from legload.readers.exports.archive import Member

        if is_index(name):
            return None
        lower = name.lower()
        if is_biometrics(name):
            try:
                data = read()
                rows = parse_biometrics(data, source)
            except ReadError as exc:
                return exc
            return Member(source, lambda d=data: d, "log", {"reader": READER}, rows=rows)
        if not lower.endswith(".fit"):
            return NOT_MINE
        try:
            data = read()
        except ReadError as exc:
            return exc
        meta = self.archive.inspect(data, source)
        return None if meta is None else Member(source, lambda d=data: d, "activity", meta)

    def finish(self) -> Iterator:
        """The strength sets gathered, and one line for the FIT files that are not
        activities."""
        from legload.readers.exports.archive import Member

        rows = self.archive.strength_rows()
        if len(rows.frame):
            content = log_content(rows)
            yield Member(f"{self.label}#strength sets", lambda c=content: c, "log",
                         {"reader": READER}, rows=rows)
        if self.archive.not_activities:
            count = self.archive.not_activities
            yield Member(f"{self.label}#FIT files that are not activities", lambda: b"",
                         "skipped", {"reader": READER},
                         f"{count} FIT file(s) that are not activities (monitoring, sleep, "
                         "settings) — skipped")

