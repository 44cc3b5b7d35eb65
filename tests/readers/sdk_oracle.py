"""The official SDK as the oracle of the FIT feature tests: decode with it, compare with
legload's decoder field by field within the profile's resolution, and build the small
file_id/session messages the hand-built files share."""

from __future__ import annotations

import datetime as dt

import numpy as np
from garmin_fit_sdk import Decoder, Profile, Stream

from legload.readers.fit.decode import FIT_EPOCH_S, decode
from legload.synth.fit_raw import FitBuilder, field, raw_value

T0 = 1_100_000_000  # a FIT date_time (2024-11-09)
_COMMON = Profile["common_fields"]
_KEY_TO_NAME = {m["messages_key"]: m["name"] for m in Profile["messages"].values()}
_SUB_FIELDS = {m["name"]: {s["name"] for f in m["fields"].values() for s in f["sub_fields"]}
               for m in Profile["messages"].values()}


# -- the oracle -----------------------------------------------------------------------------

def sdk_read(data: bytes, *, expand: bool = False) -> tuple[dict, list]:
    """The SDK's decode; enum values stay numbers so they compare with legload's."""
    decoder = Decoder(Stream.from_byte_array(bytearray(data)))
    return decoder.read(expand_components=expand, merge_heart_rates=False,
                        convert_types_to_strings=False)


def resolution(mesg: str, name: str) -> float:
    """Half the profile's scale step of ``mesg.name`` (1 for unscaled fields)."""
    for info in Profile["messages"].get(message_number(mesg), {"fields": {}})["fields"].values():
        if info["name"] == name and len(info["scale"]) == 1:
            return 0.5 / info["scale"][0]
    return 0.5


def message_number(mesg: str) -> int:
    return next((n for n, m in Profile["messages"].items() if m["name"] == mesg), -1)


#: legload and the SDK compute raw / scale − offset alike: much tighter than the resolution
SDK_ATOL = 1e-9


def same_value(ours, sdk, atol: float) -> bool:
    """One decoded value against the SDK's (None ↔ NaN or empty; lists ↔ array rows)."""
    if isinstance(sdk, dt.datetime):
        sdk = sdk.timestamp() - FIT_EPOCH_S
    if isinstance(ours, str) or (ours is None and not isinstance(sdk, int | float)):
        if isinstance(sdk, list):  # a string array: legload keeps the first string
            sdk = sdk[0]
        return (ours or None) == sdk
    if isinstance(ours, np.ndarray):
        if sdk is None:
            return bool(np.isnan(ours).all())
        values = list(sdk) if isinstance(sdk, list | tuple) else [sdk]
        values = [np.nan if v is None else float(v) for v in values]
        return len(values) == len(ours) and bool(
            np.allclose(ours, values, rtol=0, atol=atol, equal_nan=True))
    if sdk is None or (isinstance(sdk, float) and np.isnan(sdk)):
        return bool(np.isnan(ours))
    if isinstance(sdk, list | tuple):  # a scalar field written wider: element 0
        sdk = sdk[0]
    return abs(float(ours) - float(sdk)) <= atol


def assert_same_as_sdk(data: bytes, *, expect_mesgs: tuple[str, ...] = ("record",)) -> dict:
    """legload's :func:`decode` against the SDK: the same messages of every kind, the same
    record counts and order, every field's value equal to 1e-9 (far inside the profile's
    scale resolution), and no value legload has that the SDK lacks. Returns the SDK's
    messages."""
    sdk, errors = sdk_read(data)
    assert errors == []
    ours = decode(data)
    assert ours.warnings == [] and not ours.damaged
    for mesg in expect_mesgs:
        assert f"{mesg}_mesgs" in sdk or mesg in {_KEY_TO_NAME.get(k) for k in sdk}, mesg
    compared = 0
    for key, mesgs in sdk.items():
        name = _KEY_TO_NAME.get(key, f"unknown_{key}")
        table = ours.table(name)
        n = len(table.get("_offset", []))
        assert n == len(mesgs), f"{name}: {n} messages, SDK {len(mesgs)}"
        for i, mesg in enumerate(mesgs):
            for fname, value in mesg.items():
                if fname in ("developer_fields", "key"):
                    continue
                column = column_name(fname, table)
                if column not in table:
                    assert fname in _SUB_FIELDS.get(name, ()), f"{name}.{fname} missing"
                    continue
                assert same_value(table[column][i], value, SDK_ATOL), (
                    f"{name}[{i}].{column}: legload {table[column][i]!r}, SDK {value!r}")
                compared += 1
            for column, values in table.items():  # nothing legload has that the SDK lacks
                if column.startswith(("_", "dev_")) or values.dtype == object:
                    continue
                sdk_name = int(column[6:]) if column[6:].isdigit() else column
                if sdk_name not in mesg and _COMMON.get(column) in mesg:
                    sdk_name = _COMMON[column]  # unknown message: the SDK keeps the number
                if sdk_name not in mesg:
                    assert np.isnan(values[i]).all(), f"{name}[{i}].{column} only in legload"
    assert compared > 0
    return sdk


def column_name(fname: str | int, table: dict) -> str:
    """legload's column for an SDK field key: unknown fields are numbers in the SDK,
    ``field_<n>`` in legload, except the common fields (timestamp …) legload names."""
    if not isinstance(fname, int):
        return fname
    common = next((name for name, num in _COMMON.items() if num == fname), None)
    return common if common in table else f"field_{fname}"


def dev_values(sdk_mesgs: list[dict], key: int) -> np.ndarray:
    return np.array([np.nan if m.get("developer_fields", {}).get(key) is None
                     else m["developer_fields"][key] for m in sdk_mesgs], dtype=float)


def file_id_message(fit: FitBuilder, local: int = 0, *, big_endian: bool = False) -> None:
    fit.define(local, "file_id", [field("file_id", "type"), field("file_id", "manufacturer"),
                                  field("file_id", "product"),
                                  field("file_id", "serial_number"),
                                  field("file_id", "time_created")], big_endian=big_endian)
    fit.message(local, [4, 1, 4024, 3_512_345_678, T0])


def session_message(fit: FitBuilder, local: int, start: int, seconds: int) -> None:
    fit.define(local, "session", [
        field("session", "timestamp"), field("session", "start_time"),
        field("session", "total_elapsed_time"), field("session", "total_timer_time"),
        field("session", "sport"), field("session", "sub_sport")])
    elapsed = raw_value("session", "total_elapsed_time", seconds)
    fit.message(local, [start + seconds, start, elapsed, elapsed, 1, 0])
