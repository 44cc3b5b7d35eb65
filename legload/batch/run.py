"""The driver of a batch: walks the input, submits one task per chunk of an athlete's new
activity files (listed by path; a bounded number in flight), one task per athlete depending on
its files, and records each finished file in the athlete's manifest, atomically, once its state
is written.

A rerun skips the files whose path, size and time (or else content hash) the manifest holds
for the same model version and body mass; a batch killed midway (even ``kill -9``)
leaves only whole files behind and picks up where it stopped. Failures are rows of
``errors/``, never the end of the batch.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from legload import __version__
from legload.analysis.weekly import MODEL_VERSION
from legload.batch.inputs import athletes
from legload.batch.output import clear_temporaries
from legload.errors import LegloadError, ReadError

#: called with (what, total) once a total is known, then (what, None) after each step;
#: ``what`` is "files" or "athletes"
BatchProgress = Callable[[str, int | None], None]


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs: where it writes, on which cluster, and the report's window."""

    out: Path
    workers: int | None = None
    scheduler: str | None = None
    weeks: int = 12
    until: dt.date | None = None
    strict: bool = False
    window: int | None = None  # file tasks in flight (default: 2 per worker thread)


@dataclass
class BatchSummary:
    """What a batch did; ``to_dict()`` is ``legload batch --json``."""

    out: str
    athletes: int = 0
    files: int = 0
    analysed: int = 0
    already_done: int = 0
    duplicates: int = 0
    failed: int = 0
    activities: int = 0
    athletes_failed: int = 0
    skipped: list[dict[str, str]] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)
    dashboard: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


#: the layout of a file's state (``_state/``): a state of another layout is computed again
STATE_LAYOUT = 2


def version_key(mass_kg: float | None, strict: bool) -> str:
    """What a file's stored analysis depends on besides its content."""
    mode = "strict" if strict else "lenient"
    return f"{__version__}/{MODEL_VERSION}/state{STATE_LAYOUT}/{mass_kg or 'default'}/{mode}"


def run_batch(source: Path | str, options: BatchOptions, *,
              progress: BatchProgress | None = None,
              notify: Callable[[str], None] | None = None) -> BatchSummary:
    """Run a batch over ``source`` (a folder or zip of athlete folders) into ``options.out``;
    ``notify`` is told the dashboard's address."""
    source = Path(source)
    if not source.exists():
        raise ReadError(str(source), "no such file or folder")
    found = athletes(source)
    out = Path(options.out).resolve()  # the workers may run elsewhere: no relative path
    summary = BatchSummary(out=str(out), athletes=len(found))
    from legload.batch.driver import Driver

    with _client(options) as client:
        out.mkdir(parents=True, exist_ok=True)
        clear_temporaries(out)
        summary.dashboard = getattr(client, "dashboard_link", None)
        if notify is not None and summary.dashboard:
            notify(summary.dashboard)
        Driver(client, replace(options, out=out), summary,
               progress or (lambda _what, _n: None)).run(source, found)
    return summary


@contextmanager
def _client(options: BatchOptions) -> Iterator:
    """A client of the cluster at ``options.scheduler``, or of a new local one."""
    from distributed import Client

    if options.scheduler:
        try:
            client = Client(options.scheduler, timeout="30s")
        except (OSError, ValueError) as exc:  # unreachable, or not an address
            raise LegloadError(f"{options.scheduler}: no Dask scheduler there ({exc})") from None
        with client:
            yield client
        return
    with local_cluster(options.workers) as (_cluster, client):
        yield client


#: Dask settings of the local cluster a batch starts, where the user's Dask configuration
#: (files, ``DASK_*`` variables) leaves Dask's defaults: no statistical profiler sampling each
#: task's stack every 10 ms (about 5 % of a busy worker's CPU; the dashboard's Profile page
#: stays empty), event-loop health checks every 500 ms instead of 20 ms and the dashboard's
#: system monitor every 2 s instead of 0.5 s (an idle 2-worker cluster: 12 % of a core → 2 %).
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "500ms",
    "distributed.admin.system-monitor.interval": "2s",
}


def local_settings() -> dict[str, object]:
    """The settings of :data:`LOCAL_CLUSTER_CONFIG` the user has not set otherwise."""
    import dask

    defaults = dask.config.merge(*dask.config.defaults)
    return {key: value for key, value in LOCAL_CLUSTER_CONFIG.items()
            if dask.config.get(key, None) == dask.config.get(key, None, config=defaults)}


@contextmanager
def local_cluster(workers: int | None = None) -> Iterator:
    """``(cluster, client)`` of a new ``LocalCluster`` on this machine: ``workers`` processes
    (default: one per CPU) of one thread each, the scheduler in this process, the dashboard on
    a free port, with :func:`local_settings` (which the worker processes inherit)."""
    import dask
    from distributed import Client, LocalCluster

    with dask.config.set(local_settings()), \
            LocalCluster(n_workers=workers or default_workers(), processes=True,
                         threads_per_worker=1, dashboard_address=":0",
                         silence_logs=logging.ERROR) as cluster, \
            Client(cluster) as client:
        yield cluster, client


def default_workers() -> int:
    """Worker processes of a local cluster: one per CPU this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)
