"""The tags of a plain XML document, found in its bytes with numpy.

In a well-formed document without a DOCTYPE, without ``>`` in text or attribute values, and
whose comments, CDATA sections and processing instructions are set aside first, every ``<``
starts a tag and the next ``>`` ends it: the two alternate. The name of each start tag is
read from the bytes after its ``<`` as 64-bit words: a short tag whole, a longer one cut at
its first delimiter, found with bit tricks. The words are grouped by a hash and checked
byte for byte against their group. Used by
:mod:`legload.readers.xml.scan`, which reads the track points of GPX and TCX files this way.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np
import pandas as pd

#: bytes of a tag name read at most (a longer name gives up the scan)
_WINDOW = 32
#: longest tag, text or comment (bytes) the scan reads: well below libxml2's limit on a tree
#: (10 MB), which a parse without a tree does not apply
_LONGEST = 1_000_000
#: 64-bit words of a tag name read at most
_WORDS = _WINDOW // 8
_ONES = np.uint64(0x0101010101010101)
_HIGH = np.uint64(0x8080808080808080)
#: the bytes of a word before lane k
_KEEP = np.array([(1 << (8 * k)) - 1 for k in range(8)], dtype=np.uint64)
_ALL = np.uint64(0xFFFFFFFFFFFFFFFF)
#: the first k bytes of a word, k = 0..8
_UPTO = np.append(_KEEP, _ALL)
#: tag names read at a time
_BLOCK = 15000
#: distinct names a hash table starts with (it grows when there are more): sized for the
#: tags rather than the names, it would take a fresh half megabyte per block
_FEW_NAMES = 256
#: multiplier of the name hash (odd, so no information is lost per step)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_LT, _GT, _SLASH, _BANG, _QUERY = 60, 62, 47, 33, 63


class Marks(NamedTuple):
    """Where the tags of a document are."""

    opens: np.ndarray  # position of each tag's "<" (int32)
    closes: np.ndarray  # position of each tag's ">" (int32)
    closing: np.ndarray  # whether each tag is an end tag
    self_closing: np.ndarray  # whether each tag ends with "/>"
    regions: np.ndarray  # where each comment, CDATA section, processing instruction starts


class Tags(NamedTuple):
    """Where the tags of a document are and what they are called."""

    marks: Marks
    inverse: np.ndarray  # the distinct name of each start tag (an index into names)
    names: list[bytes]  # the distinct names of the start tags


def tags(data: bytes) -> Tags | None:
    """The tags of ``data`` and the names of its start tags; None as :func:`marks`, or for a
    name over 31 bytes."""
    found = marks(data)
    if found is None:
        return None
    start = ~found.closing
    named = names_at(np.frombuffer(data, np.uint8), found.opens[start] + 1,
                     found.closes[start] - found.self_closing[start])
    if named is None:
        return None
    return Tags(found, *named)


def marks(data: bytes) -> Marks | None:
    """The tags of ``data``; None when it holds a DOCTYPE, more than a few comments, CDATA
    sections or processing instructions, a ``>`` in text or attribute values, text near
    libxml2's limits, or brackets that do not alternate as tags do.

    Meant for a well-formed document; any other input gives either None or tags that a
    check of the document must still confirm (the scan does so with libxml2)."""
    if len(data) >= 1 << 31:
        return None
    body = np.frombuffer(data, np.uint8)
    regions = _regions(data)
    if regions is None:
        return None
    found = _angles(body, *regions)
    if found is None:
        return None  # more tags than a day of 1 Hz points: the tree parser decides
    # every "<" starts a tag and the next ">" ends it: the two alternate, "<" first
    opens, closes = found
    if len(opens) < 2 or len(opens) != len(closes):
        return None
    if not ((body[opens] == _LT).all() and (body[closes] == _GT).all()):
        return None  # a ">" in text or in an attribute value
    if len(data) > _LONGEST and max(int((closes - opens).max()), int((opens[1:] - closes[:-1]).max()),
                                    int((regions[1] - regions[0]).max(initial=0))) > _LONGEST:
        return None  # near libxml2's limits on the tree: the tree parser decides
    lead = body[opens + 1]
    if ((lead == _BANG) | (lead == _QUERY)).any():
        return None  # a comment or the like that is not a region: not well-formed
    return Marks(opens, closes, lead == _SLASH, body[closes - 1] == _SLASH, regions[0])


#: comments, CDATA sections and processing instructions a document may hold outside its
#: points (more give up the scan: they are then likely inside the points)
_MOST_REGIONS = 256
#: "!" and "?" bytes looked at (in text, most are not markup): more give up the scan
_MOST_LOOKS = 4096
_REGION_ENDS = {b"<!--": b"-->", b"<![CDATA[": b"]]>", b"<?": b"?>"}


def _regions(data: bytes) -> tuple[np.ndarray, np.ndarray] | None:
    """Start and end (exclusive) of every comment, CDATA section and processing instruction,
    in document order; None for a DOCTYPE or more than a few of them."""
    marked: list[int] = []
    looked = 0
    for byte in (b"!", b"?"):  # rare bytes: found one by one, each checked for a "<" before
        at = data.find(byte, 1)
        while at != -1:
            looked += 1
            if data[at - 1] == _LT:
                marked.append(at - 1)
            if len(marked) > _MOST_REGIONS or looked > _MOST_LOOKS:
                return None
            at = data.find(byte, at + 1)
    found: list[tuple[int, int]] = []
    end = 0
    for at in sorted(marked):
        if at < end:
            continue  # inside the region before
        lead = next((lead for lead in _REGION_ENDS if data.startswith(lead, at)), None)
        if lead is None:
            return None  # a DOCTYPE
        end = data.find(_REGION_ENDS[lead], at + len(lead))
        if end == -1:
            return None
        end += len(_REGION_ENDS[lead])
        found.append((at, end))
    starts = np.array([a for a, _ in found], dtype=np.int64)
    ends = np.array([b for _, b in found], dtype=np.int64)
    return starts, ends


def _outside(positions: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The ``positions`` (ascending) in none of the ranges ``starts[i] : ends[i]`` (ascending,
    disjoint)."""
    lo = np.searchsorted(positions, starts).tolist()
    hi = np.searchsorted(positions, ends).tolist()
    kept = [positions[b:a] for a, b in zip([*lo, len(positions)], [0, *hi], strict=True) if a > b]
    if len(kept) == 1:
        return kept[0]
    return np.concatenate(kept) if kept else positions[:0]


#: brackets (two per tag) the scan reads at most, which bounds its arrays: a day of 1 Hz TCX
#: points has some 3.5 million, and a hostile nesting of millions of elements goes no further
_MOST_MARKS = 6_000_000
#: bytes of the document searched at a time: the temporaries stay small enough to be reused
#: rather than mapped afresh (a page fault per 4 KiB costs more than the search)
_CHUNK = 1 << 16


def _angles(body: np.ndarray, starts: np.ndarray, ends: np.ndarray
            ) -> tuple[np.ndarray, np.ndarray] | None:
    """Positions (int32, ascending) of every ``<`` and ``>`` in ``body`` outside the ranges
    ``starts[i] : ends[i]`` (``b | 2 == 0x3E`` holds for exactly those two bytes), split
    alternately: the first, third, … and the second, fourth, …; None for more than
    ``_MOST_MARKS`` of them."""
    odd: list[np.ndarray] = []
    even: list[np.ndarray] = []
    count = 0
    for i in range(0, len(body), _CHUNK):
        found = np.flatnonzero((body[i : i + _CHUNK] | 2) == _GT).astype(np.int32) + i
        if len(starts):
            found = _outside(found, starts, ends)
        first = count & 1  # where this chunk's odd-numbered marks start
        odd.append(found[first::2])
        even.append(found[1 - first :: 2])
        count += len(found)
        if count > _MOST_MARKS:
            return None
    if not odd:
        return np.zeros(0, np.int32), np.zeros(0, np.int32)
    return np.concatenate(odd), np.concatenate(even)


def names_at(body: np.ndarray, at: np.ndarray, ends: np.ndarray
             ) -> tuple[np.ndarray, list[bytes]] | None:
    """The name of each tag whose name starts at ``at`` (an index into the distinct names),
    and the distinct names; None for a name of more than 31 bytes.

    ``ends`` is where each tag's name and attributes end (its ``>``, or the ``/`` of
    ``/>``). A tag of at most 16 such bytes, most tags, is read whole as two words, and
    named once per distinct content. The others are read 8 bytes at a time as
    little-endian 64-bit words, and the first delimiter (a byte up to space, ``/`` or ``>``)
    is found in all words at once with the usual bit tricks: for a word ``x``,
    ``(x - 0x0101…01 * n) & ~x & 0x8080…80`` flags the bytes below ``n``, and its lowest flag
    is exact (a borrow only runs upwards from a flagged byte). Either way the words are
    grouped by a hash and every tag's words are compared with its group's representative,
    so a collision cannot merge names within a block; across blocks, names are told apart
    by their bytes.
    """
    words = Words(body)
    names: dict[bytes, int] = {}
    parts = []

    def assign(inverse: np.ndarray, which: np.ndarray, read: tuple[np.ndarray, list[bytes]]) -> None:
        codes, found = read
        table = np.array([names.setdefault(name, len(names)) for name in found], np.int32)
        inverse[which] = table[codes]

    for begin in range(0, len(at), _BLOCK):  # a block at a time: small temporaries, reused
        block = at[begin : begin + _BLOCK]
        inverse = np.empty(len(block), np.int32)
        size = ends[begin : begin + _BLOCK] - block
        short = np.flatnonzero(size <= 16)
        read = _short_names(words, block[short], size[short])
        if read is None:  # too many distinct short tags: all cut at their delimiter
            rest = np.arange(len(block))
        else:
            assign(inverse, short, read)
            rest = np.flatnonzero(size > 16)
        if len(rest):
            read = _delimited_names(words, block[rest])
            if read is None:
                return None
            assign(inverse, rest, read)
        parts.append(inverse)
    return (np.concatenate(parts) if parts else np.zeros(0, np.int32)), list(names)


#: distinct short tags named one by one at most (more: their names are cut in bulk)
_MOST_CONTENTS = 2048
_NAME = re.compile(rb"[^\x00-\x20/>]*")


def _short_names(words: Words, at: np.ndarray, size: np.ndarray
                 ) -> tuple[np.ndarray, list[bytes]] | None:
    """Names of tags of at most 16 bytes of name and attributes: their content as two
    words, grouped, and the name cut from each distinct content; None for too many
    distinct contents or a collision."""
    head = words.at(at) & _UPTO[np.clip(size, 0, 8)]
    tail = np.zeros(len(at), np.uint64)
    two = np.flatnonzero(size > 8)
    tail[two] = words.at(at[two] + 8) & _UPTO[size[two] - 8]
    grouped = _grouped([head, tail], most=_MOST_CONTENTS)
    if grouped is None:
        return None
    inverse, spelled = grouped
    return inverse, [_NAME.match(_joined(words_of)).group()  # type: ignore[union-attr]
                     for words_of in spelled]


def _delimited_names(words: Words, at: np.ndarray) -> tuple[np.ndarray, list[bytes]] | None:
    """Names of tags cut at the first delimiter after ``at``; None for a name longer than
    the words read, or a collision."""
    columns = _cut_words(words, at)
    if columns is None:
        return None  # a name longer than the words read
    grouped = _grouped(columns)
    if grouped is None:
        return None
    inverse, spelled = grouped
    return inverse, [_joined(words_of) for words_of in spelled]


def _grouped(columns: list[np.ndarray], most: int | None = None
             ) -> tuple[np.ndarray, list[tuple[int, ...]]] | None:
    """Rows of equal words (``columns[j][i]`` is word j of row i) grouped by a hash: the
    group of each row, and each group's words. None for more than ``most`` groups,
    or two different rows with one hash (every row is compared with its group's)."""
    hashed = columns[0].copy()
    for column in columns[1:]:
        hashed = hashed * _MIX + column
    inverse, distinct = pd.factorize(hashed, size_hint=_FEW_NAMES)
    if most is not None and len(distinct) > most:
        return None
    first = np.empty(len(distinct), np.int64)
    first[inverse] = np.arange(len(hashed))  # a member of each group, whichever
    if not all((column == column[first][inverse]).all() for column in columns):
        return None  # two rows with one hash
    spelled = list(zip(*(column[first].tolist() for column in columns), strict=True))
    return inverse, spelled


def _joined(words: tuple[int, ...]) -> bytes:
    """The bytes of little-endian words, without the zeros after their end."""
    return b"".join(word.to_bytes(8, "little") for word in words).rstrip(b"\0")


def _cut_words(words: Words, at: np.ndarray) -> list[np.ndarray] | None:
    """The ``_WORDS`` words of the name starting at each of ``at``, zero from its end on;
    None for a name longer than that."""
    count = len(at)
    columns: list[np.ndarray] = []
    alive = np.arange(count)
    for j in range(_WORDS):
        if not len(alive):
            columns.append(np.zeros(count, np.uint64))
            continue
        word = words.at(at + 8 * j if j == 0 else at[alive] + 8 * j)
        flags = _below(word, 33) | _below(word ^ _ONES * np.uint64(_SLASH), 1) \
            | _below(word ^ _ONES * np.uint64(_GT), 1)
        hit = flags != 0
        lowest = flags & (~flags + np.uint64(1))
        lane = ((np.frexp(lowest.astype(np.float64))[1] - 1) >> 3) & 7
        word &= np.where(hit, _KEEP[lane], _ALL)
        if j == 0:
            columns.append(word)
        else:
            column = np.zeros(count, np.uint64)
            column[alive] = word
            columns.append(column)
        alive = alive[~hit]
    return None if len(alive) else columns


class Words:
    """The 8 bytes from any position of a byte array as a little-endian 64-bit word (zeros
    past its end), without copying the array."""

    def __init__(self, body: np.ndarray) -> None:
        size = len(body)
        self.limit = size - 8  # the last position with 8 bytes after it
        self.stream = np.ndarray(shape=(max(size - 7, 0),), dtype="<u8", buffer=body, strides=(1,))
        self.tail_from = max(size - 64, 0)
        tail = np.concatenate([body[self.tail_from :], np.zeros(72, np.uint8)])
        self.tail = np.ndarray(shape=(len(tail) - 7,), dtype="<u8", buffer=tail, strides=(1,))

    def at(self, positions: np.ndarray) -> np.ndarray:
        near = positions > self.limit
        if not near.any():
            return self.stream[positions].astype(np.uint64, copy=False)
        words = np.zeros(len(positions), np.uint64)
        far = ~near
        words[far] = self.stream[positions[far]]
        words[near] = self.tail[positions[near] - self.tail_from]
        return words


def _below(word: np.ndarray, n: int) -> np.ndarray:
    """Flags (0x80 of a byte) of the bytes of ``word`` below ``n`` (1..128); the lowest is exact."""
    return (word - _ONES * np.uint64(n)) & ~word & _HIGH


__all__ = ["Marks", "Tags", "Words", "marks", "names_at", "tags"]
