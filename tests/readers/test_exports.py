"""Exports, folders and zip archives: names from Strava's CSV, members read in place,
hostile archives refused with a clear reason."""

from __future__ import annotations

import gzip
import io
import zipfile

import pytest

from legload import read_activities
from legload.errors import ReadError
from legload.readers import iter_members
from legload.readers.exports.strava_index import parse_strava_csv

from ..reliability_helpers import gpx_run, write

FR255 = "exports/strava_bulk_fr255"


def test_strava_bulk_export_folder_gives_names_from_the_csv(real_dir):
    activities = list(read_activities(real_dir / FR255))
    assert len(activities) == 8
    names = {a.source.rsplit("/", 1)[-1]: a.summary["name"] for a in activities}
    assert names["12754312444.fit.gz"] == "Evening Run"
    assert names["13299430149.fit.gz"] == "Sunday Squash"
    assert names["14136151253.fit.gz"] == "Syma résztáv"


def test_strava_bulk_export_as_zip_reads_members_in_place(real_dir, tmp_path):
    archive = tmp_path / "export_12345.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted((real_dir / FR255).rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(real_dir / FR255).as_posix())
    before = set(tmp_path.iterdir())
    activities = list(read_activities(archive))
    assert set(tmp_path.iterdir()) == before  # nothing extracted to disk
    assert len(activities) == 8
    assert all("!activities/" in a.source for a in activities)
    assert sum(a.summary["name"] == "Evening Run" for a in activities) >= 1


def test_a_strava_export_in_a_sub_folder_names_only_its_own_files(tmp_path):
    """The index of ``strava/activities.csv`` reaches the files under ``strava/`` (by their
    names relative to it), not a file of the same relative name elsewhere in the folder."""
    for where in ("strava/activities", "other/activities"):
        write(tmp_path / where / "1.gpx", gpx_run(f"gpx name in {where}"))
    write(tmp_path / "strava" / "activities.csv", "Activity ID,Activity Date,Activity Name,"
          'Activity Type,Filename\n1,"Mar 2, 2026",Hill repeats,Run,activities/1.gpx\n')
    names = {a.source.split(str(tmp_path))[-1]: a.summary["name"]
             for a in read_activities(tmp_path)}
    assert names == {"/other/activities/1.gpx": "gpx name in other/activities",
                     "/strava/activities/1.gpx": "Hill repeats"}
    write(tmp_path / "activities.csv", "Activity ID,Activity Date,Activity Name,Activity Type,"
          'Filename\n1,"Mar 2, 2026",Outer index,Run,strava/activities/1.gpx\n')
    names = {a.source.split(str(tmp_path))[-1]: a.summary["name"]
             for a in read_activities(tmp_path)}  # two indexes name it: the first found wins
    assert names["/strava/activities/1.gpx"] == "Outer index" and len(names) == 2


def test_legacy_strava_csv(real_dir):
    table = parse_strava_csv((real_dir / "exports/strava_legacy_2018/activities.csv").read_bytes())
    assert table is not None
    activities = list(read_activities(real_dir / "exports/strava_legacy_2018"))
    assert len(activities) == 3
    assert all(a.summary["name"] for a in activities)


def test_current_strava_csv_with_multiline_fields():
    header = "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Filename\n"
    row = '1,"Jan 1, 2024",Hills,Run,"line one\nline two, with comma",activities/1.fit.gz\n'
    table = parse_strava_csv((header + row).encode())
    assert table == {"activities/1.fit.gz": {
        "name": "Hills", "sport": "running", "sub_sport": None, "strava_type": "Run",
        "strava_id": "1"}}


def test_not_a_strava_csv():
    assert parse_strava_csv(b"Date,Exercise Name,Weight\n2024-01-01,Squat,100\n") is None


def test_garmin_style_nested_zips(real_dir, tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.write(real_dir / "fit/running/garmin_fenix2_run_9km.fit", "UploadedFiles/run.fit")
    outer = tmp_path / "garmin_export.zip"
    with zipfile.ZipFile(outer, "w") as zf:
        zf.writestr("DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", inner.getvalue())
        zf.writestr("DI_CONNECT/summary.json", "{}")
    members = list(iter_members(outer))
    kinds = sorted(m.kind for m in members)
    assert kinds == ["activity", "skipped"]
    activities = list(read_activities(outer))
    assert len(activities) == 1 and activities[0].summary["sport"] == "running"
    assert "Part1.zip!UploadedFiles/run.fit" in activities[0].source


def test_non_activity_files_are_skipped_with_a_hint(real_dir):
    members = list(iter_members(real_dir / "exports"))
    skipped = [m for m in members if not isinstance(m, ReadError) and m.kind == "skipped"]
    names = {m.source.rsplit("/", 1)[-1] for m in skipped}
    assert {"workout_data.csv", "dailysummary.csv", "printable_diary_2019-01.htm"} <= names
    assert all(m.hint for m in skipped)


def _bomb_zip(path):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("activities/bomb.gpx", b"\0" * (50 * 2**20))


def test_zip_bomb_is_refused(tmp_path):
    archive = tmp_path / "bomb.zip"
    _bomb_zip(archive)
    results = list(iter_members(archive))
    assert len(results) == 1 and isinstance(results[0], ReadError)
    assert "compression" in str(results[0])


def test_gzip_bomb_is_refused(tmp_path):
    from legload.readers import read_bytes

    bomb = gzip.compress(b"\0" * (60 * 2**20))
    with pytest.raises(ReadError, match="bomb"):
        read_bytes(bomb, "bomb.fit.gz")


@pytest.mark.parametrize("name", ["../evil.fit", "/etc/evil.fit", "a/../../evil.gpx", "C:/evil.fit"])
def test_path_traversal_members_are_refused(tmp_path, name):
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr(name, b"x")
        zf.writestr("ok.txt", b"x")
    results = list(iter_members(archive))
    refused = [r for r in results if isinstance(r, ReadError)]
    assert len(refused) == 1 and "unsafe member name" in str(refused[0])
    assert not (tmp_path.parent / "evil.fit").exists()


def test_lying_member_size_is_bounded(tmp_path):
    """A member whose real content is far larger than its header says is cut off."""
    archive = tmp_path / "liar.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.gpx", b"<gpx>" + b" " * 2**20)
    data = bytearray(archive.read_bytes())
    # patch the central directory's uncompressed size of the one member to a tiny value
    cd = data.rfind(b"PK\x01\x02")
    data[cd + 24:cd + 28] = (10).to_bytes(4, "little")
    archive.write_bytes(bytes(data))
    for member in iter_members(archive):  # members are read while the walk is on them
        with pytest.raises(ReadError):
            member.read()


def test_missing_path():
    results = list(iter_members("/no/such/place"))
    assert len(results) == 1 and "no such file" in str(results[0])
