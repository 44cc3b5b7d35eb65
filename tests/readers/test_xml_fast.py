"""The bulk point reader (legload.readers.xml.points) against slow references: an element-by-element
walk written here with plain lxml for the real files, and ``xmlsafe.collect`` + ``numbers``
for generated documents, including the layouts the bulk path hands back to ``collect``."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from legload.errors import ReadError
from legload.readers.xml import points as xmlpoints
from legload.readers.xml import safe as xmlsafe
from legload.readers.xml import scan as xmlscan
from legload.readers.xml.gpx import _FIELDS as GPX_FIELDS
from legload.readers.xml.gpx import read_gpx
from legload.readers.xml.tcx import _FIELDS as TCX_FIELDS
from legload.readers.xml.tcx import read_tcx

FORMATS = {".gpx": ("trkpt", GPX_FIELDS, "trk"), ".tcx": ("Trackpoint", TCX_FIELDS, "Activity")}


def reference(points: list[etree._Element], names: set[str]) -> dict[str, list[str | None]]:
    """First non-blank stripped text per point of descendants whose lower-case local name
    is in ``names``, walking every element in Python."""
    out: dict[str, list[str | None]] = {name: [None] * len(points) for name in names}
    for i, point in enumerate(points):
        for element in point.iter():
            if not isinstance(element.tag, str):
                continue
            name = element.tag.rpartition("}")[2].rpartition(":")[2].lower()
            if name in names and out[name][i] is None and (element.text or "").strip():
                out[name][i] = element.text.strip()
    return out


def as_float(text: str | None) -> float:
    try:
        value = float(text) if text is not None else math.nan
    except ValueError:
        return math.nan
    return value if math.isfinite(value) else math.nan


def real_files(real_dir):
    return sorted(p for p in real_dir.rglob("*") if p.suffix in FORMATS)


def test_bulk_path_matches_an_element_walk_on_real_files(real_dir, monkeypatch):
    def no_fallback(*args, **kwargs):
        raise AssertionError("the bulk path fell back to collect on a real file")

    monkeypatch.setattr(xmlpoints, "collect", no_fallback)
    checked = 0
    for path in real_files(real_dir):
        point_name, fields, part_name = FORMATS[path.suffix]
        try:
            root = xmlsafe.parse(path.read_bytes(), path.name, require=point_name)
        except ReadError:
            continue
        for part in xmlsafe.find_all(root, part_name) or [root]:
            points = xmlsafe.find_all(part, point_name)
            if not points:
                continue
            found = xmlpoints.point_fields(points, point_name, fields)
            names = {"time", "ele", "hr"} if path.suffix == ".gpx" else {
                "time", "distancemeters", "value", "latitudedegrees"}
            slow = reference(points, names)
            assert found.n == len(points), path.name
            assert found.texts.get("time", [None] * found.n) == slow["time"], path.name
            for name in names - {"time"}:
                expected = np.array([as_float(t) for t in slow[name]])
                got = found.values.get(fields[name], np.full(found.n, np.nan))
                np.testing.assert_array_equal(got, expected, err_msg=f"{path.name} {name}")
            if path.suffix == ".gpx":
                lat = np.array([as_float(p.get("lat")) for p in points])
                np.testing.assert_array_equal(xmlpoints.attribute_numbers(points, "lat")[0], lat)
            checked += 1
    assert checked >= 20


def test_every_real_file_reads_the_same_through_the_slow_path(real_dir, monkeypatch):
    """On the whole-tree route, whole activities (samples, laps, summary, warnings) equal
    with the bulk path off."""
    monkeypatch.setattr(xmlscan, "scan_points", lambda *args, **kwargs: None)
    paths = real_files(real_dir)
    fast = {p.name: _outcome(p) for p in paths}
    monkeypatch.setattr(xmlpoints, "_gather", lambda *args: None)
    for path in paths:
        slow = _outcome(path)
        assert type(slow) is type(fast[path.name]), path.name
        if isinstance(slow, str):
            assert slow == fast[path.name]
            continue
        assert len(slow) == len(fast[path.name])
        for a, b in zip(slow, fast[path.name], strict=True):
            assert list(a.samples.columns) == list(b.samples.columns), path.name
            assert a.samples.dtypes.equals(b.samples.dtypes), path.name
            assert a.samples.equals(b.samples), path.name
            assert a.laps.equals(b.laps), path.name
            assert (a.summary, a.warnings) == (b.summary, b.warnings), path.name


def _outcome(path):
    reader = read_gpx if path.suffix == ".gpx" else read_tcx
    try:
        return reader(path.read_bytes(), path.name)
    except ReadError as exc:
        return str(exc)


# --- generated documents: the bulk path equals collect + numbers -----------------------------

TAGS = ["time", "ele", "hr", "HR", "gpxtpx:hr", "cad", "Cadence", "power", "note", "speed"]
TEXTS = ["", " ", "70", " 71 ", "1e3", "1_000", "1,5", "abc", "nan", "inf", "-0", "٣", "+2.5",
         "2020-05-01T10:00:00Z", "12.", ".5", "-", "NA"]


@st.composite
def documents(draw):
    """A GPX-like document: segments of points whose children and grandchildren carry
    field and other elements, sometimes blank, repeated, nested or oddly spelled."""
    segments = []
    for _ in range(draw(st.integers(1, 3))):
        points = []
        for _ in range(draw(st.integers(1, 6))):
            body = []
            for _ in range(draw(st.integers(0, 5))):
                tag = draw(st.sampled_from(TAGS))
                text = draw(st.sampled_from(TEXTS))
                element = f"<{tag}>{text}</{tag}>"
                if draw(st.booleans()):
                    element = f"<extensions>{element}</extensions>"
                body.append(element)
            points.append(f'<trkpt lat="1.5" lon="2">{"".join(body)}</trkpt>')
        if draw(st.integers(0, 9)) == 0:  # something besides points in the segment
            points.insert(draw(st.integers(0, len(points))),
                          draw(st.sampled_from(["<!-- c -->", "<hr>5</hr>", "<x><trkpt/></x>"])))
        segments.append(f"<trkseg>{''.join(points)}</trkseg>")
    if draw(st.integers(0, 9)) == 0:  # a point inside a point
        segments.append("<trkseg><trkpt><hr>1</hr><trkpt><hr>2</hr></trkpt></trkpt></trkseg>")
    return f"<gpx><trk>{''.join(segments)}</trk></gpx>"


def slow_fields(points, fields):
    n, text = xmlsafe.collect(points, fields)
    return n, {k: v for k, v in text.items() if k == "time"}, {
        k: xmlsafe.numbers(v) for k, v in text.items() if k != "time"}


@settings(max_examples=300, deadline=None)
@given(documents())
def test_bulk_path_equals_collect_on_generated_documents(document):
    parser = etree.XMLParser(recover=True, remove_blank_text=True, resolve_entities=False)
    root = etree.fromstring(document.encode(), parser)
    points = xmlsafe.find_all(root, "trkpt")
    found = xmlpoints.point_fields(points, "trkpt", GPX_FIELDS)
    n, texts, values = slow_fields(points, GPX_FIELDS)
    assert found.n == n
    assert {k: v for k, v in found.texts.items() if any(v)} == {
        k: v for k, v in texts.items() if any(v)}
    finite = {k for k, v in values.items() if np.isfinite(v).any()}
    assert {k for k, v in found.values.items() if np.isfinite(v).any()} == finite
    for key in finite:
        np.testing.assert_array_equal(found.values[key], values[key], err_msg=key)


@pytest.mark.parametrize(
    ("body", "fell_back"),
    [
        ("<trkpt><hr>1</hr></trkpt><trkpt><hr>2</hr></trkpt>", False),
        ("<trkpt><hr>1</hr></trkpt><!-- a comment --><trkpt><hr>2</hr></trkpt>", True),
        ("<trkpt><hr>1</hr></trkpt><extensions><hr>9</hr></extensions><trkpt/>", True),
        ("<trkpt><hr>1</hr><trkpt><hr>2</hr></trkpt></trkpt>", True),
    ],
)
def test_layouts_besides_plain_points_go_to_collect(body, fell_back, monkeypatch):
    root = etree.fromstring(f"<gpx><trk><trkseg>{body}</trkseg></trk></gpx>")
    points = xmlsafe.find_all(root, "trkpt")
    calls = []
    monkeypatch.setattr(xmlpoints, "collect", lambda *a: calls.append(1) or xmlsafe.collect(*a))
    found = xmlpoints.point_fields(points, "trkpt", GPX_FIELDS)
    assert bool(calls) is fell_back
    np.testing.assert_array_equal(found.values["heart_rate_bpm"], slow_fields(
        points, GPX_FIELDS)[2]["heart_rate_bpm"])


def test_first_non_blank_value_wins_and_odd_spellings_count():
    root = etree.fromstring(
        b'<gpx xmlns:x="urn:x"><trk><trkseg>'
        b"<trkpt><hr> </hr><x:HR>140</x:HR><heartrate>150</heartrate></trkpt>"
        b"<trkpt><extensions><x:Hr>141</x:Hr></extensions><hr>151</hr></trkpt>"
        b"<trkpt><hr>1_000</hr></trkpt>"
        b"</trkseg></trk></gpx>"
    )
    points = xmlsafe.find_all(root, "trkpt")
    found = xmlpoints.point_fields(points, "trkpt", GPX_FIELDS)
    np.testing.assert_array_equal(found.values["heart_rate_bpm"], [140.0, 141.0, np.nan])


def test_attribute_numbers_read_like_numbers():
    root = etree.fromstring(
        b'<r><p lat="1.25" lon="1"/><p lat=" 2 " lon="2"/><p/><p lat="x"/><p lat="1e999"/></r>'
    )
    points = list(root)
    lat, lon = xmlpoints.attribute_numbers(points, "lat", "lon")
    np.testing.assert_array_equal(lat, xmlsafe.numbers([p.get("lat") for p in points]))
    np.testing.assert_array_equal(lon, [1.0, 2.0, np.nan, np.nan, np.nan])
    clean = list(etree.fromstring(b'<r><p lat="1.25" lon="7"/><p lat="-3" lon="1e2"/></r>'))
    lat, lon = xmlpoints.attribute_numbers(clean, "lat", "lon")
    np.testing.assert_array_equal(lat, [1.25, -3.0])
    np.testing.assert_array_equal(lon, [7.0, 100.0])
