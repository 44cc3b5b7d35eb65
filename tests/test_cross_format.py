"""The same activity from two formats counts once; a zip made on a Mac imports cleanly; on the
real files `activities` and `analyze` agree and device totals are honoured."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from legload.api import analyse, import_paths, list_activities, read_activities, report
from legload.core.sports import FOOT_SPORTS
from legload.store import Store

PAIRS = [("fit/running/garmin_fr945_run_hilly_14km.fit",
          "gpx/running/garmin_connect_fr945_run_hilly_14km.gpx"),
         ("fit/running/garmin_fr945_treadmill_10km.fit",
          "tcx/running/garmin_fr945_treadmill_10km.tcx")]


def _weekly(db: Path) -> dict:
    return report(db=db).to_dict()["weekly"]


@pytest.mark.parametrize(("fit", "other"), PAIRS)
@pytest.mark.parametrize("fit_first", [True, False])
def test_the_same_run_from_two_formats_counts_once(real_dir, tmp_path, fit, other, fit_first):
    db = tmp_path / "db.sqlite"
    first, second = (fit, other) if fit_first else (other, fit)
    one = import_paths([real_dir / first], db=db, workers=1)
    weekly = _weekly(db)
    two = import_paths([real_dir / second], db=db, workers=1)
    listed = list_activities(db=db)
    assert len(listed) == 1 and listed[0]["source_path"].endswith(fit)  # the richest is kept
    assert (one.merged, len(two.merged)) == ([], 1)
    assert two.merged[0]["into"] == listed[0]["id"]
    assert two.merged[0]["path"].endswith(other)
    assert two.imported == 1 and two.failed == []
    if fit_first:
        assert _weekly(db) == weekly  # the second import adds no load


def test_a_zip_made_on_a_mac_imports_without_failures(real_dir, tmp_path):
    data = (real_dir / PAIRS[0][0]).read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("export/run.fit", data)
        archive.writestr("__MACOSX/export/._run.fit", b"\x00\x05\x16\x07" + b"\x00" * 60)
        archive.writestr("export/._run.fit", b"\x00\x05\x16\x07" + b"\x00" * 60)
        archive.writestr("export/.DS_Store", b"Bud1" + b"\x00" * 60)
        archive.writestr("export/Thumbs.db", b"\x00" * 64)
    path = tmp_path / "export.zip"
    path.write_bytes(buffer.getvalue())
    result = import_paths([path], db=tmp_path / "db.sqlite", workers=1)
    assert (result.imported, result.failed, result.skipped) == (1, [], [])


def _real_activities(real_dir: Path, pattern: str):
    for path in sorted(real_dir.glob(pattern)):
        for activity in read_activities(path):
            yield path, activity


def test_real_fit_moving_time_is_the_device_timer(real_dir):
    from legload.analysis.session import analyse_session

    for path, activity in _real_activities(real_dir, "fit/*/*.fit"):
        timer = activity.summary.get("moving_s")
        if not timer or any("no session" in w for w in activity.warnings):
            continue
        result = analyse_session(activity)
        assert abs(result.moving_s - timer) <= 0.02 * timer, path.name
        assert result.sources["moving_s"] == "device"


def test_real_barometric_fit_ascent_within_10_percent_of_the_device(real_dir):
    from legload.analysis.session import analyse_session
    from legload.streams import to_stream
    from legload.streams.totals import device_totals

    checked = 0
    for path, activity in _real_activities(real_dir, "fit/*/*.fit"):
        device = device_totals(activity).get("ascent_m", 0.0)  # recorded by the device
        stream = to_stream(activity)
        if device < 20 or stream.flags["altitude_source"] != "barometric":
            continue
        checked += 1
        result = analyse_session(activity, stream=stream)
        assert abs(result.ascent_m - device) <= 0.10 * device, path.name
    assert checked >= 8


def test_no_sprint_on_real_walks_and_hikes(real_dir):
    from legload.analysis.session import analyse_session

    for pattern in ("*/walking/*", "*/hiking/*"):
        for path, activity in _real_activities(real_dir, pattern):
            kinds = [s.kind for s in analyse_session(activity).segments]
            assert "sprint" not in kinds, path.name


def test_activities_and_analyze_agree_on_every_real_activity(real_dir, tmp_path):
    db = tmp_path / "db.sqlite"
    files = [p for p in sorted(real_dir.glob("*/*/*")) if p.suffix in (".fit", ".gpx", ".tcx")]
    import_paths(files, db=db, workers=1)
    listed = list_activities(db=db)
    assert len(listed) >= 40
    for row in listed:
        analysed = analyse(row["id"], db=db).to_dict()
        for key in ("moving_s", "distance_m", "ascent_m"):
            assert analysed[key] == pytest.approx(row[key], abs=0.06), (row["source_path"], key)
        if row["sport"] in FOOT_SPORTS and row["source_path"].endswith(".gpx"):
            assert row["moving_s"] <= row["duration_s"] + 1.0  # whole seconds, both ends
            if "with_pauses" in row["source_path"]:  # a GPX moving time is not its elapsed time
                assert row["moving_s"] < 0.95 * row["duration_s"]
    with Store(db) as store:
        (merged,) = store.conn.execute(
            "SELECT COUNT(*) FROM activities WHERE merged_into IS NOT NULL").fetchone()
    assert merged >= 2  # the FR945 run and treadmill pairs at least
