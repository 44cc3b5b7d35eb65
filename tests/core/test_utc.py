"""An instant's ISO text and hour from numpy agree with pandas' Timestamp, which the summary
used before and still uses for anything but a naive datetime64."""

import numpy as np
import pandas as pd
import pytest

from legload.core.activity import _iso, default_name
from legload.core.utc import iso_seconds, utc_hour

INSTANTS = ["2020-03-01T05:59:59.999999999", "1969-12-31T23:30:00.5", "1990-01-01T00:00:00",
            "2026-12-07T23:59:59", "1970-01-01T00:00:00", "1677-09-22T00:00:01", "2262-04-11T12:00:00"]


@pytest.mark.parametrize("text", INSTANTS)
def test_as_pandas_gives_them(text):
    value = np.datetime64(text, "ns")
    stamp = pd.Timestamp(value).tz_localize("UTC")
    assert iso_seconds(value) == stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert utc_hour(value) == stamp.hour


def test_other_values_take_the_general_route():
    for value in (None, "2020-01-01T00:00:00", pd.Timestamp("2020-01-01", tz="UTC"),
                  np.datetime64("NaT", "ns"), np.datetime64("0999-12-31T23:00:00", "s")):
        assert iso_seconds(value) is None and utc_hour(value) is None


def test_the_summary_text_and_name_are_the_same_either_way():
    value = np.datetime64("2021-06-05T18:42:07.25", "ns")
    assert _iso(value) == _iso(pd.Timestamp(value)) == "2021-06-05T18:42:07Z"
    assert default_name("running", value) == default_name("running", pd.Timestamp(value)) \
        == "Evening Run"
