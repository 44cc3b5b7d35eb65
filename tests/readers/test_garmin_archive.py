"""Garmin Connect archive (generated with the documented layout: no real one is public):
names and sports from the index, units, strength sets, weigh-ins, non-activity FIT files,
re-import, the unzipped folder and the same run from a GPX file."""

from __future__ import annotations

import zipfile

import pytest

from legload.api import import_paths, list_activities
from legload.readers.exports.garmin_archive import parse_index
from legload.store import Store
from legload.synth import synthesize, write_gpx

from .garmin_archive_fixture import FITNESS, USER, write_archive


def _rows(db, table: str) -> list[tuple]:
    with Store(db) as store:
        return store.conn.execute(f"SELECT * FROM {table}").fetchall()


@pytest.fixture
def archive(tmp_path):
    return write_archive(tmp_path)


def test_activities_take_names_and_sports_from_the_index(archive, db_path):
    report = import_paths([archive.path], db=db_path, workers=1)
    assert report.failed == []
    listed = sorted(list_activities(db=db_path), key=lambda a: a["start"])
    assert [(a["name"], a["sport"], a["sub_sport"]) for a in listed] == [
        ("Easy Zurich", "running", "generic"),
        ("Leg day", "strength", "strength_training"),
        ("Hill reps", "running", "trail")]  # matched 20 s off its FIT's start
    fits = [f for f in report.files if f["path"].endswith(".fit")]
    assert {f["reader"] for f in fits} == {"garmin_archive"} and len(fits) == 3


def test_index_units_agree_with_the_fit_files(archive, db_path):
    import_paths([archive.path], db=db_path, workers=1)
    with zipfile.ZipFile(archive.path) as opened:
        data = opened.read(f"{FITNESS}/{USER}_0_summarizedActivities.json")
    entries = {e.name: e for e in parse_index(data, "index")}
    for activity in list_activities(db=db_path):
        entry = entries[activity["name"]]
        if entry.distance_m:  # cm → m, ms → s
            assert entry.distance_m == pytest.approx(activity["distance_m"], abs=5.0)
            assert entry.avg_speed_m_s == pytest.approx(
                activity["distance_m"] / activity["duration_s"], rel=0.01)  # (m/s)/10 → m/s
        assert entry.duration_s == pytest.approx(activity["duration_s"], abs=1.0)


def test_non_activity_fit_files_are_one_line(archive, db_path):
    report = import_paths([archive.path], db=db_path, workers=1)
    counted = [s for s in report.skipped if "not activities" in s["reason"]]
    assert len(counted) == 1 and counted[0]["reason"].startswith("3 FIT file(s)")
    assert not any(s["path"].endswith(".fit") for s in report.skipped)


def test_strength_sets_from_the_fit_else_from_the_summary(archive, db_path):
    import_paths([archive.path], db=db_path, workers=1)
    sets = _rows(db_path, "strength_sets")
    by_workout = {}
    for row in sets:
        by_workout.setdefault(row[4], []).append(row)
    assert sorted(by_workout) == ["Gym, no watch", "Leg day"]
    assert len(by_workout["Leg day"]) == archive.fit_sets  # the FIT's, not the summary's 4
    gym = by_workout["Gym, no watch"]
    assert len(gym) == archive.summary_sets
    assert {(row[5], row[8], row[9]) for row in gym} == {("dumbbell_lunge", 8.0, 20.0)}


def test_weigh_ins_in_kg_and_fractions(archive, db_path):
    import_paths([archive.path], db=db_path, workers=1)
    with Store(db_path) as store:
        rows = store.conn.execute(
            "SELECT timestamp, round(weight_kg, 3), body_fat_fraction, lean_mass_kg, "
            "skeletal_muscle_kg FROM body_measurements ORDER BY timestamp").fetchall()
    # muscleMass (g) is the scale's skeletal muscle mass, not its fat-free mass
    assert rows == [("2026-03-01T00:00:00Z", 72.5, 0.185, None, 33.0),
                    ("2026-03-08T00:00:00Z", 72.1, None, None, None)]


def test_reimport_and_the_unzipped_folder_add_nothing(archive, tmp_path, db_path):
    first = import_paths([archive.path], db=db_path, workers=1)
    again = import_paths([archive.path], db=db_path, workers=1)
    with zipfile.ZipFile(archive.path) as opened:
        opened.extractall(tmp_path / "unzipped")
    folder = import_paths([tmp_path / "unzipped"], db=db_path, workers=1)
    assert first.imported == 5  # 3 FIT files, the weigh-ins, the strength sets
    assert (again.imported, folder.imported) == (0, 0)
    assert again.duplicates == first.imported == folder.duplicates
    assert folder.failed == [] and len(list_activities(db=db_path)) == 3


def test_the_same_run_as_gpx_is_one_activity(archive, tmp_path, db_path):
    gpx = write_gpx(archive.runs[0], tmp_path / "same_run.gpx",
                    synthesize(archive.runs[0], seed=0))
    import_paths([gpx], db=db_path, workers=1)
    second = import_paths([archive.path], db=db_path, workers=1)
    names = sorted(a["name"] for a in list_activities(db=db_path))
    assert names == ["Easy Zurich", "Hill reps", "Leg day"]  # the FIT (richer) is kept
    assert len(second.merged) == 1 and second.merged[0]["path"] == str(gpx)
