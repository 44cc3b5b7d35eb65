"""A small raw FIT byte builder, for files the SDK encoder cannot write.

The official encoder (used by :mod:`legload.synth.fit_writer`) always writes little-endian
definitions, normal record headers and one definition per message layout. Real devices do
more, and the decoder has to cope: big-endian definitions, compressed-timestamp headers,
developer fields, redefinition of a local message type in mid-file, chained files. This
module writes exactly the bytes asked for, following the FIT protocol's file structure:

* file header: size (12 or 14), protocol version, profile version (little-endian uint16),
  data size (uint32), ``".FIT"``, and for 14-byte headers the CRC of the first 12 bytes;
* records: a definition message (header ``0x40 | local``, ``0x20`` when developer fields
  follow; reserved byte, architecture 0 = little / 1 = big endian, global message number in
  that byte order, field count, then ``(number, size, base type)`` per field and, with
  developer data, ``(number, size, developer data index)`` per developer field); a data
  message with a normal header (``local`` in the low 4 bits); or a data message with a
  compressed-timestamp header (``0x80 | local << 5 | time offset``: local 0–3, offset the
  low 5 bits of the timestamp);
* the file CRC (CRC-16/ARC of header and records, little-endian) at the end.

Message and field numbers, base types, scales and offsets are looked up by name in the
SDK's profile (:data:`garmin_fit_sdk.Profile`) when the builder runs; nothing about the
profile is typed here. Values are given as raw integers in the field's units after scale
and offset (:func:`raw_value` converts), ``None`` for "invalid", a sequence for arrays, and
``str`` or ``bytes`` for strings.

Example::

    fit = FitBuilder()
    fit.define(0, "record", [field("record", "timestamp"), field("record", "heart_rate")],
               big_endian=True)
    fit.message(0, [1_000_000_000, 142])
    fit.compressed(0, (1_000_000_001) & 0x1F, [None, 143])
    data = fit.to_bytes()
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field

import fastcrc
from garmin_fit_sdk import Profile
from garmin_fit_sdk import fit as sdk_fit

_BASE = sdk_fit.BASE_TYPE_DEFINITIONS
_TYPE_TO_BASE = sdk_fit.FIELD_TYPE_TO_BASE_TYPE
_MESG_NUMS = {m["name"]: num for num, m in Profile["messages"].items()}
_COMMON = Profile["common_fields"]  # timestamp 253, message_index 254, part_index 250
_STRING = sdk_fit.BASE_TYPE["STRING"]
_BYTE = sdk_fit.BASE_TYPE["BYTE"]


@dataclass(frozen=True)
class Field:
    """One field of a definition message: FIT field number, size in bytes, base type
    (the 5-bit type number; the endian-ability bit is added when written)."""

    num: int
    size: int
    base_type: int

    @property
    def count(self) -> int:
        """Number of elements (1 for a scalar; strings count as one element)."""
        return 1 if self.base_type == _STRING else self.size // _BASE[self.base_type]["size"]


@dataclass(frozen=True)
class DevField:
    """One developer field of a definition message, of type ``base_type`` as its
    ``field_description`` declares it."""

    num: int
    size: int
    dev_index: int
    base_type: int

    @property
    def count(self) -> int:
        return 1 if self.base_type == _STRING else self.size // _BASE[self.base_type]["size"]


def mesg_num(mesg: str | int) -> int:
    """Global message number of a profile message name (``mesg_num("record") == 20``)."""
    if isinstance(mesg, int):
        return mesg
    try:
        return _MESG_NUMS[mesg]
    except KeyError:
        raise ValueError(f"{mesg!r} is not a message of the FIT profile") from None


def profile_field(mesg: str | int, name: str) -> dict:
    """The profile's description of field ``name`` of message ``mesg``."""
    fields = Profile["messages"][mesg_num(mesg)]["fields"]
    for info in fields.values():
        if info["name"] == name:
            return info
    if name in _COMMON:
        num = _COMMON[name]
        base = {"timestamp": "uint32", "message_index": "uint16", "part_index": "uint32"}[name]
        return {"num": num, "name": name, "base_type": base, "scale": [1], "offset": [0]}
    raise ValueError(f"{name!r} is not a field of FIT message {mesg!r}")


def base_type(name: str) -> int:
    """5-bit base type number of a profile base type name (``base_type("uint16") == 4``)."""
    return _TYPE_TO_BASE[name]


def field(mesg: str | int, name: str, count: int = 1, *, size: int | None = None) -> Field:
    """Definition entry for profile field ``name`` of ``mesg`` with ``count`` elements of
    its profile base type (strings: ``count`` bytes); ``size`` overrides the byte size."""
    info = profile_field(mesg, name)
    base = _TYPE_TO_BASE[info["base_type"]]
    width = _BASE[base]["size"]
    return Field(info["num"], size if size is not None else count * width, base)


def dev_field(num: int, base: str, count: int = 1, *, dev_index: int = 0) -> DevField:
    """Definition entry for developer field ``num`` (``count`` elements of base type ``base``)."""
    code = _TYPE_TO_BASE[base]
    return DevField(num, count * _BASE[code]["size"], dev_index, code)


def raw_value(mesg: str | int, name: str, value: float | None) -> int | None:
    """Physical value → stored integer: ``round((value + offset) × scale)`` per the profile."""
    if value is None:
        return None
    info = profile_field(mesg, name)
    scale = (info.get("scale") or [1])[0]
    offset = (info.get("offset") or [0])[0]
    return round((value + offset) * scale)


def _pack(base: int, count: int, size: int, value, endian: str) -> bytes:
    """Bytes of one field value; ``None`` (or ``None`` elements) become the invalid value."""
    if base == _STRING:
        raw = value.encode("utf-8") if isinstance(value, str) else bytes(value or b"")
        if len(raw) > size:
            raise ValueError(f"string of {len(raw)} bytes does not fit a {size}-byte field")
        return raw + b"\0" * (size - len(raw))
    info = _BASE[base]
    values = list(value) if isinstance(value, list | tuple | bytes) else [value] * count
    if len(values) != count:
        raise ValueError(f"{len(values)} values for a field of {count} elements")
    code = info["type_code"]
    out = bytearray()
    for item in values:
        if item is None:
            invalid = info["invalid"]
            if code in "fd":  # float invalid is the all-ones bit pattern
                out += invalid.to_bytes(info["size"], "little")
                continue
            item = invalid
        out += struct.pack(endian + code, item)
    return bytes(out)


@dataclass
class _Definition:
    mesg: int
    fields: list[Field]
    dev_fields: list[DevField]
    endian: str


@dataclass
class FitBuilder:
    """Builds one FIT file record by record; :meth:`to_bytes` adds header and CRC.

    ``header_size`` is 14 (with header CRC) or 12 (without); ``header_crc=False`` writes 0
    as the header CRC, which the protocol allows.
    """

    header_size: int = 14
    protocol_version: int = 0x20
    profile_version: int = (Profile["version"]["major"] * 1000 + Profile["version"]["minor"])
    header_crc: bool = True
    records: bytearray = dataclass_field(default_factory=bytearray)
    _local: dict[int, _Definition] = dataclass_field(default_factory=dict)

    def define(self, local: int, mesg: str | int, fields: Sequence[Field], *,
               big_endian: bool = False, dev_fields: Sequence[DevField] = ()) -> None:
        """Write a definition message binding local type ``local`` (0–15) to ``mesg``."""
        if not 0 <= local <= 15:
            raise ValueError("local message type must be 0–15")
        num = mesg_num(mesg)
        endian = ">" if big_endian else "<"
        header = 0x40 | local | (0x20 if dev_fields else 0)
        out = bytearray([header, 0, 1 if big_endian else 0])
        out += struct.pack(endian + "H", num)
        out.append(len(fields))
        for f in fields:
            flag = _BASE[f.base_type]["endian_flag"]
            out += bytes([f.num, f.size, f.base_type | flag])
        if dev_fields:
            out.append(len(dev_fields))
            for d in dev_fields:
                out += bytes([d.num, d.size, d.dev_index])
        self.records += out
        self._local[local] = _Definition(num, list(fields), list(dev_fields), endian)

    def _payload(self, local: int, values: Sequence) -> bytes:
        definition = self._local.get(local)
        if definition is None:
            raise ValueError(f"local message type {local} is not defined")
        entries = [*definition.fields, *definition.dev_fields]
        if len(values) != len(entries):
            raise ValueError(f"{len(values)} values for {len(entries)} fields")
        return b"".join(_pack(e.base_type, e.count, e.size, v, definition.endian)
                        for e, v in zip(entries, values, strict=True))

    def message(self, local: int, values: Sequence) -> None:
        """Write a data message with a normal header; ``values`` in definition order
        (fields, then developer fields)."""
        self.records += bytes([local & 0x0F]) + self._payload(local, values)

    def compressed(self, local: int, time_offset: int, values: Sequence) -> None:
        """Write a data message with a compressed-timestamp header: ``local`` 0–3 and
        ``time_offset`` = the message's timestamp & 0x1F."""
        if not 0 <= local <= 3:
            raise ValueError("a compressed-timestamp header holds local types 0–3 only")
        if not 0 <= time_offset <= 31:
            raise ValueError("time offset must be 0–31")
        self.records += bytes([0x80 | local << 5 | time_offset]) + self._payload(local, values)

    def developer_data_id(self, local: int, dev_index: int,
                          application_id: bytes = bytes(range(16))) -> None:
        """Define ``local`` as ``developer_data_id`` and write one (index, application id)."""
        self.define(local, "developer_data_id", [
            field("developer_data_id", "application_id", 16),
            field("developer_data_id", "developer_data_index")])
        self.message(local, [list(application_id), dev_index])

    def field_description(self, local: int, dev_index: int, num: int, base: str, name: str,
                          units: str = "") -> None:
        """Define ``local`` as ``field_description`` and describe developer field ``num``
        of data index ``dev_index``: base type ``base`` (a profile name), ``name``, ``units``."""
        code = _TYPE_TO_BASE[base]
        self.define(local, "field_description", [
            field("field_description", "developer_data_index"),
            field("field_description", "field_definition_number"),
            field("field_description", "fit_base_type_id"),
            field("field_description", "field_name", 32),
            field("field_description", "units", 16)])
        self.message(local, [dev_index, num, code | _BASE[code]["endian_flag"], name, units])

    def raw(self, data: bytes) -> None:
        """Append bytes as they are (for damaged-file tests)."""
        self.records += data

    def to_bytes(self) -> bytes:
        """The complete file: header, records, CRC."""
        if self.header_size not in (12, 14):
            raise ValueError("a FIT header is 12 or 14 bytes")
        header = bytearray(struct.pack("<BBHI4s", self.header_size, self.protocol_version,
                                       self.profile_version, len(self.records), b".FIT"))
        if self.header_size == 14:
            header += struct.pack("<H", fastcrc.crc16.arc(bytes(header)) if self.header_crc
                                  else 0)
        body = bytes(header) + bytes(self.records)
        return body + struct.pack("<H", fastcrc.crc16.arc(body))


def chain(*files: bytes) -> bytes:
    """Chained FIT file: complete files one after the other, as the protocol allows."""
    return b"".join(files)


__all__ = [
    "DevField",
    "Field",
    "FitBuilder",
    "base_type",
    "chain",
    "dev_field",
    "field",
    "mesg_num",
    "profile_field",
    "raw_value",
]
