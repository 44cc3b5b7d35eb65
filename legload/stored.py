"""The stored analyses a report reads, and the key they are kept under.

Every import stores each activity's analysis (:mod:`legload.pipeline`) under
:func:`analysis_key`; a report reads them back here. This module imports neither the
readers nor the streams nor the session analysis: a report whose analyses are all stored
never needs them, and they are loaded only when some are missing or of another model
version (computed then, in worker processes, by :func:`legload.import_pool.analyse_stored`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

from legload.analysis import weekly
from legload.readers.logs.validate import EARLIEST, FUTURE_SLACK, date_problem
from legload.store import Store

#: the code an analysis depends on, relative to the package: its digest is part of the
#: model version, so that a changed model or coefficient recomputes the stored analyses
_MODEL_SOURCES = ("models", "streams", "analysis/session.py", "analysis/muscle_load.py",
                  "analysis/segments.py", "analysis/weekly.py")

#: a start as the store writes it (ISO 8601, UTC): checked without pandas
_STORED_START = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,6})?Z")


@cache
def _sources_digest() -> str:
    root = Path(__file__).parent
    digest = hashlib.sha256()
    for name in _MODEL_SOURCES:
        for path in sorted((root / name).rglob("*.py")) if (root / name).is_dir() else \
                [root / name]:
            if path.is_file():
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def model_version() -> str:
    """The version of the models an analysis was computed with: the declared
    :data:`~legload.analysis.weekly.MODEL_VERSION` and a digest of the models' code and
    parameters (so that a changed coefficient is a new version even when nobody bumped it)."""
    return f"{weekly.MODEL_VERSION}+{_sources_digest()}"


def analysis_key(mass_kg: float | None) -> str:
    """The key a stored analysis is kept under: the model version and the body mass it used
    (energy and ride loads scale with mass)."""
    return f"{model_version()}/{mass_kg or 'default'}"


def activity_results(store: Store, athlete_id: int | None, *, mass_kg: float | None = None,
                     notes: list[str] | None = None,
                     progress: Callable[[int, int], None] | None = None) -> list[dict]:
    """Session analysis of every activity of the athlete as stored under the current
    :func:`analysis_key` (computed at import); those missing or of another model version
    are computed now, in parallel, and stored. One whose start no import would accept today
    is skipped (with a line in ``notes``)."""
    key = analysis_key(mass_kg)
    stored = store.cached_analyses(athlete_id, key)
    rows = []
    check = start_check()
    for activity_id, start, _sport in store.activity_rows(athlete_id):
        problem = check(start) if start else None
        if problem is None:
            rows.append((activity_id, start))
        elif notes is not None:
            notes.append(f"stored activity {activity_id} skipped: {problem}")
    missing = [activity_id for activity_id, _ in rows if activity_id not in stored]
    if missing:
        from legload.import_pool import analyse_stored  # the readers, streams and models

        computed = analyse_stored(store.path, missing, mass_kg, progress=progress)
        store.cache_analyses(key, computed)
        stored.update(computed)
    results, summaries = [], 0
    for activity_id, start in rows:
        result = json.loads(stored[activity_id])
        if result is None:  # stored without samples: no load to add
            summaries += 1
            continue
        result["id"], result["start"] = activity_id, start
        results.append(result)
    if summaries and notes is not None:
        notes.append(f"{summaries} stored activit{'y' if summaries == 1 else 'ies'} without "
                     "samples (summaries, e.g. Fitbit exercises) skipped: import their FIT, GPX "
                     "or TCX files for their load")
    return results


def start_check() -> Callable[[str], str | None]:
    """:func:`~legload.readers.logs.validate.date_problem` for stored starts, as of now: a
    start in the store's own form and plainly in range is None at once (no pandas
    Timestamp per activity); anything else is asked of ``date_problem`` itself."""
    earliest = EARLIEST.to_pydatetime()
    latest = (dt.datetime.now(dt.UTC) + FUTURE_SLACK.to_pytimedelta()).replace(microsecond=0)

    def check(start: str) -> str | None:
        if isinstance(start, str) and _STORED_START.fullmatch(start):
            try:
                if earliest <= dt.datetime.fromisoformat(start) <= latest:
                    return None
            except ValueError:
                pass
        return date_problem(start)

    return check


__all__ = ["activity_results", "analysis_key", "model_version", "start_check"]
