"""Safe XML parsing for the GPX and TCX readers, and their reading of a parsed tree (the tree
route). Entity declarations, external DTDs and network access are refused; libxml2's limits
stay on (texts over 10 MB, nesting over 256 levels). Whitespace before the XML declaration and
documents that are not well-formed (salvaged by a recovering parse) get a warning. Elements are
matched by local name: GPX 1.0/1.1 with or without a namespace, TCX v2, vendor extensions."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
from lxml import etree

from legload.errors import ReadError
from legload.readers.xml.samples import PointFields, PointNames, numbers, read_times

_BOM = b"\xef\xbb\xbf"
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_EXTERNAL_ID = re.compile(rb"\b(SYSTEM|PUBLIC)\b")
#: libxml2 messages of its resource limits (depth, text size, amplification): never salvaged
_LIMITS = re.compile(r"(?i)XML_PARSE_HUGE|Resource limit|Excessive depth|amplification|Memory allocation")
_ENTITIES = "XML entity declarations are refused (entity expansion or external entity)"


def safe_parser(*, recover: bool = False, target: object = None) -> etree.XMLParser:
    """An lxml parser with the safe settings; with ``target``, libxml2 builds no tree."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, remove_blank_text=True, recover=recover,
                           target=target)


def parse(data: bytes, source: str, warnings: list[str] | None = None, *,
          require: str | None = None) -> etree._Element:
    """The root element of a document parsed safely (``source`` names it in messages; salvage
    warnings go to ``warnings``); a recovered parse is kept only with a ``require`` element.
    ReadError: empty, entities, an external DTD, or not well-formed with nothing recovered."""
    sink: list[str] = [] if warnings is None else warnings
    return parse_prepared(prepare(data, source, sink), source, sink, require=require)


def prepare(data: bytes, source: str, warnings: list[str]) -> bytes:
    """The document without a byte-order mark or whitespace before the XML declaration (with
    a warning); entity declarations and external DTDs refused."""
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    body = data.lstrip(b" \t\r\n")
    if not body:
        raise ReadError(source, "empty file (no XML content)")
    if len(body) != len(data) and body.startswith(b"<?xml"):
        warnings.append(f"{source}: whitespace before the XML declaration (not well-formed XML); ignored")
    _refuse_declarations(body, source)
    return body


def parse_prepared(data: bytes, source: str, warnings: list[str], *,
                   require: str | None = None) -> etree._Element:
    """:func:`parse` of a document that :func:`prepare` gave."""
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        root = _recover(data, source, exc, warnings, require)
    _check_docinfo(root, source)
    return root


def _refuse_declarations(data: bytes, source: str) -> None:
    """Refuse entity declarations and external DTDs before libxml2 sees them."""
    match = _DOCTYPE.search(data) if data.find(b"!") != -1 else None  # a quick look for "!" first
    if match is None:
        return
    if _ENTITY.search(data, match.start()):
        raise ReadError(source, _ENTITIES)
    end = min([at for at in (data.find(b"[", match.end()), data.find(b">", match.end())) if at >= 0],
              default=len(data))
    if _EXTERNAL_ID.search(data[match.end() : end]):
        raise ReadError(source, "external DTD references are refused")


def _check_docinfo(root: etree._Element, source: str) -> None:
    """Second line of defence for encodings the byte scan cannot read (e.g. UTF-16)."""
    info = root.getroottree().docinfo
    if info.system_url or info.public_id:
        raise ReadError(source, "external DTD references are refused")
    if info.internalDTD is not None and any(True for _ in info.internalDTD.entities()):
        raise ReadError(source, _ENTITIES)


def _recover(data: bytes, source: str, exc: etree.XMLSyntaxError, warnings: list[str],
             require: str | None) -> etree._Element:
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
        raise ReadError(source, f"not well-formed XML ({reason}); no <{require}> could be recovered")
    warnings.append(f"{source}: not well-formed XML ({reason}); kept what a recovering parse could read")
    return root


def _describe(exc: etree.XMLSyntaxError) -> str:
    """The first XML error as ``message at line L, column C`` on one line."""
    message, (line, column) = exc.msg, exc.position
    message = re.sub(r",? line \d+, column \d+.*$", "", " ".join(str(message).split()))
    return f"{message} at line {line}, column {column}"


def local_name(tag: Any) -> str:
    """Local name of a tag: ``{ns}trkpt`` → ``trkpt``; ``gpxtpx:hr`` (recovered) → ``hr``."""
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2].rpartition(":")[2]


def find_all(root: etree._Element, name: str, *, first: bool = False) -> list[etree._Element]:
    """Every element named ``name`` (any or no namespace) below and including ``root``; with
    ``first``, at most the first. A recovered document may keep an undeclared prefix in a tag."""
    found = list(itertools.islice(root.iter("{*}" + name), 1 if first else None))
    named = (e for e in root.iter(etree.Element) if local_name(e.tag) == name)
    return found or list(itertools.islice(named, 1 if first else None))


def contains(root: etree._Element, name: str) -> bool:
    """Whether :func:`find_all` would find an element named ``name``; stops at the first."""
    return bool(find_all(root, name, first=True))


def child(element: etree._Element | None, name: str) -> etree._Element | None:
    """The first direct child named ``name`` (any namespace), or None."""
    children = () if element is None else element.iterchildren(etree.Element)
    return next((item for item in children if local_name(item.tag) == name), None)


def child_text(element: etree._Element | None, name: str) -> str | None:
    """Stripped text of the first direct child named ``name``, or None when absent or blank."""
    found = child(element, name)
    return None if found is None or found.text is None else (found.text.strip() or None)


def tree_fields(points: Sequence[etree._Element], names: PointNames) -> PointFields:
    """Fields of ``points`` from their attributes and descendants' texts; a point's first
    non-blank element of a field wins (Amazfit repeats heart rate in two extensions)."""
    n, keys, columns = len(points), {}, {}
    for i, point in enumerate(points):
        for element in point.iter(etree.Element):
            if element.tag not in keys:
                keys[element.tag] = names.fields.get(local_name(element.tag).lower())
            if (key := keys[element.tag]) is None or element.text is None:
                continue
            column = columns.get(key) or columns.setdefault(key, [None] * n)
            if column[i] is None:
                column[i] = element.text.strip() or None
    values = {key: numbers([p.get(name) for p in points]) for name, key in names.attributes.items()}
    values.update((k, numbers(v)) for k, v in columns.items() if k != "time")
    times = columns.get("time", [None] * n)
    return PointFields(n, *read_times(n, np.arange(n), times), values)


__all__ = ["child", "child_text", "contains", "find_all",
           "local_name", "parse", "parse_prepared", "prepare", "safe_parser",
           "tree_fields"]
