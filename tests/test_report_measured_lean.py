"""The lean mass a scale measured is shown beside the projection, as a measurement with its
error, in the HTML report and on the web dashboard (the same template), and not when no scale
gave one."""

from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser

from legload import __version__
from legload.analysis.measured import BIA_LEAN_ERROR_KG, MeasuredLean
from legload.render.html import render_page, render_report, report_view

from .test_report_html import _document

LEAN = MeasuredLean(date="2026-06-20", lean_kg=51.2, error_kg=BIA_LEAN_ERROR_KG,
                    skeletal_muscle_kg=28.4, source="BIA vs DXA <source>")
NAV = {"user": "runner", "csrf": "x", "coach": False, "can_write": True, "athlete": True,
       "athlete_param": None, "q": "", "choices": [], "current": None}


class _Section(HTMLParser):
    """The text and attributes of the element with id ``measured-lean``, and the id of the
    section it sits in."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.attrs: dict[str, str | None] = {}
        self.text: list[str] = []
        self.section: str | None = None
        self.inside: str | None = None

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "section":
            self.section = found.get("aria-labelledby")
        if found.get("id") == "measured-lean":
            self.attrs, self.depth, self.inside = found, 1, self.section
        elif self.depth and tag not in ("br", "img", "input"):
            self.depth += 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)


def _parsed(html: str) -> _Section:
    parser = _Section()
    parser.feed(html)
    return parser


def _pages(report) -> list[str]:
    return [render_report(report, __version__),
            render_page("dashboard.html", view=report_view(report), notes=[], weeks=4,
                        until="", nav=NAV)]


def test_measured_lean_is_shown_in_the_projection_with_its_error():
    for html in _pages(replace(_document(), measured_lean=LEAN)):
        found = _parsed(html)
        text = " ".join("".join(found.text).split())
        assert found.inside == "h-projection"
        assert (found.attrs["data-lean-kg"], found.attrs["data-error-kg"]) == ("51.2", "3.5")
        assert "On 2026-06-20: lean mass 51.2 ± 3.5 kg, skeletal muscle 28.4 kg." in text
        assert "A measurement, not the model's output" in text
        assert "BIA vs DXA &lt;source&gt;" in html  # escaped


def test_no_skeletal_muscle_and_no_measurement():
    only_lean = replace(LEAN, skeletal_muscle_kg=None)
    for html in _pages(replace(_document(), measured_lean=only_lean)):
        assert "skeletal muscle" not in "".join(_parsed(html).text)
    for html in _pages(_document()):
        assert 'id="measured-lean"' not in html
