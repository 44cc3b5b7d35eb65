"""Fields decoded together (legload.readers.fit.fields): every column equal, bit for bit,
to its field decoded alone; the decoder's input types."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from garmin_fit_sdk import Profile

from legload.readers.fit.decode import decode
from legload.readers.fit.fields import convert
from legload.synth.fit_raw import Field, FitBuilder
from legload.synth.fit_writer import encode_fit
from legload.synth.workouts import easy_run, synthesize

START = dt.datetime(2026, 3, 2, 7, 0, tzinfo=dt.UTC)


#: record fields of many base types (numbers from the profile: 0 position_lat sint32, 2
#: altitude uint16 scaled and offset, 3 heart_rate uint8, 5 distance uint32 scaled, 13
#: temperature sint8), then fields typed here: float64 and float32, each unscaled (1
#: position_long, 210 unknown) beside scaled ones (78 enhanced_altitude, 6 speed), a 1-byte
#: byte field, sint64/uint64, uint16z, and an array
GROUPED_FIELDS = [(253, 4, 6), (0, 4, 133), (2, 2, 132), (3, 1, 2), (5, 4, 134), (13, 1, 1),
                  (1, 8, 137), (78, 8, 137), (210, 4, 136), (6, 4, 136), (200, 1, 13),
                  (201, 8, 142), (202, 8, 143), (203, 2, 139), (204, 3, 2)]
#: where the unscaled floats get NaN payloads that are not the invalid pattern
_SIGNALLING_NAN = {6: (0x7FF0000000000001, 8), 8: (0x7F800001, 4)}


@pytest.mark.parametrize("big_endian", [False, True], ids=["little-endian", "big-endian"])
def test_fields_decoded_in_groups_equal_each_field_decoded_alone(big_endian):
    """Every column, bit for bit, equals :func:`fit_fields.convert` of that field's bytes
    alone: invalid values, NaN payloads in unscaled floats beside scaled ones, both byte
    orders."""
    endian = ">" if big_endian else "<"
    rng = np.random.default_rng(3)
    fit = FitBuilder()
    fit.define(0, "record", [Field(num, size, base & 0x1F) for num, size, base in GROUPED_FIELDS],
               big_endian=big_endian)
    size = sum(f[1] for f in GROUPED_FIELDS)
    for i in range(64):
        payload = bytearray(rng.integers(0, 256, size, dtype=np.uint8).tobytes())
        if i % 4 == 0:  # every field at its invalid value (all ones, or zero for ...z types)
            payload = bytearray(b"\xff" * size)
        if i % 4 == 1:  # signalling NaNs in the unscaled floats
            for index, (bits, width) in _SIGNALLING_NAN.items():
                start = sum(f[1] for f in GROUPED_FIELDS[:index])
                payload[start:start + width] = bits.to_bytes(width, "big" if big_endian else "little")
        fit.raw(bytes([0]) + bytes(payload))
    data = fit.to_bytes()
    rec = decode(data).table("record")
    rows = np.frombuffer(data, np.uint8)[rec["_offset"][:, None] + np.arange(size)]
    profile = Profile["messages"][20]["fields"]
    start = 0
    for num, width, base in GROUPED_FIELDS:
        info = profile.get(num) or ({"name": "timestamp", "scale": [1], "offset": [0]}
                                    if num == 253 else None)
        name = info["name"] if info else f"field_{num}"
        alone = convert(rows[:, start:start + width], width, base & 0x1F, endian, info)
        start += width
        np.testing.assert_array_equal(rec[name].view(np.uint64), alone.view(np.uint64), err_msg=name)


def test_a_bytearray_decodes_as_bytes():
    workout = easy_run(START, minutes=5)
    data = encode_fit(workout, synthesize(workout, seed=1))
    ours, theirs = decode(bytearray(data)), decode(data)
    for name in ("record", "session", "lap"):
        for column, values in theirs.table(name).items():
            np.testing.assert_array_equal(ours.table(name)[column], values, err_msg=column)


#: real files whose records come in several definitions (redefined as sensors come and go),
#: developer fields among them
_REDEFINED = ("garmin_fenix5x_1km_repeats_devfields.fit", "garmin_fr955_stryd_run_10km.fit",
              "fit_wahoo_devdata_without_application_id.fit", "hammerhead_karoo2_ride.fit",
              "suunto9baro_trail_mountain_8km_1800m.fit")


@pytest.mark.parametrize("name", _REDEFINED)
def test_definitions_decoded_at_once_equal_each_decoded_apart(name, real_dir, monkeypatch):
    """A message's definitions laid out in one common row and decoded at once give the table
    of decoding each definition apart and joining them: columns, order, values bit for bit
    (developer fields included)."""
    from legload.readers.fit import decode as decoding
    from legload.readers.fit.merge import merged_columns
    from legload.readers.fit.messages import _READ

    path = next(real_dir.rglob(name), None)
    if path is None:
        pytest.skip(f"{name} not in the sample data")
    data = path.read_bytes()
    laid_out = []
    monkeypatch.setattr(decoding, "merged_columns", lambda *args: laid_out.append(
        merged_columns(*args)) or laid_out[-1])
    merged = decode(data, _READ)
    assert any(table is not None for table in laid_out)  # some definitions were laid out
    monkeypatch.setattr(decoding, "merged_columns", lambda *args: None)
    apart = decode(data, _READ)
    assert merged.tables.keys() == apart.tables.keys()
    for table, columns in apart.tables.items():
        assert list(merged.table(table)) == list(columns), table
        for column, values in columns.items():
            ours = merged.table(table)[column]
            assert ours.dtype == values.dtype, (table, column)
            if values.dtype == np.float64:
                ours, values = ours.view(np.uint64), values.view(np.uint64)
            np.testing.assert_array_equal(ours, values, err_msg=f"{table}.{column}")


@pytest.mark.parametrize("members", [
    [(0, 4), (4, 4), (8, 4), (20, 4), (24, 4), (28, 4)],  # two spans, wide rows: copied
    [(0, 2), (2, 2), (6, 2), (8, 2), (20, 2), (22, 2)],  # three spans, 12 bytes: gathered
    [(1, 4), (9, 4)],  # narrow rows: each byte gathered
])
def test_a_group_laid_out_by_spans_or_by_bytes_decodes_as_each_field_alone(members):
    """Members of one base type scattered over a message: their values, whatever way their
    bytes are laid out (spans of adjacent fields copied, or every byte gathered), are each
    field's values decoded alone, bit for bit (invalid values included)."""
    from legload.readers.fit.fields import _decode_group, make_groups

    base = {1: 2, 2: 4, 4: 6}[members[0][1]]  # uint8, uint16, uint32
    rng = np.random.default_rng(len(members))
    rows = rng.integers(0, 256, (500, 48), dtype=np.uint8)
    rows[::7, members[0][0]:members[0][0] + members[0][1]] = 0xFF  # invalid values
    (group,) = make_groups([(k, start, base, None) for k, (start, _) in enumerate(members)],
                           "<")
    assert isinstance(group.byte_index, list) == (members[0] == (0, 4))  # the layout tested
    got = _decode_group(rows, group)
    for k, (start, size) in enumerate(members):
        expected = convert(rows[:, start:start + size], size, base, "<", None)
        assert got[k].tobytes() == expected.tobytes()
