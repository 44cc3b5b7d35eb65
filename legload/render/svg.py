"""Inline SVG for the report: a front/back body map of the seven leg groups and line charts.

Plain SVG strings, no JavaScript and no external resources, so a report is one file that
opens anywhere. Every text node is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

VERDICT_COLOURS = {
    "building": "#2e8b57",
    "maintaining": "#3b78c2",
    "endurance_only": "#e0a526",
    "losing": "#c8423b",
    None: "#b8b8b8",
}
SERIES_COLOURS = ("#3b78c2", "#c8423b", "#2e8b57", "#8e5bb5", "#e0a526", "#1f9e9e", "#7a7a7a")

# Shapes of a stylised pair of legs, in a 200 × 330 box per view. Each group: list of polygons
# (x, y points); left and right leg mirrored about x = 100.
_FRONT = {
    "hip_flexors": [[(62, 40), (92, 44), (90, 70), (66, 66)]],
    "quadriceps": [[(58, 70), (92, 74), (88, 160), (66, 160), (56, 110)]],
    "tibialis_anterior": [[(70, 190), (84, 190), (82, 280), (74, 280)]],
    "peroneals": [[(60, 195), (69, 192), (72, 275), (64, 270)]],
}
_BACK = {
    "gluteals": [[(56, 30), (96, 30), (96, 78), (58, 80), (52, 56)]],
    "hamstrings": [[(58, 84), (94, 84), (88, 165), (66, 165)]],
    "calves": [[(60, 185), (90, 185), (86, 260), (66, 262), (58, 225)]],
}
_OUTLINE = [(50, 20), (100, 22), (98, 170), (92, 300), (94, 318), (70, 318), (66, 300),
            (56, 175), (48, 100)]


def _mirror(points):
    return [(200 - x, y) for x, y in points]


def _polygon(points, fill, title, extra="") -> str:
    pts = " ".join(f"{x:.0f},{y:.0f}" for x, y in points)
    return (f'<polygon points="{pts}" fill="{fill}" stroke="#333" stroke-width="0.8"{extra}>'
            f"<title>{escape(title)}</title></polygon>")


def body_map(verdicts: dict[str, str | None], loads: dict[str, float] | None = None) -> str:
    """Front and back views with each group filled by its verdict colour; opacity follows
    the relative load when ``loads`` is given (so the most loaded groups stand out)."""
    loads = loads or {}
    top = max([v for v in loads.values() if v > 0] or [1.0])
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 420 350" role="img" '
             'class="body-map" aria-label="Leg muscles coloured by verdict">']
    for offset, label, shapes in ((0, "front", _FRONT), (220, "back", _BACK)):
        parts.append(f'<g transform="translate({offset},0)">')
        parts.append(f'<text x="100" y="342" text-anchor="middle" font-size="13">{label}</text>')
        for outline in (_OUTLINE, _mirror(_OUTLINE)):
            parts.append(_polygon(outline, "#f3ede6", label))
        for muscle, polygons in shapes.items():
            verdict = verdicts.get(muscle)
            share = loads.get(muscle, top) / top if top else 1.0
            opacity = f' fill-opacity="{0.45 + 0.55 * max(0.0, min(1.0, share)):.2f}"'
            title = f"{muscle.replace('_', ' ')}: {verdict or 'no data'}"
            for poly in polygons:
                parts.append(_polygon(poly, VERDICT_COLOURS.get(verdict, "#b8b8b8"), title,
                                      opacity + f' data-muscle="{muscle}"'))
                parts.append(_polygon(_mirror(poly), VERDICT_COLOURS.get(verdict, "#b8b8b8"),
                                      title, opacity + f' data-muscle="{muscle}"'))
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def legend() -> str:
    items = []
    for verdict, colour in VERDICT_COLOURS.items():
        name = (verdict or "no data").replace("_", " ")
        items.append(f'<span class="key"><i style="background:{colour}"></i>{escape(name)}</span>')
    return "".join(items)


def _no_data(title: str, width: int) -> str:
    """The chart's place when there is nothing to draw: its title and "no data"."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 60" class="chart">'
            f'<text x="10" y="30">{escape(title)}: no data</text></svg>')


def line_chart(x_labels: Sequence[str], series: dict[str, Sequence[float]], *, title: str,
               y_label: str, band: tuple[Sequence[float], Sequence[float]] | None = None,
               width: int = 640, height: int = 260) -> str:
    """A simple multi-series line chart; ``band`` (low, high) is shaded behind the lines."""
    left, right, top_m, bottom = 56, 150, 28, 34
    plot_w, plot_h = width - left - right, height - top_m - bottom
    values = [v for s in series.values() for v in s if v == v]
    if band:
        values += [v for v in (*band[0], *band[1]) if v == v]
    if not values or not x_labels:
        return _no_data(title, width)
    low, high = min(values), max(values)
    if high == low:
        high, low = high + 1, low - 1
    pad = 0.05 * (high - low)
    low, high = low - pad, high + pad
    n = len(x_labels)

    def xy(i: int, v: float) -> tuple[float, float]:
        x = left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)
        return x, top_m + plot_h * (1 - (v - low) / (high - low))

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'class="chart" role="img" aria-label="{escape(title)}">',
             f'<text x="{left}" y="18" font-size="14" font-weight="bold">{escape(title)}</text>',
             f'<rect x="{left}" y="{top_m}" width="{plot_w}" height="{plot_h}" fill="none" '
             'stroke="#999"/>']
    for k in range(5):
        v = low + (high - low) * k / 4
        _, y = xy(0, v)
        parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" '
                     'stroke="#e4e4e4"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="10" '
                     f'text-anchor="end">{v:.4g}</text>')
    step = max(1, n // 8)
    for i in range(0, n, step):
        x, _ = xy(i, low)
        parts.append(f'<text x="{x:.1f}" y="{top_m + plot_h + 14}" font-size="10" '
                     f'text-anchor="middle">{escape(str(x_labels[i]))}</text>')
    parts.append(f'<text x="14" y="{top_m + plot_h / 2}" font-size="11" '
                 f'transform="rotate(-90 14 {top_m + plot_h / 2})" '
                 f'text-anchor="middle">{escape(y_label)}</text>')
    if band:
        upper = [xy(i, v) for i, v in enumerate(band[1])]
        lower = [xy(i, v) for i, v in enumerate(band[0])][::-1]
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in upper + lower)
        parts.append(f'<polygon points="{pts}" fill="#3b78c2" fill-opacity="0.15" stroke="none"/>')
    for k, (name, values_) in enumerate(series.items()):
        colour = SERIES_COLOURS[k % len(SERIES_COLOURS)]
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in
                       (xy(i, v) for i, v in enumerate(values_) if v == v))
        parts.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="2">'
                     f"<title>{escape(name)}</title></polyline>")
        ly = top_m + 14 * k + 8
        parts.append(f'<line x1="{left + plot_w + 10}" x2="{left + plot_w + 26}" y1="{ly}" '
                     f'y2="{ly}" stroke="{colour}" stroke-width="3"/>')
        parts.append(f'<text x="{left + plot_w + 30}" y="{ly + 4}" font-size="11">'
                     f"{escape(name.replace('_', ' '))}</text>")
    parts.append("</svg>")
    return "".join(parts)
