"""has_value / has_finite: the answer of the whole column, whatever its first element."""

import numpy as np
import pytest

from legload.core.values import has_finite, has_value

NAN, INF = np.nan, np.inf
CASES = [[], [NAN], [NAN, NAN], [NAN, 1.0], [1.0, NAN], [INF], [NAN, -INF], [-INF, NAN, 2.0],
         [0.0], [-0.0, NAN], [NAN] * 50 + [3.0]]


@pytest.mark.parametrize("values", CASES, ids=repr)
def test_same_answer_as_the_whole_column(values):
    column = np.array(values, dtype=float)
    assert has_value(column) == (not np.isnan(column).all())
    assert has_finite(column) == bool(np.isfinite(column).any())


def test_infinity_is_a_value_but_not_finite():
    assert has_value(np.array([NAN, INF])) and not has_finite(np.array([NAN, INF]))
    assert not has_value(np.array([NAN, NAN])) and not has_value(np.array([]))


def test_other_number_kinds():
    assert has_value(np.array([0, 3], dtype=np.int64)) and has_finite(np.array([7], np.uint32))
