"""Session analysis: classes and segments on real recordings and on generated sessions whose
truth is known."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from legload import read_activity
from legload.analysis.session import analyse_session
from legload.cli import app
from legload.readers.detect import read_bytes
from legload.streams import to_stream
from legload.synth.fit_writer import encode_fit
from legload.synth.workouts import (
    easy_run,
    hill_repeats,
    intervals,
    run_with_stop,
    strides,
    synthesize,
    treadmill_run,
)

from ..conftest import REAL

START = dt.datetime(2026, 3, 2, 7, tzinfo=dt.UTC)


def _analyse(workout, alt_noise_m=0.3, seed=1):
    samples = synthesize(workout, seed=seed, gps_noise_m=2.0, alt_noise_m=alt_noise_m)
    return analyse_session(read_bytes(encode_fit(workout, samples), "generated.fit")[0])


def _kinds(result, kind):
    return [s for s in result.segments if s.kind == kind]


def test_generated_easy_run_is_easy_with_no_efforts():
    result = _analyse(easy_run(START, minutes=45))
    assert result.session_class == "easy" and result.tags == ["easy"]
    assert not _kinds(result, "sprint") and not _kinds(result, "work")


def test_generated_6x800_intervals():
    result = _analyse(intervals(START, reps=6, rep_m=800))
    assert result.session_class == "intervals"
    work = _kinds(result, "work")
    assert len(work) == 6
    for rep in work:
        assert rep.distance_m == pytest.approx(800, abs=40)
        assert rep.mean_speed_m_s == pytest.approx(4.6, abs=0.25)
    assert len(_kinds(result, "recovery")) == 5


def test_generated_10x100_strides():
    result = _analyse(strides(START, reps=10, rep_m=100))
    assert result.session_class == "sprints"
    sprints = _kinds(result, "sprint")
    assert len(sprints) == 10
    assert all(s.distance_m == pytest.approx(100, abs=15) for s in sprints)


def test_generated_hill_repeats_at_8_percent():
    result = _analyse(hill_repeats(START, reps=8, grade=0.08))
    assert result.session_class == "hills"
    up = _kinds(result, "climb")
    assert len(up) == 8
    # altitude is smoothed before grade is taken: the steep part keeps 8 % within 1.5 points
    assert all(c.mean_grade == pytest.approx(0.08, abs=0.015) for c in up)
    assert not _kinds(result, "sprint")


def test_generated_run_with_a_ten_minute_stop():
    workout = run_with_stop(START, stop_s=600, minutes=20)
    result = _analyse(workout)
    assert result.session_class == "easy"
    assert result.moving_s == pytest.approx(workout.moving_s, abs=3)
    assert result.distance_m == pytest.approx(workout.distance_m, rel=0.01)


def test_generated_treadmill_run_has_grade_zero():
    workout = treadmill_run(START, minutes=30)
    samples = synthesize(workout)
    activity = read_bytes(encode_fit(workout, samples), "treadmill.fit")[0]
    assert (to_stream(activity).frame["grade"] == 0).all()
    assert analyse_session(activity).session_class == "treadmill"


def test_energy_follows_minetti_on_the_flat():
    """A flat 10 km at 3 m/s for 70 kg: net cost 3.6 J/kg/m (the polynomial at grade 0) ×
    10,000 m × 70 kg = 602 kcal, plus 1 MET for 55.6 min = 65 kcal."""
    workout = easy_run(START, minutes=10_000 / 3.0 / 60, speed=3.0)
    samples = synthesize(workout, alt_noise_m=0.0)
    result = analyse_session(read_bytes(encode_fit(workout, samples), "flat.fit")[0])
    assert result.energy_kcal == pytest.approx(602 + 65, rel=0.03)
    assert result.gap_s_per_km == pytest.approx(1000 / 3.0, rel=0.02)


# --- real recordings ------------------------------------------------------------------------

def _real(path):
    return analyse_session(read_activity(REAL / path))


def test_fr945_hilly_ascent_matches_the_device(real_dir):
    activity = read_activity(real_dir / "fit/running/garmin_fr945_run_hilly_14km.fit")
    stream = to_stream(activity)
    assert stream.ascent_m == pytest.approx(activity.summary["ascent_m"], rel=0.10)


def test_suunto_800m_intervals_match_the_laps(real_dir):
    activity = read_activity(real_dir / "fit/running/suunto9_intervals_800m_no_hr.fit")
    work_laps = int((activity.laps["distance_m"] > 600).sum())
    result = analyse_session(activity)
    assert result.session_class == "intervals"
    assert len(_kinds(result, "work")) == work_laps == 5


def test_fr255_track_3x6x200_gives_18_sprints(real_dir):
    result = _real("exports/strava_bulk_fr255/activities/12754312444.fit.gz")
    sprints = _kinds(result, "sprint")
    assert len(sprints) == 18
    assert all(140 <= s.distance_m <= 230 for s in sprints)
    assert result.session_class == "sprints"


@pytest.mark.parametrize("path", ["fit/running/garmin_fr945_treadmill_10km.fit",
                                  "tcx/running/garmin_fr945_treadmill_10km.tcx",
                                  "exports/strava_bulk_fr255/activities/14136151253.fit.gz"])
def test_treadmill_runs(path, real_dir):
    activity = read_activity(real_dir / path)
    assert (to_stream(activity).frame["grade"] == 0).all()
    assert analyse_session(activity).session_class == "treadmill"


def test_mountain_28km_is_hills_and_long_with_its_climbs(real_dir):
    result = _real("fit/running/garmin_fr910xt_mountain_28km.fit")
    assert result.session_class == "hills" and "long" in result.tags
    major = [c for c in _kinds(result, "climb") if c.gain_m >= 100]
    assert len(major) >= 3
    assert sum(c.gain_m for c in _kinds(result, "climb")) > 1500


RUNS = sorted(p for p in (REAL.glob("fit/running/*.fit") if REAL.is_dir() else []))


@pytest.mark.parametrize("path", RUNS, ids=lambda p: p.name)
def test_cli_analyze_every_real_run(path, real_dir):
    result = CliRunner().invoke(app, ["analyze", str(path), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert {"energy_kcal", "gap_s_per_km", "moving_s", "distance_m", "ascent_m", "descent_m",
            "class", "tags", "segments"} <= set(doc)
    assert doc["class"] in {"easy", "long", "tempo", "intervals", "sprints", "hills", "race",
                            "treadmill"}
    assert doc["energy_kcal"] > 0
    for segment in doc["segments"]:
        assert set(segment) == {"kind", "start_s", "end_s", "distance_m", "gain_m",
                                "mean_speed_m_s", "mean_grade"}
        assert segment["end_s"] >= segment["start_s"]


def test_cli_analyze_by_id(real_dir, db_path):
    runner = CliRunner()
    runner.invoke(app, ["import", str(real_dir / "fit/running/garmin_fenix2_run_9km.fit"),
                        "--db", str(db_path)])
    result = runner.invoke(app, ["analyze", "1", "--db", str(db_path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["id"] == 1
    missing = runner.invoke(app, ["analyze", "99", "--db", str(db_path)])
    assert missing.exit_code == 1 and "no activity with id 99" in missing.stderr
