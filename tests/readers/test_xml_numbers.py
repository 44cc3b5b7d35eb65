"""Numbers and times of GPX/TCX texts (legload.readers.xml.samples: numbers, read_times,
iso_stamps): arrow reads the ones it can, and must read them as pandas does (to_numeric,
to_datetime with format ISO8601), the reference of both routes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legload.readers.xml import samples
from legload.readers.xml.samples import iso_stamps, numbers, read_times


def reference(texts: list[str | None]) -> np.ndarray:
    out = np.array(pd.to_numeric(pd.Series(texts, dtype=object), errors="coerce")
                   .to_numpy(float, na_value=np.nan), dtype=float)
    out[~np.isfinite(out)] = np.nan
    return out


def assert_same(got: np.ndarray, want: np.ndarray) -> None:
    assert got.dtype == np.float64 and got.shape == want.shape
    same = (got.view(np.int64) == want.view(np.int64)) | (np.isnan(got) & np.isnan(want))
    assert same.all(), (got[~same][:5], want[~same][:5])


def test_plain_decimals_of_up_to_twenty_digits_read_as_pandas_reads_them():
    rng = np.random.default_rng(7)
    values = rng.random(20_000) * rng.choice([1, 10, 100, 1000, 1e5], 20_000)
    texts = ([repr(float(v)) for v in values.astype(np.float32).astype(float)]
             + [f"{v:.17g}" for v in values] + [f"{v:.20f}" for v in values[:2000]]
             + [f"{v:.3e}" for v in values[:2000]] + [f"-{v:.6f}" for v in values[:2000]])
    assert_same(numbers(texts), reference(texts))


@pytest.mark.parametrize("texts", [
    ["-0", "1"],  # pandas reads integers: a negative zero is zero
    ["-0", "1.5"],
    ["1_000", "2"],  # numpy would read 1000, pandas reads nothing
    ["nan", "inf", "1e999", "-1e999"],
    ["", " ", None, "7"],
    [" 71 ", "\r\n 88\r\n", "+2.5", "12.", ".5", "1e3"],
    ["abc", "1-2", "--1", ".", "e5", "٣"],
    ["0\x1c", "\x851", "2\u2028", "\u30003", "4\x0b", "\x0c5"],  # Unicode's white space
])
def test_anything_but_plain_numbers_reads_as_pandas_reads_it(texts):
    assert_same(numbers(texts), reference(texts))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), st.from_regex(r"[-+]?[0-9]{0,12}\.?[0-9]{0,8}([eE][-+]?[0-9]{1,3})?",
                                                   fullmatch=True), st.text(max_size=6)), max_size=12))
def test_generated_texts_read_as_pandas_reads_them(texts):
    assert_same(numbers(texts), reference(texts))


def stamps_reference(texts: list[str | None]) -> np.ndarray:
    parsed = pd.to_datetime(pd.Series(texts, dtype=object), utc=True, format="ISO8601",
                            errors="coerce")
    return pd.DatetimeIndex(parsed).tz_convert(None).to_numpy().astype("M8[ns]")


@pytest.mark.parametrize("texts", [
    ["2020-05-01T10:00:00Z", "2020-05-01T10:00:00.123456789Z", "1999-12-31T23:59:59.5Z"],
    ["2020-02-30T10:00:00Z", "2020-05-01T10:00:00Z"],  # no such day: pandas reads none of it
    ["2020-05-01T24:00:00Z", "2020-05-01T23:59:60Z", "2020-13-01T00:00:00Z"],
    ["2020-05-01T10:00:00+02:00", "2020-05-01T10:00:00Z"],  # an offset: pandas reads them
    ["2022-11-12T15:58:25.849800+00:00", "2022-11-12T15:58:26-00:00"],
    ["2020-05-01T10:00:00Z", None, " 2020-05-01T10:00:01Z"],
])
def test_times_read_as_pandas_reads_them(texts):
    got = iso_stamps(texts)
    assert got.dtype == np.dtype("M8[ns]")
    np.testing.assert_array_equal(got, stamps_reference(texts))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.from_regex(r"(19|20)[0-9]{2}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-6][0-9]:"
                              r"[0-6][0-9](\.[0-9]{1,9})?(Z|[+-]0[0-1]:00)", fullmatch=True), min_size=1,
                max_size=8))
def test_generated_utc_stamps_read_as_pandas_reads_them(texts):
    np.testing.assert_array_equal(iso_stamps(texts), stamps_reference(texts))


STAMPS = st.from_regex(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([T ][0-9]{1,2}(:[0-9]{1,2}){0,2}(\.[0-9]{0,10})?)?"
                       r"(Z|z|[+-][0-9]{2}(:?[0-9]{2})?)?", fullmatch=True)


def test_plain_times_are_read_by_arrow_as_pandas_reads_them(monkeypatch):
    texts = ["2020-05-01T10:00:00Z", "2020-05-01T10:00:00.5Z", "2022-11-12T15:58:25.849800+00:00",
             "2020-05-01T10:00:00+02:00", "2020-05-01T10:00:00.123456789-00:30", None]
    want = stamps_reference(texts)
    monkeypatch.setattr(samples, "iso_stamps", None)  # arrow alone reads these
    times, written, unread = read_times(len(texts) + 1, np.arange(1, len(texts) + 1), texts)
    np.testing.assert_array_equal(times[1:], want)
    assert np.isnat(times[0]) and written.tolist() == [False] * 1 + [True] * 5 + [False]
    assert unread == {}


@settings(max_examples=400, deadline=None)
@given(st.one_of(STAMPS, STAMPS.map(lambda t: f" {t}"), st.text(max_size=6)))
def test_a_generated_time_reads_by_either_parser_as_pandas_reads_it(text):
    times, written, unread = read_times(1, np.arange(1), [text])
    np.testing.assert_array_equal(times, iso_stamps([text.strip() or None]))
    assert written[0] == bool(text.strip()) and (0 in unread) == (written[0] and np.isnat(times[0]))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), STAMPS, st.text(max_size=6)), max_size=8))
def test_generated_times_read_by_either_parser_as_pandas_reads_them(texts):
    times, written, _ = read_times(len(texts), np.arange(len(texts)), texts)
    np.testing.assert_array_equal(times, iso_stamps([t.strip() or None if t else None for t in texts]))
    assert written.tolist() == [bool(t and t.strip()) for t in texts]
