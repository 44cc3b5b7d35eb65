"""Safe XML parsing for the GPX and TCX readers, and the steps from points to samples they share.

Parsing refuses what an activity file never needs and an attacker would use: entity
declarations (entity-expansion bombs, external entities), external DTDs and network access.
libxml2's default limits stay on (no ``huge_tree``): a text node over 10 MB or nesting deeper
than 256 levels refuses the document. Whitespace-only text between elements is not kept
(every text the readers use is stripped anyway), which makes the tree smaller and faster to
walk. Two common real-world blemishes are salvaged with a warning: whitespace before the XML
declaration, and documents that are not well-formed (e.g. an undeclared namespace prefix),
which get a second, recovering parse. Plain documents have their track points read from
the bytes by :mod:`legload.readers.xml.scan` after a parse that builds no tree; the others
are parsed here whole, and :mod:`legload.readers.xml.points` reads their points in bulk,
falling back to :func:`collect` for unusual layouts.

Elements are matched by local name, so GPX 1.0/1.1 with or without a namespace, TCX v2 and
the vendor extensions (Garmin TrackPointExtension v1/v2, ActivityExtension v2, cluetrust
gpxdata, Strava) are read alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import numpy as np
import pandas as pd
from lxml import etree

from legload.core.activity import Activity, ActivityColumns, climb_m, haversine_m, naive_utc
from legload.core.sports import FOOT_SPORTS
from legload.errors import ReadError

#: what a reader makes of one part of a file
_Read = TypeVar("_Read", Activity, ActivityColumns)

_BOM = b"\xef\xbb\xbf"
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_EXTERNAL_ID = re.compile(rb"\b(SYSTEM|PUBLIC)\b")
#: libxml2 messages of its resource limits (depth, text size, amplification): never salvaged
_LIMITS = re.compile(
    r"XML_PARSE_HUGE|Resource limit|Excessive depth|amplification|Memory allocation", re.I
)

#: samples timed before this are refused as a clock fault (int32 epoch underflow gives 1901)
EARLIEST_PLAUSIBLE = pd.Timestamp("1990-01-01", tz="UTC")
#: samples timed later than now plus this are refused as a clock fault
FUTURE_SLACK = pd.Timedelta(days=1)

#: sports whose cadence is a step rate (per-foot values are doubled to steps/min)

#: average moving speed (m/s) below which a track of unknown sport is taken as on foot
_FOOT_SPEED_M_S = 2.0
#: climb per distance above which a slow track of unknown sport is a hike rather than a walk
_HIKE_CLIMB_PER_M = 0.08
#: average moving speed (m/s) below which a steep track of unknown sport is taken as a hike
_HIKE_SPEED_M_S = 2.5

_KEYWORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("running", re.compile(r"\b(run|runs|running|jog|jogging|corrida|hardlopen|lauf|laufen)\b")),
    ("cycling", re.compile(r"\b(ride|riding|bike|biking|cycling|fietsen|radfahren|ciclismo)\b")),
    ("hiking", re.compile(r"\b(hike|hiking|trek|trekking|wanderung)\b")),
    ("walking", re.compile(r"\b(walk|walking|wandeling|caminhada|spaziergang)\b")),
    ("swimming", re.compile(r"\b(swim|swimming)\b")),
)


def safe_parser(*, recover: bool = False, target: object = None) -> etree.XMLParser:
    """An lxml parser with the safe settings: no entities resolved, no DTD loaded, no network,
    libxml2's limits on. With ``target``, libxml2 hands its events to it instead of building a
    tree."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_blank_text=True,
        recover=recover,
        target=target,
    )


def parse(
    data: bytes,
    source: str,
    warnings: list[str] | None = None,
    *,
    require: str | None = None,
) -> etree._Element:
    """Parse an XML document safely and return its root element.

    Args:
        data: the whole document.
        source: file name used in messages.
        warnings: list that salvage warnings are appended to (one line each, starting
            with ``source``).
        require: local element name (e.g. ``"trkpt"``) that a *recovered* parse of a
            not-well-formed document must contain to be kept.

    Raises:
        ReadError: empty or non-XML content, entity declarations, an external DTD, or a
            not-well-formed document whose recovery keeps nothing usable.
    """
    sink: list[str] = [] if warnings is None else warnings
    return parse_prepared(prepare(data, source, sink), source, sink, require=require)


def prepare(data: bytes, source: str, warnings: list[str]) -> bytes:
    """The document as the parsers get it: a byte-order mark and whitespace before the XML
    declaration dropped (with a warning), entity declarations and external DTDs refused."""
    data = _strip_prolog(data, source, warnings)
    _refuse_declarations(data, source)
    return data


def parse_prepared(
    data: bytes, source: str, warnings: list[str], *, require: str | None = None
) -> etree._Element:
    """:func:`parse` of a document that :func:`prepare` gave."""
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        root = _recover(data, source, exc, warnings, require)
    _check_docinfo(root, source)
    return root


def _strip_prolog(data: bytes, source: str, warnings: list[str]) -> bytes:
    """Drop a UTF-8 byte-order mark (legal XML) and whitespace before the declaration."""
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    body = data.lstrip(b" \t\r\n")
    if not body:
        raise ReadError(source, "empty file (no XML content)")
    if len(body) != len(data) and body.startswith(b"<?xml"):
        warnings.append(
            f"{source}: whitespace before the XML declaration (not well-formed XML); ignored"
        )
    return body


def _refuse_declarations(data: bytes, source: str) -> None:
    """Refuse entity declarations and external DTDs before libxml2 sees them."""
    if data.find(b"!") == -1:  # no "<!DOCTYPE" then (a quick look for the rarer byte)
        return
    match = _DOCTYPE.search(data)
    if match is None:
        return
    if _ENTITY.search(data, match.start()):
        raise ReadError(
            source, "XML entity declarations are refused (entity expansion or external entity)"
        )
    end = len(data)
    for stop in (b"[", b">"):
        found = data.find(stop, match.end())
        if found != -1:
            end = min(end, found)
    if _EXTERNAL_ID.search(data[match.end() : end]):
        raise ReadError(source, "external DTD references are refused")


def _check_docinfo(root: etree._Element, source: str) -> None:
    """Second line of defence for encodings the byte scan cannot read (e.g. UTF-16)."""
    info = root.getroottree().docinfo
    if info.system_url or info.public_id:
        raise ReadError(source, "external DTD references are refused")
    dtd = info.internalDTD
    if dtd is not None and any(True for _ in dtd.entities()):
        raise ReadError(
            source, "XML entity declarations are refused (entity expansion or external entity)"
        )


def _recover(
    data: bytes, source: str, exc: etree.XMLSyntaxError, warnings: list[str], require: str | None
) -> etree._Element:
    reason = _describe(exc)
    if _LIMITS.search(reason):
        raise ReadError(source, f"refused: the XML exceeds the parser's safety limits ({reason})")
    try:
        root = etree.fromstring(data, safe_parser(recover=True))
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        raise ReadError(source, f"not well-formed XML ({reason})")
    if require is not None and not contains(root, require):
        raise ReadError(
            source, f"not well-formed XML ({reason}); no <{require}> could be recovered"
        )
    warnings.append(
        f"{source}: not well-formed XML ({reason}); kept what a recovering parse could read"
    )
    return root


def _describe(exc: etree.XMLSyntaxError) -> str:
    """The first XML error as ``message at line L, column C`` on one line."""
    message, (line, column) = exc.msg, exc.position
    message = re.sub(r",? line \d+, column \d+.*$", "", " ".join(str(message).split()))
    return f"{message} at line {line}, column {column}"


# --- element access by local name -------------------------------------------------------


def local_name(tag: Any) -> str:
    """Local name of a tag: ``{ns}trkpt`` → ``trkpt``; ``gpxtpx:hr`` (recovered) → ``hr``."""
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2].rpartition(":")[2]


def find_all(root: etree._Element, name: str) -> list[etree._Element]:
    """Every element named ``name`` (any or no namespace) below and including ``root``."""
    found = list(root.iter("{*}" + name))
    if not found:  # a recovered document may keep an undeclared prefix in the tag
        found = [e for e in root.iter(etree.Element) if local_name(e.tag) == name]
    return found


def contains(root: etree._Element, name: str) -> bool:
    """Whether :func:`find_all` would find an element named ``name``; stops at the first."""
    if next(root.iter("{*}" + name), None) is not None:
        return True
    return any(local_name(e.tag) == name for e in root.iter(etree.Element))


def child(element: etree._Element, name: str) -> etree._Element | None:
    """The first direct child named ``name`` (any namespace), or None."""
    for item in element.iterchildren(etree.Element):
        if local_name(item.tag) == name:
            return item
    return None


def child_text(element: etree._Element | None, name: str) -> str | None:
    """Stripped text of the first direct child named ``name``, or None when absent or blank."""
    return None if element is None else _stripped(child(element, name))


def _stripped(item: etree._Element | None) -> str | None:
    """An element's stripped text; None when there is no element or no text but blanks."""
    text = None if item is None else item.text
    return (text.strip() or None) if text is not None else None


def child_texts(element: etree._Element, names: Iterable[str]) -> dict[str, str | None]:
    """:func:`child_text` of each of ``names``, walking the children once."""
    wanted = dict.fromkeys(names)
    found: dict[str, etree._Element] = {}
    for item in element.iterchildren(etree.Element):
        name = local_name(item.tag)
        if name in wanted and name not in found:
            found[name] = item
    return {name: _stripped(found.get(name)) for name in wanted}


def collect(
    points: Iterable[etree._Element], fields: Mapping[str, str]
) -> tuple[int, dict[str, list[str | None]]]:
    """Text of the descendants of each point, by field.

    ``fields`` maps lower-case local names to field keys; the first element of a point
    that maps to a field wins (files like Amazfit's repeat heart rate in two extensions).
    Returns the number of points and, per field seen, a list with one entry per point.
    """
    columns: dict[str, list[str | None]] = {}
    points = list(points)
    n = len(points)
    keys: dict[str, str | None] = {}
    for i, point in enumerate(points):
        for element in point.iter(etree.Element):
            tag = element.tag
            key = keys.get(tag, "")
            if key == "":
                key = keys[tag] = fields.get(local_name(tag).lower())
            if key is None:
                continue
            text = element.text
            if text is None:
                continue
            column = columns.get(key)
            if column is None:
                column = columns[key] = [None] * n
            if column[i] is None:
                text = text.strip()
                if text:
                    column[i] = text
    return n, columns


def numbers(values: list[str | None]) -> np.ndarray:
    """Float array from text values; missing or unparseable values become NaN."""
    series = pd.to_numeric(pd.Series(values, dtype=object), errors="coerce")
    out = np.array(series.to_numpy(dtype=float, na_value=np.nan), dtype=float)
    out[~np.isfinite(out)] = np.nan
    return out


# --- from points to a samples frame -----------------------------------------------------


def timed_columns(
    times: list[str | None] | np.ndarray,
    columns: Mapping[str, np.ndarray],
    source: str,
    warnings: list[str],
    *,
    what: str = "track points",
) -> dict[str, np.ndarray]:
    """Sample columns of the points that carry a plausible time, in file order: ``timestamp``
    (``datetime64[ns]``, UTC, no zone) and each of ``columns`` that has a value.

    ``times`` are ISO 8601 texts (None where absent), or already ``datetime64[ns]`` values
    in UTC (NaT where absent). Points without a (parseable) time are dropped with a warning
    when others have one; points timed before 1990 or more than a day in the future are
    dropped with a warning when others are plausible. Channels without any value are left out.

    Raises:
        ReadError: no points, no timestamps at all, or only implausible ones.
    """
    n = len(times)
    if n == 0:
        raise ReadError(source, f"no {what}")
    stamps = times.astype("M8[ns]", copy=False) if isinstance(times, np.ndarray) else iso_stamps(times)
    timed = ~np.isnat(stamps)
    if not timed.any():
        written = 0 if isinstance(times, np.ndarray) else sum(t is not None for t in times)
        if written:
            example = next(t for t in times if t is not None)
            raise ReadError(
                source, f"no timestamps that can be read ({written} {what}, e.g. {example!r})"
            )
        raise ReadError(source, f"no timestamps (none of the {n} {what} has a time)")
    earliest = EARLIEST_PLAUSIBLE.tz_convert(None).to_datetime64()
    latest = (pd.Timestamp.now(tz="UTC") + FUTURE_SLACK).tz_convert(None).to_datetime64()
    plausible = timed & (stamps >= earliest) & (stamps <= latest)
    if not plausible.any():
        first, last = stamps[timed].min(), stamps[timed].max()
        raise ReadError(
            source,
            f"implausible timestamps: all {int(timed.sum())} {what} are dated "
            f"{_span(first, last)} (before 1990 or in the future); refused",
        )
    if not timed.all():
        warnings.append(
            f"{source}: {int((~timed).sum())} of {n} {what} have no readable time; dropped"
        )
    bad = timed & ~plausible
    if bad.any():
        first, last = stamps[bad].min(), stamps[bad].max()
        warnings.append(
            f"{source}: {int(bad.sum())} of {n} {what} have implausible times "
            f"({_span(first, last)}); dropped"
        )
    everything = bool(plausible.all())
    out = {"timestamp": stamps if everything else stamps[plausible]}
    for name, values in columns.items():
        kept = values if everything else values[plausible]
        if np.isfinite(kept).any():
            out[name] = kept + 0.0  # a negative zero ("-0") reads as zero, whichever parser read it
    return out


def iso_stamps(texts: Iterable[str | None]) -> np.ndarray:
    """``datetime64[ns]`` (UTC, no zone) of ISO 8601 texts as pandas reads them
    (``format="ISO8601"``, naive ones taken as UTC); NaT where absent or unreadable, and where
    the instant lies outside the nanosecond range (years before 1678 or after 2261)."""
    parsed = pd.to_datetime(pd.Series(list(texts), dtype=object), utc=True, format="ISO8601",
                            errors="coerce")
    values = pd.DatetimeIndex(parsed).tz_convert(None).to_numpy()
    if values.dtype == np.dtype("M8[ns]"):
        return values
    unit = values.dtype
    inside = ~np.isnat(values) & (values > _NS_FIRST.astype(unit)) & (values < _NS_LAST.astype(unit))
    out = np.full(len(values), np.datetime64("NaT", "ns"))
    out[inside] = values[inside].astype("M8[ns]")
    return out


#: the nanosecond range, a second inside each end (a coarser unit rounds towards it)
_NS_FIRST = (pd.Timestamp.min + pd.Timedelta(seconds=1)).to_datetime64()
_NS_LAST = (pd.Timestamp.max - pd.Timedelta(seconds=1)).to_datetime64()


def _span(first: np.datetime64, last: np.datetime64) -> str:
    a, b = (pd.Timestamp(t).strftime("%Y-%m-%dT%H:%M:%SZ") for t in (first, last))
    return a if a == b else f"{a} .. {b}"


# --- sport --------------------------------------------------------------------------------


def sport_from_words(*texts: str | None) -> str | None:
    """Sport named in free text (a track type or name such as "Morning Run"), or None."""
    for text in texts:
        if not text:
            continue
        lowered = text.lower().replace("_", " ")
        for sport, pattern in _KEYWORDS:
            if pattern.search(lowered):
                return sport
    return None


def sport_from_motion(samples: pd.DataFrame | Mapping[str, Any]) -> str:
    """``walking`` or ``hiking`` for a slow track of unknown sport, else ``other``.

    A track that climbs more than 40 m per km at an average moving speed below 2.5 m/s
    (9 km/h, counting descents) is a hike; a flatter one below 2.0 m/s (7.2 km/h, faster
    than a brisk walk, slower than almost any run) is a walk. Anything faster stays
    ``other``: running and cycling speeds overlap. This is a fallback for files that name
    no sport at all; a sport the file (or an export's index) names always wins.
    """
    times = naive_utc(samples["timestamp"]) if "timestamp" in samples else np.zeros(0, "M8[ns]")
    if len(times) < 2:
        return "other"
    seconds = np.diff(times) / np.timedelta64(1, "s")
    distance_m = np.asarray(samples["distance_m"], float) if "distance_m" in samples else None
    if distance_m is not None and np.count_nonzero(~np.isnan(distance_m)) >= 2:
        step = np.diff(pd.Series(distance_m).ffill().to_numpy(float))
    elif "lat_deg" in samples and "lon_deg" in samples:
        lat, lon = np.asarray(samples["lat_deg"], float), np.asarray(samples["lon_deg"], float)
        step = haversine_m(lat[:-1], lon[:-1], lat[1:], lon[1:])
    else:
        return "other"
    ok = np.isfinite(step) & np.isfinite(seconds) & (seconds > 0) & (seconds <= 120)
    speed = np.where(ok, step / np.where(seconds > 0, seconds, 1.0), 0.0)
    moving = ok & (speed > 0.3) & (speed < 30.0)
    if moving.sum() < 10:
        return "other"
    distance = float(step[moving].sum())
    mean_speed = distance / float(seconds[moving].sum())
    steep = False
    if "altitude_m" in samples:
        ascent, _ = climb_m(np.asarray(samples["altitude_m"], float))
        steep = distance > 0 and ascent / distance > _HIKE_CLIMB_PER_M
    if steep and mean_speed < _HIKE_SPEED_M_S:
        return "hiking"
    if mean_speed < _FOOT_SPEED_M_S:
        return "walking"
    return "other"


__all__ = [
    "EARLIEST_PLAUSIBLE",
    "FOOT_SPORTS",
    "child",
    "child_text",
    "child_texts",
    "collect",
    "contains",
    "find_all",
    "iso_stamps",
    "local_name",
    "numbers",
    "parse",
    "parse_prepared",
    "prepare",
    "safe_parser",
    "sport_from_motion",
    "sport_from_words",
    "timed_columns",
]


def gather(parts: list, read_one: Callable[[Any], _Read], source: str,
           file_warnings: list[str], label: str) -> list[_Read]:
    """Read each part of a file (a GPX track, a TCX activity) into an Activity (or its columns).

    A part that cannot be read is skipped with a note on the others; when none can be read,
    the first part's ReadError is raised. File-level warnings go first on every activity.
    """
    activities: list[_Read] = []
    skipped: list[tuple[int, ReadError]] = []
    for index, part in enumerate(parts):
        try:
            activity = read_one(part)
        except ReadError as exc:
            skipped.append((index, exc))
            continue
        activity.index = index
        activities.append(activity)
    if not activities:
        raise skipped[0][1]
    notes = [f"{source}: {label} {i + 1} skipped ({exc.problem})" for i, exc in skipped]
    for activity in activities:
        activity.warnings[:0] = file_warnings
        activity.warnings.extend(notes)
    return activities
