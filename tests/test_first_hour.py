"""The first hour with legload: the demo, the report window, the commands and their text, as
a newcomer meets them. Exact output where the output is the point (sqlite-utils style)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from legload import __version__, api
from legload.analysis.report_types import Risk
from legload.cli import app
from legload.render.terminal import grouped_risks, possessive
from legload.store import Store, default_db_path
from legload.synth import synthesize, write_fit
from legload.synth.athletes import ATHLETES
from legload.synth.workouts import easy_run

runner = CliRunner()
TODAY = dt.datetime.now(dt.UTC).date()
RUN_DAY = dt.datetime(2026, 3, 2, 7, tzinfo=dt.UTC)  # a Monday morning


def run(*args, **kwargs):
    return runner.invoke(app, [str(a) for a in args], **kwargs)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A small demo (the new runner over 3 weeks) run through the command line."""
    import legload.demo

    small = (dataclasses.replace(ATHLETES[2], weeks=3),)
    folder = tmp_path_factory.mktemp("demo") / "legload-demo"
    patch = pytest.MonkeyPatch()
    patch.setattr(legload.demo, "ATHLETES", small)
    try:
        result = run("demo", "--dir", folder)
        as_json = run("demo", "--dir", folder, "--json")
    finally:
        patch.undo()
    return {"dir": folder, "db": folder / "legload.sqlite", "text": result, "json": as_json}


def test_demo_ends_with_the_commands_to_explore_it(demo):
    result, db = demo["text"], demo["db"]
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(
        f"sample files: {demo['dir'] / 'files'}\n"
        "Explore the demo (each command prints the same numbers as above):\n"
        f"  legload report --db {db} --athlete new_runner\n"
        f"  legload activities --db {db} --athlete new_runner\n"
        f"  legload analyze 1 --db {db}\n"
        f"  legload report --db {db} --athlete new_runner --html report.html\n")
    assert "Will running make new_runner's legs muscular?" in result.stdout
    for stage in ("generating", "importing", "reporting"):  # progress on stderr
        assert stage in result.stderr


def test_demo_weeks_end_today_and_a_later_report_prints_the_same(demo):
    """The demo's report and `legload report` on its database afterwards are one document."""
    assert demo["json"].exit_code == 0, demo["json"].output
    shown = json.loads(demo["json"].stdout)["new_runner"]
    assert shown["period"].endswith(f"to {TODAY:%Y-%m-%d}")
    assert not any("weeks old" in line for line in shown["limitations"])
    later = run("report", "--db", demo["db"], "--athlete", "new_runner", "--json")
    assert later.exit_code == 0 and json.loads(later.stdout) == shown
    text = run("report", "--db", demo["db"], "--athlete", "new_runner")
    assert text.stdout in demo["text"].stdout  # the terminal report too, line for line


def test_demo_run_again_replaces_its_own_files_only(demo):
    """The json run replaced the text run's files; a stray file of the user stays."""
    files = sorted(p.name for p in (demo["dir"] / "files" / "new_runner").iterdir())
    assert len(files) == len(set(files)) and len([f for f in files if f.endswith(".fit")]) > 0
    with Store(demo["db"]) as store:
        assert len(store.list_activities()) == len([f for f in files if f.endswith((".fit",
                                                                                    ".gpx"))])
    assert sorted(p.name for p in demo["dir"].glob("report_*.html")) == [
        "report_new_runner.html"]


def _one_run(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    workout = easy_run(RUN_DAY, minutes=10)
    return write_fit(workout, folder / "easy.fit", synthesize(workout, seed=1))


@pytest.fixture(scope="module")
def old_data(tmp_path_factory):
    """One run on 2026-03-02 and a food log of 2024: they do not overlap."""
    tmp = tmp_path_factory.mktemp("window")
    db = tmp / "legload.sqlite"
    assert run("import", _one_run(tmp / "files"), "--db", db).exit_code == 0
    days = pd.date_range("2024-01-03", "2024-07-30", freq="D")
    food = tmp / "food.csv"
    food.write_text("date,energy_kcal,protein_g\n"
                    + "".join(f"{d:%Y-%m-%d},2000,100\n" for d in days))
    assert run("intake", "import", food, "--db", db).exit_code == 0
    return db


def test_report_until_names_the_food_log_outside_the_window(old_data):
    result = run("report", "--db", old_data, "--until", "2026-03-08", "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["period"] == "2026-03-02 to 2026-03-08"
    assert document["activities"] == 1
    assert ("your food log covers 2024-01-03 to 2024-07-30, outside this window (2026-03-02 "
            "to 2026-03-08): energy balance and the lean-mass projection are unknown"
            in document["limitations"])
    assert not any(line.startswith("no food log") for line in document["limitations"])
    assert {m["trend"] for m in document["muscles"].values()} == {"too short to tell"}


def test_report_says_where_the_training_is_when_the_window_has_none(old_data):
    result = run("report", "--db", old_data, "--json", "--weeks", "4")
    document = json.loads(result.stdout)
    weeks = (pd.Timestamp(TODAY) + pd.Timedelta(days=1) - pd.Timestamp("2026-03-02 07:00")).days // 7
    assert document["limitations"][-1] == (
        f"no training data in the 4 weeks to {TODAY:%Y-%m-%d}: the latest is from 2026-03-02 "
        f"({weeks} weeks earlier); see those weeks with `legload report --until 2026-03-02`")
    assert "No training data yet" in document["headline"]


def test_report_leaves_out_what_comes_after_until(old_data):
    document = json.loads(run("report", "--db", old_data, "--until", "2026-02-20",
                              "--json").stdout)
    assert document["limitations"][1] == ("1 activity after 2026-02-20 left out "
                                          "(`legload report --until DATE` moves the window)")


def test_version():
    result = run("--version")
    assert (result.exit_code, result.stdout) == (0, f"legload {__version__}\n")


def _commands():
    import typer.main

    def walk(command, path):
        if hasattr(command, "commands"):
            for name, sub in command.commands.items():
                yield from walk(sub, [*path, name])
        else:
            yield path, command

    return list(walk(typer.main.get_command(app), []))


@pytest.mark.parametrize("path", [p for p, _ in _commands()], ids=" ".join)
def test_help_shows_real_types_and_the_default_database(path):
    result = run(*path, "--help")
    assert result.exit_code == 0
    assert not re.search(r"<\w[^>]*>", result.stdout), result.stdout  # no <bool>, <list[Path]>
    if "--db" in result.stdout:
        flat = " ".join(result.stdout.split())
        assert f"default: ({default_db_path()})" in flat


@pytest.mark.parametrize("command", [["activities"], ["analyze", "1"], ["report"],
                                     ["athlete", "show"]])
def test_read_only_commands_refuse_a_missing_database(tmp_path, command):
    db = tmp_path / "typo" / "legload.sqlite"
    result = run(*command, "--db", db)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (f"legload: no database at {db}: import activities first "
                             "(`legload import PATH`), or name one with --db\n")
    assert not db.parent.exists()


def test_activities_piped_are_tab_separated_and_whole(old_data):
    result = run("activities", "--db", old_data)
    assert result.stdout == ("id\tstart (UTC)\tsport\tname\ttime\tkm\tascent m\tsamples\n"
                             "1\t2026-03-02 07:00\trunning\tMorning Run\t0:10:00\t1.74\t0\t601\n")


def test_analyze_shows_a_muscle_table(old_data):
    result = run("analyze", "1", "--db", old_data)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Morning Run  2026-03-02T07:00:00Z")
    assert any(line.strip() == "Muscles (act.: % of maximal contraction)" for line in lines)
    rows = {line.split()[0]: line.split()[-1] for line in lines if line.startswith("  ")
            and line.split() and line.split()[0] in ("quadriceps", "calves", "peroneals")}
    assert rows == {"quadriceps": "endurance", "calves": "endurance", "peroneals": "endurance"}


STRONG = ("Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
          "Notes,Workout Notes,RPE\n"
          '2026-03-03 18:00:00,"Legs",40m,"Squat (Barbell)",1,100.0,5,0,0,"","",\n')


def test_strength_import_unit(tmp_path):
    log = tmp_path / "strong.csv"
    log.write_text(STRONG)
    db = tmp_path / "legload.sqlite"
    result = run("strength", "import", log, "--unit", "lb", "--db", db)
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        assert store.log_frame("strength_sets", None)["weight_kg"].tolist() == [
            pytest.approx(100 * 0.45359237)]
    bad = run("strength", "import", log, "--unit", "stone", "--db", db)
    assert (bad.exit_code, bad.stderr) == (1, "legload: --unit must be kg or lb, not 'stone'\n")


def test_strength_import_without_unit_points_at_the_option(tmp_path):
    log = tmp_path / "strong.csv"
    log.write_text(STRONG)
    result = run("strength", "import", log, "--db", tmp_path / "legload.sqlite")
    assert "--unit kg or --unit lb" in result.stderr and "weight_unit" not in result.stderr


def test_possessive_of_the_athlete():
    assert [possessive(n) for n in (None, "you", "me", "ana", "James")] == [
        "your", "your", "your", "ana's", "James'"]


def test_profile_messages_say_words_not_field_names(tmp_path):
    db = tmp_path / "legload.sqlite"
    result = run("athlete", "set", "--name", "ana", "--sex", "female", "--db", db)
    assert result.stderr == ("not set: birth year, height, weight, body fat, years of running, "
                             "years of lifting\n")


def test_risks_saying_the_same_are_one_row():
    same = dict(kind="load_spike", reason="load rose 60 %", evidence="weak", week="2026-03-02")
    risks = [Risk(muscle="quadriceps", **same), Risk(muscle="calves", **same),
             Risk(muscle="calves", kind="shin_splints", reason="x", evidence="weak",
                  week="2026-03-02")]
    grouped = grouped_risks(risks)
    assert [(muscles, r.kind) for muscles, r in grouped] == [
        (["quadriceps", "calves"], "load_spike"), (["calves"], "shin_splints")]


def test_python_api_time_index_and_start(tmp_path):
    """What the README's Python section shows, run as written there."""
    path = _one_run(tmp_path)
    import legload

    run_ = legload.read_activity(path)
    per_minute = run_.to_frame().resample("1min").mean()
    assert per_minute.index.name == "timestamp" and len(per_minute) == 11  # 601 samples: 07:00 to 07:10
    assert per_minute["heart_rate_bpm"].notna().all()
    assert run_.summary["start"] == pd.Timestamp("2026-03-02 07:00", tz="UTC")
    assert list(run_.samples.index[:2]) == [0, 1]  # the samples themselves are unchanged
    assert next(legload.read_activities(tmp_path)).summary["start"] == run_.summary["start"]


def test_readme_python_snippet_runs(tmp_path, monkeypatch):
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    snippet = readme.split("From Python:\n\n```python\n", 1)[1].split("```", 1)[0]
    _one_run(tmp_path)
    (tmp_path / "easy.fit").rename(tmp_path / "morning_run.fit")
    monkeypatch.chdir(tmp_path)
    snippet = snippet.replace('"export.zip"', '"."')
    scope: dict = {}
    exec(compile(snippet, "README.md", "exec"), scope)  # the README's own code
    assert scope["per_minute"].index.name == "timestamp"


def test_api_report_window_arguments(old_data):
    report = api.report(db=old_data, weeks=2, until=dt.date(2026, 3, 8))
    assert (report.weeks, report.period) == (1, "2026-03-02 to 2026-03-08")


def test_fit_records_in_bulk_are_the_sdks_bytes(monkeypatch):
    """The demo's FIT files are written with records packed in stretches; they are byte for
    byte what the SDK writes one message at a time (a pause splits the stretches)."""
    import legload.synth.fit_writer as fit_writer
    from legload.synth.workouts import intervals, run_with_stop

    for workout in (intervals(RUN_DAY), run_with_stop(RUN_DAY)):
        samples = synthesize(workout, seed=3, gps_noise_m=2.0, alt_noise_m=0.3)
        fast = fit_writer.encode_fit(workout, samples)
        with monkeypatch.context() as patch:
            patch.setattr(fit_writer, "_write_records",
                          lambda enc, records: [enc.write_mesg(r) for r in records])
            assert fit_writer.encode_fit(workout, samples) == fast
