"""The typed results of the import workflows (:mod:`legload.api`): what an ``import``, a
log import and a strength import did. Each ``to_dict()`` is the CLI's ``--json`` document
(``docs/schemas/``). Plain data: this module imports nothing of legload."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class ImportReport:
    """What one ``import`` did; ``to_dict()`` is the CLI's ``--json`` document. ``failed``
    holds ``{"path", "error"}``, ``skipped`` ``{"path", "reason"}`` per file, ``files``
    ``{"path", "reader", "outcome"}`` per file in the order found (``reader``: the reader
    that took it, None when none did)."""

    imported: int = 0
    duplicates: int = 0
    failed: list[dict[str, str]] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    activities: list[int] = field(default_factory=list)
    merged: list[dict[str, object]] = field(default_factory=list)
    files: list[dict[str, str | None]] = field(default_factory=list)

    def note(self, path: str, reader: str | None, outcome: str) -> None:
        """List one file: ``outcome`` is imported, duplicate, failed or skipped."""
        self.files.append({"path": path, "reader": reader, "outcome": outcome})

    def to_dict(self) -> dict:
        return asdict(self)  # the fields' order is the document's

    as_dict = to_dict  # the earlier name, kept for callers of 0.1


@dataclass(frozen=True)
class LogImport:
    """What ``intake import`` or ``body import`` did; ``to_dict()`` is its ``--json``."""
    path: str
    duplicate: bool
    rows: int
    warnings: list[str]

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class StrengthImport:
    """What ``strength import`` did; ``to_dict()`` is its ``--json`` document."""
    path: str
    duplicate: bool
    sets: int
    leg_sets: int
    mapped_fraction: float | None
    unknown: list[str]
    non_leg: list[str]
    skipped: list[str]
    warnings: list[str]

    def to_dict(self) -> dict:
        return asdict(self)


__all__ = ["ImportReport", "LogImport", "StrengthImport"]
