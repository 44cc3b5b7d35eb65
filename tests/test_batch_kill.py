"""A ``legload batch`` killed midway (``kill -9`` of the command and its local cluster) and run
again completes the dataset without duplicates and without half-written files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from tests.test_batch_fixtures import NAMES, RUNS_EACH, UNTIL, write_athletes

pytest.importorskip("distributed")
pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parent.parent


def _batch(root: Path, out: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "legload", "batch", str(root), "--out", str(out), "--workers", "1",
         "--until", UNTIL.isoformat(), "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True)


def _states(out: Path) -> list[Path]:
    return list((out / "_state").rglob("*.json")) if (out / "_state").is_dir() else []


def _recorded(out: Path) -> bool:
    """Whether a manifest records some file done."""
    return (out / "_manifest").is_dir() and any((out / "_manifest").glob("*.json"))


def test_a_killed_batch_completes_on_rerun_without_duplicates(tmp_path: Path):
    root = write_athletes(tmp_path / "athletes")
    out = tmp_path / "out"
    files = len(NAMES) * RUNS_EACH + 1
    process = _batch(root, out)
    try:
        deadline = time.monotonic() + 180
        while not _recorded(out) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        os.killpg(process.pid, signal.SIGKILL)  # the command, its scheduler and its worker
    finally:
        process.communicate(timeout=60)
    done_before = len(_states(out))
    if done_before >= files:
        pytest.skip("the batch finished before it could be killed")
    assert done_before >= 1
    rerun = _batch(root, out)
    document, errors = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, errors.decode(errors="replace")[-2000:]
    summary = json.loads(document)
    assert summary["already_done"] >= 1 and summary["analysed"] < files
    assert summary["already_done"] + summary["analysed"] == files
    activities = pd.read_parquet(out / "activities")
    assert len(activities) == len(NAMES) * RUNS_EACH
    assert not activities.duplicated(["athlete", "activity_id"]).any()
    assert not activities.duplicated(["athlete", "file_sha256", "file_index"]).any()
    muscles = pd.read_parquet(out / "muscle_load")
    assert not muscles.duplicated(["athlete", "activity_id", "muscle"]).any()
    assert sorted(p.stem for p in (out / "reports").glob("*.json")) == sorted(NAMES)
    assert len(pd.read_parquet(out / "errors")) == 1
    assert not list(out.rglob(".tmp-*"))
