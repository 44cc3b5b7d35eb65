"""The gate of the GPX/TCX byte scan (legload.readers.xml.gate): libxml2's check of the whole
document, in a kept thread beside the scan or inline, gives what the scan's reads give."""

from __future__ import annotations

import os
import threading
import warnings

import pytest

from legload.readers.xml import gate as xmlgate
from legload.readers.xml.gpx import read_gpx
from legload.readers.xml.tcx import read_tcx

from .xml_routes import READERS, SEEDS, assert_same, outcome


@pytest.fixture
def gate_inline():
    xmlgate.gate_thread(False)
    yield
    xmlgate.gate_thread(True)


def test_without_a_second_thread_the_gate_runs_inline(gate_inline, monkeypatch):
    def no_thread(*args, **kwargs):
        raise AssertionError("a thread was started")

    monkeypatch.setattr(xmlgate.threading, "Thread", no_thread)
    found = read_gpx(SEEDS[0], "seed.gpx")
    assert len(found[0].samples) == 2


def test_the_gate_in_a_thread_or_inline_gives_the_same_activities(real_dir):
    paths = sorted(p for p in real_dir.rglob("*") if p.suffix in READERS)[:12]
    assert paths
    threaded = [outcome(READERS[p.suffix], p.read_bytes(), p.name) for p in paths]
    xmlgate.gate_thread(False)
    try:
        inline = [outcome(READERS[p.suffix], p.read_bytes(), p.name) for p in paths]
    finally:
        xmlgate.gate_thread(True)
    for path, a, b in zip(paths, threaded, inline, strict=True):
        assert_same(a, b, path.name)


def test_one_gate_thread_is_kept_and_is_idle_when_a_read_returns():
    for _ in range(3):
        read_tcx(SEEDS[1], "seed.tcx")
    gates = [t for t in threading.enumerate() if t.name == "legload-xml-gate"]
    assert len(gates) <= 1
    assert not xmlgate._CHECKER._free.locked()  # not holding or checking a document


def test_reads_in_several_threads_at_once_give_what_serial_reads_give(real_dir):
    """One reader's document goes to the gate thread; the others' gates run inline."""
    paths = sorted(p for p in real_dir.rglob("*") if p.suffix in READERS)[:6]
    assert paths
    serial = [outcome(READERS[p.suffix], p.read_bytes(), p.name) for p in paths]
    results: dict[tuple[int, int], object] = {}

    def read_all(worker: int) -> None:
        for i, path in enumerate(paths):
            results[worker, i] = outcome(READERS[path.suffix], path.read_bytes(), path.name)

    threads = [threading.Thread(target=read_all, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for (_, i), got in results.items():
        assert_same(got, serial[i], paths[i].name)
    assert len(results) == 4 * len(paths)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")
def test_a_forked_child_checks_documents_in_its_own_gate_thread():
    read_tcx(SEEDS[1], "seed.tcx")  # the parent's gate thread runs
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # Python >= 3.12: fork with threads
        pid = os.fork()
    if pid == 0:  # the child: its checker starts afresh, and its reads succeed
        code = 1
        try:
            fresh = xmlgate._CHECKER._thread is None
            code = 0 if fresh and len(read_tcx(SEEDS[1], "seed.tcx")[0].samples) == 2 else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


def test_import_workers_read_in_one_thread(monkeypatch):
    from legload import import_pool as read_pool

    class Idle:  # the parent watcher, not started
        def __init__(self, *args, **kwargs) -> None:
            pass

        def start(self) -> None:
            pass

    seen = []
    monkeypatch.setattr(read_pool, "gate_thread", seen.append)
    monkeypatch.setattr(read_pool.threading, "Thread", Idle)
    read_pool._watch_parent()
    assert seen == [False]


def test_without_a_thread_to_be_had_the_gate_runs_inline(monkeypatch):
    def refused(self):
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(xmlgate, "_CHECKER", xmlgate._Checker())  # no gate thread yet
    monkeypatch.setattr(xmlgate.threading.Thread, "start", refused)
    xmlgate.gate_thread(True)
    assert len(read_gpx(SEEDS[0], "seed.gpx")[0].samples) == 2
    assert not xmlgate._CHECKER._free.locked()


@pytest.mark.parametrize("threaded", [True, False])
def test_an_error_in_the_gate_reaches_the_caller_threaded_or_not(threaded, monkeypatch):
    def exhausted(data):
        raise MemoryError("checked")

    monkeypatch.setattr(xmlgate, "well_formed", exhausted)
    xmlgate.gate_thread(threaded)
    try:
        with pytest.raises(MemoryError, match="checked"):
            read_tcx(SEEDS[1], "seed.tcx")
        monkeypatch.undo()
        assert len(read_tcx(SEEDS[1], "seed.tcx")[0].samples) == 2  # the gate thread goes on
    finally:
        xmlgate.gate_thread(True)
