"""Every non-broken real file reads, and agrees with an independent decode (the manifest)."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from legload import read_activities, read_activity
from legload.core.columns import SAMPLE_COLUMNS

from ..conftest import REAL, REPO

MANIFEST = REPO / "tests" / "data" / "real_manifest.csv"
ROWS = list(csv.DictReader(line for line in MANIFEST.read_text().splitlines() if not line.startswith("#")))


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["path"].rsplit("/", 1)[-1])
def test_reads_like_the_independent_decode(row, real_dir):
    activities = list(read_activities(real_dir / row["path"]))
    assert activities, "no activity read"
    first = pd.Timestamp(row["first"]).tz_convert("UTC").floor("s")
    last = pd.Timestamp(row["last"]).tz_convert("UTC").floor("s")
    n_samples = sum(len(a.samples) for a in activities)
    for activity in activities:
        samples = activity.samples
        canonical = [c for c in samples.columns if c in SAMPLE_COLUMNS]
        assert canonical == [c for c in SAMPLE_COLUMNS if c in canonical]
        assert all(c in SAMPLE_COLUMNS or c.startswith("dev_") for c in samples.columns)
        assert str(samples["timestamp"].dtype) == "datetime64[ns, UTC]"
        assert activity.summary["samples"] == len(samples)
        assert activity.sha256 and len(activity.sha256) == 64
        for column in samples.columns:
            if column != "timestamp":
                assert samples[column].notna().any(), f"{column} present but empty"
    if row["sport"] == "multisport":
        assert len(activities) >= 2
        assert n_samples <= int(row["records"])
        assert activities[0].samples["timestamp"].iloc[0].floor("s") >= first
        return
    assert len(activities) == 1
    samples = activities[0].samples
    assert n_samples == int(row["records"])
    assert samples["timestamp"].iloc[0].floor("s") == first
    assert samples["timestamp"].iloc[-1].floor("s") == last
    assert activities[0].summary["sport"] == row["sport"]


def test_values_are_in_si_units(real_dir):
    run = read_activity(real_dir / "fit/running/garmin_fr945_run_hilly_14km.fit")
    s = run.samples
    assert s["lat_deg"].dropna().between(-90, 90).all() and s["lon_deg"].dropna().between(-180, 180).all()
    assert 1.5 < s["speed_m_s"].median() < 5.0  # a 14 km run in 1h23
    assert 140 < s["cadence_spm"].median() < 200  # both feet, steps/min
    assert s["distance_m"].iloc[-1] == pytest.approx(14005, abs=5)
    assert run.summary["ascent_m"] == 347  # the device's session total
    ride = read_activity(real_dir / "fit/cycling/garmin_edge810_vector_power.fit")
    assert "cadence_rpm" in ride.samples and "cadence_spm" not in ride.samples
    assert 50 < ride.samples["cadence_rpm"].median() < 120


def test_channels_that_a_file_lacks_are_absent(real_dir):
    treadmill = read_activity(real_dir / "fit/running/garmin_fr945_treadmill_10km.fit")
    assert "lat_deg" not in treadmill.samples and "altitude_m" not in treadmill.samples
    assert treadmill.summary["sub_sport"] == "treadmill"
    assert "gps" not in treadmill.summary["channels"]


def test_developer_power_becomes_power(real_dir):
    stryd = read_activity(real_dir / "fit/running/stryd_developer_fields_run.fit")
    assert "power_w" in stryd.samples
    assert 100 < stryd.samples["power_w"].median() < 500


def test_multisport_file_gives_one_activity_per_session(real_dir):
    legs = list(read_activities(real_dir / "fit/multisport/garmin_fr920xt_triathlon_chained.fit"))
    assert [a.summary["sport"] for a in legs] == ["swimming", "transition", "cycling",
                                                  "transition", "running"]
    assert len({a.sha256 for a in legs}) == 1
    assert [a.index for a in legs] == [0, 1, 2, 3, 4]
    starts = [a.samples["timestamp"].iloc[0] for a in legs]
    assert starts == sorted(starts)


@pytest.mark.parametrize(("fit", "other"), [
    ("fit/running/garmin_fr945_run_hilly_14km.fit", "gpx/running/garmin_connect_fr945_run_hilly_14km.gpx"),
    ("fit/running/garmin_fr15_10k_race.fit", "tcx/running/garmin_fr15_10k_race.tcx"),
    ("fit/running/garmin_fr945_treadmill_10km.fit", "tcx/running/garmin_fr945_treadmill_10km.tcx"),
])
def test_one_recording_in_two_formats_agrees(fit, other, real_dir):
    a, b = read_activity(real_dir / fit), read_activity(real_dir / other)
    assert b.summary["distance_m"] == pytest.approx(a.summary["distance_m"], rel=0.01)
    assert abs(b.summary["duration_s"] - a.summary["duration_s"]) <= 2.0


def test_manifest_covers_every_real_activity_file():
    if not REAL.is_dir():
        pytest.skip("real files absent")
    listed = {row["path"] for row in ROWS}
    on_disk = {p.relative_to(REAL).as_posix() for p in REAL.rglob("*")
               if p.is_file() and not p.relative_to(REAL).as_posix().startswith("broken/")
               and p.name.lower().endswith((".fit", ".gpx", ".tcx", ".fit.gz", ".gpx.gz", ".tcx.gz"))}
    assert on_disk == listed
