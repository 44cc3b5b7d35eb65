"""Finding an Apple Health export in what ``legload import`` walks (a zip, a folder or the
``export.xml`` itself) and streaming it: the XML is never read whole, so its size is not
bound by the per-file limit; its expansion stays bound by the archive's ratio limit."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from legload.errors import ReadError, reading
from legload.readers.detect import MAX_RATIO
from legload.readers.exports.apple_health import apple_members
from legload.readers.exports.apple_stream import CHUNK_BYTES, is_apple_health
from legload.readers.files import check_regular, read_file

#: bytes read from an ``.xml`` file to recognise an export (the DOCTYPE comes first)
PEEK_BYTES = 1 << 16


def is_export_zip_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """True for an ``.xml`` member that is an Apple Health export (by its content)."""
    if not info.filename.lower().endswith(".xml"):
        return False
    try:
        with archive.open(info) as handle:
            return is_apple_health(handle.read(PEEK_BYTES))
    except Exception:  # an unreadable member is reported when the walk reads it
        return False


def is_export_file(path: Path) -> bool:
    """True for an ``.xml`` regular file that is an Apple Health export (by its content)."""
    if path.suffix.lower() != ".xml":
        return False
    try:
        check_regular(path)
        with open(path, "rb") as handle:
            return is_apple_health(handle.read(PEEK_BYTES))
    except (OSError, ReadError):
        return False


def zip_export(archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str,
               consumed: set[str]) -> Iterator:
    """The members of the export ``info`` of ``archive``; the route members it reads are
    added to ``consumed`` (the walk does not list them again)."""
    from legload.readers.exports.archive import _read_member, _unsafe

    source = f"{label}!{info.filename}"
    folder = PurePosixPath(info.filename).parent
    limit = int(max(info.compress_size, 4096) * MAX_RATIO)

    def chunks() -> Iterator[bytes]:
        total = 0
        with reading(source, "unreadable archive member ({exc})",
                     also=(RuntimeError, NotImplementedError)), archive.open(info) as handle:
            while chunk := handle.read(CHUNK_BYTES):
                total += len(chunk)
                if total > limit:
                    raise ReadError(source, "refused: member expands beyond its declared "
                                    "bounds (compression bomb?)")
                yield chunk

    def read_route(path: str) -> tuple[str, bytes] | None:
        name = (folder / path.lstrip("/")).as_posix().removeprefix("./")
        try:
            route = archive.getinfo(name)
        except KeyError:
            return None
        if _unsafe(route):
            return None
        try:
            data = _read_member(archive, route, label)
        except ReadError:
            return None
        consumed.add(name)
        return f"{label}!{name}", data

    yield from apple_members(chunks, source, read_route)


def file_export(path: Path, consumed: set[Path]) -> Iterator:
    """The members of the export ``export.xml`` at ``path``; its routes are read from
    ``workout-routes/`` beside it, and added to ``consumed``."""

    def chunks() -> Iterator[bytes]:
        with reading(str(path)), open(path, "rb") as handle:
            while chunk := handle.read(CHUNK_BYTES):
                yield chunk

    def read_route(name: str) -> tuple[str, bytes] | None:
        route = path.parent / name.lstrip("/")
        try:
            data = read_file(route)
        except ReadError:
            return None
        consumed.add(route)
        return str(route), data

    yield from apple_members(chunks, str(path), read_route)
