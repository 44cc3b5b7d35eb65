"""HTML pages from the Jinja2 templates in ``render/templates``: the self-contained report
(``report --html``: one file, inline CSS and SVG, no external URLs, no scripts) and the pages
of ``legload serve``, which share the report's sections."""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from legload.analysis.report_types import MuscleVerdict, Report
from legload.core.text import plain
from legload.render.svg import body_map, date_label, legend, line_chart
from legload.render.terminal import possessive

TEMPLATES = Path(__file__).with_name("templates")
STATIC = Path(__file__).with_name("static")


def _plain_text(value: object) -> object:
    """Text values as plain characters (terminal escapes and control characters removed)
    before autoescaping; markup the template marks safe (the SVG charts) passes as it is."""
    return plain(value) if type(value) is str else value


#: autoescape on for every template (users' names are text, never HTML)
ENV = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(
    default=True, default_for_string=True), finalize=_plain_text)
ENV.filters["words"] = lambda name: str(name).replace("_", " ")
ENV.filters["day"] = date_label


@dataclass(frozen=True)
class Tile:
    """One summary tile: a label, a value already formatted, and its unit."""
    label: str
    value: str
    unit: str = ""


@dataclass(frozen=True)
class MuscleCard:
    """One muscle's card: its verdict and numbers, its own reasons, and the numbers of the
    shared reasons (listed once above the cards) that apply to it."""
    name: str
    verdict: MuscleVerdict
    own: list[str]
    shared: list[int]


@dataclass
class ReportView:
    """What the report's sections show, drawn: the same for the file and the dashboard."""
    report: Report
    whose: str
    tiles: list[Tile]
    cards: list[MuscleCard]
    shared: list[tuple[str, list[str]]]
    body_svg: str
    legend_html: str
    charts: dict[str, str] = field(default_factory=dict)


def muscle_cards(report: Report) -> tuple[list[MuscleCard], list[tuple[str, list[str]]]]:
    """Cards per muscle; a reason given for two muscles or more is listed once (with the
    muscles it concerns) and the cards point to it by number."""
    counts = Counter(d for m in report.muscles.values() for d in dict.fromkeys(m.drivers))
    shared_text = [d for d, n in counts.items() if n > 1]
    shared = [(d, [name for name, m in report.muscles.items() if d in m.drivers])
              for d in shared_text]
    cards = [MuscleCard(name=name, verdict=m,
                        own=[d for d in m.drivers if counts[d] == 1],
                        shared=[k + 1 for k, d in enumerate(shared_text) if d in m.drivers])
             for name, m in report.muscles.items()]
    return cards, shared


def report_tiles(report: Report, extra: list[Tile] | None = None) -> list[Tile]:
    """The summary tiles the report itself can fill, after ``extra`` (running time, distance)."""
    tiles = list(extra or [])
    sets = max((m.strength_stimulus for m in report.muscles.values()), default=0.0)
    tiles.append(Tile("hard sets, most trained group", f"{sets:.1f}", "per week"))
    balance = report.energy.balance_kcal_day if report.energy else None
    tiles.append(Tile("energy balance", "–" if balance is None else f"{balance:+.0f}",
                      "" if balance is None else "kcal/day"))
    lean = report.projection.lean_change_kg if report.projection else None
    weeks = report.projection.weeks[-1] if report.projection and report.projection.weeks else 0
    tiles.append(Tile("projected lean change", "–" if lean is None else f"{lean:+.1f}",
                      "" if lean is None else f"kg in {weeks} weeks"))
    tiles.append(Tile("activities", str(report.activities), f"in {report.weeks} weeks"))
    return tiles


def report_view(report: Report, extra_tiles: list[Tile] | None = None) -> ReportView:
    """Every section of the report, drawn (charts as inline SVG)."""
    cards, shared = muscle_cards(report)
    weekly = report.weekly
    weeks = weekly.weeks if weekly else []
    charts = {
        "load": line_chart(weeks, {n: [v / 1000 for v in vs] for n, vs in
                                   (weekly.endurance_load if weekly else {}).items()},
                           title="Weekly endurance load per muscle", y_label="kJ/kg per week",
                           unit="kJ/kg"),
        "sets": line_chart(weeks, dict((weekly.strength_stimulus if weekly else {}).items()),
                           title="Weekly strength stimulus per muscle",
                           y_label="hard sets per week", unit="sets"),
        "projection": _projection_svg(report),
    }
    return ReportView(
        report=report, whose=possessive(plain(report.profile.name)),
        tiles=report_tiles(report, extra_tiles), cards=cards, shared=shared,
        body_svg=body_map({n: m.verdict for n, m in report.muscles.items()},
                          {n: m.endurance_load for n, m in report.muscles.items()}),
        legend_html=legend(), charts=charts)


@functools.cache
def stylesheet() -> str:
    """The one stylesheet (screen, phone, dark mode and print), inlined in every page."""
    return (STATIC / "legload.css").read_text(encoding="utf-8")


def render_report(report: Report, version: str) -> str:
    """HTML text of a report (the sections of ``report --json``, drawn) as one file."""
    return ENV.get_template("report.html").render(
        view=report_view(report), version=version, css=stylesheet(), static=True)


def render_page(template: str, **context: object) -> str:
    """One page of the web app (``context`` as the template expects)."""
    return ENV.get_template(template).render(css=stylesheet(), static=False, **context)


def _projection_svg(report: Report) -> str:
    """Lean and fat mass week by week, the band on lean mass shaded."""
    projection = report.projection
    series: dict[str, list[float]] = {}
    band = None
    if projection is not None:
        if projection.lean_kg:
            series["lean mass"] = projection.lean_kg
        if projection.fat_kg:
            series["fat mass"] = projection.fat_kg
        if projection.lean_low_kg and projection.lean_high_kg:
            band = (projection.lean_low_kg, projection.lean_high_kg)
    weeks = projection.weeks if projection is not None else []
    return line_chart([f"week {w}" for w in weeks], series, title="Projected lean and fat mass",
                      y_label="kg", band=band, unit="kg")
