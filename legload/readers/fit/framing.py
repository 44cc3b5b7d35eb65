"""FIT framing: where each data message of a file lies, and which definition it follows.

Framing walks the record headers, which is sequential by nature: a message's length is only
known from its header and the definition in force for its local message type. The walk is
one table lookup per message (header byte → message length and the list of its definition's
messages, rebuilt when a definition message changes a local type), so each message is put
with its definition as it is met; a run of three or more consecutive messages that share one
header is measured at once with a strided numpy comparison. Which definition a run, or a
message with a compressed-timestamp header, follows is worked out afterwards with numpy from
where the definitions came.
"""

from __future__ import annotations

import struct

import numpy as np
from garmin_fit_sdk import fit as sdk_fit

from legload.errors import Damage
from legload.readers.fit.fields import Definition

_BASE = sdk_fit.BASE_TYPE_DEFINITIONS
#: definitions as spelled in files (local flags and bytes) → what they define, kept for the
#: next file: an import meets the same few per device model
_SPELLED: dict[tuple[int, bytes], tuple] = {}
_MOST_SPELLED = 4096


class FitDamage(Damage):
    """Raised inside the decoder where the byte stream stops making sense (a
    :class:`~legload.errors.Damage`: the reader's entry point names the file)."""


class Framing:
    """What framing found: the distinct definitions (a definition repeated in the file, as
    some devices do before every few messages, is one), for each the payload byte of every
    message that follows it, and the compressed-timestamp headers."""

    def __init__(self) -> None:
        self.defs: list[Definition] = []
        self.parts: list[list[Piece]] = []  # per definition key: payload bytes, in pieces
        self.compressed: list[tuple[int, int]] = []  # (payload byte, 5-bit time offset)
        self._by_bytes: dict[tuple[int, bytes], Definition] = {}
        self._by_content: dict[tuple, Definition] = {}

    def definition(self, data: bytes, pos: int, end: int) -> tuple[Definition, int]:
        """The definition message at ``pos`` (the one already met when its bytes repeat),
        and where the next message starts."""
        header = data[pos]
        cursor = pos + 6 + 3 * data[pos + 5] if pos + 6 <= end else end + 1
        if header & 0x20 and cursor < end:
            cursor += 1 + 3 * data[cursor]
        spelled = (header & 0x20, bytes(data[pos + 1:cursor])) if cursor <= end else None
        known = self._by_bytes.get(spelled) if spelled else None
        if known is not None:
            return known, cursor
        content = _SPELLED.get(spelled) if spelled else None
        if content is None:
            d, cursor = read_definition(data, pos, end, len(self.defs))
            content = (d.global_num, d.big_endian, tuple(d.fields), tuple(d.dev_fields), d.size)
            if spelled:
                if len(_SPELLED) >= _MOST_SPELLED:
                    _SPELLED.clear()
                _SPELLED[spelled] = content
        same = self._by_content.get(content)
        if same is None:
            global_num, big, fields, dev_fields, size = content
            same = self._by_content[content] = Definition(
                len(self.defs), global_num, size, big, list(fields), list(dev_fields))
            self.defs.append(same)
            self.parts.append([])
        if spelled:
            self._by_bytes[spelled] = same
        return same, cursor

    def used(self) -> list[int]:
        """Keys of the definitions that have messages, in the order their messages first come."""
        return sorted((key for key, parts in enumerate(self.parts) if parts),
                      key=lambda k: self.parts[k][0].first())

    def offsets(self, key: int) -> np.ndarray:
        """Byte position of the payload of every message of definition ``key``, in file order."""
        parts = [piece.array() for piece in self.parts[key]]
        if not parts:
            return np.array([], dtype=np.int64)
        return parts[0] if len(parts) == 1 else np.concatenate(parts)


class Piece:
    """The payload positions of one walk's messages of a definition: its single messages'
    header positions as the walk met them, and arrays of payload positions (runs, compressed
    headers), made into one array when first asked for: the messages of a definition that
    is not decoded (HRV beside the records) are never numbered."""

    __slots__ = ("_array", "arrays", "singles")

    def __init__(self, singles: list[int]) -> None:
        self.singles, self.arrays = singles, []
        self._array: np.ndarray | None = None

    def first(self) -> int:
        """The payload position of the first message."""
        firsts = [int(a[0]) for a in self.arrays]
        return min([self.singles[0] + 1, *firsts] if self.singles else firsts)

    def array(self) -> np.ndarray:
        """Every payload position, in file order."""
        if self._array is None:
            parts = [np.fromiter(self.singles, dtype=np.int64, count=len(self.singles)) + 1] \
                if self.singles else []
            parts += self.arrays
            self._array = parts[0] if len(parts) == 1 else \
                np.sort(np.concatenate(parts), kind="stable")  # sorted pieces: merged
        return self._array


class _Walk:
    """The messages one walk over a file's records found: per definition key, the header
    position of each single message with a normal header, in file order; the header
    position of each single message with a compressed-timestamp header; runs (first header,
    count, length); and the definitions met (header position, local type, definition key)."""

    def __init__(self) -> None:
        self.keyed: dict[int, list[int]] = {}
        self.singles: list[int] = []  # compressed-timestamp headers
        self.runs: list[tuple[int, int, int]] = []
        self.events: list[tuple[int, int, int]] = []


def frame(data: bytes, pos: int, end: int, found: Framing) -> None:
    """Walk record headers from ``pos`` to ``end``; add where each data message lies to
    ``found``. Raises :class:`FitDamage` where the walk cannot go on; the messages before
    are added all the same."""
    walk = _Walk()
    try:
        _walk(data, pos, end, found, walk)
    finally:
        _assign(data, walk, found)


def _walk(data: bytes, pos: int, end: int, found: Framing, walk: _Walk) -> None:
    # header byte → (message length, the list its single messages go to); 0: a definition,
    # or undefined
    table: list[tuple[int, list[int]]] = [(0, walk.singles)] * 256
    view = np.frombuffer(data, dtype=np.uint8)
    bounded = data[:end]  # a header read past ``end`` raises IndexError: the walk is done
    while pos < end:
        header = data[pos]
        step, into = table[header]
        try:
            while step:  # data messages, one after the other
                into.append(pos)
                pos += step
                following = bounded[pos]
                if following == header and pos + step < end and bounded[pos + step] == header:
                    pos += step * _add_run(walk, bounded, view, pos, end, step, header)
                    following = bounded[pos]
                header = following
                step, into = table[header]
        except IndexError:
            if pos > end:  # the last message runs past the end: it is not one
                into.pop()
                raise FitDamage(f"truncated message at byte {pos - step}") from None
            break
        if header & 0xC0 != 0x40:
            local = (header >> 5) & 0x03 if header & 0x80 else header & 0x0F
            raise FitDamage(f"undefined local message type {local} at byte {pos}")
        d, pos = found.definition(data, pos, end)
        local = header & 0x0F
        keyed = (1 + d.size, walk.keyed.setdefault(d.key, []))
        for h in (local, local | 0x10, local | 0x20, local | 0x30):
            table[h] = keyed
        if local < 4:  # compressed timestamp headers name local types 0 to 3
            first = 0x80 | (local << 5)
            table[first:first + 32] = [(1 + d.size, walk.singles)] * 32
        walk.events.append((pos, local, d.key))


def _add_run(walk: _Walk, data: bytes, view: np.ndarray, pos: int, end: int, step: int,
             header: int) -> int:
    """Add the run of messages with one header starting at ``pos``; returns their count."""
    count = _run_length(data, view, pos, end, step, header)
    if count:
        walk.runs.append((pos, count, step))
    return count


#: messages of a run counted one by one before strided numpy comparisons take over (most
#: runs between a watch's interleaved messages are a few messages long)
_COUNTED_ONE_BY_ONE = 12


def _run_length(data: bytes, view: np.ndarray, pos: int, end: int, stride: int,
                header: int) -> int:
    """How many consecutive messages with the same header start at ``pos`` and end by
    ``end`` (``data`` and ``view``: the file's bytes, as bytes and as a numpy array)."""
    last_start = end - stride  # a message starting after this would overrun the data
    fit = (last_start - pos) // stride + 1 if pos <= last_start else 0
    limit, count, at = min(fit, _COUNTED_ONE_BY_ONE), 0, pos
    while count < limit and data[at] == header:
        count, at = count + 1, at + stride
    if count < _COUNTED_ONE_BY_ONE:
        return count  # a different header, or no room for another message
    window = 64
    while True:
        stop = min(pos + stride * (count + window), last_start + 1)
        probe = view[pos + stride * count:stop:stride]
        if probe.size == 0:
            return count
        mismatch = np.flatnonzero(probe != header)
        if mismatch.size:
            return count + int(mismatch[0])
        count += probe.size
        window *= 4


def read_definition(data: bytes, pos: int, end: int, key: int) -> tuple[Definition, int]:
    header = data[pos]
    if pos + 6 > end:
        raise FitDamage(f"truncated definition message at byte {pos}")
    big = data[pos + 2] == 1
    (global_num,) = struct.unpack_from(">H" if big else "<H", data, pos + 3)
    n_fields = data[pos + 5]
    cursor = pos + 6
    if cursor + 3 * n_fields > end:
        raise FitDamage(f"truncated definition message at byte {pos}")
    fields = []
    for i in range(n_fields):
        num, size, base = data[cursor + 3 * i:cursor + 3 * i + 3]
        base &= sdk_fit.BASE_TYPE_MASK
        if base not in _BASE:
            raise FitDamage(f"invalid base type {base} in definition at byte {pos}")
        if size == 0:
            raise FitDamage(f"zero-size field {num} in definition at byte {pos}")
        if size % _BASE[base]["size"]:
            base = 2  # as the SDK does: a size that does not fit the type is read as uint8
        fields.append((num, size, base))
    cursor += 3 * n_fields
    dev_fields = []
    if header & 0x20:
        if cursor >= end:
            raise FitDamage(f"truncated definition message at byte {pos}")
        n_dev = data[cursor]
        cursor += 1
        if cursor + 3 * n_dev > end:
            raise FitDamage(f"truncated definition message at byte {pos}")
        for i in range(n_dev):
            num, size, index = data[cursor + 3 * i:cursor + 3 * i + 3]
            dev_fields.append((num, size, index))
        cursor += 3 * n_dev
    size = sum(f[1] for f in fields) + sum(f[1] for f in dev_fields)
    return Definition(key, global_num, size, big, fields, dev_fields), cursor


def _assign(data: bytes, walk: _Walk, found: Framing) -> None:
    """Add the messages of a walk to ``found``: each to the definition in force for its local
    type where it lies (the last one met before it); a run to the one of its first message."""
    view = np.frombuffer(data, dtype=np.uint8)
    events = np.array(walk.events, dtype=np.int64).reshape(-1, 3)
    in_force = []  # per definition met: the definition key of each local type from there on
    keys_now = [-1] * 16
    for local, key in events[:, 1:].tolist():
        keys_now[local] = key
        in_force.append(list(keys_now))
    table = np.array(in_force, dtype=np.int64).reshape(-1)  # 16 local types per definition met
    singles = np.fromiter(walk.singles, dtype=np.int64, count=len(walk.singles))
    runs = np.array(walk.runs, dtype=np.int64).reshape(-1, 3)
    pieces = {key: Piece(at) for key, at in walk.keyed.items() if at}
    for first, count, step in ((singles, None, None), (runs[:, 0], runs[:, 1], runs[:, 2])):
        if not first.size:
            continue
        headers = view[first]
        compressed = headers >= 0x80
        has_compressed = bool(compressed.any())
        local = np.where(compressed, (headers >> 5) & 0x03, headers & 0x0F) if has_compressed \
            else headers & 0x0F
        where = np.searchsorted(events[:, 0], first, side="right") - 1
        keys = table.take(where * 16 + local)
        order = np.argsort(keys.astype(np.int16), kind="stable")  # by key, in file order
        at, per_key = first[order] + 1, np.bincount(keys)
        if count is not None:  # every message of the runs, still by key and in file order
            at = _expand(at, count[order], step[order])
            per_key = np.bincount(keys, weights=count).astype(np.int64)
        bounds = np.cumsum(per_key).tolist()
        for key, (low, high) in enumerate(zip([0, *bounds], bounds, strict=False)):
            if high > low:
                pieces.setdefault(key, Piece([])).arrays.append(at[low:high])
        if has_compressed:  # a run of one compressed header is as many messages
            at, offset = first[compressed] + 1, (headers[compressed] & 0x1F).astype(np.int64)
            if count is not None:
                at = _expand(at, count[compressed], step[compressed])
                offset = np.repeat(offset, count[compressed])
            found.compressed.extend(zip(at.tolist(), offset.tolist(), strict=True))
    for key, piece in pieces.items():
        found.parts[key].append(piece)


def _expand(first: np.ndarray, count: np.ndarray, step: np.ndarray) -> np.ndarray:
    """Every position of runs of ``count`` items ``step`` apart from ``first``."""
    if (count == 1).all():
        return first
    within = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
    return np.repeat(first, count) + np.repeat(step, count) * within
