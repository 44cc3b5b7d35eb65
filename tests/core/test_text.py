"""Users' text is shown as the characters it is: every escape and control character goes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from legload.core.text import plain

ATTACKS = {
    "clear screen": ("a\x1b[2Jb", "ab"),
    "colour": ("\x1b[31mred\x1b[0m", "red"),
    "window title (OSC, BEL)": ("x\x1b]0;owned\x07y", "xy"),
    "hyperlink (OSC 8, ST)": ("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "link"),
    "8-bit CSI": ("a\x9b2Jb", "ab"),
    "reset terminal": ("a\x1bcb", "ab"),
    "bidi override": ("abc\u202edef", "abcdef"),
    "null and bell": ("a\x00b\x07c", "abc"),
    "new lines fold": ("Morning\nRun\t 5k", "Morning Run 5k"),
    "unterminated OSC": ("ok\x1b]0;title never ends", "ok"),
}


@pytest.mark.parametrize(("text", "expected"), ATTACKS.values(), ids=ATTACKS.keys())
def test_escape_sequences_and_controls_are_removed(text, expected):
    assert plain(text) == expected


@pytest.mark.parametrize("text", ["Tempo [/]", "[link=http://x]a[/link]", "Anna [old]",
                                  "Zoë's 10 km — 5:00/km", "<b>&amp;</b>"])
def test_printable_text_is_kept_as_it_is(text):
    assert plain(text) == text


@given(st.text())
def test_no_control_character_survives(text):
    out = plain(text)
    assert not any(ord(c) < 0x20 or 0x7f <= ord(c) <= 0x9f for c in out)
    assert "\x1b" not in out
