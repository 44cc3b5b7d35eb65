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
        "data 0.22/0.69/0.09, model 0.39/0.45/0.16: the model's ankle absorbs 2x this runner's "
        "and its knee-flexor swing braking is a third of it; no fitting source for low-speed "
        "absorption could be read (Schache 2011 tables)")),
    pytest.param(WALK, 0, id="walk-1.13-positive", marks=_known(
        "data 0.24/0.27/0.49, model 0.45/0.22/0.33: the walking shares are Montgomery & "
        "Grabowski 2018's means (ankle 0.42); this subject's push-off is small and its knee "
        "works in stance flexion, an action the model does not have")),
])
def test_validation_joint_shares_of_stride_work(name, column):
    data, model = _joint_shares(name, column)
    assert np.all(np.abs(model - data) <= 0.12)


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


@pytest.mark.xfail(strict=True, reason=(
    "known: rank correlation of the seven CMC impulse shares with the model's activation "
    "shares is -0.36 (work shares: 0.36). CMC gives the gluteals (medius: frontal-plane "
    "support, which the sagittal model leaves out) and hip flexors the largest impulses, the "
    "model gives tibialis anterior and peroneals high activation at low force"))
def test_validation_cmc_3_8_group_ranks():
    data, model = _cmc_shares()
    assert _rank_correlation(data, model) >= 0.6
