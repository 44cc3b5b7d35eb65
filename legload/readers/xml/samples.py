"""From the track points of a GPX or TCX file (by either route) to the sample columns of its
activities: numbers and ISO 8601 times read as pandas reads them, implausible or missing times
dropped with a warning, each part of a file read on its own and a damaged part skipped."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from legload.core.activity import ActivityColumns, track_distance_m
from legload.core.sports import FOOT_SPORTS
from legload.errors import ReadError

#: samples timed before this are refused as a clock fault (int32 epoch underflow gives 1901)
EARLIEST_PLAUSIBLE = pd.Timestamp("1990-01-01", tz="UTC")
#: samples timed later than now plus this are refused as a clock fault
FUTURE_SLACK = pd.Timedelta(days=1)
#: bytes of a plain decimal number; arrow's zoned time
_PLAIN, _UTC = b"0123456789.eE-", pa.timestamp("ns", "UTC")


class PointNames(NamedTuple):
    """What a format reads of its track points: their local ``name``, the field key of each
    lower-case local name of their descendants (``fields``) and of each of their
    ``attributes``, and the elements its reader looks for (``searched``; never in a point)."""

    name: str
    fields: Mapping[str, str]
    attributes: Mapping[str, str]
    searched: tuple[str, ...]


class PointFields(NamedTuple):
    """Fields of ``n`` track points by either route: ``times`` (NaT where absent or unreadable),
    ``written`` (a non-blank time text), ``unread`` (point → its unreadable time text) and
    ``values`` (floats, NaN where absent, blank or not a finite number)."""

    n: int
    times: np.ndarray
    written: np.ndarray
    unread: dict[int, str]
    values: dict[str, np.ndarray]

    def part(self, first: int, n: int) -> PointFields:
        """The fields of points ``first`` .. ``first + n - 1``."""
        cut = slice(first, first + n)
        unread = {k - first: t for k, t in self.unread.items() if first <= k < first + n}
        return PointFields(n, self.times[cut], self.written[cut], unread,
                           {key: column[cut] for key, column in self.values.items()})


def read_times(n: int, at: np.ndarray, texts: pa.Array | list[str | None]
               ) -> tuple[np.ndarray, np.ndarray, dict[int, str]]:
    """``times``, ``written`` and ``unread`` of ``n`` points whose points ``at`` have the time
    ``texts`` (None where blank), read by arrow when it reads them all (as pandas does, tested),
    else by :func:`iso_stamps` (stripped)."""
    texts = texts if isinstance(texts, pa.Array) else pa.array(texts, pa.large_string())
    times, written, unread = np.full(n, np.datetime64("NaT", "ns")), np.zeros(n, bool), {}
    try:
        times[at] = pc.cast(texts, _UTC).cast(pa.timestamp("ns")).to_numpy(zero_copy_only=False)
        written[at] = texts.is_valid().to_numpy(zero_copy_only=False)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        stripped = texts_of(texts)
        stamps = times[at] = iso_stamps(stripped)
        has = written[at] = np.array([t is not None for t in stripped], bool)
        unread = {int(at[i]): stripped[i] for i in np.flatnonzero(has & np.isnat(stamps)).tolist()}
    return times, written, unread  # type: ignore[return-value]


def numbers(texts: pa.Array | Sequence[str | None]) -> np.ndarray:
    """Floats of texts as ``pandas.to_numeric`` reads them (stripped), NaN where missing, blank,
    unreadable or not finite: arrow reads plain decimals (digits, ``.``, ``e``, ``-``) as Python and
    pandas do (tested), pandas the rest, ``-0`` (its sign dropped among integers) and ``+``."""
    texts = texts if isinstance(texts, pa.Array) else pa.array(texts, pa.large_string())
    ends = np.frombuffer(texts.buffers()[1], np.int64)[[texts.offset, texts.offset + len(texts)]]
    raw, out = (texts.buffers()[2] or pa.py_buffer(b""))[ends[0] : ends[1]], None
    if not texts.null_count and not raw.to_pybytes().translate(None, _PLAIN):
        with contextlib.suppress(pa.ArrowInvalid):  # empty, or e.g. "1-2"
            out = pc.cast(texts, pa.float64()).to_numpy(zero_copy_only=False, writable=True)
    if out is None or np.signbit(out[out == 0]).any():
        series = pd.to_numeric(pd.Series(texts_of(texts, " \t\r\n"), dtype=object),  # "0\x1c": NaN
                               errors="coerce")
        out = np.array(series.to_numpy(dtype=float, na_value=np.nan), dtype=float)
    out[~np.isfinite(out)] = np.nan
    return out


def texts_of(texts: pa.Array, space: str | None = None) -> list[str | None]:
    """The texts as a tree gives them: stripped (of ``space``), None when blank, LF line ends."""
    out = [(t.decode("utf-8", "replace").strip(space) or None) if t else None
           for t in texts.view(pa.large_binary()).to_pylist()]
    return [t.replace("\r\n", "\n").replace("\r", "\n") if t and "\r" in t else t for t in out]


def timed_columns(found: PointFields, source: str, warnings: list[str]) -> dict[str, np.ndarray]:
    """Sample columns of the points with a plausible time, in file order: ``timestamp`` (UTC, no
    zone) and each value with a value. Points without a readable time, or timed before 1990 or
    over a day ahead, are dropped with a warning; channels without a value (or half a position)
    are left out. ReadError: no points, or no (plausible) timestamps."""
    n, stamps, what = found.n, found.times, "track points"
    if n == 0:
        raise ReadError(source, f"no {what}")
    timed = ~np.isnat(stamps)
    if not timed.any():
        if written := int(found.written.sum()):
            example = found.unread[min(found.unread)]
            raise ReadError(source, f"no timestamps that can be read ({written} {what}, e.g. {example!r})")
        raise ReadError(source, f"no timestamps (none of the {n} {what} has a time)")
    earliest = EARLIEST_PLAUSIBLE.tz_convert(None).to_datetime64()
    latest = (pd.Timestamp.now(tz="UTC") + FUTURE_SLACK).tz_convert(None).to_datetime64()
    plausible = timed & (stamps >= earliest) & (stamps <= latest)
    if not plausible.any():
        first, last = stamps[timed].min(), stamps[timed].max()
        raise ReadError(source, f"implausible timestamps: all {int(timed.sum())} {what} are dated "
                                f"{_span(first, last)} (before 1990 or in the future); refused")
    if not timed.all():
        warnings.append(f"{source}: {int((~timed).sum())} of {n} {what} have no readable time; dropped")
    bad = timed & ~plausible
    if bad.any():
        first, last = stamps[bad].min(), stamps[bad].max()
        warnings.append(f"{source}: {int(bad.sum())} of {n} {what} have implausible times "
                        f"({_span(first, last)}); dropped")
    everything = bool(plausible.all())
    out = {"timestamp": stamps if everything else stamps[plausible]}
    for name, values in found.values.items():
        kept = values if everything else values[plausible]
        if np.isfinite(kept).any():  # a negative zero ("-0") reads as zero, whichever parser read it
            out[name] = np.add(kept, 0.0, out=kept)  # in place: the columns are the reader's own
    if ("lat_deg" in out) != ("lon_deg" in out):  # half a position is none
        out = {name: values for name, values in out.items() if name not in ("lat_deg", "lon_deg")}
    return out


#: the sample columns :func:`motion_from_positions` derives, recorded in the summary's
#: ``derived_columns`` so that the stream stage does not take them for the device's own
DERIVED_MOTION = ("distance_m", "speed_m_s")


def motion_from_positions(columns: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """``distance_m`` and ``speed_m_s`` derived from positions as a FIT file records them; ``{}``
    without positions or when either channel is recorded. Distance is the summary's
    (:func:`~legload.core.activity.track_distance_m`); speed its centred difference over time
    between neighbouring fixes, ``v_i = (d_{i+1} - d_{i-1}) / (t_{i+1} - t_{i-1})`` (one-sided
    at either end). Rows without a position, and speeds over no elapsed time, are NaN."""
    if "lat_deg" not in columns or any(name in columns for name in DERIVED_MOTION):
        return {}
    lat, lon = columns["lat_deg"], columns["lon_deg"]
    fixed = np.isfinite(lat) & np.isfinite(lon)
    if not fixed.any():
        return {}
    fixes = slice(None) if fixed.all() else np.flatnonzero(fixed)  # a view when all are fixes
    distance_m = track_distance_m(pd.DataFrame({"timestamp": pd.DatetimeIndex(columns["timestamp"]),
                                                "lat_deg": lat, "lon_deg": lon}, copy=False))
    distance_m[~fixed] = np.nan
    along = distance_m[fixes]
    stamps = columns["timestamp"][fixes]
    seconds = (stamps - stamps[0]) / np.timedelta64(1, "s")
    speed_m_s = np.full(lat.size, np.nan)
    if len(along) > 1:
        ahead, span = _centred(along), _centred(seconds)
        with np.errstate(invalid="ignore", divide="ignore"):
            speed = np.divide(ahead, span, out=ahead)
        speed[~(span > 0)] = np.nan
        speed_m_s[fixes] = speed
    return {"distance_m": distance_m, "speed_m_s": speed_m_s}


def _centred(values: np.ndarray) -> np.ndarray:
    """``values[i + 1] - values[i - 1]``, one-sided at either end (at least two values)."""
    out = np.empty_like(values)
    np.subtract(values[2:], values[:-2], out=out[1:-1])
    out[0], out[-1] = values[1] - values[0], values[-1] - values[-2]
    return out


def iso_stamps(texts: Iterable[str | None]) -> np.ndarray:
    """``datetime64[ns]`` (UTC, no zone) of ISO 8601 texts as pandas reads them (naive ones as
    UTC); NaT where absent, unreadable or outside the nanosecond range (1678-2261)."""
    parsed = pd.to_datetime(pd.Series(list(texts), dtype=object), utc=True, format="ISO8601", errors="coerce")
    values = pd.DatetimeIndex(parsed).tz_convert(None).to_numpy()
    if (unit := values.dtype) != np.dtype("M8[ns]"):
        inside = ~np.isnat(values) & (values > _NS_FIRST.astype(unit)) & (values < _NS_LAST.astype(unit))
        values = np.where(inside, values, np.datetime64("NaT")).astype("M8[ns]")
    return values


#: the nanosecond range, a second inside each end (a coarser unit rounds towards it)
_NS_FIRST = (pd.Timestamp.min + pd.Timedelta(seconds=1)).to_datetime64()
_NS_LAST = (pd.Timestamp.max - pd.Timedelta(seconds=1)).to_datetime64()


def _span(first: np.datetime64, last: np.datetime64) -> str:
    a, b = (pd.Timestamp(t).strftime("%Y-%m-%dT%H:%M:%SZ") for t in (first, last))
    return a if a == b else f"{a} .. {b}"


def cadence_columns(columns: dict[str, np.ndarray], sport: str) -> None:
    """Per-foot cadence (``run_cadence``, or ``cadence`` in a foot sport) → ``cadence_spm``
    (both feet); crank cadence → ``cadence_rpm``."""
    run, plain = columns.pop("run_cadence", None), columns.pop("cadence", None)
    if sport in FOOT_SPORTS and plain is not None:  # the run cadence where it has one
        run, plain = (plain if run is None else np.where(np.isnan(run), plain, run)), None
    if run is not None:
        columns["cadence_spm"] = 2.0 * run
    if plain is not None:
        columns["cadence_rpm"] = plain


def gather(parts: list, read_one: Callable[[Any], ActivityColumns], source: str,
           file_warnings: list[str], label: str) -> list[ActivityColumns]:
    """Each part of a file (a GPX track, a TCX activity) read by ``read_one``; a part that cannot
    be read is skipped with a note on the others (the first one's ReadError when none can).
    File-level warnings go first on every activity."""
    activities: list[ActivityColumns] = []
    skipped: list[tuple[int, ReadError]] = []
    for index, part in enumerate(parts):
        try:
            activities.append(read_one(part))
            activities[-1].index = index
        except ReadError as exc:
            skipped.append((index, exc))
    if not activities:
        raise skipped[0][1]
    notes = [f"{source}: {label} {i + 1} skipped ({exc.problem})" for i, exc in skipped]
    for activity in activities:
        activity.warnings[:] = [*file_warnings, *activity.warnings, *notes]
    return activities


__all__ = ["DERIVED_MOTION", "EARLIEST_PLAUSIBLE", "FUTURE_SLACK", "PointFields", "PointNames",
           "cadence_columns", "gather", "iso_stamps", "motion_from_positions", "numbers", "read_times",
           "texts_of", "timed_columns"]
