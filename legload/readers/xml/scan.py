"""Track points read straight from the bytes of a plain document that libxml2 accepts, a piece
of about 2 MiB at a time (each cut before a point): numpy finds every ``<`` and ``>`` (in a
plain document they alternate) and names the start tags (:mod:`.tags`), arrow takes the points'
texts, libxml2 with the safe settings checks the piece (no tree). The document with each run of
points replaced by one element numbering them (the skeleton) is parsed into a small tree for the
rest. A document that is not plain (not UTF-8/ASCII, a NUL, a late DOCTYPE, a ``>`` in text,
markup or an entity inside a point, nested points, an ``xml:id``, a name over 31 bytes, limits
near libxml2's, odd point attributes) or that libxml2 complains about takes the tree route;
both routes give the same activities (tested)."""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator, Sequence
from typing import BinaryIO, NamedTuple

import numpy as np
import pyarrow as pa
from lxml import etree

from legload.errors import ReadError
from legload.readers.xml.safe import parse_prepared, prepare, safe_parser
from legload.readers.xml.samples import PointFields, PointNames, numbers, read_times, texts_of
from legload.readers.xml.tags import NAME, POINT, SEARCHED, Names, inside, take_texts

_ENCODING = re.compile(rb"""^<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_ENCODINGS = frozenset({b"UTF-8", b"UTF8", b"US-ASCII", b"ASCII"})
_DECLARATION, _XML_ID = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE), re.compile(rb"xml:id")
#: bytes read at a time; limits well below libxml2's on a tree (256 levels, 10 MB texts)
_PIECE, DEEPEST, _LONGEST = 2 << 20, 128, 1_000_000
_AFTER_NAME = frozenset([b" ", b"\t", b"\n", b"\r", b">", b"/"])
_PAD = bytes(32)  # after a piece with a tag near its end, so that its first 32 bytes can be read
_LT, _GT, _SLASH, _BANG, _QUERY, _AMP = b"<>/!?&"


class PointScan(NamedTuple):
    """The fields of all the points of a document, and its skeleton: each run of points
    replaced by one point element whose text is ``"first count"`` (points from 0)."""

    skeleton: bytes
    fields: PointFields

    def fields_of(self, points: Sequence[etree._Element]) -> PointFields:
        """The fields of a part's points (its skeleton point elements, which follow one another
        as the descendants of an element do), as the tree gives."""
        runs = [tuple(map(int, point.text.split())) for point in points]
        return self.fields.part(runs[0][0] if runs else 0, sum(k for _, k in runs))


def parse_scanned(data: bytes | BinaryIO, source: str, warnings: list[str], names: PointNames
                  ) -> tuple[etree._Element, PointScan | None]:
    """The root of a document's tree (``data``: its bytes or a seekable binary file read from
    where it stands) and the scan of its points: the skeleton's root when the document is plain,
    else the whole tree of :func:`~legload.readers.xml.safe.parse` (and its ReadError), no scan."""
    stream = io.BytesIO(data) if isinstance(data, bytes) else data
    start, said, salvaged = stream.tell(), [], []
    scan = scan_points(stream, names, source=source, warnings=said)
    with contextlib.suppress(ReadError):  # a skeleton libxml2 refuses: the tree route decides
        root = None if scan is None else parse_prepared(scan.skeleton, source, salvaged)
        if root is not None and not salvaged:
            warnings.extend(said)
            return root, scan
    del scan
    stream.seek(start)  # (the bytes themselves, not a copy, when they came as bytes)
    body = prepare(stream.read(), source, warnings)
    return parse_prepared(body, source, warnings, require=names.name), None


def scan_points(data: bytes | BinaryIO, names: PointNames, *, source: str = "",
                warnings: list[str] | None = None) -> PointScan | None:
    """The scan of a document's points, or None when it is not plain or libxml2 complains; any
    bytes may come. ``warnings``: the list for :func:`~legload.readers.xml.safe.prepare`'s."""
    found = _Found(names)
    try:
        done = found.read(io.BytesIO(data) if isinstance(data, bytes) else data, source,
                          [] if warnings is None else warnings)
    except (ReadError, etree.XMLSyntaxError):  # the tree route says what is wrong
        return None
    return found.scan() if done else None


class _NoTree:
    def close(self) -> None:  # a parser target without callbacks: libxml2 builds nothing
        return None


def _pieces(stream: BinaryIO, name: str) -> Iterator[bytes]:
    """The rest of ``stream`` in pieces of about :data:`_PIECE` bytes, each but the last cut
    before a ``<`` of ``name`` (without prefix) that is not the document's first tag."""
    mark, rest = b"<" + name.encode(), bytearray()
    while True:
        block = stream.read(_PIECE)
        start = max(0, len(rest) - len(mark))  # what came before holds no cut: not read again
        rest += block
        if len(block) < _PIECE:
            if rest:
                yield bytes(rest)
            return
        cut = rest.rfind(mark, start)
        while cut > 0 and bytes(rest[cut + len(mark) : cut + len(mark) + 1]) not in _AFTER_NAME:
            cut = rest.rfind(mark, start, cut)
        if cut > 0 and rest.find(b"<", 0, cut) != -1:
            yield bytes(rest[:cut])
            del rest[:cut]


class _Found:
    """The points of the pieces of a document scanned so far."""

    def __init__(self, names: PointNames) -> None:
        self.point_name, self.attributes = names.name, names.attributes
        self.names = Names(names)
        self.depth, self.level, self.n = 0, -1, 0
        self.parts: list[tuple[int, dict[str, np.ndarray], pa.Array, np.ndarray]] = []
        self.outline: list[bytes | list] = []  # the skeleton: bytes, and [name, first, count]
        self.tail = b""  # the end of the last piece, after its last run of points
        self.open = False  # whether the last piece ended with the end of a point

    def read(self, stream: BinaryIO, source: str, warnings: list[str]) -> bool:
        """Scan the document of ``stream`` while libxml2 checks it (errors it only logs, as an
        undeclared prefix, count); False when it is not plain; XMLSyntaxError when refused."""
        checked = safe_parser(target=_NoTree())
        for k, piece in enumerate(_pieces(stream, self.point_name)):
            if k == 0:
                piece = prepare(piece, source, warnings)
                declared = _ENCODING.match(piece)
                if declared is not None and declared.group(1).upper() not in _ENCODINGS:
                    return False
            elif piece.find(b"<!") != -1 and _DECLARATION.search(piece):
                return False
            if b"\0" in piece or _XML_ID.search(piece) or not self.add(piece):
                return False
            checked.feed(piece)
        checked.close()
        return self.n > 0 and self.depth == 0 and len(checked.feed_error_log) == 0

    def add(self, piece: bytes) -> bool:
        """Scan the next piece; False when the document is not plain."""
        arr = np.frombuffer(piece, np.uint8)
        marks = np.flatnonzero((arr | 2) == _GT)  # "<" and ">", the only bytes b with b | 2 == 62
        lt, gt = marks[0::2], marks[1::2]
        n = len(lt)
        if n == 0 or n != len(gt) or (arr[lt] != _LT).any() or (arr[gt] != _GT).any():
            return False
        if max(int((gt - lt).max()), int((lt[1:] - gt[:-1]).max(initial=0))) > _LONGEST:
            return False
        lead = arr[lt + 1]
        closing = lead == _SLASH
        special = (lead == _BANG) | (lead == _QUERY)
        opening = ~closing & ~special
        lone = opening & (arr[gt - 1] == _SLASH)
        step = opening.astype(np.int32) - lone - closing
        depth = self.depth + np.cumsum(step)  # after each tag
        if depth.min() < 0 or depth.max() > DEEPEST:
            return False
        starts = np.flatnonzero(opening)
        if len(starts) and lt[starts[-1]] > len(piece) - 40:  # names are read 32 bytes at a time
            arr = np.frombuffer(piece + _PAD, np.uint8)
        codes = np.full(n, -1, np.int64)
        named = self.names.codes(piece, arr, lt[starts] + 1, gt[starts])
        if named is None:
            return False
        codes[starts] = named
        points = np.flatnonzero(codes == POINT)
        if len(points) and self.level < 0:
            self.level = int(depth[points[0]] - step[points[0]])
        closes = np.flatnonzero(depth <= self.level)
        index = np.searchsorted(closes, points)
        if (depth[points] - step[points] != self.level).any() or (index >= len(closes)).any():
            return False  # points at different depths (inside points), or one not closed
        ends = closes[index]  # each point's end tag (or itself)
        marked = np.flatnonzero(special | (codes == SEARCHED))
        if piece.find(b"&") != -1:
            marked = np.r_[marked, np.searchsorted(lt, np.flatnonzero(arr == _AMP), side="right") - 1]
        if (inside(marked, points, ends) >= 0).any():
            return False  # a comment, entity, searched element or the like inside a point
        values = (self._attributes(take_texts(piece, lt[points], gt[points] + 1, np.arange(len(points))))
                  if self.attributes and len(points) else {})
        if values is None:
            return False
        timed = self._fields(piece, lt, gt, lone, codes, (points, ends), values)
        self.parts.append((len(points), values, *timed))
        self._outline(piece, lt, gt, lone, points, ends)
        self.depth, self.n = int(depth[-1]), self.n + len(points)
        return True

    def _attributes(self, tags: pa.LargeStringArray) -> dict[str, np.ndarray] | None:
        """The attributes of the points whose start tags are ``tags``, read where every tag has
        each as ``name="value"`` without blanks in the value, and none has a ``'`` (so that no
        value holds a ``"``; libxml2 refuses an attribute given twice); None otherwise."""
        data = tags.buffers()[2].to_pybytes()
        if b"'" in data:
            return None
        values: dict[str, np.ndarray] = {}
        for name, key in self.attributes.items():
            found = re.findall(rb'\s%s="([^"\s]*)"' % name.encode(), data)
            if len(found) != len(tags):
                return None  # not in every point
            values[key] = numbers(pa.array(found, pa.large_binary()).view(pa.large_string()))
        return values

    def _fields(self, piece: bytes, lt: np.ndarray, gt: np.ndarray, lone: np.ndarray, codes: np.ndarray,
                spans: tuple[np.ndarray, np.ndarray], values: dict[str, np.ndarray]
                ) -> tuple[pa.Array, np.ndarray]:
        """The field elements inside the piece's points into ``values``; the time texts and
        their points (an element without content, ``<ele/>``, has no text, as in the tree)."""
        found = np.flatnonzero((codes > 0) & ~lone)
        owner = inside(found, *spans)
        found, owner = found[owner >= 0], owner[owner >= 0]
        order = np.argsort(codes[found], kind="stable")  # field by field, each in file order
        texts = take_texts(piece, gt[found] + 1, lt[found + 1], order)
        found, owner, codes = found[order], owner[order], codes[found[order]]
        heads = np.flatnonzero(np.diff(codes, prepend=-1)).tolist()
        timed = (texts.slice(0, 0), owner[:0] + self.n)
        for head, stop in sorted(zip(heads, [*heads[1:], len(codes)], strict=False),
                                 key=lambda run: found[run[0]]):  # the fields as they first occur
            part, at = texts.slice(head, stop - head), owner[head:stop]
            if (np.diff(at) == 0).any():  # a point with several: the first non-blank
                kept = np.array([bool(t) for t in texts_of(part)], bool)
                kept[kept] = np.diff(at[kept], prepend=-1) != 0
                part, at = part.filter(kept), at[kept]
            if (key := self.names.keys[codes[head]]) == "time":
                timed = (pa.concat_arrays([part]), at + self.n)  # not the piece's texts
            else:
                values[key] = np.full(len(spans[0]), np.nan)  # type: ignore[index]
                values[key][at] = numbers(part)  # type: ignore[index]
        return timed

    def _outline(self, piece: bytes, lt: np.ndarray, gt: np.ndarray, lone: np.ndarray,
                 points: np.ndarray, ends: np.ndarray) -> None:
        """The piece's part of the skeleton: runs of points that follow one another (nothing
        but text between them) become one point element each."""
        resume = 0
        if len(points):
            heads = np.flatnonzero(np.r_[True, points[1:] != ends[:-1] + 1])
            counts = np.diff(np.r_[heads, len(points)]).tolist()
            lasts = gt[ends[heads + np.array(counts) - 1]].tolist()
            for head, count, last in zip(heads.tolist(), counts, lasts, strict=True):
                first = points[head]
                if head == 0 and first == 0 and self.open:  # the last piece's run goes on
                    self.outline[-1][2] += count  # type: ignore[index]
                else:
                    cut = int(gt[first]) - int(lone[first])
                    name = NAME.match(piece, int(lt[first]) + 1).group()  # type: ignore[union-attr]
                    self.outline += [self.tail + piece[resume:cut], [name, self.n + head, count]]
                self.tail, resume = b"", last + 1
        self.tail += piece[resume:]
        self.open = bool(len(points)) and bool(ends[-1] == len(lt) - 1)

    def scan(self) -> PointScan:
        """The scan of the whole document, its columns joined one at a time (each piece's
        part let go once joined), its times read at once."""
        keys = dict.fromkeys(key for _, values, _, _ in self.parts for key in values)
        values = {key: np.concatenate([v.pop(key, None) if key in v else np.full(m, np.nan)
                                       for m, v, _, _ in self.parts]) for key in keys}
        texts = pa.concat_arrays([texts for *_, texts, _ in self.parts])
        timed = np.concatenate([at for *_, at in self.parts])
        skeleton = b"".join([part if isinstance(part, bytes) else b">%d %d</%s>" % (part[1], part[2], part[0])
                             for part in self.outline] + [self.tail])
        self.parts = []
        return PointScan(skeleton, PointFields(self.n, *read_times(self.n, timed, texts), values))
