"""Issue 16, item 7: a newer export of the same history adds only what is new; a corrected row
replaces the old one (row identity: strength by date-time, exercise and set index; food days
by day; weigh-ins by time)."""

from __future__ import annotations

import sqlite3

import pytest

from tests.reliability_helpers import hevy_row, run, run_json, write


def _rows(db_path, sql: str) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql).fetchall()


@pytest.fixture
def hevy(real_dir):
    return (real_dir / "exports/hevy/workout_data.csv").read_text(encoding="utf-8")


def test_hevy_redownload_adds_one_set(tmp_path, db_path, hevy):
    first = write(tmp_path / "workout_data.csv", hevy)
    newer = write(tmp_path / "dl2" / "workout_data.csv",
                  hevy + hevy_row("Squat (Barbell)", 0, 100, 5, when="1 Dec 2026, 18:00"))
    assert run_json("strength", "import", first, "--db", db_path)["sets"] == 330
    assert _rows(db_path, "SELECT COUNT(*) FROM strength_sets") == [(330,)]
    doc = run_json("strength", "import", newer, "--db", db_path)
    assert _rows(db_path, "SELECT COUNT(*) FROM strength_sets") == [(331,)]
    assert any("330 row(s) already stored" in w for w in doc["warnings"])
    # the same history in a folder import: nothing new at all
    third = write(tmp_path / "dl3" / "workout_data.csv", hevy + "\n")
    assert run("import", third.parent, "--db", db_path, "--workers", 1).exit_code == 0
    assert _rows(db_path, "SELECT COUNT(*) FROM strength_sets") == [(331,)]


def test_corrected_set_replaces_the_old_one(tmp_path, db_path, hevy):
    first = write(tmp_path / "workout_data.csv", hevy)
    lines = hevy.splitlines(keepends=True)
    assert ",48,13," in lines[1]
    corrected = write(tmp_path / "dl2" / "workout_data.csv",
                      "".join([lines[0], lines[1].replace(",48,13,", ",50,13,"), *lines[2:]]))
    run("strength", "import", first, "--db", db_path)
    run("strength", "import", corrected, "--db", db_path)
    assert _rows(db_path, "SELECT COUNT(*) FROM strength_sets") == [(330,)]
    weights = _rows(db_path, "SELECT weight_kg FROM strength_sets WHERE timestamp = "
                    "'2025-06-30T19:56:00Z' AND exercise_raw LIKE 'Incline Bench%' "
                    "AND set_index = 1")
    assert weights == [(50.0,)]


def test_cronometer_redownload(tmp_path, db_path, real_dir):
    daily = (real_dir / "exports/cronometer/2024/dailysummary.csv").read_text(encoding="utf-8")
    bio = (real_dir / "exports/cronometer/2024/biometrics.csv").read_text(encoding="utf-8")
    run("intake", "import", write(tmp_path / "a" / "dailysummary.csv", daily), "--db", db_path)
    run("body", "import", write(tmp_path / "a" / "biometrics.csv", bio), "--db", db_path)
    (days,), = _rows(db_path, "SELECT COUNT(*) FROM intake_days")
    (weights,), = _rows(db_path, "SELECT COUNT(*) FROM body_measurements")
    header, *rows = daily.splitlines(keepends=True)
    # the next export: the last day was completed afterwards (more kcal), one day more
    last = rows[-1].split(",")
    new_day = ",".join(["2026-12-01", *last[1:]])
    last[1] = str(float(last[1]) + 500)
    newer = "".join([header, *rows[:-1], ",".join(last), new_day])
    run("intake", "import", write(tmp_path / "b" / "dailysummary.csv", newer), "--db", db_path)
    run("body", "import", write(tmp_path / "b" / "biometrics.csv", bio + "\n"), "--db", db_path)
    assert _rows(db_path, "SELECT COUNT(*) FROM intake_days") == [(days + 1,)]
    assert _rows(db_path, "SELECT COUNT(*) FROM body_measurements") == [(weights,)]
    (kcal,), = _rows(db_path, f"SELECT energy_kcal FROM intake_days WHERE date = "
                     f"'{rows[-1].split(',')[0]}'")
    assert kcal == pytest.approx(float(rows[-1].split(",")[1]) + 500)
