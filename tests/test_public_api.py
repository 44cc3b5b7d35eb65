"""The public surface is explicit and stays importable; its results are typed and their
``to_dict()`` follows the documented schemas."""

import datetime as dt
import json

import pytest

import legload
from legload.synth import synthesize, write_fit
from legload.synth.workouts import strides

from .schemas import SCHEMAS, schema_validator


def test_all_names_exist():
    for name in legload.__all__:
        assert hasattr(legload, name), name


def test_all_is_the_documented_surface():
    assert set(legload.__all__) == {
        "Activity", "ActivityAnalysis", "ImportReport", "LegloadError", "LogImport",
        "ModelDomainError", "MuscleLoad", "ReadError", "Report", "SessionAnalysis", "StoreError",
        "StreamError", "StrengthImport", "__version__", "analyse", "import_paths",
        "list_activities", "read_activities", "read_activity", "report",
    }
    assert legload.__all__ == sorted(legload.__all__)


def test_one_exception_tree():
    for name in ("ReadError", "StreamError", "ModelDomainError", "StoreError"):
        assert issubclass(getattr(legload, name), legload.LegloadError)
    assert str(legload.ReadError("a.fit", "bad\nthing")) == "a.fit: bad thing"


def test_nomenclature_doc_is_current():
    from legload.core.nomenclature import render

    from .conftest import REPO

    assert (REPO / "docs" / "nomenclature.md").read_text() == render()


@pytest.mark.parametrize("path", sorted(SCHEMAS.glob("*.json")), ids=lambda p: p.stem)
def test_schemas_are_strict_draft_2020_12(path):
    """Each schema is valid draft 2020-12, and an object of it takes no key it does not name
    (so a key added to a document fails until the schema says what it means)."""
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    schema_validator(path.stem)  # checks the schema against the meta-schema

    def objects(node):
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                yield node
            for value in node.values():
                yield from objects(value)
        elif isinstance(node, list):
            for value in node:
                yield from objects(value)

    found = list(objects(schema))
    assert found
    for node in found:
        assert node["additionalProperties"] is False, node.get("description")


def test_analyse_returns_typed_results(tmp_path):
    """legload.analyse on a generated run with strides: typed parts, and a document that the
    schema accepts and rejects once a key is missing or added."""
    workout = strides(dt.datetime(2026, 3, 2, 7, tzinfo=dt.UTC))
    path = tmp_path / "strides.fit"
    write_fit(workout, path, synthesize(workout, seed=3))
    result = legload.analyse(path)
    assert isinstance(result, legload.ActivityAnalysis) and result.id is None
    assert isinstance(result.session, legload.SessionAnalysis)
    assert result.session.sport == "running" and "sprints" in result.session.tags
    loads = result.session.muscles
    assert all(isinstance(load, legload.MuscleLoad) for load in loads.values())
    assert loads["hamstrings"].stimulus in ("strength", "mixed")
    document = result.to_dict()
    assert document["muscles"]["hamstrings"] == loads["hamstrings"].to_dict()
    validator = schema_validator("analysis")
    validator.validate(document)
    assert not validator.is_valid({k: v for k, v in document.items() if k != "energy_kcal"})
    assert not validator.is_valid({**document, "unknown": 1})
    muscles = {**document["muscles"], "hamstrings": {**document["muscles"]["hamstrings"],
                                                     "stimulus": "huge"}}
    assert not validator.is_valid({**document, "muscles": muscles})
