"""Submitting a batch's tasks and recording what they did (see :mod:`legload.batch.run`).

The client only lists: each athlete's files by path and size (a member of a zip, which no
worker could open by path, by its content), in chunks of :data:`CHUNK_FILES` files or
:data:`CHUNK_BYTES` bytes, whichever comes first: one task per chunk, so that the scheduler's
cost per task stays small beside the analysis. The workers read, hash and analyse.
"""

from __future__ import annotations

import itertools
import os
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from distributed import as_completed

from legload.batch.athlete import AthleteJob, AthleteOutcome, LogFile, run_athlete
from legload.batch.inputs import Athlete, discover
from legload.batch.output import Manifest, read_manifest, state_path, write_manifest, write_partition
from legload.batch.run import BatchOptions, BatchProgress, BatchSummary, version_key
from legload.batch.tables import error_table
from legload.batch.tasks import ChunkJob, FileOutcome, FileRef, run_chunk
from legload.errors import ReadError
from legload.readers.files import regular_stat

_LOG_SUFFIXES = (".csv", ".htm", ".html", ".json")
#: an athlete's manifest is written at most this often while their files are done, and when
#: the athlete is; a file done but not yet recorded is only hashed again by a rerun
MANIFEST_EVERY_S = 1.0
#: files (or bytes of them) in one file task
CHUNK_FILES = 16
CHUNK_BYTES = 16 * 2**20


@dataclass
class _Pending:
    """One athlete while their files are found and analysed."""

    athlete: Athlete
    version: str
    manifest: Manifest
    slots: int = 0  # activity files found so far
    done: list[tuple[int, str]] = field(default_factory=list)  # (slot, sha256) done before
    seen: set[str] = field(default_factory=set)  # content hashes of the athlete's files
    chunk: list[FileRef] = field(default_factory=list)
    futures: list = field(default_factory=list)
    failures: list[dict[str, str]] = field(default_factory=list)
    logs: list[LogFile] = field(default_factory=list)
    recorded: float = 0.0  # when the manifest was last written (monotonic seconds)
    unrecorded: int = 0  # files done since


class Driver:
    """Walks the input once and keeps at most ``window`` file tasks in flight."""

    def __init__(self, client, options: BatchOptions, summary: BatchSummary,
                 progress: BatchProgress) -> None:
        self.client, self.options, self.summary, self.progress = client, options, summary, progress
        self.out = Path(options.out)
        threads = sum(client.nthreads().values()) or 1
        self.window = max(1, options.window or 2 * threads)
        self.running = as_completed()
        self.kinds: dict[str, tuple[str, str, int]] = {}
        self.in_flight = 0
        self.run_id = uuid.uuid4().hex[:8]
        self.numbers = itertools.count()  # task keys are unique within the cluster
        self.athletes: dict[str, _Pending] = {}

    def run(self, source: Path, found: list[Athlete]) -> None:
        self.progress("athletes", len(found))
        for athlete in found:
            if athlete.problem is not None:
                self._athlete_failed(athlete.key, [], athlete.problem)
                continue
            mass = athlete.profile.weight_kg
            self.athletes[athlete.key] = _Pending(athlete, version_key(mass, self.options.strict),
                                                  read_manifest(self.out, athlete.key))
        try:
            for kind, key, member in discover(source, list(self.athletes)):
                if kind == "end":
                    self._submit_chunk(self.athletes[key])
                    self._submit_athlete(key)
                else:
                    self._found(self.athletes[key], member)
            self.progress("files", self.summary.files)
            for future in self.running:
                self._collect(future)
        finally:  # what was done is recorded, even when the run is interrupted
            for pending in self.athletes.values():
                self._record(pending)

    def _found(self, pending: _Pending, member) -> None:
        """One file of an athlete: a failure, a log, skipped, already done, or to analyse."""
        if isinstance(member, ReadError):
            self._failure(pending, member.path, member.problem)
            return
        if member.kind != "activity":
            self._other(pending, member)
            return
        self.summary.files += 1
        slot, pending.slots = pending.slots, pending.slots + 1
        ref = _reference(member, slot)
        if isinstance(ref, ReadError):
            return self._failure(pending, ref.path, ref.problem)
        done = self._done_before(pending, ref)
        if done is not None:
            return self._unchanged(pending, slot, *done)
        pending.chunk.append(ref)
        if len(pending.chunk) >= CHUNK_FILES or \
                sum(r.size for r in pending.chunk) >= CHUNK_BYTES:
            self._submit_chunk(pending)

    def _done_before(self, pending: _Pending, ref: FileRef) -> tuple[str, dict] | None:
        """(content hash, manifest entry) of a file an earlier run did with this version, when
        its size and modification time are those recorded then (it is not even read)."""
        stamp = pending.manifest.paths.get(ref.source)
        if ref.path is None or not isinstance(stamp, list) or len(stamp) != 3 \
                or stamp[:2] != [ref.size, ref.mtime_ns]:
            return None
        entry = pending.manifest.files.get(stamp[2])
        if not entry or entry.get("version") != pending.version \
                or not state_path(self.out, pending.athlete.key, stamp[2]).is_file():
            return None
        return stamp[2], entry

    def _unchanged(self, pending: _Pending, slot: int, sha: str, entry: dict) -> None:
        """A file done by an earlier run, unchanged since (size and time as recorded)."""
        self.progress("files", None)
        if sha in pending.seen:
            self.summary.duplicates += 1
            return
        pending.seen.add(sha)
        pending.done.append((slot, sha))
        self.summary.already_done += 1
        if entry.get("status") != "ok":
            self._count_failure(entry.get("source", ""), entry.get("error") or "")

    def _other(self, pending: _Pending, member) -> None:
        """A file that is not an activity: a log (read by the athlete's task), else skipped."""
        if member.kind == "log" or member.source.lower().endswith(_LOG_SUFFIXES):
            if member.kind != "log" and _on_disk(member.source) is not None:
                pending.logs.append(LogFile(member.source, path=member.source))
                return
            try:
                pending.logs.append(LogFile(member.source, data=member.read(), rows=member.rows))
                return
            except ReadError:
                pass
        self.summary.skipped.append({"path": member.source, "reason": member.hint or ""})

    def _failure(self, pending: _Pending, path: str, problem: str) -> None:
        pending.failures.append({"path": path, "error": problem})
        self._count_failure(path, problem)

    def _count_failure(self, path: str, problem: str) -> None:
        self.summary.failed += 1
        self.summary.errors.append({"path": path, "error": problem})

    def _submit_chunk(self, pending: _Pending) -> None:
        if not pending.chunk:
            return
        while self.in_flight >= self.window:
            self._collect(next(self.running))
        athlete = pending.athlete
        job = ChunkJob(athlete.key, str(self.out), pending.version, pending.chunk,
                       athlete.profile.weight_kg, self.options.strict)
        key = f"legload-files-{self.run_id}-{next(self.numbers)}"
        future = self.client.submit(run_chunk, job, key=key, retries=1)
        self.kinds[future.key] = ("files", athlete.key, len(pending.chunk))
        pending.chunk = []
        pending.futures.append(future)
        self.running.add(future)
        self.in_flight += 1

    def _submit_athlete(self, key: str) -> None:
        pending = self.athletes[key]
        job = AthleteJob(key, pending.athlete.profile, str(self.out), list(pending.done),
                         self.options.weeks, self.options.until, list(pending.failures),
                         pending.logs)
        future = self.client.submit(run_athlete, job, *pending.futures,
                                    key=f"legload-athlete-{self.run_id}-{next(self.numbers)}")
        self.kinds[future.key] = ("athlete", key, 0)
        pending.futures, pending.logs = [], []
        self.running.add(future)

    def _collect(self, future) -> None:
        kind, key, files = self.kinds.pop(future.key)
        try:
            outcome = future.result()
            problem = None
        except Exception as exc:  # a task that could not run (its worker died twice)
            outcome, problem = None, f"{type(exc).__name__}: {exc}"
        pending = self.athletes[key]
        if kind == "files":
            self.in_flight -= 1
            if outcome is None:  # not recorded: the next run tries the files again
                for _ in range(files):
                    self.progress("files", None)
                    self._count_failure(key, f"a file task was lost: {problem}")
                return
            for item in outcome:
                self._file_done(pending, item)
            if time.monotonic() - pending.recorded >= MANIFEST_EVERY_S:
                self._record(pending)
        elif problem is not None:
            self._athlete_failed(key, pending.failures, f"report not built ({problem})")
        else:
            self._athlete_done(outcome)

    def _file_done(self, pending: _Pending, outcome: FileOutcome) -> None:
        self.progress("files", None)
        if outcome.sha256 is None:  # unreadable: an error row, tried again by the next run
            self._count_failure(outcome.source, outcome.error or "")
            return
        if outcome.sha256 in pending.seen:
            self.summary.duplicates += 1
            return
        pending.seen.add(outcome.sha256)
        if outcome.reused:
            self.summary.already_done += 1
        else:
            self.summary.analysed += 1
        if outcome.status != "ok":
            self._count_failure(outcome.source, outcome.error or "")
        pending.manifest.files[outcome.sha256] = outcome.entry(pending.version)
        if outcome.mtime_ns:  # read from its path: unchanged, a rerun need not read it
            pending.manifest.paths[outcome.source] = [outcome.size, outcome.mtime_ns,
                                                      outcome.sha256]
        pending.unrecorded += 1

    def _record(self, pending: _Pending) -> None:
        """Write the athlete's manifest (atomically) if files were done since it was."""
        if pending.unrecorded:
            write_manifest(self.out, pending.athlete.key, pending.manifest)
            pending.recorded, pending.unrecorded = time.monotonic(), 0

    def _athlete_done(self, outcome: AthleteOutcome) -> None:
        self._record(self.athletes[outcome.athlete])
        self.summary.activities += outcome.activities
        self.progress("athletes", None)

    def _athlete_failed(self, key: str, failures: list[dict[str, str]], problem: str) -> None:
        rows = [*failures, {"path": key, "error": problem}]
        write_partition(self.out, "errors", key, error_table(rows))
        self._count_failure(key, problem)
        self.summary.athletes_failed += 1
        self.progress("athletes", None)


def _on_disk(source: str) -> os.stat_result | None:
    """The ``stat`` of a plain file of a folder, empty or not; None for anything else, such as
    a member of a zip or an export's record (``archive.zip!member``, ``export#record``)."""
    return None if "!" in source or "#" in source else regular_stat(source)


def _reference(member, slot: int) -> FileRef | ReadError:
    """The file as its task gets it: a path with its size and time when it is a plain file
    on disk, else its content (read here)."""
    meta = dict(member.meta or {})
    info = _on_disk(member.source)
    if info is not None:
        return FileRef(slot, member.source, path=member.source, size=info.st_size,
                       mtime_ns=info.st_mtime_ns, meta=meta)
    try:
        data = member.read()
    except ReadError as exc:
        return exc
    return FileRef(slot, member.source, data=data, size=len(data), meta=meta)
