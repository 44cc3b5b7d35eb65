"""Track points read straight from the bytes of a plain document that libxml2 accepts.

Building and walking an lxml tree of every track point is most of the cost of reading a GPX
or TCX file; for plain documents this module avoids both:

1. **The scan** (:mod:`.tags`), a piece of about 2 MiB at a time (cut before a point), the
   fields of the points gathering into preallocated columns: memory follows the columns, not
   the document.
2. **The check.** libxml2, with the safe settings, is fed the document a piece at a time
   into a target without callbacks (no tree), in a thread beside the scan (libxml2 releases
   the GIL). A document it refuses or complains about goes the tree route, with its salvage
   and messages.
3. **The skeleton.** The document with each run of points replaced by one point element
   whose text numbers them is parsed into a small tree, from which the readers take the rest.

A document that is not plain (not UTF-8/ASCII, a NUL, a ``>`` in text or attributes, markup
or an entity reference inside a point, points inside points, a searched element inside a
point, an ``xml:id``, a name over 31 bytes, nesting or text near libxml2's limits, a point
attribute written other than once as ``name="value"``) is parsed whole; both routes give the
same activities (tested).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise

import numpy as np
import pandas as pd
from lxml import etree

from legload.errors import ReadError
from legload.readers.xml.safe import parse_prepared, prepare, safe_parser
from legload.readers.xml.samples import PointFields, read_times
from legload.readers.xml.tags import (
    AMP,
    APOSTROPHE,
    DEEPEST,
    EQUALS,
    NAME,
    OTHER,
    POINT,
    QUOTE,
    SEARCHED,
    SPACE,
    find_tags,
    inside,
    numbers_at,
    tag_codes,
    texts_at,
)

_ENCODING = re.compile(rb"""^<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_ENCODINGS = frozenset({b"UTF-8", b"UTF8", b"US-ASCII", b"ASCII"})
#: bytes scanned at a time
_PIECE = 2 << 20
_AFTER_NAME = frozenset([b" ", b"\t", b"\n", b"\r", b">", b"/"])
class PointScan:
    """The fields of every track point of a document, read from its bytes.

    Attributes:
        skeleton: the document with each run of points that follow one another replaced by
            one point element whose text is ``"first count"`` (point numbers from 0).
        fields: the fields of all the points.
    """

    def __init__(self, skeleton: bytes, fields: PointFields) -> None:
        self.skeleton, self.fields = skeleton, fields

    def fields_of(self, points: Sequence[etree._Element]) -> PointFields:
        """Fields of the points of ``points`` (the skeleton's point elements of one track or
        activity, in document order) as :func:`~legload.readers.xml.safe.tree_fields` reads
        them from the tree."""
        runs = [tuple(map(int, point.text.split())) for point in points]
        first = runs[0][0] if runs else 0
        for (a, k), (b, _) in pairwise(runs):
            if b != a + k:
                raise ValueError("the points of one part of a document follow one another")
        return self.fields.part(first, sum(k for _, k in runs))


def parse_scanned(data: bytes, source: str, warnings: list[str], *, point_name: str,
                  fields: Mapping[str, str], searched: Iterable[str] = (),
                  attributes: Mapping[str, str] | None = None
                  ) -> tuple[etree._Element, PointScan | None]:
    """The root of a document's tree, and the scan of its points when the document is plain:
    then the root is the skeleton's, else the whole tree of
    :func:`~legload.readers.xml.safe.parse` (and its salvage and messages).

    Raises:
        ReadError: as :func:`~legload.readers.xml.safe.parse`.
    """
    body = prepare(data, source, warnings)
    check = _checker().submit(well_formed, body)
    scan = scan_points(body, point_name, fields, searched=searched, attributes=attributes)
    if scan is not None and check.result():
        salvaged: list[str] = []
        try:
            root = parse_prepared(scan.skeleton, source, salvaged)
        except ReadError:
            root = None
        if root is not None and not salvaged:
            return root, scan
    return parse_prepared(body, source, warnings, require=point_name), None


_POOL: tuple[int, ThreadPoolExecutor] | None = None


def _checker() -> ThreadPoolExecutor:
    """The thread that checks documents beside their scan, made once per process."""
    global _POOL
    if _POOL is None or _POOL[0] != os.getpid():
        _POOL = os.getpid(), ThreadPoolExecutor(max_workers=1)
    return _POOL[1]


class _NoTree:
    """A parser target without callbacks: libxml2 checks the document and builds nothing."""

    def close(self) -> None:
        return None


def well_formed(data: bytes) -> bool:
    """Whether libxml2, with the safe settings, accepts ``data`` without a word of complaint
    (errors it only logs, such as an undeclared prefix, count: a tree parse refuses them).
    The document is fed a piece at a time: nothing of it is kept."""
    parser = safe_parser(target=_NoTree())
    try:
        for at in range(0, len(data), _PIECE):
            parser.feed(data[at : at + _PIECE])
        parser.close()
    except etree.XMLSyntaxError:
        return False
    return len(parser.feed_error_log) == 0


def scan_points(data: bytes, point_name: str, fields: Mapping[str, str], *,
                searched: Iterable[str] = (), attributes: Mapping[str, str] | None = None
                ) -> PointScan | None:
    """Scan of a document's points (local name ``point_name``; ``fields`` maps lower-case
    local names of their descendants to field keys, ``attributes`` names of their attributes
    to field keys), or None when the document is not plain.

    Any bytes may come: the scan of a document that is not well-formed means nothing, and
    :func:`parse_scanned` keeps it only when :func:`well_formed` accepts the document.
    ``searched`` are names the reader looks for anywhere (``trk``, ``Activity``): one inside a
    point would vanish with the point's content. The document is read a piece (about
    2 MiB, cut before a point) at a time; its fields gather into arrays.
    """
    if point_name.lower() in fields or b"\0" in data or b"xml:id" in data:
        return None
    declared = _ENCODING.match(data)
    if declared is not None and declared.group(1).upper() not in _ENCODINGS:
        return None
    name = point_name.encode()  # every point's start tag holds "<name" or ":name"
    found = _Found(point_name, fields, frozenset(searched), dict(attributes or {}),
                   data.count(b"<" + name) + data.count(b":" + name))
    for lo, hi in _pieces(data, point_name):
        if not found.add(data, lo, hi):
            return None
    return found.scan(data)


def _pieces(data: bytes, point_name: str) -> Iterator[tuple[int, int]]:
    """Spans of about :data:`_PIECE` bytes that cover ``data``, each cut before a ``<`` of
    ``point_name`` (without prefix)."""
    start, mark = 0, b"<" + point_name.encode()
    while len(data) - start > 2 * _PIECE:
        cut = data.find(mark, start + _PIECE)
        while cut != -1 and data[cut + len(mark) : cut + len(mark) + 1] not in _AFTER_NAME:
            cut = data.find(mark, cut + 1)
        if cut == -1:
            break
        yield start, cut
        start = cut
    yield start, len(data)


class _Found:
    """The points of the pieces of a document scanned so far."""

    def __init__(self, point_name: str, fields: Mapping[str, str], searched: frozenset[str],
                 attributes: dict[str, str], capacity: int) -> None:
        self.names = point_name, fields, searched
        self.attributes = attributes
        self.depth, self.level, self.n, self.capacity = 0, -1, 0, max(capacity, 1)
        self.times = np.full(self.capacity, np.datetime64("NaT", "ns"))
        self.written = np.zeros(self.capacity, bool)
        self.unread: dict[int, str] = {}
        self.columns: dict[str, np.ndarray] = {}
        self.runs: list[list[int]] = []  # [first point, count, its "<", its ">", lone, end's ">"]
        self.closed = False  # whether the last piece ended with the end of a point

    def add(self, data: bytes, lo: int, hi: int) -> bool:
        """Scan ``data[lo:hi]``; False when the document is not plain."""
        arr = np.frombuffer(data, np.uint8, hi - lo, lo)
        tags = find_tags(arr)
        if tags is None:
            return False
        lt, gt, closing, special, lone = tags
        start = ~closing & ~special
        step = start.astype(np.int32) - lone - closing
        depth = self.depth + np.cumsum(step)  # after each tag
        if depth.min() < 0 or depth.max() > DEEPEST:
            return False
        at = lt[start] + 1
        named = tag_codes(arr, at, gt[start] - at, *self.names)
        if named is None:
            return False
        codes = np.full(len(lt), OTHER, np.int64)
        codes[start], keys = named
        points = np.flatnonzero(codes == POINT)
        level = depth[points] - step[points]
        if len(points) and self.level < 0:
            self.level = int(level[0])
        if (level != self.level).any():
            return False  # points at different depths, e.g. points inside points
        at_level = np.flatnonzero(depth <= self.level)
        index = np.searchsorted(at_level, points)
        if (index >= len(at_level)).any():
            return False
        ends = at_level[index]  # each point's end tag (or itself)
        spans = lt[points], gt[ends]
        marks = np.flatnonzero(special | (codes == SEARCHED))
        amps = np.flatnonzero(arr == AMP) if data.find(b"&", lo, hi) != -1 else marks[:0]
        if inside(np.r_[lt[marks], amps], *spans).any():
            return False  # a comment, entity, searched element or the like inside a point
        values = self._attributes(data, arr, lo, lt[points], gt[points])
        if values is None:
            return False
        times = self._fields(data, lo, lt, gt, lone, codes, keys, spans, values)
        self._runs(lo, lt, gt, lone, points, ends)
        self._keep(len(points), values, times)
        self.depth, self.n = int(depth[-1]), self.n + len(points)
        return True

    def _attributes(self, data: bytes, arr: np.ndarray, lo: int, lt: np.ndarray,
                    gt: np.ndarray) -> dict[str, np.ndarray] | None:
        """The attributes of the points whose start tags span ``lt`` .. ``gt``, read where
        each tag has each once, as ``name="value"`` without blanks in the value, and no
        ``'`` (so that no value holds a ``"``); None otherwise."""
        if not self.attributes or len(lt) == 0:
            return {}
        if inside(np.flatnonzero(arr == APOSTROPHE), lt, gt).any():
            return None
        quotes = np.flatnonzero(arr == QUOTE)
        opens = quotes[(quotes > 0) & (arr[quotes - 1] == EQUALS)]
        values: dict[str, np.ndarray] = {}
        for name, key in self.attributes.items():
            mark = name.encode()
            at = opens[opens > len(mark) + 1]
            hit = arr[at - len(mark) - 2] <= SPACE  # a blank, then name="
            for k, byte in enumerate(mark):
                hit &= arr[at - len(mark) - 1 + k] == byte
            at = at[hit] + 1  # each value's first byte
            at = at[inside(at, lt, gt)]
            owner = np.searchsorted(lt, at, side="right")
            if len(at) != len(lt) or (owner != np.arange(1, len(lt) + 1)).any():
                return None  # not once in every point
            stop = quotes[np.minimum(np.searchsorted(quotes, at), len(quotes) - 1)]
            if (stop < at).any() or (stop > gt).any():
                return None
            values[key] = numbers_at(data, lo + at, lo + stop, blanks=False)
            if values[key] is None:
                return None
        return values

    def _fields(self, data: bytes, lo: int, lt: np.ndarray, gt: np.ndarray, lone: np.ndarray,
                codes: np.ndarray, keys: list[str | None], spans: tuple[np.ndarray, np.ndarray],
                values: dict[str, np.ndarray]) -> tuple:
        """The field elements inside the piece's points into ``values``; their times."""
        found = np.flatnonzero(codes > 0)
        owner = np.searchsorted(spans[0], lt[found], side="right") - 1
        kept = inside(lt[found], *spans)
        found, owner = found[kept], owner[kept]
        starts = gt[found] + 1
        stops = np.where(lone[found], starts, lt[np.minimum(found + 1, len(lt) - 1)]) + lo
        starts, codes, n = starts + lo, codes[found], len(spans[0])
        times = None
        for code in pd.unique(codes).tolist():  # the fields in the order they first occur
            at = np.flatnonzero(codes == code)
            if (np.diff(owner[at]) == 0).any():  # a point with several: the first non-blank
                at = at[np.array([bool(t) for t in texts_at(data, starts[at], stops[at])], bool)]
                at = at[np.diff(owner[at], prepend=-1) != 0]
            key = keys[code]
            if key == "time":
                times = read_times(n, owner[at], texts_at(data, starts[at], stops[at]))
            else:
                values[key] = np.full(n, np.nan)  # type: ignore[index]
                values[key][owner[at]] = numbers_at(data, starts[at], stops[at])  # type: ignore[index]
        return times or read_times(n, owner[:0], [])

    def _runs(self, lo: int, lt: np.ndarray, gt: np.ndarray, lone: np.ndarray,
              points: np.ndarray, ends: np.ndarray) -> None:
        """Runs of points that follow one another (nothing but text between them)."""
        if len(points) == 0:
            self.closed = False
            return
        heads = np.flatnonzero(np.r_[True, points[1:] != ends[:-1] + 1])
        counts = np.diff(np.r_[heads, len(points)])
        tails, first = heads + counts - 1, points[heads]
        new = np.column_stack([self.n + heads, counts, lo + lt[first], lo + gt[first],
                               lone[first], lo + gt[ends[tails]]]).tolist()
        if self.closed and points[0] == 0 and self.runs:
            head = new.pop(0)
            self.runs[-1][1] += head[1]
            self.runs[-1][5] = head[5]
        self.runs.extend(new)
        self.closed = bool(ends[-1] == len(lt) - 1)

    def _keep(self, m: int, values: dict[str, np.ndarray], times: tuple) -> None:
        """Add the fields of the next ``m`` points to the columns."""
        end = self.n + m
        for key, column in values.items():
            if key not in self.columns:
                self.columns[key] = np.full(self.capacity, np.nan)
            self.columns[key][self.n : end] = column
        self.times[self.n : end], self.written[self.n : end] = times[0], times[1]
        self.unread.update((self.n + k, text) for k, text in times[2].items())

    def scan(self, data: bytes) -> PointScan | None:
        """The scan of the whole document; None when it has no points or is unbalanced."""
        if self.n == 0 or self.depth != 0:
            return None
        n = self.n
        values = {key: column[:n] for key, column in self.columns.items()}
        fields = PointFields(n, self.times[:n], self.written[:n], self.unread, values)
        return PointScan(self._skeleton(data), fields)

    def _skeleton(self, data: bytes) -> bytes:
        """``data`` with each run of points replaced by one point element (``<p a="1">0 3</p>``)."""
        parts, resume = [], 0
        for first, count, lt, gt, lone, end in self.runs:
            name = NAME.match(data, lt + 1).group()  # type: ignore[union-attr]  # always matches
            parts += [data[resume : gt - 1 if lone else gt], b">%d %d</%s>" % (first, count, name)]
            resume = end + 1
        parts.append(data[resume:])
        return b"".join(parts)

