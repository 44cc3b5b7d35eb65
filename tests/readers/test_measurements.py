"""Body-log reader: legload CSV, Withings weight.csv, Cronometer biometrics, FIT weight_scale."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from garmin_fit_sdk import Decoder, Encoder, Profile, Stream
from hypothesis import given, settings
from hypothesis import strategies as st

from legload.core.units import LB_KG
from legload.errors import ReadError
from legload.readers.fit.decode import FIT_EPOCH_S, decode
from legload.readers.logs.body import (
    BODY_COLUMNS,
    NOT_RECOGNISED,
    body_from_fit,
    read_body,
)
from legload.readers.logs.detect import detect_log
from legload.readers.logs.strength import LOCAL_TIME_WARNING

BIOMETRICS = "exports/cronometer/2024/biometrics.csv"
#: the documented Withings Health Mate export header of weight.csv
WITHINGS_HEADER = ('"Date","Weight (kg)","Fat mass (kg)","Bone mass (kg)","Muscle mass (kg)",'
                   '"Hydration (kg)","Comments"')
_MESG = {name: num for num, name in Profile["types"]["mesg_num"].items()}


def _check(frame: pd.DataFrame) -> None:
    assert list(frame.columns) == list(BODY_COLUMNS)
    assert str(frame["timestamp"].dt.tz) == "UTC"
    assert frame["timestamp"].is_monotonic_increasing
    assert frame["weight_kg"].dtype == np.float64
    fat = frame["body_fat_fraction"].dropna()
    assert ((fat >= 0.02) & (fat <= 0.70)).all()


def _at(frame: pd.DataFrame, stamp: str) -> pd.Series:
    rows = frame[frame["timestamp"] == pd.Timestamp(stamp)]
    assert len(rows) == 1, stamp
    return rows.iloc[0]


# --- Cronometer biometrics -----------------------------------------------------------------


def test_cronometer_biometrics_real(real_dir):
    path = real_dir / BIOMETRICS
    if not path.is_file():
        pytest.skip(f"{BIOMETRICS} is not on this machine")
    log = read_body(path.read_bytes(), str(path))
    frame = log.measurements
    _check(frame)
    assert log.format == "cronometer_biometrics"
    assert set(frame["source_format"]) == {"cronometer_biometrics"}
    assert len(frame) == 98  # 101 rows, three days written twice (kg + lbs, app + Google Fit)
    assert _at(frame, "2024-03-19T00:00Z")["weight_kg"] == 93.5
    assert _at(frame, "2024-06-24T00:00Z")["weight_kg"] == pytest.approx(166.0 * LB_KG)
    assert _at(frame, "2024-06-07T00:00Z")["weight_kg"] == pytest.approx(
        (170.9 * LB_KG + 77.5189) / 2)
    fat_day = _at(frame, "2024-06-08T00:00Z")
    assert fat_day["body_fat_fraction"] == pytest.approx(0.22)
    assert math.isnan(fat_day["weight_kg"])
    assert frame["weight_kg"].dropna().between(70, 95).all()
    assert LOCAL_TIME_WARNING not in log.warnings  # dates without times: days, not local times


def test_cronometer_biometrics_with_time_units_and_other_metrics():
    data = (b"Day,Time,Group,Metric,Unit,Amount\n"
            b'2021-05-01,07:30,Uncategorized,"Weight",lbs,150.0\n'
            b'2021-05-01,07:30,Uncategorized,"Body Fat",%,18.5\n'
            b'2021-05-02,,Uncategorized,"Weight",kg,68.2\n'
            b'2021-05-02,,Uncategorized,"Blood Pressure",mmHg,120\n'
            b'2021-05-03,,Uncategorized,"Weight",stone,11\n')
    log = read_body(data, "biometrics.csv")
    frame = log.measurements
    _check(frame)
    assert len(frame) == 2
    first = _at(frame, "2021-05-01T07:30Z")
    assert first["weight_kg"] == pytest.approx(150.0 * 0.45359237)
    assert first["body_fat_fraction"] == pytest.approx(0.185)
    assert _at(frame, "2021-05-02T00:00Z")["weight_kg"] == 68.2
    text = " ".join(log.warnings)
    assert "1 row(s) of other metrics skipped (Blood Pressure)" in text
    assert "unknown unit" in text and "'stone'" in text
    assert LOCAL_TIME_WARNING in log.warnings


# --- legload CSV ---------------------------------------------------------------------------


def test_legload_dates_offsets_and_local_times():
    log = read_body(b"date,weight_kg,body_fat_pct\n2025-02-01,70.4,15.2\n2025-02-04,70.1,\n",
                    "weight.csv")
    frame = log.measurements
    _check(frame)
    assert log.format == "legload"
    assert list(frame["timestamp"]) == [pd.Timestamp("2025-02-01", tz="UTC"),
                                        pd.Timestamp("2025-02-04", tz="UTC")]
    assert frame["body_fat_fraction"].iloc[0] == pytest.approx(0.152)
    assert math.isnan(frame["body_fat_fraction"].iloc[1])
    assert not log.warnings
    offset = read_body(b"date,weight_kg\n2025-02-01T07:00:00+02:00,70\n"
                       b"2025-02-02T07:00:00-05:00,70.2\n", "w.csv")
    assert list(offset.measurements["timestamp"]) == [pd.Timestamp("2025-02-01T05:00Z"),
                                                      pd.Timestamp("2025-02-02T12:00Z")]
    assert not offset.warnings
    mixed = read_body(b"date,weight_kg\n2025-02-01,70\n2025-02-07T07:05:00+01:00,69.8\n", "w.csv")
    assert mixed.measurements["timestamp"].iloc[1] == pd.Timestamp("2025-02-07T06:05Z")
    assert not mixed.warnings
    local = read_body(b"date,weight_kg\n2025-02-01 07:00,70\n", "w.csv")
    assert local.measurements["timestamp"].iloc[0] == pd.Timestamp("2025-02-01T07:00Z")
    assert local.warnings == [LOCAL_TIME_WARNING]


def test_legload_pounds():
    log = read_body(b"date,weight_lb\n2025-02-01,154.3\n", "w.csv")
    assert log.measurements["weight_kg"].iloc[0] == pytest.approx(154.3 * LB_KG)
    assert log.measurements["weight_kg"].iloc[0] == pytest.approx(69.9893, abs=1e-4)


def test_absurd_values_are_dropped_with_warnings():
    data = (b"date,weight_kg,body_fat_pct\n2025-01-01,70,15\n2025-01-02,20,15\n"
            b"2025-01-03,400,15\n2025-01-04,71,1\n2025-01-05,72,80\n2025-01-06,25,70\n"
            b"2025-01-07,350,2\n")
    log = read_body(data, "w.csv")
    frame = log.measurements
    _check(frame)
    assert [t.day for t in frame["timestamp"]] == [1, 4, 5, 6, 7]  # the bounds are kept
    assert frame["body_fat_fraction"].isna().tolist() == [False, True, True, False, False]
    assert frame["weight_kg"].tolist() == [70.0, 71.0, 72.0, 25.0, 350.0]
    text = " ".join(log.warnings)
    assert "2 weight(s) outside 25–350 kg dropped" in text
    assert "2 body-fat value(s) outside 2–70 % dropped" in text


@settings(max_examples=60, deadline=None)
@given(st.lists(
    st.tuples(st.dates(min_value=pd.Timestamp("1990-01-01").date(),
                       max_value=pd.Timestamp("2099-12-31").date()),
              st.floats(25, 350, allow_nan=False),
              st.one_of(st.none(), st.floats(2, 70, allow_nan=False))),
    min_size=1, max_size=30, unique_by=lambda row: row[0]))
def test_legload_csv_round_trip(rows):
    lines = ["date,weight_kg,body_fat_pct"]
    lines += [f"{day.isoformat()},{weight!r},{'' if fat is None else repr(fat)}"
              for day, weight, fat in rows]
    log = read_body("\n".join(lines).encode(), "round-trip.csv")
    _check(log.measurements)
    assert not log.warnings
    expected = sorted(rows)
    frame = log.measurements
    assert [t.date() for t in frame["timestamp"]] == [r[0] for r in expected]
    np.testing.assert_array_equal(frame["weight_kg"].to_numpy(), [r[1] for r in expected])
    np.testing.assert_allclose(frame["body_fat_fraction"].to_numpy(),
                               [np.nan if r[2] is None else r[2] / 100 for r in expected],
                               rtol=1e-12)


# --- Withings ------------------------------------------------------------------------------


def test_withings_fat_mass_gives_the_fraction():
    data = (WITHINGS_HEADER + "\n"
            '"2016-05-31 6:36 AM","62.77","8.37","2.9","51.2","37.0",""\n'
            '"2016-05-30 22:28:00","63.82","","","","",""\n').encode()  # both forms occur
    log = read_body(data, "weight.csv")
    frame = log.measurements
    _check(frame)
    assert log.format == "withings"
    assert list(frame["timestamp"]) == [pd.Timestamp("2016-05-30T22:28Z"),
                                        pd.Timestamp("2016-05-31T06:36Z")]
    assert frame["weight_kg"].tolist() == [63.82, 62.77]
    assert math.isnan(frame["body_fat_fraction"].iloc[0])
    assert frame["body_fat_fraction"].iloc[1] == pytest.approx(8.37 / 62.77)
    assert LOCAL_TIME_WARNING in log.warnings


def test_withings_pounds_and_fat_ratio():
    data = (b'"Date","Weight (lb)","Fat mass (lb)","Fat Ratio (%)","Comments"\n'
            b'"2024-01-02 07:15:00","154.32","30.0","19.5",""\n'
            b'"2024-01-03 07:10:00","154.0","30.8","",""\n')
    frame = read_body(data, "weight.csv").measurements
    assert frame["weight_kg"].tolist() == pytest.approx([154.32 * LB_KG, 154.0 * LB_KG])
    assert frame["body_fat_fraction"].iloc[0] == pytest.approx(0.195)  # the ratio wins
    assert frame["body_fat_fraction"].iloc[1] == pytest.approx(30.8 / 154.0)


# --- FIT weight_scale ----------------------------------------------------------------------


T0 = 1_100_000_000  # FIT seconds: 2024-11-08T...Z


def _weight_fit(entries: list[tuple[int, float | None, float | None]]) -> bytes:
    enc = Encoder()
    enc.write_mesg({"mesg_num": _MESG["file_id"], "type": "weight", "manufacturer": "garmin",
                    "product": 2429, "serial_number": 4321, "time_created": T0})
    for stamp, weight, fat in entries:
        mesg = {"mesg_num": _MESG["weight_scale"], "timestamp": stamp}
        if weight is not None:
            mesg["weight"] = weight
        if fat is not None:
            mesg["percent_fat"] = fat
        enc.write_mesg(mesg)
    return enc.close()


def test_fit_weight_scale_against_the_sdk():
    day = 86_400
    data = _weight_fit([(T0, 72.35, 18.4), (T0 + day, 72.1, None), (T0 + 2 * day, 500.0, 10.0),
                        (T0 + 3 * day, 71.9, 85.0)])
    log = body_from_fit(decode(data))
    frame = log.measurements
    _check(frame)
    assert log.format == "fit" and set(frame["source_format"]) == {"fit"}
    sdk, errors = Decoder(Stream.from_byte_array(bytearray(data))).read(
        convert_datetimes_to_dates=False)
    assert not errors
    oracle = [m for m in sdk["weight_scale_mesgs"] if m["weight"] <= 350]
    assert frame["weight_kg"].tolist() == pytest.approx([m["weight"] for m in oracle])
    assert [int(t.timestamp()) - FIT_EPOCH_S for t in frame["timestamp"]] == [
        m["timestamp"] for m in oracle]
    assert frame["weight_kg"].iloc[0] == pytest.approx(72.35)
    assert frame["body_fat_fraction"].iloc[0] == pytest.approx(0.184)
    assert math.isnan(frame["body_fat_fraction"].iloc[1])
    assert math.isnan(frame["body_fat_fraction"].iloc[2])  # 85 % dropped, weight kept
    assert frame["timestamp"].iloc[0] == pd.Timestamp(T0 + FIT_EPOCH_S, unit="s", tz="UTC")
    text = " ".join(log.warnings)
    assert "1 weight(s) outside 25–350 kg dropped" in text and "body-fat value(s)" in text
    # the table alone works as well as the decoded file
    same = body_from_fit(decode(data).table("weight_scale")).measurements
    pd.testing.assert_frame_equal(same, frame)


def test_fit_weight_file_through_read_body_and_detect_log():
    data = _weight_fit([(T0, 80.0, 20.0)])
    assert detect_log(data, "weight.fit") == "body"
    frame = read_body(data, "weight.fit").measurements
    assert frame["weight_kg"].tolist() == [80.0]


def test_fit_without_weight_scale_is_refused():
    enc = Encoder()
    enc.write_mesg({"mesg_num": _MESG["file_id"], "type": "weight", "manufacturer": "garmin",
                    "product": 2429, "serial_number": 1, "time_created": T0})
    data = enc.close()
    assert detect_log(data, "empty.fit") is None
    with pytest.raises(ReadError) as info:
        read_body(data, "empty.fit")
    assert str(info.value) == "empty.fit: a FIT file without weight_scale measurements"


def test_fit_calculating_weight_is_skipped():
    table = {"_offset": np.array([0.0, 1.0]), "timestamp": np.array([T0, T0 + 60.0]),
             "weight": np.array([655.34, 70.0]), "percent_fat": np.array([np.nan, np.nan])}
    log = body_from_fit(table)
    assert log.measurements["weight_kg"].tolist() == [70.0]
    assert any("calculating" in w for w in log.warnings)


# --- refusals ------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [
    b"when,kilos\n2025-01-01,70\n",
    b"date,energy_kcal,protein_g\n2025-01-01,2000,100\n",
    b"date,exercise,set,reps,weight_kg\n2025-01-01,Squat,1,5,100\n",
])
def test_unknown_files_are_refused_on_one_line(data):
    with pytest.raises(ReadError) as info:
        read_body(data, "in/body.csv")
    assert str(info.value) == f"in/body.csv: {NOT_RECOGNISED}"
    assert "\n" not in str(info.value)


def test_unreadable_dates_are_refused_or_dropped():
    with pytest.raises(ReadError, match=r"^w\.csv: no readable dates in column 'date'"):
        read_body(b"date,weight_kg\nyesterday,70\n", "w.csv")
    log = read_body(b"date,weight_kg\n2025-01-01,70\nyesterday,71\n", "w.csv")
    assert len(log.measurements) == 1
    assert any("unreadable date" in w for w in log.warnings)


def test_a_date_outside_the_datetime_range_is_unreadable():
    """ISO dates pandas reads but cannot hold in nanoseconds (year -6, 3000) are dropped."""
    log = read_body(b"date,weight_kg\n-6-01-01T00:00:00Z,70\n3000-01-01T00:00:00Z,70\n"
                    b"2024-01-02T07:00:00+01:00,71\n", "w.csv")
    assert log.measurements["weight_kg"].tolist() == [71.0]
    assert str(log.measurements["timestamp"].iloc[0]) == "2024-01-02 06:00:00+00:00"
