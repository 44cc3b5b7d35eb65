"""FIT reader fidelity: scaled fields at the precision of their scale, developer fields in
SI, multisport transitions kept, dates of a watch without a clock salvaged or warned about."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from garmin_fit_sdk import Profile

from legload.readers.fit.decode import decode
from legload.readers.fit.fields import scale_decimals
from legload.readers.fit.messages import read_fit
from legload.synth.fit_raw import FitBuilder, dev_field, field

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


def _developer_units_file() -> bytes:
    """Stryd-like developer fields in the units apps write, beside a native vertical
    oscillation (so Stryd's stays a developer column) and no native stance time."""
    fit = FitBuilder()
    file_id_message(fit)
    fit.developer_data_id(1, 0)
    for num, base, name, units in ((0, "uint16", "Ground Time", "Milliseconds"),
                                   (1, "float32", "Vertical Oscillation", "Centimeters"),
                                   (2, "float32", "Leg Spring Stiffness", "kN/m"),
                                   (3, "uint16", "Trail Speed", "km/h"),
                                   (4, "uint8", "Core Data Quality", "Q"),
                                   (5, "uint8", "Heat Strain", "a.u.")):
        fit.field_description(2, 0, num, base, name, units)
    fit.define(3, "record", [field("record", "timestamp"), field("record", "heart_rate"),
                             field("record", "vertical_oscillation")],
               dev_fields=[dev_field(0, "uint16"), dev_field(1, "float32"),
                           dev_field(2, "float32"), dev_field(3, "uint16"),
                           dev_field(4, "uint8"), dev_field(5, "uint8")])
    for i in range(10):
        fit.message(3, [T0 + i, 150, 850, 245 + i, 8.5, 9.75, 36, 3, 2])
    session_message(fit, 4, T0, 10)
    return fit.to_bytes()


def test_developer_fields_come_out_in_si():
    [activity] = read_fit(_developer_units_file(), "stryd.fit")
    samples = activity.samples
    # ground time in ms, with no native stance time: the canonical column, in s
    assert samples["stance_time_s"].tolist() == [0.245 + i / 1000 for i in range(10)]
    assert "dev_ground_time" not in samples
    # native vertical oscillation kept; the developer one converted from cm
    assert samples["vertical_oscillation_m"].tolist() == [0.085] * 10
    assert samples["dev_vertical_oscillation"].tolist() == [0.085] * 10
    assert samples["dev_leg_spring_stiffness"].tolist() == [9750.0] * 10
    assert samples["dev_trail_speed"].tolist() == [10.0] * 10
    # unknown units: kept as recorded, named in one warning
    assert samples["dev_core_data_quality"].tolist() == [3] * 10
    unknown = [w for w in activity.warnings if "does not convert" in w]
    assert unknown == ["stryd.fit: developer fields in units legload does not convert, kept "
                       "as recorded: dev_core_data_quality (Q), dev_heat_strain (a.u.)"]


def test_every_developer_unit_converts_to_a_nomenclature_unit():
    """The table's target units are those the nomenclature uses (SI, plus degC and /min)."""
    from legload.core.columns import DEV_CANONICAL, DEV_UNITS, SAMPLE_COLUMNS
    targets = {unit for unit, _, _ in DEV_UNITS.values()}
    assert targets <= {"s", "m", "m/s", "W", "N/m", "degC", "1/min", "rev/min", "steps/min",
                       "kg", "J", "Pa", "%"}
    assert DEV_UNITS["kn/m"] == ("N/m", 1000, 1) and DEV_UNITS["km/h"] == ("m/s", 1, 3.6)
    for column, units in DEV_CANONICAL.values():
        assert SAMPLE_COLUMNS[column][0] in units


@pytest.mark.parametrize("name", ["garmin_fr945_treadmill_10km.fit",
                                  "garmin_fenix5x_1km_repeats_devfields.fit"])
def test_stryd_ground_time_and_stiffness_in_si_on_real_files(name, real_dir):
    """Stryd's ground time (ms) and vertical oscillation (cm) agree with the watch's own
    stance time and vertical oscillation once in s and m; leg stiffness is in N/m (a runner's
    is about 5–20 kN/m, Morin et al. 2005)."""
    path = next(real_dir.rglob(name))
    [activity] = read_fit(path.read_bytes(), name)
    s = activity.samples
    both = s["dev_ground_time"].notna() & s["stance_time_s"].notna() & (s["stance_time_s"] > 0)
    assert abs((s["dev_ground_time"][both] - s["stance_time_s"][both]).median()) < 0.05
    both = s["dev_vertical_oscillation"].notna() & (s["vertical_oscillation_m"] > 0)
    assert abs((s["dev_vertical_oscillation"][both] - s["vertical_oscillation_m"][both])
               .median()) < 0.03
    assert 5_000 < s["dev_leg_spring_stiffness"].median() < 20_000


def _heart_rate_records(fit: FitBuilder, first: int, n: int) -> None:
    """``n`` records a second from ``first`` (local type 1), heart rate 100, 101, ..."""
    fit.define(1, "record", [field("record", "timestamp"), field("record", "heart_rate")])
    for i in range(n):
        fit.message(1, [first + i, 100 + i])


def _multisport_file() -> bytes:
    """Run 0–59 s, transition 60–89 s, ride 90–149 s: one record a second, and a lap per
    session starting with it."""
    fit = FitBuilder()
    file_id_message(fit)
    _heart_rate_records(fit, T0, 150)
    fit.define(2, "lap", [field("lap", "timestamp"), field("lap", "start_time"),
                          field("lap", "total_elapsed_time")])
    fit.define(3, "session", [field("session", "timestamp"), field("session", "start_time"),
                              field("session", "total_elapsed_time"), field("session", "sport")])
    for start, seconds, sport in ((0, 59.6, 1), (60, 29.6, 3), (90, 59.0, 2)):
        elapsed = round(seconds * 1000)  # scale 1000; ends pass the next start (to the ms)
        fit.message(2, [T0 + start + 60, T0 + start, elapsed])
        fit.message(3, [T0 + start + 60, T0 + start, elapsed, sport])
    return fit.to_bytes()


def test_multisport_transitions_are_kept_with_their_records():
    activities = read_fit(_multisport_file(), "tri.fit")
    assert [a.summary["sport"] for a in activities] == ["running", "transition", "cycling"]
    assert [a.index for a in activities] == [0, 1, 2]
    transition = activities[1]
    hr = transition.samples["heart_rate_bpm"].tolist()
    assert hr == [100 + i for i in range(60, 90)]  # its own records, none of the legs'
    assert sum(len(a.samples) for a in activities) == 150
    assert [len(a.laps) for a in activities] == [1, 1, 1]  # a transition's lap is its own
    assert transition.laps["elapsed_s"].tolist() == [29.6]


def test_models_give_a_transition_no_muscle_load():
    """A transition is shown, not modelled as a sport: no per-muscle load (its energy is
    the Compendium's generic activity for its minutes)."""
    from legload.analysis.session import analyse_session
    transition = read_fit(_multisport_file(), "tri.fit")[1]
    result = analyse_session(transition, mass_kg=70.0)
    assert result.to_dict()["muscles"] == {}


SYSTEM_START = 17_217_864  # seconds since the watch was switched on: 1990-07-18 as a date


def _clockless_file(*, created: int | None = None, correlation: tuple[int, int] | None = None
                    ) -> bytes:
    """A run whose records, session and lap are in system time (a watch without a clock)."""
    fit = FitBuilder()
    fit.define(0, "file_id", [field("file_id", "type"), field("file_id", "manufacturer"),
                              field("file_id", "time_created")])
    fit.message(0, [4, 1, created if created is not None else SYSTEM_START])
    if correlation is not None:
        fit.define(5, "timestamp_correlation", [field("timestamp_correlation", "timestamp"),
                                                field("timestamp_correlation",
                                                      "system_timestamp")])
        fit.message(5, list(correlation))
    _heart_rate_records(fit, SYSTEM_START, 30)
    session_message(fit, 2, SYSTEM_START, 29)
    return fit.to_bytes()


def _first_and_warning(data: bytes) -> tuple[str, list[str]]:
    [activity] = read_fit(data, "fr70.fit")
    return (activity.samples["timestamp"].iloc[0].isoformat(),
            [w for w in activity.warnings if "switched on" in w])


def test_clockless_dates_salvaged_from_a_timestamp_correlation():
    utc = T0 + 1000
    first, [warning] = _first_and_warning(
        _clockless_file(correlation=(utc, SYSTEM_START + 1000)))
    assert first == "2024-11-08T11:33:20+00:00"  # T0
    assert warning == ("fr70.fit: dated 1990-07-18: the times are seconds since the watch was "
                       "switched on (its clock was never set); dated from the file's timestamp "
                       "correlation (UTC), first record 2024-11-08")
    [activity] = read_fit(_clockless_file(correlation=(utc, SYSTEM_START + 1000)), "fr70.fit")
    # the session moved too
    assert pd.Timestamp(activity.summary["start"]) == pd.Timestamp("2024-11-08T11:33:20Z")
    assert activity.summary["duration_s"] == 29


def test_clockless_dates_salvaged_from_the_file_creation_time():
    first, [warning] = _first_and_warning(_clockless_file(created=T0))
    assert first == "2024-11-08T11:33:20+00:00"
    assert "dated from the file's creation time (UTC)" in warning


def test_clockless_dates_kept_and_warned_about_when_nothing_dates_them():
    first, [warning] = _first_and_warning(_clockless_file())
    assert first == "1990-07-18T06:44:24+00:00"
    assert warning.endswith("the file holds no date to correct them; kept as recorded")
    [dated] = read_fit(_altitude_file([2501]), "alt.fit")  # a file with dates: no warning
    assert not [w for w in dated.warnings if "switched on" in w]


@pytest.mark.parametrize("name", ["garmin_fr70_footpod_compressed_timestamps.fit",
                                  "garmin_fr70_hr_only_compressed_timestamps.fit"])
def test_real_clockless_forerunner_70_files_are_warned_about(name, real_dir):
    """The FR70 files hold no UTC date (their activity local_timestamp is the same second
    in both, so it is not used): kept in 1990, with the warning."""
    [activity] = read_fit(next(real_dir.rglob(name)).read_bytes(), name)
    assert activity.samples["timestamp"].iloc[0].year == 1990
    assert [w for w in activity.warnings if "clock was never set" in w]


def test_float32_developer_values_as_their_shortest_decimal():
    """Each float32 comes out as the fewest digits (7 to 9) that read back as it."""
    from legload.readers.fit.developer import float32_digits, significant
    values = np.array([31.85, 1.494140625, 98.672005, 0.0, np.nan, 8.325509e-3, 16777217.0],
                      dtype=np.float32).astype(float)
    shortest = significant(values, float32_digits(values))
    assert shortest[:4].tolist() == [31.85, 1.4941406, 98.672005, 0.0]
    assert np.isnan(shortest[4]) and shortest[5] == 0.008325509
    assert (shortest.astype(np.float32)[np.isfinite(values)]
            == values.astype(np.float32)[np.isfinite(values)]).all()


def test_real_float32_developer_fields_carry_no_float_artefacts(real_dir):
    path = next(real_dir.rglob("garmin_fr55_walk_coretemp.fit"))
    [activity] = read_fit(path.read_bytes(), path.name)
    skin = activity.samples["dev_skin_temperature"].dropna()
    assert (skin == skin.round(2)).all() and 20 < skin.median() < 40
