"""A Fitbit exercise (local start, no zone) and the FIT of the same run in one athlete's folder
are one activity in ``legload batch`` output, as they are after ``legload import``: the batch
links recordings with the store's own rule (:mod:`legload.store.merge`)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

from legload import api

pytest.importorskip("distributed")
pytestmark = pytest.mark.slow

SPEED = 2.9
UNTIL = date(2023, 3, 10)
LOCAL = datetime(2023, 3, 1, 7, 0)  # the runner's clock, at UTC+2


def _athlete(folder: Path) -> Path:
    from legload.synth.fit_writer import write_fit
    from legload.synth.workouts import easy_run

    (folder / "fitbit").mkdir(parents=True)
    utc = (LOCAL - timedelta(hours=2)).replace(tzinfo=UTC)
    write_fit(easy_run(utc, minutes=30, speed=SPEED), folder / "run.fit")
    entry = {"logId": 7, "activityName": "Run", "activityTypeId": 90009,
             "startTime": LOCAL.strftime("%m/%d/%y %H:%M:%S"), "duration": 1_800_000,
             "activeDuration": 1_800_000, "distance": 1800 * SPEED / 1000,
             "distanceUnit": "Kilometer"}
    (folder / "fitbit" / "exercise-0.json").write_text(json.dumps([entry]))
    return folder


def test_a_fitbit_exercise_and_its_fit_are_one_activity_as_after_import(tmp_path: Path):
    from legload.batch import BatchOptions, run_batch

    _athlete(tmp_path / "club" / "fay")
    db = tmp_path / "fay.sqlite"
    api.import_paths([tmp_path / "club" / "fay"], db=db, athlete="fay", workers=1)
    imported = api.list_activities(db=db)
    assert len(imported) == 1 and imported[0]["format"] == "fit"

    summary = run_batch(tmp_path / "club", BatchOptions(out=tmp_path / "out", workers=1,
                                                        until=UNTIL))
    assert summary.activities == 1 and summary.failed == 0
    rows = pd.read_parquet(tmp_path / "out" / "activities")
    kept = rows[rows["merged_into"].isna()]
    assert len(rows) == 2 and list(kept["format"]) == ["fit"]
    fitbit = rows[rows["format"] == "fitbit"].iloc[0]
    assert fitbit["merged_into"] == kept["activity_id"].iloc[0]
    written = json.loads((tmp_path / "out" / "reports" / "fay.json").read_text("utf-8"))
    expected = api.report(db=db, athlete="fay", until=UNTIL).to_dict()
    assert written == json.loads(json.dumps(expected, ensure_ascii=False, default=str))
