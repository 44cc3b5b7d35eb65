"""Recognise a file's format from its content and read it into Activities."""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable
from typing import BinaryIO

from legload.core.activity import Activity, ActivityColumns
from legload.errors import ReadError, reading

#: largest decompressed size accepted for one activity file (bytes)
MAX_FILE_BYTES = 256 * 2**20
#: decompressed/compressed ratio above which a gzip member is treated as a bomb
MAX_RATIO = 200.0

ACTIVITY_SUFFIXES = (".fit", ".gpx", ".tcx", ".fit.gz", ".gpx.gz", ".tcx.gz")


def gunzip(data: bytes, source: str) -> bytes:
    """Decompress gzip data within the size and ratio bounds, or raise ReadError."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    limit = min(MAX_FILE_BYTES, int(max(len(data), 4096) * MAX_RATIO))
    with reading(source, "corrupt gzip data ({exc})"):
        out = inflater.decompress(data, limit + 1)
    if len(out) > limit:
        raise ReadError(source, f"refused: gzip expands beyond {limit} bytes (compression bomb?)")
    if not inflater.eof:
        raise ReadError(source, "truncated gzip data")
    return out


def sniff(data: bytes) -> str | None:
    """``"fit"``, ``"gpx"``, ``"tcx"``, ``"apple_health"`` (one workout of an Apple Health
    export), ``"gzip"`` or None, from the first bytes."""
    from legload.readers.fit.decode import is_fit  # the FIT reader loads with the first file

    if data[:2] == b"\x1f\x8b":
        return "gzip"
    if is_fit(data):
        return "fit"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<"):
        if b"<gpx" in head:
            return "gpx"
        if b"<trainingcenterdatabase" in head or (b"<activities" in head and b"<lap" in head):
            return "tcx"  # some exporters drop the TCX root element and keep <Activities>
        if head.startswith(b"<workout ") and b"workoutactivitytype=" in head:
            return "apple_health"
    return None


_FITBIT = "legload.readers.exports.fitbit"


def reader_name(data: bytes) -> str | None:
    """The reader an activity file's content goes to: :func:`sniff`'s format, or the module
    that reads it when its first bytes do not say (a Fitbit exercise list); None when none."""
    fmt = sniff(data)
    if fmt is None:
        from legload.readers.exports.fitbit import is_fitbit_exercise

        if is_fitbit_exercise(data):
            return _FITBIT
    return fmt


def _xml_reader(fmt: str) -> Callable[..., list[ActivityColumns]]:
    if fmt == "gpx":
        from legload.readers.xml.gpx import read_gpx_columns
        return read_gpx_columns
    if fmt == "apple_health":
        from legload.readers.exports.apple_health import read_apple_workout
        return read_apple_workout
    from legload.readers.xml.tcx import read_tcx_columns
    return read_tcx_columns


def read_bytes(data: bytes, source: str, *, strict: bool = False) -> list[Activity]:
    """Read one activity file's content (FIT, GPX, TCX, or any of them gzipped).

    Every returned Activity carries ``source`` and the SHA-256 of the (decompressed)
    content, so the same recording imported as ``.fit`` and ``.fit.gz`` is one file.
    """
    return [item.to_activity() if isinstance(item, ActivityColumns) else item
            for item in read_content(data, source, strict=strict)]


def read_content(data: bytes, source: str, *, strict: bool = False,
                 sha256: str | None = None) -> list[Activity | ActivityColumns]:
    """:func:`read_bytes` for an import: activities come back as :class:`ActivityColumns`
    (no tables built). ``sha256``: the content's hash when the caller has it already.

    Known damage becomes one :class:`ReadError` naming ``source``; anything else raised
    while reading is a bug in legload and surfaces as it is (:func:`legload.errors.reading`).
    """
    with reading(source):
        data = unwrap(data, source)
        activities = _read_format(data, source, strict)
    digest = sha256 or content_sha256(data)
    for activity in activities:
        activity.source = source
        activity.sha256 = digest
    return activities


def _read_format(data: bytes, source: str, strict: bool) -> list[Activity | ActivityColumns]:
    """The activities of unwrapped content, by the reader its first bytes call for."""
    fmt = reader_name(data)
    if len(data) == 0:
        raise ReadError(source, "empty file (0 bytes)")
    if fmt == _FITBIT:
        from legload.readers.exports.fitbit import read_fitbit_exercises

        return list(read_fitbit_exercises(data, source))
    if fmt is None:
        if data[:1] in (b"\x0c", b"\x0e"):
            raise ReadError(source, "not a FIT file (header is damaged: no '.FIT' signature)")
        raise ReadError(source, "not a known activity format (expected FIT, GPX or TCX)")
    if fmt == "fit":
        from legload.readers.fit.messages import read_fit_columns

        return list(read_fit_columns(data, source, strict=strict))
    return _refuse_damaged(_xml_reader(fmt)(data, source), source, strict)


def _refuse_damaged(activities: list, source: str, strict: bool) -> list:
    """The activities of an XML file, or in strict mode ReadError when one was salvaged."""
    damaged = [w for a in activities for w in a.warnings] if strict else []
    if damaged:
        raise ReadError(source, f"damaged file refused in strict mode: {damaged[0]}")
    return activities


#: formats read from a file a piece at a time by :func:`read_stream`
STREAMED = ("gpx", "tcx")


def read_stream(stream: BinaryIO, source: str, fmt: str, *, strict: bool = False,
                sha256: str | None = None) -> list[Activity | ActivityColumns]:
    """:func:`read_content` of a GPX or TCX file (``fmt``, one of :data:`STREAMED`, as
    :func:`sniff` found it), read from where the seekable stream stands a piece at a time:
    neither the whole file nor a tree of it is held, unless the document is not plain and
    takes the tree route. The content's hash is computed on the way; ``sha256``: the hash it
    must have (ReadError when the file changed since), else the one computed."""
    if fmt not in STREAMED:
        raise ValueError(f"read_stream reads {' or '.join(STREAMED)}, not {fmt!r}")
    with reading(source):
        hashed = _Hashed(stream, source)
        activities = _refuse_damaged(_xml_reader(fmt)(hashed, source), source, strict)
        digest = hashed.hexdigest()
    check_hash(digest, sha256, source)
    for activity in activities:
        activity.source, activity.sha256 = source, digest
    return activities


def _check_size(size: int, source: str) -> None:
    if size > MAX_FILE_BYTES:
        raise ReadError(source, f"refused: more than {MAX_FILE_BYTES} bytes")


#: the problem of the ReadError raised when a file's content is not the one first hashed
CHANGED = "changed while it was being imported"


def check_hash(digest: str, sha256: str | None, source: str) -> None:
    """ReadError (:data:`CHANGED`) when the content's ``digest`` is not the ``sha256`` it was
    found with."""
    if sha256 is not None and digest != sha256:
        raise ReadError(source, CHANGED)


class _Hashed:
    """A binary file read through (at most :data:`MAX_FILE_BYTES`), its SHA-256 computed on
    the way; it seeks back only to where it started, which starts the hash again."""

    def __init__(self, stream: BinaryIO, source: str) -> None:
        self.stream, self.source, self.origin = stream, source, stream.tell()
        self.hash, self.at = hashlib.sha256(), 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(MAX_FILE_BYTES + 1 - self.at if size < 0 else size)
        self.hash.update(data)
        self.at += len(data)
        _check_size(self.at, self.source)
        return data

    def tell(self) -> int:
        return self.at

    def seek(self, at: int) -> None:
        if at != 0:
            raise ValueError("a hashed file seeks back to its start only")
        self.stream.seek(self.origin)
        self.hash, self.at = hashlib.sha256(), 0

    def hexdigest(self) -> str:
        """The hash of the whole file (what the reader left unread read now)."""
        while self.read(1 << 20):
            pass
        return self.hash.hexdigest()


def unwrap(data: bytes, source: str) -> bytes:
    """The file's content, decompressed first when it is gzip (within the bounds)."""
    return gunzip(data, source) if data[:2] == b"\x1f\x8b" else data


def content_sha256(data: bytes) -> str:
    """SHA-256 (hex) of already unwrapped content: the identity of an imported file."""
    return hashlib.sha256(data).hexdigest()
