"""Text colours of the stylesheet against their backgrounds, light and dark: WCAG 2.1
contrast ratio at least 4.5:1 (normal text)."""

from __future__ import annotations

import re

import pytest

from legload.render.html import stylesheet


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _palettes() -> dict[str, dict[str, str]]:
    css = stylesheet()
    light = css.split(":root{", 1)[1].split("}", 1)[0]
    dark = css.split("prefers-color-scheme:dark){:root{", 1)[1].split("}", 1)[0]
    return {name: dict(re.findall(r"--(\w+):(#[0-9a-fA-F]{6})", block))
            for name, block in (("light", light), ("dark", dark))}


def test_the_ratio_of_black_on_white_is_21():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_colours_have_a_contrast_of_at_least_4_5(scheme):
    colours = _palettes()[scheme]
    pairs = [("fg", "bg"), ("muted", "bg"), ("accent", "bg"), ("fg", "card"), ("muted", "card"),
             ("fg", "head"), ("accent", "card"), ("bg", "accent")]  # buttons: bg on accent
    for text, background in pairs:
        ratio = contrast(colours[text], colours[background])
        assert ratio >= 4.5, (scheme, text, background, round(ratio, 2))
