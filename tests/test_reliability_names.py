"""Issue 16, items 1-2: users' text (activity, exercise, athlete and file names) prints as the
plain characters it is on every command: no rich markup, no live link, no terminal escape."""

from __future__ import annotations

import pytest

from tests.reliability_helpers import HEVY_HEADER, HOSTILE_NAMES, gpx_run, hevy_row, run, write

ESC = "\x1b"


def _clean(output: str) -> None:
    assert ESC not in output and "\x07" not in output
    assert "\x1b]8;" not in output  # no OSC 8 hyperlink


def _shown_plain(name: str, *args) -> None:
    """The command succeeds and prints ``name`` as plain text (nothing of an escape)."""
    result = run(*args)
    assert result.exit_code == 0, result.output
    _clean(result.output)
    if name.isprintable():
        assert name in result.output


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_gpx_name_prints_as_text(tmp_path, db_path, name):
    path = write(tmp_path / "run.gpx", gpx_run(name))
    imported = run("import", path, "--db", db_path, "--workers", 1)
    assert imported.exit_code == 0, imported.output
    listed = run("activities", "--db", db_path)
    assert listed.exit_code == 0, listed.output
    _clean(listed.stdout)
    analysed = run("analyze", "1", "--db", db_path)
    assert analysed.exit_code == 0, analysed.output
    _clean(analysed.stdout)
    if name.isprintable():
        assert name in listed.stdout and name in analysed.stdout
    again = run("analyze", path, "--db", db_path)
    assert again.exit_code == 0, again.output
    _clean(again.stdout)


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_strava_csv_name_prints_as_text(tmp_path, db_path, name):
    export = tmp_path / "export"
    write(export / "activities" / "1.gpx", gpx_run("plain"))
    quoted = name.replace('"', '""')
    write(export / "activities.csv", "Activity ID,Activity Date,Activity Name,Activity Type,"
          f'Filename\n1,"Mar 2, 2026",\"{quoted}\",Run,activities/1.gpx\n')
    assert run("import", export, "--db", db_path, "--workers", 1).exit_code == 0
    _shown_plain(name, "activities", "--db", db_path)


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hevy_exercise_title_prints_as_text(tmp_path, db_path, name):
    path = write(tmp_path / "workout_data.csv",
                 HEVY_HEADER + hevy_row("Squat (Barbell)", 0, 100, 5)
                 + hevy_row(name.replace('"', ""), 0, 20, 10))
    _shown_plain(name, "strength", "import", path, "--db", db_path)


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_file_names_print_as_text(tmp_path, db_path, name):
    folder = tmp_path / "in"
    write(folder / f"{name.replace('/', '_')} bad.gpx", b"<gpx><oops")
    write(folder / f"{name.replace('/', '_')} note.txt", b"hello")
    result = run("import", folder, "--db", db_path, "--workers", 1)
    assert result.exit_code == 1
    _clean(result.output)
    assert "bad.gpx" in result.output and "note.txt" in result.output


@pytest.mark.parametrize("name", (*HOSTILE_NAMES[:2], "Sam [/old]", "Anna [old]", "Eve \x1b[31mred"))
def test_athlete_name_prints_as_text(tmp_path, db_path, name):
    assert run("athlete", "set", "--name", name, "--weight-kg", 70, "--db", db_path).exit_code == 0
    shown = run("athlete", "show", "--db", db_path)
    assert shown.exit_code == 0, shown.output
    _clean(shown.output)
    assert name.replace("\x1b[31m", "") in shown.stdout
    write(tmp_path / "run.gpx", gpx_run("easy"))
    assert run("import", tmp_path / "run.gpx", "--db", db_path, "--workers", 1).exit_code == 0
    report = run("report", "--db", db_path, "--html", tmp_path / "r.html")
    assert report.exit_code == 0, report.output
    _clean(report.output)
    assert name.replace("\x1b[31m", "") in report.stdout
    page = (tmp_path / "r.html").read_text()
    assert ESC not in page
    if name.isprintable():
        assert "<a href=\"http://x\"" not in page
