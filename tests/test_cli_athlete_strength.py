"""Athlete profiles, several athletes in one database, and strength-log import."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from legload.cli import app
from legload.store import Store

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_profile_set_update_and_validation(db_path):
    result = run("athlete", "set", "--name", "ana", "--sex", "F", "--birth-year", 1990,
                 "--height-m", 1.68, "--weight-kg", 61, "--body-fat", 22, "--db", db_path, "--json")
    assert result.exit_code == 0, result.output
    profile = json.loads(result.stdout)
    assert profile["sex"] == "female" and profile["body_fat_fraction"] == 0.22
    update = run("athlete", "set", "--name", "ana", "--running-years", 0.5, "--db", db_path, "--json")
    assert json.loads(update.stdout)["height_m"] == 1.68  # kept
    bad = run("athlete", "set", "--name", "ana", "--height-m", 168, "--db", db_path)
    assert bad.exit_code == 1
    assert "height m must be between 1.0 and 2.5 m, not 168.0" in bad.stderr
    assert run("athlete", "set", "--name", "ana", "--sex", "x", "--db", db_path).exit_code == 1


def test_several_athletes_need_a_name(real_dir, db_path):
    run("athlete", "set", "--name", "ana", "--db", db_path)
    run("athlete", "set", "--name", "ben", "--db", db_path)
    show = run("athlete", "show", "--db", db_path)
    assert show.exit_code == 1 and "ana, ben" in show.stderr
    fit = real_dir / "fit/running/garmin_fenix5_run_1min.fit"
    ambiguous = run("import", fit, "--db", db_path)
    assert ambiguous.exit_code == 1 and "--athlete" in ambiguous.stderr
    assert run("import", fit, "--athlete", "ben", "--db", db_path).exit_code == 0
    with Store(db_path) as store:
        rows = store.conn.execute("SELECT athlete_id FROM activities").fetchall()
        assert rows == [(store.athlete_id("ben"),)]


def test_first_athlete_adopts_earlier_imports(real_dir, db_path):
    run("import", real_dir / "fit/running/garmin_fenix5_run_1min.fit", "--db", db_path)
    run("athlete", "set", "--name", "solo", "--db", db_path)
    with Store(db_path) as store:
        assert store.conn.execute("SELECT athlete_id FROM activities").fetchall() == [
            (store.athlete_id(None),)]


def test_strength_import_reports_mapping_and_unknowns(real_dir, db_path):
    path = real_dir / "exports/hevy/workout_data.csv"
    result = run("strength", "import", path, "--db", db_path, "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["sets"] == 330 and doc["leg_sets"] > 0 and doc["mapped_fraction"] >= 0.95
    again = json.loads(run("strength", "import", path, "--db", db_path, "--json").stdout)
    assert again["duplicate"] is True
    with Store(db_path) as store:
        sets = store.log_frame("strength_sets", None)
    assert len(sets) == 330
    assert str(sets["timestamp"].dtype).startswith("datetime64")


def test_strength_import_refuses_other_csvs(real_dir, db_path):
    result = run("strength", "import", real_dir / "exports/cronometer/2024/dailysummary.csv",
                 "--db", db_path)
    assert result.exit_code == 1 and "not a recognised strength log" in result.stderr


def test_import_routes_strength_logs(real_dir, db_path):
    report = json.loads(run("import", real_dir / "exports", "--db", db_path, "--json").stdout)
    skipped = {s["path"].rsplit("/", 1)[-1] for s in report["skipped"]}
    assert "workout_data.csv" not in skipped and "strong_classic_lbs.csv" not in skipped
    with Store(db_path) as store:
        kinds = dict(store.conn.execute("SELECT kind, COUNT(*) FROM files GROUP BY kind"))
    assert kinds["strength"] == 4


def test_strength_import_of_a_fit_file_with_sets(tmp_path, db_path):
    from .readers.test_strength import _fit_with_sets

    path = tmp_path / "strength.fit"
    path.write_bytes(_fit_with_sets())
    result = run("strength", "import", path, "--db", db_path, "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["sets"] > 0 and doc["leg_sets"] > 0


def test_strength_import_of_a_fit_run_is_refused(real_dir, db_path):
    result = run("strength", "import", real_dir / "fit/running/garmin_fenix5_run_1min.fit",
                 "--db", db_path)
    assert result.exit_code == 1 and "no strength sets" in result.stderr


def test_activities_of_one_athlete(real_dir, db_path):
    run("import", real_dir / "fit/running/garmin_fenix5_run_1min.fit", "--athlete", "ana",
        "--db", db_path)
    run("import", real_dir / "fit/walking/garmin_fenix5_walk_1min.fit", "--athlete", "ben",
        "--db", db_path)
    ana = json.loads(run("activities", "--athlete", "ana", "--db", db_path, "--json").stdout)
    assert [a["sport"] for a in ana] == ["running"]
    assert len(json.loads(run("activities", "--db", db_path, "--json").stdout)) == 2
