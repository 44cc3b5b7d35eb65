"""The export samples of ``../shared/data/incoming`` (formats read since 2026-12; kept apart
from ``../real``): a test using one skips where it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

INCOMING = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "incoming"


def incoming(relative: str) -> Path:
    """``../shared/data/incoming/<relative>``, or a skip when it is not on this machine."""
    path = INCOMING / relative
    if not path.exists():
        pytest.skip(f"the export sample {relative} (../shared/data/incoming) is not here")
    return path
