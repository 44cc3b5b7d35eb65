"""Dates of a watch whose clock was never set: FIT system time, salvaged where the file can.

A FIT ``date_time`` below ``0x10000000`` is not a date but seconds since the device was
switched on (FIT protocol, "date_time" type): read as a date it falls in 1990. Where the file
holds a real date for one of those moments, every system time is moved by the difference:

1. a ``timestamp_correlation`` message: UTC ``timestamp`` beside its ``system_timestamp``;
2. ``file_id.time_created`` as a real date: the time of the first record.

Otherwise the dates are kept as recorded, with a warning. An ``activity`` message's
``local_timestamp`` is not used: Forerunner 70 files write one that is not the activity's
(two runs nine days apart, read off one watch, carry the same ``local_timestamp`` to the
second), and two runs dated on top of each other would be merged as one.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from legload.readers.fit.decode import FIT_EPOCH_S, FitMessages

#: date_time values below this are seconds since the device was switched on
SYSTEM_TIME_LIMIT = 0x10000000
#: date_time columns moved with the records
_DATE_COLUMNS = ("timestamp", "start_time", "time_created")


def salvage_dates(messages: FitMessages) -> str | None:
    """Move system times to dates in ``messages`` (in place) when the file allows it.
    Returns a warning for a file in system time (what was done), None for a file in dates."""
    stamps = messages.numbers("record").get("timestamp")
    if stamps is None or not (np.isfinite(stamps) & (stamps < SYSTEM_TIME_LIMIT)).any():
        return None
    first = float(np.nanmin(stamps))
    seen = _day(first)
    found = _offset(messages, first)
    if found is None:
        return (f"dated {seen}: the times are seconds since the watch was switched on (its "
                "clock was never set) and the file holds no date to correct them; kept as "
                "recorded")
    offset, how = found
    for table in messages.tables.values():
        for name in _DATE_COLUMNS:
            values = table.get(name)
            if values is not None and values.dtype != object:
                system = np.isfinite(values) & (values < SYSTEM_TIME_LIMIT)
                table[name] = np.where(system, values + offset, values)
    return (f"dated {seen}: the times are seconds since the watch was switched on (its clock "
            f"was never set); dated from {how}, first record {_day(first + offset)}")


def _offset(messages: FitMessages, first: float) -> tuple[float, str] | None:
    """Seconds to add to system times, and where they come from; None when nothing says."""
    correlation = messages.numbers("timestamp_correlation")
    utc, system = correlation.get("timestamp"), correlation.get("system_timestamp")
    if utc is not None and system is not None:
        ok = np.isfinite(utc) & np.isfinite(system) & (utc >= SYSTEM_TIME_LIMIT)
        if ok.any():
            i = np.flatnonzero(ok)[-1]
            return float(utc[i] - system[i]), "the file's timestamp correlation (UTC)"
    created = _real(messages.numbers("file_id").get("time_created"))
    if created is not None:
        return created - first, "the file's creation time (UTC)"
    return None


def _real(values: np.ndarray | None) -> float | None:
    """The last value of a date_time column when it is a date, else None."""
    if values is None or len(values) == 0:
        return None
    value = float(values[-1])
    return value if np.isfinite(value) and value >= SYSTEM_TIME_LIMIT else None


def _day(value: float) -> str:
    return pd.Timestamp((value + FIT_EPOCH_S) * 1e9).strftime("%Y-%m-%d")


__all__ = ["SYSTEM_TIME_LIMIT", "salvage_dates"]
