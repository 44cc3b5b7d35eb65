"""What the log readers share: CSV text, separators, headers, numbers and days.

Strength, food and body logs come from phone apps as CSV in many dialects: UTF-8 with or
without a byte-order mark or Windows-1252; comma, semicolon or tab separated; numbers with
thousands separators (``1,949``) or decimal commas (``12,5``); dates ISO, month-first or
day-first. The helpers here read those once for every log reader; what a file *is* stays
with its reader (:mod:`.strength`, :mod:`.intake`, :mod:`.body`) and :mod:`.detect`.
"""

from __future__ import annotations

import csv
import io
import re

import pandas as pd

from legload.errors import ReadError, reading

#: the warning of a log whose times carry no time zone (they are stored as UTC)
LOCAL_TIME_WARNING = ("times in this log carry no time zone: they were stored as UTC "
                      "(a local 18:00 stays 18:00)")

_DATE_TOKEN = re.compile(r"^\s*(\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}|"
                         r"\d{1,2}[/.]\d{1,2}[/.]\d{4})")
#: candidate day formats, in order of preference when several read every row
_DAY_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%m/%d/%Y", "%d/%m/%Y", "%d.%m.%Y")
_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")


def decode_text(data: bytes, source: str, not_recognised: str,
                note: str = "") -> tuple[str, list[str]]:
    """UTF-8 text of a CSV (BOM dropped), else Windows-1252 with a warning (``note``
    appended to it); an empty file is a ReadError ``"<source>: <not_recognised>: ..."``."""
    if not data.strip():
        raise ReadError(source, f"{not_recognised}: the file is empty")
    utf16 = _utf16(data)
    if utf16 is not None:
        try:
            return data.decode(utf16).lstrip("\ufeff"), []
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), [
            "the file is not UTF-8: read as Windows-1252" + note]


def _utf16(data: bytes) -> str | None:
    """The UTF-16 codec of a file that is UTF-16 (by its byte-order mark, or by the zero
    bytes of ASCII text), else None."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    head = data[:512]
    if len(head) >= 4 and head.count(0) >= len(head) // 3:
        return "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
    return None


_FIELDS = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def read_table(text: str, sep: str, source: str, not_recognised: str,
               **options) -> pd.DataFrame:
    """A CSV's text as a frame of strings; a row with more fields than the header is a
    ReadError naming its line (not a shifted table whose dates read as numbers)."""
    with reading(source, f"{not_recognised}: {{exc}}"):
        try:
            raw = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                              skipinitialspace=True, **options)
        except pd.errors.ParserError as exc:
            found = _FIELDS.search(str(exc))
            if found is None:
                raise  # other damage: one ReadError from reading()
            header, line, saw = found.groups()
            raise ReadError(source, f"line {line} has {saw} fields, the header {header} (a "
                                    f"value holding an unquoted {sep!r}?)") from None
    if not isinstance(raw.index, pd.RangeIndex):  # pandas took the extra fields as an index
        width = len(next(csv.reader(io.StringIO(text), delimiter=sep)))
        for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=sep), start=1):
            if len(row) > width:
                raise ReadError(source, f"line {number} has {len(row)} fields, the header "
                                        f"{width} (a value holding an unquoted {sep!r}?)")
    return raw


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


def csv_table(data: bytes, source: str, not_recognised: str) -> tuple[pd.DataFrame, list[str], str]:
    """A CSV as a frame of stripped strings, its decoding warnings and its separator."""
    text, warnings = decode_text(data, source, not_recognised)
    sep = separator(text.split("\n", 1)[0])
    with reading(source, f"{not_recognised}: {{exc}}"):
        raw = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                          skipinitialspace=True, index_col=False)
    raw.columns = [str(c).strip() for c in raw.columns]
    raw = raw.apply(lambda col: col.fillna("").astype(str).str.strip())
    return raw, warnings, sep


def header_columns(data: bytes) -> list[str]:
    """Column names of a CSV's first line (quotes and a BOM removed); [] when unreadable."""
    utf16 = _utf16(data)
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
    token = text.str.extract(_DATE_TOKEN, expand=False).fillna("")
    best, best_fmt, best_n = None, None, -1
    readable: dict[str, int] = {}
    for fmt in _DAY_FORMATS:
        attempt = pd.to_datetime(token.where(token != "", None), format=fmt, errors="coerce")
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
