"""The one exception tree of legload, and the one place lower-level errors are mapped onto it.

::

    LegloadError                 base of everything legload raises on purpose
    ├── ReadError                a file or archive member cannot be read (names the file)
    ├── Damage                   internal signal: a decoder found damage in the bytes it was
    │   │                        given (it does not know the file's name); never leaves a
    │   │                        reader: :func:`reading` turns it into a ReadError
    │   └── FitDamage            (legload.readers.fit.decode) the FIT byte stream stops making sense
    ├── StreamError              samples cannot be turned into a clean 1 Hz stream
    ├── ModelDomainError         a model was asked outside its published valid range
    └── StoreError               the database is unusable (locked, newer schema, corrupt)
        └── StoreRollback        it took back files an import had already counted: the import stops

Every message is one line that a runner can act on; ``ReadError`` always starts with the
path (or ``archive!member``) of the file it is about.

Known damage, and only known damage, becomes a ``ReadError``: :data:`KNOWN_DAMAGE` lists the
lower-level errors that a damaged file raises (truncated binary data, bytes that are not
text, corrupt compressed data, malformed CSV, XML or HTML, an unreadable archive) and
:class:`Damage` is what a decoder's own checks raise. The readers' entry points run inside
:func:`reading` (or call :func:`as_read_error` where they yield errors instead of raising
them). Anything else (``KeyError``, ``IndexError``, ``TypeError`` ...) is a bug in legload,
not a damaged file: it is not mapped, and surfaces with its traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class LegloadError(Exception):
    """Base class of every error legload raises on purpose."""


class ReadError(LegloadError):
    """A file, or a member of an archive, cannot be read.

    ``str(error)`` is ``"<path>: <problem>"`` on one line.
    """

    def __init__(self, path: str, problem: str) -> None:
        self.path = str(path)
        self.problem = " ".join(str(problem).split())
        super().__init__(f"{self.path}: {self.problem}")

    def __reduce__(self):  # pickled whole, as import workers send it back
        return type(self), (self.path, self.problem)


class Damage(LegloadError):
    """Raised inside a decoder where the bytes stop making sense; the message says what and
    where (``"truncated message at byte 812"``). The reader's entry point, which knows the
    file's name, turns it into :class:`ReadError` through :func:`reading`."""


class StreamError(LegloadError):
    """Samples cannot be turned into a usable stream."""


class ModelDomainError(LegloadError, ValueError):
    """A model was called outside the range its paper supports."""


class StoreError(LegloadError):
    """The database cannot be opened, migrated or written."""


class StoreRollback(StoreError):
    """SQLite rolled back a whole batched transaction (disk full, I/O error): files an
    import had already counted as stored are gone, so the import must stop, not go on."""


#: lower-level errors that a damaged file raises ("module.Class" → problem; ``{exc}`` is the
#: error's own message). Named rather than imported, so that mapping costs no import of
#: lxml or pandas; a test checks that every name is a real exception class.
KNOWN_DAMAGE: dict[str, str] = {
    "struct.error": "truncated or malformed binary data ({exc})",
    "builtins.UnicodeDecodeError": "not readable text ({exc})",
    "builtins.EOFError": "truncated compressed data ({exc})",
    "zlib.error": "corrupt compressed data ({exc})",
    "gzip.BadGzipFile": "corrupt gzip data ({exc})",
    "zipfile.BadZipFile": "unreadable zip archive ({exc})",
    "builtins.OSError": "cannot be read ({exc})",
    "_csv.Error": "malformed CSV ({exc})",
    "pandas.errors.ParserError": "malformed CSV ({exc})",
    "pandas.errors.EmptyDataError": "no data ({exc})",
    "lxml.etree.XMLSyntaxError": "malformed XML ({exc})",
    "lxml.etree.ParserError": "unreadable document ({exc})",
}


def _known(exc: BaseException, also: tuple[type[BaseException], ...]) -> str | None:
    """The :data:`KNOWN_DAMAGE` problem of ``exc`` (its most specific listed class), or None."""
    for cls in type(exc).__mro__:
        problem = KNOWN_DAMAGE.get(f"{cls.__module__}.{cls.__qualname__}")
        if problem is not None:
            return problem
    return "{exc}" if isinstance(exc, also) else None


def as_read_error(source: str, exc: BaseException, what: str | None = None,
                  also: tuple[type[BaseException], ...] = ()) -> ReadError:
    """``exc``, caught while reading ``source``, as the :class:`ReadError` to report.

    A ReadError is returned as it is; :class:`Damage` becomes ``"<source>: <its message>"``;
    known damage (:data:`KNOWN_DAMAGE`, or one of the reader's own ``also`` types) becomes
    ``"<source>: <what>"``, where ``what`` (default: the table's text) may hold ``{exc}``
    for the error's message. Anything else is a bug: ``exc`` is raised again, traceback kept.
    """
    if isinstance(exc, ReadError):
        return exc
    if isinstance(exc, Damage):
        return ReadError(source, str(exc))
    problem = _known(exc, also)
    if problem is None:
        raise exc
    return ReadError(source, (what or problem).replace("{exc}", str(exc)))


@contextmanager
def reading(source: str, what: str | None = None,
            also: tuple[type[BaseException], ...] = ()) -> Iterator[None]:
    """Run a reader's work on ``source``; known damage raised inside leaves as one
    :class:`ReadError` naming the file (see :func:`as_read_error`), bugs as themselves."""
    try:
        yield
    except Exception as exc:  # as_read_error raises again what is not damage
        raise as_read_error(source, exc, what, also) from None


__all__ = [
    "KNOWN_DAMAGE",
    "Damage",
    "LegloadError",
    "ModelDomainError",
    "ReadError",
    "StoreError",
    "StoreRollback",
    "StreamError",
    "as_read_error",
    "reading",
]
