"""A log file read from disk a slice at a time, never held whole.

Reading a log CSV takes several passes over its bytes: its SHA-256 (the file's identity in
the store) and whether it is text in a codec, then the rows (and, for a classic Strong export,
a first look at its weights). :class:`LogFile` reads the open file again from its start for
each pass, at most :data:`~legload.readers.detect.MAX_FILE_BYTES`; the first pass computes
the hash, keeps the first bytes (the header, the byte-order mark) and finds whether the content
is blank or UTF-8 text (so a UTF-8 file's codec needs no pass of its own), and every later pass
that makes rows or content of it (:meth:`LogFile.read`, :meth:`HashedPass.verify` once read
to the end) checks the hash again (the codec pass, :func:`slices`, does not: the rows pass
after it does): a file changed in between is one ReadError ("changed while it was being
imported"), never rows of one content stored under the hash of another.
"""

from __future__ import annotations

import codecs
import hashlib
import io
from collections.abc import Iterator
from typing import BinaryIO

from legload.errors import ReadError
from legload.readers.detect import MAX_FILE_BYTES, check_hash

#: bytes read at a time
SLICE = 2**20
#: the first bytes kept (the header line, the byte-order mark)
HEAD = 65_536


class LogFile:
    """A seekable binary file read from where it stands, a slice at a time (see the module
    docstring): :attr:`sha256`, :attr:`size`, :attr:`head`, :attr:`blank` (empty or white
    space only) and :attr:`utf8` (the whole of it UTF-8 text, a byte-order mark allowed) after
    the first pass."""

    def __init__(self, stream: BinaryIO, source: str) -> None:
        self.stream, self.source, self.origin = stream, source, stream.tell()
        digest, size, head = hashlib.sha256(), 0, bytearray()
        text, self.blank = codecs.getincrementaldecoder("utf-8-sig")(), True
        for piece in self.slices():
            digest.update(piece)
            size += len(piece)
            if len(head) < HEAD:
                head += piece[:HEAD - len(head)]
            self.blank = self.blank and piece.isspace()
            text = text and _decoded(text, piece)
        self.sha256, self.size, self.head = digest.hexdigest(), size, bytes(head)
        self.utf8 = bool(text and _decoded(text, b"", final=True))

    def slices(self) -> Iterator[bytes]:
        """The file's bytes from its start, :data:`SLICE` at a time (passes may overlap:
        each reads from where it stands)."""
        read = 0
        while True:
            try:
                self.stream.seek(self.origin + read)
                piece = self.stream.read(SLICE)
            except OSError as exc:
                raise ReadError(self.source, (exc.strerror or str(exc)).lower()) from None
            if not piece:
                return
            read += len(piece)
            if read > MAX_FILE_BYTES:
                raise ReadError(self.source, f"refused: more than {MAX_FILE_BYTES} bytes")
            yield piece

    def read(self) -> bytes:
        """The whole content (for a reader that needs it whole), checked against the hash."""
        data = b"".join(self.slices())
        check_hash(hashlib.sha256(data).hexdigest(), self.sha256, self.source)
        return data

    def open(self) -> HashedPass:
        """A binary file of the content, from its start, for one more pass; its
        :meth:`HashedPass.verify` checks, after it was read to the end, that the content is the
        one hashed."""
        return HashedPass(self)


def _decoded(decoder: codecs.IncrementalDecoder, piece: bytes, final: bool = False
             ) -> codecs.IncrementalDecoder | None:
    """``decoder`` once it decoded ``piece``; None when ``piece`` is not text in its codec."""
    try:
        decoder.decode(piece, final)
    except UnicodeDecodeError:
        return None
    return decoder


class HashedPass(io.BufferedReader):
    """One pass over a :class:`LogFile` as a binary file (what pandas reads from)."""

    def __init__(self, file: LogFile) -> None:
        self.hashed = _Raw(file)
        super().__init__(self.hashed, buffer_size=SLICE)

    def verify(self) -> None:
        """ReadError when the bytes read to the end are not the content first hashed."""
        file = self.hashed.file
        check_hash(self.hashed.digest.hexdigest(), file.sha256, file.source)


class _Raw(io.RawIOBase):
    def __init__(self, file: LogFile) -> None:
        self.file, self.digest, self.pieces = file, hashlib.sha256(), file.slices()
        self.left = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if not self.left:
            piece = next(self.pieces, b"")
            self.digest.update(piece)
            self.left = memoryview(piece)
        size = min(len(buffer), len(self.left))
        buffer[:size] = self.left[:size]
        self.left = self.left[size:]
        return size


def as_binary(data: bytes | LogFile) -> BinaryIO:
    """A binary file of ``data``'s content, from its start."""
    return io.BytesIO(data) if isinstance(data, bytes | bytearray) else data.open()


def slices(data: bytes | LogFile) -> Iterator[bytes | memoryview]:
    """``data``'s content a slice at a time (bytes held already are not copied)."""
    if isinstance(data, LogFile):
        yield from data.slices()
        return
    view = memoryview(data)
    for start in range(0, len(view), SLICE):
        yield view[start:start + SLICE]


def head(data: bytes | LogFile) -> bytes:
    """The first bytes of ``data`` (:data:`HEAD` at most)."""
    return data.head if isinstance(data, LogFile) else data[:HEAD]


__all__ = ["HEAD", "SLICE", "HashedPass", "LogFile", "as_binary", "head", "slices"]
