"""The analysis of one file, from bytes to per-activity ledgers, needing no database.

read (:func:`~legload.readers.detect.read_content`) → stream (built once per activity) →
device or stream totals → energy, segments, session class and per-muscle loads
(:func:`~legload.analysis.session.analyse_session`). Import workers run it on every file
and the store keeps the result under :func:`~legload.stored.analysis_key`; a batch job can run
:func:`analyse_content` anywhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from legload.analysis.session import SessionAnalysis, analyse_session
from legload.core.activity import Activity, ActivityColumns
from legload.errors import LegloadError, StreamError
from legload.readers.detect import read_content
from legload.store import Store
from legload.streams.build import to_stream
from legload.streams.totals import session_totals


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


@dataclass(frozen=True)
class AnalysedActivity:
    """One activity of a file, its summary settled to the figures its analysis reports
    (``summary["sources"]`` says device or stream), and that analysis: energy, segments,
    class and per-muscle loads; None when no stream can be built or the models refuse it."""

    activity: Activity | ActivityColumns
    session: SessionAnalysis | None


def analyse_content(data: bytes, source: str, *, mass_kg: float | None = None,
                    strict: bool = False, sha256: str | None = None,
                    meta: dict | None = None) -> list[AnalysedActivity]:
    """Read one file's content and analyse each of its activities: read, stream (built
    once), device or stream totals, then energy, segments and the per-muscle ledger
    (:func:`~legload.analysis.session.analyse_session`). ``meta``: an export's index entry
    (name, sport). Raises :class:`ReadError` for a file that cannot be read; pure otherwise
    (no database), so a batch job can run it anywhere."""
    return analyse_activities(read_content(data, source, strict=strict, sha256=sha256),
                              mass_kg=mass_kg, meta=meta)


def analyse_activities(activities: list[Activity | ActivityColumns], *,
                       mass_kg: float | None = None,
                       meta: dict | None = None) -> list[AnalysedActivity]:
    """:func:`analyse_content` of activities read already (the file's bytes let go). Each is
    analysed in turn and its stream dropped before the next one is built."""
    analysed = []
    for activity in activities:
        apply_meta(activity, meta or {})
        analysed.append(_analyse(activity, mass_kg))
    return analysed


def _analyse(activity: Activity | ActivityColumns, mass_kg: float | None) -> AnalysedActivity:
    # a reader's arrays are analysed as they are: no sample frame is built for the analysis
    try:
        stream = to_stream(activity)
    except StreamError:
        return AnalysedActivity(activity, None)
    totals = session_totals(activity, stream)
    activity.summary.update(totals.as_summary())  # `activities` lists what `analyze` reports
    activity.summary["sources"] = dict(totals.sources)
    try:  # the figures chosen once, before the summary held them
        session = analyse_session(activity, mass_kg=mass_kg, stream=stream, totals=totals)
    except (LegloadError, ArithmeticError, ValueError, TypeError, KeyError):
        session = None  # computed (and its error shown) when a report needs it
    return AnalysedActivity(activity, session)


def ledger_json(session: SessionAnalysis) -> str:
    """A session analysis as stored for the reports (its segments left out: the weekly
    ledger does not use them)."""
    return json.dumps(replace(session, segments=[]).to_dict())


def stored_ledger(activity: Activity, mass_kg: float | None) -> str:
    """The analysis kept for an activity as the database gives it back: :func:`ledger_json`
    of its session analysis (the figures its summary settled at import), or ``"null"`` for
    one stored without samples (a summary only, e.g. a Fitbit exercise)."""
    if activity.samples.empty:
        return "null"
    return ledger_json(analyse_session(activity, mass_kg=mass_kg))


def analyse_stored_batch(db: str, ids: list[int], mass_kg: float | None,
                         tolerant: bool = False) -> dict[int, str | None]:
    """:func:`stored_ledger` of stored activities (by id); with ``tolerant`` an activity the
    models refuse maps to None instead of raising."""
    found: dict[int, str | None] = {}
    with Store(db) as store:
        for activity_id in ids:
            activity = store.get_activity(activity_id)
            try:
                found[activity_id] = stored_ledger(activity, mass_kg)
            except Exception:
                if not tolerant:
                    raise
                found[activity_id] = None  # computed again in the calling process
    return found


__all__ = ["AnalysedActivity", "analyse_activities", "analyse_content", "analyse_stored_batch",
           "apply_meta", "ledger_json", "stored_ledger"]
