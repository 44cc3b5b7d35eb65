"""What a muscle's verdict needs beyond its weekly loads: the athlete's sports, the novice
modality's minutes and weeks, the terrain-added eccentric habit, and the strength dose.

Pure functions over the report's inputs (session results as dicts, the weekly ledger);
:mod:`legload.analysis.report` calls them. The rules they feed are in
:mod:`legload.models.adaptation` (``docs/models/adaptation.md``).
"""

from __future__ import annotations

import pandas as pd

from legload.models.adaptation.parameters import NOVICE_AEROBIC_MUSCLES

#: endurance sports named in the words, most minutes first
ENDURANCE_SPORTS = ("running", "cycling", "walking", "hiking")
#: weeks at the end of the window whose largest terrain-added eccentric work is compared with
#: the weeks before (the same span the risk flags check)
RECENT_WEEKS = 4
#: the large leg groups whose mean weekly building sets drive lean sparing in the projection
LARGE_GROUPS = ("quadriceps", "hamstrings", "gluteals", "calves")


def _in_window(results: list[dict], start: pd.Timestamp) -> list[dict]:
    iso = start.isoformat()
    return [r for r in results if r["start"] >= iso]


def sport_minutes(results: list[dict], start: pd.Timestamp, n_weeks: int) -> dict[str, float]:
    """Moving minutes a week per endurance sport inside the window."""
    out = {sport: 0.0 for sport in ENDURANCE_SPORTS}
    for r in _in_window(results, start):
        if r.get("sport") in out:
            out[r["sport"]] += r.get("moving_s", 0.0) / 60.0 / max(n_weeks, 1)
    return out


def main_sport(minutes: dict[str, float]) -> str:
    """The endurance sport with the most minutes ("running" when there are none)."""
    sport, most = max(minutes.items(), key=lambda kv: kv[1], default=("running", 0.0))
    return sport if most > 0 else "running"


def aerobic_context(results: list[dict], minutes: dict[str, float], muscle: str,
                    end: pd.Timestamp) -> tuple[float, float | None]:
    """(minutes a week, weeks of history to ``end``) of the modalities that load ``muscle``
    in the untrained (NOVICE_AEROBIC_MUSCLES); weeks None when there were none."""
    sports = [s for s, loaded in NOVICE_AEROBIC_MUSCLES.items() if muscle in loaded]
    starts = [r["start"] for r in results if r.get("sport") in sports]
    if not starts:
        return 0.0, None
    first = pd.Timestamp(min(starts))
    first = first.tz_convert(None) if first.tzinfo else first
    weeks = (end - first.normalize()).days / 7.0
    return sum(minutes.get(s, 0.0) for s in sports), weeks


def eccentric_recent_and_habit(rows: pd.DataFrame) -> tuple[float, float | None]:
    """Largest weekly terrain-added eccentric work of the last RECENT_WEEKS weeks of one
    muscle's rows, and the mean of the weeks before (None when there are none)."""
    values = rows["terrain_eccentric_load"].to_numpy(dtype=float)
    recent = float(values[-RECENT_WEEKS:].max()) if len(values) else 0.0
    before = values[:-RECENT_WEEKS]
    return recent, (float(before.mean()) if len(before) else None)


def leg_building_sets(building: dict[str, float]) -> float:
    """Mean weekly building sets over the large leg groups (LARGE_GROUPS)."""
    return sum(building.get(m, 0.0) for m in LARGE_GROUPS) / len(LARGE_GROUPS)


__all__ = ["aerobic_context", "eccentric_recent_and_habit", "leg_building_sets", "main_sport",
           "sport_minutes"]
