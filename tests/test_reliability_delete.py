"""Issue 16, item 6: activities, log rows and athletes can be deleted (asked first, or
``--yes``); a deleted file can be imported again."""

from __future__ import annotations

import sqlite3

from tests.reliability_helpers import gpx_run, run, run_json, strength_csv, write


def _count(db_path, table: str) -> int:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_activities_delete(tmp_path, db_path):
    for i in range(3):
        write(tmp_path / f"r{i}.gpx", gpx_run(f"r{i}", start=f"2026-03-0{i + 2}T07:00:00Z"))
    assert run("import", tmp_path, "--db", db_path, "--workers", 1).exit_code == 0
    ids = [a["id"] for a in run_json("activities", "--db", db_path)]
    refused = run("activities", "delete", ids[0], "--db", db_path, input="n\n")
    assert refused.exit_code == 1 and _count(db_path, "activities") == 3
    unknown = run("activities", "delete", ids[0], 999, "--yes", "--db", db_path)
    assert unknown.exit_code == 1 and "999" in unknown.stderr
    assert _count(db_path, "activities") == 3  # all or nothing
    done = run("activities", "delete", ids[0], ids[1], "--db", db_path, input="y\n")
    assert done.exit_code == 0 and "deleted 2 activities" in done.stdout
    assert [a["id"] for a in run_json("activities", "--db", db_path)] == [ids[2]]
    assert _count(db_path, "samples") > 0 and _count(db_path, "files") == 1
    again = run_json("import", tmp_path / "r0.gpx", "--db", db_path, "--workers", 1)
    assert again["imported"] == 1  # the file was forgotten with its activity


def test_log_delete_by_dates_and_source(tmp_path, db_path):
    first = write(tmp_path / "a.csv", strength_csv(
        [(f"2026-03-0{d}", "Squat", 1, 5, 100, 2) for d in range(1, 8)]))
    second = write(tmp_path / "b.csv", strength_csv([("2026-03-09", "Lunge", 1, 8, 20, 2)]))
    for path in (first, second):
        assert run("strength", "import", path, "--db", db_path).exit_code == 0
    assert run("strength", "delete", "--db", db_path, "--yes").exit_code == 2  # nothing chosen
    bad = run("strength", "delete", "--from", "March", "--db", db_path, "--yes")
    assert bad.exit_code == 2
    out = run("strength", "delete", "--from", "2026-03-02", "--to", "2026-03-04", "--yes",
              "--db", db_path)
    assert out.exit_code == 0 and "deleted 3 strength row(s)" in out.stdout
    assert _count(db_path, "strength_sets") == 5
    out = run("strength", "delete", "--source", second, "--yes", "--db", db_path)
    assert "deleted 1 strength row(s)" in out.stdout
    assert _count(db_path, "strength_sets") == 4
    food = write(tmp_path / "food.csv", "date,energy_kcal\n2026-03-01,2500\n2026-03-02,2400\n")
    run("intake", "import", food, "--db", db_path)
    out = run("intake", "delete", "--to", "2026-03-01", "--yes", "--db", db_path)
    assert "deleted 1 intake row(s)" in out.stdout and _count(db_path, "intake_days") == 1


def test_athlete_delete(tmp_path, db_path):
    write(tmp_path / "r.gpx", gpx_run("r"))
    run("athlete", "set", "--name", "ana", "--db", db_path)
    run("athlete", "set", "--name", "ben", "--db", db_path)
    run("import", tmp_path / "r.gpx", "--athlete", "ana", "--db", db_path, "--workers", 1)
    sets = write(tmp_path / "s.csv", strength_csv([("2026-03-02", "Squat", 1, 5, 100, 2)]))
    run("strength", "import", sets, "--athlete", "ben", "--db", db_path)
    assert run("athlete", "delete", "ana", "--db", db_path, input="n\n").exit_code == 1
    assert run("athlete", "delete", "zoe", "--db", db_path, "--yes").exit_code == 1
    out = run("athlete", "delete", "ana", "--db", db_path, "--yes")
    assert out.exit_code == 0 and "1 activities" in out.stdout
    assert _count(db_path, "activities") == 0 and _count(db_path, "strength_sets") == 1
    assert _count(db_path, "athletes") == 1
    assert run_json("athlete", "show", "--db", db_path)["name"] == "ben"
