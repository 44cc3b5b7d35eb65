"""Validation of the locomotion model against joint work and muscle forces it was not fitted to.

The data are ``../shared/data/biomech/`` (its README): public OpenSim sets reduced to work per
stride of one leg - an overground run at 2.75 m/s (BMClab), a treadmill walk at 1.13 m/s and a
computed-muscle-control run at ~3.8 m/s (opensim-core test data). No parameter of the model
was set on them. Each is ONE subject and ONE stride, so the tolerances are those of a single
runner against a mean: joint shares +/-0.12 (between-runner SD of joint shares of positive
work is 5-10 points in Schache et al. 2015, so 0.12 is ~1.5 SD), rank correlation >= 0.6.

Where the model disagrees beyond the tolerance the test is a strict ``xfail`` that names the
measured figures: it fails the day the model agrees, so the known disagreement stays stated.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from legload.models.locomotion.joints import joint_work_per_stride
from legload.models.locomotion.muscles import MUSCLES, demand

BIOMECH = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "biomech"
PUBLISHED = Path(__file__).resolve().parents[1] / "data" / "published"
pytestmark = pytest.mark.skipif(not BIOMECH.is_dir(), reason="../shared/data/biomech is absent")

JOINTS = ("ankle", "knee", "hip")
POS, NEG = "positive_work_J_per_kg_per_stride", "negative_work_J_per_kg_per_stride"
RUN, WALK = "joint_work_bmc_run.csv", "joint_work_opensim_walk.csv"


def _data(name: str) -> pd.DataFrame:
    return pd.read_csv(BIOMECH / name)


def _condition(table: pd.DataFrame) -> tuple[float, str]:
    return float(table["speed_m_s"].iloc[0]), str(table["mode"].iloc[0])


def _model_joint_work(speed: float, mode: str, column: int) -> dict[str, float]:
    """Model work per stride of one leg by joint (all its actions), positive (0) or negative (1)."""
    work = joint_work_per_stride(speed, 0.0, None, mode)
    return {j: sum(w[column] for a, w in work.items() if a.startswith(j)) for j in JOINTS}


def _shares(values: dict[str, float]) -> np.ndarray:
    total = sum(values.values())
    return np.array([values[j] / total for j in JOINTS])


def _joint_shares(name: str, column: int) -> tuple[np.ndarray, np.ndarray]:
    """(data, model) shares of ankle, knee, hip in the stride's positive or negative work."""
    table = _data(name)
    stride = table[table["level"] == "joint_stride"].set_index("joint_or_action")
    data = _shares({j: float(stride.loc[j, (POS, NEG)[column]]) for j in JOINTS})
    return data, _shares(_model_joint_work(*_condition(table), column))


def _rank_correlation(a, b) -> float:
    return float(pd.Series(a).rank().corr(pd.Series(b).rank()))


def _action_rank_correlation(name: str) -> float:
    """Spearman correlation of the 9 actions x (positive, negative) work, data vs model."""
    table = _data(name)
    speed, mode = _condition(table)
    model = joint_work_per_stride(speed, 0.0, None, mode)
    actions = table[(table["level"] == "action") & table["joint_or_action"].isin(list(model))]
    data = actions[[POS, NEG]].to_numpy().ravel()
    predicted = np.array([model[a] for a in actions["joint_or_action"]]).ravel()
    return _rank_correlation(data, predicted)


def _known(reason: str):
    return pytest.mark.xfail(strict=True, reason="known: " + reason)


@pytest.mark.parametrize("name, column", [
    # measured: data ankle/knee/hip 0.43/0.15/0.42, model 0.48/0.21/0.31
    pytest.param(RUN, 0, id="run-2.75-positive"),
    pytest.param(RUN, 1, id="run-2.75-negative", marks=_known(
        "data 0.22/0.69/0.09, model 0.39/0.45/0.16. The stance shares agree (the stance test "
        "below: largest gap 0.08); the gap is the knee's swing braking, 0.33 J/kg in the model "
        "against 0.92 for this runner (test_validation_published, jogging knee swing)")),
])
def test_validation_joint_shares_of_stride_work(name, column):
    data, model = _joint_shares(name, column)
    assert np.all(np.abs(model - data) <= 0.12)


STANCE_ACTIONS = {
    "ankle": ("ankle_plantarflex_stance",),
    "knee": ("knee_extend_stance",),
    "hip": ("hip_extend_stance", "hip_flex_stance"),
}
#: The ankle JOINT's stance absorption includes the dorsiflexors' at foot strike: in the model
#: all their negative work is foot-strike absorption (the walking negative shares it was fitted
#: on, Montgomery & Grabowski 2018, are joint shares); their positive work is swing.
FOOT_STRIKE = "ankle_dorsiflex"


def _stance_shares(name: str, column: int) -> tuple[np.ndarray, np.ndarray]:
    """(data, model) shares of ankle, knee, hip in the STANCE work of one sign; for negative
    work the ankle joint as a whole (plantar flexors + the dorsiflexors' foot-strike part)."""
    table = _data(name)
    stance = table[table["level"] == "joint_stance"].set_index("joint_or_action")
    data = {j: float(stance.loc[j, (POS, NEG)[column]]) for j in JOINTS}
    speed, mode = _condition(table)
    work = joint_work_per_stride(speed, 0.0, None, mode)
    model = {j: sum(work[a][column] for a in STANCE_ACTIONS[j]) for j in JOINTS}
    if column == 1:
        actions = table[table["level"] == "action"].set_index("joint_or_action")
        data["ankle"] += float(actions.loc[FOOT_STRIKE, NEG])
        model["ankle"] += float(work[FOOT_STRIKE][1])
    return _shares(data), _shares(model)


def _walking_share_tolerance() -> np.ndarray:
    """1.96 x the between-subject SD of walking stance shares (Schache et al. 2015, 2.0 m/s):
    95 % of single walkers lie that close to the mean the model stands for. The knee's SD is
    not printed; the larger of the two printed (ankle) stands for it."""
    path = Path(__file__).resolve().parents[1] / "data" / "published" / "schache2015_abstract.csv"
    rows = pd.read_csv(path, comment="#").set_index(["quantity", "mode"])
    ankle = rows.loc[("ankle_share_stance_positive", "walk"), "sd"] / 100
    hip = rows.loc[("hip_share_stance_positive", "walk"), "sd"] / 100
    return 1.96 * np.array([ankle, max(ankle, hip), hip])


def test_validation_run_2_75_stance_shares_of_positive_and_negative_work():
    # Stance is where the model's shares come from (Schache 2015's stance shares): measured
    # positive 0.67/0.20/0.12 vs 0.65/0.27/0.08, negative 0.60/0.29/0.11 vs 0.52/0.36/0.11
    # (ankle joint: plantar flexors + dorsiflexors' foot-strike absorption).
    for column in (0, 1):
        data, model = _stance_shares(RUN, column)
        assert np.all(np.abs(model - data) <= 0.12), (column, data, model)


def test_validation_walk_1_13_stance_shares_of_positive_work_within_between_subject_spread():
    # Like for like: the model's walking shares are stance shares of a population mean
    # (Montgomery & Grabowski 2018); the data are ONE walker's stance. Whole-stride shares
    # differ also by actions the model lacks (knee flexor work in stance, +0.15 J/kg here).
    # Measured: data 0.25/0.29/0.46, model 0.43/0.23/0.34; tolerance 0.20/0.20/0.19.
    data, model = _stance_shares(WALK, 0)
    assert np.all(np.abs(model - data) <= _walking_share_tolerance())


def test_validation_walk_1_13_stance_shares_of_negative_work_within_between_subject_spread():
    # Like for like: joint shares (the model's walking negative shares are Montgomery &
    # Grabowski 2018's joint shares), so the ankle counts its dorsiflexors' foot-strike
    # absorption. Measured: data 0.56/0.37/0.08, model 0.42/0.39/0.19 (tolerance
    # 0.20/0.20/0.19: the printed SDs are those of positive shares; none is printed for
    # negative ones). Plantar flexors alone (the earlier comparison): model ankle 0.30, failed.
    data, model = _stance_shares(WALK, 1)
    assert np.all(np.abs(model - data) <= _walking_share_tolerance())


@pytest.mark.parametrize("name", [RUN, WALK])
def test_validation_action_work_ranks_like_inverse_dynamics(name):
    # measured: run 0.82, walk 0.80. 0.6 is the bar; with 18 values, rho >= 0.6 is
    # significant at p < 0.01, so a model that ranked actions at random would fail.
    assert _action_rank_correlation(name) >= 0.6


def test_validation_run_2_75_hip_work_is_mostly_in_swing_and_knee_absorbs_in_swing():
    # Directions of Schache 2015 that the data show for this runner (swing hip +work 0.69 vs
    # stance 0.15 J/kg; knee swing -work 0.92 vs stance 0.17): the model must order them alike.
    table = _data(RUN)
    speed, mode = _condition(table)
    w = joint_work_per_stride(speed, 0.0, None, mode)
    hip_swing = w["hip_flex_swing"][0] + w["hip_extend_swing"][0]
    hip_stance = w["hip_extend_stance"][0] + w["hip_flex_stance"][0]
    knee_swing = w["knee_flex_swing"][1] + w["knee_extend_swing"][1]
    level = table.set_index(["level", "joint_or_action"])
    assert level.loc[("joint_swing", "hip"), POS] > level.loc[("joint_stance", "hip"), POS]
    assert hip_swing > 2 * hip_stance
    assert knee_swing > 0.3 * level.loc[("joint_swing", "knee"), NEG]


def _cmc_shares() -> tuple[np.ndarray, np.ndarray]:
    """CMC seven-group impulse shares and the model's activation shares at the run's speed."""
    table = _data("muscle_force_opensim_runningModel_CMC.csv").set_index("muscle_group")
    data = table.loc[list(MUSCLES), "share_of_7_group_impulse"].to_numpy(dtype=float)
    d = demand(float(table["speed_m_s"].iloc[0]), 0.0)
    activation = np.array([d[g].activation for g in MUSCLES])
    return data, activation / activation.sum()


def test_validation_cmc_3_8_group_shares():
    # Force impulse ~ activation x the group's strength x time; the model gives activation,
    # so the shares are compared at +/-0.12 (measured: largest gap 0.105, gluteals).
    data, model = _cmc_shares()
    assert np.all(np.abs(model - data) <= 0.12)


def _cmc_fraction_of_max_force() -> tuple[np.ndarray, np.ndarray]:
    """Like for like: each group's mean CMC force over the stride as a fraction of the sum of its
    muscles' maximal isometric forces (read in the CMC model file), and the model's activation."""
    table = _data("muscle_force_opensim_runningModel_CMC.csv").set_index("muscle_group")
    fmax = pd.read_csv(PUBLISHED / "hamner2010_runningmodel_max_isometric_force.csv", comment="#")
    strength = fmax.groupby("group")["max_isometric_force_n"].sum()
    body_weight = float(table["body_mass_kg"].iloc[0]) * 9.81
    data = np.array([table.loc[g, "mean_force_BW"] * body_weight / strength[g] for g in MUSCLES])
    d = demand(float(table["speed_m_s"].iloc[0]), 0.0)
    return data, np.array([d[g].activation for g in MUSCLES])


def test_validation_cmc_maximal_forces_cover_the_cmc_groups():
    # the transcribed forces name exactly the muscles the CMC file sums into each group
    table = _data("muscle_force_opensim_runningModel_CMC.csv").set_index("muscle_group")
    fmax = pd.read_csv(PUBLISHED / "hamner2010_runningmodel_max_isometric_force.csv", comment="#")
    for group in MUSCLES:
        assert set(fmax.loc[fmax["group"] == group, "muscle"]) == set(table.loc[group, "muscles"].split())


@pytest.mark.xfail(strict=True, reason=(
    "known: like for like (mean CMC force / the group's maximal isometric force, read in the "
    "model file, vs the model's activation) the seven groups rank at rho = -0.57 (impulse "
    "shares vs activation shares: -0.36). CMC drives the hip flexors hardest (0.28 of maximal "
    "force) and the quadriceps (0.08) and calves (0.10) least; the model gives calves (0.59) "
    "and quadriceps (0.48) the highest activation. One CMC solution (a software test's "
    "reference output) of one stride: a disagreement stated, not fitted"))
def test_validation_cmc_3_8_group_ranks():
    data, model = _cmc_fraction_of_max_force()
    assert _rank_correlation(data, model) >= 0.6
