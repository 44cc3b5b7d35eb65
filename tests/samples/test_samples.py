"""Sample generator: synthetic truth, FIT through the official SDK, GPX 1.1."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from garmin_fit_sdk import Decoder, Stream
from lxml import etree

from legload.core.activity import haversine_m, track_distance_m
from legload.errors import StreamError
from legload.synth.fit_writer import encode_fit, write_fit
from legload.synth.gpx_writer import GPX_NS, TPX_NS, encode_gpx, write_gpx
from legload.synth.workouts import (
    Segment,
    Workout,
    easy_run,
    hill_repeats,
    intervals,
    long_run,
    run_with_stop,
    strides,
    synthesize,
    treadmill_run,
)

START = dt.datetime(2026, 6, 1, 6, 30, tzinfo=dt.UTC)
BUILDERS = {
    "easy": easy_run, "long": lambda s: long_run(s, km=12), "intervals": intervals,
    "strides": strides, "hills": hill_repeats, "treadmill": treadmill_run, "stop": run_with_stop,
}
NS = {"g": GPX_NS, "x": TPX_NS}


def decode(data: bytes) -> dict:
    checker = Decoder(Stream.from_byte_array(bytearray(data)))
    assert checker.is_fit() and checker.check_integrity()
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors == []
    return messages


def seconds(samples: pd.DataFrame) -> np.ndarray:
    return (samples["timestamp"] - pd.Timestamp(START)).dt.total_seconds().to_numpy()


@pytest.mark.parametrize("name", list(BUILDERS))
def test_synthesize_follows_the_segments(name):
    workout = BUILDERS[name](START)
    samples = synthesize(workout)
    assert samples["timestamp"].iloc[0] == pd.Timestamp(START)
    assert str(samples["timestamp"].dt.tz) == "UTC"
    assert samples["distance_m"].iloc[-1] == pytest.approx(workout.distance_m, abs=1e-6)
    assert seconds(samples)[-1] == pytest.approx(workout.elapsed_s)
    assert (np.diff(samples["distance_m"]) >= -1e-9).all()
    assert len(samples) == workout.moving_s + sum(s.kind == "stop" for s in workout.segments) + 1
    for span in workout.timeline():  # every sample strictly inside a segment has its speed
        t = seconds(samples)
        inside = (t > span.t0) & (t < span.t1)
        if span.segment.kind != "stop":
            assert np.allclose(samples["speed_m_s"][inside], span.segment.speed_m_s)
            assert inside.sum() == span.segment.duration_s - 1
    assert samples["heart_rate_bpm"].between(50, 200).all()
    fast = samples["speed_m_s"] >= 2.5
    assert samples["cadence_spm"][fast].between(150, 210).all()
    assert (samples["cadence_spm"] % 2 == 0).all()


def test_cadence_and_heart_rate_rise_with_speed():
    slow = synthesize(easy_run(START, minutes=20, speed=2.5))
    fast = synthesize(easy_run(START, minutes=20, speed=4.0))
    assert fast["cadence_spm"].mean() > slow["cadence_spm"].mean() + 8
    assert fast["heart_rate_bpm"].iloc[-300:].mean() > slow["heart_rate_bpm"].iloc[-300:].mean()
    assert 160 <= slow["cadence_spm"].mean() <= 185


def test_route_stays_near_start_and_matches_distance():
    workout = long_run(START, km=24)
    samples = synthesize(workout, lat0=-33.9, lon0=151.2)
    spread = haversine_m(-33.9, 151.2, samples["lat_deg"], samples["lon_deg"])
    assert spread.max() < 3000
    assert track_distance_m(samples)[-1] == pytest.approx(workout.distance_m, rel=2e-3)
    assert samples["altitude_m"].max() - samples["altitude_m"].min() == pytest.approx(20, abs=1e-6)


def test_seed_noise_and_rate():
    workout = easy_run(START, minutes=10)
    a = synthesize(workout, seed=3, gps_noise_m=3.0, alt_noise_m=1.0)
    pd.testing.assert_frame_equal(a, synthesize(workout, seed=3, gps_noise_m=3.0, alt_noise_m=1.0))
    b = synthesize(workout, seed=4, gps_noise_m=3.0, alt_noise_m=1.0)
    assert not np.allclose(a["lat_deg"], b["lat_deg"])
    clean = synthesize(workout, seed=3)
    error = haversine_m(a["lat_deg"], a["lon_deg"], clean["lat_deg"], clean["lon_deg"])
    assert 0.5 < error.mean() < 10
    assert a["altitude_m"].std() > 0.2 and clean["altitude_m"].std() == 0
    assert np.array_equal(a["distance_m"], clean["distance_m"])
    assert len(synthesize(workout, hz=2.0)) == 2 * 600 + 1


def test_run_with_stop_has_a_gap_and_no_samples_inside():
    workout = run_with_stop(START, stop_s=600, minutes=20)
    samples = synthesize(workout)
    t = seconds(samples)
    gaps = np.diff(t)
    assert gaps.max() == 600 and (gaps == 600).sum() == 1
    assert not ((t > 1200) & (t < 1800)).any()
    before, after = samples[t == 1200], samples[t == 1800]
    assert before["distance_m"].item() == after["distance_m"].item() == 1200 * 2.9
    assert workout.moving_s == 2400 and workout.elapsed_s == 3000


def test_hill_repeats_climb_equals_reps_times_grade_times_distance():
    workout = hill_repeats(START, reps=8, grade=0.08, rep_s=60, speed=3.4)
    expected = 8 * 0.08 * 60 * 3.4
    altitude = synthesize(workout)["altitude_m"].to_numpy()
    rises = np.diff(altitude)
    assert rises.clip(min=0).sum() == pytest.approx(expected, rel=0.01)
    assert -rises.clip(max=0).sum() == pytest.approx(expected, rel=0.01)
    assert workout.ascent_m == pytest.approx(expected)
    messages = decode(encode_fit(workout, synthesize(workout)))
    fit_alt = np.array([r["enhanced_altitude"] for r in messages["record_mesgs"]])
    assert np.diff(fit_alt).clip(min=0).sum() == pytest.approx(expected, rel=0.01)
    assert messages["session_mesgs"][0]["total_ascent"] == round(expected)


def test_treadmill_has_no_positions_anywhere():
    workout = treadmill_run(START, minutes=30)
    samples = synthesize(workout, gps_noise_m=5.0)
    assert not {"lat_deg", "lon_deg", "altitude_m"} & set(samples.columns)
    messages = decode(encode_fit(workout, samples))
    assert not any("position_lat" in r or "enhanced_altitude" in r
                   for r in messages["record_mesgs"])
    assert messages["session_mesgs"][0]["sub_sport"] == "treadmill"
    with pytest.raises(StreamError, match="positions"):
        encode_gpx(workout, samples)


@pytest.mark.parametrize("name", ["easy", "intervals", "hills", "stop", "treadmill"])
def test_fit_round_trip(name):
    workout = BUILDERS[name](START)
    samples = synthesize(workout, seed=7, gps_noise_m=2.0, alt_noise_m=1.0)
    messages = decode(encode_fit(workout, samples))
    records = messages["record_mesgs"]
    assert len(records) == len(samples)
    assert records[0]["timestamp"] == START
    assert records[-1]["timestamp"] == samples["timestamp"].iloc[-1].to_pydatetime()

    def column(field):
        return np.array([r.get(field, np.nan) for r in records], dtype=float)

    assert np.abs(column("distance") - samples["distance_m"]).max() <= 0.005 + 1e-9
    assert np.abs(column("enhanced_speed") - samples["speed_m_s"]).max() <= 0.0005 + 1e-9
    assert np.array_equal(column("heart_rate"), samples["heart_rate_bpm"])
    cadence = column("cadence") + np.nan_to_num(column("fractional_cadence"))
    assert np.array_equal(cadence * 2, samples["cadence_spm"])
    if not workout.indoor:
        assert np.abs(column("enhanced_altitude") - samples["altitude_m"]).max() <= 0.1 + 1e-9
        lat = column("position_lat") * 180 / 2**31
        assert np.abs(lat - samples["lat_deg"]).max() < 1e-7
        lon = column("position_long") * 180 / 2**31
        assert np.abs(lon - samples["lon_deg"]).max() < 1e-7
    session = messages["session_mesgs"][0]
    assert session["sport"] == "running"
    assert session["total_distance"] == pytest.approx(workout.distance_m, abs=0.005)
    assert session["total_timer_time"] == pytest.approx(workout.moving_s, abs=0.001)
    assert session["total_elapsed_time"] == pytest.approx(workout.elapsed_s, abs=0.001)
    assert session["total_ascent"] == round(workout.ascent_m)
    assert session["total_descent"] == round(workout.descent_m)
    assert session["start_time"] == START
    laps = messages["lap_mesgs"]
    assert len(laps) == sum(s.kind != "stop" for s in workout.segments) == session["num_laps"]
    assert sum(lap["total_distance"] for lap in laps) == pytest.approx(workout.distance_m, abs=0.1)
    assert sum(lap["total_elapsed_time"] for lap in laps) == pytest.approx(workout.elapsed_s)
    assert messages["file_id_mesgs"][0]["type"] == "activity"
    assert messages["file_id_mesgs"][0]["garmin_product"] == "fr955"
    assert messages["activity_mesgs"][0]["num_sessions"] == 1


def test_fit_timer_events_surround_the_stop():
    workout = run_with_stop(START, stop_s=300, minutes=10)
    messages = decode(encode_fit(workout, synthesize(workout)))
    events = [(e["event_type"], (e["timestamp"] - START).total_seconds())
              for e in messages["event_mesgs"] if e["event"] == "timer"]
    assert events == [("start", 0), ("stop_all", 600), ("start", 900), ("stop_all", 1500)]


def test_interval_laps_carry_intensity_and_one_lap_option():
    workout = intervals(START, reps=3, rep_m=400, rep_speed=5.0, rest_s=60)
    samples = synthesize(workout)
    laps = decode(encode_fit(workout, samples))["lap_mesgs"]
    assert [lap["intensity"] for lap in laps] == [
        "warmup", "active", "recovery", "active", "recovery", "active", "cooldown"]
    assert laps[1]["total_distance"] == pytest.approx(400)
    assert laps[1]["avg_heart_rate"] > laps[0]["avg_heart_rate"]
    assert laps[-1]["lap_trigger"] == "session_end"
    single = decode(encode_fit(workout, samples, laps=False))["lap_mesgs"]
    assert len(single) == 1 and single[0]["total_distance"] == pytest.approx(workout.distance_m)


def test_legload_reader_reads_generated_fit(tmp_path):
    from legload.readers.fit.messages import read_fit

    workout = strides(START)
    samples = synthesize(workout, seed=2, gps_noise_m=1.0)
    path = write_fit(workout, tmp_path / "strides.fit", samples)
    (activity,) = read_fit(path.read_bytes(), str(path))
    assert len(activity.samples) == len(samples)
    assert np.array_equal(activity.samples["cadence_spm"], samples["cadence_spm"])
    assert activity.summary["distance_m"] == pytest.approx(workout.distance_m, abs=0.01)
    assert activity.summary["device"] == "garmin/fr955"


def test_gpx_round_trip_and_escaping(tmp_path):
    workout = run_with_stop(START, stop_s=120, minutes=5)
    workout.name = 'Tom & "Jerry" <loop>'
    samples = synthesize(workout, seed=1, gps_noise_m=2.0)
    path = write_gpx(workout, tmp_path / "run.gpx", samples)
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(path.read_bytes(), parser)
    assert root.get("version") == "1.1" and root.get("creator") == "legload sample"
    assert root.findtext("g:trk/g:name", namespaces=NS) == workout.name
    assert root.findtext("g:trk/g:type", namespaces=NS) == "running"
    assert len(root.findall("g:trk/g:trkseg", namespaces=NS)) == 2
    points = root.findall("g:trk/g:trkseg/g:trkpt", namespaces=NS)
    assert len(points) == len(samples)
    lat = np.array([float(p.get("lat")) for p in points])
    assert np.abs(lat - samples["lat_deg"]).max() <= 5e-8
    ele = np.array([float(p.findtext("g:ele", namespaces=NS)) for p in points])
    assert np.abs(ele - samples["altitude_m"]).max() <= 0.005 + 1e-9
    times = pd.to_datetime([p.findtext("g:time", namespaces=NS) for p in points], utc=True)
    assert (times == samples["timestamp"]).all()
    assert points[0].findtext("g:time", namespaces=NS).endswith("Z")
    hr = [int(p.findtext(".//x:hr", namespaces=NS)) for p in points]
    cad = [int(p.findtext(".//x:cad", namespaces=NS)) for p in points]
    assert hr == samples["heart_rate_bpm"].astype(int).tolist()
    assert cad == (samples["cadence_spm"] // 2).astype(int).tolist()


def test_custom_cycling_workout_and_invalid_input():
    ride = Workout("Ride", "cycling", "road", START, [Segment(600, 8.0), Segment(300, 6.0, 0.04)])
    samples = synthesize(ride)
    assert "cadence_rpm" in samples and "cadence_spm" not in samples
    records = decode(encode_fit(ride, samples))["record_mesgs"]
    assert [r["cadence"] for r in records] == samples["cadence_rpm"].tolist()
    with pytest.raises(StreamError):
        Segment(10, 3.0, kind="jog")
    with pytest.raises(StreamError):
        Workout("x", "rowing", "generic", START, [Segment(10, 3.0)])
    with pytest.raises(StreamError):
        encode_fit(Workout("x", "running", "moonwalk", START, [Segment(10, 3.0)]), samples)


def test_any_timestamp_resolution_encodes_the_same():
    workout = easy_run(START, minutes=5)
    samples = synthesize(workout)
    coarse = samples.assign(timestamp=samples["timestamp"].dt.as_unit("s"))
    assert encode_fit(workout, coarse) == encode_fit(workout, samples)
    assert encode_gpx(workout, coarse) == encode_gpx(workout, samples)


@pytest.mark.slow
def test_ten_hour_activity_encodes_and_decodes():
    workout = easy_run(START, minutes=600, speed=2.5)
    samples = synthesize(workout, gps_noise_m=2.0, alt_noise_m=1.0)
    assert len(samples) == 36_001
    spread = haversine_m(47.0, 8.0, samples["lat_deg"], samples["lon_deg"])
    assert spread.max() < 3000
    messages = decode(encode_fit(workout, samples))
    assert len(messages["record_mesgs"]) == 36_001
    assert messages["session_mesgs"][0]["total_distance"] == pytest.approx(90_000)
