"""legload.models.cycling.muscles against the published numbers and against physics.

Each test that checks a paper names it and reads its CSV in tests/data/published/; each
tolerance says why it is that wide. The sources give one share table (Ericson 1986), a few
abstract numbers (MacIntosh 2000) and directions (Ericson 1985, Elmer 2011).
"""

from __future__ import annotations

import doctest
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legload.errors import ModelDomainError
from legload.models.cycling import muscles as cycling
from legload.models.cycling import parameters as C
from legload.models.cycling.muscles import action_shares, demand, least_emg_cadence, reference_shares
from legload.models.locomotion.muscles import MUSCLES, Demand

PUBLISHED = Path(__file__).resolve().parent.parent / "data" / "published"
ERICSON_GROUPS = {
    "hip_extensors": "hip_extend",
    "hip_flexors": "hip_flex",
    "knee_extensors": "knee_extend",
    "knee_flexors": "knee_flex",
    "ankle_plantar_flexors": "ankle_plantarflex",
}


def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(PUBLISHED / name, comment="#")


def _positive(power: float, cadence: float = 90.0, mass: float = 70.0) -> dict[str, float]:
    return {g: d.positive_work for g, d in demand(power, cadence, mass).items()}


def _activation(power, cadence=90.0, mass=70.0):
    return {g: d.activation for g, d in demand(power, cadence, mass).items()}


# --- interface ------------------------------------------------------------------------------


def test_keys_order_types_and_scalar_floats():
    d = demand(180.0, 88.0, 65.0)
    assert tuple(d) == MUSCLES
    for value in d.values():
        assert isinstance(value, Demand)
        assert all(type(x) is float for x in value)
        assert value.positive_work > 0 and value.negative_work >= 0 and value.activation > 0


def test_arrays_broadcast_and_match_scalars():
    power = np.array([[0.0], [150.0], [420.0]])
    cadence = np.array([60.0, 90.0, 110.0])
    d = demand(power, cadence, 72.0)
    for g in MUSCLES:
        assert d[g].activation.shape == (3, 3)
    for i in range(3):
        for j in range(3):
            s = demand(float(power[i, 0]), float(cadence[j]), 72.0)
            for g in MUSCLES:
                for k in range(3):
                    assert d[g][k][i, j] == pytest.approx(s[g][k], rel=1e-12, abs=1e-15)


def test_stream_columns_work_as_series():
    """A 1 Hz stream's columns (pandas Series with gaps) go straight in."""
    frame = pd.DataFrame({"power_w": [0.0, 210.0, np.nan, 260.0], "cadence_rpm": [0, 92, 90, np.nan]})
    d = demand(frame["power_w"], frame["cadence_rpm"], 68.0)
    q = d["quadriceps"]
    assert q.positive_work.shape == (4,)
    assert q.positive_work[0] == 0.0 and q.activation[0] == 0.0
    assert np.isnan(q.positive_work[2]) and np.isnan(q.activation[2])
    # a missing cadence sample takes the 85 rpm default
    assert q.activation[3] == pytest.approx(demand(260.0, 85.0, 68.0)["quadriceps"].activation)


def test_doctests_pass():
    result = doctest.testmod(cycling)
    assert result.failed == 0 and result.attempted >= 5


# --- work shares (Ericson 1986) ---------------------------------------------------------------


def test_reference_shares_are_ericson_1986_and_sum_to_one():
    """Ericson et al. 1986 abstract: 27/4/39/10/20 % of positive work at 120 W, 60 rpm.

    The model keeps their ratios exactly and takes out 1 % for dorsiflexion, so each share is
    the published one x 0.99 (tolerance: float rounding only).
    """
    table = _csv("ericson1986_abstract.csv")
    rows = table[table["quantity"] == "share_of_positive_work"]
    assert rows["value"].sum() == pytest.approx(100.0)
    ref = reference_shares()
    assert sum(ref.values()) == pytest.approx(1.0, abs=1e-12)
    for _, row in rows.iterrows():
        action = ERICSON_GROUPS[row["group"]]
        assert ref[action] == pytest.approx(row["value"] / 100 * (1 - C.DORSIFLEX_SHARE), abs=1e-12)


@given(st.floats(min_value=0.0, max_value=40.0))
@settings(max_examples=60, deadline=None)
def test_shares_sum_to_one_and_stay_positive_at_any_power(p_kg):
    shares = action_shares(p_kg)
    assert sum(shares.values()) == pytest.approx(1.0, abs=1e-12)
    assert all(s > 0 for s in shares.values())


def test_allocation_fractions_sum_to_one():
    for action, groups in C.ACTION_ALLOCATION.items():
        assert sum(groups.values()) == pytest.approx(1.0), action
        assert set(groups) <= set(MUSCLES)
    assert set(C.ACTION_ALLOCATION) == set(cycling.ACTIONS)
    assert sum(C.NEGATIVE_ALLOCATION.values()) == pytest.approx(1.0)


def test_eccentric_fraction_is_ericson_1986():
    """3.4 J per limb per revolution at 120 W and 60 rpm: 3.4 / 60 J = 0.0567 of crank work."""
    table = _csv("ericson1986_abstract.csv").set_index(["group", "quantity"])
    work = table.loc[("ankle_plantar_flexors", "negative_work_per_limb_per_revolution"), "value"]
    expected = work / (120.0 / 2)
    assert abs(C.NEGATIVE_FRACTION - expected) < 1e-12
    assert C.NEGATIVE_FRACTION < 0.1  # pedalling is almost purely concentric


@given(
    st.floats(min_value=0.0, max_value=2000.0),
    st.floats(min_value=30.0, max_value=140.0),
    st.floats(min_value=40.0, max_value=120.0),
)
@settings(max_examples=80, deadline=None)
def test_net_joint_work_equals_crank_power(power, cadence, mass):
    """Physics: over a revolution, sum of (positive - negative) muscle work = crank work."""
    d = demand(power, cadence, mass)
    net = sum(v.positive_work - v.negative_work for v in d.values())
    assert net == pytest.approx(power / mass, rel=1e-9, abs=1e-12)


def test_only_plantar_flexors_work_eccentrically():
    d = demand(250.0, 90.0)
    for g in MUSCLES:
        if g in ("calves", "peroneals"):
            assert d[g].negative_work > 0
        else:
            assert d[g].negative_work == 0.0
    total_neg = sum(v.negative_work for v in d.values())
    total_pos = sum(v.positive_work for v in d.values())
    assert total_neg / total_pos < 0.06


def test_quadriceps_take_the_largest_share_at_submaximal_power():
    """Ericson 1986 (knee extensors 39 %, the largest action) from 50 to 400 W at 70 kg."""
    for power in (50.0, 120.0, 200.0, 300.0, 400.0):
        work = _positive(power)
        assert max(work, key=work.get) == "quadriceps", power
        assert work["quadriceps"] > 1.3 * work["hamstrings"]  # margin from 39 vs 10 + 13.5 %


def test_zero_power_gives_zero_work_and_activation():
    for g, d in demand(0.0, 90.0).items():
        assert d.positive_work == 0.0 and d.negative_work == 0.0 and d.activation == 0.0, g


def test_work_scales_with_power_per_kg():
    """Work rates are per kg: the same W/kg gives the same demand."""
    a = demand(140.0, 90.0, 70.0)
    b = demand(120.0, 90.0, 60.0)
    for g in MUSCLES:
        assert a[g].positive_work == pytest.approx(b[g].positive_work, rel=1e-12)


# --- power (Elmer 2011, Ericson 1985, MacIntosh 2000) -----------------------------------------


def test_rising_power_raises_every_groups_work_and_activation():
    """Ericson 1985: a higher work-load raised the activity of all muscles measured."""
    rows = _csv("ericson1985_abstract.csv")
    assert (rows.loc[rows["effect"] == "workload_up", "direction"] == 1).all()
    powers = np.linspace(10.0, 2000.0, 200)
    for cadence in (40.0, 60.0, 90.0, 120.0, 140.0):
        d = demand(powers, cadence, 70.0)
        for g in MUSCLES:
            assert np.all(np.diff(d[g].positive_work) > 0), (g, cadence)
            assert np.all(np.diff(d[g].activation) > 0), (g, cadence)


def test_share_directions_with_power_follow_elmer_2011():
    """Elmer 2011: relative knee extension falls, knee flexion rises, hip extension constant."""
    table = _csv("elmer2011_abstract.csv").set_index("action")
    low = action_shares(250.0 / 70)
    high = action_shares(850.0 / 70)
    for action, row in table.iterrows():
        change = high[action] - low[action]
        if row["direction_with_power"] == 0:
            assert change == pytest.approx(0.0, abs=1e-12)
        else:
            assert np.sign(change) == row["direction_with_power"]
            assert abs(change) > 0.02, action  # a visible shift over 250-850 W


def test_hip_extension_dominates_at_all_out_power():
    """Martin & Brown 2009, Elmer 2011: hip extension is the dominant action in maximal cycling."""
    shares = action_shares(C.ALL_OUT_POWER_W_KG)
    assert max(shares, key=shares.get) == "hip_extend"
    sub = action_shares(200.0 / 70)
    assert max(sub, key=sub.get) == "knee_extend"


def test_hip_flexors_pull_up_mainly_at_high_power():
    """Hip flexion share doubles from submaximal to all-out [M, documented]."""
    assert action_shares(20.0)["hip_flex"] > 1.9 * action_shares(1.0)["hip_flex"]


def test_activation_proportional_to_power_at_fixed_cadence_optimum():
    """MacIntosh 2000: EMG rose in proportion to power (here below the all-out shift, where
    shares barely move: within 10 % of proportional at the least-EMG cadence)."""
    table = _csv("macintosh2000_abstract.csv")
    for _, row in table.iterrows():
        power, c_opt = row["power_w"], row["least_emg_cadence_rpm"]
        a = _activation(power, c_opt)["quadriceps"]
        a100 = _activation(100.0, 57.0)["quadriceps"]
        assert a / a100 == pytest.approx(power / 100.0, rel=0.10)


def test_least_emg_cadence_matches_macintosh_2000():
    """MacIntosh 2000: least-EMG cadence 57, 70, 86, 99 rpm at 100-400 W. The model's mean
    activation over the seven groups must be lowest at that cadence (1 rpm grid)."""
    table = _csv("macintosh2000_abstract.csv")
    grid = np.arange(30.0, 140.5, 1.0)
    for _, row in table.iterrows():
        assert least_emg_cadence(row["power_w"]) == pytest.approx(row["least_emg_cadence_rpm"])
        d = demand(row["power_w"], grid, 75.0)
        mean = np.mean([d[g].activation for g in MUSCLES], axis=0)
        assert grid[np.argmin(mean)] == pytest.approx(row["least_emg_cadence_rpm"], abs=1.0)


def test_least_emg_cadence_rises_with_power():
    powers = np.linspace(0, 2000, 50)
    assert np.all(np.diff(least_emg_cadence(powers)) >= 0)
    assert least_emg_cadence(50.0) == 57.0 and least_emg_cadence(1500.0) == 99.0


# --- cadence (Ericson 1985) -------------------------------------------------------------------


def test_cadence_raises_activation_of_the_groups_ericson_1985_names():
    """Ericson 1985: a higher pedalling rate raised gluteal, vastus medialis, medial hamstring,
    gastrocnemius and soleus activity. At Ericson's reference load (120 W), 60 -> 80 -> 100 rpm
    must raise those groups' activation by at least 5 % per step above 60 rpm."""
    rows = _csv("ericson1985_abstract.csv")
    groups = set(rows.loc[rows["effect"] == "cadence_up", "group"])
    assert groups == {"gluteals", "quadriceps", "hamstrings", "calves"}
    for g in groups:
        a60, a80, a100 = (_activation(120.0, c)[g] for c in (60.0, 80.0, 100.0))
        assert a80 > 1.05 * a60 and a100 > 1.05 * a80, g


def test_cadence_effect_is_weaker_in_groups_without_a_reported_effect():
    a60, a100 = _activation(120.0, 60.0), _activation(120.0, 100.0)
    gain = {g: a100[g] / a60[g] for g in MUSCLES}
    for g in ("hip_flexors", "tibialis_anterior", "peroneals"):
        assert gain[g] < gain["quadriceps"]


def test_cadence_changes_activation_not_work():
    """Riveros-Matthey 2023: no change in the distribution of joint power with cadence."""
    a, b = demand(250.0, 60.0), demand(250.0, 110.0)
    for g in MUSCLES:
        assert a[g].positive_work == b[g].positive_work
        assert a[g].negative_work == b[g].negative_work


# --- activation levels ----------------------------------------------------------------------


def test_vasti_and_calves_most_active_tibialis_and_peroneals_low():
    """Ericson 1985: vasti, gastrocnemii and soleus the most activated muscles."""
    for power in (100.0, 200.0, 300.0):
        a = _activation(power, 90.0)
        top_two = sorted(a, key=a.get, reverse=True)[:2]
        assert set(top_two) == {"quadriceps", "calves"}, power
        for g in ("tibialis_anterior", "peroneals", "hip_flexors"):
            assert a[g] < 0.6 * a["quadriceps"]


def test_activation_levels_are_plausible():
    """Easy riding well below 0.5 MVC; an all-out effort near or above 1 MVC in the prime
    movers (as in sprint-cycling EMG normalised to isometric MVC)."""
    easy = _activation(150.0, 90.0)
    assert max(easy.values()) < 0.4
    sprint = _activation(1200.0, 110.0, 70.0)
    for g in ("quadriceps", "hamstrings", "calves"):
        assert 0.8 < sprint[g] < 2.5


# --- ranges ---------------------------------------------------------------------------------


def test_out_of_range_inputs_are_clipped_by_default():
    assert demand(-50.0, 90.0)["quadriceps"].positive_work == 0.0
    assert demand(2500.0, 90.0)["quadriceps"].positive_work == pytest.approx(
        demand(2000.0, 90.0)["quadriceps"].positive_work
    )
    assert demand(200.0, 10.0)["calves"].activation == pytest.approx(demand(200.0, 30.0)["calves"].activation)
    assert demand(200.0, 200.0)["calves"].activation == pytest.approx(
        demand(200.0, 140.0)["calves"].activation
    )


@pytest.mark.parametrize(("power", "cadence"), [(-1.0, 90.0), (2001.0, 90.0), (200.0, 29.0), (200.0, 141.0)])
def test_strict_refuses_out_of_range(power, cadence):
    with pytest.raises(ModelDomainError):
        demand(power, cadence, strict=True)


def test_strict_accepts_range_edges_and_nan():
    demand(np.array([0.0, 2000.0, np.nan]), np.array([30.0, 140.0, np.nan]), strict=True)


@pytest.mark.parametrize("mass", [0.0, -70.0, np.nan])
def test_body_mass_must_be_positive(mass):
    with pytest.raises(ModelDomainError):
        demand(200.0, 90.0, mass)
