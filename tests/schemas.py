"""The JSON Schemas of the CLI's ``--json`` documents (``docs/schemas/*.json``, draft 2020-12)."""

from __future__ import annotations

import functools
import json

from jsonschema import Draft202012Validator

from .conftest import REPO

SCHEMAS = REPO / "docs" / "schemas"


@functools.cache
def schema_validator(name: str) -> Draft202012Validator:
    """A validator of ``docs/schemas/<name>.json`` (itself checked against the meta-schema)."""
    schema = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)
