"""Shared fixtures: where the real-world files live, and a fresh database per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
REAL = REPO.parent / "shared" / "data" / "real"


@pytest.fixture(scope="session")
def real_dir() -> Path:
    """``../shared/data/real`` beside the repo root; tests using it skip where it is absent."""
    if not REAL.is_dir():
        pytest.skip("real-world files (../shared/data/real) are not on this machine")
    return REAL


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "legload.sqlite"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Where CI installed chromium (``LEGLOAD_REQUIRE_BROWSER=1``, set by ``.ci/run``), a browser
    test skipped for want of chromium is a failure, not a skip."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and os.environ.get("LEGLOAD_REQUIRE_BROWSER") == "1" \
            and "chromium" in str(report.longrepr).lower():
        report.outcome = "failed"
        report.longrepr = f"{item.nodeid}: chromium is required on this machine but was not found"
