"""The body map: the seven leg groups front and back, with the hips and the feet, each group
labelled with its name and verdict, filled by the verdict's colour AND pattern (readable
without colour vision and in print)."""

from __future__ import annotations

from html import escape

VERDICT_COLOURS = {
    "building": "#2e8b57",
    "maintaining": "#3b78c2",
    "endurance_only": "#e0a526",
    "losing": "#c8423b",
    None: "#b8b8b8",
}
#: each verdict's pattern drawn over its colour (the key shows both)
_PATTERNS = {
    "building": '<path d="M0,8 L8,0" stroke="#fff" stroke-width="2"/>',
    "maintaining": '<circle cx="4" cy="4" r="1.6" fill="#fff"/>',
    "endurance_only": '<path d="M0,4 H8" stroke="#fff" stroke-width="2"/>',
    "losing": '<path d="M0,0 L8,8 M8,0 L0,8" stroke="#fff" stroke-width="1.6"/>',
}

# One leg per view in a 300 × 390 box; the other leg is the mirror about x = 100.
_FRONT = {
    "hip_flexors": [(70, 66), (94, 70), (92, 100), (72, 96)],
    "quadriceps": [(58, 100), (93, 106), (88, 190), (66, 190), (54, 140)],
    "tibialis_anterior": [(76, 222), (88, 222), (85, 305), (79, 305)],
    "peroneals": [(60, 222), (72, 218), (75, 300), (66, 296)],
}
_BACK = {
    "gluteals": [(52, 48), (98, 50), (98, 104), (58, 108), (48, 78)],
    "hamstrings": [(58, 112), (96, 112), (90, 196), (66, 196)],
    "calves": [(60, 214), (93, 214), (89, 292), (68, 296), (57, 250)],
}
_OUTLINE = [(52, 28), (100, 28), (100, 108), (96, 114), (93, 200), (90, 320), (96, 334),
            (100, 352), (56, 354), (64, 334), (66, 320), (57, 206), (46, 124), (44, 60)]
_FEET = [(64, 330), (92, 330), (100, 352), (56, 354)]


def _mirror(points):
    return [(200 - x, y) for x, y in points]


def _points(points) -> str:
    return " ".join(f"{x:.0f},{y:.0f}" for x, y in points)


def _defs() -> str:
    patterns = "".join(
        f'<pattern id="pat-{name}" width="8" height="8" patternUnits="userSpaceOnUse">{shape}'
        "</pattern>" for name, shape in _PATTERNS.items())
    return f"<defs>{patterns}</defs>"


def _muscle(muscle: str, verdict: str | None, opacity: float, polygon) -> str:
    name = muscle.replace("_", " ")
    text = (verdict or "no data").replace("_", " ")
    colour = VERDICT_COLOURS.get(verdict, VERDICT_COLOURS[None])
    attrs = f'data-muscle="{muscle}" data-verdict="{verdict or "none"}"'
    out = []
    for shape in (polygon, _mirror(polygon)):
        out.append(f'<polygon points="{_points(shape)}" fill="{colour}" fill-opacity='
                   f'"{opacity:.2f}" class="muscle" {attrs}><title>{escape(name)}: '
                   f"{escape(text)}</title></polygon>")
        if verdict in _PATTERNS:
            out.append(f'<polygon points="{_points(shape)}" fill="url(#pat-{verdict})" '
                       'class="pattern" aria-hidden="true"/>')
    return "".join(out)


def _label(muscle: str, verdict: str | None, polygon, y: float) -> str:
    right = _mirror(polygon)
    cx = sum(p[0] for p in right) / len(right)
    cy = sum(p[1] for p in right) / len(right)
    text = (verdict or "no data").replace("_", " ")
    return (f'<line x1="{cx:.0f}" y1="{cy:.0f}" x2="172" y2="{y:.0f}" class="leader"/>'
            f'<text x="176" y="{y:.0f}" font-size="13" font-weight="bold" class="ink">'
            f'{escape(muscle.replace("_", " "))}</text>'
            f'<text x="176" y="{y + 15:.0f}" font-size="12" class="ink">{escape(text)}</text>')


def body_map(verdicts: dict[str, str | None], loads: dict[str, float] | None = None) -> str:
    """Front and back views; each group filled by its verdict's colour and pattern, its
    opacity following the relative load when ``loads`` is given, and labelled in text."""
    loads = loads or {}
    top = max([v for v in loads.values() if v > 0] or [1.0])
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 390" role="img" '
             'class="body-map" aria-label="Leg muscles front and back, by verdict">', _defs()]
    for offset, view, shapes in ((0, "front", _FRONT), (300, "back", _BACK)):
        parts.append(f'<g transform="translate({offset},0)">')
        parts.append(f'<text x="100" y="380" text-anchor="middle" font-size="14" '
                     f'class="ink">{view}</text>')
        for outline in (_OUTLINE, _mirror(_OUTLINE)):
            parts.append(f'<polygon points="{_points(outline)}" class="skin"/>')
        for foot in (_FEET, _mirror(_FEET)):
            parts.append(f'<polygon points="{_points(foot)}" class="foot"><title>{view}: foot'
                         "</title></polygon>")
        ordered = sorted(shapes.items(), key=lambda item: sum(p[1] for p in item[1]))
        for k, (muscle, polygon) in enumerate(ordered):
            verdict = verdicts.get(muscle)
            share = loads.get(muscle, top) / top if top else 1.0
            opacity = 0.55 + 0.45 * max(0.0, min(1.0, share))
            parts.append(_muscle(muscle, verdict, opacity, polygon))
            parts.append(_label(muscle, verdict, polygon, 60 + k * 78))
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def legend() -> str:
    """The key: each verdict's colour, pattern and name (the patterns are the body map's)."""
    items = []
    for verdict, colour in VERDICT_COLOURS.items():
        name = (verdict or "no data").replace("_", " ")
        pattern = (f'<rect width="18" height="14" fill="url(#pat-{verdict})"/>'
                   if verdict in _PATTERNS else "")
        items.append(f'<span class="key"><svg width="18" height="14" aria-hidden="true">'
                     f'<rect width="18" height="14" '
                     f'fill="{colour}"/>{pattern}</svg>{escape(name)}</span>')
    return "".join(items)
