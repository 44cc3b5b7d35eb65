"""Submitting a batch's tasks and recording what they did (see :mod:`legload.batch.run`)."""

from __future__ import annotations

import itertools
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from distributed import as_completed

from legload.batch.athlete import AthleteJob, AthleteOutcome, run_athlete
from legload.batch.inputs import Athlete, discover
from legload.batch.output import read_manifest, state_path, write_manifest, write_partition
from legload.batch.run import BatchOptions, BatchProgress, BatchSummary, version_key
from legload.batch.tables import error_table
from legload.batch.tasks import FileJob, FileOutcome, run_file
from legload.errors import ReadError
from legload.readers import unwrap
from legload.readers.detect import content_sha256

_LOG_SUFFIXES = (".csv", ".htm", ".html")
#: an athlete's manifest is written at most this often while their files are done, and when
#: the athlete is; a file done but not yet recorded is only analysed again by a rerun
MANIFEST_EVERY_S = 1.0


@dataclass
class _Pending:
    """One athlete while their files are found and analysed."""

    athlete: Athlete
    version: str
    manifest: dict[str, dict]
    files: list[str] = field(default_factory=list)
    futures: list = field(default_factory=list)
    failures: list[dict[str, str]] = field(default_factory=list)
    logs: list[tuple[str, bytes]] = field(default_factory=list)
    recorded: float = 0.0  # when the manifest was last written (monotonic seconds)
    unrecorded: int = 0  # files done since


class Driver:
    """Walks the input once and keeps at most ``window`` file tasks in flight."""

    def __init__(self, client, options: BatchOptions, summary: BatchSummary,
                 progress: BatchProgress) -> None:
        self.client, self.options, self.summary, self.progress = client, options, summary, progress
        self.out = Path(options.out)
        threads = sum(client.nthreads().values()) or 1
        self.window = max(1, options.window or 4 * threads)
        self.running = as_completed()
        self.kinds: dict[str, tuple[str, str]] = {}
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
        """One file of an athlete: a failure, a log, skipped, already done, or a new task."""
        if isinstance(member, ReadError):
            self._failure(pending, member.path, member.problem)
            return
        if member.kind != "activity":
            self._other(pending, member)
            return
        try:
            data = unwrap(member.read(), member.source)
        except ReadError as exc:
            self._failure(pending, exc.path, exc.problem)
            return
        self.summary.files += 1
        digest = content_sha256(data)
        if digest in pending.files:
            self.summary.duplicates += 1
            self.progress("files", None)
            return
        pending.files.append(digest)
        entry = pending.manifest.get(digest)
        if entry and entry.get("version") == pending.version \
                and state_path(self.out, pending.athlete.key, digest).is_file():
            self.summary.already_done += 1
            if entry.get("status") != "ok":
                self._count_failure(entry.get("source", ""), entry.get("error") or "")
            self.progress("files", None)
            return
        self._submit_file(pending, FileJob(
            pending.athlete.key, member.source, digest, data, str(self.out), pending.version,
            pending.athlete.profile.weight_kg, self.options.strict, dict(member.meta or {})))

    def _other(self, pending: _Pending, member) -> None:
        """A file that is not an activity: a log (read by the athlete's task), else skipped."""
        if member.source.lower().endswith(_LOG_SUFFIXES):
            try:
                pending.logs.append((member.source, member.read()))
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

    def _submit_file(self, pending: _Pending, job: FileJob) -> None:
        while self.in_flight >= self.window:
            self._collect(next(self.running))
        key = f"legload-file-{self.run_id}-{next(self.numbers)}-{job.sha256[:16]}"
        future = self.client.submit(run_file, job, key=key, retries=1)
        self.kinds[future.key] = ("file", pending.athlete.key)
        pending.futures.append(future)
        self.running.add(future)
        self.in_flight += 1

    def _submit_athlete(self, key: str) -> None:
        pending = self.athletes[key]
        job = AthleteJob(key, pending.athlete.profile, list(pending.files), str(self.out),
                         self.options.weeks, self.options.until, list(pending.failures),
                         pending.logs)
        future = self.client.submit(run_athlete, job, *pending.futures,
                                    key=f"legload-athlete-{self.run_id}-{next(self.numbers)}")
        self.kinds[future.key] = ("athlete", key)
        pending.futures, pending.logs = [], []
        self.running.add(future)

    def _collect(self, future) -> None:
        kind, key = self.kinds.pop(future.key)
        try:
            outcome = future.result()
            problem = None
        except Exception as exc:  # a task that could not run (its worker died twice)
            outcome, problem = None, f"{type(exc).__name__}: {exc}"
        if kind == "file":
            self.in_flight -= 1
            self._file_done(self.athletes[key], outcome, problem)
        elif problem is not None:
            pending = self.athletes[key]
            self._athlete_failed(key, pending.failures, f"report not built ({problem})")
        else:
            self._athlete_done(outcome)

    def _file_done(self, pending: _Pending, outcome: FileOutcome | None,
                   problem: str | None) -> None:
        self.progress("files", None)
        if outcome is None:  # not recorded: the next run tries the file again
            self._count_failure(pending.athlete.key, f"a file task was lost: {problem}")
            return
        self.summary.analysed += 1
        if outcome.status != "ok":
            self._count_failure(outcome.source, outcome.error or "")
        pending.manifest[outcome.sha256] = outcome.entry(pending.version)
        pending.unrecorded += 1
        if time.monotonic() - pending.recorded >= MANIFEST_EVERY_S:
            self._record(pending)

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
