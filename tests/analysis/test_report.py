"""The answer responds to its drivers: three sample athletes, and the same athletes with one
driver changed. The sample files are generated once per test module (real FIT/GPX/CSV)."""

from __future__ import annotations

import dataclasses
import json
import shutil

import pytest
from typer.testing import CliRunner

from legload import api
from legload.analysis.verdict import headline_facts, headline_text
from legload.cli import app
from legload.core.profile import AthleteProfile
from legload.store import Store
from legload.synth.athletes import ATHLETES, write_athlete

from ..schemas import schema_validator

BIG_RUNNING_MUSCLES = ("quadriceps", "hamstrings", "calves")
CHROMIUM = shutil.which("chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
BY_NAME = {a.name: a for a in ATHLETES}


def _report(tmp, athlete, *, drop_strength=False):
    folder = tmp / athlete.name
    write_athlete(athlete, folder)
    if drop_strength:
        (folder / "workout_data.csv").unlink()
    db = tmp / f"{athlete.name}.sqlite"
    api.set_athlete(AthleteProfile(name=athlete.name, **athlete.profile), db=db)
    result = api.import_paths([folder], db=db, athlete=athlete.name)
    assert not result.failed, result.failed
    DATABASES[athlete.name] = db
    return api.report(db=db, athlete=athlete.name)


DATABASES: dict = {}


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("athletes")
    return {a.name: _report(tmp, a) for a in ATHLETES}


@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed")
def test_cli_html_report_in_chromium(reports, tmp_path):
    """`legload report --html` opens without console errors; the screenshot area holds the
    body map and both charts with drawn content."""
    sync_api = pytest.importorskip("playwright.sync_api")
    page_path = tmp_path / "deficit_runner.html"
    result = CliRunner().invoke(app, ["report", "--db", str(DATABASES["deficit_runner"]),
                                      "--athlete", "deficit_runner",
                                      "--html", str(page_path)])
    assert result.exit_code == 0, result.output
    errors: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1000, "height": 1400})
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(page_path.as_uri())
        assert page.locator("#body-map polygon[data-muscle]").count() == 14
        assert page.locator("#load-chart polyline").count() == 7
        assert page.locator("#projection-chart polyline").count() == 2
        for selector in ("#body-map > svg", "#load-chart > svg", "#projection-chart > svg"):
            box = page.locator(selector).bounding_box()
            assert box and box["width"] > 200 and box["height"] > 100, selector
        page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        browser.close()
    assert errors == []


def test_deficit_runner_is_not_building_and_loses_lean_mass(reports):
    report = reports["deficit_runner"]
    for muscle in BIG_RUNNING_MUSCLES:
        assert report.muscles[muscle].verdict in ("losing", "endurance_only")
    assert report.energy.balance_kcal_day < -300
    assert report.projection.lean_change_kg < -0.2
    assert any(item.kind == "intake" for item in report.plan)
    facts = headline_facts(report.muscles, report.projection, report.plan, report.risks)
    assert facts.answer in ("no", "not_much") and facts.more_food
    assert facts.lean_change_kg == report.projection.lean_change_kg
    assert report.headline == headline_text(facts)


def test_sprinter_lifter_is_building_what_it_loads(reports):
    muscles = reports["sprinter_lifter"].muscles
    for muscle in ("quadriceps", "hamstrings", "gluteals", "calves"):
        assert muscles[muscle].verdict == "building", muscle
        assert muscles[muscle].strength_stimulus >= 5
    assert reports["sprinter_lifter"].headline.startswith(("Yes:", "Partly:"))


def test_new_runner_gets_a_shin_splint_flag_naming_the_jump(reports):
    risks = reports["new_runner"].risks
    shin = [r for r in risks if r.muscle == "tibialis_anterior" and r.kind == "shin_splints"]
    assert shin and "60 %" in shin[0].reason
    assert shin[0].evidence in ("strong", "moderate", "weak", "expert opinion")


def test_json_follows_its_schema(reports):
    """Each sample athlete's report document is valid against docs/schemas/report.json (no
    key missing, none added, every type as documented) and is JSON as it is."""
    for report in reports.values():
        document = report.to_dict()
        schema_validator("report").validate(document)
        json.dumps(document)  # every value is JSON-native: no default=str needed
        assert document["muscles"].keys() == report.muscles.keys()
        assert document["headline"] == report.headline


@pytest.mark.slow
def test_without_strength_sessions_the_sprinter_stops_building(tmp_path):
    report = _report(tmp_path, BY_NAME["sprinter_lifter"], drop_strength=True)
    for muscle in ("quadriceps", "gluteals"):
        assert report.muscles[muscle].verdict != "building", muscle


@pytest.mark.slow
def test_eating_at_maintenance_removes_the_projected_loss(tmp_path, reports):
    runner = BY_NAME["deficit_runner"]
    energy = reports["deficit_runner"].energy
    needed = energy.measured_expenditure_kcal_day or energy.maintenance_kcal_day
    fed = dataclasses.replace(runner, intake_kcal=needed, deficit_kcal=0.0)
    report = _report(tmp_path, fed)
    assert report.projection.lean_change_kg > -0.2
    assert report.energy.balance_kcal_day > -300


def test_report_on_real_files_only_answers_and_names_what_is_missing(real_dir, db_path):
    runner = CliRunner()
    runner.invoke(app, ["import", str(real_dir / "fit/running"), "--db", str(db_path)])
    latest = max(row["start"] for row in api.list_activities(db=db_path))[:10]
    result = runner.invoke(app, ["report", "--db", str(db_path), "--json", "--until", latest])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["headline"]
    text = " ".join(report["limitations"])
    assert "food log" in text and "profile" in text
    assert report["projection"] is None
    assert all(m["verdict"] for m in report["muscles"].values())
    plain = runner.invoke(app, ["report", "--db", str(db_path), "--until", latest])
    assert plain.exit_code == 0 and "Will running make your legs muscular?" in plain.stdout


def test_report_on_an_empty_database(db_path):
    api.set_athlete(AthleteProfile(name="ana"), db=db_path)
    result = CliRunner().invoke(app, ["report", "--db", str(db_path), "--json"])
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    schema_validator("report").validate(document)
    assert "No training data yet" in document["headline"]
    assert document["muscles"]["quadriceps"] == {
        "verdict": None, "endurance_load_j_kg_week": 0.0, "strength_stimulus_sets_week": 0.0,
        "eccentric_load_j_kg_week": 0.0, "trend": "none", "drivers": [], "size": None,
        "confidence": None}
    assert (document["energy"], document["weekly"], document["projection"]) == ({}, {}, None)


def test_report_with_a_strength_log_without_rpe(real_dir, db_path):
    """Hevy exports often carry no RPE: the sets still count (RIR unknown)."""
    runner = CliRunner()
    runner.invoke(app, ["strength", "import", str(real_dir / "exports/hevy/workout_data.csv"),
                        "--db", str(db_path)])
    with Store(db_path) as store:
        latest = store.log_frame("strength_sets", None)["timestamp"].max()
    result = runner.invoke(app, ["report", "--db", str(db_path), "--json",
                                 "--until", f"{latest:%Y-%m-%d}"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert max(m["lifting_sets_week"] for m in report["muscles"].values()) > 0


def test_food_logged_twice_counts_once_and_only_inside_the_window(tmp_path):
    import pandas as pd

    from legload.analysis.energy_balance import _in_window

    days = pd.to_datetime(["2026-01-05", "2026-01-05", "2026-01-06", "2026-03-01"])
    intake = pd.DataFrame({"date": days, "energy_kcal": [2000.0, 2200.0, 1800.0, 5000.0],
                           "protein_g": [100.0, 100.0, 90.0, 50.0]})
    weights = pd.DataFrame({"timestamp": pd.to_datetime([], utc=True), "weight_kg": [],
                            "body_fat_fraction": []})
    inside, _ = _in_window(intake, weights, pd.Timestamp("2026-01-05", tz="UTC"),
                           pd.Timestamp("2026-02-02", tz="UTC"))
    assert list(inside["energy_kcal"]) == [2100.0, 1800.0]


def test_projection_weeks_are_whole_numbers_from_zero(reports):
    """The projection's weeks are JSON integers 0, 1, 2 ... (not 0.0, 1.0 ...)."""
    for report in reports.values():
        weeks = report.projection.weeks
        assert weeks == list(range(len(weeks))) and all(type(w) is int for w in weeks)
        assert json.dumps(report.to_dict()["projection"]["weeks"]) == json.dumps(weeks)


def test_plan_keeps_the_exercises_beside_the_intake_advice(reports):
    """The deficit runner's plan holds the resistance exercises and the food advice together."""
    kinds = [item.kind for item in reports["deficit_runner"].plan]
    assert "intake" in kinds and "exercise" in kinds, kinds
    assert kinds.index("exercise") < kinds.index("intake")
