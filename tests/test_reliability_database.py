"""Issue 16, items 10-11: ``report --html`` never truncates a good report (temporary file and
rename); a locked, read-only or corrupted database is one line, not a traceback."""

from __future__ import annotations

import errno
import io
import json
import sqlite3

import pytest

from tests.reliability_helpers import gpx_run, run, write


@pytest.fixture
def stored(tmp_path, db_path):
    write(tmp_path / "r.gpx", gpx_run("r"))
    assert run("import", tmp_path / "r.gpx", "--db", db_path, "--workers", 1).exit_code == 0
    return db_path


def test_full_disk_keeps_the_previous_report(tmp_path, stored, monkeypatch):
    page = write(tmp_path / "out" / "report.html", "GOOD REPORT")
    real_open = io.open

    class Full:
        """A text file on a full disk: opened (and truncated), every write fails."""

        def __init__(self, handle):
            self.handle = handle

        def write(self, text):
            raise OSError(errno.ENOSPC, "No space left on device")

        def __getattr__(self, name):
            return getattr(self.handle, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc_info):
            self.handle.close()

    def full_open(file, mode="r", *args, **kwargs):
        handle = real_open(file, mode, *args, **kwargs)
        return Full(handle) if "w" in mode and "b" not in mode else handle

    monkeypatch.setattr(io, "open", full_open)
    result = run("report", "--db", stored, "--html", page)
    monkeypatch.undo()
    assert result.exit_code == 1
    assert page.read_text() == "GOOD REPORT"
    assert str(page) in result.stderr and "No space left" in result.stderr
    assert [p.name for p in page.parent.iterdir()] == ["report.html"]  # no temporary left
    assert run("report", "--db", stored, "--html", page).exit_code == 0
    assert page.read_text().startswith("<!DOCTYPE html>")


def test_locked_database_is_one_line(tmp_path, stored, monkeypatch):
    import legload.store.db as db

    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 300)
    holder = sqlite3.connect(stored, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        write(tmp_path / "s.gpx", gpx_run("s", start="2026-03-05T07:00:00Z"))
        for args in (("import", tmp_path / "s.gpx", "--workers", 1),
                     ("athlete", "set", "--name", "x")):
            result = run(*args, "--db", stored)
            assert result.exit_code == 1, (args, result.output)
            assert ("Traceback" not in result.output and result.exception is None) or \
                isinstance(result.exception, SystemExit)
            assert "locked" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_read_only_database_is_one_line(tmp_path, stored, monkeypatch):
    real_connect = sqlite3.connect

    def read_only(path, *args, **kwargs):
        return real_connect(f"file:{path}?mode=ro", *args, uri=True, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", read_only)
    write(tmp_path / "s.gpx", gpx_run("s", start="2026-03-05T07:00:00Z"))
    write(tmp_path / "t.gpx", gpx_run("t", start="2026-03-06T07:00:00Z"))
    result = run("import", tmp_path / "s.gpx", tmp_path / "t.gpx", "--db", stored,
                 "--workers", 1)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "read-only" in result.stderr or "readonly" in result.stderr
    as_json = run("import", tmp_path / "s.gpx", "--db", stored, "--workers", 1, "--json")
    assert as_json.exit_code == 1
    assert "read-only" in json.loads(as_json.stdout)["error"]


def test_corrupted_database_is_one_line(tmp_path, stored):
    with sqlite3.connect(stored) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = [p for name, p in conn.execute("SELECT name, pageno FROM dbstat")
                 if name in ("activities", "samples", "activity_analyses")]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(stored.read_bytes())
    for page in pages:  # the tables' pages: garbage after the page header
        data[(page - 1) * size + 8:(page - 1) * size + 200] = b"\xff" * 192
    stored.write_bytes(bytes(data))
    write(tmp_path / "s.gpx", gpx_run("s", start="2026-03-05T07:00:00Z"))
    for args in (("report",), ("activities",), ("import", tmp_path / "s.gpx", "--workers", 1)):
        result = run(*args, "--db", stored)
        assert result.exit_code == 1, (args, result.output)
        assert isinstance(result.exception, SystemExit), (args, result.exception)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "damaged" in lines[0], (args, result.stderr)
        assert "quick_check" in lines[0]
