"""Reading a file the user named, safely: regular files only, and never more than a bound.

A device (``/dev/zero``), a FIFO, a socket or a symlink to one of them would make a plain
``read_bytes()`` block forever or read until memory runs out. :func:`read_file` looks at what
the path is before reading (without opening a FIFO, which would block), opens it without
blocking, checks the open file again (the path may have been swapped in between), and reads at
most ``limit`` bytes. Every problem is one :class:`~legload.errors.ReadError` naming the file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from legload.errors import ReadError
from legload.readers.detect import MAX_FILE_BYTES

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


def _kind(mode: int) -> str | None:
    """What a non-regular file is, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def check_regular(path: str | os.PathLike) -> os.stat_result:
    """The ``stat`` of ``path`` (symlinks followed) if it is a regular file, else ReadError."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise ReadError(str(path), (exc.strerror or str(exc)).lower()) from None
    kind = _kind(info.st_mode)
    if kind is not None:
        raise ReadError(str(path), f"refused: {kind}, not a regular file")
    return info


def open_regular(path: str | os.PathLike, *, limit: int = MAX_FILE_BYTES) -> BinaryIO:
    """The regular file at ``path`` opened for reading (never blocking on a device or a FIFO
    swapped in after the check); ReadError when it is anything else, cannot be opened, or
    holds more than ``limit`` bytes by its size."""
    return os.fdopen(_open_regular(path, limit)[0], "rb")


def _open_regular(path: str | os.PathLike, limit: int) -> tuple[int, int]:
    """:func:`open_regular` as a file descriptor, with the size the open file has."""
    label = str(path)
    info = check_regular(path)
    if info.st_size > limit:
        raise ReadError(label, f"refused: {info.st_size} bytes is larger than {limit}")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise ReadError(label, (exc.strerror or str(exc)).lower()) from None
    opened = os.fstat(fd)
    kind = _kind(opened.st_mode)
    if kind is not None:  # swapped for something else after the check
        os.close(fd)
        raise ReadError(label, f"refused: {kind}, not a regular file")
    return fd, opened.st_size


def read_file(path: str | os.PathLike, *, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file at ``path``; ReadError when it is anything else, cannot be
    read, or holds more than ``limit`` bytes."""
    label = str(path)
    fd, size = _open_regular(path, limit)
    try:  # its size and one byte more (a read of ``limit`` bytes would reserve them), then
        # to the end: a read may stop short, and the file may have grown (or say 0 bytes)
        pieces = [os.read(fd, min(size, limit) + 1)]
        read = len(pieces[0])
        while pieces[-1] and read <= limit:
            pieces.append(os.read(fd, min(limit + 1 - read, max(size + 1 - read, 1 << 16))))
            read += len(pieces[-1])
    except OSError as exc:
        raise ReadError(label, (exc.strerror or str(exc)).lower()) from None
    finally:
        os.close(fd)
    data = pieces[0] if len(pieces) == 1 else b"".join(pieces)
    if len(data) > limit:
        raise ReadError(label, f"refused: more than {limit} bytes")
    return data


def regular_stat(source: str | os.PathLike) -> os.stat_result | None:
    """The ``stat`` of the regular file ``source`` names on disk (symlinks followed); None for
    anything else, such as a broken link or the name of a member of an archive."""
    try:
        info = os.stat(source)
    except (OSError, ValueError):
        return None
    return info if stat.S_ISREG(info.st_mode) else None


def is_readable_file(path: Path) -> bool:
    """True for a regular file (symlinks followed); False for anything else or a broken link."""
    return regular_stat(path) is not None


def size_on_disk(source: str) -> int:
    """The size of the regular file ``source`` names on disk (symlinks followed); 0 for
    anything else, such as the name of a member of an archive."""
    info = regular_stat(source)
    return 0 if info is None else info.st_size


__all__ = ["check_regular", "is_readable_file", "open_regular", "read_file", "regular_stat",
           "size_on_disk"]
