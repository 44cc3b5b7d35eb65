"""Bulk parsing of texts in a byte buffer (legload.readers.xml.values) against the references
it must equal bit for bit: ``xmlsafe.numbers`` and ``pd.to_datetime(..., format="ISO8601")``
on the decoded, stripped texts."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from unittest import mock

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legload.readers.xml import values as xmlvalues
from legload.readers.xml.safe import numbers
from legload.readers.xml.values import decimals, iso_times


def packed(texts: list[str], prefix: bytes = b"<gpx>") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A buffer holding the texts separated by ``<``, and each text's start and end."""
    encoded = [t.encode("utf-8") for t in texts]
    lengths = np.array([len(e) for e in encoded], dtype=np.int64)
    starts = len(prefix) + np.concatenate(([0], np.cumsum(lengths + 1)[:-1])).astype(np.int64)
    buf = np.frombuffer(prefix + b"<".join(encoded) + b"</gpx>", dtype=np.uint8)
    return buf, starts[: len(texts)], starts[: len(texts)] + lengths


def stripped(texts: list[str]) -> list[str | None]:
    return [t.strip() or None for t in texts]


def reference_numbers(texts: list[str]) -> np.ndarray:
    return numbers(stripped(texts))


def reference_times(texts: list[str]) -> np.ndarray:
    """pandas' reading, with NaT for instants outside the nanosecond range (which pandas
    keeps in a coarser unit): written here element by element."""
    out = []
    for text in stripped(texts):
        stamp = pd.to_datetime(pd.Series([text], dtype=object), utc=True, format="ISO8601",
                               errors="coerce").iloc[0]
        try:
            out.append(np.datetime64("NaT", "ns") if pd.isna(stamp)
                       else stamp.tz_convert(None).as_unit("ns").to_datetime64())
        except pd.errors.OutOfBoundsDatetime:
            out.append(np.datetime64("NaT", "ns"))
    return np.array(out, dtype="datetime64[ns]")


def assert_same_floats(got: np.ndarray, want: np.ndarray) -> None:
    assert got.dtype == np.float64
    np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(np.signbit(got), np.signbit(want))


def no_fallback(*args, **kwargs):
    raise AssertionError("the fast path fell back to the reference")


# --- decimals --------------------------------------------------------------------------------

FINITE = st.floats(allow_nan=False, allow_infinity=False)
SMALL = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
INTEGERS = st.one_of(st.integers(-10**6, 10**6), st.integers(-10**25, 10**25),
                     st.integers(2**63 - 5, 2**64 + 5), st.integers(-(2**63) - 5, -(2**63) + 5))
DIGITS = st.text(alphabet="0123456789", min_size=1, max_size=20)
ODD = st.sampled_from([
    "", "  ", "\t", "nan", "NaN", "inf", "-inf", "Infinity", "abc", "1.2.3", "--1", "١٢", "-0", "-00",
    "-0.0", "0", "007", "-.5", ".5", "5.", ".", "-", "-.", "+1.5", "+5", "1e3", "1E-5", "1_000", "0x10",
    " 1.5", "1.5 ", "\u00a012", "12\u3000", "1,5", "True", "1e400", "-1e400", "9" * 400,
    "12345678901234567891", "18446744073709551615", "18446744073709551616", "-9223372036854775809",
])


@st.composite
def number_text(draw) -> str:
    kind = draw(st.integers(0, 11))
    if kind == 0:
        return repr(draw(FINITE))
    if kind == 1:
        return f"{draw(SMALL):.{draw(st.integers(0, 12))}f}"
    if kind == 2:
        return f"{draw(FINITE):.{draw(st.integers(0, 12))}e}"
    if kind == 3:
        return str(draw(INTEGERS))
    if kind == 4:  # leading point, optional minus
        return draw(st.sampled_from(["", "-"])) + "." + draw(DIGITS)
    if kind == 5:  # trailing point
        return draw(st.sampled_from(["", "-"])) + draw(DIGITS) + "."
    if kind == 6:  # many digits either side of the point (15, 16, 17 and more in total)
        whole, part = draw(DIGITS), draw(DIGITS)
        return draw(st.sampled_from(["", "-"])) + whole + "." + part
    if kind == 7:
        return draw(st.sampled_from([" ", "\n", "\t", ""])) + repr(draw(SMALL)) + draw(
            st.sampled_from([" ", "\r\n", ""]))
    if kind == 8:
        return "+" + repr(abs(draw(SMALL)))
    if kind == 9:
        return draw(st.text(max_size=6))
    return draw(ODD)


INT_TEXT = st.one_of(INTEGERS.map(str), st.sampled_from(["-0", "-00", "0", "+5", "007", " 12 ", ""]))


@settings(max_examples=600, deadline=None)
@given(st.one_of(st.lists(number_text(), max_size=40), st.lists(INT_TEXT, max_size=12)),
       st.sampled_from([b"", b"<gpx>", b"<" * 40]))
def test_decimals_equal_the_reference_bit_for_bit(texts, prefix):
    buf, starts, ends = packed(texts, prefix)
    assert_same_floats(decimals(buf, starts, ends), reference_numbers(texts))


@pytest.mark.parametrize("texts", [
    ["-0"], ["-0", "1"], ["-0", "1.5"], ["-0", ""], ["-0", "abc"], ["-0", "+5"], ["-0", "1e3"],
    ["-0", "18446744073709551615"], ["-0", "-1", "18446744073709551615"], ["-1", "18446744073709551615"],
    ["-0.0"], ["12345678901234567891", "1.5"], ["9007199254740993", "-0"], ["5.", "-0"],
])
def test_decimals_follow_the_column_as_a_whole(texts):
    """pandas reads a column of integers as integers ("-0" is then 0.0, not -0.0)."""
    buf, starts, ends = packed(texts)
    assert_same_floats(decimals(buf, starts, ends), reference_numbers(texts))


COLUMN = st.one_of(st.lists(number_text(), max_size=30), st.lists(INT_TEXT, max_size=12),
                   st.lists(st.sampled_from(["-0", "0", "12", "-3", "1.5", "-0.25"]), max_size=8))


@settings(max_examples=400, deadline=None)
@given(st.lists(COLUMN, max_size=7))
def test_several_columns_read_together_read_as_each_alone(columns):
    """Columns read in one byte matrix (grouped by width) give each column's own reading:
    the decisions pandas takes for a whole column (integers or floats, "-0") stay per column."""
    texts = [text for column in columns for text in column]
    buf, starts, ends = packed(texts)
    bounds = np.cumsum([0] + [len(column) for column in columns])
    spans = [(starts[a:b], ends[a:b]) for a, b in itertools.pairwise(bounds)]
    got = xmlvalues.decimal_columns(buf, spans)
    assert len(got) == len(columns)
    for column, values in zip(columns, got, strict=True):
        assert_same_floats(values, reference_numbers(column))


def test_columns_of_similar_widths_share_a_matrix():
    """Heart rate and cadence (3 and 2 bytes) are read together, and so are latitude,
    longitude and altitude (9-12 bytes); a column of 18-byte texts goes alone."""
    assert xmlvalues._groups([2, 3, 8, 9, 10, 12], [1600] * 6) == [range(0, 2), range(2, 6)]
    assert xmlvalues._groups([2, 3, 7, 10, 11, 18], [3500] * 6) == [range(0, 2), range(2, 5),
                                                                     range(5, 6)]
    assert xmlvalues._groups([5], [10]) == [range(0, 1)]
    assert xmlvalues._groups([], []) == []


def assert_fast_and_correctly_rounded(texts: list[str]) -> None:
    """The fast path reads every text (the fallback would raise), giving the reference's
    doubles, which are the correctly rounded ones (Python's float() is correctly rounded)."""
    buf, starts, ends = packed(texts)
    with mock.patch.object(xmlvalues, "numbers", no_fallback):
        got = decimals(buf, starts, ends)
    assert_same_floats(got, reference_numbers(texts))
    assert_same_floats(got, np.array([float(t) for t in texts]))


def test_decimals_are_correctly_rounded_on_many_plain_values():
    """200,000 decimals of 1 to 15 significant digits and 0 to 12 places: the fast path
    takes all of them and gives the reference's doubles, which are the correctly rounded
    ones (Python's float() is correctly rounded)."""
    rng = random.Random(20201220)
    texts = []
    for _ in range(200_000):
        size = rng.randint(1, 15)
        digits = str(rng.randrange(10 ** (size - 1), 10**size))
        places = rng.randint(0, 12)
        if places >= size:
            text = "0." + "0" * (places - size) + digits
        elif places:
            text = digits[:-places] + "." + digits[-places:]
        else:
            text = digits
        texts.append(rng.choice(["", "-"]) + text)
    assert_fast_and_correctly_rounded(texts)


def test_decimals_of_fifteen_digits_are_correctly_rounded():
    """The largest mantissas the fast path takes (15 digits, up to 2**53 / 9) at every scale."""
    rng = np.random.default_rng(53)
    mantissas = rng.integers(10**14, 10**15, size=60_000)
    places = rng.integers(0, 16, size=60_000)
    texts = []
    for mantissa, k in zip(mantissas.tolist(), places.tolist(), strict=True):
        digits = str(mantissa)
        texts.append(digits[: 15 - k] + "." + digits[15 - k :] if k else digits)
    assert_fast_and_correctly_rounded(texts)


def test_decimals_of_sixteen_and_seventeen_digits_match_pandas():
    """Float32 values written as 16-17 digit decimals (``0.6000000238418579``) take the fast
    path while their mantissa is below 2**53; larger mantissas go to the reference, and both
    give pandas' doubles."""
    rng = np.random.default_rng(17)
    texts = []
    for value in rng.random(40_000).astype(np.float32) * rng.choice([1, 10, 1000, 40000], 40_000):
        texts.append(repr(float(value)))  # shortest float64 repr of a float32: up to 17 digits
    for digits in (16, 17):
        for mantissa in rng.integers(10 ** (digits - 1), 10**digits, size=20_000).tolist():
            k = int(rng.integers(0, digits + 1))
            text = str(mantissa)
            texts.append(text[: digits - k] + "." + text[digits - k :] if k else text)
    texts = [t for t in texts if "e" not in t]
    buf, starts, ends = packed(texts)
    got = decimals(buf, starts, ends)
    assert_same_floats(got, reference_numbers(texts))
    small = [t for t in texts if int(t.replace(".", "").lstrip("-") or "0") < 2**53
             and sum(c.isdigit() for c in t) <= 17]
    assert len(small) > 40_000
    buf, starts, ends = packed(small)
    with mock.patch.object(xmlvalues, "numbers", no_fallback):
        assert_same_floats(decimals(buf, starts, ends), np.array([float(t) for t in small]))


def test_decimals_take_the_fast_path_for_typical_values(monkeypatch):
    monkeypatch.setattr(xmlvalues, "numbers", no_fallback)
    texts = ["51.5074190", "-0.1278", "12.4", "0.0", "142", "-3", "1234.56789", "-0.0000001",
             "0.6000000238418579", "4483.10009765625"]
    buf, starts, ends = packed(texts, b"")
    got = decimals(buf, starts, ends)
    assert_same_floats(got, np.array([float(t) for t in texts]))


# --- iso_times -------------------------------------------------------------------------------

MOMENTS = st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 12, 31, 23, 59, 59))
LAYOUTS = st.tuples(st.integers(0, 9), st.sampled_from(["", "Z", "+", "-"]))


def iso(moment: dt.datetime, nanos: int, layout: tuple[int, str], offset: int) -> str:
    fraction, zone = layout
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if fraction:
        text += "." + f"{nanos:09d}"[:fraction]
    if zone in ("+", "-"):
        text += f"{zone}{offset // 60:02d}:{offset % 60:02d}"
    return text + ("Z" if zone == "Z" else "")


@st.composite
def time_texts(draw) -> list[str]:
    layout = draw(LAYOUTS)
    n = draw(st.integers(1, 25))
    texts = [iso(draw(MOMENTS), draw(st.integers(0, 10**9 - 1)), layout, draw(st.integers(0, 24 * 60 - 1)))
             for _ in range(n)]
    return texts


def broken(text: str, how: int) -> str:
    """A text of the same length and layout with one field out of range (or a near miss)."""
    spots = {0: (5, "13"), 1: (5, "00"), 2: (8, "00"), 3: (8, "32"), 4: (11, "24"), 5: (14, "60"),
             6: (17, "60"), 7: (0, "0000"), 8: (0, "9999")}
    if how in spots:
        at, value = spots[how]
        return text[:at] + value + text[at + len(value):]
    if how == 9:
        return text[:10] + " " + text[11:]
    if how == 10:
        return text[:10] + "t" + text[11:]
    if how == 11:
        return text.replace("Z", "z")
    if how == 12:
        return "2019-02-29" + text[10:]
    if how == 13:
        return "1900-02-29" + text[10:]
    if how == 14:
        return "2000-02-29" + text[10:]
    if how == 15:
        return "2021-04-31" + text[10:]
    if how == 16 and len(text) >= 25 and text[-6] in "+-":
        return text[:-5] + "24:00"
    if how == 17 and len(text) >= 25 and text[-6] in "+-":
        return text[:-2] + "60"
    if how == 18:
        return " " + text[1:]
    if how == 19:
        return text[:-1] + "x"
    return text


ODD_TIMES = st.sampled_from([
    "", "  ", "garbage", "2020-1-1T00:00:00Z", "2020-12-20 10:00:00Z", "2020-12-20T10:00:00z",
    "2020-12-20T10:00:00.Z", "2020-12-20T10:00:00+0500", "2020-12-20T10:00:00+05", "2020-12-20",
    " 2020-12-20T10:00:00Z ", "2020-12-20T10:00:00.1234567891Z", "2020-12-20T10:00Z", "٢٠٢٠-12-20T10:00:00Z",
])


@settings(max_examples=500, deadline=None)
@given(time_texts())
def test_iso_times_of_one_layout_are_computed_here_and_equal_pandas(texts):
    buf, starts, ends = packed(texts)
    with mock.patch.object(xmlvalues, "_times_reference", no_fallback):
        got = iso_times(buf, starts, ends)
    assert got.dtype == np.dtype("datetime64[ns]")
    np.testing.assert_array_equal(got, reference_times(texts))


@settings(max_examples=500, deadline=None)
@given(time_texts(), st.lists(st.tuples(st.integers(0, 100), st.integers(0, 20)), max_size=3),
       st.lists(ODD_TIMES, max_size=3), st.lists(time_texts(), max_size=2))
def test_iso_times_equal_pandas_with_invalid_and_mixed_texts(texts, damage, odd, others):
    texts = list(texts)
    for spot, how in damage:
        texts[spot % len(texts)] = broken(texts[spot % len(texts)], how)
    texts += odd + [t for more in others for t in more]
    buf, starts, ends = packed(texts)
    want = reference_times(texts)  # years 0000 or 9999 included: NaT
    got = iso_times(buf, starts, ends)
    assert got.dtype == np.dtype("datetime64[ns]")
    np.testing.assert_array_equal(got, want)


def test_iso_times_take_the_fast_path_for_typical_values(monkeypatch):
    monkeypatch.setattr(xmlvalues, "_times_reference", no_fallback)
    for texts in (["2020-12-20T10:00:00Z", "2020-12-20T10:00:01Z", "2024-02-29T23:59:59Z"],
                  ["2020-12-20T10:00:00.000Z", "2020-12-20T10:00:00.250Z"],
                  ["2020-12-20T11:00:00+01:00", "2020-12-20T05:30:00-04:30"]):
        buf, starts, ends = packed(texts)
        np.testing.assert_array_equal(iso_times(buf, starts, ends), reference_times(texts))
    buf, starts, ends = packed(["2020-12-20T10:00:00.000Z"])
    assert iso_times(buf, starts, ends)[0] == np.datetime64("2020-12-20T10:00:00", "ns")


def test_unreadable_times_are_nat():
    texts = ["2020-12-20T10:00:00Z", "2020-02-30T10:00:00Z", ""]
    buf, starts, ends = packed(texts)
    got = iso_times(buf, starts, ends)
    assert got[0] == np.datetime64("2020-12-20T10:00:00", "ns")
    assert np.isnat(got[1:]).all()


# --- empty -----------------------------------------------------------------------------------

def test_empty_input_gives_empty_arrays():
    buf = np.frombuffer(b"<gpx/>", dtype=np.uint8)
    none = np.empty(0, dtype=np.int64)
    values = decimals(buf, none, none)
    times = iso_times(buf, none, none)
    assert values.shape == (0,) and values.dtype == np.float64
    assert times.shape == (0,) and times.dtype == np.dtype("datetime64[ns]")
    empty = np.empty(0, dtype=np.uint8)
    assert decimals(empty, none, none).dtype == np.float64
    assert iso_times(empty, none, none).dtype == np.dtype("datetime64[ns]")


@settings(max_examples=800, deadline=None)
@given(st.lists(st.one_of(st.none(), number_text(), st.text(max_size=6),
                          st.floats(allow_nan=False, allow_infinity=False).map(repr)), max_size=8))
def test_a_few_texts_read_one_by_one_as_the_byte_matrix_reads_them(texts):
    few = xmlvalues.text_decimals(texts)
    bulk = decimals(*xmlvalues._packed(texts))
    assert np.array_equal(few, bulk, equal_nan=True)
    assert np.signbit(few).tolist() == np.signbit(bulk).tolist()


def test_a_few_plain_texts_take_the_one_by_one_path():
    assert xmlvalues._few_decimals(["12.5", " 3 ", None, "-.25", "123456789012345"]) is not None
    for odd in ("-0", "-0.000", "1e3", "+1", "1234567890123456", "0.6000000238418579", "nan"):
        assert xmlvalues._few_decimals(["1", odd]) is None, odd
