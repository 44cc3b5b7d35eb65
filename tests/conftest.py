"""Shared fixtures: where the real-world files live, and a fresh database per test."""

from __future__ import annotations

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
