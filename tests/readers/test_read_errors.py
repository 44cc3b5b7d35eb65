"""One error map: known damage becomes one ReadError naming the file; a bug in a reader
surfaces as itself, with its traceback, never dressed up as a damaged file."""

from __future__ import annotations

import importlib
import io
import struct
import zipfile
import zlib

import numpy as np
import pytest

from legload.errors import (
    KNOWN_DAMAGE,
    Damage,
    LegloadError,
    ReadError,
    as_read_error,
    reading,
)
from legload.readers import iter_members, read_bytes
from legload.readers.fit import decode as fit_decode
from legload.readers.fit.decode import FitDamage, FitMessages
from legload.readers.logs import csvsniff
from legload.readers.logs.body import read_body
from legload.readers.logs.intake import read_intake
from legload.readers.logs.strength import read_strength

from ..conftest import REAL

RUN = REAL / "fit/running/garmin_fenix5_run_1min.fit"


def _run_bytes() -> bytes:
    if not RUN.is_file():
        pytest.skip("real FIT file absent")
    return RUN.read_bytes()


# --- the map itself ----------------------------------------------------------------------------


def test_every_known_damage_name_is_an_exception_class():
    """A misspelt name in the table would never match: each must import as an exception."""
    for name in KNOWN_DAMAGE:
        module, _, qualname = name.rpartition(".")
        cls = getattr(importlib.import_module(module), qualname)
        assert isinstance(cls, type) and issubclass(cls, BaseException), name
        assert f"{cls.__module__}.{cls.__qualname__}" == name, name


def test_fit_damage_is_internal_damage_in_the_tree():
    assert issubclass(FitDamage, Damage) and issubclass(Damage, LegloadError)
    assert not issubclass(Damage, ReadError)  # it has no file name until the boundary
    error = as_read_error("a.fit", FitDamage("truncated message at byte 40"))
    assert type(error) is ReadError and str(error) == "a.fit: truncated message at byte 40"


@pytest.mark.parametrize("make, words", [
    (lambda: struct.unpack("<I", b"\x00"), "truncated or malformed binary data"),
    (lambda: b"\xff\xfe\xfa".decode("utf-8"), "not readable text"),
    (lambda: zlib.decompress(b"not zlib"), "corrupt compressed data"),
    (lambda: zipfile.ZipFile(io.BytesIO(b"PK not a zip")), "unreadable zip archive"),
])
def test_known_damage_becomes_one_line_naming_the_file(make, words):
    with pytest.raises(ReadError) as info, reading("x/y.bin"):
        make()
    assert str(info.value).startswith(f"x/y.bin: {words} (")
    assert "\n" not in str(info.value)
    assert info.value.__suppress_context__  # one line, not a chained traceback


@pytest.mark.parametrize("bug", [KeyError("heart_rate"), IndexError("index 9 is out of bounds"),
                                 TypeError("unsupported operand"), ValueError("bad shape"),
                                 MemoryError()])
def test_a_bug_is_not_mapped(bug):
    with pytest.raises(type(bug)) as info, reading("a.fit"):
        raise bug
    assert info.value is bug
    assert info.traceback[-1].name == "test_a_bug_is_not_mapped"  # raised where it happened


def test_a_read_error_passes_unchanged_and_a_reader_names_its_own_types():
    original = ReadError("inner.fit", "damaged")
    with pytest.raises(ReadError) as info, reading("outer.zip"):
        raise original
    assert info.value is original
    with pytest.raises(ReadError, match=r"^m\.zip!a\.fit: member refused \(encrypted\)$"), \
            reading("m.zip!a.fit", "member refused ({exc})", also=(RuntimeError,)):
        raise RuntimeError("encrypted")
    with pytest.raises(RuntimeError), reading("m.zip!a.fit"):
        raise RuntimeError("encrypted")


# --- at the readers' boundaries ----------------------------------------------------------------


def test_a_fit_decoder_bug_surfaces_as_itself(monkeypatch):
    data = _run_bytes()

    def broken(*args, **kwargs):
        raise KeyError("a decoder bug")

    monkeypatch.setattr(fit_decode, "_bulk_decode", broken)
    with pytest.raises(KeyError, match="a decoder bug"):
        read_bytes(data, "run.fit")


def test_a_csv_reader_bug_surfaces_as_itself(monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("a parser bug")

    monkeypatch.setattr(csvsniff.pd, "read_csv", broken)
    with pytest.raises(ValueError, match="a parser bug"):
        read_intake(b"date,energy_kcal\n2024-01-02,2100\n", "food.csv")
    with pytest.raises(ValueError, match="a parser bug"):
        read_body(b"date,weight_kg\n2024-01-02,70\n", "body.csv")
    with pytest.raises(ValueError, match="a parser bug"):
        read_strength(b"date,exercise,reps\n2024-01-02,squat,5\n", "sets.csv")


def test_truncated_and_bad_files_give_one_line_naming_the_file():
    data = _run_bytes()
    cases = {
        "cut.fit": data[:14],
        "junk.fit.gz": b"\x1f\x8b\x08\x00" + b"\x00" * 6 + b"\x07junk",  # reserved block type
        "empty.fit": b"",
    }
    for name, content in cases.items():
        with pytest.raises(ReadError) as info:
            read_bytes(content, name)
        assert str(info.value).startswith(f"{name}: ") and "\n" not in str(info.value)
    with pytest.raises(ReadError, match=r"^junk\.fit\.gz: corrupt gzip data \("):
        read_bytes(cases["junk.fit.gz"], "junk.fit.gz")


def test_a_corrupt_archive_member_is_a_read_error(tmp_path):
    """zlib's own error inside a deflated member is damage of that member."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("run.fit", bytes(range(256)) * 64)
    raw = bytearray(buffer.getvalue())
    start = 30 + len("run.fit")  # the member's data follows its local header
    raw[start:start + 40] = b"\xff" * 40
    (tmp_path / "export.zip").write_bytes(bytes(raw))
    problems = []
    for member in iter_members(tmp_path / "export.zip"):  # read while the archive is open
        with pytest.raises(ReadError) as info:
            member.read()
        problems.append(str(info.value))
    assert len(problems) == 1
    assert problems[0].startswith(f"{tmp_path / 'export.zip'}!run.fit: unreadable archive member (")


def test_a_damaged_fit_body_log_names_the_file():
    header = bytes([12, 0x10, 0x08, 0x08]) + (8).to_bytes(4, "little") + b".FIT"
    with pytest.raises(ReadError, match=r"^scale\.fit: "):
        read_body(header + b"\x40\x00\x00\x00\x00\x01\x00\x04", "scale.fit")


def test_a_number_field_defined_as_text_reads_as_not_recorded():
    """A damaged definition can give a number field the string base type: the channel is
    left out (as if not recorded) instead of breaking the reader."""
    from legload.readers.fit.messages import _samples

    messages = FitMessages(tables={"record": {
        "_offset": np.arange(3), "timestamp": np.array([1e9, 1e9 + 1, 1e9 + 2]),
        "heart_rate": np.array(["1", "x", ""], dtype=object),
        "power": np.array([200.0, 210.0, 220.0])}})
    columns = _samples(messages)
    assert "heart_rate_bpm" not in columns
    assert columns["power_w"].tolist() == [200.0, 210.0, 220.0]
    assert list(messages.numbers("record", keep=("heart_rate",))) == [
        "_offset", "timestamp", "heart_rate", "power"]
