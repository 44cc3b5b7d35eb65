"""Track points read straight from the bytes of a plain document that libxml2 accepts.

Building and walking an lxml tree of every track point is most of the cost of reading a GPX
or TCX file; for plain documents this module avoids both:

1. **The scan.** numpy finds every ``<`` and ``>``; in a plain document they alternate, each
   pair a tag. Tags are named once per distinct content by local name (after the last ``:``,
   as :func:`~legload.readers.xml.safe.find_all` matches). A field's text is the bytes from
   its start tag's ``>`` to the next ``<``; numbers are read by numpy, times by pandas.
2. **The check.** libxml2, with the safe settings, parses the whole document into a target
   without callbacks (no tree), in a thread beside the scan (libxml2 releases the GIL). A
   document it refuses or complains about goes the tree route, with its salvage and messages.
3. **The skeleton.** The document with each point's content replaced by the point's number is
   parsed into a small tree, from which the readers take everything else.

A document that is not plain (not UTF-8/ASCII, a NUL, a ``>`` in text or attributes, markup
or an entity reference inside a point, points inside points, a searched element inside a
point, an ``xml:id``, a name over 31 bytes, nesting or text near libxml2's limits, over
64 MiB) is parsed whole; both routes give the same activities (tested).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
from lxml import etree
from numpy.lib.stride_tricks import sliding_window_view

from legload.errors import ReadError
from legload.readers.xml.safe import PointFields, numbers, parse_prepared, prepare, safe_parser

_ENCODING = re.compile(rb"""^<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_ENCODINGS = frozenset({b"UTF-8", b"UTF8", b"US-ASCII", b"ASCII"})
#: limits of the scan, well below libxml2's on a tree (256 levels, 10 MB texts)
_DEEPEST, _LONGEST, _LARGEST = 128, 1_000_000, 64 << 20
#: bytes of a tag read for its name; widest number and time read from a byte matrix
_NAME_BYTES, _NUMBER_WIDTH, _TEXT_WIDTH = 32, 24, 64
_NAME = re.compile(rb"[^\x00-\x20/>]*")
_LT, _GT, _SLASH, _BANG, _QUERY, _AMP = 60, 62, 47, 33, 63, 38
#: code of a tag's name: a point, a name the reader searches for, anything else (fields > 0)
_POINT, _SEARCHED, _OTHER = 0, -2, -1
_COLUMNS = np.arange(_NAME_BYTES, dtype=np.uint8)
#: where each 8-byte word of a name starts, and a word's first k bytes (k = 0..8)
_WORDS = np.arange(0, _NAME_BYTES, 8)
_UPTO = np.array([(1 << (8 * k)) - 1 for k in range(9)], np.uint64)
#: distinct tags (name and attributes) named one by one at most
_MOST_NAMES = 512
#: bytes of a plain number, and the zeros after a text in its row of the byte matrix
_NUMERIC = np.zeros(256, bool)
_NUMERIC[[0, *b"0123456789.eE-"]] = True  # no "+": pandas reads "+1E-23" otherwise
#: multipliers of the four words of a name in its hash
_MIX = np.array([1, 0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9], np.uint64)


class PointScan:
    """The field elements of every track point of a document, found in its bytes.

    Attributes:
        skeleton: the document with each point's content replaced by its number (0, 1, …).
    """

    def __init__(self, data: bytes, skeleton: bytes, codes: np.ndarray, owner: np.ndarray,
                 starts: np.ndarray, stops: np.ndarray, keys: list[str | None]) -> None:
        self.skeleton, self._data, self._keys = skeleton, data, keys
        self._codes, self._owner, self._starts, self._stops = codes, owner, starts, stops

    def fields_of(self, points: Sequence[etree._Element], *,
                  text_keys: Iterable[str] = ("time",)) -> PointFields:
        """Fields of ``points`` (the skeleton's points of one track or activity, in document
        order) as :func:`~legload.readers.xml.safe.tree_fields` reads them from the tree."""
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

    def _rows(self, starts: np.ndarray, stops: np.ndarray, widest: int) -> np.ndarray | None:
        """The texts as a byte matrix, a text a row, zeros after its end; None when one is
        empty or wider than ``widest``."""
        arr = np.frombuffer(self._data, np.uint8)
        sizes = stops - starts
        width = int(sizes.max(initial=0))
        if not 0 < width <= widest or sizes.min() <= 0 or starts.max() + width > len(arr):
            return None
        rows = sliding_window_view(arr, width)[starts]
        rows *= np.arange(width) < sizes[:, None]
        return rows

    def _texts(self, starts: np.ndarray, stops: np.ndarray) -> list[str | None]:
        """The texts as a tree gives them, stripped (None when blank), line ends as LF."""
        rows = self._rows(starts, stops, _TEXT_WIDTH)
        if rows is not None and ((rows - np.uint8(33) < 94) | (rows == 0)).all():
            return rows.view(f"S{rows.shape[1]}").ravel().astype(f"U{rows.shape[1]}").tolist()
        data = self._data  # some text is not printable ASCII without blanks
        texts = [data[a:b].decode("utf-8").strip() or None
                 for a, b in zip(starts.tolist(), stops.tolist(), strict=True)]
        if b"\r" in data:
            texts = [t.replace("\r\n", "\n").replace("\r", "\n") if t else t for t in texts]
        return texts

    def _numbers(self, starts: np.ndarray, stops: np.ndarray) -> np.ndarray:
        """:func:`~legload.readers.xml.safe.numbers` of the texts, plain ones read by numpy."""
        rows = self._rows(starts, stops, _NUMBER_WIDTH)
        if rows is not None and _NUMERIC[rows].all():
            try:
                out = rows.view(f"S{rows.shape[1]}").ravel().astype(float)
            except ValueError:  # e.g. "1-2": pandas decides
                out = None
            if out is not None and not np.signbit(out[out == 0]).any():
                out[~np.isfinite(out)] = np.nan
                return out
        return numbers(self._texts(starts, stops))


def parse_scanned(data: bytes, source: str, warnings: list[str], *, point_name: str,
                  fields: Mapping[str, str], searched: Iterable[str] = ()
                  ) -> tuple[etree._Element, PointScan | None]:
    """The root of a document's tree, and the scan of its points when the document is plain:
    then the root is the skeleton's, else the whole tree of
    :func:`~legload.readers.xml.safe.parse` (and its salvage and messages).

    Raises:
        ReadError: as :func:`~legload.readers.xml.safe.parse`.
    """
    body = prepare(data, source, warnings)
    check = _checker().submit(well_formed, body)
    scan = scan_points(body, point_name, fields, searched=searched)
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
    (errors it only logs, such as an undeclared prefix, count: a tree parse refuses them)."""
    parser = safe_parser(target=_NoTree())
    try:
        etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return False
    return len(parser.error_log) == 0


def scan_points(data: bytes, point_name: str, fields: Mapping[str, str], *,
                searched: Iterable[str] = ()) -> PointScan | None:
    """Scan of a document's points (local name ``point_name``; ``fields`` maps lower-case
    local names of their descendants to field keys), or None when the document is not plain.

    Any bytes may come: the scan of a document that is not well-formed means nothing, and
    :func:`parse_scanned` keeps it only when :func:`well_formed` accepts the document.
    ``searched`` are names the reader looks for anywhere (``trk``, ``Activity``): one inside a
    point would vanish with the point's content.
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
    """Where each tag starts and ends, whether it is an end tag, markup (``<!``, ``<?``) or
    self-closing; None when the brackets do not alternate or a tag or text is too long."""
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
    """The code of the tag starting at each of ``at`` (of ``size`` bytes of name and
    attributes) and the field ``keys`` of codes > 0; None for a name over 31 bytes or two
    names with one hash.

    Tags of at most 32 bytes are read whole as four words, others (or all, when the short
    ones differ too often by their attributes) cut at the first blank, ``/`` or ``>``; the
    words are grouped by a hash, checked against their group's and each group named once."""
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
    """Which ``positions`` lie in one of the disjoint ascending spans ``starts .. ends``."""
    owner = np.searchsorted(starts, positions, side="right") - 1
    return (owner >= 0) & (positions <= ends[np.maximum(owner, 0)])


def _skeleton(data: bytes, lt: np.ndarray, gt: np.ndarray, points: np.ndarray,
              ends: np.ndarray, lone: np.ndarray) -> bytes:
    """``data`` with each point's content replaced by its number (``<p/>`` → ``<p>n</p>``)."""
    alone = lone[points]
    cuts = np.where(alone, gt[points] - 1, gt[points] + 1).tolist()
    resumes = np.where(alone, gt[points] + 1, lt[ends]).tolist()
    numbers = [b"%d" % i for i in range(len(points))]
    for i in np.flatnonzero(alone).tolist():
        name = _NAME.match(data, int(lt[points[i]]) + 1).group()  # type: ignore[union-attr]
        numbers[i] = b">%s</%s>" % (numbers[i], name)
    kept = map(data.__getitem__, map(slice, [0, *resumes], [*cuts, len(data)]))
    return b"".join(part for pair in zip(kept, [*numbers, b""], strict=True) for part in pair)
