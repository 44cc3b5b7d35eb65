"""Fitbit account exports (Google Takeout and the older user-site export): weigh-ins whose unit
is told from the BMI, daily food calories, exercises as summaries; on the real export and on
files built after its layout; a re-import adds nothing and an exercise recorded as a GPX too
is one activity."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from legload.api import import_paths, list_activities
from legload.core.units import LB_KG
from legload.errors import ReadError
from legload.readers.detect import read_content
from legload.readers.exports.fitbit import read_fitbit_exercises
from legload.readers.logs.read import read_log

from .incoming import incoming


@pytest.fixture(scope="module")
def export() -> Path:
    return incoming("fitbit_user_site_export")


def test_real_weights_are_pounds_told_from_the_bmi(export):
    path = export / "weight" / "weight-2015-11-13.json"
    rows = read_log(path.read_bytes(), str(path))
    assert rows.table == "body_measurements" and "weights read as pounds" in rows.warnings
    first = rows.frame.iloc[0]
    assert first["weight_kg"] == pytest.approx(200.0 * LB_KG)
    assert first["body_fat_fraction"] == pytest.approx(0.272)
    assert str(first["timestamp"]) == "2015-11-13 23:59:59+00:00"


def test_every_real_weight_file_reads(export):
    files = sorted((export / "weight").glob("weight-*.json"))
    assert len(files) == 29
    for path in files:
        frame = read_log(path.read_bytes(), str(path)).frame
        assert frame["weight_kg"].between(75, 100).all(), path.name  # 175–220 lb


def _weights(rows: list[tuple[float, float]]) -> bytes:
    return json.dumps([{"logId": i, "weight": w, "bmi": b, "date": f"03/0{i + 1}/23",
                        "time": "07:00:00", "source": "API"}
                       for i, (w, b) in enumerate(rows)]).encode()


def test_kilogram_weights_told_from_the_bmi():
    rows = read_log(_weights([(70.0, 22.9), (69.5, 22.7)]), "weight-2023-03-01.json")
    assert list(rows.frame["weight_kg"]) == [70.0, 69.5]
    assert "weights read as kilograms" in rows.warnings


@pytest.mark.parametrize("rows, why", [
    ([(100.0, 22.68)], "both"),  # 2.10 m in kg, 1.41 m in lb: either could be right
    ([(70.0, None)], "no weigh-in has a BMI"),
])
def test_an_untellable_unit_is_refused_naming_the_file(rows, why):
    with pytest.raises(ReadError, match=rf"^weight-x\.json: .*{why}"):
        read_log(_weights(rows), "weight-x.json")


def test_real_food_log_calories_per_day(export):
    path = export / "food_logs-0.json"
    rows = read_log(path.read_bytes(), str(path))
    entries = json.loads(path.read_text())
    day = [e["loggedFood"]["calories"] for e in entries if e["logDate"] == "2015-05-22"]
    frame = rows.frame.set_index("date")
    assert rows.table == "intake_days" and len(frame) == 4
    assert frame.loc["2015-05-22", "energy_kcal"] == sum(day)
    assert frame["protein_g"].isna().all()  # the user-site export gives calories only


def test_takeout_food_log_protein_where_every_entry_gives_it():
    entries = [{"logId": 1, "logDate": "2023-03-01", "loggedFood": {"calories": 500},
                "nutritionalValues": {"calories": 500, "protein": 30}},
               {"logId": 2, "logDate": "2023-03-01", "loggedFood": {"calories": 300},
                "nutritionalValues": {"calories": 300, "protein": 12.5}},
               {"logId": 3, "logDate": "2023-03-02", "loggedFood": {"calories": 200}}]
    frame = read_log(json.dumps(entries).encode(), "food_logs-2023-03-01.json").frame
    assert list(frame["energy_kcal"]) == [800, 200]
    assert frame["protein_g"].iloc[0] == 42.5 and frame["protein_g"].isna().iloc[1]


def test_real_exercises_are_summaries(export):
    path = export / "exercise" / "exercise-0.json"
    activities = read_content(path.read_bytes(), str(path))
    assert len(activities) == 100
    runs = [a.summary for a in activities if a.summary["sport"] == "running"]
    assert len(runs) == 11
    walk = activities[0].summary
    assert (walk["sport"], walk["start"], walk["duration_s"]) == ("walking",
                                                                  "2015-05-19T02:01:19", 2998.0)
    assert walk["distance_m"] == pytest.approx(2880.54)


def _exercise(start: datetime, seconds: float, km: float, unit: str = "Kilometer") -> bytes:
    return json.dumps([{"logId": 7, "activityName": "Run", "activityTypeId": 90009,
                        "startTime": start.strftime("%m/%d/%y %H:%M:%S"),
                        "duration": seconds * 1000, "activeDuration": seconds * 1000,
                        "distance": km, "distanceUnit": unit, "calories": 500}]).encode()


def test_miles_and_sport():
    start = datetime(2023, 3, 1, 7, 0)
    (activity,) = read_fitbit_exercises(_exercise(start, 1800, 3.1, "Mile"), "exercise-0.json")
    assert activity.summary["distance_m"] == pytest.approx(3.1 * 1609.344)
    assert activity.summary["sport"] == "running"


def test_reimport_adds_nothing(export, tmp_path):
    db = tmp_path / "db.sqlite"
    first = import_paths([export], db=db, workers=1)
    assert first.failed == [] and first.skipped == [] and first.imported == 31
    # every file, the exercise list included, names the Fitbit reader that took it
    assert {(f["reader"], f["outcome"]) for f in first.files} == {
        ("legload.readers.exports.fitbit", "imported")}
    again = import_paths([export], db=db, workers=1)
    assert (again.imported, again.duplicates) == (0, 31)
    assert {f["outcome"] for f in again.files} == {"duplicate"}
    assert None not in {f["reader"] for f in again.files}


def test_an_exercise_also_imported_as_gpx_is_one_activity(tmp_path):
    from legload.synth.gpx_writer import write_gpx
    from legload.synth.workouts import easy_run

    start = datetime(2023, 3, 1, 7, 0, tzinfo=UTC)
    gpx = write_gpx(easy_run(start, minutes=45, speed=2.9), tmp_path / "run.gpx")
    folder = tmp_path / "fitbit" / "exercise"
    folder.mkdir(parents=True)
    (folder / "exercise-0.json").write_bytes(
        _exercise(start.replace(tzinfo=None), 45 * 60, 45 * 60 * 2.9 / 1000))
    db = tmp_path / "db.sqlite"
    import_paths([tmp_path / "fitbit"], db=db, workers=1)
    result = import_paths([gpx], db=db, workers=1)
    assert result.merged and len(list_activities(db=db)) == 1
    assert list_activities(db=db)[0]["format"] == "gpx"  # the richer recording is kept


def test_a_fitbit_log_of_the_other_kind_is_refused():
    weights = _weights([(70.0, 22.9)])
    with pytest.raises(ReadError, match=r"^weight-x\.json: a Fitbit weight log, not an intake log"):
        read_log(weights, "weight-x.json", "intake")
    assert read_log(weights, "weight-x.json", "body").table == "body_measurements"


def test_other_json_is_skipped_on_import(tmp_path):
    folder = tmp_path / "DI_CONNECT"
    folder.mkdir()
    (folder / "x_summarizedActivities.json").write_text('[{"summarizedActivitiesExport": []}]')
    with pytest.raises(ReadError, match="not a Fitbit weight or food log"):
        read_log((folder / "x_summarizedActivities.json").read_bytes(), "x.json")
    result = import_paths([folder], db=tmp_path / "db.sqlite", workers=1)
    assert result.imported == 0 and result.failed == [] and len(result.skipped) == 1
