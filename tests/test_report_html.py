"""The HTML report opens in a real browser without console errors and shows the body map
and both charts (Playwright driving Debian's chromium)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from legload import __version__
from legload.analysis.plan import PlanItem
from legload.analysis.report_types import MuscleVerdict, Projection, Report, Risk, WeeklySeries
from legload.core.profile import AthleteProfile
from legload.models.locomotion.muscles import MUSCLES
from legload.render.html import render_report
from legload.render.svg import body_map

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists()
                                        else None)


def _document() -> Report:
    weeks = [f"2026-06-{d:02d}" for d in (1, 8, 15, 22)]
    muscles = {m: MuscleVerdict(verdict=v, size="small", confidence="low", growth_pct_range=None,
                                endurance_load=4000.0, strength_stimulus=3.0, lifting_sets=0.0,
                                eccentric_load=5000.0, trend="steady", drivers=["a reason <b>"])
               for m, v in zip(MUSCLES, ("building", "maintaining", "endurance_only", "losing",
                                         "building", None, "maintaining"), strict=True)}
    return Report(
        profile=AthleteProfile(name="Test & <Runner>"), missing=[],
        weeks=4, period="2026-06-01 to 2026-06-28", activities=12, energy=None,
        headline="Partly: quadriceps are being built.", limitations=["no food log"],
        muscles=muscles,
        weekly=WeeklySeries(weeks=weeks,
                            endurance_load={m: [1000, 2000, 1500, 2500] for m in muscles},
                            strength_stimulus={m: [0, 3, 3, 6] for m in muscles},
                            eccentric_load={}),
        projection=Projection(weeks=[0, 1, 2, 3], weight_kg=[62, 61.7, 61.4, 61.1],
                              lean_kg=[50, 49.9, 49.8, 49.7], fat_kg=[12, 11.8, 11.6, 11.4],
                              lean_low_kg=[50, 49.8, 49.6, 49.4], lean_high_kg=[50, 50, 50, 50],
                              band="±10 %", lean_change_kg=-0.3, fat_change_kg=-0.6,
                              note="model note"),
        risks=[Risk(muscle="tibialis_anterior", kind="shin_splints", reason="load rose 60 %",
                    evidence="weak", week="2026-06-22")],
        plan=[PlanItem(what="Tibialis raise", dose="2×/week", covers=["tibialis_anterior"],
                       why="gap", kind="exercise")],
    )


def test_html_is_self_contained_and_escaped():
    html = render_report(_document(), __version__)
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html and "<script" not in html
    assert "Test &amp; &lt;Runner&gt;" in html and "a reason &lt;b&gt;" in html
    for chart in ("body-map", "load-chart", "sets-chart", "projection-chart"):
        assert f'<div id="{chart}"><svg' in html, chart
    assert "load rose 60 %" in html and "Tibialis raise" in html and "model note" in html
    assert html.count('class="verdict"') == 7 and "no data" in html  # a None verdict
    assert "@media (prefers-color-scheme:dark)" in html and "@media print" in html


def test_each_muscle_keeps_its_data_attributes_in_the_cards_and_the_map():
    document = _document()
    html = render_report(document, __version__)
    for muscle, entry in document.muscles.items():
        verdict = entry.verdict or "none"
        card = f'data-muscle="{muscle}" data-verdict="{verdict}"'
        assert card in html.split('id="muscles"')[1], muscle
        assert html.split('id="body-map"')[1].split("</svg>")[0].count(card) == 2, muscle


def test_a_reason_shared_by_several_muscles_is_shown_once():
    html = render_report(_document(), __version__)
    assert html.count("a reason &lt;b&gt;") == 1  # given for all seven muscles
    assert html.count("shared reason 1.") == 7


def test_weekly_charts_have_round_ticks_units_years_and_hover_values():
    html = render_report(_document(), __version__)
    chart = html.split('id="load-chart"')[1].split("</svg>")[0]
    assert "1 Jun 2026" in chart and "kJ/kg per week" in chart
    assert "<title>quadriceps, 8 Jun 2026: 2 kJ/kg</title>" in chart
    ticks = re.findall(r'text-anchor="end">([^<]*)<', chart)
    assert ticks == ["0", "1", "2", "3"]  # 1-2.5 kJ/kg on round steps from zero


def test_terminal_report_prints_every_section():
    from rich.console import Console

    from legload.render.terminal import print_report

    console = Console(record=True, width=200)
    print_report(_document(), console)
    text = console.export_text()
    for expected in ("Will running make Test & <Runner>'s legs muscular?", "Partly: quadriceps",
                     "endurance only", "no data", "Lean mass over 3 weeks: -0.3 kg",
                     "fat -0.6 kg", "shin splints", "Tibialis raise", "all seven: a reason <b>"):
        assert expected in text, expected


def test_body_map_colours_each_group_by_verdict_with_a_pattern_and_a_label():
    svg = body_map({"quadriceps": "building", "calves": "losing"})
    assert 'data-muscle="quadriceps" data-verdict="building"' in svg and "#2e8b57" in svg
    assert 'data-muscle="calves" data-verdict="losing"' in svg and "#c8423b" in svg
    assert 'fill="url(#pat-building)"' in svg and 'fill="url(#pat-losing)"' in svg
    assert ">quadriceps</text>" in svg and ">building</text>" in svg  # labelled in text
    assert svg.count('class="foot"') == 4  # both feet, front and back
    for muscle in ("hamstrings", "gluteals", "hip_flexors", "tibialis_anterior", "peroneals"):
        assert f'data-muscle="{muscle}" data-verdict="none"' in svg
        assert f">{muscle.replace('_', ' ')}</text>" in svg


#: the verdict of each muscle in ``_document`` (MUSCLES order) and the colour the reader is told
#: it means (the legend); written out here, not read from the renderer's table
VERDICTS = dict(zip(MUSCLES, ("building", "maintaining", "endurance_only", "losing", "building",
                              None, "maintaining"), strict=True))
COLOURS = {"building": "#2e8b57", "maintaining": "#3b78c2", "endurance_only": "#e0a526",
           "losing": "#c8423b", None: "#b8b8b8"}
_POLYGON = re.compile(r'<polygon points="[^"]*" fill="(#[0-9a-f]{6})"[^>]*data-muscle="(\w+)"')
_LEGEND = re.compile(r'<rect width="18" height="14" fill="(#[0-9a-f]{6})"/>'
                     r'(?:<rect [^>]*/>)?</svg>([a-z ]+)</span>')


def _fills(svg: str) -> dict[str, set[str]]:
    fills: dict[str, set[str]] = {}
    for colour, muscle in _POLYGON.findall(svg):
        fills.setdefault(muscle, set()).add(colour)
    return fills


def test_each_muscle_on_the_body_map_has_the_colour_of_its_own_verdict():
    html = render_report(_document(), __version__)
    fills = _fills(html)
    assert set(fills) == set(MUSCLES)
    for muscle, verdict in VERDICTS.items():
        assert fills[muscle] == {COLOURS[verdict]}, (muscle, verdict, fills[muscle])
    assert len(_POLYGON.findall(html)) == 2 * len(MUSCLES)  # each group on both legs
    legend = dict((name, colour) for colour, name in _LEGEND.findall(html))
    for verdict, colour in COLOURS.items():  # the legend says what each colour means
        assert legend[(verdict or "no data").replace("_", " ")] == colour


def test_each_muscle_card_shows_its_own_verdict():
    html = render_report(_document(), __version__)
    cards = re.findall(r'<article class="card v-(\w+)" data-muscle="(\w+)" data-verdict="(\w+)">\s*'
                       r'<h3>([a-z ]+)</h3><p class="verdict">([a-z ]+?) ?<', html)
    assert cards == [(v or "none", m, v or "none", m.replace("_", " "),
                      (v or "no data").replace("_", " ")) for m, v in VERDICTS.items()]


def test_body_map_colours_each_group_by_verdict():
    verdicts = {"quadriceps": "building", "calves": "losing", "hamstrings": "endurance_only"}
    fills = _fills(body_map(verdicts))
    assert set(fills) == set(MUSCLES)
    for muscle in MUSCLES:
        assert fills[muscle] == {COLOURS[verdicts.get(muscle)]}, muscle


@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed")
def test_report_renders_in_chromium(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    page_path = tmp_path / "report.html"
    page_path.write_text(render_report(_document(), __version__), encoding="utf-8")
    errors: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1000, "height": 1400})
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(page_path.as_uri())
        for selector in ("#body-map > svg", "#load-chart > svg", "#sets-chart > svg",
                         "#projection-chart > svg"):
            box = page.locator(selector).bounding_box()
            assert box and box["width"] > 200 and box["height"] > 100, selector
        assert page.locator("#body-map polygon[data-muscle]").count() >= 14
        page.set_viewport_size({"width": 390, "height": 844})
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        shot = tmp_path / "report.png"
        page.screenshot(path=str(shot), full_page=True)
        browser.close()
    assert errors == []
    assert shot.stat().st_size > 20_000



def test_the_title_question_uses_the_possessive_of_the_name():
    """"you" and "me" are the reader ("your legs"); a name ending in s takes an apostrophe."""
    from dataclasses import replace

    from markupsafe import escape

    from legload.core.profile import AthleteProfile

    for name, expected in (("you", "your legs"), ("James", "James' legs"), ("ana", "ana's legs")):
        html = render_report(replace(_document(), profile=AthleteProfile(name=name)), __version__)
        assert f"Will running make {escape(expected)} muscular?" in html  # autoescaped
