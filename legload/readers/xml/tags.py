"""Tags of an XML document found by numpy in its bytes, for :mod:`.scan`: start tags named by
local name (as :func:`~legload.readers.xml.safe.find_all` matches), texts of the document taken
by arrow (a field's text runs from its start tag's ``>`` to the next ``<``)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
from numpy.lib.stride_tricks import sliding_window_view

from legload.readers.xml.samples import PointNames

NAME = re.compile(rb"[^\x00-\x20/>]*")
#: code of a tag's name: a point, a name the reader searches for, anything else (fields > 0)
POINT, SEARCHED, OTHER = 0, -2, -1
#: bytes of a tag read for its name; the low k bytes (k = 0..8) of a word; the mark of a key
#: of a name over 16 bytes; distinct tags (name and attributes) named one by one at most
_NAME_BYTES, _COLUMNS = 32, np.arange(32, dtype=np.uint8)
_LOW, _MARK, _MOST = np.array([(1 << (8 * k)) - 1 for k in range(9)], np.uint64), np.uint64(1 << 62), 512


def take_texts(piece: bytes, starts: np.ndarray, stops: np.ndarray, order: np.ndarray) -> pa.LargeStringArray:
    """The texts ``starts .. stops`` (ascending, disjoint) of the piece in the ``order`` given, taken
    by arrow into one array from the piece cut at them (text ``k`` item ``2k``, gaps between)."""
    bounds = np.column_stack([starts, stops]).ravel().astype(np.int64) if len(starts) else np.zeros(1, int)
    cut = pa.LargeStringArray.from_buffers(len(bounds) - 1, pa.py_buffer(bounds), pa.py_buffer(piece))
    return cut.take(2 * order)


class Names:
    """The code of each start tag by its local name: the point, a name the reader searches
    for, a field (its index in :attr:`keys`) or anything else; each distinct name is read once
    and kept across the pieces of a document."""

    def __init__(self, names: PointNames) -> None:
        self.point_name, self.fields, self.searched = names.name, names.fields, names.searched
        self.keys: list[str | None] = [None]
        self.known: dict[bytes, int | None] = {}

    def codes(self, piece: bytes, arr: np.ndarray, at: np.ndarray, stop: np.ndarray
              ) -> np.ndarray | None:
        """Codes of the start tags spanning ``at`` .. ``stop`` (their ``>``) in ``arr`` (``piece``,
        32 zero bytes after it when a tag starts near its end); None for a name over 31 bytes. A
        tag of at most 16 bytes is keyed by its bytes, a longer one (or all, when the short ones
        differ too often by their attributes) by its name: two words that pandas groups exactly
        (as a complex), each group named once."""
        size = stop - at
        words = np.ndarray((len(arr) - 7,), "<u8", arr, strides=(1,))
        key = np.empty((len(at), 2), np.uint64)
        key[:, 0] = words[at] & _LOW[np.minimum(size, 8)]
        key[:, 1] = words[at + 8] & _LOW[np.clip(size - 8, 0, 8)]
        cut = size > 16
        for _ in range(2):
            if cut.any():
                named = _name_keys(arr, at[cut])
                if named is None:
                    return None
                key[cut] = named
            inverse, unique = pd.factorize(key.view(np.complex128).ravel())
            if len(unique) <= _MOST:
                break
            cut = np.ones(len(at), bool)
        if np.isnan(unique).any():  # not bytes of a name
            return None
        first = np.empty(len(unique), np.int64)
        first[inverse] = np.arange(len(inverse))  # a tag of each group, whichever
        table = [self.code(NAME.match(piece, a).group()) for a in at[first].tolist()]  # type: ignore[union-attr]
        return None if None in table else np.array(table, np.int64)[inverse]

    def code(self, name: bytes) -> int | None:
        """The code of a tag name (None when it is not UTF-8)."""
        if name not in self.known:
            try:
                local = name.decode().rpartition(":")[2]
            except UnicodeDecodeError:
                return None
            key = self.fields.get(local.lower())
            kind = POINT if local == self.point_name else SEARCHED if local in self.searched else None
            kind = OTHER if kind is None and key is None else kind
            self.keys += [key] if kind is None and key not in self.keys else []
            self.known[name] = self.keys.index(key) if kind is None else kind
        return self.known[name]


def _name_keys(arr: np.ndarray, at: np.ndarray) -> np.ndarray | None:
    """Two words that key the names of the tags at ``at`` exactly: the name's bytes when it
    has at most 16, else the groups of its first and last 16 bytes (marked); None for a
    name over 31 bytes."""
    rows = sliding_window_view(arr, _NAME_BYTES)[at]
    blank = (rows <= 32) | (rows == ord("/")) | (rows == ord(">"))
    if not blank.any(axis=1).all():
        return None
    rows *= blank.argmax(axis=1).astype(np.uint8)[:, None] > _COLUMNS
    words = rows.view(np.uint64)
    key = words[:, :2].copy()
    longer = np.flatnonzero(words[:, 2])
    if len(longer):  # the mark has a zero byte before a non-zero one: never a name's bytes
        for half in (0, 1):
            halves = np.ascontiguousarray(words[longer, 2 * half : 2 * half + 2]).view("V16")
            key[longer, half] = np.unique(halves.ravel(), return_inverse=True)[1]
        key[longer, 1] |= _MARK
    return key


def inside(positions: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The index of the span ``starts .. ends`` (disjoint, ascending) that holds each of
    ``positions``, or -1."""
    if len(starts) == 0:
        return np.full(len(positions), -1)
    owner = np.searchsorted(starts, positions, side="right") - 1
    return np.where((owner >= 0) & (positions <= ends[np.maximum(owner, 0)]), owner, -1)


__all__ = ["NAME", "POINT", "SEARCHED", "Names", "inside", "take_texts"]
