"""FIT lap tables: order, enum names, missing values."""

from __future__ import annotations

import numpy as np
import pandas as pd


def test_laps_are_sorted_by_start_with_missing_starts_last():
    """Lap messages written out of order (as some devices do after a merge) come back sorted;
    enum names are looked up once per distinct value and kept as plain text."""
    from legload.core.activity import ActivityColumns
    from legload.readers.fit import messages as fit

    class Messages:
        def numbers(self, name, keep=()):
            return {"_offset": np.arange(3), "start_time": np.array([1e9 + 20, np.nan, 1e9]),
                    "total_elapsed_time": np.array([1.0, 2.0, 3.0]),
                    "intensity": np.array([0.0, 1.0, np.nan])}

    laps = ActivityColumns({}, fit._laps(Messages()), {}).lap_frame()
    assert laps["elapsed_s"].tolist() == [3.0, 1.0, 2.0]
    assert laps["intensity"].tolist() == [None, "active", "rest"]
    assert laps["intensity"].dtype == object
    assert laps["start"].isna().tolist() == [False, False, True]
    assert laps["start"].iloc[0] == pd.Timestamp("2021-09-08T01:46:40Z")


def test_a_first_lap_without_start_goes_last():
    from legload.core.activity import ActivityColumns
    from legload.readers.fit import messages as fit

    class Messages:
        def numbers(self, name, keep=()):
            return {"_offset": np.arange(3), "start_time": np.array([np.nan, 1e9, 1e9 + 20]),
                    "total_elapsed_time": np.array([1.0, 2.0, 3.0])}

    laps = ActivityColumns({}, fit._laps(Messages()), {}).lap_frame()
    assert laps["elapsed_s"].tolist() == [2.0, 3.0, 1.0]
    assert laps["start"].isna().tolist() == [False, False, True]
