"""FIT reader fidelity: scaled fields at the precision of their scale, developer fields in
SI, multisport transitions kept, dates of a watch without a clock salvaged or warned about."""

from __future__ import annotations

import numpy as np
import pytest
from garmin_fit_sdk import Profile

from legload.readers.fit.decode import decode
from legload.readers.fit.fields import scale_decimals
from legload.readers.fit.messages import read_fit
from legload.synth.fit_raw import FitBuilder, field

from ..conftest import REAL
from .sdk_oracle import T0, file_id_message, session_message

FIT_FILES = sorted(p for p in REAL.rglob("*.fit") if p.stat().st_size > 0) if REAL.is_dir() \
    else []
_RECORD = Profile["messages"][20]["fields"]


@pytest.mark.parametrize(("scale", "decimals"), [
    (1, 0), (5, 1), (10, 1), (100, 2), (1000, 3), (128, 7), (1024, 10), (3, 1), (60, 2),
    (0.7111111, None)])
def test_scale_decimals_write_every_step_of_the_resolution(scale, decimals):
    assert scale_decimals(scale) == decimals
    if decimals is not None:  # every multiple of 1/scale is written exactly with them
        steps = np.arange(1, 50) / scale
        if scale not in (3, 60):  # 2**a * 5**b: written exactly
            assert np.all(np.round(steps, decimals) == steps)
            assert decimals == 0 or not np.all(np.round(steps, decimals - 1) == steps)
        else:  # the first significant digit of the resolution
            assert 10.0 ** -decimals <= 1 / scale < 10.0 ** (1 - decimals)


def _altitude_file(raws: list[int]) -> bytes:
    fit = FitBuilder()
    file_id_message(fit)
    fit.define(1, "record", [field("record", "timestamp"), field("record", "altitude"),
                             field("record", "speed"), field("record", "stance_time")])
    for i, raw in enumerate(raws):
        fit.message(1, [T0 + i, raw, 3070 + i, 2453])
    session_message(fit, 2, T0, len(raws))
    return fit.to_bytes()


def test_scaled_fields_come_out_at_their_resolution():
    """altitude (scale 5, offset 500): raw 2501 is 0.2 m, which dividing and subtracting
    leaves as 0.2000000000000455; speed (scale 1000) and stance time (scale 10 ms) likewise."""
    raws = [2501, 4160, 4161, 7163, 2499]
    assert (2501 / 5 - 500) != 0.2  # the artefact the reader removes
    rec = decode(_altitude_file(raws)).table("record")
    assert rec["altitude"].tolist() == [0.2, 332.0, 332.2, 932.6, -0.2]
    assert rec["speed"].tolist() == [3.07, 3.071, 3.072, 3.073, 3.074]
    [activity] = read_fit(_altitude_file(raws), "alt.fit")
    assert activity.samples["altitude_m"].tolist() == [0.2, 332.0, 332.2, 932.6, -0.2]
    assert activity.samples["stance_time_s"].tolist() == [0.2453] * 5
    assert [repr(v) for v in activity.samples["altitude_m"]][:2] == ["0.2", "332.0"]


@pytest.mark.parametrize("path", FIT_FILES, ids=lambda p: p.name)
def test_real_scaled_record_fields_are_rounded_to_their_scale(path, real_dir):
    """Every scaled record column of a real file holds values written with the decimals
    of its scale, within half a resolution of the exact value (the SDK's, in
    test_fit_oracle)."""
    rec = decode(path.read_bytes()).table("record")
    by_name = {info["name"]: info for info in _RECORD.values()}
    for name, values in rec.items():
        info = by_name.get(name)
        if info is None or values.dtype == object or len(info["scale"]) != 1:
            continue
        decimals = scale_decimals(info["scale"][0])
        if decimals is None or info["scale"][0] == 1:
            continue
        finite = values[np.isfinite(values)]
        np.testing.assert_array_equal(finite, np.round(finite, decimals), err_msg=name)
