"""CSV logs read in bounded pieces: a file's text is never decoded whole, and its table is
never built with every column at once.

pandas' C reader parses the file's bytes directly (its codec decided first, by
:func:`codec`, without decoding the file into one string) in chunks of about
:data:`CHUNK_BYTES` of text; each chunk's columns and values are stripped, and a reader keeps
only the columns it uses (:func:`table`) or reduces each chunk as it comes (:func:`chunks`).
The index of every chunk is the row's number in the file (0 for the first data row), so a
refused row is named by the same line whatever the chunk. Numbers and dates are converted
once per distinct text (:func:`by_value`): logs repeat the same few weights, reps and days.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
from collections.abc import Callable, Iterator

import pandas as pd

from legload.errors import ReadError, reading
from legload.readers.logs.logfile import HashedPass, LogFile, as_binary, head, slices

#: text of one chunk (bytes of the file), about
CHUNK_BYTES = 4 * 2**20
_FIELDS = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def is_blank(data: bytes | LogFile) -> bool:
    """True for an empty file or one of white space only (without copying it)."""
    if isinstance(data, LogFile):
        return data.blank  # found by its first pass
    return all(bytes(piece).isspace() for piece in slices(data))


def utf16_codec(data: bytes | LogFile) -> str | None:
    """The UTF-16 codec of a file that is UTF-16 (by its byte-order mark, or by the zero
    bytes of ASCII text), else None."""
    start = head(data)[:512]
    if start.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if len(start) >= 4 and start.count(0) >= len(start) // 3:
        return "utf-16-le" if start[1::2].count(0) > start[0::2].count(0) else "utf-16-be"
    return None


def _decodes(data: bytes | LogFile, encoding: str) -> bool:
    """True when the whole of ``data`` is text in ``encoding`` (checked slice by slice)."""
    if isinstance(data, LogFile) and encoding == "utf-8-sig":
        return data.utf8  # found by its first pass
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        for piece in slices(data):
            decoder.decode(piece)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def codec(data: bytes | LogFile, source: str, not_recognised: str, note: str = "") -> tuple[str, list[str]]:
    """The codec a CSV is read with: UTF-16 when it is, else UTF-8 (a BOM dropped), else
    Windows-1252 with a warning (``note`` appended to it); an empty file is a ReadError
    ``"<source>: <not_recognised>: the file is empty"``."""
    if is_blank(data):
        raise ReadError(source, f"{not_recognised}: the file is empty")
    utf16 = utf16_codec(data)
    if utf16 is not None and _decodes(data, utf16):
        return utf16, []
    if _decodes(data, "utf-8-sig"):
        return "utf-8-sig", []
    return "cp1252", ["the file is not UTF-8: read as Windows-1252" + note]


def first_line(data: bytes | LogFile, encoding: str) -> str:
    """The first line of a CSV's text (its header), a byte-order mark removed."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    return decoder.decode(head(data)).lstrip("\ufeff").split("\n", 1)[0]


def _rows_per_chunk(previous: pd.DataFrame | None) -> int:
    """Rows of the next chunk: about :data:`CHUNK_BYTES` of text at the previous chunk's size
    per row (quoted fields may hold many lines: rows are measured, not lines); 256 first."""
    if previous is None or previous.empty:
        return 256
    per_row = previous.memory_usage(deep=True, index=False).sum() / len(previous)
    return max(256, int(CHUNK_BYTES / max(per_row, 1.0)))


def _too_wide(data: bytes | LogFile, encoding: str, sep: str, source: str) -> ReadError:
    """The error naming the first row with more fields than the header."""
    text = io.TextIOWrapper(as_binary(data), encoding=encoding, errors="replace", newline="")
    rows = csv.reader(text, delimiter=sep)
    width = len(next(rows, []))
    for number, row in enumerate(rows, start=2):
        if len(row) > width:
            return ReadError(source, f"line {number} has {len(row)} fields, the header {width} "
                                     f"(a value holding an unquoted {sep!r}?)")
    return ReadError(source, "a row has more fields than the header")


def stripped(chunk: pd.DataFrame, keep: Callable[[str], bool] | None = None,
             then: Callable[[pd.Series], pd.Series] | None = None) -> pd.DataFrame:
    """The columns ``keep`` accepts (all when None) of a chunk, their values stripped (and
    changed by ``then``, an element-wise change of a column's stripped values), each
    distinct value once (see :func:`by_value`)."""
    if keep is not None:
        chunk = chunk[[c for c in chunk.columns if keep(c)]]

    def clean(column: pd.Series) -> pd.Series:
        column = column.fillna("").astype(str).str.strip()
        return column if then is None else then(column)

    return chunk.apply(lambda column: by_value(column, clean))


def chunks(data: bytes | LogFile, source: str, not_recognised: str, sep: str, encoding: str, *,
           extra_fields: str = "refuse", skip: int = 0,
           usecols: Callable[[str], bool] | None = None) -> Iterator[pd.DataFrame]:
    """The rows of a CSV as frames of strings, a chunk at a time (at least one, empty for a
    file of a header only); column names stripped, values as written (see :func:`stripped`).

    ``extra_fields`` ``"refuse"``: a row with more fields than the header is a ReadError naming
    its line (not a shifted table whose dates read as numbers); ``"drop"``: its extra fields
    are dropped (an app writing one trailing comma on every data row). ``skip`` lines before
    the header are skipped. Other damage is one ReadError ``"<source>: <not_recognised>: ..."``.
    ``usecols``: only the columns it accepts (by their names as written) are parsed into
    values, and rows are not checked for extra fields (a first look at a few columns)."""
    with reading(source, f"{not_recognised}: {{exc}}"):
        binary = as_binary(data)
        reader = pd.read_csv(binary, sep=sep, dtype=str, keep_default_na=False,
                             skipinitialspace=True, encoding=encoding, encoding_errors="replace",
                             index_col=False if extra_fields == "drop" else None,
                             skiprows=skip, usecols=usecols, chunksize=_rows_per_chunk(None))
    with reader:
        first, chunk = True, None
        while True:
            with reading(source, f"{not_recognised}: {{exc}}"), warnings.catch_warnings():
                warnings.simplefilter("ignore", pd.errors.ParserWarning)
                try:
                    chunk = reader.get_chunk(_rows_per_chunk(chunk))
                except StopIteration:
                    if isinstance(binary, HashedPass):
                        binary.verify()  # the rows read are those of the content hashed
                    return
                except pd.errors.ParserError as exc:
                    found = _FIELDS.search(str(exc))
                    if found is None:
                        raise  # other damage: one ReadError from reading()
                    header, line, saw = found.groups()
                    raise ReadError(source, f"line {line} has {saw} fields, the header {header} "
                                            f"(a value holding an unquoted {sep!r}?)") from None
            if first and not isinstance(chunk.index, pd.RangeIndex):
                raise _too_wide(data, encoding, sep, source)  # the first column became an index
            first = False
            chunk.columns = [str(c).strip() for c in chunk.columns]
            yield chunk


def table(data: bytes, source: str, not_recognised: str, sep: str, encoding: str, *,
          keep: Callable[[str], bool] | None = None, extra_fields: str = "refuse",
          skip: int = 0) -> pd.DataFrame:
    """The columns ``keep`` accepts of a whole CSV, read a chunk at a time (see
    :func:`chunks`)."""
    parts = [stripped(chunk, keep) for chunk in chunks(
        data, source, not_recognised, sep, encoding, extra_fields=extra_fields, skip=skip)]
    return parts[0] if len(parts) == 1 else pd.concat(parts)


def by_value(series: pd.Series, convert: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """``convert(series)`` computed once per distinct value of ``series`` (an element-wise
    ``convert``: a number or date read from text), with ``series``' index."""
    codes, uniques = pd.factorize(series)
    if len(uniques) == len(series) or (codes < 0).any():
        return convert(series)
    values = convert(pd.Series(uniques)).take(codes)
    values.index = series.index
    return values


__all__ = ["CHUNK_BYTES", "by_value", "chunks", "codec", "first_line", "is_blank", "stripped",
           "table", "utf16_codec"]
