"""The same activity imported from several files counts once.

A FIT from the watch and the GPX or TCX of the same run exported by Strava or Garmin Connect
have different bytes, so their SHA-256 differ. Two activities are the same when they belong to
the same athlete (or both to none), their time spans overlap, and their distances agree within
:data:`DISTANCE_TOLERANCE` (or :data:`DISTANCE_SLACK_M`, whichever is larger). Of such a group the
richest recording is kept — most channels, then the highest sample rate, then the earliest
imported — and the others get ``merged_into`` = its id: they stay stored (re-importing their
files remains a no-op) but are never listed nor counted.
"""

from __future__ import annotations

import json
import sqlite3

#: relative and absolute tolerance on the distance of two recordings of one activity
DISTANCE_TOLERANCE = 0.03
DISTANCE_SLACK_M = 50.0

_CANDIDATES = """
SELECT o.id FROM activities o, activities n
WHERE n.id = ? AND o.id != n.id AND o.merged_into IS NULL AND o.athlete_id IS n.athlete_id
  AND o.start IS NOT NULL AND n.start IS NOT NULL
  AND julianday(o.start) < julianday(n.start) + COALESCE(n.duration_s, 0) / 86400.0
  AND julianday(n.start) < julianday(o.start) + COALESCE(o.duration_s, 0) / 86400.0
  AND ABS(COALESCE(o.distance_m, 0) - COALESCE(n.distance_m, 0))
      <= MAX(? * MAX(COALESCE(o.distance_m, 0), COALESCE(n.distance_m, 0)), ?)
"""


def link_same_activities(conn: sqlite3.Connection, new_ids: list[int]) -> None:
    """Link each newly stored activity with the stored recordings of the same activity, keeping
    the richest unmerged (inside the caller's transaction)."""
    for activity_id in new_ids:
        rows = conn.execute(_CANDIDATES, (activity_id, DISTANCE_TOLERANCE,
                                          DISTANCE_SLACK_M)).fetchall()
        if not rows:
            continue
        group = [activity_id, *(int(r[0]) for r in rows)]
        keep = max(group, key=lambda i: _richness(conn, i))
        for other in group:
            if other != keep:
                conn.execute("UPDATE activities SET merged_into = ? WHERE id = ? OR merged_into = ?",
                             (keep, other, other))


def _richness(conn: sqlite3.Connection, activity_id: int) -> tuple[int, float, int]:
    """(channels, samples per second, -id): larger is richer; earlier imported wins ties."""
    channels, samples, duration = conn.execute(
        "SELECT channels, samples, duration_s FROM activities WHERE id = ?",
        (activity_id,)).fetchone()
    rate = float(samples or 0) / float(duration) if duration else 0.0
    return len(json.loads(channels or "[]")), round(rate, 2), -activity_id


def merged_pairs(conn: sqlite3.Connection, ids: list[int]) -> list[tuple[int, str, int]]:
    """(id, source path, kept id) of every activity merged by storing ``ids``: those of ``ids``
    linked to an older recording, and older ones linked to one of ``ids``."""
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    rows = conn.execute(
        "SELECT a.id, f.source_path, a.merged_into FROM activities a JOIN files f ON "
        f"f.sha256 = a.file_sha256 WHERE a.merged_into IS NOT NULL AND (a.id IN ({marks}) "
        f"OR a.merged_into IN ({marks})) ORDER BY a.id", (*ids, *ids)).fetchall()
    return [(int(i), str(path), int(into)) for i, path, into in rows]


__all__ = ["DISTANCE_SLACK_M", "DISTANCE_TOLERANCE", "link_same_activities", "merged_pairs"]
