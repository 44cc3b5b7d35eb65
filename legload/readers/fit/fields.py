"""FIT payloads → columns: the fields of every message of one definition, decoded at once.

A definition's messages are gathered as rows of bytes (one row per message). Scalar number
fields of one base type are then decoded together: their bytes are taken from the rows in
one gather, read as an ``(n, k)`` array of the base type, checked against the type's invalid
value, made float64 (NaN for invalid) and, when the profile scales them, scaled per
column and rounded to the decimals the scale resolves (no float32 or division artefacts
such as 332.00001525878906). Recent watches define records with dozens of fields, so this
spares dozens of small steps per definition. Strings, fields whose size is not one element
of their base type, and developer fields are decoded one by one (:func:`convert`, the
reference the groups agree with bit for bit). What is needed to decode a definition's
fields (names, byte positions, scales) is worked out once per distinct definition and kept
for the next file.

Names, base types, scales and offsets come from the official SDK's profile.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
from garmin_fit_sdk import Profile
from garmin_fit_sdk import fit as sdk_fit

_BASE = sdk_fit.BASE_TYPE_DEFINITIONS
_NP_CODE = {
    0: "u1", 1: "i1", 2: "u1", 3: "i2", 4: "u2", 5: "i4", 6: "u4", 7: "S", 8: "f4", 9: "f8",
    10: "u1", 11: "u2", 12: "u4", 13: "u1", 14: "i8", 15: "u8", 16: "u8",
}
_MESSAGES = Profile["messages"]
_TYPES = Profile["types"]
#: base type number of each base type name (the first number of a name that has several)
_BASE_BY_NAME = {name: num for num, name in reversed(_TYPES["fit_base_type"].items())}
_COMMON = {253: ("timestamp", "date_time"), 254: ("message_index", "message_index"),
           250: ("part_index", "uint32")}
#: distinct definitions whose plans are kept (an import meets a few per device model)
_MOST_PLANS = 1024
_PLANS: dict[tuple, _Plan] = {}
_DEV_PLANS: dict[tuple, tuple] = {}
#: in a set of wanted fields, asks for the developer fields
DEVELOPER = "dev_*"


@dataclass
class Definition:
    """One distinct definition message: ``key`` is its index among a file's definitions."""

    key: int
    global_num: int
    size: int  # payload bytes of a message
    big_endian: bool
    fields: list[tuple[int, int, int]]  # (field number, size, base type)
    dev_fields: list[tuple[int, int, int]]  # (field number, size, developer data index)


class _Group(NamedTuple):
    """Scalar fields of one base type, all scaled or none, decoded together."""

    positions: list[int]  # index into the definition's fields of each member
    byte_index: slice | np.ndarray | list[tuple[int, int, int]]  # the members' bytes within
    #   a message, member after member: a slice where they follow each other, else each
    #   byte, or for wide rows the spans of adjacent members (byte in the group's row, byte
    #   in the message, size)
    dtype: np.dtype
    invalid: Any  # the type's invalid value (for floats: its bit pattern, unsigned)
    bits: np.dtype | None  # for floats: the unsigned type their invalid pattern is read as
    scale: np.ndarray | None  # per member (k × 1), None for a group of unscaled fields
    offset: np.ndarray | None  # per member (k × 1), None when every one is 0
    power: np.ndarray | None  # per member (k × 1), 10 ** the decimals its scale resolves;
    #                           None when no member is rounded
    every_rounded: bool  # every member is (no 0 in power)


class _Plan(NamedTuple):
    names: list[str]  # column name of each field
    groups: list[_Group]
    single: list[tuple[int, int, int, int, dict | None]]  # (position, start, size, base, info)
    dev_start: int  # where developer fields start in a payload


def payload_columns(buf: np.ndarray, d: Definition, offsets: np.ndarray,
                    dev_names: dict[tuple[int, int], tuple[str, str]],
                    wanted: frozenset[str] | None = None) -> dict[str, np.ndarray]:
    """Columns of the messages of definition ``d`` whose payloads start at ``offsets`` in
    ``buf`` (each within ``0 … len(buf) - d.size``, as framing finds them): ``_offset``, then
    one per field in definition order (a field named twice keeps its last value), then
    ``dev_<name>`` per described developer field. With ``wanted``, only the fields of those
    names, and the developer fields when it holds :data:`DEVELOPER`."""
    table: dict[str, np.ndarray] = {"_offset": offsets}
    if d.size == 0:
        return table
    rows = payload_rows(buf, d.size, offsets)
    endian = ">" if d.big_endian else "<"
    fields = d.fields
    plan = _plan(d.global_num, endian, tuple(fields), wanted)
    values: list[np.ndarray | None] = [None] * len(fields)
    with np.errstate(invalid="ignore"):  # a float's NaN payload is a value, not an error
        for group in plan.groups:
            values_of = _decode_group(rows, group)
            for j, position in enumerate(group.positions):
                values[position] = values_of[j]
        for position, start, width, base, info in plan.single:
            values[position] = _convert(rows[:, start:start + width], width, base, endian, info)
        for name, column in zip(plan.names, values, strict=True):
            if column is not None:
                table[name] = column
        if d.dev_fields and (wanted is None or DEVELOPER in wanted):
            _developer_columns(rows, plan.dev_start, d.dev_fields, dev_names, endian, table)
    return table


def payload_rows(buf: np.ndarray, size: int, offsets: np.ndarray) -> np.ndarray:
    """The ``size`` bytes at each of ``offsets`` in ``buf``, a row per offset: the items of a
    window of ``size`` bytes sliding over ``buf`` (as one opaque value each, gathered by
    offset in one step), seen as bytes."""
    windows = np.ndarray(shape=(len(buf) - size + 1,), dtype=f"V{size}", buffer=buf,
                         strides=(1,))
    return windows[offsets].view(np.uint8).reshape(len(offsets), size)


def _developer_columns(rows: np.ndarray, start: int, dev_fields: list[tuple[int, int, int]],
                       dev_names: dict[tuple[int, int], tuple[str, str]], endian: str,
                       table: dict[str, np.ndarray]) -> None:
    """Add the described developer fields of ``rows`` to ``table`` (``dev_<name>``, in
    definition order), scalar ones of one base type decoded together."""
    named = tuple(dev_names.get((index, num)) for num, _, index in dev_fields)
    key = (endian, start, tuple(dev_fields), named)
    plan = _DEV_PLANS.get(key)
    if plan is None:
        if len(_DEV_PLANS) >= _MOST_PLANS:
            _DEV_PLANS.clear()
        plan = _DEV_PLANS[key] = _developer_plan(start, dev_fields, named, endian)
    labels, groups, single = plan
    values: list[np.ndarray | None] = [None] * len(labels)
    for group in groups:
        for position, column in zip(group.positions, _decode_group(rows, group), strict=True):
            values[position] = column
    for position, col, width, base in single:
        values[position] = _convert(rows[:, col:col + width], width, base, endian, None)
    for label, column in zip(labels, values, strict=True):
        if label is not None:
            table[f"dev_{label}"] = column


def _developer_plan(start: int, dev_fields: list[tuple[int, int, int]],
                    named: tuple[tuple[str, str] | None, ...], endian: str) -> tuple:
    """(label or None of each developer field, groups, single fields (position, byte, size,
    base)) of a definition's developer fields, as :func:`_developer_columns` decodes them."""
    labels: list[str | None] = []
    members: list[tuple[int, int, int, dict | None]] = []
    single = []
    col = start
    for position, ((_, width, _), described) in enumerate(zip(dev_fields, named, strict=True)):
        labels.append(described[0] if described is not None else None)
        if described is not None:
            base = developer_base(described[1], width)
            if grouped(base, width):
                members.append((position, col, base, None))
            else:
                single.append((position, col, width, base))
        col += width
    return labels, make_groups(members, endian), single


def developer_base(type_name: str, width: int) -> int:
    """The base type a developer field of ``width`` bytes described as ``type_name`` is read
    as: a width that does not fit the declared type reads as uint8."""
    base = _BASE_BY_NAME.get(type_name, 13) & sdk_fit.BASE_TYPE_MASK
    return 2 if width % _BASE[base]["size"] else base


def grouped(base: int, width: int) -> bool:
    """True for a field decoded in a group: one number of its base type."""
    return _NP_CODE[base] != "S" and width == _BASE[base]["size"]


def make_groups(members: list[tuple[int, int, int, dict | None]], endian: str) -> list[_Group]:
    """The groups of scalar number fields (position, byte within the payload, base type,
    profile info): one per base type, scaled fields apart from unscaled ones."""
    by_kind: dict[tuple[int, bool], list[tuple[int, int, dict | None]]] = {}
    for position, start, base, info in members:
        by_kind.setdefault((base, _scaling(info) is not None), []).append((position, start, info))
    return [_make_group(base, endian, found) for (base, _), found in by_kind.items()]


def _decode_group(rows: np.ndarray, group: _Group) -> np.ndarray:
    """The members' values, one contiguous row per member (float64, NaN for invalid)."""
    span = group.byte_index
    if isinstance(span, slice):
        taken = rows[:, span]
    elif isinstance(span, np.ndarray):
        taken = rows.take(span, axis=1)
    else:
        taken = copied_spans(rows, span, span[-1][0] + span[-1][2])
    values = taken.view(group.dtype).T  # member by member
    bad = (values.view(group.bits) if group.bits is not None else values) == group.invalid
    result = np.array(values, dtype=np.float64, order="C")
    np.putmask(result, bad, np.nan)
    if group.scale is not None:  # per member (k × 1): along rows, not across a few columns
        result /= group.scale
        if group.offset is not None:
            result -= group.offset
        if group.every_rounded:
            result *= group.power
            np.rint(result, out=result)  # round half to even, as np.round
            result /= group.power
        elif group.power is not None:
            result = _round_to(result, group.power)
    return result


def _plan(global_num: int, endian: str, fields: tuple[tuple[int, int, int], ...],
          wanted: frozenset[str] | None) -> _Plan:
    key = (global_num, endian, fields, wanted)
    plan = _PLANS.get(key)
    if plan is None:
        if len(_PLANS) >= _MOST_PLANS:
            _PLANS.clear()
        plan = _PLANS[key] = _make_plan(global_num, endian, fields, wanted)
    return plan


def _make_plan(global_num: int, endian: str, fields: tuple[tuple[int, int, int], ...],
               wanted: frozenset[str] | None) -> _Plan:
    profile = _MESSAGES.get(global_num, {"fields": {}})["fields"]
    names: list[str] = []
    members: list[tuple[int, int, int, dict | None]] = []
    single = []
    start = 0
    for position, (num, size, base) in enumerate(fields):
        info = profile.get(num) or _common_field(num)
        names.append(info["name"] if info else f"field_{num}")
        if wanted is not None and names[-1] not in wanted:
            pass  # not decoded: its column is left out
        elif grouped(base, size):
            members.append((position, start, base, info))
        else:
            single.append((position, start, size, base, info))
        start += size
    return _Plan(names, make_groups(members, endian), single, start)


def _scaling(info: dict | None) -> tuple[float, float] | None:
    """(scale, offset) a field's values are divided by and reduced by, as the SDK applies a
    single one; None when there is none."""
    if info is None:
        return None
    scale, offset = info.get("scale") or [1], info.get("offset") or [0]
    if len(scale) == 1 and (scale[0] != 1 or offset[0] != 0):
        return scale[0], offset[0]
    return None


def scale_decimals(scale: float) -> int | None:
    """Decimals a field of profile ``scale`` resolves. Its resolution is ``1 / scale``: a
    scale ``2**a * 5**b`` writes every multiple of it exactly with ``max(a, b)`` decimals
    (5, 0.2 m steps: 1; 1000: 3; 1024: 10, as 1/1024 = 0.0009765625); any other whole
    scale gets ``ceil(log10(scale))``, the decimals of its resolution's first significant
    digit. None (no rounding) for a fractional scale (power phase's 0.7111111 = 256/360:
    a resolution of 1.40625 degrees that no number of decimals writes better)."""
    if scale != int(scale) or scale < 1:
        return None
    rest, twos, fives = int(scale), 0, 0
    while rest % 2 == 0:
        rest, twos = rest // 2, twos + 1
    while rest % 5 == 0:
        rest, fives = rest // 5, fives + 1
    return max(twos, fives) if rest == 1 else math.ceil(math.log10(scale))


def _power(decimals: int | None) -> float:
    """``10 ** decimals``; 0 (a value :func:`_round_to` leaves as it is) for None."""
    return 0.0 if decimals is None else 10.0 ** decimals


def _round_to(values: np.ndarray, power: np.ndarray | float) -> np.ndarray:
    """``values`` rounded to multiples of ``1 / power`` (per column for an array ``power``;
    left as they are where ``power`` is 0)."""
    if np.all(power == 0):
        return values
    if np.all(power > 0):
        return np.rint(values * power) / power
    return np.where(power > 0, np.rint(values * power) / np.where(power > 0, power, 1), values)


def _number_type(base: int, endian: str) -> tuple[np.dtype, np.dtype | None, Any]:
    """How values of a number base type are read: their dtype; for floats, whose invalid
    value is an all-ones bit pattern, the unsigned dtype that pattern is compared in; and the
    invalid value (in that unsigned dtype for floats)."""
    width = _BASE[base]["size"]
    code = _NP_CODE[base]
    dtype = np.dtype(code).newbyteorder(endian) if width > 1 else np.dtype(code)
    invalid = _BASE[base]["invalid"]
    if base in (8, 9):
        return dtype, np.dtype(f"u{width}").newbyteorder(endian), \
            np.array(invalid, dtype=np.uint64).astype(f"u{width}")
    return dtype, None, np.array(invalid).astype(dtype)


def _make_group(base: int, endian: str, members: list[tuple[int, int, dict | None]]) -> _Group:
    dtype, bits, invalid_value = _number_type(base, endian)
    width = _BASE[base]["size"]
    spans = joined_spans([(k * width, start, width) for k, (_, start, _) in enumerate(members)])
    byte_index: slice | np.ndarray | list[tuple[int, int, int]] = spans
    if len(spans) == 1:  # one span of bytes: its columns are a view
        byte_index = slice(spans[0][1], spans[0][1] + len(members) * width)
    elif not spans_pay(spans, len(members) * width):
        byte_index = np.concatenate([np.arange(start, start + size) for _, start, size in spans])
    scaling = [_scaling(info) for _, _, info in members]
    scale = offset = power = None
    if scaling[0] is not None:  # a group's members are all scaled, or none is
        scale = np.array([[s] for s, _ in scaling], dtype=np.float64)
        offset = np.array([[o] for _, o in scaling], dtype=np.float64)
        offset = offset if offset.any() else None
        power = np.array([[_power(scale_decimals(s))] for s, _ in scaling])
        power = power if power.any() else None
    return _Group([position for position, _, _ in members], byte_index, dtype, invalid_value,
                  bits, scale, offset, power, power is not None and bool((power > 0).all()))


def joined_spans(fields: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """(byte in a row laid out anew, byte in the message, size) of each field, in the new
    row's order, fields adjacent in both joined into one span."""
    spans: list[tuple[int, int, int]] = []
    for at, start, size in fields:
        if spans and spans[-1][0] + spans[-1][2] == at and spans[-1][1] + spans[-1][2] == start:
            spans[-1] = (spans[-1][0], spans[-1][1], spans[-1][2] + size)
        else:
            spans.append((at, start, size))
    return spans


def spans_pay(spans: list[tuple[int, int, int]], width: int) -> bool:
    """True when copying ``spans`` column by column beats gathering the ``width`` bytes of
    each row one by one: a copy costs about as much per row as five bytes gathered."""
    return 5 * len(spans) < width


def copied_spans(rows: np.ndarray, spans: list[tuple[int, int, int]], width: int,
                 fill: np.ndarray | None = None) -> np.ndarray:
    """Rows of ``width`` bytes laid out from ``rows`` by ``spans`` (the rest ``fill``)."""
    out = np.empty((len(rows), width), dtype=np.uint8)
    if fill is not None:
        out[:] = fill
    for at, start, size in spans:
        out[:, at:at + size] = rows[:, start:start + size]
    return out


def _common_field(num: int) -> dict | None:
    """Fields every message may have (timestamp, message_index, part_index)."""
    if num in _COMMON:
        name, typ = _COMMON[num]
        return {"name": name, "type": typ, "scale": [1], "offset": [0], "array": "false"}
    return None


def convert(raw: np.ndarray, size: int, base: int, endian: str, info) -> np.ndarray:
    """Raw payload bytes of one field → values (float64 with NaN for invalid, or strings)."""
    with np.errstate(invalid="ignore"):  # a float's NaN payload is a value, not an error
        return _convert(raw, size, base, endian, info)


def _convert(raw: np.ndarray, size: int, base: int, endian: str, info) -> np.ndarray:
    code = _NP_CODE[base]
    if code == "S":
        joined = np.ascontiguousarray(raw).view(f"S{size}")[:, 0]
        return np.array([v.split(b"\0", 1)[0].decode("utf-8", "replace") for v in joined],
                        dtype=object)
    dtype, bits, invalid = _number_type(base, endian)
    values = np.ascontiguousarray(raw).view(dtype)
    if base == 13 and values.shape[1] > 1:
        # a byte array is one value (often packed bit fields): invalid only when every
        # byte is 0xFF, as the SDK reads it
        bad = np.broadcast_to((values == invalid).all(axis=1, keepdims=True), values.shape)
    else:
        bad = (values.view(bits) if bits is not None else values) == invalid
    result = values.astype(np.float64)
    result[bad] = np.nan
    if result.shape[1] == 1:
        result = result[:, 0]
    elif info is not None and info.get("array") != "true" and not info.get("has_components"):
        # a scalar field stored wider than its type (e.g. misaligned definitions): keep element 0
        result = result[:, 0]
    scaling = _scaling(info)
    if scaling is not None:  # scalars and every element of arrays, as the SDK applies it
        result = _round_to(result / scaling[0] - scaling[1], _power(scale_decimals(scaling[0])))
    return result


__all__ = ["DEVELOPER", "Definition", "convert", "developer_base", "grouped", "make_groups",
           "payload_columns"]
