"""The fields of GPX/TCX track points, read in bulk from the safely parsed tree.

Walking every element of every point in Python is what made reading slow, so the values are
gathered with a few passes that run inside lxml and pandas:

1. Every element below the points' parents (``<trkseg>``, ``<Track>``) in document order,
   from one ``iter`` per parent: a point's descendants follow it directly.
2. Their tags, mapped to a field by lower-case local name once per distinct tag (any or no
   namespace, and a prefix kept in the tag by a recovering parse, as
   :func:`~legload.readers.xml.safe.collect` does), and the index of the point each lies in.
3. The texts of the elements that map to a field; numeric ones joined and parsed in one call
   to the C CSV parser when they are plain numbers, which gives the same floats as
   ``pandas.to_numeric``.

The result is that of :func:`~legload.readers.xml.safe.collect` followed by
:func:`~legload.readers.xml.safe.numbers`: per point and field, the first element with
non-blank text wins. Layouts this does not cover (a parent holding anything besides points,
points nested in points) are read by ``collect`` itself.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from itertools import islice
from operator import attrgetter, itemgetter, methodcaller

import numpy as np
import pandas as pd
from lxml import etree

from legload.readers.xml.safe import collect, local_name, numbers

#: the only bytes of texts handed to the CSV parser, which reads such plain decimal numbers
#: exactly as ``pandas.to_numeric`` does (anything else goes to ``to_numeric`` itself)
_NUMBER_BYTES = b"0123456789.eE+-\n"
_TAG = attrgetter("tag")
_TEXT = attrgetter("text")


class PointFields:
    """Values of the fields of ``n`` track points, one entry per point.

    Attributes:
        n: number of points.
        texts: stripped text (None where absent or blank) of each text field seen.
        values: floats (NaN where absent, blank or not a finite number) of each other
            field seen, in the order the fields first occur in the file.
    """

    __slots__ = ("n", "texts", "values")

    def __init__(self, n: int, texts: dict[str, list[str | None]],
                 values: dict[str, np.ndarray]) -> None:
        self.n = n
        self.texts = texts
        self.values = values


def point_fields(
    points: Sequence[etree._Element],
    point_name: str,
    fields: Mapping[str, str],
    *,
    text_keys: Iterable[str] = ("time",),
) -> PointFields:
    """Per-point values of ``fields`` (lower-case local name → key) below ``points``.

    Args:
        points: the points, in document order, as ``find_all(part, point_name)`` gives them.
        point_name: local name of a point (``trkpt``, ``Trackpoint``).
        fields: lower-case local names of point descendants → field key.
        text_keys: keys kept as text (times); every other key is converted to floats.
    """
    keep_text = frozenset(text_keys)
    n = len(points)
    gathered = _gather(points, point_name, fields) if point_name.lower() not in fields else None
    if gathered is None:
        n, text = collect(points, fields)
        return PointFields(
            n,
            {k: v for k, v in text.items() if k in keep_text},
            {k: numbers(v) for k, v in text.items() if k not in keep_text},
        )
    texts, codes, owner, keys = gathered
    present = np.unique(codes).tolist()
    order = sorted(present, key=lambda code: int(np.argmax(codes == code)))  # as first met
    numeric = [code for code in order if keys[code] not in keep_text]
    parsed: np.ndarray | None = None
    numeric_at = np.flatnonzero(np.isin(codes, numeric))
    if len(numeric_at):
        parsed = _parse_numbers(_pick(texts, numeric_at))
    out_texts: dict[str, list[str | None]] = {}
    out_values: dict[str, np.ndarray] = {}
    for code in order:
        key = keys[code]
        if parsed is not None and code in numeric:
            mine = codes[numeric_at] == code
            out_values[key] = _first_values(parsed[mine], owner[numeric_at[mine]], n)
            continue
        spots = np.flatnonzero(codes == code)
        column = _first_texts(_pick(texts, spots), owner[spots], n)
        if key in keep_text:
            out_texts[key] = column
        else:
            out_values[key] = numbers(column)
    return PointFields(n, out_texts, out_values)


def _pick(items: list, spots: np.ndarray) -> list:
    """``items`` at positions ``spots``."""
    if len(spots) == 0:
        return []
    if len(spots) == 1:
        return [items[int(spots[0])]]
    return list(itemgetter(*spots.tolist())(items))


def attribute_numbers(points: Sequence[etree._Element], *names: str) -> list[np.ndarray]:
    """Floats of each attribute in ``names`` of every point, exactly as ``numbers`` reads them."""
    raw = [list(map(methodcaller("get", name), points)) for name in names]
    parsed = _parse_numbers([text for values in raw for text in values])
    if parsed is None:
        return [numbers(values) for values in raw]
    return [parsed[i * len(points) : (i + 1) * len(points)] for i in range(len(names))]


# --- internals ------------------------------------------------------------------------------

#: elements handled per step: their proxies are dropped before the next step is read
_CHUNK = 512


def _gather(
    points: Sequence[etree._Element], point_name: str, fields: Mapping[str, str]
) -> tuple[list[str | None], np.ndarray, np.ndarray, list[str | None]] | None:
    """Texts of the field elements below the points, in document order.

    Returns the texts, the field code of each (``keys[code]`` is its key), the point each
    lies in, and ``keys``; None when a parent of the points holds anything besides points
    (elements between points could then be taken for part of one) or when points are nested.
    """
    table = _TagCodes(point_name, fields)
    texts: list[str | None] = []
    codes: list[np.ndarray] = []
    owners: list[np.ndarray] = []
    seen = 0  # points met
    i, n = 0, len(points)
    while i < n:
        parent = points[i].getparent()
        if parent is None:
            return None
        count = len(parent)  # children of every kind, comments included
        if i + count > n or parent[0] is not points[i] or parent[-1] is not points[i + count - 1]:
            return None
        if sum(1 for _ in parent.iterchildren("{*}" + point_name)) != count:
            return None
        walk = parent.iter(etree.Element)
        next(walk)  # the parent itself
        while chunk := list(islice(walk, _CHUNK)):
            code = np.fromiter(map(table.__getitem__, map(_TAG, chunk)), dtype=np.int8,
                               count=len(chunk))
            is_point = code == 0
            owner = seen - 1 + np.cumsum(is_point)
            seen += int(np.count_nonzero(is_point))
            spots = np.flatnonzero(code > 0)
            texts.extend(map(_TEXT, _pick(chunk, spots)))
            codes.append(code[spots])
            owners.append(owner[spots])
        i += count
    if seen != n:  # points inside points
        return None
    if not texts:
        return texts, np.zeros(0, np.int8), np.zeros(0, np.int64), table.keys
    return texts, np.concatenate(codes), np.concatenate(owners), table.keys


class _TagCodes(dict):
    """Tag → code: 0 for a point, ``c > 0`` for field ``keys[c]``, -1 for anything else."""

    def __init__(self, point_name: str, fields: Mapping[str, str]) -> None:
        super().__init__()
        self.point_name = point_name
        self.fields = fields
        self.keys: list[str | None] = [None]

    def __missing__(self, tag: str) -> int:
        if tag.rpartition("}")[2] == self.point_name:
            code = 0
        else:
            key = self.fields.get(local_name(tag).lower())
            if key is None:
                code = -1
            else:
                if key not in self.keys:
                    self.keys.append(key)
                code = self.keys.index(key)
        self[tag] = code
        return code


def _parse_numbers(texts: list[str | None]) -> np.ndarray | None:
    """Floats of plain decimal texts (non-finite → NaN), or None when any is not plain."""
    if not texts:
        return np.zeros(0)
    try:
        joined = "\n".join(texts)  # type: ignore[arg-type]  # None raises TypeError
    except TypeError:
        return None
    try:
        raw = joined.encode("ascii")
    except UnicodeEncodeError:
        return None
    if raw.translate(None, _NUMBER_BYTES) or not raw or raw[0] == 10 or raw[-1] == 10 or b"\n\n" in raw:
        return None  # not only plain numbers, or a blank one
    try:
        frame = pd.read_csv(
            io.StringIO(joined), header=None, names=["v"], dtype=np.float64, engine="c",
            na_filter=False, skip_blank_lines=False,
        )
    except ValueError:
        return None
    out = frame["v"].to_numpy(dtype=float, copy=True)
    if len(out) != len(texts):
        return None
    out[~np.isfinite(out)] = np.nan
    return out


def _first_values(values: np.ndarray, owner: np.ndarray, n: int) -> np.ndarray:
    """One float per point: the first value of each point (all values are non-blank)."""
    out = np.full(n, np.nan)
    if len(owner) > 1 and not (np.diff(owner) > 0).all():
        first = np.r_[True, owner[1:] != owner[:-1]]
        values, owner = values[first], owner[first]
    out[owner] = values
    return out


def _first_texts(texts: list[str | None], owner: np.ndarray, n: int) -> list[str | None]:
    """One stripped text per point: the first non-blank one, else None."""
    if len(texts) == n and n and owner[-1] == n - 1 and (np.diff(owner) == 1).all():
        try:
            stripped = [text.strip() for text in texts]  # type: ignore[union-attr]
        except AttributeError:  # a None among them
            stripped = None
        if stripped is not None and all(stripped):
            return stripped  # type: ignore[return-value]
    out: list[str | None] = [None] * n
    for text, index in zip(texts, owner.tolist(), strict=True):
        if text is not None and out[index] is None:
            text = text.strip()
            if text:
                out[index] = text
    return out


__all__ = ["PointFields", "attribute_numbers", "point_fields"]
