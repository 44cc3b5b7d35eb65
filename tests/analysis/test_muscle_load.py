"""Per-muscle ledger of real sessions: the kind of running shows in the kind of stimulus."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from legload import read_activity
from legload.analysis.session import analyse_session
from legload.cli import app
from legload.models.locomotion.muscles import MUSCLES

FR255 = "exports/strava_bulk_fr255/activities/"


def _muscles(real_dir, path):
    return analyse_session(read_activity(real_dir / path)).muscles


def test_track_sprints_give_hamstrings_and_hip_flexors_a_strength_stimulus(real_dir):
    """3×(6×200 m) on a track: brief near-maximal efforts load the swing-phase muscles
    (hip flexors and hamstrings take over toward sprinting: Dorn et al. 2012)."""
    muscles = _muscles(real_dir, FR255 + "12754312444.fit.gz")
    for muscle in ("hamstrings", "hip_flexors"):
        assert muscles[muscle].stimulus in ("strength", "mixed")
        assert muscles[muscle].brief_effort_s >= 60


def test_easy_5k_is_endurance_only(real_dir):
    muscles = _muscles(real_dir, FR255 + "15476979256.fit.gz")
    assert {m.stimulus for m in muscles.values()} <= {"endurance", "none"}
    assert muscles["calves"].stimulus == "endurance"
    assert all(m.brief_effort_s < 30 for m in muscles.values())


def test_mountain_run_loads_the_quadriceps_eccentrically(real_dir):
    """28.5 km with ~2,300 m of climbing and descending: the descents add eccentric knee
    extensor work (downhill running is dominated by energy absorption at the knee)."""
    quads = _muscles(real_dir, "fit/running/garmin_fr910xt_mountain_28km.fit")["quadriceps"]
    flat_equivalent = quads.negative_work_j_kg - quads.hill_negative_work_j_kg
    assert quads.hill_negative_work_j_kg >= 0.3 * flat_equivalent
    assert quads.negative_work_j_kg > 15_000


@pytest.mark.parametrize("path", ["fit/running/garmin_fr945_treadmill_10km.fit",
                                  "tcx/running/garmin_fr945_treadmill_10km.tcx"])
def test_treadmill_at_zero_grade_has_no_hill_load(path, real_dir):
    muscles = _muscles(real_dir, path)
    for muscle in MUSCLES:
        assert muscles[muscle].hill_positive_work_j_kg == 0.0
        assert muscles[muscle].hill_negative_work_j_kg == 0.0


def test_analyze_json_carries_the_muscles(real_dir):
    result = CliRunner().invoke(app, ["analyze", str(real_dir / "fit/running/garmin_fenix2_run_9km.fit"),
                                      "--json"])
    muscles = json.loads(result.stdout)["muscles"]
    assert list(muscles) == list(MUSCLES)
    for values in muscles.values():
        assert values["positive_work_j_kg"] > 0 and values["negative_work_j_kg"] > 0
        assert values["stimulus"] in ("none", "endurance", "strength", "mixed")
        assert 0 < values["mean_activation"] <= values["peak_activation"]


def test_a_ride_loads_the_quadriceps_most_and_concentrically(real_dir):
    """Ericson et al. (1986): knee extension gives the largest share of pedalling work; only
    the plantar flexors do (a little) negative work."""
    muscles = _muscles(real_dir, "fit/cycling/garmin_edge810_vector_power.fit")
    positive = {m: v.positive_work_j_kg for m, v in muscles.items()}
    assert max(positive, key=positive.get) == "quadriceps"
    assert muscles["quadriceps"].negative_work_j_kg == 0.0
    assert all(v.stimulus in ("endurance", "none") for v in muscles.values())


def test_ride_power_is_measured_else_road_load_from_speed_and_grade():
    import numpy as np
    import pandas as pd

    from legload.analysis.muscle_load import BIKE_MASS_KG, ride_power_w
    from legload.models.cycling.energy import cycling_power_from_speed

    measured = pd.DataFrame({"power_w": [200.0, np.nan], "speed_m_s": [8.0, 8.0], "grade": [0.0, 0.0]})
    np.testing.assert_array_equal(ride_power_w(measured, 70.0), [200.0, 0.0])
    frame = pd.DataFrame({"speed_m_s": [8.0, np.nan, 5.0], "grade": [0.0, 0.0, 0.05]})
    expected = [cycling_power_from_speed(8.0, 0.0, 70.0 + BIKE_MASS_KG), 0.0,
                cycling_power_from_speed(5.0, 0.05, 70.0 + BIKE_MASS_KG)]
    np.testing.assert_allclose(ride_power_w(frame, 70.0), expected)
    assert ride_power_w(pd.DataFrame({"speed_m_s": [np.nan], "grade": [0.0]}), 70.0) is None
