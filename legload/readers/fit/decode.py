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
from collections.abc import Mapping
from dataclasses import dataclass, field

import fastcrc
import numpy as np
from garmin_fit_sdk import Profile
from garmin_fit_sdk import fit as sdk_fit

from legload.readers.fit.fields import payload_columns
from legload.readers.fit.framing import FitDamage, Framing, frame
from legload.readers.fit.merge import merged_columns
from legload.readers.fit.tables import concat as _concat
from legload.readers.fit.tables import resolve_timestamps as _resolve_timestamps

FIT_EPOCH_S = 631_065_600  # 1989-12-31T00:00:00Z, the FIT date_time origin
_HEADER_SIZES = (12, 14)
_BASE = sdk_fit.BASE_TYPE_DEFINITIONS
_MESSAGES = Profile["messages"]
_TYPES = Profile["types"]
#: the messages to decode, by name; or with, for each, the names of the fields to decode
Wanted = frozenset[str] | Mapping[str, frozenset[str]]
#: global message numbers decoded before the others (developer field names come from them)
_DEVELOPER_MESGS = (Profile["mesg_num"]["DEVELOPER_DATA_ID"], Profile["mesg_num"]["FIELD_DESCRIPTION"])
_DESCRIPTION = Profile["mesg_num"]["FIELD_DESCRIPTION"]
#: the fields of a developer field description that name its column and say its type
_DESCRIBED = frozenset({"developer_data_index", "field_definition_number", "fit_base_type_id",
                        "field_name", "units"})


@dataclass
class FitMessages:
    """Decoded messages: name → {column → array}; plus file-level facts."""

    tables: dict[str, dict[str, np.ndarray]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    damaged: bool = False
    dev_names: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)
    #: developer field (data index, number) → its units as the description spells them
    dev_units: dict[tuple[int, int], str] = field(default_factory=dict)
    #: messages framed but decoded when :meth:`table` first asks for them (name → fields)
    later: dict[str, frozenset[str]] = field(default_factory=dict)
    framed: tuple[bytes, Framing] | None = field(default=None, repr=False, compare=False)

    def developer_fields(self) -> dict[str, tuple[str, str]]:
        """(units as the file describes them, base type name) of each developer column
        (``dev_<name>``)."""
        return {f"dev_{label}": (self.dev_units.get(key, ""), base)
                for key, (label, base) in self.dev_names.items()}

    def table(self, name: str) -> dict[str, np.ndarray]:
        if name in self.later and self.framed is not None:
            more = FitMessages()
            _bulk_decode(*self.framed, more, {name: self.later[name]})
            del self.later[name]  # decoded: not asked again (damage leaves it to ask again)
            if name in more.tables:
                self.tables[name] = more.tables[name]
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


def decode(data: bytes, only: Wanted | None = None,
           later: Mapping[str, frozenset[str]] | None = None) -> FitMessages:
    """Decode every message of a (possibly chained) FIT file, or with ``only`` the messages
    of those names (and the developer field descriptions): all are framed and checked the
    same, the others' fields are not decoded. ``only`` may map each name to the fields
    wanted of it (the others are left out; :data:`~legload.readers.fit.fields.DEVELOPER`
    asks for the developer fields). The messages ``later`` names (with their fields) are
    decoded when :meth:`FitMessages.table` first asks for them, as ``only`` would have. A file
    with compressed timestamp headers is decoded whole (any message's timestamp may date
    the next).

    Raises :class:`FitDamage` only when not even the first file header is valid.
    """
    if len(data) == 0:
        raise FitDamage("empty file (0 bytes)")
    if not is_fit(data):
        raise FitDamage("not a FIT file (no valid FIT header)")
    out = FitMessages()
    found = Framing()
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
    if later and not found.compressed:
        out.later, out.framed = dict(later), (data, found)
    _bulk_decode(data, found, out, None if found.compressed else only)
    return out


def _decode_one_file(data, start, out, found: Framing) -> int:
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
        frame(data, body, end, found)
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


def _bulk_decode(data, found: Framing, out: FitMessages, only: Wanted | None) -> None:
    # with fields named per message, a field description is read for what it names only
    fields = {**only, "field_description": _DESCRIBED} if isinstance(only, Mapping) else {}
    buf = np.frombuffer(data, dtype=np.uint8)
    defs = found.defs
    used = [key for key in found.used() if only is None or defs[key].global_num == _DESCRIPTION
            or _MESSAGES.get(defs[key].global_num, {}).get("name") in only]
    parts: dict[str, list[dict[str, np.ndarray]]] = {}
    for developer in (True, False):  # developer fields are named before any is decoded
        by_name: dict[str, list[int]] = {}
        for key in used:
            if (defs[key].global_num in _DEVELOPER_MESGS) == developer:
                global_num = defs[key].global_num
                name = _MESSAGES.get(global_num, {}).get("name", f"unknown_{global_num}")
                by_name.setdefault(name, []).append(key)
        for name, keys in by_name.items():
            offsets = [found.offsets(key) for key in keys]
            merged = merged_columns(buf, [defs[key] for key in keys], offsets, out.dev_names,
                                    fields[name]) if len(keys) > 1 and name in fields else None
            parts[name] = [merged] if merged is not None else [
                payload_columns(buf, defs[key], at, out.dev_names, fields.get(name))
                for key, at in zip(keys, offsets, strict=True)]
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
