"""Walk what a user hands to ``legload import``: files, folders, zip exports (Strava bulk
export, Garmin export with nested zips) — yielding members to read, never extracting to disk.

Archives are bounded: member size, compression ratio, member count and nesting depth.
Member names with ``..`` or absolute paths are refused. Strava's ``activities.csv`` (the
current ~99-column one and the old 10-column one) supplies names and sport types
(:mod:`.strava_index`, read as a stream).
"""

from __future__ import annotations

import importlib
import io
import os
import re
import stat
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from types import ModuleType
from typing import IO, TYPE_CHECKING, Any

from legload.errors import ReadError, as_read_error, reading
from legload.readers.detect import ACTIVITY_SUFFIXES, MAX_FILE_BYTES, MAX_RATIO
from legload.readers.exports.strava_index import (
    folder_index,
    has_hevy_sets_in,
    parse_strava_csv,
)
from legload.readers.files import check_regular, is_readable_file, open_regular, read_file

if TYPE_CHECKING:
    from legload.readers.exports.garmin_walk import GarminWalk

MAX_MEMBERS = 200_000
MAX_NESTING = 3
#: file names that are operating-system metadata, never user data
JUNK_NAMES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})
MAX_ARCHIVE_BYTES = 2 * 2**30
_UNREADABLE_ZIP = "unreadable zip archive ({exc})"

@dataclass
class Member:
    """One file found in the input: read lazily, with what an export says about it."""

    source: str
    read: Callable[[], bytes]
    kind: str  # "activity" | "log" | "skipped"
    meta: dict[str, str | None] = field(default_factory=dict)
    hint: str | None = None
    rows: Any = None  # a "log" member's rows, read already (LogRows)


def iter_members(path: str | os.PathLike) -> Iterator[Member | ReadError]:
    """Every file under ``path`` (a file, folder or zip), as a Member or a ReadError.

    Anything but a regular file or a folder (a device, a FIFO, a socket, a link to one) is
    refused before it is opened: a ReadError naming it."""
    path = Path(path)
    try:
        is_folder = stat.S_ISDIR(os.stat(path).st_mode)
    except OSError as exc:
        yield ReadError(str(path), (exc.strerror or str(exc)).lower())
        return
    if is_folder:
        yield from _walk_folder(path)
        return
    try:
        check_regular(path)
    except ReadError as exc:
        yield exc
        return
    if zipfile.is_zipfile(path):
        yield from _zip_file(path)
    elif _walks("apple_walk").is_export_file(path):
        yield from _walks("apple_walk").file_export(path, set())
    else:
        yield _classify(str(path), path.name, lambda p=path: read_file(p), {})


def _zip_file(path: Path, garmin: GarminWalk | None = None) -> Iterator[Member | ReadError]:
    """The members of the zip archive at ``path``; damage to the archive is one ReadError."""
    try:
        with zipfile.ZipFile(path) as archive:
            yield from _walk_zip(archive, str(path), depth=1, garmin=garmin)
    except Exception as exc:  # as_read_error raises again what is not damage
        yield as_read_error(str(path), exc, _UNREADABLE_ZIP)


def _walks(name: str) -> ModuleType:
    """:mod:`.apple_walk` or :mod:`.garmin_walk`, imported when a walk needs it: their readers
    (lxml, the FIT SDK, CSV) stay unloaded in a process that only reads stored data."""
    return importlib.import_module(f"legload.readers.exports.{name}")


def is_junk(name: str) -> bool:
    """Operating-system metadata, skipped silently: AppleDouble (``__MACOSX/`` members,
    ``._name`` files), ``.DS_Store`` and ``Thumbs.db``."""
    parts = [part for part in name.replace("\\", "/").split("/") if part not in ("", ".")]
    if "__MACOSX" in parts:
        return True
    base = parts[-1] if parts else ""
    return base.startswith("._") or base in JUNK_NAMES


def _walk_folder(root: Path) -> Iterator[Member | ReadError]:
    """The files under ``root``, sorted; a sub-folder that cannot be listed is a ReadError,
    a file that is not a regular one is refused when read (never opened)."""
    unreadable: list[OSError] = []
    found = []  # (file, its name under root)
    for folder, _dirs, names in os.walk(root, onerror=unreadable.append):
        under = Path(folder).relative_to(root).as_posix()
        prefix = "" if under == "." else under + "/"
        found.extend((Path(folder, name), prefix + name) for name in names
                     if not is_junk(prefix + name))
    found.sort()
    for exc in unreadable:
        yield ReadError(str(exc.filename or root),
                        f"unreadable folder, skipped ({(exc.strerror or str(exc)).lower()})")
    metadata, indexed = _strava_metadata_from_files(found)
    apple, garmin_walk = _walks("apple_walk"), _walks("garmin_walk")
    exports = [file for file, _ in found if apple.is_export_file(file)]
    consumed: set[Path] = set()
    for export in exports:
        yield from apple.file_export(export, consumed)
    garmin, problems = garmin_walk.GarminWalk.find([relative for _, relative in found], str(root),
                                       lambda name: read_file(root / name))
    yield from problems
    for file, relative in found:
        if (file.name == "activities.csv" and relative[:-len(file.name)] in indexed
                and not _hevy(file)) \
                or file in consumed or file in exports:
            continue  # an export's index (unless Hevy wrote sets into it) or a file read already
        if file.suffix.lower() == ".zip" and is_readable_file(file) and zipfile.is_zipfile(file):
            yield from _zip_file(file, garmin)
            continue
        read = lambda p=file: read_file(p)  # noqa: E731
        handled = garmin_walk.NOT_MINE if garmin is None else garmin.member(str(file),
                                                                              relative, read)
        if handled is garmin_walk.NOT_MINE:
            yield _classify(str(file), relative, read, metadata.get(relative, {}))
        elif handled is not None:
            yield handled
    if garmin is not None:
        yield from garmin.finish()


def _hevy(read: Path | Callable[[], IO[bytes]]) -> bool:
    """True when a Strava ``activities.csv`` holds sets Hevy wrote into descriptions (read
    a block at a time)."""
    try:
        with reading(str(read), also=(RuntimeError, NotImplementedError)), (
                open_regular(read) if isinstance(read, Path) else read()) as handle:
            return has_hevy_sets_in(handle)
    except ReadError:
        return False


def _strava_metadata_from_files(found: list[tuple[Path, str]]
                                ) -> tuple[dict[str, dict], set[str]]:
    """The Strava index entry of each file under a folder holding an ``activities.csv``, by
    its name under the walked folder (the first folder's entry, in the walk's order, when
    several name it), and those folders (``""`` or ``"sub/folder/"``); ``found``: (file, its
    name under the walked folder)."""
    entries: dict[str, dict] = {}
    indexed: set[str] = set()
    for file, relative in found:
        if file.name == "activities.csv":
            prefix = relative[:-len(file.name)]
            wanted = {name[len(prefix):] for _, name in found if name.startswith(prefix)}
            table = folder_index(file, wanted)
            if table is not None:
                indexed.add(prefix)
                for name, entry in table.items():
                    entries.setdefault(prefix + name, entry)
    return entries, indexed


def _walk_zip(archive: zipfile.ZipFile, label: str, depth: int,
              garmin: GarminWalk | None = None) -> Iterator[Member | ReadError]:
    infos = [i for i in archive.infolist() if not i.is_dir() and not is_junk(i.filename)]
    if len(infos) > MAX_MEMBERS:
        yield ReadError(label, f"refused: {len(infos)} members is more than {MAX_MEMBERS}")
        return
    metadata: dict[str, dict] = {}
    csv_infos = [i for i in infos if PurePosixPath(i.filename).name == "activities.csv"]
    for info in csv_infos:
        prefix = str(PurePosixPath(info.filename).parent)
        prefix = "" if prefix == "." else prefix + "/"
        table = _zip_index(archive, info, label, {
            i.filename[len(prefix):] for i in infos if i.filename.startswith(prefix)})
        if table is not None:
            metadata.update({prefix + k: v for k, v in table.items()})
    apple = _walks("apple_walk")
    exports = [i for i in infos if not _unsafe_name(i) and apple.is_export_zip_member(archive, i)]
    consumed: set[str] = set()
    for info in exports:
        yield from apple.zip_export(archive, info, label, consumed)
    found, problems = (None, []) if garmin is not None else _walks("garmin_walk").GarminWalk.find(
        [i.filename for i in infos if not _unsafe(i)], label,
        lambda name: _read_member(archive, archive.getinfo(name), label))
    yield from problems
    for info in infos:
        if info in exports or info.filename in consumed:
            continue
        if info in csv_infos and any(k for k in metadata) and not _unsafe(info) and not _hevy(
                lambda i=info: archive.open(i)):
            continue  # only an index of the export, unless Hevy wrote sets into it
        yield from _zip_member(archive, info, label, depth, metadata, garmin or found)
    if found is not None:
        yield from found.finish()


def _zip_index(archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str,
               wanted: set[str]) -> dict[str, dict] | None:
    """The table of a zipped ``activities.csv`` for the members in ``wanted`` (streamed when
    the member's declared size is within bounds); None when it is no Strava index or
    cannot be read."""
    try:
        if _unsafe(info) is not None:
            return parse_strava_csv(_read_member(archive, info, label), wanted)
        with reading(f"{label}!{info.filename}", "unreadable archive member ({exc})",
                     also=(RuntimeError, NotImplementedError)), archive.open(info) as handle:
            return parse_strava_csv(handle, wanted)
    except ReadError:
        return None


def _zip_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, depth: int,
                metadata: dict[str, dict],
                garmin: GarminWalk | None) -> Iterator[Member | ReadError]:
    source = f"{label}!{info.filename}"
    problem = _unsafe(info)
    if problem:
        yield ReadError(source, problem)
        return
    if info.filename.lower().endswith(".zip"):
        if depth >= MAX_NESTING:
            yield ReadError(source, f"refused: zip archives nested deeper than {MAX_NESTING}")
            return
        try:
            inner = zipfile.ZipFile(io.BytesIO(_read_member(archive, info, label)))
        except Exception as exc:  # as_read_error raises again what is not damage
            yield as_read_error(source, exc, _UNREADABLE_ZIP)
            return
        with inner:
            yield from _walk_zip(inner, source, depth + 1, garmin)
        return
    read = lambda i=info: _read_member(archive, i, label)  # noqa: E731
    not_mine = _walks("garmin_walk").NOT_MINE
    handled = not_mine if garmin is None else garmin.member(source, info.filename, read)
    if handled is not_mine:
        yield _classify(source, info.filename, read, metadata.get(info.filename, {}))
    elif handled is not None:
        yield handled


def _unsafe_name(info: zipfile.ZipInfo) -> bool:
    name = info.filename.replace("\\", "/")
    return name.startswith("/") or (len(name) > 1 and name[1] == ":") or ".." in name.split("/")


def _unsafe(info: zipfile.ZipInfo) -> str | None:
    if _unsafe_name(info):
        return "refused: unsafe member name (absolute path or '..')"
    if info.file_size > MAX_FILE_BYTES:
        return f"refused: member declares {info.file_size} bytes, more than {MAX_FILE_BYTES}"
    if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
        return (f"refused: compression ratio {info.file_size / info.compress_size:.0f}:1 "
                "(compression bomb?)")
    return None


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str) -> bytes:
    limit = min(MAX_FILE_BYTES, int(max(info.compress_size, 4096) * MAX_RATIO))
    # zipfile refuses an encrypted member with RuntimeError, an unknown method with
    # NotImplementedError: damage of this archive, not bugs
    with reading(f"{label}!{info.filename}", "unreadable archive member ({exc})",
                 also=(RuntimeError, NotImplementedError)), archive.open(info) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ReadError(f"{label}!{info.filename}",
                        "refused: member expands beyond its declared bounds (compression bomb?)")
    return data


_SKIP_HINTS = {
    ".csv": "a CSV that is not an activity (strength, food or body log?) — skipped",
    ".htm": "an HTML page (e.g. a food diary print-out) — skipped",
    ".html": "an HTML page (e.g. a food diary print-out) — skipped",
    ".json": "JSON that is not a Fitbit weight or food log — skipped",
}


#: Fitbit's exercise list (``exercise-0.json``): activities; its other JSON files are logs
_FITBIT_EXERCISE = re.compile(r"(^|/)exercise-\d+\.json$")


def _classify(source: str, name: str, read: Callable[[], bytes], meta: dict) -> Member:
    lower = name.lower()
    if lower.endswith(ACTIVITY_SUFFIXES) or _FITBIT_EXERCISE.search(lower):
        return Member(source, read, "activity", meta)
    suffix = PurePosixPath(lower).suffix
    hint = _SKIP_HINTS.get(suffix, "not an activity file (FIT, GPX, TCX) — skipped")
    return Member(source, read, "skipped", meta, hint)


__all__ = ["Member", "iter_members"]
