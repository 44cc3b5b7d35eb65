"""Bulk FIT decoding: frame the messages in one pass, then decode each definition's
payloads at once with numpy.

The message and field definitions (names, base types, scales, offsets, enum values) come
from the official Garmin FIT SDK's profile (:mod:`garmin_fit_sdk`); nothing about the
profile is typed by hand here. Framing walks the record headers; a run of consecutive data
messages that share one local definition is found with a strided numpy comparison instead
of message by message, which is what makes whole-history imports fast. Files that interleave
message types one by one (records, HRV, events, as recent watches write) cost a few Python
steps per message; a definition repeated in the file, as some devices repeat theirs, is
decoded once with all its messages, gathered through a window sliding over the bytes.

The result is a :class:`FitMessages`: for each message name, a dict of column name →
numpy array (scaled and offset per the profile, invalid values as NaN), plus ``_offset``
(byte position, for file order) and ``timestamp`` resolved for compressed-timestamp headers.
Damage (truncation, bad CRC, undefined local messages, corrupt chained headers) stops the
decode where it is found; what came before is kept and described in ``warnings``.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

import fastcrc
import numpy as np
from garmin_fit_sdk import Profile
from garmin_fit_sdk import fit as sdk_fit

from legload.errors import Damage
from legload.readers.fit.fields import Definition, payload_columns
from legload.readers.fit.tables import concat as _concat
from legload.readers.fit.tables import resolve_timestamps as _resolve_timestamps

FIT_EPOCH_S = 631_065_600  # 1989-12-31T00:00:00Z, the FIT date_time origin
_HEADER_SIZES = (12, 14)
_BASE = sdk_fit.BASE_TYPE_DEFINITIONS
_MESSAGES = Profile["messages"]
_TYPES = Profile["types"]
#: global message numbers decoded before the others (developer field names come from them)
_DEVELOPER_MESGS = (Profile["mesg_num"]["DEVELOPER_DATA_ID"], Profile["mesg_num"]["FIELD_DESCRIPTION"])


class FitDamage(Damage):
    """Raised inside the decoder where the byte stream stops making sense (a
    :class:`~legload.errors.Damage`: the reader's entry point names the file)."""


@dataclass
class FitMessages:
    """Decoded messages: name → {column → array}; plus file-level facts."""

    tables: dict[str, dict[str, np.ndarray]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    damaged: bool = False
    dev_names: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)
    #: developer field (data index, number) → its units as the description spells them
    dev_units: dict[tuple[int, int], str] = field(default_factory=dict)

    def developer_fields(self) -> dict[str, tuple[str, str]]:
        """(units as the file describes them, base type name) of each developer column
        (``dev_<name>``)."""
        return {f"dev_{label}": (self.dev_units.get(key, ""), base)
                for key, (label, base) in self.dev_names.items()}

    def table(self, name: str) -> dict[str, np.ndarray]:
        return self.tables.get(name, {})

    def numbers(self, name: str, keep: tuple[str, ...] = ()) -> dict[str, np.ndarray]:
        """:meth:`table` without its text columns but those named in ``keep``."""
        return numbers_only(self.table(name), keep)


def numbers_only(table: dict[str, np.ndarray], keep: tuple[str, ...] = ()) -> dict[str, np.ndarray]:
    """The number columns of a table (and the columns named in ``keep``). A field that the
    profile reads as a number comes out as text when a damaged definition gives it the
    string base type: left out, it reads as not recorded, as its invalid value would."""
    return {name: values for name, values in table.items()
            if values.dtype != object or name in keep}


def is_fit(data: bytes) -> bool:
    """True when ``data`` starts with a FIT file header."""
    return (len(data) >= 12 and data[0] in _HEADER_SIZES and len(data) >= data[0]
            and data[8:12] == b".FIT")


def decode(data: bytes, only: frozenset[str] | None = None) -> FitMessages:
    """Decode every message of a (possibly chained) FIT file, or with ``only`` the messages
    of those names (and the developer field descriptions): all are framed and checked the
    same, the others' fields are not decoded. A file with compressed timestamp headers is
    decoded whole (any message's timestamp may date the next).

    Raises :class:`FitDamage` only when not even the first file header is valid.
    """
    if len(data) == 0:
        raise FitDamage("empty file (0 bytes)")
    if not is_fit(data):
        raise FitDamage("not a FIT file (no valid FIT header)")
    out = FitMessages()
    found = _Framing()
    pos = 0
    while pos < len(data):
        if not is_fit(data[pos:pos + 14]):
            if pos > 0:
                out.warnings.append(
                    f"{len(data) - pos} bytes after the FIT data at byte {pos} are not a FIT file"
                    " (ignored)")
                out.damaged = True
            break
        pos = _decode_one_file(data, pos, out, found)
        if out.damaged:
            break
    _bulk_decode(data, found, out, None if found.compressed else only)
    return out


class _Framing:
    """What framing found: the distinct definitions (a definition repeated in the file, as
    some devices do before every few messages, is one), and for each the runs of its
    messages (first payload byte, count) and the compressed-timestamp headers."""

    def __init__(self) -> None:
        self.defs: list[Definition] = []
        self.starts: list[list[int]] = []  # per definition key: first payload byte of each run
        self.counts: list[list[int]] = []  # per definition key: messages in each run
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
        d, cursor = _read_definition(data, pos, end, len(self.defs))
        content = (d.global_num, d.big_endian, tuple(d.fields), tuple(d.dev_fields))
        same = self._by_content.get(content)
        if same is None:
            same = self._by_content[content] = d
            self.defs.append(d)
            self.starts.append([])
            self.counts.append([])
        if spelled:
            self._by_bytes[spelled] = same
        return same, cursor

    def offsets(self, key: int) -> np.ndarray:
        """Byte position of the payload of every message of definition ``key``, in file order."""
        first = np.array(self.starts[key], dtype=np.int64)
        counts = np.array(self.counts[key], dtype=np.int64)
        if len(first) == 0 or (counts == 1).all():
            return first
        within = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
        return np.repeat(first, counts) + (1 + self.defs[key].size) * within


def _decode_one_file(data, start, out, found: _Framing) -> int:
    header_size = data[start]
    (data_size,) = struct.unpack_from("<I", data, start + 4)
    if header_size == 14:
        (header_crc,) = struct.unpack_from("<H", data, start + 12)
        if header_crc not in (0, fastcrc.crc16.arc(data[start:start + 12])):
            out.warnings.append(f"bad header CRC at byte {start}")
            out.damaged = True
    body = start + header_size
    end = body + data_size
    if end + 2 > len(data):
        out.warnings.append(
            f"truncated: header declares {data_size} data bytes, file has"
            f" {max(len(data) - body, 0)} (cut at byte {len(data)})")
        out.damaged = True
        end = len(data)
    try:
        _frame(data, body, end, found)
    except FitDamage as damage:
        out.warnings.append(str(damage))
        out.damaged = True
        return len(data)
    if out.damaged:
        return len(data)
    (stored,) = struct.unpack_from("<H", data, end)
    computed = fastcrc.crc16.arc(data[start:end])
    if stored != computed:
        out.warnings.append(f"bad CRC (file says 0x{stored:04x}, content gives 0x{computed:04x})")
        out.damaged = True
    return end + 2


def _frame(data, pos, end, found: _Framing) -> None:
    """Walk record headers from ``pos`` to ``end``; record where each data message lies.
    A message whose successor has another header (interleaved message types) costs a few
    Python steps; a run of messages with one header is measured with numpy."""
    local: list[tuple[int, list[int], list[int]] | None] = [None] * 16  # stride, runs
    view = np.frombuffer(data, dtype=np.uint8)
    compressed = found.compressed
    while pos < end:
        header = data[pos]
        if header < 0x40:  # data message (normal header), the most common
            entry = local[header & 0x0F]
            if entry is None:
                raise FitDamage(f"undefined local message type {header & 0x0F} at byte {pos}")
            stride, starts, counts = entry
            nxt = pos + stride
            if nxt > end:
                raise FitDamage(f"truncated message at byte {pos}")
            count = 1 if nxt >= end or data[nxt] != header else _run_length(view, pos, end, stride, header)
            starts.append(pos + 1)
            counts.append(count)
            pos += stride * count
        elif header & 0x80:  # compressed timestamp header
            entry = local[(header >> 5) & 0x03]
            if entry is None:
                raise FitDamage(f"undefined local message type {(header >> 5) & 3} at byte {pos}")
            stride, starts, counts = entry
            if pos + stride > end:
                raise FitDamage(f"truncated message at byte {pos}")
            starts.append(pos + 1)
            counts.append(1)
            compressed.append((pos + 1, header & 0x1F))
            pos += stride
        else:  # definition message
            d, pos = found.definition(data, pos, end)
            local[header & 0x0F] = (1 + d.size, found.starts[d.key], found.counts[d.key])


def _run_length(view: np.ndarray, pos: int, end: int, stride: int, header: int) -> int:
    """How many consecutive messages with the same header start at ``pos`` (the message
    after the first has it: ``_frame`` looks at that one itself)."""
    last_start = end - stride  # a message starting after this would overrun the data
    window = 64
    count = 1
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


def _read_definition(data, pos, end, key) -> tuple[Definition, int]:
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


def _bulk_decode(data, found: _Framing, out: FitMessages, only: frozenset[str] | None) -> None:
    buf = np.frombuffer(data, dtype=np.uint8)
    defs = found.defs
    used = sorted((key for key in range(len(defs)) if found.starts[key] and (
        only is None or defs[key].global_num in _DEVELOPER_MESGS
        or _MESSAGES.get(defs[key].global_num, {}).get("name") in only)),
        key=lambda k: found.starts[k][0])  # in the order their messages first come
    parts: dict[str, list[dict[str, np.ndarray]]] = {}
    for developer in (True, False):  # developer fields are named before any is decoded
        for key in used:
            d = defs[key]
            if (d.global_num in _DEVELOPER_MESGS) != developer:
                continue
            table = payload_columns(buf, d, found.offsets(key), out.dev_names)
            name = _MESSAGES.get(d.global_num, {}).get("name", f"unknown_{d.global_num}")
            parts.setdefault(name, []).append(table)
        if developer and "field_description" in parts:  # in file order: the last one wins
            descriptions = parts["field_description"] = [_concat(parts["field_description"])]
            _register_dev_fields(descriptions[0], out)
    for name, tables in parts.items():
        out.tables[name] = _concat(tables)
    _resolve_timestamps(out.tables, found.compressed)


def _register_dev_fields(table: dict[str, np.ndarray], out: FitMessages) -> None:
    table = numbers_only(table, keep=("field_name", "units"))
    names = table.get("field_name")
    if names is None:
        return
    idx = table.get("developer_data_index", np.zeros(len(names)))
    nums = table.get("field_definition_number", np.full(len(names), np.nan))
    bases = table.get("fit_base_type_id", np.full(len(names), 13.0))
    units = table.get("units", np.full(len(names), "", dtype=object))
    for i, label in enumerate(names):
        if np.isnan(nums[i]):
            continue
        key = (0 if np.isnan(idx[i]) else int(idx[i]), int(nums[i]))
        clean = "".join(c if c.isalnum() else "_" for c in str(label).strip()).strip("_").lower()
        base = 13 if np.isnan(bases[i]) else int(bases[i])
        out.dev_names[key] = (clean or f"field_{key[1]}", _TYPES["fit_base_type"].get(base, "byte"))
        unit = units[i]  # text, or not text at all in a damaged description
        out.dev_units[key] = unit.strip() if isinstance(unit, str) else ""


def enum_name(type_name: str, value: float) -> str | None:
    """Profile name of an enum value (``enum_name("sport", 1) == "running"``)."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    return _TYPES.get(type_name, {}).get(int(value))
