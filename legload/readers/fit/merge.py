"""One message's table from several definitions, decoded at once.

Watches redefine their records as sensors come and go: a file may hold half a dozen record
definitions, some for a handful of messages. Decoding each apart costs the same fixed numpy
steps per definition, however few its messages. When the definitions agree on every wanted
field (its name, size and base type) and all those fields are scalars decoded in groups, the
payloads are laid out again in one common row (a field a definition lacks holds its type's
invalid value, so it reads as missing, as :func:`~legload.readers.fit.tables.concat` fills
it), put in file order, and decoded once: the same table as decoding each definition and
joining the tables, with its columns in the same order.
"""

from __future__ import annotations

import numpy as np

from legload.readers.fit.fields import (
    _MESSAGES,
    DEVELOPER,
    Definition,
    _common_field,
    _decode_group,
    _number_type,
    _plan,
    copied_spans,
    developer_base,
    grouped,
    joined_spans,
    make_groups,
    payload_rows,
    spans_pay,
)

#: a field of the common row: (key, column name, size, base type)
_Slot = tuple[tuple, str, int, int]
_LAYOUTS: dict[tuple, tuple] = {}
_FIELDS: dict[tuple, list | None] = {}
_MOST_LAYOUTS = 256


def merged_columns(buf: np.ndarray, defs: list[Definition], offsets: list[np.ndarray],
                   dev_names: dict[tuple[int, int], tuple[str, str]],
                   wanted: frozenset[str]) -> dict[str, np.ndarray] | None:
    """The table of the messages of ``defs`` (one message, payloads at ``offsets``), rows in
    file order; None when the definitions do not line up (decode them one by one)."""
    endian = ">" if defs[0].big_endian else "<"
    fields = []
    for d in defs:
        named = tuple(dev_names.get((index, num)) for num, _, index in d.dev_fields)
        key = (d.global_num, endian, d.size, tuple(d.fields), tuple(d.dev_fields), named, wanted)
        if key not in _FIELDS:
            if len(_FIELDS) >= _MOST_LAYOUTS:
                _FIELDS.clear()
            _FIELDS[key] = _fields_of(d, endian, dev_names, wanted)
        found = _FIELDS[key]
        if found is None or d.big_endian != defs[0].big_endian:
            return None
        fields.append(found)
    order, slots = _union(fields)
    if slots is None:
        return None
    key = (defs[0].global_num, endian, tuple(slots))
    layout = _LAYOUTS.get(key)
    if layout is None:
        if len(_LAYOUTS) >= _MOST_LAYOUTS:
            _LAYOUTS.clear()
        layout = _LAYOUTS[key] = _layout(defs[0].global_num, slots, endian)
    starts, template, groups, sources = layout
    rows = np.concatenate([_common_rows(buf, d, at, found, starts, template, sources)
                           for d, at, found in zip(defs, offsets, fields, strict=True)])
    where = np.concatenate(offsets)
    if not (where[1:] >= where[:-1]).all():
        by_place = np.argsort(where, kind="stable")
        rows, where = rows[by_place], where[by_place]
    values: list[np.ndarray | None] = [None] * len(slots)
    with np.errstate(invalid="ignore"):  # a float's NaN payload is a value, not an error
        for group in groups:
            for position, column in zip(group.positions, _decode_group(rows, group), strict=True):
                values[position] = column
    by_name = {slot[1]: column for slot, column in zip(slots, values, strict=True)}
    return {"_offset": where, **{name: by_name[name] for name in order}}


def _fields_of(d: Definition, endian: str, dev_names: dict[tuple[int, int], tuple[str, str]],
               wanted: frozenset[str]) -> list[tuple[_Slot, int]] | None:
    """The decoded fields of ``d`` as (slot, byte within the payload), in the table's column
    order; None when one is not a grouped scalar or a name comes twice."""
    if d.size == 0:
        return None
    plan = _plan(d.global_num, endian, tuple(d.fields), wanted)
    if plan.single:
        return None
    decoded = {position for group in plan.groups for position in group.positions}
    found: list[tuple[_Slot, int]] = []
    start = 0
    for position, (num, size, base) in enumerate(d.fields):
        if position in decoded:
            found.append(((("field", num), plan.names[position], size, base), start))
        start += size
    if d.dev_fields and DEVELOPER in wanted:
        col = plan.dev_start
        for num, width, index in d.dev_fields:
            named = dev_names.get((index, num))
            if named is not None:
                base = developer_base(named[1], width)
                if not grouped(base, width):
                    return None
                found.append(((("dev", index, num), f"dev_{named[0]}", width, base), col))
            col += width
    names = [slot[1] for slot, _ in found]
    return found if len(set(names)) == len(names) else None


def _union(fields: list[list[tuple[_Slot, int]]]) -> tuple[list[str], list[_Slot] | None]:
    """The columns in the order joining the tables gives them, and the slot of each; None
    when two definitions give one name to different fields or sizes."""
    order: list[str] = []
    slots: dict[str, _Slot] = {}
    for found in fields:
        for slot, _ in found:
            known = slots.get(slot[1])
            if known is None:
                slots[slot[1]] = slot
                order.append(slot[1])
            elif known != slot:
                return order, None
    return order, [slots[name] for name in order]


def _layout(global_num: int, slots: list[_Slot], endian: str) -> tuple[dict, np.ndarray, list]:
    """Where each field lies in the common row, the row of invalid values, the groups (as
    :func:`~legload.readers.fit.fields.payload_columns` groups the fields)."""
    starts: dict[tuple, int] = {}
    template = bytearray()
    members: list[tuple[int, int, int, dict | None]] = []
    profile = _MESSAGES.get(global_num, {"fields": {}})["fields"]
    for position, (key, _, _, base) in enumerate(slots):
        starts[key] = len(template)
        dtype, bits, invalid = _number_type(base, endian)
        template += np.array(invalid, dtype=bits if bits is not None else dtype).tobytes()
        info = (profile.get(key[1]) or _common_field(key[1])) if key[0] == "field" else None
        members.append((position, starts[key], base, info))
    groups = make_groups(members, endian)
    return starts, np.frombuffer(bytes(template), dtype=np.uint8), groups, {}


def _common_rows(buf: np.ndarray, d: Definition, offsets: np.ndarray,
                 found: list[tuple[_Slot, int]], starts: dict, template: np.ndarray,
                 sources: dict) -> np.ndarray:
    """The payloads of ``d`` laid out in the common row (``sources``: how, by definition
    layout, kept with the common row's layout): the row of invalid values with each field's
    bytes over it, a run of adjacent fields copied at a time (a few copies of whole columns),
    or for narrow rows the byte each byte of the row is gathered from."""
    layout = (d.size, tuple((slot[0], start) for slot, start in found))
    spans = sources.get(layout)
    if spans is None:
        spans = joined_spans(sorted((starts[key], start, size)
                                    for (key, _, size, _), start in found))
        if not spans_pay(spans, template.size):  # narrow rows: each byte's source
            taken = list(range(d.size, d.size + template.size))  # by default: invalid
            for at, start, size in spans:
                taken[at:at + size] = range(start, start + size)
            spans = np.array(taken, dtype=np.intp)
        sources[layout] = spans
    rows = payload_rows(buf, d.size, offsets)
    if isinstance(spans, list):
        return copied_spans(rows, spans, template.size, fill=template)
    extended = np.empty((len(offsets), d.size + template.size), dtype=np.uint8)
    extended[:, :d.size] = rows
    extended[:, d.size:] = template
    return extended.take(spans, axis=1)


__all__ = ["merged_columns"]
