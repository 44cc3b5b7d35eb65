"""The one exception tree of legload.

::

    LegloadError                 base of everything legload raises on purpose
    ├── ReadError                a file or archive member cannot be read (names the file)
    ├── StreamError              samples cannot be turned into a clean 1 Hz stream
    ├── ModelDomainError         a model was asked outside its published valid range
    ├── StoreError               the database is unusable (locked, newer schema, corrupt)
    │   └── StoreRollback        it took back files an import had already counted: the import stops
    └── AuthError                a web user may not see what they asked for

Every message is one line that a runner can act on; ``ReadError`` always starts with the
path (or ``archive!member``) of the file it is about.
"""

from __future__ import annotations


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


class StreamError(LegloadError):
    """Samples cannot be turned into a usable stream."""


class ModelDomainError(LegloadError, ValueError):
    """A model was called outside the range its paper supports."""


class StoreError(LegloadError):
    """The database cannot be opened, migrated or written."""


class StoreRollback(StoreError):
    """SQLite rolled back a whole batched transaction (disk full, I/O error): files an
    import had already counted as stored are gone, so the import must stop, not go on."""


class AuthError(LegloadError):
    """The current user is not allowed to see or change this resource."""


__all__ = [
    "AuthError",
    "LegloadError",
    "ModelDomainError",
    "ReadError",
    "StoreError",
    "StreamError",
]
