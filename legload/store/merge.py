"""The same activity imported from several files counts once.

A FIT from the watch and the GPX or TCX of the same run exported by Strava or Garmin Connect
have different bytes, so their SHA-256 differ. Two activities are the same when they belong to
the same athlete (or both to none), their time spans overlap, and their distances agree within
:data:`DISTANCE_TOLERANCE` (or :data:`DISTANCE_SLACK_M`, whichever is larger). Of such a group the
richest recording is kept — most channels, then the highest sample rate, then the earliest
imported — and the others get ``merged_into`` = its id: they stay stored (re-importing their
files remains a no-op) but are never listed nor counted.

A start written without a time zone (Fitbit's exercise log: local time, stored as if UTC) is
compared with a zoned one by :func:`match_zones` instead: the two are the same activity when
the local start is the UTC start shifted by a whole number of quarter hours within ±14 h, and
durations and distances agree closely (tolerances below; docs/formats.md says why). The zoned
recording is kept (its start is the true one); a zone-less duplicate of a zone-less recording
points to that one, which points to the zoned.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

#: relative and absolute tolerance on the distance of two recordings of one activity
DISTANCE_TOLERANCE = 0.03
DISTANCE_SLACK_M = 50.0

#: a zone-less start is a zoned one shifted by k quarter hours (every UTC offset in use is one),
#: |k × 15 min| ≤ 14 h (UTC−12 … UTC+14), give or take START_SLACK_S: two recorders of one run
#: start within a minute or two of each other (watch button vs the band's exercise log)
ZONE_STEP_S = 900.0
ZONE_MAX_S = 14 * 3600.0
START_SLACK_S = 120.0
#: elapsed times of two recordings of one run agree within 5 % or 2 min (the same slack as the
#: start); distances within DISTANCE_TOLERANCE / DISTANCE_SLACK_M as for any pair
DURATION_TOLERANCE = 0.05
DURATION_SLACK_S = 120.0
#: days either side whose pairs vote for the athlete's UTC offset when a start is ambiguous
OFFSET_EVIDENCE_DAYS = 3.0

#: the stored activities that overlap activity ``n`` in time and agree on distance; ``o.start``
#: is first bounded as text (a day either side of where an overlap can start, the longest
#: stored duration back) so that the index on (athlete, start) finds the few near ``n``
_CANDIDATES = """
SELECT o.id, o.merged_into IS NULL FROM activities o, activities n
WHERE n.id = ? AND o.id != n.id AND (o.merged_into IS NULL OR ?) AND o.athlete_id IS n.athlete_id
  AND o.start IS NOT NULL AND n.start IS NOT NULL
  AND o.start >= strftime('%Y-%m-%dT%H:%M:%S', julianday(n.start) - 1.0 - ?)
  AND o.start <= strftime('%Y-%m-%dT%H:%M:%S',
                          julianday(n.start) + 1.0 + COALESCE(n.duration_s, 0) / 86400.0)
  AND julianday(o.start) < julianday(n.start) + COALESCE(n.duration_s, 0) / 86400.0
  AND julianday(n.start) < julianday(o.start) + COALESCE(o.duration_s, 0) / 86400.0
  AND ABS(COALESCE(o.distance_m, 0) - COALESCE(n.distance_m, 0))
      <= MAX(? * MAX(COALESCE(o.distance_m, 0), COALESCE(n.distance_m, 0)), ?)
"""


def link_same_activities(conn: sqlite3.Connection, new_ids: list[int]) -> None:
    """Link each newly stored activity with the stored recordings of the same activity, keeping
    the richest unmerged (inside the caller's transaction); then pair zone-less starts with
    zoned ones (:func:`match_zones`)."""
    longest_d = conn.execute("SELECT COALESCE(MAX(duration_s), 0) / 86400.0 FROM activities"
                             ).fetchone()[0] if new_ids else 0.0
    for activity_id in new_ids:
        zoneless = is_zoneless(_start(conn, activity_id))
        rows = conn.execute(_CANDIDATES, (activity_id, zoneless, longest_d, DISTANCE_TOLERANCE,
                                          DISTANCE_SLACK_M)).fetchall()
        group = [activity_id, *(int(i) for i, free in rows if is_zoneless(
            _start(conn, int(i))) == zoneless and (free or _head(conn, int(i))))]
        if len(group) == 1:
            continue
        keep = max(group, key=lambda i: _richness(conn, i))
        for other in group:
            if other != keep:
                conn.execute("UPDATE activities SET merged_into = ? WHERE id = ? OR merged_into = ?",
                             (keep, other, other))
    for activity_id in new_ids:
        match_zones(conn, activity_id)


def _head(conn: sqlite3.Connection, activity_id: int) -> bool:
    """True for a zone-less activity linked to a zoned one (not to another zone-less)."""
    row = conn.execute("SELECT k.start FROM activities a JOIN activities k ON k.id = "
                       "a.merged_into WHERE a.id = ?", (activity_id,)).fetchone()
    return row is not None and not is_zoneless(row[0])


@dataclass(frozen=True)
class _Span:
    """What the zone rule needs of one stored activity."""

    id: int
    start_s: float  # seconds since the epoch, the zone-less ones read as UTC
    zoneless: bool
    duration_s: float
    distance_m: float
    merged_into: int | None


def is_zoneless(start: str | None) -> bool:
    """True for an ISO start written without a time zone (Fitbit's local times)."""
    if not start:
        return False
    try:
        return datetime.fromisoformat(start.replace("Z", "+00:00")).tzinfo is None
    except ValueError:
        return False


def _span(row: tuple) -> _Span | None:
    activity_id, start, duration, distance, merged_into = row
    try:
        when = datetime.fromisoformat(str(start).replace("Z", "+00:00"))
    except ValueError:
        return None
    zoneless = when.tzinfo is None
    stamp = (when.replace(tzinfo=UTC) if zoneless else when).timestamp()
    return _Span(int(activity_id), stamp, zoneless, float(duration or 0.0),
                 float(distance or 0.0), None if merged_into is None else int(merged_into))


def _offset(local: _Span, zoned: _Span) -> tuple[float, float] | None:
    """(UTC offset, closeness) when ``local`` (zone-less) and ``zoned`` can be one activity:
    the offset a whole number of quarter hours within ±14 h, start residual ≤ START_SLACK_S,
    durations and distances agreeing; closeness is the sum of their relative differences."""
    shift = local.start_s - zoned.start_s
    offset = round(shift / ZONE_STEP_S) * ZONE_STEP_S
    if abs(offset) > ZONE_MAX_S or abs(shift - offset) > START_SLACK_S:
        return None
    longest = max(local.duration_s, zoned.duration_s)
    gap = abs(local.duration_s - zoned.duration_s)
    if min(local.duration_s, zoned.duration_s) <= 0 or \
            gap > max(DURATION_TOLERANCE * longest, DURATION_SLACK_S):
        return None
    farthest = max(local.distance_m, zoned.distance_m)
    apart = abs(local.distance_m - zoned.distance_m)
    if apart > max(DISTANCE_TOLERANCE * farthest, DISTANCE_SLACK_M):
        return None
    return offset, gap / longest + (apart / farthest if farthest else 0.0)


_NEARBY = """
SELECT id, start, duration_s, distance_m, merged_into FROM activities
WHERE athlete_id IS ? AND start >= ? AND start <= ?
"""


def match_zones(conn: sqlite3.Connection, activity_id: int) -> None:
    """Pair the zone-less activities within a day of ``activity_id`` with zoned ones (each with
    one at most), the zone-less one merged into the zoned. Pairs sharing an offset with more
    pairs of the athlete's nearby days go first, then the closest in duration and distance,
    then the smallest offsets: a morning run at the offset of the day is never taken for the
    evening run of the same loop at another whole offset."""
    row = conn.execute("SELECT id, start, duration_s, distance_m, merged_into, athlete_id "
                       "FROM activities WHERE id = ? AND start IS NOT NULL",
                       (activity_id,)).fetchone()
    new = None if row is None else _span(row[:5])
    if new is None:
        return
    centre, reach = datetime.fromtimestamp(new.start_s, UTC), OFFSET_EVIDENCE_DAYS + 1.0
    low, high = ((centre + timedelta(days=d)).strftime("%Y-%m-%dT%H:%M:%S")
                 for d in (-reach, reach))
    rows = conn.execute(_NEARBY, (row[5], low, high)).fetchall()
    spans = {s.id: s for s in (_span(r) for r in rows) if s is not None}
    if all(s.zoneless == new.zoneless for s in spans.values()):
        return
    zoned = {s.id: s for s in spans.values() if not s.zoneless}
    heads = [s for s in spans.values() if s.zoneless and (s.merged_into is None
                                                          or s.merged_into in zoned)]
    pairs = [(h, z, found) for h in heads for z in zoned.values()
             if (found := _offset(h, z)) is not None]
    votes: dict[float, set[int]] = {}
    for head, _, (offset, _) in pairs:
        votes.setdefault(offset, set()).add(head.id)
    movable = {h.id for h in heads if abs(h.start_s - new.start_s) <= 86400.0}
    taken = {h.merged_into for h in heads if h.id not in movable}
    ranked = sorted((p for p in pairs if p[0].id in movable and p[1].merged_into is None
                     and p[1].id not in taken),
                    key=lambda p: (-len(votes[p[2][0]]), p[2][1], abs(p[2][0]), p[0].id))
    target: dict[int, int | None] = dict.fromkeys(movable)
    for head, twin, _ in ranked:
        if target[head.id] is None and twin.id not in taken:
            target[head.id] = twin.id
            taken.add(twin.id)
    for head_id, twin_id in target.items():
        if spans[head_id].merged_into != twin_id:
            conn.execute("UPDATE activities SET merged_into = ? WHERE id = ?", (twin_id, head_id))


def _start(conn: sqlite3.Connection, activity_id: int) -> str | None:
    row = conn.execute("SELECT start FROM activities WHERE id = ?", (activity_id,)).fetchone()
    return None if row is None else row[0]


def _richness(conn: sqlite3.Connection, activity_id: int) -> tuple[int, float, int]:
    """(channels, samples per second, -id): larger is richer; earlier imported wins ties."""
    channels, samples, duration = conn.execute(
        "SELECT channels, samples, duration_s FROM activities WHERE id = ?",
        (activity_id,)).fetchone()
    rate = float(samples or 0) / float(duration) if duration else 0.0
    return len(json.loads(channels or "[]")), round(rate, 2), -activity_id


def merged_pairs(conn: sqlite3.Connection, ids: list[int]) -> list[tuple[int, str, int]]:
    """(id, source path, kept id) of every activity merged by storing ``ids``: those of ``ids``
    linked to an older recording, and older ones linked to one of ``ids`` (a zone-less copy
    linked to another zone-less one reports the zoned activity that one is linked to)."""
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    rows = conn.execute(
        "SELECT a.id, f.source_path, COALESCE(k.merged_into, a.merged_into) FROM activities a "
        "JOIN files f ON f.sha256 = a.file_sha256 JOIN activities k ON k.id = a.merged_into "
        f"WHERE a.merged_into IS NOT NULL AND (a.id IN ({marks}) "
        f"OR a.merged_into IN ({marks})) ORDER BY a.id", (*ids, *ids)).fetchall()
    return [(int(i), str(path), int(into)) for i, path, into in rows]


__all__ = ["DISTANCE_SLACK_M", "DISTANCE_TOLERANCE", "DURATION_SLACK_S", "DURATION_TOLERANCE",
           "START_SLACK_S", "ZONE_MAX_S", "ZONE_STEP_S", "is_zoneless", "link_same_activities",
           "match_zones", "merged_pairs"]
