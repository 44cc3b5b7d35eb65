"""Exercise library: activations against their published rows, roles, names, hard sets."""

from __future__ import annotations

import math
import statistics
from pathlib import Path

import pandas as pd
import pytest

from legload.core.exercise_names import classify
from legload.errors import ModelDomainError
from legload.models.exercise import library as ex
from legload.models.exercise import parameters as p

PUBLISHED = Path(__file__).resolve().parents[1] / "data" / "published"
REQUIRED = (
    "back_squat", "front_squat", "deadlift", "romanian_deadlift", "walking_lunge",
    "split_squat", "step_up", "hip_thrust", "calf_raise_straight_knee", "calf_raise_bent_knee",
    "tibialis_raise", "nordic_hamstring_curl", "leg_press", "leg_extension", "leg_curl",
)
LOCOMOTION = ("running", "speed_walking", "hiking", "cycling")
STRENGTH = [n for n in ex.names() if not ex.is_locomotion(n)]


def test_library_holds_the_required_entries():
    assert set(REQUIRED) <= set(ex.names())
    assert set(LOCOMOTION) <= set(ex.names())
    assert all(ex.is_locomotion(n) for n in LOCOMOTION)


@pytest.mark.parametrize("name", LOCOMOTION)
def test_locomotion_points_to_the_muscle_model(name):
    with pytest.raises(ModelDomainError, match=r"models\.muscles"):
        ex.activation(name)
    with pytest.raises(ModelDomainError):
        ex.hard_set_equivalents(name, 10)


@pytest.mark.parametrize("name", STRENGTH)
def test_every_value_is_published_or_a_tagged_fallback(name):
    act, src, roles = ex.activation(name), ex.activation_sources(name), ex.roles(name)
    assert list(act) == list(ex.MUSCLES) == list(roles)
    assert set(roles.values()) <= set(ex.ROLES)
    for muscle, value in act.items():
        assert value >= 0
        assert src[muscle].startswith(("published: ", "fallback: "))
        if src[muscle].startswith("fallback: "):
            assert src[muscle].split()[1] == roles[muscle]
    assert max(act.values()) > 0


@pytest.mark.parametrize("entry", p.EXERCISE_PUBLISHED_ACTIVATION,
                         ids=lambda a: f"{a.exercise}-{a.group}")
def test_published_cells_match_their_csv_rows(entry):
    for cell in entry.cells:
        table = pd.read_csv(PUBLISHED / cell.file, comment="#", dtype=str)
        rows = table
        for column, value in cell.match:
            rows = rows[rows[column].str.strip() == value]
        assert len(rows) == 1, (cell.file, cell.match)
        assert float(rows[cell.column].iloc[0]) == pytest.approx(cell.value)
    assert ex.activation(entry.exercise)[entry.group] == pytest.approx(entry.fraction)
    assert ex.activation_sources(entry.exercise)[entry.group].startswith("published: ")


def test_selected_values_by_hand():
    assert ex.activation("back_squat")["gluteals"] == pytest.approx(0.5310)
    assert ex.activation("back_squat")["quadriceps"] == pytest.approx(0.85)
    assert ex.activation("hip_thrust")["gluteals"] == pytest.approx(0.7541)
    assert ex.activation("calf_raise_straight_knee")["calves"] == pytest.approx(0.23)
    assert ex.activation("calf_raise_bent_knee")["calves"] == pytest.approx(0.21)
    assert ex.activation("nordic_hamstring_curl")["hamstrings"] == pytest.approx(
        (64.5 + 48.6 + 55.9) / 300)
    assert ex.activation("deadlift")["hamstrings"] == pytest.approx((78.0 + 77.6) / 200)


def test_fallbacks_scale_with_the_measured_prime_mover():
    # calf raise: peroneals secondary = 0.5 x measured calves 0.23
    assert ex.activation("calf_raise_straight_knee")["peroneals"] == pytest.approx(0.115)
    # tibialis raise: nothing measured -> the published prime movers' median, up to 0.05
    assert ex.activation("tibialis_raise")["tibialis_anterior"] == pytest.approx(
        _median_prime_mover_rounded_up())
    assert "fallback" in ex.activation_sources("leg_curl")["hamstrings"]


def _published_primes() -> list[float]:
    return [a.fraction for a in p.EXERCISE_PUBLISHED_ACTIVATION
            if ex.roles(a.exercise)[a.group] == "primary"]


def _median_prime_mover_rounded_up() -> float:
    """The median of the published prime-mover activations, rounded up to a multiple of 0.05."""
    return math.ceil(round(statistics.median(_published_primes()) * 20, 9)) / 20


def test_reference_is_the_median_of_published_prime_movers():
    # the parameter's comment: 17 values, 0.21-1.25, median 0.725, rounded (up) to 0.75
    primes = _published_primes()
    assert len(primes) == 17
    assert (min(primes), max(primes)) == pytest.approx((0.21, 1.2509))
    assert statistics.median(primes) == pytest.approx(0.725)
    assert pytest.approx(_median_prime_mover_rounded_up()) == p.EXERCISE_FALLBACK_REFERENCE


def test_back_squat_hard_sets():
    hse = ex.hard_set_equivalents("back_squat", reps=8, rir=2)
    assert hse["quadriceps"] >= 0.5 and hse["gluteals"] >= 0.5
    assert hse["calves"] < 0.2
    assert max(hse.values()) == pytest.approx(1.0)


def test_isolation_prime_movers_get_one_set():
    assert ex.hard_set_equivalents("calf_raise_straight_knee", 12)["calves"] == 1.0
    assert ex.hard_set_equivalents("calf_raise_bent_knee", 12)["calves"] == 1.0
    nordic = ex.hard_set_equivalents("nordic_hamstring_curl", 5, rir=1)
    assert nordic["hamstrings"] == 1.0
    assert nordic["quadriceps"] == 0.0
    assert ex.hard_set_equivalents("tibialis_raise", 15)["tibialis_anterior"] == 1.0
    assert ex.hard_set_equivalents("leg_extension", 10)["hamstrings"] == 0.0


def test_effort_rules():
    def quads(**kw):
        return ex.hard_set_equivalents("leg_press", **kw)["quadriceps"]

    assert quads(reps=10, set_type="warmup") == 0.0
    assert quads(reps=10, rir=3) == 1.0
    assert quads(reps=10, rir=5) == 0.5
    assert quads(reps=10, rir=7) == 0.0
    assert quads(reps=10) == 1.0
    assert quads(reps=3) == 0.5
    assert quads(reps=3, set_type="failure") == 1.0
    assert quads(reps=10, load_kg=0.0) == 0.5
    assert quads(reps=0) == 0.0
    assert quads(reps=10, load_kg=120.0, body_mass_kg=70.0) == 1.0


def test_bad_inputs_raise():
    with pytest.raises(ModelDomainError):
        ex.hard_set_equivalents("back_squat", -1)
    with pytest.raises(ModelDomainError):
        ex.hard_set_equivalents("back_squat", 5, rir=-1)
    with pytest.raises(ModelDomainError):
        ex.hard_set_equivalents("back_squat", 5, set_type="superset")
    with pytest.raises(ModelDomainError):
        ex.hard_set_equivalents("back_squat", 5, body_mass_kg=0)
    with pytest.raises(ModelDomainError):
        ex.activation("bench_press")


APP_NAMES = {
    "Squat (Barbell)": "back_squat", "Front Squat (Barbell)": "front_squat",
    "Deadlift (Barbell)": "deadlift", "Romanian Deadlift (Dumbbell)": "romanian_deadlift",
    "Lunge (Dumbbell)": "walking_lunge", "Walking Lunge": "walking_lunge",
    "Bulgarian Split Squat": "split_squat", "Step Up": "step_up",
    "Hip Thrust (Barbell)": "hip_thrust", "Glute Bridge": "hip_thrust",
    "Calf Raise (Machine)": "calf_raise_straight_knee",
    "Seated Calf Raise": "calf_raise_bent_knee",
    "Standing Calf Raise (Smith)": "calf_raise_straight_knee", "Leg Press": "leg_press",
    "Leg Extension (Machine)": "leg_extension", "Lying Leg Curl (Machine)": "leg_curl",
    "Seated Leg Curl": "leg_curl", "Nordic Hamstring Curl": "nordic_hamstring_curl",
    "Good Morning": "good_morning", "Sumo Deadlift": "sumo_deadlift",
    "Hack Squat": "leg_press", "Goblet Squat": "front_squat",
    "Pistol Squat": "single_leg_squat", "Box Jump": "jump", "Tibialis Raise": "tibialis_raise",
    # Garmin FIT exercise categories and sub-types
    "squat": "back_squat", "deadlift": "deadlift", "lunge": "walking_lunge",
    "calf_raise": "calf_raise_straight_knee", "leg_curl": "leg_curl",
    "hip_raise": "hip_thrust", "hyperextension": "back_extension", "plyo": "jump",
    "barbell_front_squat": "front_squat", "dumbbell_split_squat": "split_squat",
    "barbell_step_up": "step_up", "leg_press": "leg_press",
}


@pytest.mark.parametrize(("title", "expected"), APP_NAMES.items())
def test_app_titles_map_to_the_library(title, expected):
    assert ex.canonical(title) == expected


@pytest.mark.parametrize("title", [
    "Bench Press (Barbell)", "Overhead Press (Barbell)", "Lat Pulldown (Cable)", "Pull Up",
    "Bicep Curl (Dumbbell)", "Triceps Extension (Cable)", "Lateral Raise (Dumbbell)",
    "Seated Row (Cable)", "Plank", "Crunch (Machine)", "Chest Fly (Dumbbell)", "Face Pull",
    "Farmer's Walk", "Seated Curl (Dumbbell)", "bench_press", "shoulder_press", "curl",
    "pull_up", "triceps_extension", "row",
])
def test_upper_body_is_never_a_leg_exercise(title):
    assert ex.canonical(title) is None
    assert classify(title).kind == "non_leg"


def test_ambiguous_and_cardio_titles():
    assert classify("Cable Kickback").kind == "unknown"
    assert classify("Wall Ball").kind == "unknown"
    assert classify("Rowing (Machine)").kind == "cardio"
    assert classify("Cycling (Indoor)") == classify("indoor_bike")
    assert classify("Cycling (Indoor)").exercise == "cycling"
    assert ex.canonical("Running") == "running"
