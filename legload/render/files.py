"""Writing a rendered report to a file so that a good one is never lost half-way."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from legload.errors import LegloadError


def write_replacing(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, then rename it over ``path``: a
    full disk or a crash never leaves a truncated file where a good one was."""
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                         dir=path.parent)
    except OSError as exc:
        raise LegloadError(f"{path}: cannot write the report ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise LegloadError(f"{path}: cannot write the report ({exc.strerror or exc}); "
                           "the file there is unchanged") from None


__all__ = ["write_replacing"]
