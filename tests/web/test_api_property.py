"""An OpenAPI-driven property test of ``/api/``: whatever schemathesis generates from the
schema (ids, athlete names, weeks, dates), the server answers without a 5xx."""

from __future__ import annotations

import warnings

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, given, settings  # noqa: E402

from legload import api  # noqa: E402
from legload.store import Store  # noqa: E402
from legload.web import Settings, create_app  # noqa: E402
from tests.web.helpers import sample_export  # noqa: E402


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    folder = tmp_path_factory.mktemp("api")
    db = folder / "legload.sqlite"
    api.import_paths([sample_export(folder, weeks=1)], db=db, athlete="ana", workers=1)
    with Store(db):
        pass
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return schemathesis.openapi.from_asgi("/api/openapi.json", create_app(Settings(db=db)))


def test_the_api_never_answers_with_a_server_error(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/api/activities", "/api/activities/{activity_id}",
                                             "/api/report", "/api/athletes"}
    for operation in operations:
        _no_server_error(operation)


def _no_server_error(operation) -> None:
    @given(operation.as_strategy())
    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    def check(case):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            response = case.call()
        assert response.status_code < 500, (operation.path, case.path_parameters, case.query,
                                             response.text[:300])

    check()
