"""The gate of the GPX/TCX byte scan: whether libxml2 accepts a document, checked beside
the scan.

:mod:`legload.readers.xml.scan` reads the track points of a plain document from its bytes, and
uses what it read only when libxml2, with the same safe settings as
:func:`~legload.readers.xml.safe.parse`, accepts the whole document without a word of
complaint and the document has no ``xml:id`` (checked by libxml2 only when it builds a
tree). libxml2 releases the GIL while it reads, so where a second CPU is free the check runs
in a thread beside the scan (:func:`gate_thread`), one thread kept for the purpose.
"""

from __future__ import annotations

import os
import queue
import threading

import numpy as np
from lxml import etree

from legload.readers.xml.safe import safe_parser
from legload.readers.xml.tags import Words

_COLON = 58
#: bytes handed to libxml2 at a time by the gate: libxml2 keeps only the unread rest in its
#: buffer, and the gate takes the GIL between pieces (fewer pieces, fewer handovers with the
#: scan; 256 KiB rather than 64 KiB: 4 % off the elapsed time of a 0.7 MB TCX file)
_FEED = 1 << 18
_CPUS = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
#: whether the gate checks a document in a second thread (:func:`gate_thread`)
_THREAD = _CPUS > 1


class _NoTree:
    """A parser target without callbacks: libxml2 checks the document and builds nothing."""

    def close(self) -> None:
        return None


def well_formed(data: bytes) -> bool:
    """Whether libxml2, with the safe settings, accepts ``data`` without a word of complaint
    (no tree is built). Errors it only logs, such as an undeclared namespace prefix, count:
    the tree parser refuses those documents."""
    parser = safe_parser(target=_NoTree())
    try:  # fed in pieces: libxml2 then keeps only the unread rest in its buffer
        for at in range(0, len(data), _FEED):
            parser.feed(data[at : at + _FEED])
        parser.close()
    except etree.XMLSyntaxError:
        return False
    return len(parser.feed_error_log) == 0


def gate_thread(allowed: bool) -> None:
    """Allow or forbid the check of a document in a second thread beside its scan (allowed
    by default where this process may run on several CPUs). Import workers forbid it: they
    keep every CPU busy already."""
    global _THREAD
    _THREAD = allowed and _CPUS > 1


class _Checker:
    """The thread that checks documents beside their scans, one at a time.

    Started when first needed and then kept, waiting for the next document (which costs
    nothing): a thread started for each document cost the reader 0.4 ms to start, and its
    check of a 0.75 MB TCX file took 5 ms of CPU instead of 3 (a fresh stack and fresh
    memory for libxml2 each time). While it checks one reader's document, another reader's
    gate runs inline."""

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[Gate] = queue.SimpleQueue()
        self._free = threading.Lock()  # held while a document is handed over or checked
        self._thread: threading.Thread | None = None

    def take(self, gate: Gate) -> bool:
        """Hand ``gate`` to the thread; False when it is busy or cannot be started."""
        if not self._free.acquire(blocking=False):
            return False
        if self._thread is None or not self._thread.is_alive():
            thread = threading.Thread(target=self._serve, daemon=True, name="legload-xml-gate")
            try:
                thread.start()
            except RuntimeError:  # no thread to be had (a limit on threads)
                self._free.release()
                return False
            self._thread = thread
        self._jobs.put(gate)
        return True

    def _serve(self) -> None:
        while True:
            gate = self._jobs.get()
            try:
                gate.check()  # keeps what it raises for the reader
            finally:
                self._free.release()
                gate.finish()
            del gate  # holds no document while it waits


_CHECKER = _Checker()
if hasattr(os, "register_at_fork"):  # a forked child has no such thread: it starts its own
    os.register_at_fork(after_in_child=lambda: _CHECKER.__init__())


class Gate:
    """Whether the scan of a document may be used: it has no ``xml:id`` and
    :func:`well_formed` accepts it. Checked in a second thread when that is allowed: libxml2
    releases the GIL while it reads, so the check and the scan run side by side."""

    def __init__(self, data: bytes) -> None:
        self._data: bytes | None = data
        self._passed = False
        self._error: BaseException | None = None
        self._done: threading.Lock | None = None
        if _THREAD:
            done = threading.Lock()
            done.acquire()
            self._done = done
            if _CHECKER.take(self):
                return
            self._done = None
        self.check()

    def check(self) -> None:
        """Check the document (once: the gate lets go of it), keeping the verdict or what
        the check raised for :meth:`passed`."""
        data, self._data = self._data, None
        try:
            # libxml2 checks xml:id values only when it builds a tree: the tree parser decides
            self._passed = not _has_xml_id(data) and well_formed(data)  # type: ignore[arg-type]
        except BaseException as exc:  # raised where the result is asked for, as inline
            self._error = exc

    def finish(self) -> None:
        """Called by the gate thread once :meth:`check` is done: :meth:`passed` may answer."""
        self._done.release()  # type: ignore[union-attr]

    def passed(self) -> bool:
        """Whether the scan may be used; raises what the check raised."""
        if self._done is not None:
            self._done.acquire()
            self._done = None
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        return self._passed


#: bytes looked at a time for an ``xml:id`` (in the gate thread, where each piece takes the
#: GIL for a few array operations: few pieces contend little with the scan)
_PIECE = 1 << 19
_XML_ID = int.from_bytes(b"xml:id", "little")
_SIX = np.uint64((1 << 48) - 1)


def _has_xml_id(data: bytes) -> bool:
    """Whether ``xml:id`` occurs in ``data``: found from its ``:`` (a byte search for the
    whole word is slower, none of its bytes being rare), a piece at a time."""
    arr = np.frombuffer(data, np.uint8)
    words = Words(arr)
    for at in range(0, len(arr), _PIECE):
        colons = np.flatnonzero(arr[at : at + _PIECE] == _COLON) + (at - 3)
        colons = colons[colons >= 0]
        if ((words.at(colons) & _SIX) == _XML_ID).any():
            return True
    return False


__all__ = ["Gate", "gate_thread", "well_formed"]
