"""The server-side charts: round ticks, dates with their year, hover values with units,
segments shaded, the route drawn without map tiles."""

from __future__ import annotations

import pytest

from legload.render.svg import date_label, nice_ticks, route_svg, xy_chart


@pytest.mark.parametrize(("low", "high", "ticks"), [
    (0, 2.5, [0, 1, 2, 3]), (0, 97, [0, 25, 50, 75, 100]),
    (398.2, 421.7, [390, 400, 410, 420, 430]), (0.013, 0.041, [0.01, 0.02, 0.03, 0.04, 0.05]),
    (5, 5, [4.6, 4.8, 5, 5.2, 5.4]), (0, 0, [0, 0.25, 0.5, 0.75, 1]),
    (170, 170 + 1e-12, [160, 165, 170, 175, 180])])  # flat, even by a rounding error
def test_ticks_are_round_and_cover_the_data(low, high, ticks):
    assert nice_ticks(low, high) == ticks


def test_dates_carry_their_year():
    assert date_label("2026-06-01") == "1 Jun 2026" and date_label("week 3") == "week 3"


def test_a_trace_has_hover_values_with_units_and_shaded_segments():
    svg = xy_chart([0.0, 0.5, 1.0, 1.5], {"Speed": [10.0, 12.5, 11.0, 10.0]}, title="Speed",
                   x_label="km", y_label="km/h", unit="km/h", marks=[(0.5, 1.0, "sprint")])
    assert "<title>Speed, 0.5 km: 12.5 km/h</title>" in svg
    assert 'class="mark mark-sprint"' in svg and "<title>sprint: 0.5–1 km</title>" in svg
    assert ">km/h</text>" in svg and ">km</text>" in svg


def test_the_route_is_a_line_with_start_and_finish_and_no_url():
    svg = route_svg([45.0, 45.001, 45.002], [6.0, 6.001, 6.0])
    assert svg.count("<polyline") == 1 and "<title>start</title>" in svg
    assert "<title>finish</title>" in svg and "http" not in svg.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")
    assert "no data" in route_svg([], [])
