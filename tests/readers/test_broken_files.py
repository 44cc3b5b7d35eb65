"""Every broken real file is salvaged with a warning naming the file and the damage, or
refused with a one-line reason; never a traceback. ``strict`` refuses every damaged file."""

from __future__ import annotations

import pytest

from legload.errors import ReadError
from legload.readers import read_bytes

from ..conftest import REAL

BROKEN = sorted((REAL / "broken").iterdir()) if (REAL / "broken").is_dir() else []

#: files whose damage must be named in a warning when salvaged, and the words that say so
DAMAGE_WORDS = {
    "fit_bad_file_crc.fit": "bad CRC",
    "fit_chained_second_bad_crc.fit": "bad CRC",
    "fit_chained_corrupt_second_header.fit": "not a FIT file",
    "fit_chained_second_file_no_data.fit": "truncated",
    "fit_truncated_unexpected_eof.fit": "truncated",
    "fit_sigma_ride_truncated_end.fit": "truncated",
    "fit_strava_android_undefined_local_msg.fit": "undefined local message type 11 at byte 7471",
    "fit_sdk_activity_truncated.fit": "no session message",
}
#: files that hold nothing usable: the reason must say why
REFUSED = {
    "fit_empty_zero_bytes.fit": "empty file",
    "fit_no_records.fit": "no usable samples",
    "fit_not_fit_bad_header.fit": "no usable samples",
    "gpx_metadata_only_no_points.gpx": "no track points",
}


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.name)
def test_salvaged_with_a_named_warning_or_refused_in_one_line(path, real_dir):
    source = f"broken/{path.name}"
    try:
        activities = read_bytes(path.read_bytes(), source)
    except ReadError as exc:
        message = str(exc)
        assert message.startswith(source + ": ")
        assert "\n" not in message
        if path.name in REFUSED:
            assert REFUSED[path.name] in message
        else:
            assert path.name not in DAMAGE_WORDS, f"salvageable file refused: {message}"
        return
    assert path.name not in REFUSED, "a file with nothing usable was accepted"
    assert activities and all(len(a.samples) > 0 for a in activities)
    if path.name in DAMAGE_WORDS:
        warnings = activities[0].warnings
        assert any(w.startswith(source + ": ") and DAMAGE_WORDS[path.name] in w for w in warnings), warnings


@pytest.mark.parametrize("path", [p for p in BROKEN if p.name in DAMAGE_WORDS], ids=lambda p: p.name)
def test_strict_refuses_damaged_files(path, real_dir):
    with pytest.raises(ReadError, match="strict"):
        read_bytes(path.read_bytes(), path.name, strict=True)


def test_truncation_names_the_byte(real_dir):
    data = (real_dir / "fit/running/garmin_fenix2_run_9km.fit").read_bytes()
    cut = data[: len(data) // 2]
    activity = read_bytes(cut, "half.fit")[0]
    assert any(f"cut at byte {len(cut)}" in w for w in activity.warnings)
    assert 1000 < len(activity.samples) < 2809


def test_huge_declared_data_size_is_bounded():
    header = bytes([14, 0x20, 0x08, 0x08]) + (2 * 2**30).to_bytes(4, "little") + b".FIT" + b"\0\0"
    with pytest.raises(ReadError, match="no usable samples"):
        read_bytes(header + b"\x40\x00\x00\x14\x00\x00" + b"\0" * 64, "huge.fit")


@pytest.mark.parametrize("content", [b"hello world", b"\x00" * 100, b"PK\x03\x04junk", b"{}"])
def test_unknown_formats_are_refused(content):
    with pytest.raises(ReadError, match="not a known activity format"):
        read_bytes(content, "mystery.bin")
