"""A Fitbit exercise (local start, no zone) and the FIT of the same run are one activity
whatever the runner's UTC offset; two runs of one day stay two; an exercise whose start
carries its offset is stored in UTC."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from legload.api import import_paths, list_activities
from legload.readers.exports.fitbit import exercise_start, read_fitbit_exercises
from legload.store.merge import is_zoneless

SPEED = 2.9


def _entry(local: datetime, minutes: float, **extra) -> dict:
    return {"logId": 7, "activityName": "Run", "activityTypeId": 90009,
            "startTime": local.strftime("%m/%d/%y %H:%M:%S"),
            "duration": minutes * 60_000, "activeDuration": minutes * 60_000,
            "distance": minutes * 60 * SPEED / 1000, "distanceUnit": "Kilometer", **extra}


def _fitbit(folder: Path, entries: list[dict]) -> Path:
    (folder / "fitbit").mkdir(parents=True, exist_ok=True)
    (folder / "fitbit" / "exercise-0.json").write_text(json.dumps(entries))
    return folder / "fitbit"


def _fit(folder: Path, utc: datetime, minutes: float) -> Path:
    from legload.synth.fit_writer import write_fit
    from legload.synth.workouts import easy_run

    return write_fit(easy_run(utc, minutes=minutes, speed=SPEED),
                     folder / f"run_{utc:%H%M}.fit")


def _merged(db: Path) -> dict[str, str]:
    """{Fitbit start: start of the activity it was merged into}."""
    rows = sqlite3.connect(db).execute(
        "SELECT a.start, k.start FROM activities a LEFT JOIN activities k ON k.id = a.merged_into "
        "WHERE a.format = 'fitbit'").fetchall()
    return dict(rows)


@pytest.mark.parametrize("hours", [1.0, -7.0, 5.75])
@pytest.mark.parametrize("fit_first", [True, False])
def test_the_same_run_at_any_offset_is_one_activity(tmp_path, hours, fit_first):
    local = datetime(2023, 3, 1, 7, 0)
    utc = (local - timedelta(hours=hours)).replace(tzinfo=UTC)
    paths = [_fit(tmp_path, utc, 30), _fitbit(tmp_path, [_entry(local, 30)])]
    db = tmp_path / "db.sqlite"
    for path in paths if fit_first else paths[::-1]:
        import_paths([path], db=db, workers=1)
    kept = list_activities(db=db)
    assert len(kept) == 1 and kept[0]["format"] == "fit"
    assert _merged(db) == {"2023-03-01T07:00:00": kept[0]["start"]}


def test_a_different_run_at_a_whole_offset_is_not_merged(tmp_path):
    local = datetime(2023, 3, 1, 7, 0)
    fit = _fit(tmp_path, datetime(2023, 3, 1, 6, 0, tzinfo=UTC), 30)
    db = tmp_path / "db.sqlite"
    import_paths([fit, _fitbit(tmp_path, [_entry(local, 40)])], db=db, workers=1)
    assert len(list_activities(db=db)) == 2  # 40 min against 30: not the same run


@pytest.mark.parametrize("hours", [2.0, -7.0])
@pytest.mark.parametrize("fit_first", [True, False])
def test_morning_and_evening_runs_of_one_day_stay_two(tmp_path, hours, fit_first):
    """The same 30-min loop run twice a day: each Fitbit entry is one with its own FIT (the
    morning run would also fit the evening FIT at another whole offset)."""
    morning, evening = datetime(2023, 3, 1, 7, 0), datetime(2023, 3, 1, 18, 0)
    fits = [_fit(tmp_path, (t - timedelta(hours=hours)).replace(tzinfo=UTC), 30)
            for t in (morning, evening)]
    fitbit = _fitbit(tmp_path, [_entry(morning, 30), _entry(evening, 30)])
    db = tmp_path / "db.sqlite"
    for paths in ([fits, [fitbit]] if fit_first else [[fitbit], fits]):
        import_paths(paths, db=db, workers=1)
    kept = list_activities(db=db)
    assert len(kept) == 2 and {a["format"] for a in kept} == {"fit"}
    shift = timedelta(hours=hours)
    assert {k: v[:19] for k, v in _merged(db).items()} == {
        t.isoformat(): (t - shift).isoformat() for t in (morning, evening)}


def test_a_start_with_its_offset_is_stored_in_utc():
    entry = _entry(datetime(2019, 1, 3, 12, 8, 42), 30,
                   originalStartTime="2019-01-03T12:08:42.000-08:00")
    (activity,) = read_fitbit_exercises(json.dumps([entry]).encode(), "exercise-0.json")
    assert activity.summary["start"] == "2019-01-03T20:08:42+00:00"
    assert activity.warnings == []
    assert not is_zoneless(activity.summary["start"])
    assert str(exercise_start({"startTime": "01/03/19 12:08:42"})) == "2019-01-03 12:08:42"
    assert is_zoneless("2019-01-03T12:08:42") and not is_zoneless("2019-01-03T12:08:42Z")


def test_a_newer_export_of_the_same_exercise_adds_nothing(tmp_path):
    """A later Fitbit export lists the same exercise again (other bytes): it joins the copy
    already linked to the FIT instead of counting a second time."""
    local = datetime(2023, 3, 1, 7, 0)
    fit = _fit(tmp_path, (local + timedelta(hours=7)).replace(tzinfo=UTC), 30)
    db = tmp_path / "db.sqlite"
    import_paths([fit, _fitbit(tmp_path / "a", [_entry(local, 30)])], db=db, workers=1)
    newer = _fitbit(tmp_path / "b", [_entry(local, 30), _entry(local + timedelta(days=1), 40)])
    import_paths([newer], db=db, workers=1)
    assert sorted(a["format"] for a in list_activities(db=db)) == ["fit", "fitbit"]
