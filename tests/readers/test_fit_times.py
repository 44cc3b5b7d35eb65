"""FIT date_time columns to UTC times: the column conversion (whole seconds taken the short
way, any other column the long way) agrees with the one-value conversion of each value."""

import numpy as np
import pandas as pd
import pytest

from legload.readers.fit.messages import _time, _times

COLUMNS = {
    "whole seconds": [1_000_000_000.0, 1_000_000_001.0, 1_100_000_000.0],
    "clock never set": [0.0, 1.0, 268_435_455.0],
    "a missing one": [1_000_000_000.0, np.nan, 1_000_000_002.0],
    "fractions": [1_000_000_000.25, 1_000_000_000.5, 999_999_999.999],
    "out of range": [1_000_000_000.0, np.inf, 2.0**41],
    "negative whole": [-5.0, -1.0, 0.0],
}


@pytest.mark.parametrize("values", COLUMNS.values(), ids=COLUMNS.keys())
def test_each_time_as_the_one_value_conversion_gives_it(values):
    got = _times(np.array(values))
    assert got.dtype == np.dtype("M8[ns]")
    for stamp, value in zip(got, values, strict=True):
        expected = _time(value)
        if expected is None:
            assert np.isnat(stamp)
        else:
            assert pd.Timestamp(stamp).tz_localize("UTC") == expected


def test_the_fit_epoch():
    assert str(_times(np.array([0.0]))[0]) == "1989-12-31T00:00:00.000000000"
    assert _times(np.array([])).size == 0
