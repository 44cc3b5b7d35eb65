"""The Parquet tables of one athlete, with fixed schemas (the same columns and types in every
partition, so that pandas, DuckDB and Polars read the dataset as one table; see
``docs/batch.md``). The athlete is the partition column, not a column of the files."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from legload.models.locomotion.muscles import MUSCLES

_TIME = pa.timestamp("us", tz="UTC")
ACTIVITIES = pa.schema([
    ("activity_id", pa.int64()), ("file_sha256", pa.string()), ("file_index", pa.int64()),
    ("source", pa.string()), ("sport", pa.string()), ("sub_sport", pa.string()),
    ("name", pa.string()), ("start", _TIME), ("duration_s", pa.float64()),
    ("moving_s", pa.float64()), ("distance_m", pa.float64()), ("ascent_m", pa.float64()),
    ("descent_m", pa.float64()), ("samples", pa.int64()), ("device", pa.string()),
    ("format", pa.string()), ("merged_into", pa.int64()), ("session_class", pa.string()),
    ("energy_kcal", pa.float64()), ("mass_kg", pa.float64()), ("gap_s_per_km", pa.float64()),
])
MUSCLE_FIELDS = ("positive_work_j_kg", "negative_work_j_kg", "hill_positive_work_j_kg",
                 "hill_negative_work_j_kg", "mean_activation", "peak_activation",
                 "time_above_high_s", "brief_effort_s")
MUSCLE_LOAD = pa.schema([
    ("activity_id", pa.int64()), ("file_sha256", pa.string()), ("start", _TIME),
    ("muscle", pa.string()), *((name, pa.float64()) for name in MUSCLE_FIELDS),
    ("stimulus", pa.string()), ("merged", pa.bool_()),
])
WEEKLY_FIELDS = ("endurance_load", "eccentric_load", "brief_effort_s", "lifting_sets",
                 "strength_stimulus", "sessions", "terrain_eccentric_load")
WEEKLY = pa.schema([("week", pa.date32()), ("muscle", pa.string()),
                    *((name, pa.float64()) for name in WEEKLY_FIELDS)])
ERRORS = pa.schema([("path", pa.string()), ("error", pa.string())])


def _stamp(value: str | None) -> pd.Timestamp | None:
    return None if not value else pd.Timestamp(value)


def activity_table(rows: list[dict]) -> pa.Table:
    """One row per activity, merged recordings included (``merged_into`` the kept id)."""
    columns: dict[str, list] = {name: [] for name in ACTIVITIES.names}
    for row in rows:
        analysis = row["analysis"]
        values = {**row, "activity_id": row["id"], "file_index": row["idx"],
                  "start": _stamp(row["start"]), "session_class": analysis.get("class"),
                  "energy_kcal": analysis.get("energy_kcal"), "mass_kg": analysis.get("mass_kg"),
                  "gap_s_per_km": analysis.get("gap_s_per_km")}
        for name in ACTIVITIES.names:
            columns[name].append(values.get(name))
    return pa.Table.from_pydict(columns, schema=ACTIVITIES)


def muscle_table(rows: list[dict]) -> pa.Table:
    """One row per activity and muscle (the loads ``analyze --json`` gives), in the order of
    the muscle list; ``merged`` marks a recording the report does not count."""
    columns: dict[str, list] = {name: [] for name in MUSCLE_LOAD.names}
    for row in rows:
        loads = row["analysis"].get("muscles") or {}
        for muscle in sorted(loads, key=lambda m: (MUSCLES.index(m) if m in MUSCLES else 99, m)):
            values = {**loads[muscle], "activity_id": row["id"], "muscle": muscle,
                      "file_sha256": row["file_sha256"], "start": _stamp(row["start"]),
                      "merged": row["merged_into"] is not None}
            for name in MUSCLE_LOAD.names:
                columns[name].append(values.get(name))
    return pa.Table.from_pydict(columns, schema=MUSCLE_LOAD)


def weekly_table(ledger: pd.DataFrame) -> pa.Table:
    """The weekly ledger: one row per week (its Monday) and muscle."""
    columns = {"week": [pd.Timestamp(w).date() for w in ledger["week"]],
               "muscle": [str(m) for m in ledger["muscle"]]}
    for name in WEEKLY_FIELDS:
        columns[name] = [float(v) for v in ledger[name]]
    return pa.Table.from_pydict(columns, schema=WEEKLY)


def error_table(failures: list[dict[str, str]]) -> pa.Table:
    """One row per file that failed, with the reason."""
    return pa.Table.from_pydict({"path": [f["path"] for f in failures],
                                 "error": [f["error"] for f in failures]}, schema=ERRORS)
