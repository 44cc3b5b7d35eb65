"""Reading activity files in worker processes while one process writes the database.

An import spends most of its time decoding files and encoding their columns, work that
needs no database. :class:`ReadPool` hands that part to worker processes and gives the
results back in the order the files were submitted, so the single writer (SQLite allows
one) stores file after file exactly as a serial import would: same ids, same report.

* Bounded: at most ``window`` files and :data:`BYTES_IN_FLIGHT` bytes of their content are
  in flight, so memory does not grow with the size of the export or of its files.
* Lazy: the first file is read in-process; workers start only when a second one comes,
  so importing one file costs no process start.
* Robust: a worker that dies (killed, out of memory) does not lose files: what it held is
  read again in-process, and the rest of the import goes on without workers. Workers end
  themselves when the importing process dies.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from legload.core.activity import Activity, ActivityColumns
from legload.errors import ReadError
from legload.readers.detect import read_content
from legload.store import PreparedActivity, prepare_activity
from legload.streams.totals import settle_summary

#: bytes of file content the pool holds in flight at most (read, not yet stored), besides
#: one file larger than that, which is read alone
BYTES_IN_FLIGHT = 256 * 2**20


@dataclass(frozen=True)
class ReadJob:
    """One activity file to read: its (unwrapped) content and what an export says of it."""

    data: bytes
    source: str
    sha256: str
    strict: bool = False
    meta: dict[str, str | None] = field(default_factory=dict)


@dataclass
class ReadResult:
    """A read file, encoded for :meth:`legload.store.Store.add_file`, or why it failed."""

    job_source: str
    sha256: str
    activities: list[PreparedActivity] = field(default_factory=list)
    error: ReadError | None = None


def apply_meta(activity: Activity | ActivityColumns, meta: dict) -> None:
    """Names and sport types from an export's index (e.g. Strava's activities.csv)."""
    if not meta:
        return
    if meta.get("name"):
        activity.summary["name"] = meta["name"]
    if activity.summary.get("sport") in (None, "other") and meta.get("sport"):
        activity.summary["sport"] = meta["sport"]
    if meta.get("sub_sport") and activity.summary.get("sub_sport") in (None, "generic"):
        activity.summary["sub_sport"] = meta["sub_sport"]


def read_job(job: ReadJob) -> ReadResult:
    """Read and encode one file (runs in a worker or in-process; the same either way)."""
    try:
        activities = read_content(job.data, job.source, strict=job.strict, sha256=job.sha256)
    except ReadError as exc:
        return ReadResult(job.source, job.sha256, error=exc)
    prepared = []
    try:
        for activity in activities:
            apply_meta(activity, job.meta)
            settle_summary(activity)  # `activities` lists the figures `analyze` reports
            prepared.append(prepare_activity(activity, job.source))
    except (ValueError, TypeError, OverflowError) as exc:  # one file's odd values stop only it
        problem = f"could not be stored ({type(exc).__name__}: {exc})"
        return ReadResult(job.source, job.sha256, error=ReadError(job.source, problem))
    return ReadResult(job.source, job.sha256, prepared)


def read_jobs(jobs: list[ReadJob]) -> list[ReadResult]:
    """:func:`read_job` of each job, in order (one message to a worker and back)."""
    return [read_job(job) for job in jobs]


def _done(outcome: Future | list) -> bool:
    return isinstance(outcome, list) or outcome.done()


def default_workers() -> int:
    """Worker processes an import uses by default: ``$LEGLOAD_WORKERS``, else, where
    processes can be forked (Linux), one per CPU this process may run on (at most 8), and
    elsewhere 1 (no workers): starting a fresh interpreter per worker re-runs the calling
    script, which must then guard its entry point (``if __name__ == "__main__":``), so more
    workers there are asked for explicitly. 1 means no workers."""
    env = os.environ.get("LEGLOAD_WORKERS", "").strip()
    if env.isdigit() and int(env) >= 1:
        return int(env)
    if _context().get_start_method() != "fork":
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, 8))


class ReadPool:
    """Ordered, bounded reading of :class:`ReadJob` s with ``workers`` processes.

    Jobs travel to the workers ``batch`` at a time (fewer, larger messages between the
    processes); at most ``window`` files are in flight. ``submit`` returns the results that
    are ready, oldest first (maybe none yet); ``drain`` returns the rest. ``defer`` queues
    an action (a callable) behind the jobs submitted so far, so that it comes back in its
    turn: an import's report then lists files in the order they were found, with or
    without workers. With ``workers <= 1`` every job is read at once, in-process.
    """

    def __init__(self, workers: int | None = None, window: int | None = None,
                 batch: int = 4) -> None:
        self.workers = default_workers() if workers is None else max(1, int(workers))
        self.batch = max(1, int(batch))
        self.window = max(window or 4 * self.workers * self.batch, self.batch)
        self.budget = BYTES_IN_FLIGHT
        self._pool: ProcessPoolExecutor | None = None
        self._pending: deque[tuple[list[ReadJob], Future | list]] = deque()
        self._batch: list[ReadJob] = []
        self._in_flight = 0
        self._submitted = 0
        self._broken = False

    def __enter__(self) -> ReadPool:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close(cancel=exc_info[0] is not None)

    def submit(self, job: ReadJob) -> list[ReadResult | Callable[[], None]]:
        self._submitted += 1
        if self.workers <= 1 or self._broken or (self._pool is None and self._submitted == 1):
            return [*self.drain(), read_job(job)]
        self._batch.append(job)
        share = self.budget // (2 * self.workers)
        if len(self._batch) >= self.batch or self._too_much(self._batch, share):
            self._send()
        return self._ready()

    def defer(self, action: Callable[[], None]) -> list[ReadResult | Callable[[], None]]:
        if not self._pending and not self._batch:
            return [action]
        self._send()
        self._pending.append(([], [action]))
        return self._ready()

    def _ready(self) -> list[ReadResult | Callable[[], None]]:
        ready = []
        while self._pending and (self._in_flight > self.window or _done(self._pending[0][1])
                                 or self._too_much([j for jobs, _ in self._pending for j in jobs])):
            ready.extend(self._next())
        return ready

    def _too_much(self, jobs: list[ReadJob], limit: int | None = None) -> bool:
        """Whether ``jobs`` hold more than ``limit`` (default: :attr:`budget`) bytes of
        content: the pool sends a batch once it holds a worker's share of the budget, and
        waits for the oldest files while those sent hold more than the budget, so the files
        in flight hold at most the budget and one file more."""
        return sum(len(job.data) for job in jobs) > (self.budget if limit is None else limit)

    def drain(self) -> Iterator[ReadResult | Callable[[], None]]:
        self._send()
        while self._pending:
            yield from self._next()

    def close(self, cancel: bool = False) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=cancel)
            self._pool = None
        self._pending.clear()
        self._batch = []
        self._in_flight = 0

    def _send(self) -> None:
        """Hand the batch being filled to the workers (or read it here without them)."""
        jobs, self._batch = self._batch, []
        if not jobs:
            return
        self._in_flight += len(jobs)
        pool = None if self._broken else (self._pool or self._start())
        if pool is not None:
            try:
                self._pending.append((jobs, pool.submit(read_jobs, jobs)))
                return
            except (BrokenProcessPool, RuntimeError):
                self._break()
        self._pending.append((jobs, read_jobs(jobs)))

    def _next(self) -> list:
        jobs, outcome = self._pending.popleft()
        self._in_flight -= len(jobs)
        if isinstance(outcome, list):
            return outcome
        try:
            return outcome.result()
        except BrokenProcessPool:
            self._break()
            return read_jobs(jobs)

    def _break(self) -> None:
        """A worker died: go on without workers (pending jobs are read in-process)."""
        self._broken = True
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def _start(self) -> ProcessPoolExecutor | None:
        try:
            with warnings.catch_warnings():
                # Python >= 3.12 warns about fork() in a process with threads (numpy's BLAS
                # pool); the workers only read bytes handed to them and take no lock those
                # threads could hold. Forking costs milliseconds where a fresh interpreter
                # costs most of a second of imports.
                warnings.simplefilter("ignore", DeprecationWarning)
                self._pool = ProcessPoolExecutor(
                    self.workers, mp_context=_context(), initializer=_watch_parent)
        except (OSError, ValueError, NotImplementedError):
            self._broken = True
            return None
        return self._pool


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    if sys.platform == "linux" and "fork" in methods:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _watch_parent() -> None:
    """Worker initializer: end this worker when its parent is gone (the importing process,
    or the fork server that died with it), e.g. after ``kill -9`` of an import."""
    parent_pid = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent_pid:
                os._exit(0)

    threading.Thread(target=watch, name="legload-parent-watch", daemon=True).start()


__all__ = ["ReadJob", "ReadPool", "ReadResult", "apply_meta", "default_workers", "read_job", "read_jobs"]
