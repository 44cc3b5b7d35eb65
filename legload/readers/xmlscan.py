"""Track points read straight from the bytes of a document that libxml2 checked first.

Building an lxml tree of every element of every track point, and walking it, is most of
the cost of reading a GPX or TCX file. For plain documents this module avoids both:

1. **The gate.** libxml2 parses the whole document with the same safe settings as
   :func:`~legload.readers.xmlsafe.parse` (no entities, no DTD, no network, its limits on) but
   into a parser target without callbacks, so it checks well-formedness without building a
   tree. A document it refuses goes the tree route, with its salvage and its messages.
2. **The scan.** In a well-formed document without comments, CDATA sections, DOCTYPE or
   processing instructions (besides the XML declaration), and without ``>`` in text or
   attribute values, every ``<`` starts a tag and the ``n``-th ``>`` ends the ``n``-th tag.
   The name of each tag is read from a fixed window of bytes after its ``<``; equal names are
   grouped by a hash of the window and each group is checked byte for byte against its
   first member, then each distinct name is looked up once by local name (after the last
   ``:``, so any prefix or namespace matches, as :func:`~legload.readers.xmlsafe.find_all`
   matches). Running counts of tags give each element's depth and the point it lies in.
   A field element's text is the bytes between its start tag's ``>`` and the next ``<``,
   exactly the element's ``text`` in a tree; numbers and times are parsed in bulk by
   :mod:`legload.readers.xmlvalues`.
3. **The skeleton.** The document with the content of every point removed (the point's own
   start and end tags, with their attributes, stay) is parsed into a small tree, again with
   the safe settings. The readers take everything else (tracks, laps, names, sport, the
   points' ``lat``/``lon`` attributes) from it as from the whole tree.

Whenever a document is not plain in this sense (another encoding than UTF-8/ASCII, an
entity or character reference in a point's text, points at different depths, a name longer
than the window), the readers parse the whole tree instead; both routes give the same
activities, which the tests check on every real file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

import numpy as np
from lxml import etree
from numpy.lib.stride_tricks import sliding_window_view

from legload.errors import ReadError
from legload.readers.xmlpoints import PointFields
from legload.readers.xmlsafe import find_all, parse_prepared, prepare
from legload.readers.xmlvalues import decimals, iso_times

#: bytes of the window read after each ``<``: a longer qualified name gives up the scan
_WINDOW = 32
_ENCODING = re.compile(rb"""^<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_ENCODINGS = frozenset({b"UTF-8", b"UTF8", b"US-ASCII", b"ASCII"})
#: longest tag, text or comment (bytes) and deepest nesting the scan reads: well below
#: libxml2's limits on a tree (10 MB, 256 levels), which a parse without a tree does not apply
_LONGEST = 1_000_000
_DEEPEST = 128
#: multiplier of the window hash (odd, so no information is lost per step)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_LT, _GT, _SLASH, _BANG, _QUERY, _AMP = 60, 62, 47, 33, 63, 38


class _NoTree:
    """A parser target without callbacks: libxml2 checks the document and builds nothing."""

    def close(self) -> None:
        return None


def _gate_parser() -> etree.XMLParser:
    return etree.XMLParser(target=_NoTree(), resolve_entities=False, no_network=True,
                           load_dtd=False, huge_tree=False)


def well_formed(data: bytes) -> bool:
    """Whether libxml2, with the safe settings, accepts ``data`` without a word of complaint
    (no tree is built). Errors it only logs, such as an undeclared namespace prefix, count:
    the tree parser refuses those documents."""
    parser = _gate_parser()
    try:
        etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return False
    return len(parser.error_log) == 0


class PointScan:
    """The field elements of every track point of a document, found in its bytes.

    Attributes:
        skeleton: the document without the content of its points.
    """

    def __init__(self, data: bytes, skeleton: bytes, count: int, codes: np.ndarray,
                 owner: np.ndarray, starts: np.ndarray, stops: np.ndarray,
                 keys: list[str | None]) -> None:
        self.skeleton = skeleton
        self.count = count
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
        """Attach the skeleton's points (every one, in document order); False when they are
        not the points the scan found."""
        self._points = points
        return len(points) == self.count

    def fields_of(self, points: Sequence[etree._Element], *,
                  text_keys: Iterable[str] = ("time",)) -> PointFields:
        """Fields of ``points``: skeleton points in document order, as ``find_all`` gives
        them for one track. Times come as ``datetime64[ns]`` (UTC) when every one reads."""
        n = len(points)
        first = self._next
        if n and (first >= len(self._points) or self._points[first] is not points[0]):
            first = self._ordinal(points[0])
        last = first + n - 1
        if n and last < len(self._points) and self._points[last] is points[-1]:
            self._next = last + 1
            lo, hi = np.searchsorted(self._owner, [first, first + n])
            picked = np.arange(lo, hi)
            owner = self._owner[lo:hi] - first
        else:  # not one run of the document's points (never for one subtree's points)
            where = np.full(len(self._points) + 1, -1)
            ordinals = np.array([self._ordinal(p) for p in points], dtype=np.int64)
            if (np.diff(ordinals) <= 0).any():
                raise ValueError("points must be distinct and in document order")
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
        present, first_at = np.unique(codes, return_index=True)
        texts: dict[str, list[str | None] | np.ndarray] = {}
        values: dict[str, np.ndarray] = {}
        for code in present[np.argsort(first_at)].tolist():
            key = self._keys[code]
            spots = np.flatnonzero(codes == code)
            a, b, own = self._first_written(starts[spots], stops[spots], owner[spots])
            if key in text_keys:
                texts[key] = self._times(n, a, b, own)
                continue
            column = np.full(n, np.nan)
            column[own] = decimals(self._arr, a, b)
            values[key] = column
        return PointFields(n, texts, values)  # type: ignore[arg-type]

    def _first_written(self, a: np.ndarray, b: np.ndarray,
                       own: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The first element with non-blank text of each point (ranges and owners)."""
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
        a, b, own = a[sure], b[sure], own[sure]
        if len(own) > 1:
            lead = np.r_[True, own[1:] != own[:-1]]
            if not lead.all():
                a, b, own = a[lead], b[lead], own[lead]
        return a, b, own

    def _times(self, n: int, a: np.ndarray, b: np.ndarray,
               own: np.ndarray) -> list[str | None] | np.ndarray:
        stamps = iso_times(self._arr, a, b)
        if np.isnat(stamps).any():  # unreadable ones: the texts, for the tree route's messages
            out: list[str | None] = [None] * n
            data = self._data
            for i, j, k in zip(a.tolist(), b.tolist(), own.tolist(), strict=True):
                out[k] = data[i:j].decode("utf-8").strip()
            return out
        column = np.full(n, np.datetime64("NaT", "ns"))
        column[own] = stamps
        return column


def parse_scanned(
    data: bytes, source: str, warnings: list[str], *, point_name: str, fields: Mapping[str, str]
) -> tuple[etree._Element, PointScan | None]:
    """The root of a document's tree, and the scan of its points when the document is plain.

    With a scan, the root is that of the skeleton (the points are there, empty) and the
    points' fields come from :meth:`PointScan.fields_of`; without one, it is the whole tree
    that :func:`~legload.readers.xmlsafe.parse` gives, with its salvage and messages.

    Raises:
        ReadError: as :func:`~legload.readers.xmlsafe.parse`.
    """
    body = prepare(data, source, warnings)
    if well_formed(body):
        scan = scan_points(body, point_name, fields)
        if scan is not None:
            salvaged: list[str] = []
            try:
                root = parse_prepared(scan.skeleton, source, salvaged)
            except ReadError:
                root = None
            if root is not None and not salvaged and scan.bind(find_all(root, point_name)):
                return root, scan
    return parse_prepared(body, source, warnings, require=point_name), None


def scan_points(data: bytes, point_name: str, fields: Mapping[str, str]) -> PointScan | None:
    """Scan of a well-formed document's points, or None when the document is not plain.

    Args:
        data: the document, which :func:`well_formed` accepted.
        point_name: local name of a point (``trkpt``, ``Trackpoint``).
        fields: lower-case local names of point descendants → field key.
    """
    if point_name.lower() in fields or b"\0" in data:
        return None
    declared = _ENCODING.match(data)
    if declared is not None and declared.group(1).upper() not in _ENCODINGS:
        return None
    found = _tags(data)
    if found is None:
        return None
    opens, closes, closing = found.opens, found.closes, found.closing
    table = _codes(found.windows, found.lengths, found.first, point_name, fields)
    if table is None:
        return None
    name_codes, keys = table
    arr = np.frombuffer(data, np.uint8)
    self_closing = arr[closes - 1] == _SLASH
    step = np.where(closing, -1, np.where(self_closing, 0, 1))
    depth = np.cumsum(step)  # after each tag
    if depth.max() > _DEEPEST:
        return None  # near libxml2's depth limit: the tree parser decides
    codes = np.full(len(opens), -1, np.int64)
    codes[~closing] = name_codes[found.inverse]
    point_at = np.flatnonzero(codes == 0)
    if len(point_at) == 0:
        return None
    level = depth[point_at] - step[point_at]  # depth of the points' parents
    if (level != level[0]).any():
        return None  # points at different depths, e.g. points inside points
    position = np.arange(len(opens))
    at_level = depth <= level[0]
    last_point = np.maximum.accumulate(np.where(codes == 0, position, -1))
    last_out = np.maximum.accumulate(np.where(at_level, position, -1))
    at = np.flatnonzero((codes > 0) & (last_point > last_out))
    owner = np.cumsum(codes == 0)[at] - 1
    starts = closes[at] + 1
    stops = np.where(self_closing[at], starts, opens[np.minimum(at + 1, len(opens) - 1)])
    if b"&" in data:
        amps = np.flatnonzero(arr == _AMP)
        if (np.searchsorted(amps, stops) != np.searchsorted(amps, starts)).any():
            return None  # an entity or character reference in a field's text
    filled = point_at[~self_closing[point_at]]
    ends = np.flatnonzero(at_level)
    ends = ends[np.searchsorted(ends, filled, side="right")]  # each point's end tag
    cuts, resumes = closes[filled] + 1, opens[ends]
    regions = found.regions
    if len(regions) and len(_outside(regions, cuts, resumes)) != len(regions):
        return None  # a comment, CDATA section or processing instruction inside a point
    skeleton = _without(data, cuts, resumes)
    return PointScan(data, skeleton, len(point_at), codes[at].astype(np.int8), owner,
                     starts, stops, keys)


# --- internals ------------------------------------------------------------------------------


class _Tags(NamedTuple):
    opens: np.ndarray  # position of each tag's "<"
    closes: np.ndarray  # position of each tag's ">"
    closing: np.ndarray  # whether each tag is an end tag
    first: np.ndarray  # a start tag of each distinct name
    inverse: np.ndarray  # the distinct name of each start tag
    windows: np.ndarray  # the name of each start tag, zero-padded
    lengths: np.ndarray  # the length of each start tag's name
    regions: np.ndarray  # where each comment, CDATA section, processing instruction starts


def _tags(data: bytes) -> _Tags | None:
    """Positions of every tag's ``<`` and ``>``, which tags are end tags, the start tags'
    names grouped (first member, group of each, name windows, name lengths), and where the
    comments, CDATA sections and processing instructions start and end; None when the
    document holds a DOCTYPE, more than a few of those, or a ``>`` in text or attributes."""
    regions = _regions(data)
    if regions is None:
        return None
    size = len(data)
    padded = np.frombuffer(data + bytes(_WINDOW), np.uint8)
    body = padded[:size]
    opens = np.flatnonzero(body == _LT)
    closes = np.flatnonzero(body == _GT)
    if len(regions[0]):
        opens, closes = _outside(opens, *regions), _outside(closes, *regions)
    if len(opens) < 2 or len(opens) != len(closes):
        return None
    if (closes < opens).any() or (closes[:-1] > opens[1:]).any():
        return None  # a ">" in text or in an attribute value
    longest = max(int((closes - opens).max()), int((opens[1:] - closes[:-1]).max()),
                  int((regions[1] - regions[0]).max(initial=0)))
    if longest > _LONGEST:
        return None  # near libxml2's limits on the tree: the tree parser decides
    lead = padded[opens + 1]
    if ((lead == _BANG) | (lead == _QUERY)).any():
        return None  # not reached for a well-formed document: every such tag is a region
    closing = lead == _SLASH
    windows = sliding_window_view(padded, _WINDOW)[opens[~closing] + 1]
    stop = (windows <= 32) | (windows == _GT) | (windows == _SLASH)
    stop[:, 0] = False
    lengths = np.argmax(stop, axis=1)
    if not stop[np.arange(len(lengths)), lengths].all():
        return None  # a name longer than the window
    windows *= np.arange(_WINDOW, dtype=np.uint8) < lengths.astype(np.uint8)[:, None]
    words = windows.view(np.uint64)
    hashed = words[:, 0].copy()
    for j in range(1, words.shape[1]):
        hashed = hashed * _MIX + words[:, j]
    _, first, inverse = np.unique(hashed, return_index=True, return_inverse=True)
    if not (words == words[first][inverse]).all():
        return None  # two names with one hash
    return _Tags(opens, closes, closing, first, inverse.ravel(), windows, lengths, regions[0])


#: comments, CDATA sections and processing instructions a document may hold outside its
#: points (more give up the scan: they are then likely inside the points)
_MOST_REGIONS = 256
_REGION_ENDS = {b"<!--": b"-->", b"<![CDATA[": b"]]>", b"<?": b"?>"}


def _regions(data: bytes) -> tuple[np.ndarray, np.ndarray] | None:
    """Start and end (exclusive) of every comment, CDATA section and processing instruction,
    in document order; None for a DOCTYPE or more than a few of them."""
    found: list[tuple[int, int]] = []
    for opening in (b"<!", b"<?"):
        at = data.find(opening)
        while at != -1:
            if len(found) >= _MOST_REGIONS:
                return None
            lead = next((lead for lead in _REGION_ENDS if data.startswith(lead, at)), None)
            if lead is None:
                return None  # a DOCTYPE
            end = data.find(_REGION_ENDS[lead], at + len(lead))
            if end == -1:
                return None
            end += len(_REGION_ENDS[lead])
            found.append((at, end))
            at = data.find(opening, end)
    found.sort()
    starts = np.array([a for a, _ in found], dtype=np.int64)
    ends = np.array([b for _, b in found], dtype=np.int64)
    if len(found) > 1 and (starts[1:] < ends[:-1]).any():
        return None  # one inside another (a "<?" in a comment, say): let the tree decide
    return starts, ends


def _outside(positions: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The ``positions`` that lie in none of the ranges ``starts[i] : ends[i]``."""
    k = np.searchsorted(starts, positions, side="right") - 1
    inside = (k >= 0) & (positions < ends[np.maximum(k, 0)])
    return positions[~inside]


def _codes(windows: np.ndarray, lengths: np.ndarray, first: np.ndarray, point_name: str,
           fields: Mapping[str, str]) -> tuple[np.ndarray, list[str | None]] | None:
    """Code of each distinct name (0 a point, ``c > 0`` field ``keys[c]``, -1 anything else)."""
    keys: list[str | None] = [None]
    codes = np.full(len(first), -1, np.int64)
    for i, row in enumerate(first.tolist()):
        try:
            name = bytes(windows[row, : lengths[row]]).decode("utf-8")
        except UnicodeDecodeError:
            return None
        local = name.rpartition(":")[2]
        if local == point_name:
            codes[i] = 0
            continue
        key = fields.get(local.lower())
        if key is not None:
            if key not in keys:
                keys.append(key)
            codes[i] = keys.index(key)
    return codes, keys


def _without(data: bytes, cuts: np.ndarray, resumes: np.ndarray) -> bytes:
    """``data`` without the ranges ``cuts[i] : resumes[i]`` (ascending, disjoint)."""
    view = memoryview(data)
    bounds = np.empty(2 * len(cuts) + 2, np.int64)
    bounds[0], bounds[-1] = 0, len(data)
    bounds[1:-1:2], bounds[2:-1:2] = cuts, resumes
    edges = bounds.tolist()
    return b"".join(view[edges[i] : edges[i + 1]] for i in range(0, len(edges), 2))


__all__ = ["PointScan", "parse_scanned", "scan_points", "well_formed"]
