"""The official Garmin FIT SDK is the oracle: legload's bulk decoder must give the same
records, timestamps and values for every real FIT file (damaged ones: the same records up
to the damage as the SDK's lenient decode)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from garmin_fit_sdk import Decoder, Profile, Stream

from legload.readers.fit.decode import FIT_EPOCH_S, FitDamage, decode
from legload.readers.fit.fields import scale_decimals

from ..conftest import REAL

FIT_FILES = sorted(p for p in REAL.rglob("*.fit*") if not p.name.endswith(".csv")) \
    if REAL.is_dir() else []
#: record fields compared value by value: SDK name -> legload decoder column
FIELDS = ("position_lat", "position_long", "distance", "heart_rate", "cadence", "power",
          "enhanced_speed", "enhanced_altitude", "speed", "altitude", "temperature")


def _read(path):
    data = path.read_bytes()
    if path.suffix == ".gz":
        import gzip
        data = gzip.decompress(data)
    return data


def _sdk_records(data: bytes):
    decoder = Decoder(Stream.from_byte_array(bytearray(data)))
    messages, errors = decoder.read(expand_components=False, merge_heart_rates=False,
                                    enable_crc_check=False)
    return messages.get("record_mesgs", []), errors


@pytest.mark.parametrize("path", FIT_FILES, ids=lambda p: p.name)
def test_records_match_the_official_sdk(path, real_dir):
    data = _read(path)
    try:
        ours = decode(data).table("record")
    except FitDamage:
        records, _ = _sdk_records(data)
        assert records == [], "legload refused a file the SDK decodes"
        return
    records, errors = _sdk_records(data)
    if any("Compressed timestamp" in str(e) for e in errors):
        pytest.skip("the SDK does not decode compressed-timestamp headers (checked in "
                    "test_compressed_timestamps_follow_the_fit_rule)")
    n = len(ours.get("_offset", []))
    assert n == len(records)
    if n == 0:
        return
    sdk_ts = np.array([r["timestamp"].timestamp() if isinstance(r.get("timestamp"), dt.datetime)
                       else np.nan for r in records])
    np.testing.assert_array_equal(ours["timestamp"] + FIT_EPOCH_S, sdk_ts)
    compared = 0
    for name in FIELDS:
        sdk = np.array([_scalar(r.get(name)) for r in records], dtype=float)
        if np.isnan(sdk).all():
            continue
        assert name in ours, f"{name} missing"
        mine = ours[name] if ours[name].ndim == 1 else ours[name][:, 0]
        # legload rounds a scaled field to the decimals its scale resolves (altitude, scale
        # 5: 0.1 m), the SDK does not: the two agree within half that last decimal (and far
        # closer in practice, since rounding only removes float artefacts)
        np.testing.assert_allclose(mine, sdk, rtol=0, atol=_half_step(name), equal_nan=True,
                                   err_msg=name)
        compared += 1
    assert compared > 0 or path.stat().st_size < 2000


def _half_step(name: str) -> float:
    """Half the last decimal legload keeps for record field ``name`` (1e-6 for unscaled)."""
    info = next(f for f in Profile["messages"][20]["fields"].values() if f["name"] == name)
    decimals = scale_decimals(info["scale"][0]) if len(info["scale"]) == 1 else None
    return 1e-6 if decimals is None or decimals == 0 else 0.5 * 10.0 ** -decimals + 1e-9


def _scalar(value):
    if value is None:
        return np.nan
    if isinstance(value, list | tuple):
        value = value[0] if value else None
        return np.nan if value is None else float(value)
    return float(value)


def test_compressed_timestamps_follow_the_fit_rule(real_dir):
    """FR70 files use 5-bit time offsets; each record's time must advance by the offset
    difference mod 32 and match the session's start and end (FIT protocol, §4.1.2)."""
    path = real_dir / "fit/running/garmin_fr70_footpod_compressed_timestamps.fit"
    messages = decode(path.read_bytes())
    ts = messages.table("record")["timestamp"]
    assert len(ts) == 755  # SOURCES.md: 755 records
    assert np.all(np.diff(ts) >= 0)
    session = messages.table("session")
    start, end = session["start_time"][0], session["timestamp"][0]
    assert start <= ts[0] <= start + 32
    assert end - 32 <= ts[-1] <= end
