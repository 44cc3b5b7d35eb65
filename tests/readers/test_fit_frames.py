"""The frames of an activity laid out from their blocks are the frames the pandas constructor
builds from the same columns: values, dtypes (text stays object), column order, index."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from legload.core.activity import _utc, frame_of
from legload.errors import ReadError
from legload.readers.fit.messages import read_fit_columns

from ..conftest import REAL

FILES = sorted(p for folder in ("fit", "broken") if (REAL / folder).is_dir()
               for p in (REAL / folder).rglob("*.fit"))


def _same(built: pd.DataFrame, reference: pd.DataFrame) -> None:
    assert list(built.columns) == list(reference.columns)
    assert list(built.dtypes) == list(reference.dtypes)
    pd.testing.assert_frame_equal(built, reference, check_exact=True)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_frames_of_real_files_are_the_constructors(path, real_dir):
    try:
        activities = read_fit_columns(path.read_bytes(), str(path))
    except ReadError:  # a file that reads no activity has no frame to build
        pytest.skip("no activity")
    for columns in activities:
        _same(frame_of(columns.columns), pd.DataFrame(_utc(columns.columns)))
        if columns.laps is not None:
            laps = frame_of(columns.laps)
            _same(laps, pd.DataFrame(_utc(columns.laps)))
            assert laps["intensity"].dtype == object  # not inferred as str


def test_columns_it_does_not_lay_out_go_through_the_constructor():
    """Text arrays (inferred as str), integers, an empty table, a Series with another index."""
    n = 3
    cases = [
        {"t": np.array(["a", None, "b"], dtype=object), "x": np.arange(n, dtype=float)},
        {"i": np.arange(n), "x": np.ones(n)},
        {},
        {"s": pd.Series(["a", "b", "c"], dtype=object, index=[5, 6, 7])},
        {"x": np.ones(n), "when": np.arange(n).astype("M8[s]")},
    ]
    for columns in cases:
        _same(frame_of(columns), pd.DataFrame(_utc(columns)))
    mixed = frame_of({"when": np.arange(n).astype("M8[ns]"), "x": np.array([1.0, np.nan, 3.0]),
                      "y": np.zeros(n), "text": pd.Series(["a", None, "c"], dtype=object)})
    assert str(mixed["when"].dtype) == "datetime64[ns, UTC]"
    assert list(mixed.columns) == ["when", "x", "y", "text"]
    assert mixed["text"].dtype == object and mixed["text"].tolist() == ["a", None, "c"]
    assert np.isnan(mixed["x"].iloc[1]) and mixed["y"].tolist() == [0.0] * n
