"""Everyday speed: quick commands load no pandas or readers, and a report after an import
serves the analyses the import stored, recomputing them only when the models change."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest

import legload.analysis.weekly as weekly
import legload.import_pool as import_pool
from legload import api
from legload.pipeline import analyse_content, ledger_json
from legload.store import Store
from legload.stored import activity_results, analysis_key

from .conftest import REPO
from .fit_folders import write_easy_runs

HEAVY = ("pandas", "numpy", "lxml", "legload.readers", "legload.analysis", "pydantic")
START = dt.datetime(2026, 3, 2, 7, 0, tzinfo=dt.UTC)
UNTIL = dt.date(2026, 3, 20)


def _loaded_by(db, *argv: str, modules: tuple[str, ...] = HEAVY) -> list[str]:
    """Which of ``modules`` a ``legload`` command (run in a fresh interpreter) imported."""
    code = ("import sys, runpy\n"
            f"sys.argv = ['legload', *{list(argv)!r}]\n"
            "try:\n    runpy.run_module('legload', run_name='__main__')\n"
            "except SystemExit as exit:\n    assert not exit.code, exit.code\n"
            f"print([m for m in {modules!r} if m in sys.modules], file=sys.stderr)\n")
    env = {**os.environ, "PYTHONPATH": str(REPO), "LEGLOAD_DB": str(db)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, check=True, timeout=120)
    return json.loads(done.stderr.strip().splitlines()[-1].replace("'", '"'))


@pytest.mark.parametrize("argv", [("--help",), ("--version",), ("athlete", "show"),
                                  ("athlete", "show", "--json"), ("activities", "--json")])
def test_quick_commands_load_no_pandas_numpy_lxml_readers_or_pydantic(tmp_path, argv):
    db = tmp_path / "legload.sqlite"
    api.set_athlete(api.AthleteProfile(name="Ann", weight_kg=61.0), db=db)
    assert _loaded_by(db, *argv) == []


@pytest.mark.parametrize("argv", [("--help",), ("--version",), ("report", "--help")])
def test_help_and_version_load_neither_the_workflows_nor_the_store(tmp_path, argv):
    light = ("legload.api", "legload.store.db", "legload.render", "rich", "jinja2", "pydantic",
             "platformdirs")
    assert _loaded_by(tmp_path / "legload.sqlite", *argv, modules=light) == []


def test_the_public_names_load_on_first_use():
    code = "import sys, legload; assert 'pandas' not in sys.modules; legload.report; " \
           "assert 'legload.api' in sys.modules"
    subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(REPO)},
                   check=True, timeout=120)


@pytest.fixture
def imported(tmp_path):
    folder = tmp_path / "runs"
    folder.mkdir()
    write_easy_runs(folder, 5, minutes=20, start=START)
    db = tmp_path / "legload.sqlite"
    api.set_athlete(api.AthleteProfile(name="Ann", weight_kg=61.0), db=db)
    assert api.import_paths([folder], db=db, workers=1).imported == 5
    return db


@pytest.fixture
def analyses(monkeypatch):
    """Counts the analyses computed on demand (in this process)."""
    calls = []
    real = import_pool.analyse_stored_batch

    def counted(db, ids, mass_kg, tolerant=False):
        calls.extend(ids)
        return real(db, ids, mass_kg, tolerant)

    monkeypatch.setattr(import_pool, "analyse_stored_batch", counted)
    return calls


def test_a_report_after_an_import_computes_nothing(imported, analyses):
    api.report(db=imported, until=UNTIL)
    with Store(imported) as store:
        results = activity_results(store, store.athlete_id(None), mass_kg=61.0)
    assert analyses == []
    assert [r["id"] for r in results] == [1, 2, 3, 4, 5] and all(r["muscles"] for r in results)


def test_a_report_without_html_loads_no_templates(imported):
    argv = ("report", "--json", "--until", UNTIL.isoformat())
    assert _loaded_by(imported, *argv, modules=("jinja2", "legload.render.html", "pydantic")) \
        == []


def test_the_analysis_stored_at_import_is_the_one_computed_from_the_stored_activity(imported):
    with Store(imported) as store:
        key = analysis_key(61.0)
        stored = store.cached_analyses(store.athlete_id(None), key)
        assert len(stored) == 5
        for activity_id, text in stored.items():
            computed = import_pool.analyse_stored_batch(str(imported), [activity_id], 61.0)
            assert json.loads(computed[activity_id]) == json.loads(text)


def test_the_analysis_says_where_its_figures_come_from_as_the_activity_does(tmp_path):
    """The figures are chosen once, from the file as read: the stored analysis and the one
    recomputed from the stored activity give the sources its summary (``activities``) gives,
    not the device's for the stream's figures the summary holds since."""
    from legload.synth.fit_writer import encode_fit
    from legload.synth.workouts import easy_run, synthesize

    workout = easy_run(START, minutes=30)  # flat, the altitude noisy: the device's ascent 0
    samples = synthesize(workout, seed=0, alt_noise_m=0.3)
    (tmp_path / "easy.fit").write_bytes(encode_fit(workout, samples))
    db = tmp_path / "legload.sqlite"
    assert api.import_paths([tmp_path], db=db, workers=1).imported == 1
    with Store(db) as store:
        stored = store.cached_analyses(store.athlete_id(None), analysis_key(None))
        summaries = {i: store.get_activity(i).summary for i in stored}
    recomputed = import_pool.analyse_stored_batch(str(db), sorted(stored), None)
    for activity_id, text in stored.items():
        summary = summaries[activity_id]
        for analysis in (json.loads(text), json.loads(recomputed[activity_id])):
            assert analysis["sources"] == summary["sources"]
            assert analysis["ascent_m"] == round(summary["ascent_m"], 1) > 0
    # the file's ascent is the reader's, from the samples: the stream's is reported
    assert {s["sources"]["ascent_m"] for s in summaries.values()} == {"stream"}


def test_a_new_model_version_recomputes_every_analysis_once(imported, analyses, monkeypatch):
    before = api.report(db=imported, until=UNTIL).to_dict()
    monkeypatch.setattr(weekly, "MODEL_VERSION", "next")
    seen = []
    after = api.report(db=imported, until=UNTIL, progress=lambda d, t: seen.append((d, t)))
    assert sorted(analyses) == [1, 2, 3, 4, 5]
    assert seen[-1] == (5, 5)
    assert after.to_dict() == before  # the same models under a new name: the same answer
    with Store(imported) as store:  # the old version's rows are gone, the new ones kept
        versions = {v for (v,) in store.conn.execute(
            "SELECT DISTINCT model_version FROM activity_analyses")}
    assert versions == {analysis_key(61.0)}
    api.report(db=imported, until=UNTIL)
    assert len(analyses) == 5  # stored again: the next report computes nothing


def test_a_changed_body_mass_recomputes(imported, analyses):
    api.set_athlete(api.AthleteProfile(name="Ann", weight_kg=64.0), db=imported)
    api.report(db=imported, until=UNTIL)
    assert sorted(analyses) == [1, 2, 3, 4, 5]


def test_recomputing_in_workers_gives_what_one_process_gives(imported, monkeypatch):
    monkeypatch.setattr(weekly, "MODEL_VERSION", "next")
    ids = [1, 2, 3, 4, 5] * 4  # several batches, so that workers start
    pooled = import_pool.analyse_stored(imported, ids, 61.0, workers=2)
    serial = import_pool.analyse_stored(imported, ids, 61.0, workers=1)
    assert pooled == serial and sorted(pooled) == [1, 2, 3, 4, 5]


def test_analyse_content_is_the_whole_per_file_analysis(imported, tmp_path):
    path = tmp_path / "runs" / "run_002.fit"
    (item,) = analyse_content(path.read_bytes(), str(path), mass_kg=61.0)
    assert item.session is not None and item.session.muscles
    assert item.activity.summary["sources"]["moving_s"] in ("device", "stream")
    with Store(imported) as store:
        stored = store.cached_analyses(store.athlete_id(None), analysis_key(61.0))
    assert json.loads(ledger_json(item.session)) == json.loads(stored[3])


def test_log_tables_match_the_readers():
    from legload.readers.logs.read import TABLES

    assert api.TABLES == TABLES


@pytest.mark.parametrize(("given", "expected"), [(None, "1"), ("3", "3")])
def test_the_command_line_runs_one_blas_thread_unless_told_otherwise(given, expected):
    """The command line sets OPENBLAS_NUM_THREADS to 1 before numpy loads (the import's
    worker processes take the CPUs), and leaves a value the user set as it is."""
    code = ("import os, legload.cli, numpy\n"
            "print(os.environ.get('OPENBLAS_NUM_THREADS'))\n")
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    env["PYTHONPATH"] = str(REPO)
    if given is not None:
        env["OPENBLAS_NUM_THREADS"] = given
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          check=True, timeout=120)
    assert done.stdout.strip() == expected
