"""Framing's run counter: how many messages with one header follow each other, counted one by
one for a dozen and then by strided numpy comparisons, against a plain count."""

import numpy as np
import pytest

from legload.readers.fit.framing import _run_length


def plain_count(data: bytes, pos: int, end: int, stride: int, header: int) -> int:
    count = 0
    while pos + stride * count + stride <= end and data[pos + stride * count] == header:
        count += 1
    return count


def laid_out(length: int, stride: int, header: int, tail: int) -> bytes:
    """``length`` messages of ``stride`` bytes starting with ``header``, then ``tail`` bytes
    of another header."""
    message = bytes([header]) + bytes(range(1, stride))
    return message * length + bytes([header ^ 0xFF]) * tail


@pytest.mark.parametrize("length", [0, 1, 3, 11, 12, 13, 40, 76, 77, 300, 5000])
@pytest.mark.parametrize("stride", [1, 7, 30])
@pytest.mark.parametrize("tail", [0, 1, 29])
def test_as_a_plain_count(length, stride, tail):
    data = laid_out(length, stride, 0x05, tail)
    view = np.frombuffer(data, dtype=np.uint8)
    for end in {len(data), max(len(data) - 1, 0), stride * length}:
        expected = plain_count(data, 0, end, stride, 0x05)
        assert _run_length(data[:end], view, 0, end, stride, 0x05) == expected


def test_a_message_cut_by_the_end_is_not_counted():
    data = laid_out(20, 10, 0x05, 0)
    view = np.frombuffer(data, dtype=np.uint8)
    assert _run_length(data, view, 0, 195, 10, 0x05) == 19
    assert _run_length(data, view, 0, 115, 10, 0x05) == 11
