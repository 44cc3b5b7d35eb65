"""``legload import`` and ``legload activities`` through their exit codes and output."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from legload.cli import app

runner = CliRunner()


def run(*args: str, env: dict | None = None):
    return runner.invoke(app, list(args), env=env)


def _json(result) -> object:
    return json.loads(result.stdout)


def test_import_real_folder_json(real_dir, db_path):
    result = run("import", str(real_dir), "--db", str(db_path), "--json")
    report = _json(result)
    assert result.exit_code == 1  # the broken files fail
    failed = {f["path"].rsplit("/", 1)[-1] for f in report["failed"]}
    assert {"fit_empty_zero_bytes.fit", "fit_no_records.fit", "gpx_metadata_only_no_points.gpx"} <= failed
    assert all("\n" not in f["error"] and f["error"] for f in report["failed"])
    assert report["imported"] >= 60 and report["duplicates"] == 0
    listed = _json(run("activities", "--db", str(db_path), "--json"))
    assert len(listed) == len(report["activities"])
    fr255 = [a for a in listed if "strava_bulk_fr255" in a["source_path"]]
    assert len(fr255) == 8 and {"Evening Run", "Sunday Squash"} <= {a["name"] for a in fr255}
    for row in listed:
        assert set(row) >= {"id", "sport", "start", "duration_s", "moving_s", "distance_m",
                            "ascent_m", "descent_m", "samples", "source_path", "sha256"}
        assert row["start"].endswith("Z")
    # importing everything again adds nothing
    again = _json(run("import", str(real_dir), "--db", str(db_path), "--json"))
    assert again["imported"] == 0
    assert again["duplicates"] == report["imported"]
    assert len(_json(run("activities", "--db", str(db_path), "--json"))) == len(listed)


def test_workers_import_the_real_folder_as_one_process_does(real_dir, tmp_path):
    """Every real file (broken ones, zips, logs and all): the same report and the same
    activities whether files are read by worker processes or in the importing process."""
    one = run("import", str(real_dir), "--db", str(tmp_path / "one.sqlite"), "--json",
              "--workers", "1")
    two = run("import", str(real_dir), "--db", str(tmp_path / "two.sqlite"), "--json",
              "--workers", "2")
    assert (one.exit_code, _json(one)) == (two.exit_code, _json(two))
    listed = [_json(run("activities", "--db", str(tmp_path / name), "--json"))
              for name in ("one.sqlite", "two.sqlite")]
    assert listed[0] == listed[1] and len(listed[0]) >= 60


def test_import_good_files_exits_zero(real_dir, db_path):
    result = run("import", str(real_dir / "fit/running/garmin_fenix2_run_9km.fit"),
                 str(real_dir / "gpx/running/amazfit_run.gpx"), "--db", str(db_path))
    assert result.exit_code == 0, result.output
    assert "imported 2 file(s), 2 activities; 0 duplicate(s), 0 failed" in result.stdout


def test_one_bad_member_does_not_stop_the_rest(real_dir, tmp_path, db_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(real_dir / "fit/running/garmin_fenix5_run_1min.fit", folder / "a.fit")
    (folder / "b.fit").write_bytes(b"")
    shutil.copy(real_dir / "fit/walking/garmin_fenix5_walk_1min.fit", folder / "c.fit")
    result = run("import", str(folder), "--db", str(db_path), "--json")
    report = _json(result)
    assert result.exit_code == 1
    assert report["imported"] == 2
    assert report["failed"] == [{"path": str(folder / "b.fit"), "error": "empty file (0 bytes)"}]


def test_strict_refuses_damaged_files(real_dir, db_path):
    path = real_dir / "broken/fit_bad_file_crc.fit"
    report = _json(run("import", str(path), "--db", str(db_path), "--json", "--strict"))
    assert report["imported"] == 0 and "strict" in report["failed"][0]["error"]
    lenient = _json(run("import", str(path), "--db", str(db_path), "--json"))
    assert lenient["imported"] == 1 and any("bad CRC" in w for w in lenient["warnings"])


def test_db_from_environment(real_dir, tmp_path):
    db = tmp_path / "env.sqlite"
    result = run("import", str(real_dir / "fit/running/garmin_fenix5_run_1min.fit"),
                 env={"LEGLOAD_DB": str(db)})
    assert result.exit_code == 0 and db.exists()
    assert len(_json(run("activities", "--json", env={"LEGLOAD_DB": str(db)}))) == 1


def test_errors_go_to_stderr_with_exit_1(tmp_path):
    not_a_db = tmp_path / "x.sqlite"
    not_a_db.write_text("this is not a database " * 100)
    result = run("activities", "--db", str(not_a_db))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "legload:" in result.stderr and str(not_a_db) in result.stderr


def test_bad_usage_exits_2():
    assert run("import").exit_code == 2
    assert run("activities", "--nope").exit_code == 2


def test_activities_table_output(real_dir, db_path):
    run("import", str(real_dir / "fit/running/garmin_fenix2_run_9km.fit"), "--db", str(db_path))
    result = run("activities", "--db", str(db_path))
    assert result.exit_code == 0
    header, row = result.stdout.splitlines()  # not a terminal: tab-separated, nothing cut
    assert header.split("\t") == ["id", "start (UTC)", "sport", "name", "time", "km",
                                   "ascent m", "samples"]
    assert row.split("\t")[5] == "9.01"


def test_console_script_entry_point(db_path):
    assert run("athlete", "set", "--name", "ana", "--db", str(db_path)).exit_code == 0
    result = subprocess.run([sys.executable, "-m", "legload", "activities", "--db", str(db_path),
                             "--json"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize("command", ["import", "activities", "demo"])
def test_every_command_is_documented(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert len(result.stdout.strip().splitlines()) > 3


def test_every_command_is_in_the_readme():
    from .conftest import REPO

    readme = (REPO / "README.md").read_text()
    commands = [c.name for c in app.registered_commands]
    groups = {g.name: [c.name for c in g.typer_instance.registered_commands]
              for g in app.registered_groups}
    for name in commands:
        assert f"legload {name}" in readme, name
    for group, subs in groups.items():
        for sub in subs:
            assert f"legload {group} {sub}" in readme, f"{group} {sub}"


def test_every_option_is_in_the_readme():
    import typer.main

    from .conftest import REPO

    readme = (REPO / "README.md").read_text()

    def commands(command, path):
        if hasattr(command, "commands"):
            for name, sub in command.commands.items():
                yield from commands(sub, [*path, name])
        else:
            yield " ".join(path), command

    missing = [f"{path} {option}" for path, command in commands(typer.main.get_command(app), [])
               for param in command.params for option in getattr(param, "opts", [])
               if option.startswith("--") and option not in readme]
    assert missing == []
