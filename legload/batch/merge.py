"""The same activity recorded in two files counts once, as in the database
(:mod:`legload.store.merge`): same athlete, overlapping time spans, distances within
:data:`~legload.store.merge.DISTANCE_TOLERANCE` (or :data:`~legload.store.merge.DISTANCE_SLACK_M`);
the richest recording is kept (most channels, then highest sample rate, then the earliest
found) and the others point to it. Files are linked in the order an import stores them."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from legload.store.merge import DISTANCE_SLACK_M, DISTANCE_TOLERANCE


@dataclass(frozen=True)
class Recording:
    """What linking needs of one activity: its id, span, distance and richness."""

    id: int
    file: int  # position of its file in the order found
    start_s: float | None  # seconds since the epoch, UTC
    duration_s: float
    distance_m: float
    channels: int
    samples: float

    def richness(self) -> tuple[int, float, int]:
        rate = self.samples / self.duration_s if self.duration_s else 0.0
        return self.channels, round(rate, 2), -self.id


def recording(activity_id: int, file: int, row: dict) -> Recording:
    start = row.get("start")
    return Recording(activity_id, file,
                     None if not start else pd.Timestamp(start).timestamp(),
                     float(row.get("duration_s") or 0.0), float(row.get("distance_m") or 0.0),
                     len(row.get("channels") or []), float(row.get("samples") or 0.0))


def _same(a: Recording, b: Recording) -> bool:
    if a.start_s is None or b.start_s is None:
        return False
    if not (b.start_s < a.start_s + a.duration_s and a.start_s < b.start_s + b.duration_s):
        return False
    return abs(a.distance_m - b.distance_m) <= max(
        DISTANCE_TOLERANCE * max(a.distance_m, b.distance_m), DISTANCE_SLACK_M)


def merged_into(recordings: list[Recording]) -> dict[int, int]:
    """``{id: kept id}`` of every recording merged into another (``recordings`` in id
    order; the activities of one file are stored together, then linked one by one)."""
    into: dict[int, int] = {}
    stored: list[Recording] = []
    for file in sorted({r.file for r in recordings}):
        new = [r for r in recordings if r.file == file]
        stored.extend(new)
        for item in new:
            group = [item, *(o for o in stored if o.id != item.id and o.id not in into
                             and _same(o, item))]
            if len(group) == 1:
                continue
            keep = max(group, key=Recording.richness).id
            for other in group:
                if other.id == keep:
                    continue
                for merged, target in list(into.items()):
                    if target == other.id:
                        into[merged] = keep
                into[other.id] = keep
    return into
