"""A naive ``datetime64`` instant (UTC by the readers' convention) as the summary writes it:
its ISO text to the second and its hour, straight from numpy. Every activity read asks for
both once; through ``pandas.Timestamp`` they cost tens of microseconds."""

from __future__ import annotations

from typing import Any

import numpy as np

#: the instants written as four-digit years (the text ``strftime("%Y")`` gives there too)
_FIRST, _LAST = np.datetime64("1000-01-01T00:00:00", "s"), np.datetime64("9999-12-31T23:59:59", "s")


def _seconds(value: Any) -> np.datetime64 | None:
    """``value`` floored to the second, when it is a naive datetime64 within four-digit
    years; None for anything else (NaT, a Timestamp, text ...)."""
    if not isinstance(value, np.datetime64) or np.isnat(value):
        return None
    seconds = value.astype("M8[s]")  # floored, before 1970 too
    return seconds if _FIRST <= seconds <= _LAST else None


def iso_seconds(value: Any) -> str | None:
    """``YYYY-MM-DDTHH:MM:SSZ`` of a naive datetime64 in UTC (fractions dropped), or None
    when ``value`` is not one (the caller's general route then)."""
    seconds = _seconds(value)
    return None if seconds is None else f"{seconds}Z"


def utc_hour(value: Any) -> int | None:
    """The hour (0-23) of a naive datetime64 in UTC, or None when ``value`` is not one."""
    seconds = _seconds(value)
    return None if seconds is None else int(seconds.astype(np.int64)) // 3600 % 24
