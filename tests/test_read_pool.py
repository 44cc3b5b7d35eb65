"""Imports read by worker processes: same database as a serial import, bounded, robust."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest

import legload.import_pool as read_pool
from legload import api
from legload.errors import StoreRollback
from legload.import_pool import ReadJob, ReadPool, default_workers
from legload.readers.detect import content_sha256
from legload.store import Store

from .fit_folders import write_easy_runs

N_FILES = 24
MAIN_PID = os.getpid()


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    """24 short runs, one of them twice under another name, one damaged beyond reading."""
    folder = tmp_path_factory.mktemp("pool-export")
    write_easy_runs(folder, N_FILES, minutes=5, start=dt.datetime(2025, 3, 1, 7, tzinfo=dt.UTC))
    (folder / "run_007_copy.fit").write_bytes((folder / "run_007.fit").read_bytes())
    (folder / "run_500_broken.fit").write_bytes(b"\x0e\x10" + b"\x00" * 30)
    return folder


def _database(db) -> list[tuple]:
    """Every stored row that an import writes, in id order (the import time left out)."""
    with sqlite3.connect(db) as conn:
        files = conn.execute("SELECT sha256, source_path, n_activities FROM files "
                             "ORDER BY rowid").fetchall()
        activities = conn.execute("SELECT * FROM activities ORDER BY id").fetchall()
        samples = conn.execute("SELECT activity_id, position, name, dtype, codec, n, data "
                               "FROM samples ORDER BY activity_id, position").fetchall()
        laps = conn.execute("SELECT activity_id, position, name, dtype, codec, n, data "
                            "FROM laps ORDER BY activity_id, position").fetchall()
    return [files, activities, samples, laps]


def test_workers_write_the_same_database_as_a_serial_import(export, tmp_path):
    serial = api.import_paths([export], db=tmp_path / "serial.sqlite", workers=1)
    pooled = api.import_paths([export], db=tmp_path / "pooled.sqlite", workers=2)
    assert serial.as_dict() == pooled.as_dict()
    assert pooled.imported == N_FILES
    assert pooled.duplicates == 1  # the copy, read while its original is still in flight
    assert [f["path"] for f in pooled.failed] == [str(export / "run_500_broken.fit")]
    assert pooled.activities == list(range(1, N_FILES + 1))
    assert _database(tmp_path / "serial.sqlite") == _database(tmp_path / "pooled.sqlite")


def test_results_come_back_in_submission_order_within_the_window(export):
    files = sorted(export.glob("run_[0-9][0-9][0-9].fit"))
    jobs = [ReadJob(f.read_bytes(), str(f), content_sha256(f.read_bytes())) for f in files]
    in_flight = []
    with ReadPool(workers=2, window=4, batch=2) as pool:
        results = []
        for job in jobs:
            results.extend(pool.submit(job))
            in_flight.append(pool._in_flight + len(pool._batch))
        results.extend(pool.drain())
    assert [r.job_source for r in results] == [str(f) for f in files]
    assert max(in_flight) <= 4 + 1  # the window, plus a batch being filled
    assert all(r.error is None and len(r.activities) == 1 for r in results)


def test_one_worker_reads_in_process(export, monkeypatch):
    monkeypatch.setattr(read_pool, "ProcessPoolExecutor", None)  # would fail if used
    files = sorted(export.glob("run_00*.fit"))
    with ReadPool(workers=1) as pool:
        results = [r for f in files for r in pool.submit(
            ReadJob(f.read_bytes(), str(f), content_sha256(f.read_bytes())))]
    assert len(results) == len(files)


def test_unreadable_file_comes_back_as_its_read_error(export):
    broken = export / "run_500_broken.fit"
    jobs = [ReadJob(broken.read_bytes(), str(broken), "x"), *(
        ReadJob(f.read_bytes(), str(f), str(i)) for i, f in enumerate(sorted(export.glob("run_00*"))))]
    with ReadPool(workers=2) as pool:
        results = [r for job in jobs for r in pool.submit(job)] + list(pool.drain())
    errors = [r.error for r in results if r.error is not None]
    assert len(errors) == 1
    assert errors[0].path == str(broken)
    assert "FIT" in errors[0].problem


def _die_in_worker(job):
    """A reader that kills the worker process on one file (as an out-of-memory kill would)."""
    if os.getpid() != MAIN_PID and job.source.endswith("run_005.fit"):
        Path(read_pool.__dict__["_died_marker"]).touch()
        os._exit(9)
    return read_pool.__dict__["_real_read_job"](job)


def test_a_dying_worker_loses_no_file(export, tmp_path, monkeypatch):
    monkeypatch.setitem(read_pool.__dict__, "_real_read_job", read_pool.read_job)
    monkeypatch.setitem(read_pool.__dict__, "_died_marker", str(tmp_path / "died"))
    monkeypatch.setattr(read_pool, "read_job", _die_in_worker)
    report = api.import_paths([export], db=tmp_path / "db.sqlite", workers=2)
    assert (tmp_path / "died").exists()  # a worker did die
    assert report.imported == N_FILES
    assert len(report.failed) == 1
    with Store(tmp_path / "db.sqlite") as store:
        assert store.counts() == {"files": N_FILES, "activities": N_FILES}


def test_default_workers_follow_the_environment(monkeypatch):
    monkeypatch.setenv("LEGLOAD_WORKERS", "3")
    assert default_workers() == 3
    monkeypatch.setenv("LEGLOAD_WORKERS", "zero")
    assert 1 <= default_workers() <= 8


def test_copies_of_an_unreadable_file_fail_alike_with_or_without_workers(tmp_path):
    folder = tmp_path / "copies"
    folder.mkdir()
    for name in ("a.fit", "b.fit", "c.fit"):
        (folder / name).write_bytes(b"\x0e\x10" + b"\x00" * 30)
    reports = [api.import_paths([folder], db=tmp_path / f"{w}.sqlite", workers=w).as_dict()
               for w in (1, 2)]
    assert reports[0] == reports[1]
    assert [f["path"] for f in reports[1]["failed"]] == [str(folder / n) for n in ("a.fit", "b.fit", "c.fit")]


def test_without_fork_an_import_uses_no_workers_unless_asked(monkeypatch):
    import multiprocessing

    monkeypatch.delenv("LEGLOAD_WORKERS", raising=False)
    monkeypatch.setattr(read_pool, "_context", lambda: multiprocessing.get_context("spawn"))
    assert default_workers() == 1
    monkeypatch.setenv("LEGLOAD_WORKERS", "2")
    assert default_workers() == 2


def test_a_file_that_cannot_be_encoded_fails_alone(export, monkeypatch):
    def refuse(activity, source, **_):
        raise ValueError("value out of range")

    monkeypatch.setattr(read_pool, "prepare_activity", refuse)
    path = export / "run_001.fit"
    result = read_pool.read_job(ReadJob(path.read_bytes(), str(path), "x"))
    assert result.activities == []
    assert result.error.path == str(path)
    assert result.error.problem == "could not be stored (ValueError: value out of range)"


@pytest.mark.parametrize("workers", [1, 2])
def test_an_import_stops_when_the_database_takes_files_back(export, tmp_path, workers,
                                                           monkeypatch):
    from legload.store.transaction import Batch

    monkeypatch.setattr(Batch, "due", lambda self: False)  # earlier files still uncommitted
    db = tmp_path / "db.sqlite"
    with Store(db) as store:
        store.conn.execute("CREATE TRIGGER boom BEFORE INSERT ON files WHEN NEW.source_path LIKE "
                           "'%run_010.fit' BEGIN SELECT RAISE(ROLLBACK, 'disk full'); END")
    with pytest.raises(StoreRollback, match="import again to add them"):
        api.import_paths([export], db=db, workers=workers)
    with Store(db) as store:  # what was committed before is intact, nothing half-written
        assert store.counts()["files"] < 10
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_freed_memory_is_kept_for_ordinary_files_and_handed_back_once_a_big_one_came(
        monkeypatch):
    """Ordinary files: glibc keeps freed memory for the next file's arrays; once a big file
    was read, freed blocks go back to the system for the rest of the process."""
    settings: list[dict[int, int]] = []
    monkeypatch.setattr(read_pool, "_freed_memory", [])
    monkeypatch.setattr(read_pool, "_mallopt", settings.append)
    small = ReadJob(b"not an activity", "small.bin", content_sha256(b"not an activity"))
    big = ReadJob(b"", "big.fit", "0" * 64, size=read_pool.BIG_FILE_BYTES)
    read_pool.read_job(small)
    read_pool.read_job(small)
    assert settings == [{-1: read_pool.KEPT_FREE_BYTES, -3: read_pool.OWN_MAPPING_BYTES}]
    read_pool.read_job(big)
    read_pool.read_job(small)
    assert settings[1:] == [{-3: 128 * 1024, -1: 128 * 1024}]
