"""One activity encoded for the database ahead of the write (in an import worker, say):
its ``activities`` row, its columns and its analysis, computed outside the transaction."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # numpy, pandas and the codecs load when an activity is encoded
    from legload.core.activity import Activity, ActivityColumns
    from legload.store.columnar import ColumnRow

_SUMMARY_COLUMNS = (
    "sport", "sub_sport", "name", "start", "duration_s", "moving_s", "distance_m",
    "ascent_m", "descent_m", "samples", "device",
)


class PreparedActivity(NamedTuple):
    """One activity encoded for the database: its ``activities`` row (from ``idx`` on) and
    its sample and lap columns (see :mod:`legload.store.columnar`), and its analysis as
    ``(key, JSON)`` when computed ahead (see :meth:`Store.cached_analyses`); picklable."""

    row: tuple[Any, ...]
    samples: list[ColumnRow]
    laps: list[ColumnRow]
    warnings: list[str]
    analysis: tuple[str, str] | None = None


def prepare_activity(activity: Activity | ActivityColumns, source_path: str, *,
                     analysis: tuple[str, str] | None = None) -> PreparedActivity:
    """Everything one activity writes, computed before (and outside) the transaction; from
    an :class:`ActivityColumns` the arrays are encoded as they are (the same bytes)."""
    import pandas as pd

    from legload.core.activity import ActivityColumns
    from legload.store.columnar import encode_columns, encode_frame, to_json

    summary = dict(activity.summary or {})
    values = tuple(_scalar(summary.get(name)) for name in _SUMMARY_COLUMNS)
    row = (
        int(activity.index),
        activity.source or str(source_path),
        *values,
        to_json(list(summary.get("channels") or [])),
        summary.get("format"),
        to_json(list(activity.warnings or [])),
        to_json(summary),
    )
    if isinstance(activity, ActivityColumns):
        samples = encode_columns(activity.columns)
        laps = encode_columns(activity.laps) if activity.laps is not None else \
            encode_frame(activity.lap_frame())
    else:
        samples = encode_frame(activity.samples if activity.samples is not None else pd.DataFrame())
        laps = encode_frame(activity.laps) if activity.laps is not None else []
    return PreparedActivity(row, samples, laps, list(activity.warnings or []), analysis)


def _scalar(value: Any) -> Any:
    """A summary value as SQLite takes it (numpy scalars unwrapped, timestamps as text)."""
    if value is None or isinstance(value, str | int | float):
        return value
    import numpy as np
    import pandas as pd

    if isinstance(value, datetime | pd.Timestamp | np.datetime64):
        return _iso_utc(value)
    if isinstance(value, np.generic):
        return value.item()
    return str(value)


def _iso_utc(value: Any) -> str | None:
    """ISO 8601 UTC text (``...Z``) of a timestamp, as the summaries write ``start``."""
    import pandas as pd

    stamp = pd.Timestamp(value)
    if stamp is pd.NaT:
        return None
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")


__all__ = ["PreparedActivity", "prepare_activity"]
