"""A lean mass measured by a scale is shown beside the projection, with its error; a report
without one has no such part (the document of every other report is unchanged)."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from rich.console import Console

from legload.analysis.measured import BIA_LEAN_ERROR_KG, measured_lean
from legload.api import import_paths, report
from legload.render.terminal import print_report

from ..schemas import schema_validator

SAMSUNG = (
    "com.samsung.health.weight,6313001,3\n"
    "start_time,weight,body_fat,fat_free_mass,skeletal_muscle_mass,time_offset\n"
    "2026-11-02 06:23:00.000,72.4,18.5,59.0,33.1,UTC+0100,\n"
    "2026-11-20 06:20:00.000,72.0,18.0,59.4,33.3,UTC+0100,\n"
    "2026-12-09 06:20:00.000,71.0,17.0,60.1,33.9,UTC+0100,\n"
)


def test_the_latest_measurement_before_the_end():
    weights = pd.DataFrame({
        "timestamp": pd.to_datetime(["2026-11-02", "2026-11-20", "2026-11-25"], utc=True),
        "weight_kg": [72.4, 72.0, 71.8], "lean_mass_kg": [59.0, 59.4, float("nan")],
        "skeletal_muscle_kg": [33.1, float("nan"), float("nan")]})
    lean = measured_lean(weights, pd.Timestamp("2026-12-01"))
    assert (lean.date, lean.lean_kg, lean.skeletal_muscle_kg) == ("2026-11-20", 59.4, None)
    assert lean.error_kg == BIA_LEAN_ERROR_KG == 3.5
    assert measured_lean(weights, pd.Timestamp("2026-11-01")) is None
    assert measured_lean(weights.drop(columns="lean_mass_kg")) is None


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "com.samsung.health.weight.20261210.csv"
    path.write_text(SAMSUNG)
    db = tmp_path / "db.sqlite"
    assert import_paths([path], db=db, workers=1).imported == 1
    return db


def test_report_shows_the_scale_measurement(db):
    answer = report(db=db, until=dt.date(2026, 12, 1))
    doc = answer.to_dict()
    schema_validator("report").validate(doc)
    assert doc["measured_lean"]["lean_kg"] == 59.4 and doc["measured_lean"]["error_kg"] == 3.5
    assert list(doc).index("measured_lean") == list(doc).index("projection") + 1
    out = io.StringIO()
    print_report(answer, Console(file=out, width=200))
    assert "lean mass 59.4 ± 3.5 kg" in out.getvalue()
    assert "skeletal muscle 33.3 kg" in out.getvalue()


def test_no_scale_measurement_no_part(tmp_path):
    path = tmp_path / "weight.csv"
    path.write_text("date,weight_kg,body_fat_pct\n2026-11-02,70.0,15\n")
    db = tmp_path / "db.sqlite"
    import_paths([path], db=db, workers=1)
    assert "measured_lean" not in report(db=db, until=dt.date(2026, 12, 1)).to_dict()
