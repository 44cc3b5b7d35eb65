"""The public surface is explicit and stays importable."""

import legload


def test_all_names_exist():
    for name in legload.__all__:
        assert hasattr(legload, name), name


def test_all_is_the_documented_surface():
    assert set(legload.__all__) == {
        "Activity", "ImportReport", "LegloadError", "ModelDomainError", "ReadError",
        "StoreError", "StreamError", "__version__", "import_paths", "list_activities",
        "read_activities", "read_activity",
    }


def test_one_exception_tree():
    for name in ("ReadError", "StreamError", "ModelDomainError", "StoreError"):
        assert issubclass(getattr(legload, name), legload.LegloadError)
    assert str(legload.ReadError("a.fit", "bad\nthing")) == "a.fit: bad thing"


def test_nomenclature_doc_is_current():
    from legload.core.nomenclature import render

    from .conftest import REPO

    assert (REPO / "docs" / "nomenclature.md").read_text() == render()
