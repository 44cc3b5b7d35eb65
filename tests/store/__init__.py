"""Tests of the embedded store, and the synthetic activities and checks they share."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from legload.core.activity import Activity, empty_laps, summarize


def make_activity(
    n: int = 600,
    *,
    seed: int = 0,
    start: str = "2024-05-01T06:00:00Z",
    sha256: str = "",
    index: int = 0,
    channels: tuple[str, ...] = ("lat_deg", "lon_deg", "altitude_m", "heart_rate_bpm"),
    extra: bool = False,
) -> Activity:
    """A smooth synthetic run of ``n`` one-second samples with a few NaN gaps and two laps."""
    rng = np.random.default_rng(seed)
    t = np.arange(n, dtype=float)
    stamps = pd.Series(pd.date_range(start, periods=n, freq="s", unit="ns"), name="timestamp")
    columns: dict[str, object] = {"timestamp": stamps}
    trace = {
        "lat_deg": 47.0 + np.cumsum(rng.normal(0.0, 1e-5, n)),
        "lon_deg": 8.0 + np.cumsum(rng.normal(0.0, 1e-5, n)),
        "altitude_m": 400.0 + 20.0 * np.sin(t / 300.0),
        "heart_rate_bpm": np.round(140.0 + 10.0 * np.sin(t / 120.0)),
        "cadence_spm": np.full(n, 172.0),
    }
    for name in channels:
        values = trace[name].copy()
        if n > 9:
            values[5:9] = np.nan
        columns[name] = values
    if extra:
        columns["dev_leg_spring_stiffness"] = np.linspace(9.0, 11.0, n)
    samples = pd.DataFrame(columns)
    if n > 3:
        samples.loc[2, "timestamp"] = pd.NaT
    laps = empty_laps()
    if n:
        laps = pd.DataFrame({
            "start": pd.to_datetime([start, start], utc=True).as_unit("ns"),
            "elapsed_s": [n / 2, n / 2],
            "timer_s": [n / 2, np.nan],
            "distance_m": [1000.0, 1000.0],
            "intensity": ["active", None],
            "trigger": ["distance", "session_end"],
        })
    summary = summarize(samples, fmt="fit", sport="running", name=f"run {seed}", device="test/1")
    content = sha256 or digest(f"activity {seed}")
    warnings = [f"file{seed}.fit: 3 samples without a timestamp"] if n > 3 else []
    return Activity(samples, laps, summary, warnings, f"file{seed}.fit", content, index)


def digest(text: str) -> str:
    """SHA-256 (hex) of ``text``, standing in for a file's content hash."""
    return hashlib.sha256(text.encode()).hexdigest()


def make_file(i: int) -> tuple[str, list[Activity]]:
    """File number ``i``: its hash and its three 4000-sample activities."""
    sha = digest(f"file {i}")
    return sha, [make_activity(4000, seed=k, index=k, sha256=sha) for k in range(3)]


def assert_same_activity(stored: Activity, original: Activity) -> None:
    """Samples, laps, summary, warnings and identity all equal, dtypes included."""
    pd.testing.assert_frame_equal(stored.samples, original.samples, check_exact=True)
    assert list(stored.samples.columns) == list(original.samples.columns)
    pd.testing.assert_frame_equal(stored.laps, original.laps, check_exact=True)
    assert stored.summary == original.summary
    assert stored.warnings == original.warnings
    assert (stored.source, stored.sha256, stored.index) == (
        original.source, original.sha256, original.index,
    )
