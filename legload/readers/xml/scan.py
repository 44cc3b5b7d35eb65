"""Track points read straight from the bytes of a plain document that libxml2 accepts.

Building an lxml tree of every element of every track point, and walking it, is most of
the cost of reading a GPX or TCX file. For plain documents this module avoids both:

1. **The scan.** Every ``<`` and ``>`` of the document is found with numpy; in a plain
   document they alternate, each pair a tag. The name of each tag is read from a byte matrix
   of the 32 bytes after its ``<`` (cut at the first blank, ``/`` or ``>``) and looked up once
   per distinct name by local name (after the last ``:``, as
   :func:`~legload.readers.xml.safe.find_all` matches, any prefix or namespace). A field
   element's text is the bytes between its start tag's ``>`` and the next ``<``: the
   element's ``text`` in a tree. Numbers are read from a byte matrix by numpy, times by
   pandas, as :func:`~legload.readers.xml.safe.numbers` and
   :func:`~legload.readers.xml.samples.iso_stamps` read them.
2. **The check.** libxml2 parses the whole document with the same safe settings as
   :func:`~legload.readers.xml.safe.parse` (no entities, no DTD, no network) into a parser
   target without callbacks: it checks well-formedness without building a tree. A document
   it refuses, or only complains about (an undeclared prefix), goes the tree route, with its
   salvage and messages.
3. **The skeleton.** The document with the content of every point replaced by the point's
   number (its start tag, with its attributes, stays) is parsed into a small tree, again
   with the safe settings. The readers take everything else (tracks, laps, names, sport, the
   points' ``lat``/``lon`` attributes) from it as from the whole tree.

A document that is not plain (another encoding than UTF-8/ASCII, a NUL byte, a ``>`` in
text or attributes, a comment, CDATA section, processing instruction or entity reference
inside a point, points inside points, an element the reader searches for (a track, an
activity) inside a point, an ``xml:id`` (checked by libxml2 only when it builds a tree), a
name over 31 bytes, nesting or text near libxml2's limits, over 64 MiB) is parsed whole
instead; both routes give the same activities, which the tests check on every real file and
on generated documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
from lxml import etree
from numpy.lib.stride_tricks import sliding_window_view

from legload.errors import ReadError
from legload.readers.xml.safe import PointFields, numbers, parse_prepared, prepare, safe_parser

_ENCODING = re.compile(rb"""^<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_ENCODINGS = frozenset({b"UTF-8", b"UTF8", b"US-ASCII", b"ASCII"})
#: deepest nesting scanned: well below libxml2's limit on a tree (256 levels), which a parse
#: without a tree does not apply
_DEEPEST = 128
#: longest tag or text (bytes) scanned: well below libxml2's limit on a tree (10 MB)
_LONGEST = 1_000_000
#: largest document scanned (bytes): larger ones are parsed whole
_LARGEST = 64 << 20
#: bytes of a tag read for its name (a longer name gives up the scan)
_NAME_BYTES = 32
#: longest text read by the byte matrix of numbers (longer ones are read by pandas)
_NUMBER_WIDTH = 24
_NAME = re.compile(rb"[^\x00-\x20/>]*")
_LT, _GT, _SLASH, _BANG, _QUERY, _AMP = 60, 62, 47, 33, 63, 38
#: code of a tag's name: a point, a name the reader searches for, anything else (fields > 0)
_POINT, _SEARCHED, _OTHER = 0, -2, -1
_COLUMNS = np.arange(_NAME_BYTES, dtype=np.uint8)
#: where each word of a name starts, and a word's first k bytes (k = 0..8)
_WORDS = np.arange(0, _NAME_BYTES, 8)
_UPTO = np.array([(1 << (8 * k)) - 1 for k in range(9)], np.uint64)
#: distinct tags (name and attributes) named one by one at most
_MOST_NAMES = 512
#: bytes of a plain number, and the zeros after a text in its row of the byte matrix
_NUMERIC = np.zeros(256, bool)
_NUMERIC[[0, *b"0123456789.eE+-"]] = True
#: multipliers of the four words of a name in its hash
_MIX = np.array([1, 0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9], np.uint64)


class PointScan:
    """The field elements of every track point of a document, found in its bytes.

    Attributes:
        skeleton: the document with each point's content replaced by its number (0, 1, …).
    """

    def __init__(self, data: bytes, skeleton: bytes, codes: np.ndarray, owner: np.ndarray,
                 starts: np.ndarray, stops: np.ndarray, keys: list[str | None]) -> None:
        self.skeleton = skeleton
        self._data = data
        self._codes, self._owner, self._starts, self._stops = codes, owner, starts, stops
        self._keys = keys

    def fields_of(self, points: Sequence[etree._Element], *,
                  text_keys: Iterable[str] = ("time",)) -> PointFields:
        """Fields of ``points``: the skeleton's point elements of one track or activity, in
        document order (as ``find_all`` gives them), as :func:`~legload.readers.xml.safe.
        tree_fields` reads them from the whole tree."""
        n = len(points)
        first = int(points[0].text) if n else 0
        if n and int(points[-1].text) != first + n - 1:
            raise ValueError("the points of one part of a document follow one another")
        lo, hi = np.searchsorted(self._owner, [first, first + n])
        codes, owner = self._codes[lo:hi], self._owner[lo:hi] - first
        starts, stops = self._starts[lo:hi], self._stops[lo:hi]
        keep = frozenset(text_keys)
        texts: dict[str, list[str | None]] = {}
        values: dict[str, np.ndarray] = {}
        for code in pd.unique(codes).tolist():  # the fields in the order they first occur
            at = np.flatnonzero(codes == code)
            if (np.diff(owner[at]) == 0).any():  # a point with several: the first non-blank
                at = at[np.array([bool(t) for t in self._texts(starts[at], stops[at])], bool)]
                at = at[np.diff(owner[at], prepend=-1) != 0]
            key = self._keys[code]
            if key in keep:
                column: list[str | None] = [None] * n
                for k, text in zip(owner[at].tolist(), self._texts(starts[at], stops[at]),
                                   strict=True):
                    column[k] = text
                texts[key] = column  # type: ignore[index]
            else:
                values[key] = np.full(n, np.nan)  # type: ignore[index]
                values[key][owner[at]] = self._numbers(starts[at], stops[at])  # type: ignore[index]
        return PointFields(n, texts, values)  # type: ignore[arg-type]

    def _texts(self, starts: np.ndarray, stops: np.ndarray) -> list[str | None]:
        """The texts as a tree gives them, stripped (None when blank): line ends as LF."""
        data = self._data
        texts = [data[a:b].decode("utf-8").strip() or None
                 for a, b in zip(starts.tolist(), stops.tolist(), strict=True)]
        if b"\r" in data:
            texts = [t.replace("\r\n", "\n").replace("\r", "\n") if t else t for t in texts]
        return texts

    def _numbers(self, starts: np.ndarray, stops: np.ndarray) -> np.ndarray:
        """:func:`~legload.readers.xml.safe.numbers` of the texts, plain ones read by numpy
        from a byte matrix (a text a row, zeros after its end)."""
        arr = np.frombuffer(self._data, np.uint8)
        sizes = stops - starts
        width = int(sizes.max(initial=0))
        if 0 < width <= _NUMBER_WIDTH and sizes.min() > 0 and starts.max() + width <= len(arr):
            rows = sliding_window_view(arr, width)[starts]
            rows *= np.arange(width) < sizes[:, None]
            if _NUMERIC[rows].all():
                try:
                    out = rows.view(f"S{width}").ravel().astype(float)
                except ValueError:  # e.g. "1-2": pandas decides
                    out = None
                if out is not None and not np.signbit(out[out == 0]).any():
                    out[~np.isfinite(out)] = np.nan
                    return out
        return numbers(self._texts(starts, stops))


def parse_scanned(data: bytes, source: str, warnings: list[str], *, point_name: str,
                  fields: Mapping[str, str], searched: Iterable[str] = ()
                  ) -> tuple[etree._Element, PointScan | None]:
    """The root of a document's tree, and the scan of its points when the document is plain.

    With a scan, the root is that of the skeleton and the points' fields come from
    :meth:`PointScan.fields_of`; without one, it is the whole tree that
    :func:`~legload.readers.xml.safe.parse` gives, with its salvage and messages.

    Raises:
        ReadError: as :func:`~legload.readers.xml.safe.parse`.
    """
    body = prepare(data, source, warnings)
    scan = scan_points(body, point_name, fields, searched=searched)
    if scan is not None and well_formed(body):
        salvaged: list[str] = []
        try:
            root = parse_prepared(scan.skeleton, source, salvaged)
        except ReadError:
            root = None
        if root is not None and not salvaged:
            return root, scan
    return parse_prepared(body, source, warnings, require=point_name), None


class _NoTree:
    """A parser target without callbacks: libxml2 checks the document and builds nothing."""

    def close(self) -> None:
        return None


def well_formed(data: bytes) -> bool:
    """Whether libxml2, with the safe settings, accepts ``data`` without a word of complaint
    (no tree is built). Errors it only logs, such as an undeclared namespace prefix, count:
    the tree parser refuses those documents."""
    parser = safe_parser(target=_NoTree())
    try:
        parser.feed(data)
        parser.close()
    except etree.XMLSyntaxError:
        return False
    return len(parser.feed_error_log) == 0


def scan_points(data: bytes, point_name: str, fields: Mapping[str, str], *,
                searched: Iterable[str] = ()) -> PointScan | None:
    """Scan of a document's points, or None when the document is not plain.

    Any bytes may come: for a document that is not well-formed the result is None or a scan
    that means nothing, which :func:`parse_scanned` keeps only when :func:`well_formed`
    accepts the document.

    Args:
        data: the document.
        point_name: local name of a point (``trkpt``, ``Trackpoint``).
        fields: lower-case local names of point descendants → field key.
        searched: local names the reader looks for anywhere in the tree (``trk``,
            ``Activity``): one inside a point would vanish with the point's content.
    """
    if (point_name.lower() in fields or len(data) > _LARGEST or b"\0" in data
            or b"xml:id" in data):
        return None
    declared = _ENCODING.match(data)
    if declared is not None and declared.group(1).upper() not in _ENCODINGS:
        return None
    arr = np.frombuffer(data, np.uint8)
    tags = _tags(arr)
    if tags is None:
        return None
    lt, gt, closing, special, lone = tags
    start = ~closing & ~special
    at = lt[start] + 1
    named = _names(arr, at, gt[start] - at, point_name, fields, frozenset(searched))
    if named is None:
        return None
    codes = np.full(len(lt), _OTHER, np.int64)
    codes[start], keys = named
    step = start.astype(np.int32) - lone - closing
    depth = np.cumsum(step)  # after each tag
    points = np.flatnonzero(codes == _POINT)
    if len(points) == 0 or depth.min() < 0 or depth[-1] != 0 or depth.max() > _DEEPEST:
        return None
    level = depth[points] - step[points]
    if (level != level[0]).any():
        return None  # points at different depths, e.g. points inside points
    at_level = np.flatnonzero(depth <= level[0])
    ends = at_level[np.searchsorted(at_level, points)]  # each point's end tag (or itself)
    spans = lt[points], gt[ends]
    marks = np.flatnonzero(special | (codes == _SEARCHED))
    amps = np.flatnonzero(arr == _AMP) if b"&" in data else np.zeros(0, np.int64)
    if _inside(np.r_[lt[marks], amps], *spans).any():
        return None  # a comment, entity, searched element or the like inside a point
    found = np.flatnonzero(codes > 0)
    owner = np.searchsorted(spans[0], lt[found], side="right") - 1
    inside = _inside(lt[found], *spans)
    found, owner = found[inside], owner[inside]
    starts = gt[found] + 1
    stops = np.where(lone[found], starts, lt[np.minimum(found + 1, len(lt) - 1)])
    skeleton = _skeleton(data, lt, gt, points, ends, lone)
    return PointScan(data, skeleton, codes[found], owner, starts, stops, keys)


def _tags(arr: np.ndarray) -> tuple[np.ndarray, ...] | None:
    """Where each tag starts (``<``) and ends (``>``), whether it is an end tag, markup
    (``<!``, ``<?``) or self-closing; None when the brackets do not alternate as tags do, or
    a tag or text is near libxml2's limits."""
    marks = np.flatnonzero((arr | 2) == _GT)  # "<" and ">", the only bytes b with b | 2 == 62
    lt, gt = marks[0::2], marks[1::2]
    if len(lt) < 2 or len(lt) != len(gt) or (arr[lt] != _LT).any() or (arr[gt] != _GT).any():
        return None
    if max(int((gt - lt).max()), int((lt[1:] - gt[:-1]).max())) > _LONGEST:
        return None
    lead = arr[lt + 1]
    closing = lead == _SLASH
    special = (lead == _BANG) | (lead == _QUERY)
    lone = (arr[gt - 1] == _SLASH) & ~closing & ~special
    return lt, gt, closing, special, lone


def _names(arr: np.ndarray, at: np.ndarray, size: np.ndarray, point_name: str,
           fields: Mapping[str, str], searched: frozenset[str]
           ) -> tuple[np.ndarray, list[str | None]] | None:
    """The code of the name starting at each of ``at`` (``_POINT``, ``_SEARCHED``,
    ``_OTHER`` or ``c > 0`` for field ``keys[c]``) and ``keys``; None for a name over 31
    bytes or two names with one hash.

    ``size`` is the length of each tag's name and attributes. A tag of at most 32 such bytes
    is read whole as four 64-bit words, others (or all, when the short ones differ too
    often, by their attributes) cut at the first blank, ``/`` or ``>`` in a byte matrix; the
    words are grouped by a hash, every tag compared with its group's, and each group named
    once."""
    if at.max(initial=0) + _NAME_BYTES > len(arr):
        arr = np.concatenate([arr, np.zeros(_NAME_BYTES, np.uint8)])
    stream = np.ndarray((len(arr) - 7,), "<u8", arr, strides=(1,))  # 8 bytes from each byte
    whole = stream[at[:, None] + _WORDS] & _UPTO[np.clip(size[:, None] - _WORDS, 0, 8)]
    for cut in (size > _NAME_BYTES, np.ones(len(at), bool)):
        words = whole.copy()
        if cut.any():
            rows = sliding_window_view(arr, _NAME_BYTES)[at[cut]]
            blank = (rows <= 32) | (rows == _SLASH) | (rows == _GT)
            if not blank.any(axis=1).all():
                return None
            rows *= blank.argmax(axis=1).astype(np.uint8)[:, None] > _COLUMNS
            words[cut] = rows.view(np.uint64)
        inverse, hashes = pd.factorize(words @ _MIX)
        if len(hashes) <= _MOST_NAMES:
            break
    first = np.zeros(len(hashes), np.int64)
    first[inverse] = np.arange(len(inverse))  # a tag of each group, whichever
    if (words != words[first][inverse]).any():
        return None
    keys: list[str | None] = [None]
    table = np.full(len(hashes), _OTHER, np.int64)
    for i, row in enumerate(words[first]):
        try:
            local = _NAME.match(row.tobytes()).group().decode().rpartition(":")[2]  # type: ignore[union-attr]  # always matches
        except UnicodeDecodeError:
            return None
        key = fields.get(local.lower())
        if local == point_name:
            table[i] = _POINT
        elif local in searched:
            table[i] = _SEARCHED
        elif key is not None:
            if key not in keys:
                keys.append(key)
            table[i] = keys.index(key)
    return table[inverse], keys


def _inside(positions: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Which ``positions`` lie in one of the spans ``starts[i] .. ends[i]`` (ascending,
    disjoint)."""
    owner = np.searchsorted(starts, positions, side="right") - 1
    return (owner >= 0) & (positions <= ends[np.maximum(owner, 0)])


def _skeleton(data: bytes, lt: np.ndarray, gt: np.ndarray, points: np.ndarray,
              ends: np.ndarray, lone: np.ndarray) -> bytes:
    """``data`` with the content of each point replaced by its number (``<p/>`` becomes
    ``<p>n</p>``)."""
    alone = lone[points]
    cuts = np.where(alone, gt[points] - 1, gt[points] + 1).tolist()
    resumes = np.where(alone, gt[points] + 1, lt[ends]).tolist()
    numbers = [b"%d" % i for i in range(len(points))]
    for i in np.flatnonzero(alone).tolist():
        name = _NAME.match(data, int(lt[points[i]]) + 1).group()  # type: ignore[union-attr]
        numbers[i] = b">%s</%s>" % (numbers[i], name)
    kept = map(data.__getitem__, map(slice, [0, *resumes], [*cuts, len(data)]))
    return b"".join(part for pair in zip(kept, [*numbers, b""], strict=True) for part in pair)
