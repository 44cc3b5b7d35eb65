"""``legload batch`` on a local Dask cluster (2 worker processes): the same per-activity
muscle loads and the same reports as ``legload import`` + ``report`` of each athlete, failures
as rows, a rerun that skips what is done, and output that pandas and DuckDB read."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from legload import api, stored
from legload.core.profile import AthleteProfile
from legload.store import Store
from tests.test_batch_fixtures import BROKEN, NAMES, RUNS_EACH, UNTIL, write_athletes

pytest.importorskip("distributed")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """(input folder, output folder, the summary of a first run and of a rerun)."""
    from legload.batch import BatchOptions, run_batch

    root = write_athletes(tmp_path_factory.mktemp("athletes"))
    out = tmp_path_factory.mktemp("dataset")
    options = BatchOptions(out=out, workers=2, until=UNTIL)
    first = run_batch(root, options)
    again = run_batch(root, options)
    return root, out, first, again


@pytest.fixture(scope="module")
def imported(batch, tmp_path_factory):
    """Each athlete imported alone with ``legload import`` into their own database."""
    root = batch[0]
    dbs = {}
    for name in NAMES:
        db = tmp_path_factory.mktemp("db") / f"{name}.sqlite"
        if name == "alice":
            api.set_athlete(AthleteProfile(name="alice", sex="female", birth_year=1990,
                                           height_m=1.68, weight_kg=60.0), db=db)
        api.import_paths([root / name], db=db, athlete=name, workers=1)
        dbs[name] = db
    return dbs


def _document(value) -> object:
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


@pytest.mark.parametrize("name", NAMES)
def test_reports_are_those_of_import_and_report(batch, imported, name):
    out = batch[1]
    expected = api.report(db=imported[name], athlete=name, until=UNTIL).to_dict()
    written = json.loads((out / "reports" / f"{name}.json").read_text(encoding="utf-8"))
    assert written["activities"] > 0
    assert written == _document(expected)


@pytest.mark.parametrize("name", NAMES)
def test_muscle_loads_are_those_of_the_stored_activities(batch, imported, name):
    out = batch[1]
    with Store(imported[name]) as store:
        profile = store.athlete(name)
        results = stored.activity_results(store, store.athlete_id(name), mass_kg=profile.weight_kg)
    expected = {(r["id"], muscle): load for r in results for muscle, load in r["muscles"].items()}
    frame = pd.read_parquet(out / "muscle_load", filters=[("athlete", "==", name)])
    frame = frame[~frame["merged"]]
    got = {(int(row.activity_id), row.muscle): row for row in frame.itertuples()}
    assert len(results) == RUNS_EACH
    assert got.keys() == expected.keys()
    for key, load in expected.items():
        for field in ("positive_work_j_kg", "negative_work_j_kg", "hill_negative_work_j_kg",
                      "brief_effort_s", "peak_activation", "stimulus"):
            assert getattr(got[key], field) == load[field], (key, field)


def test_a_damaged_file_is_an_error_row_and_the_rest_completes(batch):
    _root, out, first, _again = batch
    errors = pd.read_parquet(out / "errors")
    assert len(errors) == 1
    row = errors.iloc[0]
    assert row["athlete"] == "carol" and row["path"].endswith(BROKEN)
    assert "FIT" in row["error"]
    assert first.failed == 1 and first.athletes_failed == 0
    activities = pd.read_parquet(out / "activities")
    assert activities.groupby("athlete", observed=True).size().to_dict() == {
        name: RUNS_EACH for name in NAMES}


def test_a_copy_of_a_file_counts_once(batch):
    first = batch[2]
    assert first.duplicates == 1
    assert first.analysed == len(NAMES) * RUNS_EACH + 1  # the damaged file is analysed too


def test_a_rerun_analyses_nothing_again_and_writes_the_same(batch):
    _root, out, first, again = batch
    assert again.analysed == 0
    assert again.already_done == first.analysed
    assert again.failed == 1 and again.activities == first.activities
    assert not list(out.rglob(".tmp-*"))


def test_the_dataset_reads_back_with_pandas_and_duckdb(batch):
    duckdb = pytest.importorskip("duckdb")
    out = batch[1]
    muscles = pd.read_parquet(out / "muscle_load")
    weekly = pd.read_parquet(out / "weekly")
    assert set(muscles["athlete"]) == set(NAMES) == set(weekly["athlete"])
    counts = duckdb.sql(
        f"SELECT athlete, count(DISTINCT activity_id) AS n FROM read_parquet("
        f"'{out}/activities/*/*.parquet', hive_partitioning = true) GROUP BY athlete "
        "ORDER BY athlete").fetchall()
    assert counts == [(name, RUNS_EACH) for name in NAMES]
    total = duckdb.sql(f"SELECT sum(positive_work_j_kg) FROM read_parquet("
                       f"'{out}/muscle_load/*/*.parquet', hive_partitioning = true)").fetchall()
    assert total[0][0] == pytest.approx(muscles["positive_work_j_kg"].sum())
    assert (weekly.groupby(["athlete", "week", "muscle"], observed=True).size() == 1).all()


def test_bad_input_is_one_line_and_nothing_is_written(tmp_path: Path):
    from typer.testing import CliRunner

    from legload.cli import app

    result = CliRunner().invoke(app, ["batch", str(tmp_path / "missing"), "--out",
                                      str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "missing: no such file or folder" in result.output
    assert not (tmp_path / "out").exists()


def test_a_profile_that_cannot_be_used_names_the_file_and_the_problem(tmp_path: Path):
    from legload.batch.inputs import athletes, read_profile

    (tmp_path / "dan").mkdir()
    (tmp_path / "dan" / "athlete.toml").write_text("weight_kg = 600\n", encoding="utf-8")
    (tmp_path / "eve").mkdir()
    (tmp_path / "eve" / "athlete.toml").write_text("body_fat = 21\nname = 'Eve'\n",
                                                   encoding="utf-8")
    dan, eve = athletes(tmp_path)
    assert dan.problem is not None and "dan/athlete.toml" in dan.problem
    assert "weight kg must be between" in dan.problem
    assert eve.problem is None and eve.profile.name == "Eve"
    assert eve.profile.body_fat_fraction == pytest.approx(0.21)
    with pytest.raises(Exception, match="unknown profile field"):
        read_profile(b"shoe_size = 44\n", "x")


def test_a_new_body_mass_or_model_version_analyses_the_files_again(batch, tmp_path: Path,
                                                                      monkeypatch):
    import importlib
    import shutil

    from legload.batch import BatchOptions, run_batch

    batch_run = importlib.import_module("legload.batch.run")

    root, out = tmp_path / "athletes", tmp_path / "dataset"
    shutil.copytree(batch[0], root)
    shutil.copytree(batch[1], out)
    profile = root / "alice" / "athlete.toml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("60.0", "61.0"),
                       encoding="utf-8")
    options = BatchOptions(out=out, workers=2, until=UNTIL)
    heavier = run_batch(root, options)
    assert heavier.analysed == RUNS_EACH and heavier.failed == 1
    report = json.loads((out / "reports" / "alice.json").read_text(encoding="utf-8"))
    assert report["athlete"]["weight_kg"] == 61.0
    monkeypatch.setattr(batch_run, "MODEL_VERSION", "a newer model")
    newer = run_batch(root, options)
    assert newer.already_done == 0 and newer.analysed == batch[2].analysed
