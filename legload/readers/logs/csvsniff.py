"""What the log readers share: CSV text, separators, headers, numbers and days.

Strength, food and body logs come from phone apps as CSV in many dialects: UTF-8 with or
without a byte-order mark or Windows-1252; comma, semicolon or tab separated; numbers with
thousands separators (``1,949``) or decimal commas (``12,5``); dates ISO, month-first or
day-first. The helpers here read those once for every log reader; what a file *is* stays
with its reader (:mod:`.strength`, :mod:`.intake`, :mod:`.body`) and :mod:`.detect`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable

import pandas as pd

from legload.errors import ReadError
from legload.readers.logs.chunks import by_value, codec, first_line, table, utf16_codec

#: the warning of a log whose times carry no time zone (they are stored as UTC)
LOCAL_TIME_WARNING = ("times in this log carry no time zone: they were stored as UTC "
                      "(a local 18:00 stays 18:00)")

_DATE_TOKEN = re.compile(r"^\s*(\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}|"
                         r"\d{1,2}[/.]\d{1,2}[/.]\d{4})")
#: candidate day formats, in order of preference when several read every row
_DAY_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%m/%d/%Y", "%d/%m/%Y", "%d.%m.%Y")
_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")


def ungrouped(text: pd.Series) -> pd.Series:
    """Text numbers with their thousands separators removed (``1,949`` → ``1949``; ``12,5``
    stays): how comma or tab separated files write them."""
    grouped = text.str.match(_THOUSANDS)
    return text.where(~grouped, text.str.replace(",", "", regex=False))


def separator(first_line: str) -> str:
    """The separator a CSV's header line uses most (comma, semicolon or tab; comma if none)."""
    counts = {sep: first_line.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] > 0 else ","


def csv_table(data: bytes, source: str, not_recognised: str,
              keep: Callable[[str], bool] | None = None) -> tuple[pd.DataFrame, list[str], str]:
    """A CSV as a frame of stripped strings (the columns ``keep`` accepts; all when None),
    read a chunk at a time; its decoding warnings and its separator. Extra fields at the end
    of a data row are dropped."""
    encoding, warnings = codec(data, source, not_recognised)
    sep = separator(first_line(data, encoding))
    raw = table(data, source, not_recognised, sep, encoding, keep=keep, extra_fields="drop")
    return raw, warnings, sep


def header_columns(data: bytes) -> list[str]:
    """Column names of a CSV's first line (quotes and a BOM removed); [] when unreadable."""
    utf16 = utf16_codec(data)
    if utf16 is not None:
        head = data[:4096]
        line = head[:len(head) // 2 * 2].decode(utf16, errors="replace").lstrip("\ufeff")
        line = line.split("\n", 1)[0]
    else:
        head = data[:4096].split(b"\n", 1)[0]
        try:
            line = head.decode("utf-8-sig")
        except UnicodeDecodeError:
            line = head.decode("cp1252", errors="replace")
    line = line.strip("\r")
    try:
        row = next(csv.reader([line], delimiter=separator(line)), [])
    except csv.Error:
        return []
    return [c.strip() for c in row]


def numbers(series: pd.Series, sep: str = ",") -> pd.Series:
    """Floats from text: blank → NaN; ``1,949`` is a thousands separator in a comma or tab
    separated file, ``12,5`` a decimal comma; anything unreadable → NaN."""
    return by_value(series, lambda values: _numbers(values, sep))


def _numbers(series: pd.Series, sep: str) -> pd.Series:
    text = series.astype(str).str.strip()
    if sep != ";":
        text = ungrouped(text)
    text = text.str.replace(",", ".", regex=False)
    values = pd.to_numeric(text.where(text != "", None), errors="coerce")
    return pd.Series(values, index=series.index, dtype=float)


def parse_days(series: pd.Series, source: str, warnings: list[str],
               column: str) -> pd.Series:
    """Calendar days (datetime64, no time zone) from date or date-time text.

    The leading date of each value is read (a time or UTC offset after it is ignored: the
    day is the one the app wrote). The format that reads the most rows wins (ISO first);
    when day-first and month-first both read every row, month-first is used and a warning
    says so. Unreadable values are NaT; the caller drops them.

    Raises:
        ReadError: no value of the column is a readable date.
    """
    text = series.astype(str).str.strip()
    token = by_value(text, lambda values: values.str.extract(_DATE_TOKEN, expand=False).fillna(""))
    best, best_fmt, best_n = None, None, -1
    readable: dict[str, int] = {}
    for fmt in _DAY_FORMATS:
        attempt = by_value(token, lambda values, fmt=fmt: pd.to_datetime(
            values.where(values != "", None), format=fmt, errors="coerce"))
        n = int(attempt.notna().sum())
        readable[fmt] = n
        if n > best_n:
            best, best_fmt, best_n = attempt, fmt, n
    if best is None or best_n == 0:
        example = next((t for t in text if t), "")
        raise ReadError(source, f"no readable dates in column {column!r}"
                                + (f" (e.g. {example!r})" if example else ""))
    if best_fmt == "%m/%d/%Y" and readable["%d/%m/%Y"] == best_n:
        warnings.append(f"dates like {token[best.notna()].iloc[0]!r} could be day-first or "
                        "month-first: read month-first (MM/DD/YYYY)")
    return best.dt.normalize().astype("datetime64[ns]")
