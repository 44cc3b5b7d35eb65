"""Issue 16, items 3-4: devices, FIFOs and symlinks to devices are refused at once (exit 1,
one line naming the file); an unreadable file or folder inside a folder is one entry of the
import report and the rest imports."""

from __future__ import annotations

import errno
import io
import json
import os
import time

import pytest

from tests.reliability_helpers import gpx_run, run, write

COMMANDS = (("import",), ("analyze",), ("strength", "import"), ("intake", "import"),
            ("body", "import"))


@pytest.fixture(params=["/dev/zero", "/dev/urandom", "fifo", "link"])
def hostile(request, tmp_path):
    if request.param == "fifo":
        path = tmp_path / "run.fit"
        os.mkfifo(path)
        return path
    if request.param == "link":
        path = tmp_path / "run.fit"
        path.symlink_to("/dev/zero")
        return path
    return request.param


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_devices_and_fifos_are_refused_at_once(hostile, command, db_path):
    started = time.monotonic()
    result = run(*command, hostile, "--db", db_path)
    assert time.monotonic() - started < 2
    assert result.exit_code == 1, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert str(hostile) in result.stderr
    assert any("not a regular file" in line for line in lines), result.stderr
    assert "Traceback" not in result.output


def test_device_inside_a_folder_is_an_entry(tmp_path, db_path):
    folder = tmp_path / "in"
    write(folder / "a.gpx", gpx_run("a"))
    (folder / "zero.fit").symlink_to("/dev/zero")
    os.mkfifo(folder / "pipe.gpx")
    started = time.monotonic()
    result = run("import", folder, "--db", db_path, "--workers", 1, "--json")
    assert time.monotonic() - started < 10
    doc = json.loads(result.stdout)
    assert doc["imported"] == 1
    entries = {os.path.basename(e["path"]): e.get("error") or e.get("reason")
               for e in doc["failed"] + doc["skipped"]}
    assert set(entries) == {"zero.fit", "pipe.gpx"}
    assert all("not a regular file" in why for why in entries.values())


def _deny(monkeypatch, name: str) -> None:
    """Reading a file called ``name`` fails as for a file without read permission (the tests
    run as root, where chmod 000 does not stop reads)."""
    real_os_open, real_io_open = os.open, io.open

    def os_open(path, *args, **kwargs):
        if os.fspath(path).endswith(name):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_os_open(path, *args, **kwargs)

    def io_open(path, *args, **kwargs):
        if isinstance(path, str | os.PathLike) and os.fspath(path).endswith(name):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_io_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(io, "open", io_open)


def test_unreadable_file_in_a_folder_is_one_failure(tmp_path, db_path, monkeypatch):
    folder = tmp_path / "in"
    for i in range(3):
        write(folder / f"r{i}.gpx", gpx_run(f"r{i}", start=f"2026-03-0{i + 2}T07:00:00Z"))
    write(folder / "locked.gpx", gpx_run("locked", start="2026-03-08T07:00:00Z"))
    write(folder / "locked.csv", "date,exercise,reps,weight_kg\n2026-03-02,Squat,5,100\n")
    _deny(monkeypatch, "locked.gpx")
    result = run("import", folder, "--db", db_path, "--workers", 1, "--json")
    doc = json.loads(result.stdout)
    assert doc["imported"] == 4  # three runs and the strength log
    assert [os.path.basename(f["path"]) for f in doc["failed"]] == ["locked.gpx"]
    assert "permission denied" in doc["failed"][0]["error"].lower()


def test_unreadable_subfolder_is_an_entry(tmp_path, db_path, monkeypatch):
    folder = tmp_path / "in"
    write(folder / "a.gpx", gpx_run("a"))
    write(folder / "private" / "b.gpx", gpx_run("b", start="2026-03-04T07:00:00Z"))
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("private"):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = run("import", folder, "--db", db_path, "--workers", 1, "--json")
    doc = json.loads(result.stdout)
    assert doc["imported"] == 1
    entries = doc["failed"] + doc["skipped"]
    assert [os.path.basename(e["path"]) for e in entries] == ["private"]
    assert "permission denied" in json.dumps(entries).lower()
