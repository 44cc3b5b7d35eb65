"""Issue 16: random sequences of import, log import, athlete set, delete and report on one
database keep it sound: integrity_check ok, no row without an athlete once one exists,
``report --json`` exits 0, and the counts are those of the inputs."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability_helpers import gpx_run, run, strength_csv, write

RUNS = 3
DAYS = [f"2026-03-{d:02d}" for d in range(2, 8)]
NAMES = ("ana", "ben [/x]")

steps = st.lists(st.one_of(
    st.tuples(st.just("import"), st.integers(0, RUNS - 1)),
    st.tuples(st.just("sets"), st.lists(st.sampled_from(DAYS), min_size=1, max_size=4,
                                        unique=True)),
    st.tuples(st.just("athlete"), st.sampled_from(NAMES)),
    st.tuples(st.just("delete_activity"), st.integers(0, RUNS - 1)),
    st.tuples(st.just("delete_sets"), st.sampled_from(DAYS)),
    st.tuples(st.just("delete_athlete"), st.sampled_from(NAMES)),
    st.tuples(st.just("report"), st.none()),
), min_size=1, max_size=7)


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("runs")
    return [write(folder / f"run{i}.gpx", gpx_run(f"run {i}", start=f"{DAYS[i]}T07:00:00Z",
                                                   seconds=300)) for i in range(RUNS)]


class Model:
    """What the database should hold: per athlete (None: not yet assigned), the runs and
    the strength days imported."""

    def __init__(self) -> None:
        self.athletes: list[str] = []
        self.runs: dict[int, str | None] = {}
        self.sets: set[tuple[str, str | None]] = set()  # (day, athlete): rows by identity

    def owner(self) -> str | None:
        return self.athletes[0] if self.athletes else None


def _apply(step, model: Model, db: Path, folder: Path, runs: list[Path]) -> None:
    kind, arg = step
    owner = ["--athlete", model.owner()] if model.athletes else []
    if kind == "import":
        assert run("import", runs[arg], "--db", db, "--workers", 1, *owner).exit_code == 0
        model.runs.setdefault(arg, model.owner())
    elif kind == "sets":
        path = write(folder / f"sets-{'-'.join(arg)}.csv",
                     strength_csv([(day, "Squat", 1, 5, 100, 2) for day in arg]))
        assert run("strength", "import", path, "--db", db, *owner).exit_code == 0
        model.sets |= {(day, model.owner()) for day in arg}
    elif kind == "athlete":
        assert run("athlete", "set", "--name", arg, "--db", db).exit_code == 0
        if arg not in model.athletes:
            if not model.athletes:  # the first athlete adopts what was imported before
                model.runs = dict.fromkeys(model.runs, arg)
                model.sets = {(day, arg) for day, _ in model.sets}
            model.athletes.append(arg)
            model.athletes.sort()
    elif kind == "delete_activity":
        if not db.exists():  # read-only commands and deletes never create a database
            assert run("activities", "--db", db, "--json").exit_code == 1
            assert run("activities", "delete", 1, "--yes", "--db", db).exit_code == 1
            assert not db.exists()
            return
        ids = {Path(a["source_path"]).stem: a["id"] for a in json.loads(
            run("activities", "--db", db, "--json").stdout)}
        name = runs[arg].stem
        result = run("activities", "delete", ids.get(name, 999), "--yes", "--db", db)
        assert result.exit_code == (0 if name in ids else 1)
        model.runs.pop(arg, None)
    elif kind == "delete_sets":
        args = ("--from", arg, "--to", arg, "--yes", "--db", db, *owner)
        existed = db.exists()
        assert run("strength", "delete", *args).exit_code == (0 if existed else 1)
        assert db.exists() == existed  # a delete never creates a database
        model.sets.discard((arg, model.owner()))
    elif kind == "delete_athlete":
        result = run("athlete", "delete", arg, "--yes", "--db", db)
        assert result.exit_code == (0 if arg in model.athletes else 1)
        if arg in model.athletes:
            model.athletes.remove(arg)
            model.runs = {k: v for k, v in model.runs.items() if v != arg}
            model.sets = {(day, who) for day, who in model.sets if who != arg}


def _check(model: Model, db: Path) -> None:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        (activities,), = conn.execute("SELECT COUNT(*) FROM activities")
        (sets,), = conn.execute("SELECT COUNT(*) FROM strength_sets")
        assert (activities, sets) == (len(model.runs), len(model.sets))
        if model.athletes:
            for table in ("activities", "strength_sets"):
                orphans = conn.execute(f"SELECT COUNT(*) FROM {table} WHERE athlete_id IS NULL "
                                       "OR athlete_id NOT IN (SELECT id FROM athletes)")
                assert orphans.fetchone() == (0,), table
    owner = ["--athlete", model.owner()] if model.athletes else []
    report = run("report", "--json", "--db", db, *owner)
    assert report.exit_code == 0, report.output
    json.loads(report.stdout)


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps)
def test_random_sequences_keep_the_database_sound(runs, sequence):
    with tempfile.TemporaryDirectory() as folder:
        db, model = Path(folder) / "legload.sqlite", Model()
        for step in sequence:
            _apply(step, model, db, Path(folder), runs)
            if db.exists():
                _check(model, db)
