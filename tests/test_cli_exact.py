"""The CLI's ``--json`` documents, whole, on files whose content is known.

In the manner of sqlite-utils' CLI tests: each test asserts the entire document a command
prints (not that some keys exist), so any change to a value, a key, its order or its type
fails here. The files are written by :mod:`legload.synth` (a flat 10 min run as FIT, hill
repeats as GPX), so what they hold is known; paths and SHA-256 are computed here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from legload.cli import app
from legload.synth import synthesize, write_fit, write_gpx
from legload.synth.workouts import easy_run, hill_repeats

from .schemas import schema_validator

START = dt.datetime(2026, 3, 2, 7, tzinfo=dt.UTC)
runner = CliRunner()


def run(*args) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout


def write_files(folder: Path) -> tuple[Path, Path]:
    """A flat 10 min run at 2.9 m/s (FIT) and 3 × 60 s hill repeats at 8 % (GPX)."""
    folder.mkdir(parents=True, exist_ok=True)
    easy = easy_run(START, minutes=10)
    hills = hill_repeats(START + dt.timedelta(days=1), reps=3)
    fit, gpx = folder / "easy.fit", folder / "hills.gpx"
    write_fit(easy, fit, synthesize(easy, seed=1))
    write_gpx(hills, gpx, synthesize(hills, seed=2))
    return fit, gpx


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The two files imported into a fresh database, and the ``import --json`` result."""
    tmp = tmp_path_factory.mktemp("exact")
    fit, gpx = write_files(tmp / "files")
    db = tmp / "legload.sqlite"
    code, out = run("import", tmp / "files", "--db", db, "--json")
    return {"fit": fit, "gpx": gpx, "db": db, "code": code, "out": out}


def exact(document) -> str:
    """The text ``--json`` prints for ``document``: one line, keys in their order."""
    return json.dumps(document, ensure_ascii=False) + "\n"


#: the whole ``analyze --json`` documents of the two files, as the CLI printed them when the
#: models were last changed on purpose ({files}: the folder the test wrote them to)
EXPECTED = Path(__file__).parent / "data" / "cli"
NO_MASS = "body mass not set: energy uses 70 kg"


def _expected(name: str, files: Path) -> dict:
    text = (EXPECTED / f"{name}.analysis.json").read_text(encoding="utf-8")
    document = json.loads(text)
    document["source"] = document["source"].format(files=files)
    return document


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_import_json(imported):
    assert imported["code"] == 0
    expected = {"imported": 2, "duplicates": 0, "failed": [], "skipped": [], "warnings": [],
                "activities": [1, 2], "merged": [],
                "files": [{"path": str(imported["fit"]), "reader": "fit", "outcome": "imported"},
                          {"path": str(imported["gpx"]), "reader": "gpx",
                           "outcome": "imported"}]}
    assert imported["out"] == exact(expected)
    schema_validator("import_report").validate(json.loads(imported["out"]))


def test_import_again_json(imported):
    """The same files again: two duplicates, nothing stored."""
    code, out = run("import", imported["fit"], imported["gpx"], "--db", imported["db"], "--json")
    assert code == 0
    assert out == exact({"imported": 0, "duplicates": 2, "failed": [], "skipped": [],
                         "warnings": [], "activities": [], "merged": [],
                         "files": [{"path": str(imported["fit"]), "reader": "fit",
                                    "outcome": "duplicate"},
                                   {"path": str(imported["gpx"]), "reader": "gpx",
                                    "outcome": "duplicate"}]})


def test_import_json_with_a_failure(tmp_path):
    empty = tmp_path / "empty.fit"
    empty.write_bytes(b"")
    code, out = run("import", empty, "--db", tmp_path / "db.sqlite", "--json")
    assert code == 1
    assert out == exact({"imported": 0, "duplicates": 0,
                         "failed": [{"path": str(empty), "error": "empty file (0 bytes)"}],
                         "skipped": [], "warnings": [], "activities": [], "merged": [],
                         "files": [{"path": str(empty), "reader": None, "outcome": "failed"}]})


def test_activities_json(imported):
    fit, gpx = imported["fit"], imported["gpx"]
    expected = [
        {"id": 1, "sport": "running", "sub_sport": "generic", "name": "Morning Run",
         "start": "2026-03-02T07:00:00Z", "duration_s": 600.0, "moving_s": 600.0,
         "distance_m": 1740.0, "ascent_m": 0.0, "descent_m": 0.0, "samples": 601,
         "device": "garmin/fr955",
         "channels": ["gps", "altitude", "heart_rate", "cadence", "speed", "distance"],
         "source_path": str(fit), "sha256": _sha256(fit)},
        # GPX: distance from the positions, ascent from the smoothed altitude (the stream's
        # figures, as analyze reports them)
        {"id": 2, "sport": "running", "sub_sport": "generic", "name": "Hill repeats 3x60 s",
         "start": "2026-03-03T07:00:00Z", "duration_s": 1746.0, "moving_s": 1747.0,
         "distance_m": 4968.534679614863, "ascent_m": 43.86169380997086,
         "descent_m": 43.86169380997086, "samples": 1747, "device": "legload sample",
         "channels": ["gps", "altitude", "heart_rate", "cadence"],
         "source_path": str(gpx), "sha256": _sha256(gpx)},
    ]
    code, out = run("activities", "--db", imported["db"], "--json")
    assert code == 0
    assert out == exact(expected)
    schema_validator("activities").validate(json.loads(out))


def test_analyze_json_by_id(imported):
    """The flat run: class easy, no segments, every muscle's work level running (no hill
    work), energy and pace at the default 70 kg."""
    expected = _expected("easy_run", imported["fit"].parent)
    assert (expected["id"], expected["class"], expected["segments"]) == (1, "easy", [])
    assert expected["notes"] == [NO_MASS]
    code, out = run("analyze", "1", "--db", imported["db"], "--json")
    assert code == 0
    assert out == exact(expected)
    schema_validator("analysis").validate(json.loads(out))


def test_analyze_json_of_a_file(imported):
    """The hill repeats read on the fly: three climbs and three descents of about 13 m,
    class hills, the climbs a strength stimulus of the gluteals."""
    gpx = imported["gpx"]
    expected = _expected("hill_repeats", gpx.parent)
    assert [s["kind"] for s in expected["segments"]] == ["climb", "descent"] * 3
    assert (expected["id"], expected["class"]) == (None, "hills")
    code, out = run("analyze", gpx, "--json")
    assert code == 0
    assert out == exact(expected)
    schema_validator("analysis").validate(json.loads(out))
    # the stored copy of the same file is described the same, under its id
    code, stored = run("analyze", "2", "--db", imported["db"], "--json")
    assert code == 0 and stored == exact({**expected, "id": 2})


def test_intake_import_json(tmp_path):
    log = tmp_path / "food.csv"
    log.write_text("date,energy_kcal,protein_g\n2026-03-02,2000,100\n2026-03-03,2100,110\n")
    db = tmp_path / "db.sqlite"
    code, out = run("intake", "import", log, "--db", db, "--json")
    assert code == 0
    assert out == exact({"path": str(log), "duplicate": False, "rows": 2, "warnings": []})
    schema_validator("log_import").validate(json.loads(out))
    code, again = run("intake", "import", log, "--db", db, "--json")
    assert again == exact({"path": str(log), "duplicate": True, "rows": 2, "warnings": []})
