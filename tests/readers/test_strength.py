"""Strength readers: Hevy, Strong (three variants), legload CSV and FIT set messages."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from garmin_fit_sdk import Encoder, Profile

from legload.core.exercise_names import classify
from legload.errors import ReadError
from legload.readers.fit.decode import FIT_EPOCH_S, decode
from legload.readers.logs.fitsets import fit_sets
from legload.readers.logs.strength import (
    LB_KG,
    LOCAL_TIME_WARNING,
    SET_COLUMNS,
    read_strength,
)

EXPORTS = ("hevy/workout_data.csv", "strong/strong_classic_lbs.csv",
           "strong/strong_new_format_semicolon.csv", "strong/strong_cyrillic_cardio.csv")


def _read(real_dir, name):
    path = real_dir / "exports" / name
    if not path.is_file():
        pytest.skip(f"{name} is not on this machine")
    return read_strength(path.read_bytes(), str(path))


def _check_frame(sets: pd.DataFrame) -> None:
    assert list(sets.columns) == list(SET_COLUMNS)
    assert str(sets["timestamp"].dt.tz) == "UTC"
    assert set(sets["set_type"]) <= {"normal", "warmup", "dropset", "failure"}
    assert (sets["set_index"] >= 1).all()
    assert (sets["weight_kg"].dropna() >= 0).all()


@pytest.mark.parametrize("name", EXPORTS)
def test_every_row_is_mapped_non_leg_or_unknown(real_dir, name):
    log = _read(real_dir, name)
    sets = log.sets
    _check_frame(sets)
    unknown, non_leg = set(log.unknown), set(log.non_leg)
    mapped = sets["exercise"].notna()
    for raw, exercise in zip(sets["exercise_raw"], sets["exercise"], strict=True):
        assert (exercise is not None) + (raw in non_leg) + (raw in unknown) == 1, raw
    # leg rows: mapped rows plus unknown rows (an unknown title may be a leg exercise)
    n_unknown = int(sets["exercise_raw"].isin(unknown).sum())
    share = mapped.sum() / (mapped.sum() + n_unknown) if mapped.sum() + n_unknown else 1.0
    labelled_non_leg_unknown = {"Intensity"}  # a custom rating row of this export, not a lift
    leg_unknown = int(sets["exercise_raw"].isin(unknown - labelled_non_leg_unknown).sum())
    leg_share = mapped.sum() / (mapped.sum() + leg_unknown)
    print(f"\n{name}: {len(sets)} sets, {mapped.sum()} leg sets mapped, {n_unknown} unknown; "
          f"{100 * leg_share:.1f} % of leg rows mapped ({100 * share:.1f} % if every unknown "
          f"title were a leg exercise); unknown titles {sorted(unknown)}")
    assert leg_share >= 0.95
    assert share >= 0.85


def test_hevy(real_dir):
    log = _read(real_dir, "hevy/workout_data.csv")
    assert len(log.sets) == 330
    assert LOCAL_TIME_WARNING in log.warnings
    squat = log.sets[log.sets["exercise_raw"] == "Squat (Barbell)"]
    assert (squat["exercise"] == "back_squat").all()
    assert "Bench Press (Dumbbell)" in log.non_leg
    first = log.sets.iloc[0]
    assert first["timestamp"] == pd.Timestamp("2025-06-30 19:56", tz="UTC")
    assert first["weight_kg"] == 48.0 and first["reps"] == 13
    assert math.isnan(first["rir"])


def test_strong_classic_pounds(real_dir):
    log = _read(real_dir, "strong/strong_classic_lbs.csv")
    assert any("read as lb" in w for w in log.warnings)
    first = log.sets.iloc[0]  # Overhead Press (Barbell) 115.0 lb x 4
    assert first["weight_kg"] == pytest.approx(115.0 * 0.45359237)
    assert first["weight_kg"] == pytest.approx(52.163, abs=1e-3)
    residue = log.sets[log.sets["weight_kg"].sub(150 * LB_KG).abs() < 1e-9]
    assert len(residue) > 0  # 149.99999999999997 lb -> 68.04 kg
    assert {"Rowing (Machine)", "Cycling (Indoor)"} <= {
        s.split(":")[0].split(" (cycling)")[0] for s in log.skipped}
    assert "Squat (Barbell)" not in log.unknown
    rpe9 = log.sets[log.sets["rir"].notna()]
    assert (rpe9["rir"] == 1.0).all() and len(rpe9) == 1
    kg = read_strength((real_dir / "exports/strong/strong_classic_lbs.csv").read_bytes(),
                       "x.csv", weight_unit="kg")
    assert kg.sets.iloc[0]["weight_kg"] == 115.0


def test_strong_semicolon(real_dir):
    log = _read(real_dir, "strong/strong_new_format_semicolon.csv")
    assert len(log.sets) == 14
    assert not any("weight unit" in w for w in log.warnings)
    dl = log.sets[log.sets["exercise"] == "deadlift"]
    assert dl["weight_kg"].tolist() == [40.0, 60.0, 60.0, 60.0]
    assert dl["set_index"].tolist() == [1, 2, 3, 4]
    plank = log.sets[log.sets["exercise_raw"] == "Plank"]
    assert plank["duration_s"].tolist() == [75.0, 80.0, 60.0]
    assert "Plank" in log.non_leg
    assert (log.sets["exercise_raw"] == "Leg Press").sum() == 3


def test_strong_cyrillic_with_cardio(real_dir):
    log = _read(real_dir, "strong/strong_cyrillic_cardio.csv")
    assert "Воркаут после полудня" in set(log.sets["workout"])
    assert "Elliptical Machine" not in set(log.sets["exercise_raw"])
    note = [s for s in log.skipped if s.startswith("Elliptical Machine")]
    assert note and "10 cardio row" in note[0]
    assert len(log.sets) == 198
    assert any("read as kg" in w for w in log.warnings)
    bench = log.sets[log.sets["exercise_raw"] == "Bench Press (Barbell)"]
    assert bench["weight_kg"].tolist()[:4] == [30.0, 40.0, 40.0, 40.0]


def test_legload_csv():
    text = ("date,exercise,set,reps,weight_kg,rir\n"
            "2024-05-01T18:00:00+02:00,Back Squat,1,5,100,2\n"
            "2024-05-01T18:00:00+02:00,Back Squat,2,5,100,1\n"
            "2024-05-01T18:00:00+02:00,Calf raise,1,15,40,\n"
            "2024-05-01T18:00:00+02:00,Bench press,1,8,60,2\n"
            "2024-05-01T18:00:00+02:00,Cable Kickback,1,12,10,\n")
    log = read_strength(text.encode(), "log.csv")
    _check_frame(log.sets)
    assert log.sets["timestamp"].iloc[0] == pd.Timestamp("2024-05-01 16:00", tz="UTC")
    assert LOCAL_TIME_WARNING not in log.warnings
    assert log.sets["exercise"].tolist()[:3] == ["back_squat", "back_squat",
                                                 "calf_raise_straight_knee"]
    assert log.sets["set_index"].tolist()[:2] == [1, 2]
    assert log.sets["rir"].tolist()[:2] == [2.0, 1.0] and math.isnan(log.sets["rir"].iloc[2])
    assert log.non_leg == ["Bench press"] and log.unknown == ["Cable Kickback"]


def test_legload_csv_local_dates_warn_once():
    text = "date,exercise,reps\n2024-05-01,Lunge,10\n2024-05-02,Lunge,12\n"
    log = read_strength(text.encode(), "log.csv")
    assert log.warnings.count(LOCAL_TIME_WARNING) == 1
    assert log.sets["timestamp"].iloc[1] == pd.Timestamp("2024-05-02", tz="UTC")


def test_hevy_pounds_warmups_and_rpe():
    text = ('"title","start_time","end_time","description","exercise_title","superset_id",'
            '"exercise_notes","set_index","set_type","weight_lbs","reps","distance_miles",'
            '"duration_seconds","rpe"\n'
            '"Legs","1 Jul 2025, 07:05","1 Jul 2025, 08:00","","Leg Press",,"",0,"warmup",'
            '100,10,,,\n'
            '"Legs","1 Jul 2025, 07:05","1 Jul 2025, 08:00","","Leg Press",,"",1,"normal",'
            '200,8,,,8.5\n'
            '"Legs","1 Jul 2025, 07:05","1 Jul 2025, 08:00","","Leg Press",,"",2,"failure",'
            '200,6,,,\n')
    sets = read_strength(text.encode(), "w.csv").sets
    assert sets["set_type"].tolist() == ["warmup", "normal", "failure"]
    assert sets["weight_kg"].iloc[1] == pytest.approx(90.718474)
    assert sets["rir"].iloc[1] == pytest.approx(1.5)
    assert sets["rir"].iloc[2] == 0.0


@pytest.mark.parametrize("data", [b"", b"a,b,c\n1,2,3\n", b"\x00\x01binary",
                                  b"<gpx></gpx>"])
def test_unknown_formats_are_refused(data):
    with pytest.raises(ReadError, match="not a recognised strength log"):
        read_strength(data, "mystery.csv")


def _fit_with_sets() -> bytes:
    mesg = {name: num for num, name in Profile["types"]["mesg_num"].items()}
    cat = {name: num for num, name in Profile["types"]["exercise_category"].items()}
    squat = {n: k for k, n in Profile["types"]["squat_exercise_name"].items()}
    t0 = int(pd.Timestamp("2024-03-01T07:00:00Z").timestamp()) - FIT_EPOCH_S
    enc = Encoder()
    enc.write_mesg({"mesg_num": mesg["file_id"], "type": "activity", "manufacturer": "garmin",
                    "product": 4024, "serial_number": 1234, "time_created": t0})
    rows = [
        (0, cat["squat"], squat["barbell_front_squat"], 5, 80.0, 40.0, "active"),
        (100, cat["squat"], squat["barbell_front_squat"], 5, 80.0, 38.0, "active"),
        (140, cat["squat"], squat["barbell_front_squat"], None, None, 90.0, "rest"),
        (230, cat["calf_raise"], None, 15, 40.0, 30.0, "active"),
        (300, cat["bench_press"], None, 8, 60.0, 30.0, "active"),
    ]
    for i, (dt, category, sub, reps, weight, duration, kind) in enumerate(rows):
        m = {"mesg_num": mesg["set"], "timestamp": t0 + dt + 40, "start_time": t0 + dt,
             "duration": duration, "set_type": kind, "category": [category],
             "message_index": i}
        if sub is not None:
            m["category_subtype"] = [sub]
        if reps is not None:
            m["repetitions"] = reps
        if weight is not None:
            m["weight"] = weight
        enc.write_mesg(m)
    return enc.close()


def test_fit_sets():
    table = decode(_fit_with_sets()).table("set")
    sets = fit_sets(table)
    _check_frame(sets)
    assert len(sets) == 4  # the rest set is dropped
    assert sets["exercise_raw"].tolist() == ["barbell_front_squat", "barbell_front_squat",
                                             "calf_raise", "bench_press"]
    assert sets["exercise"].tolist() == ["front_squat", "front_squat",
                                         "calf_raise_straight_knee", None]
    assert sets["reps"].tolist() == [5.0, 5.0, 15.0, 8.0]
    assert sets["weight_kg"].tolist() == [80.0, 80.0, 40.0, 60.0]
    assert sets["duration_s"].tolist() == [40.0, 38.0, 30.0, 30.0]
    assert sets["set_index"].tolist() == [1, 2, 1, 1]
    assert sets["timestamp"].iloc[0] == pd.Timestamp("2024-03-01T07:00:00Z")
    assert classify(sets["exercise_raw"].iloc[3]).kind == "non_leg"


def test_sets_from_fit_empty():
    sets = fit_sets({"_offset": np.array([], dtype=float)})
    assert list(sets.columns) == list(SET_COLUMNS) and sets.empty
