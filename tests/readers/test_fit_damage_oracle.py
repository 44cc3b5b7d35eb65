"""Damaged real FIT files against two independent decoders: where the official SDK stops with
an error, fitdecode (an independent implementation) decodes up to the damage, and legload must
salvage exactly those records with the same timestamps; on every broken FIT file legload's
records begin with the ones fitdecode read before it stopped."""

from __future__ import annotations

import numpy as np
import pytest
from garmin_fit_sdk import Decoder, Stream

from legload.errors import ReadError
from legload.readers import read_bytes
from legload.readers.fit.decode import FIT_EPOCH_S

from ..conftest import REAL
from .fitdecode_oracle import records_before_damage

BROKEN_FIT = sorted((REAL / "broken").glob("*.fit")) if (REAL / "broken").is_dir() else []

#: broken files the SDK cannot decode to the end (it reports an error), by the damage fitdecode
#: stops at (None: fitdecode, with the CRC unchecked, reads on to the end)
SDK_STOPS = {
    "fit_bad_file_crc.fit": None,
    "fit_chained_corrupt_second_header.fit": "FitHeaderError",
    "fit_chained_second_bad_crc.fit": None,
    "fit_chained_second_file_no_data.fit": "FitEOFError",
    "fit_not_fit_bad_header.fit": "FitHeaderError",
    "fit_sigma_ride_truncated_end.fit": "FitEOFError",
    "fit_strava_android_undefined_local_msg.fit": "FitParseError",
    "fit_truncated_unexpected_eof.fit": "FitEOFError",
}


def _sdk_errors(data: bytes) -> list[str]:
    _, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    return [str(e) for e in errors]


def _legload_stamps(data: bytes, name: str) -> np.ndarray:
    """legload's sample timestamps (FIT-epoch seconds) over all activities; empty if refused."""
    try:
        activities = read_bytes(data, name)
    except ReadError:
        return np.array([])
    stamps = [a.samples["timestamp"].astype("int64").to_numpy() / 1e9 for a in activities]
    return np.concatenate(stamps) - FIT_EPOCH_S


def test_the_files_the_sdk_cannot_decode_are_the_listed_ones(real_dir):
    stops = {p.name for p in BROKEN_FIT if _sdk_errors(p.read_bytes())}
    assert stops == set(SDK_STOPS)


@pytest.mark.parametrize("name", sorted(SDK_STOPS))
def test_where_the_sdk_stops_legload_salvages_what_fitdecode_reads(name, real_dir):
    data = (REAL / "broken" / name).read_bytes()
    oracle, damage = records_before_damage(data)
    expected_damage = SDK_STOPS[name]
    assert (damage is None) if expected_damage is None else damage.startswith(expected_damage)
    ours = _legload_stamps(data, name)
    assert len(ours) == len(oracle)
    np.testing.assert_allclose(ours, np.array(oracle, dtype=float), atol=1e-3)


@pytest.mark.parametrize("path", BROKEN_FIT, ids=lambda p: p.name)
def test_legload_keeps_every_record_fitdecode_reads_before_the_damage(path, real_dir):
    data = path.read_bytes()
    oracle, _ = records_before_damage(data)
    ours = _legload_stamps(data, path.name)
    assert len(ours) >= len(oracle)
    np.testing.assert_allclose(ours[:len(oracle)], np.array(oracle, dtype=float), atol=1e-3)
