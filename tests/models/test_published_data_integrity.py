"""The transcribed tables in tests/data/published/: each names its source in its header and parses,
and the facts the model tests rely on are in the tables as the papers state them.

These check our CSVs only, never the model: a failure here means a table was edited, not that a
model broke.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

PUBLISHED = Path(__file__).resolve().parents[1] / "data" / "published"
CSVS = sorted(PUBLISHED.glob("*.csv"))
# a citation's "(year)", or a quoted article title where the authors and year are unknown
CITATION = re.compile(r'\((?:19|20)\d\d\)|Source: "[^"]{20,}')


def _header(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    header = []
    for line in lines:
        if not line.startswith("#"):
            break
        header.append(line)
    return "\n".join(header)


def _csv(name: str, **kw) -> pd.DataFrame:
    return pd.read_csv(PUBLISHED / name, comment="#", **kw)


def test_there_are_published_tables():
    assert len(CSVS) >= 40


@pytest.mark.parametrize("path", CSVS, ids=lambda p: p.name)
def test_every_table_names_its_source_and_parses(path):
    header = _header(path)
    assert header, f"{path.name}: no '#' header naming the source"
    assert CITATION.search(header), f"{path.name}: the header names no source"
    table = pd.read_csv(path, comment="#")
    assert len(table) > 0 and len(table.columns) >= 2
    assert not any(str(c).startswith("Unnamed") for c in table.columns)
    assert table.columns.is_unique
    numeric = table.select_dtypes("number").to_numpy(dtype=float)
    assert not np.isinf(numeric).any()


def test_minetti2002_table_has_all_thirteen_running_grades():
    table = _csv("minetti2002_table.csv")
    assert list(table.columns) == ["grade", "run_cost_j_kg_m", "walk_cost_j_kg_m"]
    assert len(table) == 13
    assert table["run_cost_j_kg_m"].notna().all()
    assert table["grade"].min() == -0.45 and table["grade"].max() == 0.45
    # the four running values the abstract gives
    run = table.set_index("grade")["run_cost_j_kg_m"]
    assert [run[g] for g in (-0.45, -0.20, 0.0, 0.45)] == [3.92, 1.73, 3.40, 18.93]
    walk = table.dropna(subset=["walk_cost_j_kg_m"]).set_index("grade")["walk_cost_j_kg_m"]
    assert walk.to_dict() == {-0.45: 3.46, -0.10: 0.81, 0.0: 1.64, 0.45: 17.33}


def test_schumann2022_hypertrophy_ci_includes_no_interference():
    hypertrophy = _csv("schumann2022_abstract.csv").set_index("outcome").loc["hypertrophy"]
    assert hypertrophy["ci_low"] < 0 < hypertrophy["ci_high"]


def test_garthe2011_slow_loss_built_lean_mass_and_fast_loss_did_not():
    lean = _csv("garthe2011_abstract.csv").set_index("group")["lean_mass_change_pct"]
    assert lean["slow"] > 0 >= lean["fast"]


def test_reber1993_peroneus_brevis_increased_with_pace():
    assert _csv("reber1993_abstract.csv").set_index("muscle").loc["peroneus_brevis", "value"] == 1


def test_cai2010_orderings_at_6_degrees():
    table = _csv("cai2010_abstract.csv").set_index("group")
    assert table.loc["hamstrings", "ordering_high_to_low"] == "UR>DR"
    assert table.loc["calves", "ordering_high_to_low"].iloc[0] == "UR>DR>LR"  # gastrocnemius row


def test_nielsen2014_hazard_ratio_ci_includes_one():
    rows = _csv("nielsen2014_jospt_abstract.csv").set_index("quantity")["value"]
    assert rows["ci_low"] < 1 < rows["ci_high"]


def test_nielsen2014_mtss_is_the_commonest_novice_injury():
    share = _csv("nielsen2014_plosone_abstract.csv").set_index("diagnosis")["share_pct"]
    assert share.idxmax() == "medial_tibial_stress_syndrome"


ROLE = re.compile(r"^# role: (fitting|validation|per row)", re.MULTILINE)


@pytest.mark.parametrize("path", CSVS, ids=lambda p: p.name)
def test_a_role_line_is_fitting_validation_or_per_row(path):
    """Fitting and validation data are kept apart: a table says which it is, at most once."""
    header = _header(path)
    lines = [ln for ln in header.splitlines() if ln.startswith("# role:")]
    assert len(lines) <= 1
    if lines:
        assert ROLE.search(lines[0]), f"{path.name}: role must be fitting, validation or per row"
        table = pd.read_csv(path, comment="#")
        per_row = lines[0].startswith("# role: per row")
        assert per_row == ("role" in table.columns)
        if per_row:
            assert set(table["role"]) <= {"fitting", "validation", "unused"}


def test_nagahara2017_fitting_and_validation_rows_are_different_rows():
    table = _csv("nagahara2017_abstract.csv")
    fitted = table[table["role"] == "fitting"][["joint", "phase", "quantity"]]
    validated = table[table["role"] == "validation"][["joint", "phase", "quantity"]]
    assert len(fitted) and len(validated)
    assert not set(map(tuple, fitted.to_numpy())) & set(map(tuple, validated.to_numpy()))


def test_farris2012_running_shares_did_not_change_with_speed():
    rows = _csv("farris2012_abstract.csv").set_index(["quantity", "mode"])["finding"]
    assert rows[("joint_share_of_positive_power_vs_speed", "run")] == 0
    assert rows[("hip_to_ankle_shift_walk_to_run", "both")] == 1
