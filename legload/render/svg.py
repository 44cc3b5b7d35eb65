"""Inline SVG charts for the report and the web app: weekly line charts, x-y traces and the
route, drawn on the server. Plain SVG strings, no JavaScript and no external resources; every
text node is escaped. Axes get round ticks (1, 2, 2.5, 5 × 10ⁿ), units, dates with their year,
and each point a ``<title>`` that a browser shows on hover.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from html import escape

from legload.render.bodymap import VERDICT_COLOURS, body_map, legend

SERIES_COLOURS = ("#2f6db3", "#b8322b", "#23804d", "#7d4fa8", "#a86e00", "#13807f", "#5f5f5f")
_DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 4", "10 4", "4 4")


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high]: steps of 1, 2, 2.5 or 5 times a power of ten."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return [0.0, 1.0]
    if high - low <= 1e-6 * max(1.0, abs(high)):  # flat: a span around the value
        pad = 0.05 * abs(low)
        low, high = (0.0, 1.0) if pad == 0 else (low - pad, high + pad)
    raw = (high - low) / max(1, count - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    last = math.ceil(high / step) * step
    n = max(1, round((last - first) / step))
    return [round(first + k * step, 10) for k in range(n + 1)]


def tick_label(value: float) -> str:
    """A tick's text: no trailing zeros, thousands grouped."""
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"


def date_label(day: str) -> str:
    """``2026-06-01`` as ``1 Jun 2026`` (the year always shown)."""
    try:
        return dt.date.fromisoformat(day[:10]).strftime("%-d %b %Y")
    except ValueError:
        return day


def _no_data(title: str, width: int) -> str:
    """The chart's place when there is nothing to draw: its title and "no data"."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 60" class="chart" '
            f'role="img" aria-label="{escape(title)}: no data">'
            f'<text x="10" y="30" class="ink">{escape(title)}: no data</text></svg>')


class _Frame:
    """A plot area with its x and y scales."""

    def __init__(self, width: int, height: int, x_range: tuple[float, float],
                 y_ticks: list[float]) -> None:
        self.left, self.right, self.top, self.bottom = 58, 12, 30, 40
        self.w, self.h = width - self.left - self.right, height - self.top - self.bottom
        self.x0, self.x1 = x_range
        self.y0, self.y1 = y_ticks[0], y_ticks[-1]

    def x(self, value: float) -> float:
        span = self.x1 - self.x0
        return self.left + (self.w * (value - self.x0) / span if span else self.w / 2)

    def y(self, value: float) -> float:
        return self.top + self.h * (1 - (value - self.y0) / (self.y1 - self.y0))


def _axes(frame: _Frame, y_ticks: list[float], title: str, y_label: str) -> list[str]:
    parts = [f'<text x="{frame.left}" y="18" class="ink" font-size="14" '
             f'font-weight="bold">{escape(title)}</text>']
    for v in y_ticks:
        y = frame.y(v)
        parts.append(f'<line x1="{frame.left}" x2="{frame.left + frame.w}" y1="{y:.1f}" '
                     f'y2="{y:.1f}" class="grid"/>')
        parts.append(f'<text x="{frame.left - 6}" y="{y + 4:.1f}" font-size="11" class="ink" '
                     f'text-anchor="end">{tick_label(v)}</text>')
    mid = frame.top + frame.h / 2
    parts.append(f'<text x="13" y="{mid:.0f}" font-size="11" class="ink" text-anchor="middle" '
                 f'transform="rotate(-90 13 {mid:.0f})">{escape(y_label)}</text>')
    return parts


def _legend(names: Sequence[str]) -> str:
    items = []
    for k, name in enumerate(names):
        colour, dash = SERIES_COLOURS[k % 7], _DASHES[k % 7]
        items.append(f'<span class="series"><svg width="26" height="10" aria-hidden="true">'
                     f'<line x1="1" x2="25" y1="5" y2="5" stroke="{colour}" stroke-width="3" '
                     f'stroke-dasharray="{dash}"/></svg>{escape(name.replace("_", " "))}</span>')
    return f'<p class="chart-legend">{"".join(items)}</p>'


def line_chart(x_labels: Sequence[str], series: dict[str, Sequence[float]], *, title: str,
               y_label: str, band: tuple[Sequence[float], Sequence[float]] | None = None,
               unit: str = "", width: int = 640, height: int = 260) -> str:
    """Lines over categories (weeks: ``YYYY-MM-DD`` labels are drawn with their year);
    ``band`` (low, high) is shaded behind the lines. A legend in HTML follows the SVG."""
    values = [v for s in series.values() for v in s if v == v]
    if band:
        values += [v for v in (*band[0], *band[1]) if v == v]
    if not values or not x_labels:
        return _no_data(title, width)
    ticks = nice_ticks(min(0.0, min(values)) if unit != "kg" else min(values), max(values))
    frame = _Frame(width, height, (0, max(1, len(x_labels) - 1)), ticks)
    labels = [date_label(x) for x in x_labels]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'class="chart" role="img" aria-label="{escape(title)}">',
             *_axes(frame, ticks, title, y_label)]
    step = max(1, math.ceil(len(labels) / 5))
    for i in range(0, len(labels), step):
        parts.append(f'<text x="{frame.x(i):.1f}" y="{frame.top + frame.h + 16}" font-size="11" '
                     f'class="ink" text-anchor="middle">{escape(labels[i])}</text>')
    if band:
        upper = [(frame.x(i), frame.y(v)) for i, v in enumerate(band[1])]
        lower = [(frame.x(i), frame.y(v)) for i, v in enumerate(band[0])][::-1]
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in upper + lower)
        parts.append(f'<polygon points="{pts}" fill="#2f6db3" fill-opacity="0.18" stroke="none">'
                     f"<title>range of the projection</title></polygon>")
    for k, (name, values_) in enumerate(series.items()):
        parts.append(_series(frame, k, name, list(enumerate(values_)), labels, unit))
    parts.append("</svg>")
    return "".join(parts) + _legend(list(series))


def _series(frame: _Frame, k: int, name: str, points: list[tuple[float, float]],
            labels: Sequence[str] | None, unit: str, radius: float = 3.0,
            x_unit: str = "") -> str:
    colour, dash = SERIES_COLOURS[k % 7], _DASHES[k % 7]
    shown = [(i, v) for i, v in points if v == v]
    pts = " ".join(f"{frame.x(i):.1f},{frame.y(v):.1f}" for i, v in shown)
    out = [f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="2" '
           f'stroke-dasharray="{dash}"><title>{escape(name.replace("_", " "))}</title></polyline>']
    for i, v in shown:
        where = labels[int(i)] if labels else f"{tick_label(round(i, 2))} {x_unit}"
        out.append(f'<circle cx="{frame.x(i):.1f}" cy="{frame.y(v):.1f}" r="{radius}" '
                   f'fill="{colour}"><title>{escape(name.replace("_", " "))}, '
                   f"{escape(where)}: {tick_label(round(v, 2))} {escape(unit)}"
                   f"</title></circle>")
    return "".join(out)


def xy_chart(x: Sequence[float], series: dict[str, Sequence[float]], *, title: str,
             x_label: str, y_label: str, unit: str = "", marks: Sequence[tuple[float, float,
             str]] = (), width: int = 640, height: int = 220) -> str:
    """Lines over a numeric x axis (distance, time); ``marks`` (x from, x to, label) are shaded
    spans (segments: sprints, intervals, climbs). Long series are drawn as the means of about
    60 equal pieces, the axis fitted to what is drawn."""
    lines = {name: _binned(x, ys) for name, ys in series.items()}
    values = [v for line in lines.values() for _, v in line]
    if not values or len(x) < 2:
        return _no_data(title, width)
    ticks = nice_ticks(min(values), max(values))
    x_ticks = nice_ticks(0.0, float(x[-1]), 6)
    frame = _Frame(width, height, (x_ticks[0], x_ticks[-1]), ticks)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'class="chart" role="img" aria-label="{escape(title)}">',
             *_axes(frame, ticks, title, y_label)]
    for start, end, label in marks:
        x0, x1 = frame.x(start), frame.x(end)
        parts.append(f'<rect x="{x0:.1f}" y="{frame.top}" width="{max(1.0, x1 - x0):.1f}" '
                     f'height="{frame.h}" class="mark mark-{escape(label)}"><title>'
                     f"{escape(label)}: {tick_label(round(start, 2))}–{tick_label(round(end, 2))} "
                     f"{escape(x_label)}</title></rect>")
    for v in x_ticks:
        parts.append(f'<text x="{frame.x(v):.1f}" y="{frame.top + frame.h + 16}" font-size="11" '
                     f'class="ink" text-anchor="middle">{tick_label(v)}</text>')
    parts.append(f'<text x="{frame.left + frame.w / 2:.0f}" y="{height - 4}" font-size="11" '
                 f'class="ink" text-anchor="middle">{escape(x_label)}</text>')
    for k, (name, line) in enumerate(lines.items()):
        parts.append(_series(frame, k, name, line, None, unit, radius=1.8, x_unit=x_label))
    parts.append("</svg>")
    return "".join(parts) + (_legend(list(series)) if len(series) > 1 else "")


def _binned(x: Sequence[float], ys: Sequence[float], pieces: int = 60) -> list[tuple[float, float]]:
    """(mean x, mean y) of consecutive pieces of the series, gaps (NaN) left out."""
    stride = max(1, len(x) // pieces)
    out = []
    for i in range(0, min(len(x), len(ys)), stride):
        pairs = [(float(a), float(b)) for a, b in zip(x[i:i + stride], ys[i:i + stride],
                                                      strict=False) if b == b]
        if pairs:
            out.append((sum(p[0] for p in pairs) / len(pairs),
                        sum(p[1] for p in pairs) / len(pairs)))
    return out


def route_svg(lat: Sequence[float], lon: Sequence[float], *, size: int = 320) -> str:
    """The route as a line in an equirectangular projection (no map tiles, no network)."""
    pts = [(a, b) for a, b in zip(lat, lon, strict=False) if a == a and b == b]
    if len(pts) < 2:
        return _no_data("Route", size)
    lats, lons = [p[0] for p in pts], [p[1] for p in pts]
    squeeze = math.cos(math.radians(sum(lats) / len(lats)))
    span = max(max(lats) - min(lats), (max(lons) - min(lons)) * squeeze) or 1e-6
    scale = (size - 20) / span
    stride = max(1, len(pts) // 800)
    line = " ".join(f"{10 + (b - min(lons)) * squeeze * scale:.1f},"
                    f"{size - 10 - (a - min(lats)) * scale:.1f}" for a, b in pts[::stride])
    first, last = line.split(" ")[0].split(","), line.split(" ")[-1].split(",")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" class="route" '
            f'role="img" aria-label="Route"><polyline points="{line}" fill="none" '
            f'stroke="#b8322b" stroke-width="2.5" stroke-linejoin="round"/>'
            f'<circle cx="{first[0]}" cy="{first[1]}" r="5" fill="#23804d"><title>start</title>'
            f'</circle><circle cx="{last[0]}" cy="{last[1]}" r="5" fill="none" stroke="#222" '
            f'class="finish" stroke-width="2"><title>finish</title></circle></svg>')


__all__ = ["SERIES_COLOURS", "VERDICT_COLOURS", "body_map", "date_label", "legend",
           "line_chart", "nice_ticks", "route_svg", "tick_label", "xy_chart"]
