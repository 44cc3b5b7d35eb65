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


MUSCLE_KEYS = ("positive_work_j_kg", "negative_work_j_kg", "hill_positive_work_j_kg",
               "hill_negative_work_j_kg", "mean_activation", "peak_activation",
               "time_above_high_s", "brief_effort_s", "stimulus")
SEGMENT_KEYS = ("kind", "start_s", "end_s", "distance_m", "gain_m", "mean_speed_m_s",
                "mean_grade")
#: flat 10 min at 2.9 m/s, 70 kg: every muscle's work is level running, none of it the hill's
EASY_MUSCLES = {
    "quadriceps": (693.7, 1051.1, 0.0, 0.0, 0.383, 0.386, 0.0, 0.0, "endurance"),
    "hamstrings": (407.5, 611.9, 0.0, 0.0, 0.2, 0.205, 0.0, 0.0, "endurance"),
    "gluteals": (185.5, 88.7, 0.0, 0.0, 0.191, 0.193, 0.0, 0.0, "endurance"),
    "hip_flexors": (455.3, 226.8, 0.0, 0.0, 0.206, 0.213, 0.0, 0.0, "endurance"),
    "calves": (1442.8, 1157.4, 0.0, 0.0, 0.487, 0.498, 0.0, 0.0, "endurance"),
    "tibialis_anterior": (44.8, 62.0, 0.0, 0.0, 0.315, 0.323, 0.0, 0.0, "endurance"),
    "peroneals": (125.5, 100.6, 0.0, 0.0, 0.31, 0.317, 0.0, 0.0, "endurance"),
}
#: 3 × 60 s up 8 % at 3.4 m/s: the climbs make a strength stimulus of the gluteals only
HILLS_MUSCLES = {
    "quadriceps": (1984.7, 3149.5, -0.5, 145.9, 0.385, 0.426, 0.0, 0.0, "endurance"),
    "hamstrings": (1255.5, 1751.3, 103.6, 20.4, 0.205, 0.364, 0.0, 0.0, "endurance"),
    "gluteals": (643.6, 276.9, 120.2, 26.4, 0.224, 0.616, 127.0, 127.0, "mixed"),
    "hip_flexors": (1306.4, 641.6, 15.0, 0.0, 0.203, 0.28, 0.0, 0.0, "endurance"),
    "calves": (4207.3, 3361.4, 85.8, 57.5, 0.488, 0.646, 0.0, 0.0, "endurance"),
    "tibialis_anterior": (128.1, 193.5, 0.0, 15.6, 0.322, 0.372, 0.0, 0.0, "endurance"),
    "peroneals": (365.8, 292.3, 7.5, 5.0, 0.31, 0.411, 0.0, 0.0, "endurance"),
}
#: the three climbs (about 13.6 m each) and the jogs back down
HILLS_SEGMENTS = [
    ("climb", 722.0, 773.0, 173.391, 13.576, 3.334, 0.078),
    ("descent", 790.0, 852.0, 154.24, -12.333, 2.448, -0.08),
    ("climb", 869.0, 915.0, 156.394, 12.476, 3.328, 0.08),
    ("descent", 932.0, 994.0, 154.24, -12.333, 2.448, -0.08),
    ("climb", 1011.0, 1057.0, 156.394, 12.476, 3.328, 0.08),
    ("descent", 1074.0, 1142.0, 169.169, -13.382, 2.452, -0.079),
]
NO_MASS = "body mass not set: energy uses 70 kg"


def _muscles(rows: dict) -> dict:
    return {muscle: dict(zip(MUSCLE_KEYS, values, strict=True)) for muscle, values in rows.items()}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_import_json(imported):
    assert imported["code"] == 0
    expected = {"imported": 2, "duplicates": 0, "failed": [], "skipped": [], "warnings": [],
                "activities": [1, 2]}
    assert imported["out"] == exact(expected)
    schema_validator("import_report").validate(json.loads(imported["out"]))


def test_import_again_json(imported):
    """The same files again: two duplicates, nothing stored."""
    code, out = run("import", imported["fit"], imported["gpx"], "--db", imported["db"], "--json")
    assert code == 0
    assert out == exact({"imported": 0, "duplicates": 2, "failed": [], "skipped": [],
                         "warnings": [], "activities": []})


def test_import_json_with_a_failure(tmp_path):
    empty = tmp_path / "empty.fit"
    empty.write_bytes(b"")
    code, out = run("import", empty, "--db", tmp_path / "db.sqlite", "--json")
    assert code == 1
    assert out == exact({"imported": 0, "duplicates": 0,
                         "failed": [{"path": str(empty), "error": "empty file (0 bytes)"}],
                         "skipped": [], "warnings": [], "activities": []})


def test_activities_json(imported):
    fit, gpx = imported["fit"], imported["gpx"]
    expected = [
        {"id": 1, "sport": "running", "sub_sport": "generic", "name": None,
         "start": "2026-03-02T07:00:00Z", "duration_s": 600.0, "moving_s": 600.0,
         "distance_m": 1740.0, "ascent_m": 0.0, "descent_m": 0.0, "samples": 601,
         "device": "garmin/fr955",
         "channels": ["gps", "altitude", "heart_rate", "cadence", "speed", "distance"],
         "source_path": str(fit), "sha256": _sha256(fit)},
        # GPX: distance from the positions, ascent from the smoothed altitude
        {"id": 2, "sport": "running", "sub_sport": "generic", "name": "Hill repeats 3x60 s",
         "start": "2026-03-03T07:00:00Z", "duration_s": 1746.0, "moving_s": 1746.0,
         "distance_m": 4965.683230893652, "ascent_m": 47.33999999999992,
         "descent_m": 47.33999999999992, "samples": 1747, "device": "legload sample",
         "channels": ["gps", "altitude", "heart_rate", "cadence"],
         "source_path": str(gpx), "sha256": _sha256(gpx)},
    ]
    code, out = run("activities", "--db", imported["db"], "--json")
    assert code == 0
    assert out == exact(expected)
    schema_validator("activities").validate(json.loads(out))


def test_analyze_json_by_id(imported):
    expected = {
        "id": 1, "source": str(imported["fit"]), "start": "2026-03-02T07:00:00Z", "name": None,
        "sport": "running", "sub_sport": "generic", "energy_kcal": 116.5, "mass_kg": 70.0,
        "mass_source": "default", "gap_s_per_km": 345.4, "moving_s": 601.0,
        "distance_m": 1740.0, "ascent_m": 0.0, "descent_m": 0.0, "class": "easy",
        "tags": ["easy"], "segments": [], "muscles": _muscles(EASY_MUSCLES), "notes": [NO_MASS],
    }
    code, out = run("analyze", "1", "--db", imported["db"], "--json")
    assert code == 0
    assert out == exact(expected)
    schema_validator("analysis").validate(json.loads(out))


def test_analyze_json_of_a_file(imported):
    gpx = imported["gpx"]
    expected = {
        "id": None, "source": str(gpx), "start": "2026-03-03T07:00:00Z",
        "name": "Hill repeats 3x60 s", "sport": "running", "sub_sport": "generic",
        "energy_kcal": 338.5, "mass_kg": 70.0, "mass_source": "default", "gap_s_per_km": 345.5,
        "moving_s": 1747.0, "distance_m": 4968.5, "ascent_m": 43.9, "descent_m": 43.9,
        "class": "hills", "tags": ["hills"],
        "segments": [dict(zip(SEGMENT_KEYS, s, strict=True)) for s in HILLS_SEGMENTS],
        "muscles": _muscles(HILLS_MUSCLES), "notes": [NO_MASS],
    }
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
