"""TCX reader: every real TCX agrees with a plain count of its timed trackpoints; laps,
cadence conventions, treadmill and multisport files; broken files are salvaged with a named
warning or refused."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from legload.core.columns import LAP_COLUMNS
from legload.errors import ReadError
from legload.readers.xml.tcx import read_tcx

from ..conftest import REAL
from .test_gpx import check_canonical
from .xml_truth import plain_timed_points

TCX_FILES = (
    sorted(p.relative_to(REAL).as_posix() for p in (REAL / "tcx").rglob("*.tcx"))
    if (REAL / "tcx").is_dir()
    else []
)
BROKEN_TCX = (
    sorted(p.name for p in (REAL / "broken").glob("*.tcx")) if (REAL / "broken").is_dir() else []
)

@pytest.mark.parametrize("relative", TCX_FILES)
def test_real_tcx_matches_a_plain_count(relative, real_dir):
    data = (real_dir / relative).read_bytes()
    activities = read_tcx(data, relative)
    times = plain_timed_points(data, "Trackpoint", "Time")
    assert sum(len(a.samples) for a in activities) == len(times)
    first, last = activities[0].samples["timestamp"], activities[-1].samples["timestamp"]
    assert first.iloc[0] == pd.Timestamp(times[0]).tz_convert("UTC")
    assert last.iloc[-1] == pd.Timestamp(times[-1]).tz_convert("UTC")
    for position, activity in enumerate(activities):
        check_canonical(activity.samples)
        assert activity.index == position and activity.source == relative and activity.sha256 == ""
        assert activity.summary["samples"] == len(activity.samples)
        assert activity.summary["format"] == "tcx"
        assert list(activity.laps.columns) == list(LAP_COLUMNS)
        assert activity.warnings == []


def test_running_cadence_is_doubled(real_dir):
    path = real_dir / "tcx/running/garmin_run_14min.tcx"
    raw = [
        float(v)
        for v in re.findall(rb"<ns3:RunCadence>([^<]+)</ns3:RunCadence>", path.read_bytes())
    ]
    run = read_tcx(path.read_bytes(), "run.tcx")[0]
    assert run.summary["sport"] == "running"
    assert "cadence_rpm" not in run.samples
    np.testing.assert_array_equal(run.samples["cadence_spm"].to_numpy(), 2 * np.array(raw))
    assert 140 < run.samples["cadence_spm"].median() < 200


def test_suunto_trackpoint_cadence_of_a_run_is_per_foot(real_dir):
    path = real_dir / "tcx/running/unknown_device_run.tcx"
    pattern = re.compile(rb"<Trackpoint>.*?<Cadence>([^<]+)</Cadence>", re.S)
    raw = [float(v) for v in pattern.findall(path.read_bytes())]
    run = read_tcx(path.read_bytes(), "suunto.tcx")[0]
    assert "cadence_rpm" not in run.samples
    np.testing.assert_array_equal(run.samples["cadence_spm"].to_numpy(), 2 * np.array(raw))
    assert 140 < run.samples["cadence_spm"].median() < 200
    assert run.summary["device"] == "Suunto Spartan Ultra"


_GARMIN = "http://www.garmin.com/xmlschemas"


def _tcx(sport: str, trackpoints: str, lap: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<TrainingCenterDatabase xmlns="{_GARMIN}/TrainingCenterDatabase/v2" '
        f'xmlns:ns3="{_GARMIN}/ActivityExtension/v2">'
        f'<Activities><Activity Sport="{sport}"><Id>2020-05-01T10:00:00Z</Id>'
        f'<Lap StartTime="2020-05-01T10:00:00Z">{lap}<Track>{trackpoints}</Track></Lap>'
        "<Creator><Name>Edge 530</Name></Creator></Activity></Activities></TrainingCenterDatabase>"
    ).encode()


def _tp(second: int, cadence: int, watts: int) -> str:
    return (
        f"<Trackpoint><Time>2020-05-01T10:00:{second:02d}Z</Time><Cadence>{cadence}</Cadence>"
        f"<Extensions><ns3:TPX><ns3:Speed>8.5</ns3:Speed><ns3:Watts>{watts}</ns3:Watts></ns3:TPX>"
        "</Extensions></Trackpoint>"
    )


def test_cycling_cadence_is_rpm_and_extensions_are_read():
    ride = read_tcx(_tcx("Biking", _tp(0, 85, 210) + _tp(1, 90, 250)), "ride.tcx")[0]
    assert ride.summary["sport"] == "cycling"
    assert ride.summary["device"] == "Edge 530"
    assert "cadence_spm" not in ride.samples
    assert ride.samples["cadence_rpm"].tolist() == [85.0, 90.0]
    assert ride.samples["power_w"].tolist() == [210.0, 250.0]
    assert ride.samples["speed_m_s"].tolist() == [8.5, 8.5]


def test_laps_and_totals():
    lap = (
        "<TotalTimeSeconds>61.5</TotalTimeSeconds><DistanceMeters>400</DistanceMeters>"
        "<Intensity>Resting</Intensity><TriggerMethod>Location</TriggerMethod>"
    )
    run = read_tcx(_tcx("Running", _tp(0, 80, 300) + _tp(30, 82, 310), lap), "lap.tcx")[0]
    laps = run.laps
    assert len(laps) == 1
    assert laps["start"].iloc[0] == pd.Timestamp("2020-05-01T10:00:00Z")
    assert laps["timer_s"].iloc[0] == 61.5 and laps["elapsed_s"].iloc[0] == 61.5
    assert laps["distance_m"].iloc[0] == 400
    assert (laps["intensity"].iloc[0], laps["trigger"].iloc[0]) == ("rest", "position")
    assert run.summary["moving_s"] == 61.5 and run.summary["distance_m"] == 400
    assert run.samples["cadence_spm"].tolist() == [160.0, 164.0]  # <Cadence> of a run is per foot
    assert run.summary["sub_sport"] == "treadmill"  # a run with distance and no positions


def test_treadmill_run_has_no_positions(real_dir):
    run = read_tcx(
        (real_dir / "tcx/running/garmin_fr945_treadmill_10km.tcx").read_bytes(), "t.tcx"
    )[0]
    assert "lat_deg" not in run.samples and "altitude_m" not in run.samples
    assert run.summary["sub_sport"] == "treadmill"
    assert run.summary["distance_m"] == pytest.approx(10630.37)
    assert run.summary["moving_s"] == pytest.approx(3097.789)


def test_multisport_file_gives_one_activity_per_leg(real_dir):
    legs = read_tcx(
        (real_dir / "tcx/multisport/run_bike_run_multisession.tcx").read_bytes(), "m.tcx"
    )
    assert [a.summary["sport"] for a in legs] == ["running", "cycling", "running", "cycling"]
    assert [a.index for a in legs] == [0, 1, 2, 3]
    starts = [a.samples["timestamp"].iloc[0] for a in legs]
    assert starts == sorted(starts)


def test_suunto_laps_that_stop_early_do_not_cut_the_distance(real_dir):
    run = read_tcx((real_dir / "tcx/running/suunto_movescount_run.tcx").read_bytes(), "s.tcx")[0]
    assert run.summary["distance_m"] == pytest.approx(run.samples["distance_m"].max())


def test_other_sport_is_inferred_from_a_slow_flat_track(real_dir):
    walk = read_tcx((real_dir / "tcx/walking/walking_activity.tcx").read_bytes(), "w.tcx")[0]
    assert walk.summary["sport"] == "walking"


@pytest.mark.parametrize("name", BROKEN_TCX)
def test_broken_tcx_is_salvaged_with_a_named_warning_or_refused(name, real_dir):
    source = f"broken/{name}"
    try:
        activities = read_tcx((real_dir / "broken" / name).read_bytes(), source)
    except ReadError as exc:
        assert str(exc).startswith(source + ": ") and "\n" not in str(exc)
        return
    assert activities and all(len(a.samples) for a in activities)
    warnings = [w for a in activities for w in a.warnings]
    assert warnings and all(w.startswith(source + ": ") for w in warnings)


def test_named_broken_tcx_outcomes(real_dir):
    broken = real_dir / "broken"
    spaced = read_tcx(
        (broken / "tcx_leading_whitespace_before_xml_decl.tcx").read_bytes(), "ws.tcx"
    )[0]
    assert len(spaced.samples) == 1545
    assert any("whitespace before the XML declaration" in w for w in spaced.warnings)
    prefix = read_tcx((broken / "tcx_undefined_namespace_prefix.tcx").read_bytes(), "p.tcx")[0]
    assert len(prefix.samples) == 384
    assert any("Namespace prefix xsi" in w and "line 4653, column 35" in w for w in prefix.warnings)


def test_activities_without_trackpoints_are_refused():
    with pytest.raises(ReadError, match="no track points"):
        read_tcx(_tcx("Running", ""), "empty.tcx")
    courses = (
        b'<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
        b"<Courses><Course><Name>loop</Name></Course></Courses></TrainingCenterDatabase>"
    )
    with pytest.raises(ReadError, match="no track points"):
        read_tcx(courses, "course.tcx")
