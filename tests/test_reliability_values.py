"""Issue 16, items 5 and 8: log values outside the ranges the models accept are refused on
the way in (with the line), dates before 1990 or in the future too, and ``report`` survives
whatever is already stored."""

from __future__ import annotations

import json
import sqlite3

from legload.readers.logs.read import read_log
from legload.readers.logs.validate import date_problem
from tests.reliability_helpers import gpx_run, run, run_json, strength_csv, write

BAD_STRENGTH = [("2026-03-02", "Squat", 1, 5, 100, 2),        # line 2: good
                ("2026-03-02", "Squat", 2, -5, 100, 2),       # line 3: negative reps
                ("2026-03-02", "Squat", 3, 5, 1e12, 2),       # line 4: weight
                ("2026-03-02", "Squat", 4, 1e9, 100, 2),      # line 5: reps
                ("2026-03-02", "Squat", 5, 5, "inf", 2),      # line 6: inf
                ("2026-03-02", "Squat", 6, 5, 100, 11),       # line 7: RIR
                ("2100-03-02", "Squat", 1, 5, 100, 2),        # line 8: future
                ("1985-03-02", "Squat", 1, 5, 100, 2),        # line 9: before 1990
                ("2026-03-03", "Lunge", 1, 8, 20, "")]        # line 10: good


def test_strength_values_are_checked_with_line_numbers(tmp_path, db_path):
    path = write(tmp_path / "sets.csv", strength_csv(BAD_STRENGTH))
    doc = run_json("strength", "import", path, "--db", db_path)
    assert doc["sets"] == 2
    refused = next(w for w in doc["warnings"] if "refused" in w)
    for line in range(3, 10):
        assert f"line {line}:" in refused
    assert "line 2:" not in refused and "line 10:" not in refused
    assert run("report", "--db", db_path, "--json").exit_code == 0


def test_intake_and_body_values_are_checked(tmp_path, db_path):
    intake = write(tmp_path / "food.csv", "date,energy_kcal,protein_g\n2026-03-01,2500,inf\n"
                   "2026-03-02,2400,-3\n2026-03-03,2300,120\n2026-03-04,nan,100\n"
                   "2100-01-01,2000,100\n")
    rows = read_log(intake.read_bytes(), str(intake), "intake")
    assert rows.frame["date"].dt.strftime("%Y-%m-%d").tolist() == ["2026-03-02", "2026-03-03"]
    assert any("2026-03-01" in w and "protein_g inf" in w for w in rows.warnings)
    assert any("2100-01-01" in w and "future" in w for w in rows.warnings)
    body = write(tmp_path / "weight.csv", "date,weight_kg\n2026-03-01,70\n1970-01-01,71\n")
    rows = read_log(body.read_bytes(), str(body), "body")
    assert len(rows.frame) == 1 and any("before 1990" in w for w in rows.warnings)


def test_one_date_rule():
    now = "2026-12-07T00:00:00Z"
    import pandas as pd

    assert date_problem("2026-12-07T20:00:00Z", pd.Timestamp(now)) is None
    assert "future" in date_problem("2026-12-09", pd.Timestamp(now))
    assert "before 1990" in date_problem("1989-12-31")
    assert date_problem("1990-01-01") is None


def test_future_activity_is_refused(tmp_path, db_path):
    from datetime import UTC, datetime

    from legload.synth.fit_writer import write_fit
    from legload.synth.workouts import easy_run

    path = tmp_path / "future.fit"
    write_fit(easy_run(datetime(2126, 1, 1, 7, tzinfo=UTC), minutes=10), path)
    write(tmp_path / "ok.gpx", gpx_run("ok"))
    result = run("import", path, tmp_path / "ok.gpx", "--db", db_path,
                 "--workers", 1, "--json")
    doc = json.loads(result.stdout)
    assert doc["imported"] == 1
    assert [f["path"] for f in doc["failed"]] == [str(path)]
    assert "future" in doc["failed"][0]["error"]


def test_report_survives_bad_stored_rows(tmp_path, db_path):
    write(tmp_path / "ok.gpx", gpx_run("ok"))
    assert run("import", tmp_path / "ok.gpx", "--db", db_path, "--workers", 1).exit_code == 0
    good = write(tmp_path / "sets.csv", strength_csv([("2026-03-02", "Squat", 1, 5, 100, 2)]))
    assert run("strength", "import", good, "--db", db_path).exit_code == 0
    conn = sqlite3.connect(db_path)
    sha = conn.execute("SELECT sha256 FROM files WHERE kind = 'strength'").fetchone()[0]
    for values in (("2026-03-02T18:00:00Z", -5, 100.0), ("2026-03-02T18:00:00Z", 5, 1e12),
                   ("not a date", 5, 100.0), ("2100-01-01T00:00:00Z", 5, 100.0),
                   ("2026-03-02T18:00:00Z", float("nan"), float("inf"))):
        conn.execute("INSERT INTO strength_sets (file_sha256, timestamp, exercise_raw, "
                     "exercise, set_index, reps, weight_kg) VALUES (?, ?, 'Squat', "
                     "'back_squat', 1, ?, ?)", (sha, *values))
    conn.execute("INSERT INTO intake_days (file_sha256, date, energy_kcal, protein_g) VALUES "
                 "(?, '2026-03-02', 2500, 1e300), (?, 'garbage', 2500, 100), "
                 "(?, '2026-03-03', 0, 100)", (sha, sha, sha))
    conn.execute("INSERT INTO body_measurements (file_sha256, timestamp, weight_kg) VALUES "
                 "(?, '2026-03-02T07:00:00Z', -70), (?, '2126-03-02T07:00:00Z', 70)", (sha, sha))
    conn.execute("UPDATE activities SET start = '2126-01-01T00:00:00Z'")
    conn.commit()
    conn.close()
    result = run("report", "--db", db_path, "--json")
    assert result.exit_code == 0, result.output
    limitations = " ".join(json.loads(result.stdout)["limitations"])
    assert "stored" in limitations and "skipped" in limitations
    text = run("report", "--db", db_path)
    assert text.exit_code == 0, text.output
