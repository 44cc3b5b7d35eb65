"""Track points read straight from the bytes of a document that libxml2 checked first.

Building an lxml tree of every element of every track point, and walking it, is most of
the cost of reading a GPX or TCX file. For plain documents this module avoids both:

1. **The gate.** libxml2 parses the whole document with the same safe settings as
   :func:`~legload.readers.xml.safe.parse` (no entities, no DTD, no network) but into a parser
   target without callbacks, so it checks well-formedness without building a tree. A
   document it refuses, or only complains about (an undeclared prefix), goes the tree route,
   with its salvage and its messages. libxml2 applies its limits on text size and depth only
   when it builds a tree, so the scan gives up well below them and the tree parser decides.
   libxml2 releases the GIL while it reads, so where a second CPU is free the gate runs in a
   thread beside the scan (:mod:`legload.readers.xml.gate`); the scan takes any bytes, and is
   used only once the gate has passed the document.
2. **The scan.** :func:`legload.readers.xml.tags.tags` finds every tag and its name in the
   bytes (comments, CDATA sections and processing instructions outside the points are set
   aside; a DOCTYPE, a ``>`` in text or attributes gives up). Each distinct name is looked
   up once by local name (after the last ``:``, so any prefix or namespace matches, as
   :func:`~legload.readers.xml.safe.find_all` matches). Running counts of tags give each
   element's depth and the point it lies in. A field element's text is the bytes between its
   start tag's ``>`` and the next ``<``: the element's ``text`` in a tree but for line ends,
   which the tree gives as LF (numbers and times read the same either way; texts quoted in
   messages are converted); numbers and times are parsed in bulk by
   :mod:`legload.readers.xml.values`, times a field at a time, numbers of fields with texts of
   similar widths together.
3. **The skeleton.** The document with the content of every point removed (the point's own
   start and end tags, with their attributes, stay; or, for readers that need nothing of a
   point but its fields, each run of adjacent points becomes one empty point) is parsed into
   a small tree, again with the safe settings. The readers take everything else (tracks,
   laps, names, sport, the points' ``lat``/``lon`` attributes) from it as from the whole tree.

Whenever a document is not plain in this sense (another encoding than UTF-8/ASCII, an
entity or character reference or a comment in a point, points at different depths, an
element the reader searches for (a track, an activity) inside a point, an ``xml:id``
attribute (checked by libxml2 only when it builds a tree), a name longer than 31 bytes,
nesting or text near libxml2's limits, a document over 64 MiB), the readers parse the whole
tree instead; both routes give the same activities, which the tests check on every real file
and on generated documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
from lxml import etree

from legload.errors import ReadError
from legload.readers.xml.gate import Gate
from legload.readers.xml.points import PointFields
from legload.readers.xml.safe import find_all, parse_prepared, prepare
from legload.readers.xml.tags import tags
from legload.readers.xml.values import decimal_columns, iso_times

_ENCODING = re.compile(rb"""^<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_ENCODINGS = frozenset({b"UTF-8", b"UTF8", b"US-ASCII", b"ASCII"})
#: deepest nesting the scan reads: well below libxml2's limit on a tree (256 levels), which a
#: parse without a tree does not apply
_DEEPEST = 128
#: largest document scanned (bytes): larger ones are parsed whole, as before the scan existed,
#: which bounds the scan's arrays (libxml2 enforces its limits on a tree only)
_LARGEST = 64 << 20
#: code of a name the reader searches for in the tree
_SEARCHED = -2
_AMP = 38


class PointScan:
    """The field elements of every track point of a document, found in its bytes.

    Attributes:
        skeleton: the document without the content of its points. Each point stays as an
            empty element, or, when the points were merged, each run of adjacent points
            becomes one empty element: the first point's start tag.
    """

    def __init__(self, data: bytes, skeleton: bytes, sizes: np.ndarray, codes: np.ndarray,
                 owner: np.ndarray, starts: np.ndarray, stops: np.ndarray,
                 keys: list[str | None]) -> None:
        self.skeleton = skeleton
        self._offsets = np.concatenate([[0], np.cumsum(sizes)])  # first point of each element
        self._arr = np.frombuffer(data, np.uint8)
        self._data = data
        self._codes = codes
        self._owner = owner
        self._starts = starts
        self._stops = stops
        self._keys = keys
        self._points: list[etree._Element] = []
        self._index: dict[int, int] | None = None
        self._next = 0

    def bind(self, points: list[etree._Element]) -> bool:
        """Attach the skeleton's point elements (every one, in document order); False when
        they are not the elements the scan left."""
        self._points = points
        return len(points) == len(self._offsets) - 1

    def fields_of(self, points: Sequence[etree._Element], *,
                  text_keys: Iterable[str] = ("time",)) -> PointFields:
        """Fields of the points that ``points`` (skeleton point elements in document order, as
        ``find_all`` gives them for one track) stand for. Times come as ``datetime64[ns]``
        (UTC) when every one reads."""
        count = len(points)
        first = self._next
        if count and (first >= len(self._points) or self._points[first] is not points[0]):
            first = self._ordinal(points[0])
        last = first + count - 1
        offsets = self._offsets
        if count and last < len(self._points) and self._points[last] is points[-1]:
            self._next = last + 1
            begin, end = int(offsets[first]), int(offsets[last + 1])
            lo, hi = np.searchsorted(self._owner, [begin, end])
            picked = np.arange(lo, hi)
            owner = self._owner[lo:hi] - begin
            n = end - begin
        else:  # not one run of the document's points (never for one subtree's points)
            elements = np.array([self._ordinal(p) for p in points], dtype=np.int64)
            if (np.diff(elements) <= 0).any():
                raise ValueError("points must be distinct and in document order")
            ordinals = np.concatenate([np.arange(offsets[e], offsets[e + 1]) for e in elements]
                                      or [np.zeros(0, np.int64)])
            n = len(ordinals)
            where = np.full(int(offsets[-1]) + 1, -1)
            where[ordinals] = np.arange(n)
            picked = np.flatnonzero(where[self._owner] >= 0)
            owner = where[self._owner[picked]]
        return self._assemble(n, self._codes[picked], owner, self._starts[picked],
                              self._stops[picked], frozenset(text_keys))

    def _ordinal(self, point: etree._Element) -> int:
        if self._index is None:
            self._index = {id(p): i for i, p in enumerate(self._points)}
        return self._index[id(point)]

    def _assemble(self, n: int, codes: np.ndarray, owner: np.ndarray, starts: np.ndarray,
                  stops: np.ndarray, text_keys: frozenset[str]) -> PointFields:
        # the field elements grouped by field, each group in document order (a radix sort)
        grouped = np.argsort(codes, kind="stable")
        sorted_codes, sorted_owner = codes[grouped], owner[grouped]
        bounds = np.searchsorted(sorted_codes, np.arange(len(self._keys) + 1)).tolist()
        present = [code for code in range(len(self._keys)) if bounds[code + 1] > bounds[code]]
        order = sorted(present, key=lambda code: grouped[bounds[code]])  # the fields as first met
        twice = (sorted_codes[1:] == sorted_codes[:-1]) & (sorted_owner[1:] == sorted_owner[:-1])
        texts: dict[str, list[str | None] | np.ndarray] = {}
        numeric: list[tuple[str, np.ndarray, np.ndarray]] = []  # key, texts, their points
        for code in order:
            lo, hi = bounds[code], bounds[code + 1]
            spots, own = grouped[lo:hi], sorted_owner[lo:hi]
            if twice[lo : hi - 1].any():
                # a point with several such elements: the first with non-blank text wins (a
                # point's only element reads the same whether its text is blank or not)
                written = self._written(starts[spots], stops[spots])
                spots, own = spots[written], own[written]
                lead = np.ones(len(own), dtype=bool)
                lead[1:] = own[1:] != own[:-1]
                spots, own = spots[lead], own[lead]
            key = self._keys[code]
            if key in text_keys:
                texts[key] = self._times(n, starts[spots], stops[spots], own)  # type: ignore[index]
            else:
                numeric.append((key, spots, own))  # type: ignore[arg-type]
        values: dict[str, np.ndarray] = {}
        read = decimal_columns(self._arr, [(starts[spots], stops[spots]) for _, spots, _ in numeric])
        for (key, _, own), found in zip(numeric, read, strict=True):
            column = np.full(n, np.nan)
            column[own] = found
            values[key] = column
        return PointFields(n, texts, values)  # type: ignore[arg-type]

    def _written(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Which of the texts ``a[i] : b[i]`` are not blank (as ``str.strip`` sees blanks)."""
        arr = self._arr
        filled = b > a
        head = arr[np.where(filled, a, 0)]
        tail = arr[np.where(filled, b - 1, 0)]
        sure = filled & (head > 32) & (head < 127) & (tail > 32) & (tail < 127)
        unsure = np.flatnonzero(filled & ~sure)
        if len(unsure):  # leading/trailing blanks or non-ASCII: str.strip decides, as the tree route
            data = self._data
            sure[unsure] = [bool(data[i:j].decode("utf-8").strip())
                            for i, j in zip(a[unsure].tolist(), b[unsure].tolist(), strict=True)]
        return sure

    def _times(self, n: int, a: np.ndarray, b: np.ndarray,
               own: np.ndarray) -> list[str | None] | np.ndarray:
        stamps = iso_times(self._arr, a, b)
        if np.isnat(stamps).any():  # unreadable ones: the texts, for the tree route's messages
            out: list[str | None] = [None] * n
            data = self._data
            for i, j, k in zip(a.tolist(), b.tolist(), own.tolist(), strict=True):
                out[k] = _line_ends(data[i:j].decode("utf-8")).strip() or None
            return out
        column = np.full(n, np.datetime64("NaT", "ns"))
        column[own] = stamps
        return column


def parse_scanned(
    data: bytes, source: str, warnings: list[str], *, point_name: str, fields: Mapping[str, str],
    searched: Iterable[str] = (), merge: bool = False,
) -> tuple[etree._Element, PointScan | None]:
    """The root of a document's tree, and the scan of its points when the document is plain.

    With a scan, the root is that of the skeleton (the points are there, empty, or with
    ``merge`` one empty point per run of adjacent points, for readers that need nothing of
    the points but their fields) and the points' fields come from
    :meth:`PointScan.fields_of`; without one, it is the whole tree that
    :func:`~legload.readers.xml.safe.parse` gives, with its salvage and messages.

    Raises:
        ReadError: as :func:`~legload.readers.xml.safe.parse`.
    """
    body = prepare(data, source, warnings)
    gate = Gate(body)  # beside the scan, which takes any bytes and is kept only if it passes
    try:
        scan = scan_points(body, point_name, fields, searched=searched, merge=merge)
    finally:
        passed = gate.passed()
    if passed and scan is not None:
        salvaged: list[str] = []
        try:
            root = parse_prepared(scan.skeleton, source, salvaged)
        except ReadError:
            root = None
        if root is not None and not salvaged and scan.bind(find_all(root, point_name)):
            return root, scan
    return parse_prepared(body, source, warnings, require=point_name), None


def scan_points(data: bytes, point_name: str, fields: Mapping[str, str], *,
                searched: Iterable[str] = (), merge: bool = False) -> PointScan | None:
    """Scan of a document's points, or None when the document is not plain.

    Any bytes may come: for a document that is not well-formed the result is None or a scan
    that means nothing, which :func:`parse_scanned` keeps only when
    :func:`~legload.readers.xml.gate.well_formed` accepts the document (the two run side by
    side).

    Args:
        data: the document.
        point_name: local name of a point (``trkpt``, ``Trackpoint``).
        fields: lower-case local names of point descendants → field key.
        searched: local names the reader looks for anywhere in the tree (``trk``,
            ``Activity``): one inside a point would vanish with the point's content, so the
            document goes the tree route.
        merge: leave one empty point per run of adjacent points in the skeleton (a run: each
            point starts right after the one before ends, with nothing but text, comments or
            processing instructions between, which the skeleton drops).
    """
    if point_name.lower() in fields or b"\0" in data or len(data) > _LARGEST:
        return None
    declared = _ENCODING.match(data)
    if declared is not None and declared.group(1).upper() not in _ENCODINGS:
        return None
    found = tags(data)
    if found is None:
        return None
    opens, closes, closing, self_closing = found.marks[:4]
    table = _codes(found.names, point_name, fields, frozenset(searched))
    if table is None:
        return None
    name_codes, keys = table
    arr = np.frombuffer(data, np.uint8)
    step = 1 - 2 * closing.view(np.int8) - self_closing.view(np.int8)
    depth = np.cumsum(step, dtype=np.int32)  # after each tag
    if depth.min() < 0 or depth[-1] != 0 or depth.max() > _DEEPEST:
        return None  # not well-formed, or near libxml2's depth limit: the tree parser decides
    start_at = np.flatnonzero(~closing)
    start_codes = name_codes[found.inverse]
    point_at = start_at[start_codes == 0]
    if len(point_at) == 0:
        return None
    level = depth[point_at] - step[point_at]  # depth of the points' parents
    if (level != level[0]).any():
        return None  # points at different depths, e.g. points inside points
    at_level = np.flatnonzero(depth <= level[0])
    point_end = at_level[np.searchsorted(at_level, point_at)]  # each point's end (or itself)
    searched_at = start_at[start_codes == _SEARCHED]
    if len(searched_at):
        holder = np.searchsorted(point_at, searched_at, side="right") - 1
        if ((holder >= 0) & (searched_at < point_end[np.maximum(holder, 0)])).any():
            return None  # an element the reader looks for, inside a point
    field = start_codes > 0
    at = start_at[field]
    owner = np.searchsorted(point_at, at, side="right") - 1
    inside = (owner >= 0) & (at < point_end[np.maximum(owner, 0)])
    field_codes = start_codes[field]
    if not inside.all():  # fields outside any point
        at, owner, field_codes = at[inside], owner[inside], field_codes[inside]
    starts = closes[at] + 1
    stops = np.where(self_closing[at], starts, opens[np.minimum(at + 1, len(opens) - 1)])
    if b"&" in data:
        amps = np.flatnonzero(arr == _AMP)
        if (np.searchsorted(amps, stops) != np.searchsorted(amps, starts)).any():
            return None  # an entity or character reference in a field's text
    filled = ~self_closing[point_at]
    cuts, resumes = closes[point_at[filled]] + 1, opens[point_end[filled]]
    regions = found.marks.regions
    if len(regions) and len(cuts):
        k = np.searchsorted(cuts, regions, side="right") - 1
        if ((k >= 0) & (regions < resumes[np.maximum(k, 0)])).any():
            return None  # a comment, CDATA section or processing instruction inside a point
    if merge:
        adjacent = point_at[1:] == point_end[:-1] + 1
        first = np.flatnonzero(np.r_[True, ~adjacent])  # the first point of each run
        last = np.r_[first[1:] - 1, len(point_at) - 1]
        sizes = last - first + 1
        head = point_at[first]
        marks = [data[a : b + 1] if closed else data[a:b] + b"/>" for a, b, closed in zip(
            opens[head].tolist(), closes[head].tolist(), self_closing[head].tolist(), strict=True)]
        skeleton = _without(data, opens[head], closes[point_end[last]] + 1, marks)
    else:
        sizes = np.ones(len(point_at), np.int64)
        skeleton = _without(data, cuts, resumes)
    return PointScan(data, skeleton, sizes, field_codes.astype(np.int8), owner, starts, stops,
                     keys)


# --- internals ------------------------------------------------------------------------------


def _codes(names: list[bytes], point_name: str, fields: Mapping[str, str],
           searched: frozenset[str]) -> tuple[np.ndarray, list[str | None]] | None:
    """Code of each distinct name (0 a point, ``c > 0`` field ``keys[c]``, ``_SEARCHED`` a
    searched name, -1 anything else)."""
    keys: list[str | None] = [None]
    codes = np.full(len(names), -1, np.int8)
    for i, raw in enumerate(names):
        try:
            name = raw.decode("utf-8")
        except UnicodeDecodeError:
            return None
        local = name.rpartition(":")[2]
        if local == point_name:
            codes[i] = 0
            continue
        if local in searched:
            codes[i] = _SEARCHED
            continue
        key = fields.get(local.lower())
        if key is not None:
            if key not in keys:
                keys.append(key)
            codes[i] = keys.index(key)
    return codes, keys


def _line_ends(text: str) -> str:
    """Line ends as libxml2 reports them in a tree: CR LF and a lone CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _without(data: bytes, cuts: np.ndarray, resumes: np.ndarray,
             marks: list[bytes] | None = None) -> bytes:
    """``data`` with the ranges ``cuts[i] : resumes[i]`` (ascending, disjoint) removed, or
    replaced by ``marks[i]``."""
    edges = np.empty(2 * len(cuts) + 2, np.int64)
    edges[0], edges[-1] = 0, len(data)
    edges[1:-1:2], edges[2:-1:2] = cuts, resumes
    bounds = edges.tolist()
    kept = map(data.__getitem__, map(slice, bounds[0::2], bounds[1::2]))
    if marks is None:
        return b"".join(kept)
    return b"".join(part for pair in zip(kept, [*marks, b""], strict=True) for part in pair)


__all__ = ["PointScan", "parse_scanned", "scan_points"]
