"""Every FIT feature the bulk decoder handles, on files built byte by byte, against the
official SDK decoder (the oracle) field by field; compressed-timestamp headers, which the
SDK does not decode, against the truth the file was built from."""

from __future__ import annotations

import datetime as dt
import gzip

import numpy as np
import pytest

from legload.readers.fit.decode import FIT_EPOCH_S, decode
from legload.readers.fit.messages import read_fit
from legload.synth.fit_raw import FitBuilder, chain, dev_field, field, raw_value
from legload.synth.fit_writer import encode_fit
from legload.synth.workouts import (
    easy_run,
    hill_repeats,
    intervals,
    run_with_stop,
    synthesize,
    treadmill_run,
)

from ..conftest import REAL
from .sdk_oracle import (
    T0,
    assert_same_as_sdk,
    dev_values,
    file_id_message,
    resolution,
    sdk_read,
    session_message,
)

# -- architectures --------------------------------------------------------------------------

RECORD_FIELDS = ("timestamp", "position_lat", "position_long", "altitude", "heart_rate",
                 "cadence", "distance", "speed", "power", "temperature", "enhanced_speed",
                 "enhanced_altitude", "fractional_cadence")


def _records(fit: FitBuilder, local: int, n: int, *, big_endian: bool, t0: int = T0,
             seed: int = 1) -> dict[str, list]:
    """``n`` 1 Hz records with every field type family (sint32, uint32, uint16, uint8,
    sint8, scaled and offset), some values invalid; returns the physical truth."""
    rng = np.random.default_rng(seed)
    fit.define(local, "record", [field("record", name) for name in RECORD_FIELDS],
               big_endian=big_endian)
    truth: dict[str, list] = {name: [] for name in RECORD_FIELDS}
    for i in range(n):
        row = {
            "timestamp": t0 + i,
            "position_lat": int(560_000_000 + rng.integers(-5000, 5000)),
            "position_long": int(-95_000_000 + rng.integers(-5000, 5000)),
            "altitude": round(float(rng.uniform(-20, 2000)), 1),
            "heart_rate": int(rng.integers(60, 200)),
            "cadence": int(rng.integers(70, 100)),
            "distance": round(3.1 * i, 2),
            "speed": round(float(rng.uniform(0, 6)), 3),
            "power": int(rng.integers(0, 600)),
            "temperature": int(rng.integers(-30, 40)),
            "enhanced_speed": round(float(rng.uniform(0, 6)), 3),
            "enhanced_altitude": round(float(rng.uniform(-400, 8000)), 1),
            "fractional_cadence": 0.5 if i % 2 else 0.0,
        }
        if i % 7 == 3:  # a dropout: invalid values in every family
            for name in ("position_lat", "heart_rate", "temperature", "altitude", "speed"):
                row[name] = None
        for name in RECORD_FIELDS:
            truth[name].append(row[name])
        fit.message(local, [raw_value("record", name, row[name]) for name in RECORD_FIELDS])
    return truth


@pytest.mark.parametrize("big_endian", [False, True], ids=["little-endian", "big-endian"])
def test_records_of_either_architecture_match_the_sdk(big_endian):
    fit = FitBuilder()
    file_id_message(fit, big_endian=big_endian)
    truth = _records(fit, 1, 200, big_endian=big_endian)
    data = fit.to_bytes()
    assert_same_as_sdk(data)
    rec = decode(data).table("record")
    for name, values in truth.items():
        expected = np.array([np.nan if v is None else v for v in values], dtype=float)
        np.testing.assert_allclose(rec[name], expected, rtol=0,
                                   atol=resolution("record", name) + 1e-9, err_msg=name)


def test_big_and_little_endian_give_the_same_table():
    tables = []
    for big in (False, True):
        fit = FitBuilder()
        file_id_message(fit)
        _records(fit, 0, 50, big_endian=big)
        data = fit.to_bytes()
        arch_byte = data.index(bytes([0x40, 0]), 30) + 2  # the record definition's
        assert data[arch_byte] == int(big)
        tables.append(decode(data).table("record"))
    little, big = tables
    for name in RECORD_FIELDS:
        np.testing.assert_array_equal(little[name], big[name], err_msg=name)


# -- compressed timestamps ------------------------------------------------------------------

def _compressed_file() -> tuple[bytes, np.ndarray, np.ndarray]:
    """Records mostly with compressed-timestamp headers: 1 s steps through several 5-bit
    rollovers, a 20 s gap (offset below the last one: rolls over once), an event with a
    full timestamp in between that becomes the new reference, and normal-header records.
    Returns the file, the true timestamps and heart rates of the records."""
    fit = FitBuilder()
    file_id_message(fit)
    fit.define(0, "record", [field("record", "timestamp"), field("record", "heart_rate")])
    fit.define(1, "record", [field("record", "heart_rate"), field("record", "distance")])
    fit.define(2, "event", [field("event", "timestamp"), field("event", "event"),
                            field("event", "event_type")])
    start = T0 + 27  # low 5 bits 27: the first compressed steps roll over at once
    times, hrs = [], []

    def full(t: int, hr: int) -> None:
        fit.message(0, [t, hr])
        times.append(t)
        hrs.append(hr)

    def compressed(t: int, hr: int) -> None:
        fit.compressed(1, t & 0x1F, [hr, raw_value("record", "distance", (t - start) * 3.0)])
        times.append(t)
        hrs.append(hr)

    full(start, 100)
    t = start
    for step in [1] * 70 + [20, 31, 1, 1]:
        t += step
        compressed(t, 100 + len(times) % 80)
    t += 5
    fit.message(2, [t, 0, 0])  # timer start, full timestamp: the new reference
    for step in (3, 4, 30):
        t += step
        compressed(t, 150)
    t += 2
    full(t, 151)
    for _ in range(40):
        t += 1
        compressed(t, 152)
    return fit.to_bytes(), np.array(times, dtype=float), np.array(hrs, dtype=float)


def test_compressed_timestamps_match_the_encoded_truth():
    data, times, hrs = _compressed_file()
    messages = decode(data)
    assert messages.warnings == []
    rec = messages.table("record")
    np.testing.assert_array_equal(rec["timestamp"], times)
    np.testing.assert_array_equal(rec["heart_rate"], hrs)
    assert np.all(np.diff(rec["timestamp"]) > 0)
    rollovers = np.sum(np.diff(times.astype(int) & 0x1F) < 0)
    assert rollovers >= 4  # the file really crosses the 5-bit boundary several times
    assert len(messages.table("event")["_offset"]) == 1


def test_the_sdk_refuses_compressed_timestamps():
    """Why the truth is the oracle here: the SDK stops at the first compressed header."""
    data, _, _ = _compressed_file()
    sdk, errors = sdk_read(data)
    assert errors and "Compressed timestamp" in str(errors[0])
    assert len(sdk.get("record_mesgs", [])) == 1


def test_compressed_timestamp_offset_equal_to_the_reference_keeps_the_time():
    fit = FitBuilder()
    fit.define(0, "record", [field("record", "timestamp"), field("record", "heart_rate")])
    fit.message(0, [T0, 90])
    fit.compressed(0, T0 & 0x1F, [None, 91])  # same low bits: same second
    fit.compressed(0, (T0 - 1) & 0x1F, [None, 92])  # lower: rolled over, 31 s later
    ts = decode(fit.to_bytes()).table("record")["timestamp"]
    np.testing.assert_array_equal(ts, [T0, T0, T0 + 31])


# -- developer fields -----------------------------------------------------------------------

def _developer_file(*, big_endian: bool = False) -> tuple[bytes, np.ndarray, np.ndarray]:
    fit = FitBuilder()
    file_id_message(fit)
    fit.developer_data_id(1, 0)
    fit.field_description(1, 0, 0, "float32", "Power", "Watts")
    fit.field_description(1, 0, 1, "uint16", "Leg Spring Stiffness", "kN/m")
    fit.developer_data_id(1, 1, bytes(range(100, 116)))
    fit.field_description(1, 1, 0, "sint8", "Form score", "")
    fit.define(2, "record", [field("record", "timestamp"), field("record", "heart_rate"),
                             field("record", "distance")],
               big_endian=big_endian,
               dev_fields=[dev_field(0, "float32"), dev_field(1, "uint16"),
                           dev_field(0, "sint8", dev_index=1)])
    n = 120
    power = np.round(np.linspace(180.25, 320.5, n), 2).astype(np.float32).astype(float)
    power[17] = np.nan  # invalid float32
    stiffness = np.arange(n, dtype=float) + 9000
    for i in range(n):
        fit.message(2, [T0 + i, 140, raw_value("record", "distance", 3.0 * i),
                        None if np.isnan(power[i]) else float(power[i]), int(stiffness[i]),
                        -5 + i % 10])
    session_message(fit, 3, T0, n - 1)
    return fit.to_bytes(), power, stiffness


@pytest.mark.parametrize("big_endian", [False, True], ids=["little-endian", "big-endian"])
def test_developer_fields_are_kept_and_named_from_field_description(big_endian):
    data, power, stiffness = _developer_file(big_endian=big_endian)
    sdk = assert_same_as_sdk(data, expect_mesgs=("record", "field_description"))
    messages = decode(data)
    assert messages.dev_names[(0, 0)] == ("power", "float32")
    assert messages.dev_names[(1, 0)] == ("form_score", "sint8")
    rec = messages.table("record")
    keys = {d["field_name"]: d["key"] for d in sdk["field_description_mesgs"]}
    for column, label in (("dev_power", "Power"), ("dev_leg_spring_stiffness",
                                                   "Leg Spring Stiffness"),
                          ("dev_form_score", "Form score")):
        sdk_values = dev_values(sdk["record_mesgs"], keys[label])
        np.testing.assert_array_equal(rec[column], sdk_values, err_msg=column)
    np.testing.assert_array_equal(rec["dev_power"], power)
    np.testing.assert_array_equal(rec["dev_leg_spring_stiffness"], stiffness)


def test_float32_power_developer_field_becomes_power_w():
    data, power, _ = _developer_file()
    [activity] = read_fit(data, "stryd.fit")
    assert "power_w" in activity.samples
    # float32 values as their shortest decimal (181.43, not 181.42999267578125)
    decimal = np.round(np.linspace(180.25, 320.5, len(power)), 2)
    decimal[17] = np.nan
    assert not np.array_equal(power, decimal, equal_nan=True)
    np.testing.assert_array_equal(activity.samples["power_w"].to_numpy(), decimal)
    assert "dev_power" not in activity.samples
    assert activity.samples["dev_form_score"].iloc[0] == -5


def test_developer_fields_without_description_are_skipped():
    fit = FitBuilder()
    fit.define(0, "record", [field("record", "timestamp"), field("record", "heart_rate")],
               dev_fields=[dev_field(7, "uint32")])
    for i in range(5):
        fit.message(0, [T0 + i, 120 + i, 99])
    data = fit.to_bytes()
    assert_same_as_sdk(data)
    rec = decode(data).table("record")
    assert not any(c.startswith("dev_") for c in rec)
    np.testing.assert_array_equal(rec["heart_rate"], 120 + np.arange(5))


def test_a_developer_field_described_again_takes_its_last_description():
    """Three descriptions of developer field (0, 0), the middle one laid out differently, so
    that the first and last share a definition: the last in the file names the column."""
    fit = FitBuilder()
    file_id_message(fit)
    fit.developer_data_id(1, 0)
    fit.field_description(2, 0, 0, "uint16", "alpha")
    fit.define(3, "field_description", [
        field("field_description", "developer_data_index"),
        field("field_description", "field_definition_number"),
        field("field_description", "fit_base_type_id"),
        field("field_description", "field_name", 16)])
    fit.message(3, [0, 0, 0x84, "beta"])
    fit.field_description(2, 0, 0, "uint16", "gamma")
    fit.define(4, "record", [field("record", "timestamp")], dev_fields=[dev_field(0, "uint16")])
    fit.message(4, [T0, 7])
    rec = decode(fit.to_bytes()).table("record")
    assert [c for c in rec if c.startswith("dev_")] == ["dev_gamma"]
    assert rec["dev_gamma"][0] == 7


# -- arrays and strings ---------------------------------------------------------------------

def test_array_fields_match_the_sdk_with_scale_per_element():
    fit = FitBuilder()
    file_id_message(fit)
    fit.define(1, "hr", [field("hr", "timestamp"), field("hr", "filtered_bpm", 8),
                         field("hr", "event_timestamp", 8)], big_endian=True)
    fit.define(2, "record", [field("record", "timestamp"), field("record", "speed_1s", 5),
                             field("record", "left_power_phase", 2)])
    for i in range(20):
        beats = [None if (i + k) % 9 == 0 else 60 + k + i for k in range(8)]
        fit.message(1, [T0 + i, beats, [(i * 8 + k) * 1000 for k in range(8)]])
        fit.message(2, [T0 + i, [10 * k + i for k in range(5)], [i, None]])
    data = fit.to_bytes()
    assert_same_as_sdk(data, expect_mesgs=("hr", "record"))
    hr = decode(data).table("hr")
    assert hr["filtered_bpm"].shape == (20, 8)
    # profile scale 1024 applies to every element (value [s] = raw / 1024)
    np.testing.assert_allclose(hr["event_timestamp"][3], np.arange(24, 32) * 1000 / 1024)
    speed = decode(data).table("record")["speed_1s"]
    np.testing.assert_allclose(speed[2], (10 * np.arange(5) + 2) / 16)


def test_string_fields_match_the_sdk():
    fit = FitBuilder()
    file_id_message(fit)
    fit.define(1, "sport", [field("sport", "sport"), field("sport", "sub_sport"),
                            field("sport", "name", 16)])
    names = ["Trail run", "Zürich ½ marathon"[:14], "exactly16bytes!!", "", "a\0b"]
    for i, name in enumerate(names):
        fit.message(1, [1, 0, name if i != 4 else name.encode()])
    fit.define(2, "device_info", [field("device_info", "timestamp"),
                                  field("device_info", "product_name", 20),
                                  field("device_info", "descriptor", 12)], big_endian=True)
    fit.message(2, [T0, "HRM-Pro Plus", "chest"])
    data = fit.to_bytes()
    assert_same_as_sdk(data, expect_mesgs=("sport", "device_info"))
    sport = decode(data).table("sport")["name"]
    assert sport[0] == "Trail run" and sport[2] == "exactly16bytes!!"
    assert sport[1] == "Zürich ½ marat"
    assert sport[3] == "" and sport[4] == "a"
    assert decode(data).table("device_info")["product_name"][0] == "HRM-Pro Plus"


# -- redefinition, chaining -----------------------------------------------------------------

def test_redefining_a_local_type_with_other_fields():
    """Local type 0 is bound to record (2 fields), record (4 fields, big-endian), event,
    then record again: the tables follow each definition and keep file order."""
    fit = FitBuilder()
    file_id_message(fit)
    fit.define(0, "record", [field("record", "timestamp"), field("record", "heart_rate")])
    for i in range(10):
        fit.message(0, [T0 + i, 100 + i])
    fit.define(0, "record", [field("record", "heart_rate"), field("record", "timestamp"),
                             field("record", "cadence"), field("record", "power")],
               big_endian=True)
    for i in range(10, 25):
        fit.message(0, [100 + i, T0 + i, 80, 200 + i])
    fit.define(0, "event", [field("event", "timestamp"), field("event", "event"),
                            field("event", "event_type")])
    fit.message(0, [T0 + 25, 0, 4])
    fit.define(0, "record", [field("record", "timestamp"), field("record", "power")])
    for i in range(26, 30):
        fit.message(0, [T0 + i, 300 + i])
    data = fit.to_bytes()
    assert_same_as_sdk(data, expect_mesgs=("record", "event"))
    rec = decode(data).table("record")
    np.testing.assert_array_equal(rec["timestamp"], T0 + np.r_[0:25, 26:30])
    assert np.isnan(rec["cadence"][:10]).all() and (rec["cadence"][10:25] == 80).all()
    assert np.isnan(rec["heart_rate"][25:]).all()
    np.testing.assert_array_equal(rec["power"][25:], 300 + np.arange(26, 30))


def test_interleaved_messages_and_repeated_definitions_match_the_sdk():
    """As modern watches write them: record, HRV-like and event messages interleaved one by
    one, the same definition repeated (on its own and on other local types) between runs,
    and a local type rebound to other fields in between; rows stay in file order."""
    fit = FitBuilder()
    file_id_message(fit)
    short = [field("record", "timestamp"), field("record", "heart_rate")]
    wide = [field("record", "timestamp"), field("record", "heart_rate"), field("record", "power")]
    event = [field("event", "timestamp"), field("event", "event"), field("event", "event_type")]
    fit.define(0, "record", short)
    fit.define(1, "event", event)
    fit.define(2, "record", short)  # the same definition on another local type
    times, rates, powers = [], [], []
    t = T0
    for block in range(12):
        if block % 3 == 2:
            fit.define(0, "record", short)  # repeated before a block, as some devices do
        if block == 6:
            fit.define(2, "record", wide)  # local 2 rebound to other fields
        for i in range(4 + block % 3):  # single messages of alternating types, then a run
            local = (0, 2)[i % 2] if i < 3 else 0
            values = [t, 60 + (t - T0) % 100]
            if local == 2 and block >= 6:
                values.append(200 + block)
                powers.append(200 + block)
            else:
                powers.append(None)
            fit.message(local, values)
            times.append(t)
            rates.append(values[1])
            if i == 1:
                fit.message(1, [t, 0, 4])
            t += 1
    data = fit.to_bytes()
    assert_same_as_sdk(data, expect_mesgs=("record", "event"))
    messages = decode(data)
    rec = messages.table("record")
    assert (np.diff(rec["_offset"]) > 0).all()
    np.testing.assert_array_equal(rec["timestamp"], times)
    np.testing.assert_array_equal(rec["heart_rate"], rates)
    np.testing.assert_array_equal(rec["power"], [np.nan if p is None else p for p in powers])
    assert len(messages.table("event")["_offset"]) == 12


def test_chained_files_match_the_sdk():
    first, second = FitBuilder(), FitBuilder(header_size=12)
    file_id_message(first)
    truth1 = _records(first, 0, 60, big_endian=False)
    file_id_message(second, 3, big_endian=True)
    truth2 = _records(second, 3, 40, big_endian=True, t0=T0 + 100, seed=2)
    data = chain(first.to_bytes(), second.to_bytes())
    assert_same_as_sdk(data, expect_mesgs=("record", "file_id"))
    messages = decode(data)
    assert len(messages.table("file_id")["_offset"]) == 2
    np.testing.assert_array_equal(messages.table("record")["timestamp"],
                                  truth1["timestamp"] + truth2["timestamp"])


# -- accumulated / compressed fields --------------------------------------------------------

def _compressed_speed_distance_file(n: int = 400) -> tuple[bytes, np.ndarray, np.ndarray]:
    """Records with only compressed_speed_distance (12-bit speed /100, 12-bit distance /16,
    accumulating): 3.4 m/s for ``n`` s rolls the 256 m distance counter over 5 times."""
    fit = FitBuilder()
    file_id_message(fit)
    fit.define(0, "record", [field("record", "timestamp"),
                             field("record", "compressed_speed_distance", 3),
                             field("record", "heart_rate")])
    speed = 3.4 + 0.3 * np.sin(np.arange(n) / 20)
    distance = np.concatenate([[0.0], np.cumsum(speed[1:])])
    speed_raw = np.round(speed * 100).astype(int)
    dist_raw = np.round(distance * 16).astype(int)
    for i in range(n):
        s, d = int(speed_raw[i]), int(dist_raw[i]) & 0xFFF
        packed = [s & 0xFF, (s >> 8) | ((d & 0x0F) << 4), d >> 4]
        fit.message(0, [T0 + i, packed, 150])
    session_message(fit, 1, T0, n - 1)
    return fit.to_bytes(), speed_raw / 100, dist_raw / 16


def test_compressed_speed_distance_bytes_match_the_sdk():
    data, _, _ = _compressed_speed_distance_file()
    assert_same_as_sdk(data)


def test_compressed_speed_distance_accumulates_like_the_sdk():
    """Distance counts up through the 12-bit rollovers exactly as the SDK's accumulator."""
    data, speed, distance = _compressed_speed_distance_file()
    assert distance[-1] > 5 * 256
    sdk, errors = sdk_read(data, expand=True)
    assert errors == []
    sdk_distance = np.array([r["distance"] for r in sdk["record_mesgs"]], dtype=float)
    sdk_speed = np.array([r["speed"] for r in sdk["record_mesgs"]], dtype=float)
    [activity] = read_fit(data, "fr60.fit")
    np.testing.assert_allclose(activity.samples["distance_m"], sdk_distance, rtol=0, atol=1e-9)
    np.testing.assert_allclose(activity.samples["speed_m_s"], sdk_speed, rtol=0, atol=1e-9)
    np.testing.assert_allclose(activity.samples["distance_m"], distance, rtol=0, atol=1e-9)
    np.testing.assert_allclose(activity.samples["speed_m_s"], speed, rtol=0, atol=1e-9)


# -- files of the sample generator ----------------------------------------------------------

START = dt.datetime(2026, 3, 1, 7, 0, tzinfo=dt.UTC)
WORKOUTS = {
    "easy_run": lambda: easy_run(START, minutes=20),
    "intervals": lambda: intervals(START, reps=3),
    "hill_repeats": lambda: hill_repeats(START, reps=2),
    "treadmill": lambda: treadmill_run(START, minutes=10),
    "run_with_stop": lambda: run_with_stop(START, minutes=5, stop_s=120),
}


@pytest.mark.parametrize("name", sorted(WORKOUTS))
def test_generated_workouts_decode_identically(name):
    workout = WORKOUTS[name]()
    data = encode_fit(workout, synthesize(workout, seed=3, gps_noise_m=2.0, alt_noise_m=1.0))
    sdk = assert_same_as_sdk(data, expect_mesgs=("record", "lap", "session", "event",
                                                 "file_id", "device_info", "activity"))
    ts = decode(data).table("record")["timestamp"] + FIT_EPOCH_S
    expected = [r["timestamp"].timestamp() for r in sdk["record_mesgs"]]
    np.testing.assert_array_equal(ts, expected)


# -- every message of the real files --------------------------------------------------------

REAL_FIT = sorted(p for p in REAL.rglob("*.fit*") if not p.name.endswith(".csv")) \
    if REAL.is_dir() else []


@pytest.mark.parametrize("path", REAL_FIT, ids=lambda p: p.name)
def test_real_files_match_the_sdk_in_every_message(path, real_dir):
    """Beyond the record fields of test_fit_oracle: every field of every message kind."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    if not data:
        pytest.skip("empty file (refused by both)")
    _, errors = sdk_read(data)
    if errors:
        pytest.skip(f"the SDK does not decode this file: {str(errors[0])[:60]}")
    assert_same_as_sdk(data, expect_mesgs=())


