"""The tables of a decoded FIT file: one message's tables from several definitions joined in
file order, and the timestamps of compressed-timestamp headers filled in."""

from __future__ import annotations

import numpy as np


def concat(tables: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """One table from the tables of several definitions of a message, rows in file order
    (by ``_offset``); a column some lack is NaN (None for text) there."""
    if len(tables) == 1:
        return tables[0]
    names: list[str] = []
    for t in tables:
        names.extend(n for n in t if n not in names)
    merged: dict[str, np.ndarray] = {}
    for name in names:
        pieces = []
        for t in tables:
            n = len(t["_offset"])
            if name in t:
                pieces.append(t[name])
            else:
                sample = next(tt[name] for tt in tables if name in tt)
                filler = np.full((n, *sample.shape[1:]), np.nan if sample.dtype != object else None,
                                 dtype=sample.dtype if sample.dtype == object else np.float64)
                pieces.append(filler)
        try:
            merged[name] = np.concatenate(pieces)
        except ValueError:  # arrays of different widths under one name: keep element 0
            merged[name] = np.concatenate([p if p.ndim == 1 else p[:, 0] for p in pieces])
    offsets = merged["_offset"]
    if (offsets[1:] >= offsets[:-1]).all():  # one definition's messages, then the next one's
        return merged
    order = np.argsort(offsets, kind="stable")
    return {k: v[order] for k, v in merged.items()}


def resolve_timestamps(tables: dict[str, dict[str, np.ndarray]],
                       compressed: list[tuple[int, int]]) -> None:
    """Fill ``timestamp`` of compressed-header messages (payload byte, 5-bit time offset)
    from the last full timestamp before them, in place."""
    if not compressed:
        return
    full = []
    for table in tables.values():
        if "timestamp" in table:
            ok = ~np.isnan(table["timestamp"])
            full.append(np.stack([table["_offset"][ok], table["timestamp"][ok]], axis=1))
    known = np.concatenate(full) if full else np.empty((0, 2))
    known = known[np.argsort(known[:, 0], kind="stable")]
    events = sorted([(o, 0, t) for o, t in known.tolist()] + [(o, 1, t) for o, t in compressed])
    resolved: dict[int, float] = {}
    last = None
    for offset, is_compressed, value in events:
        if not is_compressed:
            last = int(value)
        elif last is not None:
            low = last & 0x1F
            last = (last & ~0x1F) + int(value) + (0x20 if value < low else 0)
            resolved[int(offset)] = float(last)
    if not resolved:
        return
    for table in tables.values():
        offs = table["_offset"]
        hits = np.array([resolved.get(int(o), np.nan) for o in offs])
        if np.isnan(hits).all():
            continue
        ts = table.get("timestamp", np.full(len(offs), np.nan)).astype(np.float64)
        table["timestamp"] = np.where(np.isnan(hits), ts, hits)


__all__ = ["concat", "resolve_timestamps"]
