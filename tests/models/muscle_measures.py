"""The published tables the muscle-model tests read, and the joint shares they measure on the model."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from legload.models.locomotion.joints import joint_work_per_stride

PUBLISHED = Path(__file__).resolve().parent.parent / "data" / "published"


def published_csv(name: str) -> pd.DataFrame:
    """A file of ``tests/data/published/`` (its ``#`` lines are the citation and caveats)."""
    return pd.read_csv(PUBLISHED / name, comment="#")


def stance_positive_shares(speed: float, mode: str) -> dict[str, float]:
    """Shares of ankle, knee and hip in the stance positive work of one leg."""
    w = joint_work_per_stride(speed, 0.0, None, mode)
    ankle = w["ankle_plantarflex_stance"][0]
    knee = w["knee_extend_stance"][0]
    hip = w["hip_extend_stance"][0] + w["hip_flex_stance"][0]
    total = ankle + knee + hip
    return {"ankle": ankle / total, "knee": knee / total, "hip": hip / total}
