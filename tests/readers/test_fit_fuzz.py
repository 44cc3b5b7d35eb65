"""Mutated FIT files never crash the decoder: it returns activities or raises ReadError; a changed
file is never read silently (the CRC catches it), and a truncated file gives exactly the records
before the cut."""

from __future__ import annotations

import contextlib

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legload.errors import ReadError
from legload.readers.fit.decode import FitDamage, decode
from legload.readers.fit.messages import read_fit

from ..conftest import REAL
from .fitdecode_oracle import records_before_damage

SEED_FILES = [REAL / "fit/running/garmin_fenix5_run_1min.fit",
              REAL / "fit/running/garmin_fr70_hr_only_compressed_timestamps.fit",
              REAL / "broken/fit_wahoo_devdata_without_application_id.fit"]


def _seeds() -> list[bytes]:
    return [p.read_bytes() for p in SEED_FILES if p.is_file()]


mutation = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 10**6), st.integers(0, 255)),
    st.tuples(st.just("cut"), st.integers(0, 10**6), st.just(0)),
    st.tuples(st.just("insert"), st.integers(0, 10**6), st.integers(0, 255)),
    st.tuples(st.just("delete"), st.integers(0, 10**6), st.integers(1, 16)),
)


def _mutate(data: bytes, ops) -> bytes:
    buf = bytearray(data)
    for kind, where, value in ops:
        if not buf:
            break
        i = where % len(buf)
        if kind == "flip":
            buf[i] = value
        elif kind == "cut":
            del buf[i:]
        elif kind == "insert":
            buf.insert(i, value)
        else:
            del buf[i:i + value]
    return bytes(buf)


@pytest.mark.parametrize("seed_index", [0, 1, 2])
@settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(mutation, min_size=1, max_size=6))
def test_mutations_raise_only_read_error(seed_index, ops):
    seeds = _seeds()
    if seed_index >= len(seeds):
        pytest.skip("seed file absent")
    data = _mutate(seeds[seed_index], ops)
    try:
        activities = read_fit(data, "fuzzed.fit")
    except ReadError as exc:
        assert str(exc).startswith("fuzzed.fit: ")
        return
    assert all(len(a.samples) > 0 for a in activities)
    if data != seeds[seed_index]:
        # a changed file is damage (at least its CRC no longer matches), never read silently
        assert all(any(w.startswith("fuzzed.fit: ") for w in a.warnings) for a in activities)


def _records(data: bytes) -> tuple[np.ndarray, np.ndarray, bool]:
    """The record timestamps and byte offsets decoded from ``data``, and whether damage was
    found."""
    try:
        messages = decode(data)
    except FitDamage:  # not even a header
        return np.array([]), np.array([]), True
    table = messages.table("record")
    return (np.asarray(table.get("timestamp", []), dtype=float),
            np.asarray(table.get("_offset", []), dtype=float), messages.damaged)


@pytest.mark.parametrize("seed_index", [0, 1])
@settings(max_examples=60, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(cut=st.floats(0.0, 1.0, exclude_max=True))
def test_a_truncated_file_keeps_exactly_the_records_before_the_cut(seed_index, cut):
    # the oracle is the intact file's own decode: truncation may only lose records at the end
    seeds = _seeds()
    if seed_index >= len(seeds):
        pytest.skip("seed file absent")
    whole = seeds[seed_index]
    full, offsets, damaged = _records(whole)
    assert len(full) > 0 and not damaged
    size = int(cut * len(whole))
    kept, _, damaged = _records(whole[:size])
    assert damaged
    # (offsets are where a record's fields start, after its header byte; a record may have none)
    # every record followed by another record's start before the cut is whole and kept; no
    # record whose fields start after the cut is
    started = int(np.sum(offsets <= size))
    assert started - 1 <= len(kept) <= started
    np.testing.assert_array_equal(kept, full[:len(kept)])


@pytest.mark.parametrize("seed_index", [0, 1])
@settings(max_examples=40, deadline=4000, suppress_health_check=[HealthCheck.too_slow])
@given(cut=st.floats(0.0, 1.0, exclude_max=True))
def test_a_truncated_file_keeps_what_fitdecode_reads_before_the_cut(seed_index, cut):
    """A second, independent oracle: fitdecode stops at the cut; legload keeps the same records
    with the same timestamps (at most one more, a record whose fields fit before the cut while
    fitdecode wants the whole message)."""
    seeds = _seeds()
    if seed_index >= len(seeds):
        pytest.skip("seed file absent")
    data = seeds[seed_index][: int(cut * len(seeds[seed_index]))]
    oracle, damage = records_before_damage(data)
    assert damage is not None or len(data) == 0
    kept, _, _ = _records(data)
    assert len(oracle) <= len(kept) <= len(oracle) + 1
    np.testing.assert_allclose(kept[:len(oracle)], np.array(oracle, dtype=float), atol=1e-3)


@settings(max_examples=300, deadline=2000)
@given(data=st.binary(min_size=0, max_size=400))
def test_random_bytes_with_a_fit_header(data):
    header = bytes([12, 0x10, 0x08, 0x08]) + len(data).to_bytes(4, "little") + b".FIT"
    try:
        activities = read_fit(header + data, "random.fit")
    except ReadError as exc:
        assert str(exc).startswith("random.fit: ")
    else:
        assert all(len(a.samples) > 0 for a in activities)


def test_a_zeroed_byte_in_a_developer_field_description_is_damage_not_a_crash():
    """Found by the fuzz test: units that decode as an array (not text) once raised ValueError
    in the developer-field registration; they now read as no unit."""
    seeds = _seeds()
    if len(seeds) < 3:
        pytest.skip("seed file absent")
    data = _mutate(seeds[2], [("flip", 82, 0)])
    with contextlib.suppress(ReadError):
        read_fit(data, "fuzzed.fit")
