"""Tags and texts found in the bytes of an XML document by numpy, for :mod:`.scan`.

numpy finds every ``<`` and ``>``; in a plain document they alternate, each pair a tag. Tags
are named once per distinct content by local name (after the last ``:``, as
:func:`~legload.readers.xml.safe.find_all` matches). A field's text is the bytes from its
start tag's ``>`` to the next ``<``; numbers are read by numpy, times by pandas.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd
from numpy.lib.stride_tricks import sliding_window_view

from legload.readers.xml.safe import numbers

#: limits of the scan, well below libxml2's on a tree (256 levels, 10 MB texts)
DEEPEST, _LONGEST = 128, 1_000_000
#: bytes of a tag read for its name; widest number and time read from a byte matrix
_NAME_BYTES, _NUMBER_WIDTH, _TEXT_WIDTH = 32, 24, 64
NAME = re.compile(rb"[^\x00-\x20/>]*")
_LT, _GT, _SLASH, _BANG, _QUERY, AMP = 60, 62, 47, 33, 63, 38
SPACE, QUOTE, APOSTROPHE, EQUALS = 32, 34, 39, 61
#: code of a tag's name: a point, a name the reader searches for, anything else (fields > 0)
POINT, SEARCHED, OTHER = 0, -2, -1
_COLUMNS = np.arange(_NAME_BYTES, dtype=np.uint8)
#: the first k bytes (k = 0..32) of a tag as four 8-byte words
_UPTO = np.array([(1 << (8 * min(max(k - w, 0), 8))) - 1 for k in range(_NAME_BYTES + 1)
                  for w in range(0, _NAME_BYTES, 8)], np.uint64).reshape(-1, 4)
#: distinct tags (name and attributes) named one by one at most
_MOST_NAMES = 512
#: bytes of a plain number, and the zeros after a text in its row of the byte matrix
_NUMERIC = np.zeros(256, bool)
_NUMERIC[[0, *b"0123456789.eE-"]] = True  # no "+": pandas reads "+1E-23" otherwise
#: multipliers of the four words of a name in its hash
_MIX = np.array([1, 0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9], np.uint64)



def text_rows(data: bytes, starts: np.ndarray, stops: np.ndarray, widest: int) -> np.ndarray | None:
    """The texts as a byte matrix, a text a row, zeros after its end; None when one is
    empty or wider than ``widest``."""
    arr = np.frombuffer(data, np.uint8)
    sizes = stops - starts
    width = int(sizes.max(initial=0))
    if not 0 < width <= widest or sizes.min() <= 0 or starts.max() + width > len(arr):
        return None
    rows = sliding_window_view(arr, width)[starts]
    rows *= np.arange(width) < sizes[:, None]
    return rows


def texts_at(data: bytes, starts: np.ndarray, stops: np.ndarray) -> list[str | None]:
    """The texts as a tree gives them, stripped (None when blank), line ends as LF."""
    rows = text_rows(data, starts, stops, _TEXT_WIDTH)
    if rows is not None and ((rows - np.uint8(33) < 94) | (rows == 0)).all():
        return rows.view(f"S{rows.shape[1]}").ravel().astype(f"U{rows.shape[1]}").tolist()
    texts = [data[a:b].decode("utf-8", "replace").strip() or None  # not all printable ASCII without blanks
             for a, b in zip(starts.tolist(), stops.tolist(), strict=True)]
    return [t.replace("\r\n", "\n").replace("\r", "\n") if t and "\r" in t else t for t in texts]


def numbers_at(data: bytes, starts: np.ndarray, stops: np.ndarray, *, blanks: bool = True
             ) -> np.ndarray:
    """:func:`~legload.readers.xml.safe.numbers` of the texts, plain ones read by numpy;
    None when ``blanks`` is false and a text has blanks around or in it."""
    rows = text_rows(data, starts, stops, _NUMBER_WIDTH)
    if rows is not None and _NUMERIC[rows].all():
        try:
            out = rows.view(f"S{rows.shape[1]}").ravel().astype(float)
        except ValueError:  # e.g. "1-2": pandas decides
            out = None
        if out is not None and not np.signbit(out[out == 0]).any():
            out[~np.isfinite(out)] = np.nan
            return out
    if not blanks:
        raw = (data[a:b].decode("utf-8", "replace")
               for a, b in zip(starts.tolist(), stops.tolist(), strict=True))
        if any(t and (t.strip() != t or len(t.split()) != 1) for t in raw):
            return None  # type: ignore[return-value]
    return numbers(texts_at(data, starts, stops))


def find_tags(arr: np.ndarray) -> tuple[np.ndarray, ...] | None:
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


def tag_codes(arr: np.ndarray, at: np.ndarray, size: np.ndarray, point_name: str,
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
    stream = np.ndarray((len(arr) - _NAME_BYTES + 1,), f"S{_NAME_BYTES}", arr, strides=(1,))
    whole = stream[at].view("<u8").reshape(-1, 4) & _UPTO[np.minimum(size, _NAME_BYTES)]
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
    table = np.full(len(hashes), OTHER, np.int64)
    for i, row in enumerate(words[first]):
        try:
            local = NAME.match(row.tobytes()).group().decode().rpartition(":")[2]  # type: ignore[union-attr]  # always matches
        except UnicodeDecodeError:
            return None
        key = fields.get(local.lower())
        if local == point_name:
            table[i] = POINT
        elif local in searched:
            table[i] = SEARCHED
        elif key is not None:
            if key not in keys:
                keys.append(key)
            table[i] = keys.index(key)
    return table[inverse], keys


def inside(positions: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Which ``positions`` lie in one of the disjoint ascending spans ``starts .. ends``."""
    if len(starts) == 0:
        return np.zeros(len(positions), bool)
    owner = np.searchsorted(starts, positions, side="right") - 1
    return (owner >= 0) & (positions <= ends[np.maximum(owner, 0)])


__all__ = ["AMP", "APOSTROPHE", "DEEPEST", "EQUALS", "NAME", "OTHER", "POINT", "QUOTE", "SEARCHED", "SPACE",
           "find_tags", "inside", "numbers_at", "tag_codes", "text_rows", "texts_at"]
