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

import contextlib
import ctypes
import multiprocessing
import os
import sys
import threading
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from legload.core.activity import Activity, ActivityColumns
from legload.errors import ReadError
from legload.pipeline import analyse_activities, analyse_stored_batch, ledger_json
from legload.pipeline import apply_meta as apply_meta  # re-exported (its earlier home)
from legload.readers.detect import (
    STREAMED,
    check_hash,
    content_sha256,
    read_content,
    read_stream,
    reader_name,
    sniff,
    unwrap,
)
from legload.readers.files import open_regular, read_file
from legload.store import PreparedActivity, prepare_activity
from legload.stored import analysis_key

_STORED_BATCH = 8  # stored activities analysed per message to a worker


#: bytes of file content the pool holds in flight at most (read, not yet stored), besides
#: one file larger than that, which is read alone
BYTES_IN_FLIGHT = 256 * 2**20
#: a file this big is read with freed memory handed back at once (:func:`_hand_back_freed`)
BIG_FILE_BYTES = 32 * 2**20
#: freed memory a process reading ordinary files keeps for the next file's arrays
#: (:func:`_keep_freed`), and the size from which a block is mapped on its own instead
KEPT_FREE_BYTES = 32 * 2**20
OWN_MAPPING_BYTES = 4 * 2**20
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # mallopt's parameters (glibc)


@dataclass(frozen=True)
class ReadJob:
    """One activity file to read: its (unwrapped) content and what an export says of it.

    With ``path`` (a file on disk, ``data`` empty) the reader reads the file itself and lets
    its bytes go once they are read, so that neither the importing process nor a worker
    holds them through the analysis; ``size``: its bytes, for the budget in flight."""

    data: bytes
    source: str
    sha256: str
    strict: bool = False
    meta: dict[str, str | None] = field(default_factory=dict)
    mass_kg: float | None = None  # the athlete's, for the analysis stored with the activity
    path: str | None = None
    size: int = 0

    @property
    def nbytes(self) -> int:
        """Bytes of content this job stands for (held, or to be read from ``path``)."""
        return max(self.size, len(self.data))


@dataclass
class ReadResult:
    """A read file, encoded for :meth:`legload.store.Store.add_file`, or why it failed."""

    job_source: str
    sha256: str
    activities: list[PreparedActivity] = field(default_factory=list)
    error: ReadError | None = None
    reader: str | None = None  # which reader took the file ("fit", "gpx", "apple_health"…)


def read_job(job: ReadJob) -> ReadResult:
    """Read, analyse and encode one file (in a worker or in-process; the same either way)."""
    key = analysis_key(job.mass_kg)
    result = ReadResult(job.source, job.sha256, reader=job.meta.get("reader"))
    if job.nbytes >= BIG_FILE_BYTES:
        _hand_back_freed()
    else:
        _keep_freed()
    try:
        activities = _read(job, result)  # the file's bytes are gone once this returns
        for item in analyse_activities(activities, mass_kg=job.mass_kg, meta=job.meta):
            stored = None if item.session is None else (key, ledger_json(item.session))
            result.activities.append(prepare_activity(item.activity, job.source,
                                                      analysis=stored))
    except ReadError as exc:
        result.activities, result.error = [], exc
    except (ValueError, TypeError, OverflowError) as exc:  # one file's odd values stop only it
        problem = f"could not be stored ({type(exc).__name__}: {exc})"
        result.activities, result.error = [], ReadError(job.source, problem)
    return result


#: how this process's allocator treats freed memory: None (glibc's defaults), "keep" or
#: "hand back" (once a big file was read, for the rest of the process)
_freed_memory: list[str] = []


def _keep_freed() -> None:
    """Have glibc keep up to :data:`KEPT_FREE_BYTES` of freed memory for the next
    allocations, blocks under :data:`OWN_MAPPING_BYTES` taken from it (``mallopt``): the
    analysis of a file allocates and frees arrays of a few kB to a few MB by the hundred,
    and glibc's defaults hand the freed top of the heap back to the system so often that
    the next arrays fault their pages in again (~15 % of the CPU of a one-hour run's
    import). Set once per process, and not after :func:`_hand_back_freed`."""
    if not _freed_memory:
        _mallopt({_M_TRIM_THRESHOLD: KEPT_FREE_BYTES, _M_MMAP_THRESHOLD: OWN_MAPPING_BYTES})
        _freed_memory.append("keep")


def _hand_back_freed() -> None:
    """Have glibc give blocks of 128 KiB and more back to the system once freed (``mallopt``;
    by default the bound rises up to 32 MiB and the heap keeps what a big file's read let go,
    ~100 MB at 2 M points). Set once per process; not for ordinary files (~10 % slower with it)."""
    if "hand back" not in _freed_memory:
        _mallopt({_M_MMAP_THRESHOLD: 128 * 1024, _M_TRIM_THRESHOLD: 128 * 1024})
        _freed_memory.append("hand back")


def _mallopt(settings: dict[int, int]) -> None:
    with contextlib.suppress(OSError, AttributeError, TypeError):
        libc = ctypes.CDLL(None)
        for parameter, value in settings.items():
            libc.mallopt(parameter, value)


def _read(job: ReadJob, result: ReadResult) -> list[Activity | ActivityColumns]:
    """The activities of the job's file, not yet analysed; notes in ``result`` which reader
    takes it. A file on disk that is GPX or TCX is read a piece at a time (checked against
    its hash on the way), any other read whole and checked."""
    data = job.data
    if job.path is not None:
        streamed = _streamed(job, result)
        if streamed is not None:
            return streamed
        data = unwrap(read_file(job.path), job.source)
        check_hash(content_sha256(data), job.sha256, job.source)
    result.reader = result.reader or reader_name(data)
    return read_content(data, job.source, strict=job.strict, sha256=job.sha256)


def _streamed(job: ReadJob, result: ReadResult) -> list[Activity | ActivityColumns] | None:
    """The activities of the job's file read by :func:`read_stream` when it is GPX or TCX."""
    try:
        handle = open_regular(job.path)  # type: ignore[arg-type]
    except ReadError:
        return None  # read_file says what is wrong
    with handle:
        fmt = sniff(handle.read(4096))
        if fmt not in STREAMED:
            return None
        handle.seek(0)
        result.reader = result.reader or fmt
        return read_stream(handle, job.source, fmt, strict=job.strict, sha256=job.sha256)


def analyse_stored(db: str | os.PathLike, ids: list[int], mass_kg: float | None, *,
                   workers: int | None = None,
                   progress: Callable[[int, int], None] | None = None) -> dict[int, str]:
    """:func:`ledger_json` of stored activities (by id), computed ``batch`` at a time in
    ``workers`` processes (default :func:`default_workers`); ``progress(done, total)`` after
    each batch. An activity the models refuse raises here as it would in-process."""
    workers = default_workers() if workers is None else max(1, workers)
    batches = [ids[i:i + _STORED_BATCH] for i in range(0, len(ids), _STORED_BATCH)]
    found: dict[int, str | None] = {}
    pool = _new_pool(min(workers, len(batches))) if workers > 1 and len(batches) > 1 else None
    if pool is not None:
        with pool:
            futures = [pool.submit(analyse_stored_batch, str(db), batch, mass_kg, True)
                       for batch in batches]
            try:
                for future in as_completed(futures):
                    found.update(future.result())
                    if progress is not None:
                        progress(len(found), len(ids))
            except BrokenProcessPool:
                pass  # what the dead worker held is computed below
    for batch in batches:
        todo = [i for i in batch if found.get(i) is None]
        if todo:  # without workers, after a dead worker, or to raise a refusal as itself
            found.update(analyse_stored_batch(str(db), todo, mass_kg, False))
            if progress is not None:
                progress(len(found), len(ids))
    return {i: text for i, text in found.items() if text is not None}


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
        return sum(job.nbytes for job in jobs) > (self.budget if limit is None else limit)

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
        self._pool = _new_pool(self.workers)
        self._broken = self._pool is None
        return self._pool


def _new_pool(workers: int) -> ProcessPoolExecutor | None:
    """Worker processes, or None where none can be started."""
    try:
        with warnings.catch_warnings():
            # Python >= 3.12 warns about fork() in a process with threads (numpy's BLAS
            # pool); the workers only read bytes handed to them and take no lock those
            # threads could hold. Forking costs milliseconds where a fresh interpreter
            # costs most of a second of imports.
            warnings.simplefilter("ignore", DeprecationWarning)
            return ProcessPoolExecutor(workers, mp_context=_context(),
                                       initializer=_watch_parent)
    except (OSError, ValueError, NotImplementedError):
        return None


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


__all__ = ["ReadJob", "ReadPool", "ReadResult", "analyse_stored", "apply_meta",
           "default_workers", "read_job", "read_jobs"]
