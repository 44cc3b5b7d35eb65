"""The byte scan of GPX/TCX track points (legload.readers.xml.scan) against the tree route:
whole activities, warnings and errors must be the same whichever route a document takes."""

from __future__ import annotations

import io
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legload.errors import ReadError
from legload.readers.xml import safe as xmlsafe
from legload.readers.xml import scan as xmlscan
from legload.readers.xml.gpx import POINTS as GPX
from legload.readers.xml.gpx import read_gpx
from legload.readers.xml.tcx import POINTS as TCX
from legload.readers.xml.tcx import read_tcx

from .xml_routes import READERS, SEEDS, T0, T1, assert_same, outcome, tree_read


def test_every_real_file_reads_the_same_by_both_routes(real_dir, monkeypatch):
    scanned = []
    real_scan = xmlscan.scan_points

    def counting(data, *args, **kwargs):
        found = real_scan(data, *args, **kwargs)
        if found is not None:
            scanned.append(found)
        return found

    monkeypatch.setattr(xmlscan, "scan_points", counting)
    paths = sorted(p for p in real_dir.rglob("*") if p.suffix in READERS)
    assert len(paths) >= 20
    for path in paths:
        reader, data = READERS[path.suffix], path.read_bytes()
        before = len(scanned)
        fast = outcome(reader, data, path.name)
        slow = tree_read(reader, data, path.name)
        assert_same(fast, slow, path.name)
        if path.parent.name != "broken" and not isinstance(fast, str):
            assert len(scanned) == before + 1, f"{path.name} was not scanned"
    assert len(scanned) >= 20


@pytest.mark.parametrize(
    ("inside", "scans"),
    [
        ("<time>2020-05-01T10:00:01Z</time><ele>1</ele>", True),
        ("<time>2020-05-01T10:00:01Z</time><!-- a comment --><ele>1</ele>", False),
        ("<time>2020-05-01T10:00:01Z</time><ele><![CDATA[1]]></ele>", False),
        ("<time>2020-05-01T10:00:01Z</time><ele>&#49;</ele>", False),
        ("<time>2020-05-01T10:00:01Z</time><ele>1 &gt; 0</ele>", False),
        ("<time>2020-05-01T10:00:01Z</time><ele>1 > 0</ele>", False),
        ("<time>2020-05-01T10:00:01Z</time><trkpt lat='1' lon='2'/>", False),
    ],
)
def test_what_the_scan_hands_to_the_tree(inside, scans):
    data = (
        '<?xml version="1.0" encoding="UTF-8"?><gpx><trk><trkseg>'
        f'<trkpt lat="1" lon="2"><time>2020-05-01T10:00:00Z</time></trkpt>'
        f'<trkpt lat="1.1" lon="2">{inside}</trkpt>'
        "</trkseg></trk></gpx>"
    ).encode()
    assert (xmlscan.scan_points(data, GPX) is not None) is scans
    assert_same(outcome(read_gpx, data), tree_read(read_gpx, data), inside)


@pytest.mark.parametrize(
    ("outside", "scans"),
    [
        ("<!-- a comment -->", True),
        ("<name><![CDATA[Run 1]]></name>", True),
        ("<name><![CDATA[Run <1>]]></name>", False),  # brackets in markup: the tree decides
        ("<?pi data?>", True),
        ("<desc>" + "x" * 1_100_000 + "</desc>", False),  # near libxml2's text limit
        ("<e>" * 130 + "</e>" * 130, False),  # near libxml2's depth limit
    ],
)
def test_what_lies_outside_the_points(outside, scans):
    data = (
        f'<?xml version="1.0" encoding="UTF-8"?><gpx><trk>{outside}<trkseg>'
        '<trkpt lat="1" lon="2"><time>2020-05-01T10:00:00Z</time><ele>1</ele></trkpt>'
        '<trkpt lat="1.1" lon="2"><time>2020-05-01T10:00:01Z</time><ele>2</ele></trkpt>'
        "</trkseg></trk></gpx>"
    ).encode()
    assert (xmlscan.scan_points(data, GPX) is not None) is scans
    assert_same(outcome(read_gpx, data), tree_read(read_gpx, data), outside[:40])


def test_a_document_libxml2_refuses_takes_the_tree_route_and_its_salvage():
    data = (
        b'<gpx version="1.1"><trk><trkseg>'
        b'<trkpt lat="1" lon="2"><time>2020-05-01T10:00:00Z</time><x:hr>120</x:hr></trkpt>'
        b'<trkpt lat="1" lon="2.001"><time>2020-05-01T10:00:01Z</time><x:hr>121</x:hr></trkpt>'
        b"</trkseg></trk></gpx>"
    )
    assert xmlscan.scan_points(data, GPX) is None
    fast = outcome(read_gpx, data)
    assert not isinstance(fast, str)
    assert "recovering parse" in fast[0].warnings[0]
    assert_same(fast, tree_read(read_gpx, data), "undeclared prefix")


def test_the_skeleton_keeps_everything_but_the_points_content_one_element_a_run():
    data = (
        b'<?xml version="1.0"?><gpx><metadata><name>N</name></metadata><trk><name>T</name>'
        b'<trkseg><trkpt lat="1" lon="2"><ele>5</ele><time>2020-05-01T10:00:00Z</time></trkpt>'
        b'<trkpt lat="3" lon="4"/></trkseg></trk></gpx>'
    )
    scan = xmlscan.scan_points(data, GPX)
    assert scan is not None
    assert scan.skeleton == (
        b'<?xml version="1.0"?><gpx><metadata><name>N</name></metadata><trk><name>T</name>'
        b'<trkseg><trkpt lat="1" lon="2">0 2</trkpt></trkseg></trk></gpx>'
    )
    np.testing.assert_array_equal(scan.fields.values["lat_deg"], [1.0, 3.0])
    np.testing.assert_array_equal(scan.fields.values["altitude_m"], [5.0, np.nan])


def test_each_part_of_a_document_gets_the_fields_of_its_own_points():
    data = (
        b'<T xmlns:x="urn:x"><Lap><Track>\n <x:Trackpoint a="1"><Time>t1</Time></x:Trackpoint>\n'
        b" <x:Trackpoint><Time>t2</Time></x:Trackpoint>\n</Track></Lap>"
        b"<Lap><Track><Trackpoint/><Trackpoint><Time>t3</Time></Trackpoint>"
        b"<Other/><Trackpoint><Time>t4</Time><Value>7</Value></Trackpoint></Track></Lap></T>"
    )
    scan = xmlscan.scan_points(data, TCX)
    assert scan is not None
    assert b"<x:Trackpoint a=\"1\">0 2</x:Trackpoint>" in scan.skeleton
    assert b"<Trackpoint>2 2</Trackpoint><Other/><Trackpoint>4 1</Trackpoint>" in scan.skeleton
    root = xmlsafe.parse(scan.skeleton, "doc")
    laps = xmlsafe.find_all(root, "Lap")
    first = scan.fields_of(xmlsafe.find_all(laps[0], "Trackpoint"))
    second = scan.fields_of(xmlsafe.find_all(laps[1], "Trackpoint"))
    assert (first.n, second.n) == (2, 3)
    assert first.unread == {0: "t1", 1: "t2"} and second.unread == {1: "t3", 2: "t4"}
    assert first.written.tolist() == [True, True] and second.written.tolist() == [False, True, True]
    assert np.isnan(first.values["heart_rate_bpm"]).all()
    np.testing.assert_array_equal(second.values["heart_rate_bpm"], [np.nan, np.nan, 7.0])


# --- generated documents -------------------------------------------------------------------

TEXTS = ["", " ", "70", " 71 ", "1e3", "1_000", "abc", "nan", "-0", "٣", "+2.5", "12.", ".5",
         "140.25", "\r\n 88\r\n"]
TIMES = ["2020-05-01T10:00:{s:02d}Z", "2020-05-01T10:00:{s:02d}.250Z", " 2020-05-01T12:00:{s:02d}+02:00 ",
         "2020-05-01T10:00:{s:02d}", "2020-05-01 10:00:{s:02d}Z", "yesterday", ""]
GPX_TAGS = ["ele", "hr", "HR", "gpxtpx:hr", "cad", "gpxdata:cadence", "power", "note", "speed", "atemp"]
ODD = ["<!-- c -->", "<x>&amp;</x>", "<?pi x?>", "<![CDATA[<hr>9</hr>]]>", '<y a="&gt;"/>',
       '<y a=">"/>', "<hr>5</hr>"]


@st.composite
def gpx_documents(draw):
    """GPX documents with points whose children carry fields, blanks, repeats, prefixes,
    self-closing elements, odd times and, now and then, something the scan hands back."""
    tracks = []
    second = 0
    for _ in range(draw(st.integers(1, 3))):
        segments = []
        for _ in range(draw(st.integers(1, 2))):
            points = []
            for _ in range(draw(st.integers(1, 5))):
                second += 1
                body = []
                if draw(st.integers(0, 5)):
                    body.append(f"<time>{draw(st.sampled_from(TIMES)).format(s=second % 60)}</time>")
                for _ in range(draw(st.integers(0, 4))):
                    tag = draw(st.sampled_from(GPX_TAGS))
                    text = draw(st.sampled_from(TEXTS))
                    element = f"<{tag}/>" if draw(st.integers(0, 9)) == 0 else f"<{tag}>{text}</{tag}>"
                    if draw(st.booleans()):
                        element = f"<extensions><gpxtpx:TrackPointExtension>{element}" \
                                  "</gpxtpx:TrackPointExtension></extensions>"
                    body.insert(draw(st.integers(0, len(body))), element)
                lat = draw(st.sampled_from(["51.5", "51.50001", "x", "91"]))
                points.append(f'<trkpt lat="{lat}" lon="-0.12">{"".join(body)}</trkpt>')
            if draw(st.integers(0, 7)) == 0:
                points.insert(draw(st.integers(0, len(points))), draw(st.sampled_from(ODD)))
            segments.append(f"<trkseg>{''.join(points)}</trkseg>")
        kind = draw(st.sampled_from(["", "<type>running</type>", "<type>9</type>"]))
        tracks.append(f"<trk><name>Morning Run</name>{kind}{''.join(segments)}</trk>")
    head = draw(st.sampled_from(['<?xml version="1.0" encoding="UTF-8"?>', "",
                                 "<?xml version='1.0' encoding='ISO-8859-1'?>"]))
    return (f'{head}<gpx xmlns="http://www.topografix.com/GPX/1/1" '
            'xmlns:gpxtpx="urn:tpx" xmlns:gpxdata="urn:data" creator="test">'
            f"{''.join(tracks)}</gpx>").encode()


@settings(max_examples=250, deadline=None)
@given(gpx_documents())
def test_generated_gpx_reads_the_same_by_both_routes(document):
    assert_same(outcome(read_gpx, document), tree_read(read_gpx, document), document.decode())


TCX_CHILDREN = [
    "<DistanceMeters>{d}</DistanceMeters>",
    "<AltitudeMeters> 12.5 </AltitudeMeters>",
    "<HeartRateBpm><Value>{h}</Value></HeartRateBpm>",
    "<Position><LatitudeDegrees>51.5</LatitudeDegrees><LongitudeDegrees>-0.1{h}</LongitudeDegrees>"
    "</Position>",
    "<Cadence>{h}</Cadence>",
    "<Extensions><ns3:TPX><ns3:Speed>3.{h}</ns3:Speed><ns3:RunCadence>8{h}</ns3:RunCadence>"
    "</ns3:TPX></Extensions>",
    "<Extensions><ns3:TPX><ns3:Watts>2{h}</ns3:Watts></ns3:TPX></Extensions>",
]


@st.composite
def tcx_documents(draw):
    activities = []
    second = 0
    for _ in range(draw(st.integers(1, 2))):
        sport = draw(st.sampled_from(["Running", "Biking", "Other"]))
        laps = []
        for _ in range(draw(st.integers(1, 3))):
            points = []
            for _ in range(draw(st.integers(1, 4))):
                second += 1
                body = [f"<Time>{draw(st.sampled_from(TIMES)).format(s=second % 60)}</Time>"]
                for child in draw(st.lists(st.sampled_from(TCX_CHILDREN), max_size=4)):
                    body.append(child.format(d=second * 3, h=draw(st.integers(0, 9))))
                points.append(f"<Trackpoint>{''.join(body)}</Trackpoint>")
            if draw(st.integers(0, 7)) == 0:
                points.insert(draw(st.integers(0, len(points))), draw(st.sampled_from(ODD)))
            laps.append(
                f'<Lap StartTime="2020-05-01T10:00:{second % 60:02d}Z">'
                f"<TotalTimeSeconds>{draw(st.sampled_from(['60', '', 'x']))}</TotalTimeSeconds>"
                f"<DistanceMeters>100.5</DistanceMeters><Intensity>Active</Intensity>"
                f"<TriggerMethod>Manual</TriggerMethod><Track>{''.join(points)}</Track></Lap>"
            )
        activities.append(f'<Activity Sport="{sport}"><Id>2020-05-01T10:00:00Z</Id>{"".join(laps)}'
                          "<Creator><Name>Forerunner</Name></Creator></Activity>")
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/'
            'TrainingCenterDatabase/v2" xmlns:ns3="http://www.garmin.com/xmlschemas/'
            f'ActivityExtension/v2"><Activities>{"".join(activities)}</Activities>'
            "</TrainingCenterDatabase>").encode()


@settings(max_examples=200, deadline=None)
@given(tcx_documents())
def test_generated_tcx_reads_the_same_by_both_routes(document):
    assert_same(outcome(read_tcx, document), tree_read(read_tcx, document), document.decode())


# --- documents that once read differently by the two routes, or crashed both ----------------

DIFFERED = {
    "CR LF in an unreadable time": (
        read_gpx, '<gpx><trk><trkseg><trkpt lat="1" lon="2"><time>x\r\ny</time></trkpt>'
        "</trkseg></trk></gpx>"),
    "lone CR in an unreadable TCX time": (
        read_tcx, "<TrainingCenterDatabase><Activities><Activity><Lap><Track><Trackpoint>"
        "<Time>x\ry</Time></Trackpoint></Track></Lap></Activity></Activities></TrainingCenterDatabase>"),
    "a track inside a point": (
        read_gpx, f'<gpx><trk><trkseg><trkpt lat="1" lon="2"><time>{T1}</time><extensions><trk/>'
        "</extensions></trkpt></trkseg></trk></gpx>"),
    "a track inside a point, no other track": (
        read_gpx, f'<gpx><trkseg><trkpt lat="1" lon="2"><time>{T1}</time><extensions><trk/>'
        "</extensions></trkpt></trkseg></gpx>"),
    "a route point inside a point": (
        read_gpx, f'<gpx><trk><trkseg><trkpt lat="1" lon="2"><time>{T1}</time><rtept/></trkpt>'
        "</trkseg></trk></gpx>"),
    "an activity inside a point": (
        read_tcx, f"<Activity><Trackpoint><Activity/><Time>{T0}</Time></Trackpoint></Activity>"),
    "an activity inside a point, no other activity": (
        read_tcx, f"<x><Trackpoint><Activity><Lap/></Activity><Time>{T0}</Time></Trackpoint></x>"),
    "an xml:id libxml2 refuses in a tree only": (
        read_gpx, f'<gpx><trk><trkseg><trkpt lat="1" lon="2"><time>{T0}</time><desc xml:id="1"/>'
        "</trkpt></trkseg></trk></gpx>"),
    "a repeated xml:id on merged points": (
        read_tcx, f'<Activity><Lap><Track><Trackpoint xml:id="a"><Time>{T0}</Time></Trackpoint>'
        f'<Trackpoint xml:id="a"><Time>{T1}</Time></Trackpoint></Track></Lap></Activity>'),
    "a year outside the nanosecond range": (
        read_gpx, '<gpx><trk><trkseg><trkpt lat="1" lon="2"><time>2500-04-12T00:00:00Z</time>'
        f'</trkpt><trkpt lat="1" lon="2"><time>{T0}</time></trkpt></trkseg></trk></gpx>'),
    "a lap starting outside the nanosecond range": (
        read_tcx, '<Activity><Lap StartTime="2500-01-01T00:00:00Z"><Track><Trackpoint>'
        f"<Time>{T0}</Time></Trackpoint></Track></Lap></Activity>"),
    "latitudes without longitudes, no sport named": (
        read_gpx, f'<gpx><trk><trkseg><trkpt lat="1"><time>{T0}</time></trkpt><trkpt lat="1">'
        f"<time>{T1}</time></trkpt></trkseg></trk></gpx>"),
    "TCX latitudes without longitudes": (
        read_tcx, f'<Activity Sport="Other"><Lap><Track><Trackpoint><Time>{T0}</Time><Position>'
        "<LatitudeDegrees>1</LatitudeDegrees></Position></Trackpoint><Trackpoint>"
        f"<Time>{T1}</Time></Trackpoint></Track></Lap></Activity>"),
}


@pytest.mark.parametrize("label", sorted(DIFFERED))
def test_documents_that_once_differed_read_the_same_by_both_routes(label):
    reader, document = DIFFERED[label]
    data = document.encode()
    assert_same(outcome(reader, data), tree_read(reader, data), label)


@pytest.mark.parametrize(("texts", "label"), [(("-0", "1"), "integers"), (("-0", "1.5"), "floats")])
def test_a_negative_zero_is_zero_on_both_routes(texts, label):
    points = "".join(f'<trkpt lat="1" lon="2"><time>2020-05-01T10:00:0{i}Z</time><ele>{t}</ele></trkpt>'
                     for i, t in enumerate(texts))
    data = f"<gpx><trk><trkseg>{points}</trkseg></trk></gpx>".encode()
    for read in (outcome(read_gpx, data), tree_read(read_gpx, data)):
        altitude = read[0].samples["altitude_m"].to_numpy()
        assert altitude[0] == 0.0 and not np.signbit(altitude[0]), label


def test_millions_of_nested_elements_in_a_point_are_refused_quickly():
    data = (b'<gpx><trk><trkseg><trkpt lat="1" lon="2"><time>2020-05-01T10:00:00Z</time>'
            + b"<a>" * 4_000_000 + b"</a>" * 4_000_000 + b"</trkpt></trkseg></trk></gpx>")
    started = time.perf_counter()
    with pytest.raises(ReadError, match="safety limits"):
        read_gpx(data, "deep.gpx")
    assert time.perf_counter() - started < 20  # generous: the scan gives up at its bracket bound


# --- damaged documents --------------------------------------------------------------------------

MARKUP = st.sampled_from([b"<", b">", b"/", b"</", b"/>", b"<a>", b"</a>", b"<trkpt>", b"<Trackpoint>",
                          b"</Trackpoint>", b"&", b'"', b"=", b" ", b"\0", b"\xff", b"<!--", b"-->",
                          b"xml:id", b"<x:"])


@st.composite
def damaged(draw) -> bytes:
    """A seed document with a few bytes replaced, inserted or removed: mostly not
    well-formed, often still scannable."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.integers(0, 2))
        if kind == 0:
            data[at:at] = draw(MARKUP)
        elif kind == 1:
            del data[at : at + draw(st.integers(1, 8))]
        else:
            data[at : at + 1] = draw(st.binary(min_size=1, max_size=2))
    return bytes(data)


@settings(max_examples=400, deadline=None)
@given(damaged())
def test_the_scan_takes_any_bytes_and_a_damaged_document_reads_as_the_tree_reads_it(data):
    for names in (GPX, TCX):
        found = xmlscan.scan_points(data, names)
        assert found is None or isinstance(found, xmlscan.PointScan)
    for reader in (read_gpx, read_tcx):
        assert_same(outcome(reader, data), tree_read(reader, data), repr(data[:60]))


def test_a_file_read_a_piece_at_a_time_reads_as_its_bytes(real_dir, tmp_path, monkeypatch):
    """An import reads a GPX or TCX file on disk a piece at a time (read_stream, once
    sniffed) and any other whole: either gives what read_content gives of its bytes, by
    either XML route (the tree route reads the file again from its start), for gzip and FIT
    too, with the content's hash; a file whose hash is not the one expected is refused."""
    import gzip
    import io

    from legload import import_pool
    from legload.readers.detect import content_sha256, read_content, read_stream, unwrap

    monkeypatch.setattr(xmlscan, "_PIECE", 64 << 10)  # several pieces per file
    streamed: list[str] = []
    monkeypatch.setattr(import_pool, "read_stream", lambda *a, **k: streamed.append(a[2])
                        or read_stream(*a, **k))
    paths = sorted(p for p in real_dir.rglob("*") if p.suffix in {**READERS, ".fit": 0}
                   and p.stat().st_size > 100_000)[::3]
    assert any(p.parent.name == "broken" for p in paths) and any(p.suffix == ".fit" for p in paths)
    copy = tmp_path / "file"

    def from_disk(data: bytes, source: str) -> list:
        job = import_pool.ReadJob(b"", source, content_sha256(unwrap(data, source)),
                                  path=str(copy), size=len(data))
        return [a.to_activity() for a in import_pool._read(job, import_pool.ReadResult(source,
                                                                                        ""))]

    for path in paths:
        data = path.read_bytes()
        for content in (data, gzip.compress(data)) if path.suffix == ".tcx" else (data,):
            copy.write_bytes(content)
            whole = outcome(lambda d, s: [a.to_activity() for a in read_content(d, s)], content)
            read = outcome(from_disk, content)
            assert_same(read, whole, path.name)
            if not isinstance(whole, str):
                assert [a.sha256 for a in read] == [a.sha256 for a in whole], path.name
    assert set(streamed) == {"gpx", "tcx"}
    with pytest.raises(ReadError, match="changed while"):
        read_stream(io.BytesIO(SEEDS[0]), "doc", "gpx", sha256="0" * 64)
    with pytest.raises(ValueError, match="not 'fit'"):
        read_stream(io.BytesIO(SEEDS[0]), "doc", "fit")


@pytest.mark.parametrize("piece", [150, 200, 260, 333])
def test_pieces_ending_with_a_long_start_tag_read_as_the_tree_reads_them(monkeypatch, piece):
    """Pieces cut just after a start tag whose name is read 32 bytes at a time (the piece is
    padded then) give what the tree gives."""
    monkeypatch.setattr(xmlscan, "_PIECE", piece)
    openers = ['<trkseg k="0" x="y">', "<trkseg>"]  # keyed by name (over 16 bytes), by bytes
    segments = "".join(
        f'{openers[k % 2]}<trkpt lat="1.{k}" lon="2"><time>2020-05-01T10:00:0{k}Z</time>'
        f'<gpxtpx:TrackPointExtension k="{k}"/><ele>{k}</ele></trkpt></trkseg>' for k in range(6))
    data = f'<gpx xmlns:gpxtpx="urn:x"><trk>{segments}</trk></gpx>'.encode()
    scanned = xmlscan.scan_points(io.BytesIO(data), GPX)
    assert scanned is not None and scanned.fields.n == 6
    assert_same(outcome(read_gpx, data), tree_read(read_gpx, data), str(piece))
