"""Killing an import half-way (SIGKILL) leaves a consistent database; importing again
completes it with no duplicates and no partial activity."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .fit_folders import write_easy_runs

N_FILES = 200


@pytest.fixture(scope="module")
def many_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    write_easy_runs(folder, N_FILES, minutes=8, start=dt.datetime(2025, 1, 1, 7, tzinfo=dt.UTC))
    return folder


def _count(db) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM files").fetchone()[0]
    except sqlite3.Error:
        return 0


def _children(pid: int) -> list[int]:
    """Live child processes of ``pid`` (Linux /proc; empty elsewhere)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its exit status waits to be collected


@pytest.mark.slow
def test_kill_9_mid_import_then_rerun(many_files, tmp_path):
    db = tmp_path / "crash.sqlite"
    cmd = [sys.executable, "-m", "legload", "import", str(many_files), "--db", str(db), "--json",
           "--workers", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _count(db) < 20 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the import finished before it could be killed"
    workers = _children(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    if sys.platform == "linux":  # the reading workers end with the importing process
        assert len(workers) == 2
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(pid) for pid in workers)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        files = conn.execute("SELECT count(*) FROM files").fetchone()[0]
        assert 20 <= files < N_FILES
        orphans = conn.execute(
            "SELECT count(*) FROM files f WHERE f.n_activities != "
            "(SELECT count(*) FROM activities a WHERE a.file_sha256 = f.sha256)").fetchone()[0]
        assert orphans == 0
    rerun = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    report = json.loads(rerun.stdout)
    assert report["duplicates"] == files
    assert report["imported"] == N_FILES - files
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM activities").fetchone()[0] == N_FILES
        assert conn.execute("SELECT count(DISTINCT file_sha256) FROM activities").fetchone()[0] == N_FILES
