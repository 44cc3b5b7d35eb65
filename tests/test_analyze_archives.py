"""`legload analyze` takes whatever `import` takes: a zip or folder holding one activity is
analysed; one holding several is refused with one line naming them."""

from __future__ import annotations

import datetime as dt
import json
import zipfile

from typer.testing import CliRunner

from legload.cli import app
from legload.synth import synthesize, write_fit
from legload.synth.workouts import easy_run

START = dt.datetime(2026, 3, 2, 7, tzinfo=dt.UTC)
runner = CliRunner()


def _zip(tmp_path, n):
    folder = tmp_path / "files"
    folder.mkdir()
    paths = []
    for i in range(n):
        workout = easy_run(START + dt.timedelta(days=i), minutes=5)
        path = folder / f"run{i}.fit"
        write_fit(workout, path, synthesize(workout, seed=i))
        paths.append(path)
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in paths:
            zf.write(path, f"activities/{path.name}")
        zf.writestr("__MACOSX/activities/._run0.fit", b"\x00\x05\x16\x07junk")
    return archive, folder


def test_a_zip_with_one_activity_is_analysed_like_the_file(tmp_path):
    archive, folder = _zip(tmp_path, 1)
    from_zip = runner.invoke(app, ["analyze", str(archive), "--json"])
    from_file = runner.invoke(app, ["analyze", str(folder / "run0.fit"), "--json"])
    assert from_zip.exit_code == 0, from_zip.output
    a, b = json.loads(from_zip.stdout), json.loads(from_file.stdout)
    assert a["source"].startswith(str(archive)) and a["source"].endswith("run0.fit")
    assert {k: v for k, v in a.items() if k != "source"} == \
        {k: v for k, v in b.items() if k != "source"}


def test_a_zip_with_several_activities_names_them(tmp_path):
    archive, _ = _zip(tmp_path, 3)
    result = runner.invoke(app, ["analyze", str(archive)])
    assert result.exit_code == 1
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert "holds 3 activities, not one" in message
    for i in range(3):
        assert f"run{i}.fit (2026-03-0{2 + i} 07:00)" in message
    assert "import it and analyze one by id" in message


def test_a_folder_with_one_activity_is_analysed(tmp_path):
    _, folder = _zip(tmp_path, 1)
    result = runner.invoke(app, ["analyze", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["sport"] == "running"
