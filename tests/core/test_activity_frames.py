"""Frames built from an activity's columns share their column labels' values (read-only),
never the Index object: naming one frame's columns in place leaves every other as it was."""

from __future__ import annotations

import numpy as np
import pytest

from legload.core.activity import frame_of


def _columns() -> dict:
    return {"timestamp": np.array(["2026-01-01T00:00:00"], dtype="M8[ns]"),
            "heart_rate_bpm": np.array([120.0]), "speed_m_s": np.array([3.0])}


def test_naming_one_frames_columns_leaves_the_others():
    first, second = frame_of(_columns()), frame_of(_columns())
    assert list(first.columns) == list(second.columns) == list(_columns())
    first.columns.name = "field"
    first.columns.names = ["renamed"]
    assert second.columns.name is None and frame_of(_columns()).columns.name is None
    assert first.columns.name == "renamed"


def test_the_labels_cannot_be_changed_through_a_frame():
    frame = frame_of(_columns())
    with pytest.raises(ValueError, match="read-only"):
        frame.columns.values[0] = "other"
    assert list(frame_of(_columns()).columns) == list(_columns())


@pytest.mark.parametrize(("without", "value"), [("_utc_times", None), ("LAID_OUT", False)])
def test_the_fallbacks_build_the_same_frame(monkeypatch, without, value):
    """The private pandas calls used when present (``DatetimeArray._simple_new``, frames
    laid out from their blocks) and the public ones used otherwise give the same frame."""
    import legload.core.activity as activity

    fast = frame_of(_columns())
    monkeypatch.setattr(activity, without, value)
    plain = frame_of(_columns())
    assert str(plain["timestamp"].dtype) == str(fast["timestamp"].dtype) == "datetime64[ns, UTC]"
    assert plain.equals(fast)
    assert list(plain.columns) == list(_columns())


def test_a_stream_frame_laid_out_is_the_constructors(monkeypatch):
    """The stream's frame laid out from its blocks equals the one the constructor builds."""
    import legload.streams.build as build
    from legload.core.activity import Activity, empty_laps, summarize

    n = 120
    samples = frame_of({"timestamp": np.arange(n).astype("M8[s]").astype("M8[ns]"),
                        "distance_m": np.arange(n) * 3.0, "heart_rate_bpm": np.full(n, 150.0)})
    run = Activity(samples, empty_laps(), summarize(samples, fmt="fit", sport="running"))
    fast = build.to_stream(run).frame
    monkeypatch.setattr(build, "LAID_OUT", False)
    plain = build.to_stream(run).frame
    assert list(plain.columns) == list(fast.columns) and plain.dtypes.equals(fast.dtypes)
    assert plain.equals(fast)
