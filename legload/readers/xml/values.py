"""Values of many short texts held in one byte buffer, parsed in bulk with numpy.

The GPX/TCX byte scanner knows where each element's text lies in the document and needs its
value as the tree route gives it: :func:`~legload.readers.xml.safe.numbers` for numbers and
``pd.to_datetime(..., utc=True, format="ISO8601", errors="coerce")`` for times, both on the
stripped text (``None`` when blank). Parsing the texts one by one costs more than scanning
the document, so the common layouts are read straight from the bytes, with no Python loop
over the texts, and everything else goes to those references. The results are theirs, bit
for bit:

* **Numbers.** A plain text ``-?digits[.digits]`` of at most 17 digits (leading zeros
  included) whose integer mantissa ``m`` is below ``2**53`` is ``m`` over ``10**k``,
  ``k <= 17``. Both are exact doubles and IEEE division is correctly rounded, so
  ``m / 10**k`` is the double nearest to the decimal value: the correctly rounded parse.
  pandas reads up to 17 digits into the same exact mantissa and divides it by the same exact
  power of ten (or parses correctly rounded), so the two agree; the tests check it on
  hundreds of thousands of values. (Devices write float32 values as 16-17 digit decimals,
  e.g. ``0.6000000238418579``: they are plain too.)
* **Times.** When all texts have one length and one layout ``YYYY-MM-DDTHH:MM:SS`` with an
  optional fraction of 1 to 9 digits and an optional ``Z`` or ``±HH:MM``, the fields are
  integers read from a byte matrix and checked against the ranges pandas checks; the
  instant follows by integer arithmetic. Anything else (other lengths or layouts, blanks, a
  field out of range) sends the whole array to pandas.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import numpy as np

from legload.readers.xml.safe import iso_stamps, numbers

__all__ = ["decimal_columns", "decimals", "iso_times", "text_decimals", "text_times"]

#: digits a plain number may have (pandas reads 17 before it drops any); its mantissa must
#: also be below 2**53
_MAX_DIGITS = 17
_MAX_MANTISSA = float(2**53)
#: bytes of the longest plain number: a sign, 17 digits and a point
_MAX_WIDTH = _MAX_DIGITS + 2
_POW10 = 10 ** np.arange(19, dtype=np.int64)
#: 10**k as doubles, exact for k <= 22 (5**22 < 2**53)
_POW10_FLOAT = _POW10[: _MAX_WIDTH + 1].astype(np.float64)
_MINUS, _POINT, _ZERO, _PLUS = 45, 46, 48, 43
_COLUMNS = np.arange(64, dtype=np.uint8)
#: texts read as numbers at a time
_BLOCK = 8192
#: years computed here; others go to pandas (whose nanosecond range is 1677-09-21 .. 2262-04-11)
_YEARS = np.arange(1700, 2201)
#: days from 1970-01-01 to the first of January of each of those years, and their leap years
_YEAR_DAYS = (_YEARS - 1970).astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)
_LEAP = ((_YEARS % 4 == 0) & ((_YEARS % 100 != 0) | (_YEARS % 400 == 0))).astype(np.int64)
#: days in each month and days before each month, in common (row 0) and leap years (row 1)
_MONTH_DAYS = np.array([[31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31],
                        [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]], dtype=np.int64)
_MONTH_START = np.cumsum(_MONTH_DAYS, axis=1) - _MONTH_DAYS
#: the zone part of a layout by its length
_ZONES = {0: "", 1: "Z", 6: "sdd:dd"}
_NS = 1_000_000_000


def _bytes(buf: np.ndarray) -> bytes:
    """The buffer as bytes (the document itself when the buffer is a view of all of it)."""
    return buf.base if isinstance(buf.base, bytes) and len(buf.base) == buf.size else buf.tobytes()


def _texts(buf: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> list[str | None]:
    """The reference's view of the texts: decoded, stripped, None when blank."""
    raw = _bytes(buf)
    return [raw[s:e].decode("utf-8").strip() or None
            for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]


def decimals(buf: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """float64 array, one value per text ``buf[starts[i]:ends[i]]``; NaN where unreadable.

    ``buf`` is a 1-D uint8 array, ``starts``/``ends`` int64 arrays of equal length with
    ``starts <= ends``. The result is bit for bit that of :func:`~legload.readers.xml.safe.numbers`
    on the decoded, stripped texts (``None`` when blank).

    Plain texts (``-?digits[.digits]``, ``-?.digits`` or ``digits.``; no sign but ``-``, no
    blanks, no exponent, 1 to 17 digits, a mantissa below 2**53) are read as ``mantissa /
    10.0**k``: each text is the right-aligned row of a byte matrix, the digits weighted by
    powers of ten (a matrix product whose every term and sum is an integer below 2**53, hence
    exact) give the integer mantissa, ``k`` counts the digits after the point. Both operands are
    exact doubles and the division is correctly rounded, so the value is the correctly rounded
    parse. Plain decimals with a point but more digits (float32 values written with 17
    significant digits) are read by Python's ``float``, correctly rounded as pandas reads them
    in a column of floats. Every other text goes to ``numbers``, together with a few witnesses
    of the plain texts ("0.5", "0", "-1"): pandas turns the whole column into floats or integers
    depending on all its texts, and the witnesses make it decide the same way for the others as
    for the whole column. The only plain text whose value depends on that decision is a negative
    integer zero ("-0"): ``-0.0`` among floats, ``0.0`` among integers; a "-0" probe in the same
    call tells which.
    """
    starts = np.asarray(starts, dtype=np.int64)
    ends = np.asarray(ends, dtype=np.int64)
    if len(starts) == 0:
        return np.full(0, np.nan)
    return _column(buf, starts, ends, *_plain(buf, starts, ends))


def decimal_columns(buf: np.ndarray, columns: Sequence[tuple[np.ndarray, np.ndarray]]
                    ) -> list[np.ndarray]:
    """:func:`decimals` of several columns of texts (``(starts, ends)`` each), every column
    as if read alone, bit for bit.

    Each call of the byte matrix has a fixed cost of some forty array operations, as much as
    reading ``_CALL_BYTES`` bytes of text; its matrix is as wide as its widest text. So
    columns of similar widths (heart rate and cadence; latitude, longitude and altitude) are
    read in one matrix, and the grouping that costs least by that measure is taken."""
    out: list[np.ndarray] = [np.full(0, np.nan)] * len(columns)
    sized = [(min(int((e - s).max(initial=0)), _MAX_WIDTH), i)
             for i, (s, e) in enumerate(columns) if len(s)]
    sized.sort()
    for group in _groups([w for w, _ in sized], [len(columns[i][0]) for _, i in sized]):
        members = [sized[k][1] for k in group]
        starts = np.concatenate([columns[i][0] for i in members]).astype(np.int64, copy=False)
        ends = np.concatenate([columns[i][1] for i in members]).astype(np.int64, copy=False)
        parts = _plain(buf, starts, ends)
        at = 0
        for i in members:
            cut = slice(at, at + len(columns[i][0]))
            out[i] = _column(buf, starts[cut], ends[cut], *(part[cut] for part in parts))
            at = cut.stop
    return out


#: bytes of text that cost as much as one more call of the byte matrix (measured on TCX
#: files: some 100 µs per call, some 6 ns per byte of the matrix)
_CALL_BYTES = 16_000


def _groups(widths: list[int], counts: list[int]) -> list[range]:
    """Runs of the columns (sorted by width) read together: the least total of
    ``_CALL_BYTES`` per run plus its texts times its widest text."""
    best = [0] + [0] * len(widths)  # cost of the first i columns
    cut = [0] * (len(widths) + 1)  # where the last run of the first i columns starts
    for i in range(1, len(widths) + 1):
        options = [(best[j] + _CALL_BYTES + sum(counts[j:i]) * max(widths[i - 1], 1), j)
                   for j in range(i)]
        best[i], cut[i] = min(options)
    runs = []
    i = len(widths)
    while i:
        runs.append(range(cut[i], i))
        i = cut[i]
    return runs[::-1]


def _column(buf: np.ndarray, starts: np.ndarray, ends: np.ndarray, plain: np.ndarray,
            value: np.ndarray, point: np.ndarray, negative: np.ndarray, long: np.ndarray
            ) -> np.ndarray:
    """:func:`decimals` of texts from what :func:`_plain` found of them."""
    if plain.all():  # the usual column: no texts for pandas, none for Python's float
        if not point.any():  # a column of integers: "-0" reads 0.0
            value = np.where(negative & (value == 0), 0.0, value)
        return value
    out = np.full(len(starts), np.nan)
    ints = plain & ~point
    any_point = bool((plain & point).any() or long.any())
    minus_zero = ints & negative & (value == 0)
    if long.any():  # correctly rounded by Python, as by pandas (a column with a point is float)
        at = np.flatnonzero(long)
        raw = _bytes(buf)
        out[at] = [float(raw[s:e]) for s, e in zip(starts[at].tolist(), ends[at].tolist(), strict=True)]
    slow = np.flatnonzero(~plain & ~long)
    integer_column = bool(minus_zero.any()) and not any_point and len(slow) == 0
    if len(slow):
        texts = _texts(buf, starts[slow], ends[slow])
        witnesses = ["0.5"] if any_point else []
        witnesses += ["0"] if ints.any() else []
        witnesses += ["-1"] if (ints & negative & (value != 0)).any() else []
        probe = ["-0"] if minus_zero.any() and not any_point else []
        parsed = numbers(texts + witnesses + probe)
        out[slow] = parsed[: len(slow)]
        integer_column = bool(probe) and not np.signbit(parsed[-1])
    if integer_column:
        value = np.where(minus_zero, 0.0, value)
    out[plain] = value[plain]
    return out


def _plain(buf: np.ndarray, starts: np.ndarray, ends: np.ndarray
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Which texts are plain numbers, their values, whether they have a point, a minus, and
    which are plain decimals with a point but too many digits for the exact division.

    Taken ``_BLOCK`` texts at a time: the byte matrices of a block stay small enough to be
    reused from one block to the next rather than mapped afresh."""
    if len(starts) <= _BLOCK:
        return _plain_block(buf, starts, ends)
    blocks = [_plain_block(buf, starts[at : at + _BLOCK], ends[at : at + _BLOCK])
              for at in range(0, len(starts), _BLOCK)]
    return tuple(np.concatenate(parts) for parts in zip(*blocks, strict=True))  # type: ignore[return-value]


def _plain_block(buf: np.ndarray, starts: np.ndarray, ends: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_plain` of at most a few thousand texts."""
    lengths = ends - starts
    width = int(min(lengths.max(), _MAX_WIDTH))
    if width == 0:
        no = np.zeros(len(starts), dtype=bool)
        return no, np.zeros(len(starts)), no, no, no
    if ends.min() < width or starts.max() >= buf.size:  # pad: full rows and a first byte for all
        buf = np.concatenate((np.zeros(width, dtype=np.uint8), buf, np.zeros(1, dtype=np.uint8)))
        starts, ends = starts + width, ends + width
    # column j holds byte j of every text right-aligned in `width` bytes (a longer text has
    # only its end there and is not plain): the reductions over the bytes of a text run along
    # axis 0, as sums of whole rows
    cols = np.ascontiguousarray(_rows(buf, ends - width, width).T)
    negative = buf[starts] == _MINUS  # meaningful for texts that fit, the only ones used
    body = np.minimum(lengths - negative, width)
    index = _COLUMNS[:width, None]
    inside = index >= (width - body).astype(np.uint8)  # the bytes of the text after its sign
    digit = cols - np.uint8(_ZERO)
    is_digit = (digit < 10) & inside
    is_point = (cols == _POINT) & inside
    points = is_point.sum(axis=0, dtype=np.uint8)
    count = body - points
    syntax = (is_digit | is_point | ~inside).all(axis=0) & (points <= 1) & (count >= 1)
    syntax &= (lengths >= 1) & (lengths <= width)
    plain = syntax & (count <= _MAX_DIGITS)
    point = points == 1
    # Digits weighted by powers of ten of their column give the mantissa, but for the point's
    # column (weight 10**k): digits left of it count ten times too much. So the others are
    # multiplied by ten (all of them when there is no point), which makes the weighted sum
    # 10 * mantissa exactly. It is taken in two halves, the first columns (`high`) and the
    # last 8 (`low`, a multiple of ten), so every float product and sum is an integer below
    # 2**53 and exact: mantissa = high * 10**7 + low / 10.
    at = (is_point * index).sum(axis=0, dtype=np.uint8)  # the point's column (0 without one)
    left = index < at
    tenfold = digit * is_digit * (np.uint8(10) - np.uint8(9) * left)
    # einsum's own loop rather than a BLAS product: no thread pool woken for a small product
    # (the bytes are cast to doubles in einsum's buffer: no matrix of doubles is made)
    high, low = np.einsum("ij,jk->ik", _halves(width), tenfold, optimize=False)
    mantissa = high * 1e7 + low / 10  # exact below 2**53; at or above it when M is
    plain &= mantissa < _MAX_MANTISSA
    k = (width - 1 - at) * (plain & point)  # digits after the point
    value = mantissa / _POW10_FLOAT[k]
    value = np.where(negative, -value, value)  # IEEE negation is exact, and -0.0 stays signed
    return plain, value, point, negative, syntax & point & ~plain


def _rows(buf: np.ndarray, first: np.ndarray, width: int) -> np.ndarray:
    """An ``(len(first), width)`` uint8 matrix whose row i is ``buf[first[i]:first[i] + width]``."""
    buf = np.ascontiguousarray(buf, dtype=np.uint8)
    windows = np.ndarray((buf.size - width + 1,), dtype=f"V{width}", buffer=buf, strides=(1,))
    return windows[first].view(np.uint8).reshape(len(first), width)


@functools.cache
def _halves(width: int) -> np.ndarray:
    """Weights of the bytes of a right-aligned text: the last 8 in row 1, the others in row 0."""
    weights = np.zeros((2, width))
    low = min(width, 8)
    weights[1, width - low :] = _POW10[:low][::-1]
    weights[0, : width - low] = _POW10[: width - low][::-1]
    return weights


def iso_times(buf: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """datetime64[ns] array (naive, meaning UTC), one per text; NaT where unreadable.

    Exactly ``pd.to_datetime(texts, utc=True, format="ISO8601", errors="coerce")`` on the
    decoded, stripped texts (``None`` when blank), as naive UTC nanoseconds. Texts of one
    length and one layout ``YYYY-MM-DDTHH:MM:SS[.f{1,9}][Z|±HH:MM]`` are the byte columns of
    a matrix: literal bytes and digits are checked column by column, the fields are integers
    checked against their ranges (month, day of the month with leap years, hour, minute,
    second, offset, a year within 1700..2200, well inside the nanosecond range), and the
    instant is integer arithmetic, exact. If any text fails a check, pandas decides them all.
    """
    starts = np.asarray(starts, dtype=np.int64)
    ends = np.asarray(ends, dtype=np.int64)
    if len(starts) == 0:
        return np.empty(0, dtype="datetime64[ns]")
    fast = _layout_times(buf, starts, ends)
    if fast is not None:
        return fast
    texts = _texts(buf, starts, ends)
    return _times_reference(texts)


def _times_reference(texts: list[str | None]) -> np.ndarray:
    return iso_stamps(texts)


def _pattern(first: bytes) -> str | None:
    """The layout the first text suggests (``d`` a digit, ``s`` a sign, other bytes literal);
    the check of the byte matrix decides whether every text has it."""
    width = len(first)
    if width < 19:
        return None
    pattern = "dddd-dd-ddTdd:dd:dd"
    if width > 20 and first[19:20] == b".":
        fraction = len(first) - 20 - len(first[20:].lstrip(b"0123456789"))
        if not 1 <= fraction <= 9:
            return None
        pattern += "." + "d" * fraction
    zone = width - len(pattern)
    if zone not in _ZONES:
        return None
    return pattern + _ZONES[zone]


@functools.cache
def _reading(pattern: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
    """Columns of the digits, columns and values of the literal bytes, the weights from digits
    to fields (year, month, day, hour, minute, second, fraction[, offset h, m]), fraction digits."""
    kinds = np.frombuffer(pattern.encode("ascii"), dtype=np.uint8)
    digits = np.flatnonzero(kinds == ord("d"))
    literal = np.flatnonzero((kinds != ord("d")) & (kinds != ord("s")))
    fraction = len(digits) - 14 - (4 if "s" in pattern else 0)  # 14 digits of date and time, 4 of offset
    sizes = [4, 2, 2, 2, 2, 2, fraction] + ([2, 2] if "s" in pattern else [])
    weights = np.zeros((len(sizes), len(digits)))
    at = 0
    for field, size in enumerate(sizes):
        weights[field, at : at + size] = _POW10[:size][::-1]
        at += size
    return digits, literal, kinds[literal, None], weights, fraction


def _layout_times(buf: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray | None:
    """Instants of texts of one length and layout, or None to let pandas decide."""
    width = int(ends[0] - starts[0])
    if width < 19 or buf.size < width or (ends - starts != width).any():
        return None
    pattern = _pattern(buf[starts[0] : ends[0]].tobytes())
    if pattern is None:
        return None
    digit_cols, literal_cols, literals, weights, fraction = _reading(pattern)
    cols = np.ascontiguousarray(_rows(buf, starts, width).T)  # (width, n): one row per byte column
    digits = cols[digit_cols] - np.uint8(_ZERO)
    if (digits > 9).any() or (cols[literal_cols] != literals).any():
        return None
    # fields by a float matrix product: every product and sum is an integer below 2**53
    # (einsum's own loop, so no BLAS thread pool is woken for it)
    fields = np.einsum("ij,jk->ik", weights, digits, optimize=False).astype(np.int64)
    year, month, day, hour, minute, second, nanos = fields[:7]
    ok = (year >= _YEARS[0]) & (year <= _YEARS[-1]) & (month >= 1) & (month <= 12) & (day >= 1)
    ok &= (hour < 24) & (minute < 60) & (second < 60)
    offset = 0
    if len(fields) == 9:
        signs = cols[width - 6]
        ok &= ((signs == _PLUS) | (signs == _MINUS)) & (fields[7] < 24) & (fields[8] < 60)
        offset = (_PLUS + 1 - signs.astype(np.int64)) * (fields[7] * 60 + fields[8])  # '+' 1, '-' -1
    if not ok.all():
        return None
    leap = _LEAP[year - _YEARS[0]]
    if (day > _MONTH_DAYS[leap, month - 1]).any():
        return None
    days = _YEAR_DAYS[year - _YEARS[0]] + _MONTH_START[leap, month - 1] + day - 1
    seconds = ((days * 24 + hour) * 60 + minute - offset) * 60 + second
    return (seconds * _NS + nanos * _POW10[9 - fraction]).view("datetime64[ns]")


def text_decimals(texts: list[str | None]) -> np.ndarray:
    """:func:`decimals` of texts given as strings (None when absent): ``numbers(texts)``."""
    if len(texts) <= _FEW:
        few = _few_decimals(texts)
        if few is not None:
            return few
    return decimals(*_packed(texts))


#: texts that :func:`text_decimals` reads one by one (fewer steps than the byte matrix)
_FEW = 64
#: a plain number of at most 15 digits (its mantissa is below 2**53)
_SHORT_PLAIN = re.compile(r"-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)", re.ASCII)
_SHORT_DIGITS = 15


def _few_decimals(texts: list[str | None]) -> np.ndarray | None:
    """The values of a few texts when each is blank or a plain number of at most 15 digits
    other than a negative zero (whose sign depends on the whole column): Python's ``float``
    is correctly rounded, as the matrix method; None otherwise."""
    values = []
    for text in texts:
        stripped = (text or "").strip()
        if not stripped:
            values.append(np.nan)
            continue
        digits = len(stripped) - (stripped[0] == "-") - ("." in stripped)
        if digits > _SHORT_DIGITS or _SHORT_PLAIN.fullmatch(stripped) is None:
            return None
        value = float(stripped)
        if value == 0 and stripped[0] == "-":
            return None
        values.append(value)
    return np.array(values, dtype=np.float64)


def text_times(texts: list[str | None]) -> np.ndarray:
    """:func:`iso_times` of texts given as strings (None when absent)."""
    return iso_times(*_packed(texts))


def _packed(texts: list[str | None]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The texts in one buffer, with where each starts and ends."""
    raw = [(text or "").encode("utf-8") for text in texts]
    lengths = np.fromiter(map(len, raw), np.int64, len(raw))
    ends = np.cumsum(lengths)
    return np.frombuffer(b"".join(raw), np.uint8), ends - lengths, ends
