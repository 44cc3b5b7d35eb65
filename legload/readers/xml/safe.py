"""Safe XML parsing for the GPX and TCX readers, and their reading of a parsed tree.

Parsing refuses what an activity file never needs and an attacker would use: entity
declarations (entity-expansion bombs, external entities), external DTDs and network access.
libxml2's default limits stay on (no ``huge_tree``): a text node over 10 MB or nesting deeper
than 256 levels refuses the document. Whitespace-only text between elements is not kept
(every text the readers use is stripped anyway), which makes the tree smaller and faster to
walk. Two common real-world blemishes are salvaged with a warning: whitespace before the XML
declaration, and documents that are not well-formed (e.g. an undeclared namespace prefix),
which get a second, recovering parse. Plain documents have their track points read from
the bytes by :mod:`legload.readers.xml.scan`; the others are parsed here whole and their
points read element by element (:func:`tree_fields`).

Elements are matched by local name, so GPX 1.0/1.1 with or without a namespace, TCX v2 and
the vendor extensions (Garmin TrackPointExtension v1/v2, ActivityExtension v2, cluetrust
gpxdata, Strava) are read alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from lxml import etree

from legload.errors import ReadError

_BOM = b"\xef\xbb\xbf"
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_EXTERNAL_ID = re.compile(rb"\b(SYSTEM|PUBLIC)\b")
#: libxml2 messages of its resource limits (depth, text size, amplification): never salvaged
_LIMITS = re.compile(
    r"XML_PARSE_HUGE|Resource limit|Excessive depth|amplification|Memory allocation", re.I
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


def numbers(values: Sequence[str | None]) -> np.ndarray:
    """Float array from text values, as ``pandas.to_numeric`` reads them; missing, blank,
    unparseable or non-finite values become NaN.

    A column of plain decimal texts (digits, ``.``, ``e``, signs; no blanks) is read by numpy,
    which rounds as pandas does; anything else, and a negative zero (whose sign pandas drops
    in a column of integers), goes to pandas."""
    out = _plain_numbers(values)
    if out is None:
        series = pd.to_numeric(pd.Series(values, dtype=object), errors="coerce")
        out = np.array(series.to_numpy(dtype=float, na_value=np.nan), dtype=float)
    out[~np.isfinite(out)] = np.nan
    return out


def _plain_numbers(values: Sequence[str | None]) -> np.ndarray | None:
    try:
        joined = "\n".join(values)  # type: ignore[arg-type]  # a None raises TypeError
        plain = not joined.encode("ascii").translate(None, _NUMBER_BYTES)
        out = np.array(values, dtype=float) if plain and all(values) else None
    except (TypeError, UnicodeEncodeError, ValueError):
        return None
    if out is not None and np.signbit(out[out == 0]).any():
        return None
    return out


#: the bytes of the texts that numpy reads as pandas does (and the separator of the check)
_NUMBER_BYTES = b"0123456789.eE+-\n"


class PointFields(NamedTuple):
    """Values of the fields of ``n`` track points, one entry per point.

    Attributes:
        n: number of points.
        texts: stripped text (None where absent or blank) of each text field seen.
        values: floats (NaN where absent, blank or not a finite number) of each other
            field seen, in the order the fields first occur in the file.
    """

    n: int
    texts: dict[str, list[str | None]]
    values: dict[str, np.ndarray]


def tree_fields(points: Sequence[etree._Element], fields: Mapping[str, str], *,
                text_keys: Iterable[str] = ("time",)) -> PointFields:
    """:func:`collect` of ``points``, each field not in ``text_keys`` read by :func:`numbers`."""
    n, texts = collect(points, fields)
    keep = frozenset(text_keys)
    return PointFields(n, {k: v for k, v in texts.items() if k in keep},
                       {k: numbers(v) for k, v in texts.items() if k not in keep})


__all__ = [
    "PointFields",
    "child",
    "child_text",
    "child_texts",
    "collect",
    "contains",
    "find_all",
    "local_name",
    "numbers",
    "parse",
    "parse_prepared",
    "prepare",
    "safe_parser",
    "tree_fields",
]
