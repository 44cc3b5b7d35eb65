"""One naming rule for units in every ``--json`` document (README, "Using it"): a key whose
value is a number, or a list of numbers, ends in its unit's suffix, unless it is one of the
few plain counts, ids and ratios listed there. Checked on every document a generated athlete
gives: its profile, the import of its files and logs, the activity list, the analysis of each
kind of file and the report."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from legload.cli import app
from legload.models.locomotion.muscles import MUSCLES
from legload.synth.athletes import ATHLETES, write_athlete

from .schemas import schema_validator

#: unit suffixes (README): seconds, metres, m/s, s/km, kg, kcal, kcal/day, g/kg/day, J/kg,
#: J/kg per week, hard sets per week, percent, fraction, years
UNIT_SUFFIXES = ("_s", "_m", "_m_s", "_s_per_km", "_kg", "_kcal", "_kcal_day", "_g_kg_day",
                 "_j_kg", "_j_kg_week", "_sets_week", "_pct", "_fraction", "_years")
#: numbers without a unit (README): counts and ids, then ratios
UNITLESS = frozenset({"id", "weeks", "activities", "samples", "sets", "sessions_per_week",
                      "birth_year", "imported", "duplicates", "rows", "leg_sets", "into",
                      "mean_activation", "peak_activation", "mean_grade", "effect_size_range"})

runner = CliRunner()


def _numeric(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    return isinstance(value, list) and bool(value) and all(_numeric(v) for v in value)


def unit_violations(document, key: str | None = None, path: str = "") -> list[str]:
    """Paths of numbers whose key (the nearest one that is not a muscle's name) breaks the
    rule."""
    if isinstance(document, dict):
        return [bad for k, v in document.items()
                for bad in unit_violations(v, key if k in MUSCLES else k, f"{path}.{k}")]
    if _numeric(document):
        named = key is not None and (key in UNITLESS or key.endswith(UNIT_SUFFIXES))
        return [] if named else [path]
    if isinstance(document, list):
        return [bad for i, v in enumerate(document)
                for bad in unit_violations(v, key, f"{path}[{i}]")]
    return []


def test_the_check_finds_a_number_without_its_unit():
    """Will fail if the check lets a unit-less key or a unit-less series through."""
    assert unit_violations({"muscles": {"calves": {"endurance_load": 1.0, "trend": "steady"}}}) \
        == [".muscles.calves.endurance_load"]
    assert unit_violations({"weekly": {"eccentric_load": {"calves": [1.0, 2.0]}}}) \
        == [".weekly.eccentric_load.calves"]
    assert unit_violations({"hard_sets": 1.5, "weight_kg": 60.0, "sets": 3, "ok": True}) \
        == [".hard_sets"]


def _cli(*args) -> dict | list:
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> dict[str, object]:
    """Every ``--json`` document of four weeks of the sample lifter (FIT runs, a GPX run,
    Hevy sets, food log, weigh-ins)."""
    tmp = tmp_path_factory.mktemp("units")
    lifter = dataclasses.replace(next(a for a in ATHLETES if a.name == "sprinter_lifter"),
                                 weeks=4)
    end = dt.date(2026, 6, 28)
    paths = write_athlete(lifter, tmp / "files", end=end)
    db = tmp / "legload.sqlite"
    profile = lifter.profile
    docs: dict[str, object] = {"athlete set": _cli(
        "athlete", "set", "--name", lifter.name, "--sex", profile["sex"],
        "--birth-year", profile["birth_year"], "--height-m", profile["height_m"],
        "--weight-kg", profile["weight_kg"], "--body-fat", profile["body_fat_fraction"],
        "--running-years", profile["running_years"], "--lifting-years", profile["lifting_years"],
        "--db", db, "--json")}
    activities = [p for p in paths if p.suffix in (".fit", ".gpx")]
    docs["import"] = _cli("import", *activities, "--db", db, "--json")
    logs = {p.name: p for p in paths if p.suffix == ".csv"}
    docs["strength import"] = _cli("strength", "import", logs["workout_data.csv"], "--db", db,
                                   "--json")
    docs["intake import"] = _cli("intake", "import", logs["intake.csv"], "--db", db, "--json")
    docs["body import"] = _cli("body", "import", logs["weight.csv"], "--db", db, "--json")
    docs["athlete show"] = _cli("athlete", "show", "--db", db, "--json")
    docs["activities"] = listed = _cli("activities", "--db", db, "--json")
    for row in listed:  # one analysis of each kind of file, stored and read on the fly
        kind = Path(row["source_path"]).suffix
        docs.setdefault(f"analyze {kind}", _cli("analyze", row["id"], "--db", db, "--json"))
        docs.setdefault(f"analyze FILE {kind}", _cli("analyze", row["source_path"], "--json"))
    docs["report"] = _cli("report", "--db", db, "--until", end, "--json")
    return docs


def test_every_document_was_made(documents):
    """Will fail if the athlete's files stop giving a GPX run, lifting or a food log (the
    checks below would then pass on less)."""
    assert {"analyze .gpx", "analyze .fit", "analyze FILE .gpx"} <= documents.keys()
    report = documents["report"]
    assert report["energy"]["protein_g_kg_day"] > 0
    assert any(m["lifting_sets_week"] for m in report["muscles"].values())
    assert report["weekly"]["endurance_load_j_kg_week"]
    schema_validator("report").validate(report)


def test_every_number_is_named_with_its_unit(documents):
    found = {name: unit_violations(document) for name, document in documents.items()}
    assert {name: bad for name, bad in found.items() if bad} == {}
