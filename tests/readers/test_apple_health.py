"""Apple Health exports: the real samples, generated exports with the iOS 16 defects, the
streaming filter's edge cases, re-import and the same run from a GPX file."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest

from legload.api import import_paths, list_activities
from legload.errors import ReadError
from legload.readers.exports.apple_health import scan_export
from legload.readers.exports.apple_stream import RecordFilter, iter_elements
from legload.store import Store
from legload.synth.apple_health import MEAL_KCAL, MEAL_PROTEIN_G, MEALS, route_gpx, write_export

from .incoming import incoming


def _export_zip(folder: Path, **options) -> tuple[Path, object]:
    xml = io.BytesIO()
    written = write_export(xml, **options)
    path = folder / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("apple_health_export/export.xml", xml.getvalue())
        archive.writestr("apple_health_export/export_cda.xml", "<ClinicalDocument/>")
        for name, data in written.routes.items():
            archive.writestr(f"apple_health_export/{name}", data)
    return path, written


def _rows(db: Path, table: str) -> list[tuple]:
    with Store(db) as store:
        return store.conn.execute(f"SELECT * FROM {table}").fetchall()


def test_real_healthkit_to_sqlite_zip(db_path):
    report = import_paths([incoming("apple_health_healthkit_to_sqlite/export.zip")],
                          db=db_path, workers=1)
    assert report.failed == [] and report.imported == 1
    assert report.files[0]["reader"] == "apple_health"
    assert report.files[0]["path"].endswith("workout-routes/route_2019-06-11_3.00pm.gpx")
    (activity,) = list_activities(db=db_path)
    assert (activity["sport"], activity["samples"]) == ("running", 3)  # the route's track


def test_real_v14_export_with_doctype_and_statistics(db_path):
    report = import_paths([incoming("apple_health_v14_handwritten/export.xml")], db=db_path,
                          workers=1)
    assert report.failed == []
    listed = sorted(list_activities(db=db_path), key=lambda a: a["start"])
    assert [(a["sport"], a["start"]) for a in listed] == [
        ("walking", "2025-05-08T16:26:15Z"), ("cycling", "2025-05-09T13:55:22Z")]
    assert listed[0]["distance_m"] == pytest.approx(5234.0, abs=1.0)
    assert listed[1]["duration_s"] == pytest.approx(28.81272718310356 * 60, abs=0.01)
    weights = _rows(db_path, "body_measurements")
    assert [(w[2], w[3], w[4]) for w in weights] == [
        ("2025-04-18T21:38:45Z", 68.5, None), ("2025-04-19T00:07:25Z", 72.0, None),
        ("2025-05-23T08:00:00Z", None, 0.185)]  # "18.5" % read as a fraction


def test_generated_export_with_ios16_defects(tmp_path, db_path):
    path, written = _export_zip(tmp_path, days=14, defects=True)
    report = import_paths([path], db=db_path, workers=1)
    assert report.failed == []
    readers = {entry["reader"] for entry in report.files}
    assert readers == {"apple_health", None}  # export_cda.xml is skipped
    assert [s["path"] for s in report.skipped] == [f"{path}!apple_health_export/export_cda.xml"]
    listed = list_activities(db=db_path)
    runs = [a for a in listed if a["sport"] == "running"]
    assert len(runs) == len(written.runs) and all(a["samples"] > 2000 for a in runs)
    assert len([a for a in listed if a["sport"] == "strength"]) == written.strength == 2
    assert len(_rows(db_path, "body_measurements")) == written.weigh_ins == 5
    intake = _rows(db_path, "intake_days")
    assert len(intake) == 14
    # one app per day: MyFitnessPal (logged most), not MyFitnessPal + Lose It!
    assert {(row[3], row[4]) for row in intake} == {(MEAL_KCAL * MEALS, MEAL_PROTEIN_G * MEALS)}


def test_statistics_only_workout_takes_its_totals_from_them(tmp_path, db_path):
    path, _ = _export_zip(tmp_path, days=4, routes=False)
    import_paths([path], db=db_path, workers=1)
    runs = sorted((a for a in list_activities(db=db_path) if a["sport"] == "running"),
                  key=lambda a: a["start"])
    # day 0: attributes; day 2: WorkoutStatistics only (iOS 16+)
    assert [round(a["distance_m"]) for a in runs] == [7200, 7200]
    assert [a["samples"] for a in runs] == [2, 2]


def test_reimport_adds_nothing(tmp_path, db_path):
    path, _ = _export_zip(tmp_path, days=6)
    first = import_paths([path], db=db_path, workers=1)
    again = import_paths([path], db=db_path, workers=1)
    assert first.imported > 0 and again.imported == 0
    assert again.duplicates == first.imported
    assert {entry["outcome"] for entry in again.files} == {"duplicate", "skipped"}


def test_unzipped_folder_is_the_same_export(tmp_path, db_path):
    path, _ = _export_zip(tmp_path, days=4)
    with zipfile.ZipFile(path) as archive:
        archive.extractall(tmp_path / "unzipped")
    first = import_paths([path], db=db_path, workers=1)
    folder = import_paths([tmp_path / "unzipped"], db=db_path, workers=1)
    assert first.imported > 0 and folder.imported == 0 and folder.failed == []


def test_apple_workout_and_the_same_run_as_gpx_are_one_activity(tmp_path, db_path):
    path, written = _export_zip(tmp_path, days=1, routes=False)
    gpx = tmp_path / "same_run.gpx"
    gpx.write_bytes(route_gpx(written.runs[0]))
    import_paths([path], db=db_path, workers=1)
    second = import_paths([gpx], db=db_path, workers=1)
    listed = [a for a in list_activities(db=db_path) if a["sport"] != "strength"]
    assert len(listed) == 1 and listed[0]["source_path"] == str(gpx)  # the richer recording
    assert len(second.merged) == 1


def test_filter_drops_unused_records_and_keeps_the_rest():
    xml = io.BytesIO()
    write_export(xml, days=3, samples_per_day=90)
    data = xml.getvalue()
    whole = scan_export([data], "export.xml")
    for size in (1, 7, 4096):  # chunk boundaries anywhere, even inside "<Record "
        pieces = [data[i:i + size] for i in range(0, len(data), size)] if size > 1 else \
            [data[:len(data) // 2], data[len(data) // 2:]]
        assert scan_export(pieces, "export.xml") == whole
    assert len(whole.workouts) == 2 and len(whole.body) == 1
    filtered = RecordFilter("export.xml")
    out = filtered.feed(data) + filtered.close()
    assert b"HeartRate" not in out and b"StepCount" not in out and b"BodyMass" in out
    assert len(out) < len(data) / 5


def test_filter_leaves_records_it_is_not_sure_of_to_the_parser():
    text = (b'<HealthData><Record type="HKQuantityTypeIdentifierHeartRate" value="a>b"/>'
            b'<Record type="HKQuantityTypeIdentifierBodyMass" unit="kg" value="70" '
            b'startDate="2025-01-01 07:00:00 +0000" sourceName="x"/></HealthData>')
    filtered = RecordFilter("x")
    out = filtered.feed(text) + filtered.close()
    assert b'value="a>b"' in out  # not dropped: the ">" in its value makes the end unsure
    assert [e.get("type")[24:] for e in iter_elements([text], "x")] == ["BodyMass"]


@pytest.mark.parametrize(("doctype", "problem"), [
    (b'<!DOCTYPE HealthData [<!ENTITY a "b">]>', "declares entities"),
    (b'<!DOCTYPE HealthData SYSTEM "http://example.invalid/x.dtd">', "external DTD"),
])
def test_entities_and_external_dtds_are_refused(doctype, problem):
    text = b'<?xml version="1.0"?>' + doctype + b"<HealthData></HealthData>"
    with pytest.raises(ReadError, match=problem):
        list(iter_elements([text], "export.xml"))


def test_damaged_export_is_one_failure_naming_the_file(tmp_path, db_path):
    bad = tmp_path / "export.xml"
    bad.write_bytes(b'<?xml version="1.0"?>\n<HealthData locale="en_US">\n <Workout '
                    b'workoutActivityType="HKWorkoutActivityTypeRunning" startDate="2025-01-01'
                    b' 07:00:00 +0000"\n')
    report = import_paths([bad], db=db_path, workers=1)
    assert [f["path"] for f in report.failed] == [str(bad)]
    assert "not well-formed" in report.failed[0]["error"]
    assert report.imported == 0


def test_day_boundaries_are_the_local_day(tmp_path):
    xml = io.BytesIO()
    write_export(xml, days=1, first_day=dt.date(2025, 1, 1))
    found = scan_export([xml.getvalue()], "export.xml")
    assert {day for _column, day, _app in found.intake} == {"2025-01-01"}


def _records(folder: Path, records: list[tuple[str, str, int, str]], zone: str) -> Path:
    """An ``export.xml`` of quantity records (type suffix, unit, day of January 2025, value)
    taken at 07:00 ``zone``."""
    record = ('<Record type="HKQuantityTypeIdentifier{}" sourceName="Scale" unit="{}" '
              'startDate="2025-01-0{day} 07:00:00 {zone}" endDate="2025-01-0{day} 07:00:00 '
              '{zone}" value="{}"/>')
    export = folder / "export.xml"
    export.write_text('<HealthData locale="en_US">' + "".join(
        record.format(kind, unit, value, day=day, zone=zone) for kind, unit, day, value
        in records) + "</HealthData>")
    return export


def test_unreadable_records_are_counted_in_one_warning(tmp_path, db_path):
    export = _records(tmp_path, [("BodyMass", u, d, v) for u, d, v in (
        ("kg", 1, "70.5"), ("lb", 2, "155.0"), ("furlong", 3, "1"), ("kg", 4, "n/a"))], "+0000")
    report = import_paths([export], db=db_path, workers=1)
    assert report.warnings == [f"{export}#weigh-ins: 2 record(s) skipped: no number, or a "
                               "unit legload does not know"]
    assert [round(r[3], 2) for r in _rows(db_path, "body_measurements")] == [70.5, 70.31]


def test_real_flat_export_whose_route_file_is_missing(db_path):
    """healthkit-to-sqlite's flat export.xml names a route that is not beside it: the
    workout is read without its track, from its attributes (0.497 mi in 5.19 min)."""
    report = import_paths([incoming("apple_health_healthkit_to_sqlite/export_flat.xml")],
                          db=db_path, workers=1)
    assert report.failed == [] and report.imported == 1
    (activity,) = list_activities(db=db_path)
    assert (activity["sport"], activity["samples"], activity["start"]) == (
        "running", 2, "2016-11-14T14:25:41Z")
    assert activity["distance_m"] == pytest.approx(0.4971749504535062 * 1609.344, abs=1.0)
    assert activity["duration_s"] == pytest.approx(5.19412346680959 * 60, abs=0.5)


def test_lean_body_mass_is_stored_as_measured(tmp_path, db_path):
    export = _records(tmp_path, [("BodyMass", "kg", 1, "70"), ("LeanBodyMass", "kg", 1, "56"),
                                 ("LeanBodyMass", "lb", 2, "123.5"),
                                 ("BodyMass", "kg", 3, "69.5")], "+0100")
    import_paths([export], db=db_path, workers=1)
    with Store(db_path) as store:
        rows = store.conn.execute(
            "SELECT timestamp, weight_kg, round(body_fat_fraction, 3), round(lean_mass_kg, 2), "
            "skeletal_muscle_kg FROM body_measurements ORDER BY timestamp").fetchall()
    assert rows == [("2025-01-01T06:00:00Z", 70.0, 0.2, 56.0, None),
                    ("2025-01-02T06:00:00Z", None, None, 56.02, None),
                    ("2025-01-03T06:00:00Z", 69.5, None, None, None)]
