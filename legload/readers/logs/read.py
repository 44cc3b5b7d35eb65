"""Any log file to the rows of its table: strength (CSV or FIT ``set`` messages), food
intake or body measurements, each row checked by :mod:`.validate` on the way in."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from legload.errors import ReadError
from legload.readers.logs.logfile import LogFile
from legload.readers.logs.sets import StrengthLog
from legload.readers.logs.strength import read_strength, strength_sets
from legload.readers.logs.validate import check_rows, summary

#: log kind → table of the store
TABLES = {"strength": "strength_sets", "intake": "intake_days", "body": "body_measurements"}
#: the module that reads each format (``import --json``'s ``reader`` of a file), by format;
#: a format not listed is read by its table's module (:data:`TABLE_READERS`)
READER_MODULES = {
    "fitbod": "legload.readers.logs.apps", "strava_hevy": "legload.readers.logs.apps",
    "samsung": "legload.readers.logs.scales", "renpho": "legload.readers.logs.scales",
    "myfitnesspal": "legload.readers.logs.scales", "fitbit": "legload.readers.exports.fitbit",
}
TABLE_READERS = {"strength_sets": "legload.readers.logs.strength",
                 "intake_days": "legload.readers.logs.intake",
                 "body_measurements": "legload.readers.logs.body"}


@dataclass
class LogRows:
    """The checked rows of one log file: its table, the rows, warnings (refused rows among
    them) and, for a strength log, what the strength reader says about exercise names."""

    table: str
    frame: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    strength: StrengthLog | None = None
    format: str = ""

    @property
    def reader(self) -> str:
        """The module that read the file (e.g. ``legload.readers.logs.apps``)."""
        return reader_module(self.format, self.table)


def reader_module(fmt: str, table: str) -> str:
    """The module that reads a log of format ``fmt`` stored in ``table``."""
    return READER_MODULES.get(fmt, TABLE_READERS[table])


def read_log(data: bytes, source: str, kind: str | None = None, *,
             weight_unit: str | None = None) -> LogRows:
    """The rows of a strength, food or body log (``kind`` None: whichever it is); ReadError
    when it is none of them, or not the ``kind`` asked for."""
    from legload.readers.logs.body import read_body
    from legload.readers.logs.detect import detect_log
    from legload.readers.logs.intake import read_intake

    if kind in (None, "strength"):
        try:
            log = strength_log(data, source, weight_unit)
            return _checked(LogRows("strength_sets", log.sets, list(log.warnings), log,
                                    log.format))
        except ReadError:
            if kind == "strength":
                raise
    if kind in (None, "intake", "body") and data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"[":
        from legload.readers.exports.fitbit import read_fitbit_log  # JSON: a Fitbit export's

        fitbit = read_fitbit_log(data, source)
        if kind is not None and fitbit.table != TABLES[kind]:
            what = "food" if fitbit.table == "intake_days" else "weight"
            raise ReadError(source, f"a Fitbit {what} log, not {'an' if kind == 'intake' else 'a'} "
                                    f"{kind} log")
        return _checked(LogRows(fitbit.table, fitbit.frame, list(fitbit.warnings),
                                format="fitbit"))
    found = kind or detect_log(data, source)
    if found is None and source.lower().endswith((".htm", ".html")):
        found = "intake"  # a food diary print-out (MyFitnessPal); refused if it is not one
    if found == "intake":
        intake = read_intake(data, source)
        return _checked(LogRows("intake_days", intake.days, list(intake.warnings),
                                format=intake.format))
    if found == "body":
        body = read_body(data, source)
        return _checked(LogRows("body_measurements", body.measurements,
                                list(body.warnings), format=body.format))
    raise ReadError(source, "not a strength, food or body log")


def _checked(rows: LogRows) -> LogRows:
    checked = check_rows(rows.frame, rows.table)
    if checked.refused:
        rows.frame = checked.frame.reset_index(drop=True)
        rows.warnings.append(summary(checked.refused, "row(s)"))
        if rows.strength is not None:
            rows.strength.sets, rows.strength.counted = rows.frame, None
    return rows


def strength_log(data: bytes, source: str, weight_unit: str | None = None) -> StrengthLog:
    """A strength CSV (``weight_unit`` "kg" or "lb" for a file that does not say), or the
    ``set`` messages of a FIT strength activity."""
    from legload.readers.fit.decode import FitDamage, decode, is_fit
    from legload.readers.logs.fitsets import fit_sets

    if not is_fit(data):
        return read_strength(data, source, weight_unit=weight_unit)
    try:
        messages = decode(data)
    except FitDamage as exc:
        raise ReadError(source, str(exc)) from None
    sets = fit_sets(messages.table("set"), workout=Path(source).stem)
    if sets.empty:
        raise ReadError(source, "this FIT file holds no strength sets (set messages)")
    return StrengthLog(sets=sets, unknown=[], non_leg=[], skipped=[], warnings=[
        f"{source}: {w}" for w in messages.warnings], format="fit")


class LogStream:
    """The checked rows of one log file as they are read: :meth:`frames` yields them a chunk
    at a time; once they are through (:meth:`finish` reads what is left), :attr:`count`,
    :attr:`warnings` and :attr:`strength` are the whole file's; :attr:`format` is known from
    the start."""

    def __init__(self, table: str, sha256: str, chunks: Iterator[pd.DataFrame],
                 done: Callable[[], tuple[list[str], StrengthLog | None]],
                 fmt: str = "") -> None:
        self.table, self.sha256, self.count, self.finished = table, sha256, 0, False
        self.format = fmt
        self.warnings: list[str] = []
        self.strength: StrengthLog | None = None
        self._chunks, self._done = chunks, done

    @property
    def reader(self) -> str:
        """The module that reads the file (as :attr:`LogRows.reader`)."""
        return reader_module(self.format, self.table)

    def frames(self) -> Iterator[pd.DataFrame]:
        """The rows not read yet, a chunk at a time."""
        for frame in self._chunks:
            self.count += len(frame)
            yield frame
        if not self.finished:
            self.warnings, self.strength = self._done()
            self.finished = True

    def finish(self) -> None:
        """Read the rows not read yet (their errors raised, their warnings kept)."""
        for _ in self.frames():
            pass


def stream_log(stream: BinaryIO, source: str, kind: str, *,
               weight_unit: str | None = None) -> LogStream:
    """:func:`read_log` of a ``kind`` of log in an open file, its rows handed on a chunk at a
    time: a strength CSV is read from the file and checked one chunk after another, never
    held whole (its format found now, damage further on raised as the chunks are read; see
    :class:`~.logfile.LogFile`); other logs are read whole, as one chunk."""
    from legload.readers.fit.decode import is_fit

    file = LogFile(stream, source)
    if kind != "strength" or is_fit(file.head):
        rows = read_log(file.read(), source, kind, weight_unit=weight_unit)
        return LogStream(rows.table, file.sha256, iter([rows.frame]),
                         lambda: (rows.warnings, rows.strength), rows.format)
    sets = strength_sets(file, source, weight_unit=weight_unit)

    def done() -> tuple[list[str], StrengthLog]:
        log = sets.log()
        return list(log.warnings), log

    return LogStream(TABLES["strength"], file.sha256, sets.chunks, done, sets.format)


__all__ = ["READER_MODULES", "TABLES", "TABLE_READERS", "LogRows", "LogStream", "read_log",
           "reader_module", "stream_log", "strength_log"]
