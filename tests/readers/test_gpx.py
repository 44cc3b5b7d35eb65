"""GPX reader: every real GPX agrees with a plain count of its timed points; broken files are
salvaged with a named warning or refused; generated tracks round-trip exactly."""

from __future__ import annotations

import datetime as dt
import re
from datetime import UTC, datetime, timedelta

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legload.core.activity import haversine_m
from legload.core.columns import SAMPLE_COLUMNS
from legload.errors import ReadError
from legload.readers.xml.gpx import read_gpx
from legload.streams import to_stream
from legload.synth.gpx_writer import write_gpx
from legload.synth.workouts import easy_run, synthesize

from ..conftest import REAL
from .xml_truth import plain_timed_points

GPX_FILES = sorted(
    p.relative_to(REAL).as_posix()
    for folder in ("gpx", "exports/strava_legacy_2018/activities")
    if (REAL / folder).is_dir()
    for p in (REAL / folder).rglob("*.gpx")
)
BROKEN_GPX = (
    sorted(p.name for p in (REAL / "broken").glob("*.gpx")) if (REAL / "broken").is_dir() else []
)

def check_canonical(samples: pd.DataFrame) -> None:
    assert list(samples.columns) == [c for c in SAMPLE_COLUMNS if c in samples.columns]
    assert str(samples["timestamp"].dtype) == "datetime64[ns, UTC]"
    for column in samples.columns:
        assert samples[column].notna().any(), f"{column} present but empty"
    if "lat_deg" in samples:
        assert samples["lat_deg"].dropna().between(-90, 90).all()
        assert samples["lon_deg"].dropna().between(-180, 180).all()
    if "heart_rate_bpm" in samples:
        assert samples["heart_rate_bpm"].dropna().between(30, 250).all()


@pytest.mark.parametrize("relative", GPX_FILES)
def test_real_gpx_matches_a_plain_count(relative, real_dir):
    data = (real_dir / relative).read_bytes()
    activities = read_gpx(data, relative)
    times = plain_timed_points(data, "trkpt", "time")
    assert len(activities) == 1
    activity = activities[0]
    samples = activity.samples
    assert len(samples) == len(times) == activity.summary["samples"]
    assert samples["timestamp"].iloc[0] == pd.Timestamp(times[0]).tz_convert("UTC")
    assert samples["timestamp"].iloc[-1] == pd.Timestamp(times[-1]).tz_convert("UTC")
    check_canonical(samples)
    assert activity.source == relative and activity.sha256 == "" and activity.index == 0
    assert activity.warnings == []
    assert activity.summary["format"] == "gpx"
    assert len(activity.laps) == 0 and "start" in activity.laps


@pytest.mark.parametrize(
    ("relative", "sport"),
    [
        ("gpx/running/strava_android_run.gpx", "running"),  # <type>9</type>
        ("exports/strava_legacy_2018/activities/1113917562.gpx", "cycling"),  # <type>1</type>
        ("gpx/cycling/garmin_connect_ride_2min.gpx", "cycling"),  # <type>cycling</type>
        ("gpx/running/amazfit_run.gpx", "running"),  # <type>Running</type>
        ("gpx/running/tomtom_run.gpx", "running"),  # no type; track named "Running"
    ],
)
def test_sport_from_the_track_type_or_name(relative, sport, real_dir):
    activity = read_gpx((real_dir / relative).read_bytes(), relative)[0]
    assert activity.summary["sport"] == sport


def test_run_cadence_is_doubled_and_ride_cadence_is_rpm(real_dir):
    run_path = real_dir / "gpx/running/strava_android_run.gpx"
    raw = [
        float(v) for v in re.findall(rb"<gpxtpx:cad>([^<]+)</gpxtpx:cad>", run_path.read_bytes())
    ]
    run = read_gpx(run_path.read_bytes(), "run.gpx")[0].samples
    assert "cadence_rpm" not in run
    np.testing.assert_array_equal(run["cadence_spm"].to_numpy(), 2 * np.array(raw))
    ride = read_gpx(
        (real_dir / "gpx/cycling/garmin_connect_ride_2min.gpx").read_bytes(), "ride.gpx"
    )[0]
    assert "cadence_spm" not in ride.samples
    assert ride.samples["cadence_rpm"].iloc[0] == 90  # first <ns3:cad>90</ns3:cad>
    assert ride.samples["temperature_c"].iloc[0] == 22.0
    assert ride.summary["device"] == "Garmin Connect"
    assert ride.summary["name"] == "Leiden Fietsen"


@pytest.mark.parametrize("name", BROKEN_GPX)
def test_broken_gpx_is_salvaged_with_a_named_warning_or_refused(name, real_dir):
    source = f"broken/{name}"
    try:
        activities = read_gpx((real_dir / "broken" / name).read_bytes(), source)
    except ReadError as exc:
        assert str(exc).startswith(source + ": ") and "\n" not in str(exc)
        return
    assert activities and all(len(a.samples) for a in activities)
    for warning in (w for a in activities for w in a.warnings):
        assert warning.startswith(source + ": ")


def test_named_broken_gpx_outcomes(real_dir):
    broken = real_dir / "broken"
    with pytest.raises(ReadError, match="no track points"):
        read_gpx((broken / "gpx_metadata_only_no_points.gpx").read_bytes(), "meta.gpx")
    with pytest.raises(ReadError, match=r"implausible timestamps.*1901-12-13"):
        read_gpx((broken / "gpx_time_anomaly_1901.gpx").read_bytes(), "1901.gpx")
    strava = read_gpx((broken / "gpx_undefined_namespace_prefix_strava.gpx").read_bytes(), "s.gpx")[
        0
    ]
    assert len(strava.samples) == 4040
    assert strava.samples["cadence_spm"].iloc[0] == 86  # gpxdata:cadence 43, one foot
    assert any(
        w.startswith("s.gpx: not well-formed XML") and "line 17, column 138" in w
        for w in strava.warnings
    )
    bom = read_gpx((broken / "gpx_bom_no_namespace.gpx").read_bytes(), "bom.gpx")[0]
    assert len(bom.samples) == 3497 and "altitude_m" in bom.samples


def _gpx(points: str, *, head: str = "", trk_head: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1" '
        'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v2">'
        f"{head}<trk>{trk_head}<trkseg>{points}</trkseg></trk></gpx>"
    ).encode()


def _pt(lat: float, lon: float, time: str | None, extra: str = "") -> str:
    stamp = f"<time>{time}</time>" if time else ""
    return f'<trkpt lat="{lat}" lon="{lon}">{stamp}{extra}</trkpt>'


def test_points_without_time_are_dropped_with_a_warning():
    points = _pt(1, 1, "2020-05-01T10:00:00Z") + _pt(1, 2, None) + _pt(1, 3, "2020-05-01T10:00:02Z")
    activity = read_gpx(_gpx(points), "gaps.gpx")[0]
    assert activity.samples["lon_deg"].tolist() == [1.0, 3.0]
    assert any(
        w.startswith("gaps.gpx: 1 of 3 track points have no readable time")
        for w in activity.warnings
    )


def test_no_time_at_all_is_refused():
    with pytest.raises(ReadError, match="no timestamps"):
        read_gpx(_gpx(_pt(1, 1, None) + _pt(1, 2, None)), "route.gpx")


def test_some_implausible_times_are_dropped_with_a_warning():
    future = (datetime.now(UTC) + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
    points = (
        _pt(1, 1, "1901-12-13T20:45:52Z") + _pt(1, 2, "2020-05-01T10:00:00Z") + _pt(1, 3, future)
    )
    activity = read_gpx(_gpx(points), "clock.gpx")[0]
    assert activity.samples["lon_deg"].tolist() == [2.0]
    assert any("2 of 3 track points have implausible times" in w for w in activity.warnings)


def test_gpx_10_without_namespace_and_several_tracks():
    data = (
        b'<gpx version="1.0" creator="old"><name>Day out</name>'
        b'<trk><type>Run</type><trkseg><trkpt lat="5" lon="6"><ele>10</ele>'
        b"<time>2011-01-01T00:00:00Z</time><speed>3.5</speed></trkpt></trkseg></trk>"
        b'<trk><trkseg><trkpt lat="5" lon="6"/></trkseg></trk>'
        b'<trk><type>hiking</type><trkseg><trkpt lat="5" lon="7"><time>2011-01-01T01:00:00Z</time>'
        b"</trkpt></trkseg></trk></gpx>"
    )
    activities = read_gpx(data, "multi.gpx")
    assert [a.index for a in activities] == [0, 2]
    assert [a.summary["sport"] for a in activities] == ["running", "hiking"]
    assert activities[0].samples["speed_m_s"].tolist() == [3.5]
    assert activities[0].summary["name"] == "Day out"
    assert all(any("track 2 skipped (no timestamps" in w for w in a.warnings) for a in activities)


def test_unknown_type_is_other_and_treadmill_words_give_a_sub_sport():
    base = _pt(1, 1, "2020-05-01T10:00:00Z") + _pt(1, 1.0001, "2020-05-01T10:00:01Z")
    assert (
        read_gpx(_gpx(base, trk_head="<type>kayaking</type>"), "k.gpx")[0].summary["sport"]
        == "other"
    )
    treadmill = read_gpx(_gpx(base, trk_head="<type>treadmill_running</type>"), "t.gpx")[0].summary
    assert (treadmill["sport"], treadmill["sub_sport"]) == ("running", "treadmill")


def test_leading_whitespace_before_the_declaration_is_salvaged():
    data = b"  \n" + _gpx(_pt(1, 1, "2020-05-01T10:00:00Z"))
    activity = read_gpx(data, "ws.gpx")[0]
    assert len(activity.samples) == 1
    assert any(
        w.startswith("ws.gpx: whitespace before the XML declaration") for w in activity.warnings
    )


_TIMES = st.datetimes(min_value=datetime(1990, 1, 2), max_value=datetime(2025, 12, 31))
_POINTS = st.lists(
    st.tuples(
        st.floats(-90, 90, allow_nan=False),
        st.floats(-180, 180, allow_nan=False),
        st.floats(-500, 9000, allow_nan=False),
        _TIMES,
        st.integers(30, 250),
    ),
    min_size=1,
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(_POINTS)
def test_generated_points_round_trip_exactly(points):
    body = "".join(
        _pt(
            lat,
            lon,
            None,
            f"<ele>{ele!r}</ele><time>{t.strftime('%Y-%m-%dT%H:%M:%S.%fZ')}</time>"
            f"<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>{hr}</gpxtpx:hr>"
            "</gpxtpx:TrackPointExtension></extensions>",
        )
        for lat, lon, ele, t, hr in points
    )
    samples = read_gpx(_gpx(body, trk_head="<type>running</type>"), "gen.gpx")[0].samples
    lat, lon, ele, times, hr = zip(*points, strict=True)
    np.testing.assert_array_equal(samples["lat_deg"].to_numpy(), np.array(lat))
    np.testing.assert_array_equal(samples["lon_deg"].to_numpy(), np.array(lon))
    np.testing.assert_array_equal(samples["altitude_m"].to_numpy(), np.array(ele))
    np.testing.assert_array_equal(samples["heart_rate_bpm"].to_numpy(), np.array(hr, dtype=float))
    expected = pd.DatetimeIndex([pd.Timestamp(t, tz="UTC") for t in times])
    assert (pd.DatetimeIndex(samples["timestamp"]) == expected).all()


def _without_derived(activity):
    """The activity as read before GPX files had derived speed and distance columns."""
    samples = activity.samples.drop(columns=["distance_m", "speed_m_s"])
    summary = {k: v for k, v in activity.summary.items() if k != "derived_columns"}
    return type(activity)(samples=samples, laps=activity.laps, summary=summary)


def test_real_gpx_gets_speed_and_distance_from_positions(real_dir):
    activity = read_gpx((real_dir / "gpx/running/tomtom_run.gpx").read_bytes(), "tomtom.gpx")[0]
    samples = activity.samples
    assert activity.summary["derived_columns"] == ["distance_m", "speed_m_s"]
    assert "speed" not in activity.summary["channels"]  # the file's own channels only
    check_canonical(samples)
    distance = samples["distance_m"].to_numpy()
    assert distance[0] == 0.0 and (np.diff(distance) >= 0).all()
    assert distance[-1] == pytest.approx(activity.summary["distance_m"], abs=1e-6)
    assert 2.5 < samples["speed_m_s"].median() < 4.5  # a 4.8 km run in 24 min
    # the stream still takes its distance and speed from the positions, as before
    stream, before = to_stream(activity), to_stream(_without_derived(activity))
    assert stream.flags["speed_source"] == stream.flags["distance_source"] == "positions"
    pd.testing.assert_frame_equal(stream.frame, before.frame)


def test_generated_gpx_speed_and_distance_follow_the_truth(tmp_path):
    workout = easy_run(dt.datetime(2026, 6, 1, 6, 30, tzinfo=UTC), minutes=10)
    truth = synthesize(workout, seed=3, gps_noise_m=0.0)
    path = write_gpx(workout, tmp_path / "run.gpx", truth)
    activity = read_gpx(path.read_bytes(), "run.gpx")[0]
    samples = activity.samples
    assert samples["distance_m"].iloc[-1] == pytest.approx(truth["distance_m"].iloc[-1], rel=0.01)
    inner = slice(5, -5)
    error = samples["speed_m_s"].to_numpy()[inner] - truth["speed_m_s"].to_numpy()[inner]
    assert np.median(np.abs(error)) < 0.1


def test_a_recorded_speed_is_kept_and_nothing_is_derived():
    points = (_pt(1, 1, "2020-05-01T10:00:00Z", "<speed>3.0</speed>")
              + _pt(1, 1.0001, "2020-05-01T10:00:04Z", "<speed>2.5</speed>"))
    activity = read_gpx(_gpx(points), "speed.gpx")[0]
    assert activity.samples["speed_m_s"].tolist() == [3.0, 2.5]
    assert "distance_m" not in activity.samples and "derived_columns" not in activity.summary


def test_points_without_position_get_no_speed_or_distance():
    points = (_pt(0.5, 1, "2020-05-01T10:00:00Z") + "<trkpt><time>2020-05-01T10:00:01Z</time></trkpt>"
              + _pt(0.5, 1.0001, "2020-05-01T10:00:02Z"))
    samples = read_gpx(_gpx(points), "tunnel.gpx")[0].samples
    assert np.isnan(samples["distance_m"][1]) and np.isnan(samples["speed_m_s"][1])
    assert samples["speed_m_s"][0] == pytest.approx(haversine_m(0.5, 1, 0.5, 1.0001) / 2, rel=1e-6)
