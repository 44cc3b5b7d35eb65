"""Strength and weigh-in logs of more apps: Fitbod, Hevy sets in Strava descriptions, Samsung
Health, Renpho and MyFitnessPal weigh-ins, on the real Fitbod export and on files built after
each app's documented layout, quirks included."""

from __future__ import annotations

from pathlib import Path

import pytest

from legload.core.exercise_names import classify
from legload.core.units import LB_KG
from legload.errors import ReadError
from legload.readers.logs.read import read_log
from legload.readers.logs.strength import read_strength

from .incoming import incoming


@pytest.fixture(scope="module")
def fitbod_real() -> Path:
    return incoming("fitbod/WorkoutExport.csv")


def test_real_fitbod_leg_sets_are_95_percent_known(fitbod_real):
    log = read_strength(fitbod_real.read_bytes(), str(fitbod_real))
    kinds = log.sets["exercise_raw"].map(lambda name: classify(name).kind)
    leg, unknown = int((kinds == "leg").sum()), int((kinds == "unknown").sum())
    assert leg > 800
    assert leg / (leg + unknown) >= 0.95, log.unknown


def test_real_fitbod_warmups_and_dumbbell_pairs(fitbod_real):
    sets = read_strength(fitbod_real.read_bytes(), str(fitbod_real)).sets
    assert (sets["set_type"] == "warmup").sum() == 32
    raise_ = sets[sets["exercise_raw"] == "Dumbbell Front Raise"].iloc[0]
    assert raise_["weight_kg"] == pytest.approx(2 * 7.937875915123695)
    assert str(raise_["timestamp"]) == "2022-01-05 22:06:49+00:00"


@pytest.mark.parametrize("name, kind, exercise", [
    ("Cable Pull Through", "leg", "romanian_deadlift"),
    ("Single Leg Kickback", "leg", "hip_thrust"),
    ("Straight Leg Kickback", "leg", "hip_thrust"),
    ("Leg Pull-In", "leg", "leg_raise"),
    ("Flutter Kicks", "leg", "leg_raise"),
    ("Wall Sit", "leg", "back_squat"),
    ("Dumbbell Kickbacks", "non_leg", None),  # Fitbod's triceps kickback
    ("Cable Kickback", "unknown", None),  # glute or triceps: not guessed
    ("Side Bridge", "non_leg", None),  # a side plank, not a glute bridge
    ("Glute Bridge", "leg", "hip_thrust"),
])
def test_app_titles(name, kind, exercise):
    assert (classify(name).kind, classify(name).exercise) == (kind, exercise)


FITBOD_FIXTURE = (
    "Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,Note,"
    "multiplier\n"
    "2023-03-01 18:00:00 +0000,Dumbbell Romanian Deadlift, 10,20.0,0.0,0.0,0.0,0.0,false,, 2.0\n"
    "2023-03-01 18:00:00 +0000,Dumbbell Romanian Deadlift, 10,20.0,0.0,0.0,0.0,0.0,false,, 2.0\n"
    "2023-03-01 18:00:00 +0000,Back Squat, 8,40.0,0.0,0.0,0.0,0.0,true,, 1.0\n"
    "2023-03-01 18:00:00 +0000,Dumbbell Lunge, 10,10.0,0.0,0.0,0.0,0.0,false,, 4.0\n"
    "2023-03-01 18:00:00 +0000,Weighted Wall Sit, 0,5.0,45.0,0.0,0.0,0.0,false,, 0.0\n"
)


def test_fitbod_fixture_multiplier_and_warmup():
    sets = read_strength(FITBOD_FIXTURE.encode(), "WorkoutExport.csv").sets
    assert list(sets["weight_kg"]) == [40.0, 40.0, 40.0, 20.0, 5.0]
    assert list(sets["set_index"][:2]) == [1, 2]  # identical rows are two sets
    assert list(sets["set_type"]) == ["normal", "normal", "warmup", "normal", "normal"]
    assert sets["duration_s"].iloc[4] == 45.0 and sets["duration_s"].isna().sum() == 4


STRAVA = (
    'Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Filename\n'
    '1,"Mar 3, 2023, 6:10:00 PM",Leg day,Weight Training,"Leg day\n\nSquat (Barbell)\n'
    'Set 1: 135 lbs x 8\nSet 2: 175 lbs x 7 @ 8 rpe\n\nLeg Press (Machine)\n'
    'Set 1: 100 kg x 10\n\nPlank\nSet 1: 12 reps",\n'
    '2,"Mar 4, 2023, 7:00:00 AM",Easy run,Run,"Felt good. 3 sets of strides",'
    'activities/2.fit\n'
)


def test_hevy_sets_in_strava_descriptions():
    log = read_strength(STRAVA.encode(), "activities.csv")
    sets = log.sets
    assert list(sets["exercise_raw"]) == ["Squat (Barbell)"] * 2 + ["Leg Press (Machine)",
                                                                     "Plank"]
    assert sets["weight_kg"].iloc[1] == pytest.approx(175 * LB_KG)
    assert sets["weight_kg"].iloc[2] == 100.0 and sets["reps"].iloc[1] == 7
    assert sets["rir"].iloc[1] == 2.0 and list(sets["set_index"][:2]) == [1, 2]
    assert str(sets["timestamp"].iloc[0]) == "2023-03-03 18:10:00+00:00"
    assert sets["workout"].iloc[0] == "Leg day"


def test_a_strava_list_without_hevy_sets_is_not_a_strength_log():
    plain = STRAVA.split("\n")[0] + '\n2,"Mar 4, 2023, 7:00:00 AM",Run,Run,"Set off early",x\n'
    with pytest.raises(ReadError, match="no Hevy sets"):
        read_strength(plain.encode(), "activities.csv")


SAMSUNG_NEW = (
    "com.samsung.health.weight,6313001,3\n"
    "com.samsung.health.weight.start_time,com.samsung.health.weight.weight,"
    "com.samsung.health.weight.body_fat,com.samsung.health.weight.skeletal_muscle_mass,"
    "com.samsung.health.weight.fat_free_mass,com.samsung.health.weight.time_offset\n"
    "2023-05-12 06:23:00.000,72.4,18.5,33.1,59.0,UTC+0100,\n"
    "2023-05-13 06:20:00.000,72.1,,,,UTC+0100,\n"
)
SAMSUNG_OLD = (
    "com.samsung.health.weight,6313001,3\n"
    "start_time,weight,body_fat,skeletal_muscle_mass,time_offset\n"
    "2019-01-02 07:00:00.000,80.5,22.0,35.0,UTC+0900,\n"
)


@pytest.mark.parametrize("text, first", [(SAMSUNG_NEW, (72.4, 0.185, 33.1)),
                                         (SAMSUNG_OLD, (80.5, 0.22, 35.0))])
def test_samsung_health_weight(text, first):
    rows = read_log(text.encode(), "com.samsung.health.weight.20230601.csv")
    frame = rows.frame
    assert rows.table == "body_measurements" and rows.warnings == []
    got = frame.iloc[0]
    assert (got["weight_kg"], got["body_fat_fraction"], got["skeletal_muscle_kg"]) == first
    assert set(frame["source_format"]) == {"samsung"}


def test_samsung_times_are_utc():
    frame = read_log(SAMSUNG_NEW.encode(), "w.csv").frame
    assert str(frame["timestamp"].iloc[0]) == "2023-05-12 06:23:00+00:00"
    assert frame["lean_mass_kg"].iloc[0] == 59.0


RENPHO = ("Date,Time,Weight(lb),BMI,Body Fat(%),Fat-Free Mass(lb),Skeletal Muscle(%),"
          "Muscle Mass(lb)\n2025.12.26,08:23:40,163.8,23.5,18.2,134.0,52.1,127.0\n"
          "2025.12.27,08:20:00,163.0,--,--,--,--,--\n")


def test_renpho_pounds_percent_and_dashes():
    frame = read_log(RENPHO.encode(), "RENPHO Health.csv").frame
    assert frame["weight_kg"].iloc[0] == pytest.approx(163.8 * LB_KG)
    assert frame["body_fat_fraction"].iloc[0] == pytest.approx(0.182)
    assert frame["lean_mass_kg"].iloc[0] == pytest.approx(134.0 * LB_KG)
    assert frame["skeletal_muscle_kg"].iloc[0] == pytest.approx(0.521 * 163.8 * LB_KG)
    assert frame["body_fat_fraction"].isna().iloc[1]
    assert str(frame["timestamp"].iloc[0]) == "2025-12-26 08:23:40+00:00"


@pytest.mark.parametrize("weights, factor", [((181.2, 180.4), LB_KG), ((72.0, 71.5), 1.0)])
def test_myfitnesspal_weight_unit_from_the_values(weights, factor):
    text = "Date,Weight\n" + "".join(f"2024-01-0{i + 2},{w}\n" for i, w in enumerate(weights))
    rows = read_log(text.encode(), "Measurement-Summary.csv")
    assert list(rows.frame["weight_kg"]) == pytest.approx([w * factor for w in weights])
    assert any("not labelled" in w for w in rows.warnings)


def test_myfitnesspal_ambiguous_unit_is_refused_naming_the_file():
    with pytest.raises(ReadError, match=r"^m\.csv: cannot tell kilograms from pounds"):
        read_log(b"Date,Weight\n2024-01-02,115\n2024-01-03,116\n", "m.csv")


def test_a_strava_export_with_hevy_sets_imports_them_once(tmp_path):
    from legload.api import import_paths
    from legload.store import Store

    export = tmp_path / "export"
    export.mkdir()
    (export / "activities.csv").write_text(STRAVA)
    db = tmp_path / "db.sqlite"
    first = import_paths([export], db=db, workers=1)
    assert (first.imported, first.failed, first.skipped) == (1, [], [])
    with Store(db) as store:
        sets = store.log_frame("strength_sets", None)
    assert list(sets["exercise"][:3]) == ["back_squat", "back_squat", "leg_press"]
    again = import_paths([export], db=db, workers=1)
    assert (again.imported, again.duplicates) == (0, 1)


def test_a_strava_export_without_hevy_sets_lists_nothing_more(tmp_path):
    from legload.api import import_paths

    export = tmp_path / "export"
    export.mkdir()
    (export / "activities.csv").write_text(STRAVA.split("\n")[0] + "\n"
                                           '2,"Mar 4, 2023, 7:00:00 AM",Run,Run,"Easy",a/2.fit\n')
    result = import_paths([export], db=tmp_path / "db.sqlite", workers=1)
    assert (result.imported, result.failed, result.skipped) == (0, [], [])


@pytest.mark.parametrize("text, reader", [
    (FITBOD_FIXTURE, "legload.readers.logs.apps"), (STRAVA, "legload.readers.logs.apps"),
    (SAMSUNG_OLD, "legload.readers.logs.scales"), (RENPHO, "legload.readers.logs.scales"),
    ("date,weight_kg\n2024-01-02,70\n", "legload.readers.logs.body"),
    ("date,exercise,reps\n2024-01-02,Squat,5\n", "legload.readers.logs.strength"),
])
def test_each_log_names_the_module_that_read_it(text, reader):
    assert read_log(text.encode(), "log.csv").reader == reader


def test_a_zipped_strava_export_with_hevy_sets_imports_them(tmp_path):
    import zipfile

    from legload.api import import_paths

    archive = tmp_path / "export_123.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("activities.csv", STRAVA)
    result = import_paths([archive], db=tmp_path / "db.sqlite", workers=1)
    assert (result.imported, result.failed, result.skipped) == (1, [], [])
