"""Validation of the locomotion model against published values it was not fitted to.

Every table read here carries ``# role: validation`` (or, row by row, ``role == validation``):
:func:`validation_rows` refuses a table or row that a parameter was set on, so these tests
cannot silently check the model against its own calibration knots. Sources: Nagahara et al.
2017 (swing work at top sprint speed), Telhan et al. 2010 (+/-4 deg running), Farris & Sawicki
2012 (joint shares by speed). Each tolerance is justified by the source's own spread.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from legload.models.locomotion.joints import joint_work_per_stride

PUBLISHED = Path(__file__).resolve().parents[1] / "data" / "published"


def validation_rows(name: str) -> pd.DataFrame:
    """The validation rows of a published table; refuses fitting data."""
    path = PUBLISHED / name
    roles = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.startswith("# role:")]
    assert len(roles) == 1, f"{name}: no single '# role:' line"
    table = pd.read_csv(path, comment="#")
    if "role" in table.columns:
        return table[table["role"] == "validation"]
    assert roles[0].startswith("# role: validation"), f"{name} is fitting data"
    return table


def _joint_positive(work: dict, joint: str) -> float:
    return sum(w[0] for a, w in work.items() if a.startswith(joint))


# --- speed: Nagahara 2017, Farris & Sawicki 2012 ------------------------------------------------


def test_validation_nagahara2017_knee_swing_negative_work_at_top_speed():
    row = validation_rows("nagahara2017_abstract.csv").set_index(["joint", "phase"]).loc[("knee", "swing")]
    speeds = np.array([row["speed_m_s_low"], row["speed_m_s_high"]])
    work = [joint_work_per_stride(float(v)) for v in speeds]
    model = np.array([w["knee_flex_swing"][1] + w["knee_extend_swing"][1] for w in work])
    # Printed "~2.9 J/kg" with no SD, accelerating sprinters: the model must be within x1.25 at
    # both ends of the plateau speed window (before the fix: 2.12 at 9.8 m/s, x0.73 - failed).
    ratio = model / row["value"]
    assert np.all((ratio > 1 / 1.25) & (ratio < 1.25))


@pytest.mark.xfail(strict=True, reason=(
    "known: knee swing -work at 2.75 m/s is 0.33 J/kg in the model against 0.92 for the BMC "
    "runner (x0.36). The growth ratio 2.75 -> 9.8 m/s across the two sets (model x8.9, data "
    "x3.2) divided one sprint group's mean by one jogger: not like for like. Compared at each "
    "end, top speed agrees (Nagahara, x1.0, the test above) and jogging does not"))
def test_validation_knee_swing_negative_work_at_jogging_speed():
    biomech = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "biomech"
    if not biomech.is_dir():
        pytest.skip("../shared/data/biomech is absent")
    run = pd.read_csv(biomech / "joint_work_bmc_run.csv").set_index(["level", "joint_or_action"])
    data = run.loc[("joint_swing", "knee"), "negative_work_J_per_kg_per_stride"]
    w = joint_work_per_stride(float(run["speed_m_s"].iloc[0]))
    ratio = (w["knee_flex_swing"][1] + w["knee_extend_swing"][1]) / data
    # one runner against a mean: the ratio bar, x1.5 either way
    assert 1 / 1.5 < ratio < 1.5


def test_validation_farris2012_joint_shares_constant_within_running_speeds():
    rows = validation_rows("farris2012_abstract.csv").set_index(["quantity", "mode"])
    row = rows.loc[("joint_share_of_positive_power_vs_speed", "run")]
    assert row["finding"] == 0
    shares = []
    for v in (row["speed_low_m_s"], row["speed_high_m_s"]):
        w = joint_work_per_stride(float(v))
        total = sum(x[0] for x in w.values())
        shares.append([_joint_positive(w, j) / total for j in ("ankle", "knee", "hip")])
    # "No difference" in 10 runners, no SD printed: the bar for shares, 0.12 (~1.5
    # between-runner SD of Schache 2015's shares). Measured: hip +0.080, ankle -0.039 - the
    # hip's rise is at the edge of what 10 runners would resolve, so this is a weak pass.
    assert np.all(np.abs(np.diff(shares, axis=0)) < 0.12)


# --- grade: Telhan 2010 ----------------------------------------------------------------------


def _stance(work: dict, joint: str, column: int) -> float:
    actions = {
        "ankle": ("ankle_plantarflex_stance",),
        "knee": ("knee_extend_stance",),
        "hip": ("hip_extend_stance", "hip_flex_stance"),
    }[joint]
    return sum(work[a][column] for a in actions)


def test_validation_telhan2010_uphill_4_degrees_hip_generation_up_ankle_unchanged():
    rows = validation_rows("telhan2010_abstract.csv").set_index(["joint", "grade_deg"])
    assert rows.loc[("ankle", 4), "direction_vs_level"] == 0
    assert rows.loc[("hip", 4), "direction_vs_level"] == 1
    speed, grade = 3.13, float(np.tan(np.radians(4)))
    level, up = joint_work_per_stride(speed), joint_work_per_stride(speed, grade)
    # "No change" in 19 runners, paired: assuming a 15 % within-runner SD of a joint's work
    # between conditions, a change of 2.1 x 15 % / sqrt(19) = 7 % would have been detected;
    # 10 % allows for that assumption (before the fix the ankle rose 17 % - failed).
    assert _stance(up, "ankle", 0) / _stance(level, "ankle", 0) < 1.10
    assert _stance(up, "hip", 0) > 1.5 * _stance(level, "hip", 0)


def test_validation_telhan2010_downhill_4_degrees_more_knee_and_hip_absorption():
    rows = validation_rows("telhan2010_abstract.csv").set_index(["joint", "grade_deg"])
    assert rows.loc[("knee", -4), "direction_vs_level"] == 1
    speed, grade = 3.13, float(np.tan(np.radians(-4)))
    level, down = joint_work_per_stride(speed), joint_work_per_stride(speed, grade)
    # Significant increases: at least 5 % (the smallest paired change 19 runners resolve).
    assert _stance(down, "knee", 1) > 1.05 * _stance(level, "knee", 1)
    assert _stance(down, "hip", 1) > 1.05 * _stance(level, "hip", 1)


def test_validation_telhan2010_downhill_4_degrees_ankle_unchanged():
    speed, grade = 3.13, float(np.tan(np.radians(-4)))
    level, down = joint_work_per_stride(speed), joint_work_per_stride(speed, grade)
    rows = validation_rows("telhan2010_abstract.csv").set_index(["joint", "grade_deg"])
    assert rows.loc[("ankle", -4), "direction_vs_level"] == 0
    # the 10 % of the uphill test (19 runners, paired); before the fix +15 % (failed)
    assert _stance(down, "ankle", 1) / _stance(level, "ankle", 1) < 1.10
