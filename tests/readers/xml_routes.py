"""The two routes of the GPX/TCX readers, for their tests: a read as the readers do it (the
byte scan where a document allows), a read by the whole tree, and how to compare them."""

from __future__ import annotations

import pytest

from legload.errors import ReadError
from legload.readers.xml import scan as xmlscan
from legload.readers.xml.gpx import read_gpx
from legload.readers.xml.tcx import read_tcx

READERS = {".gpx": read_gpx, ".tcx": read_tcx}


def outcome(reader, data: bytes, name: str = "doc"):
    try:
        return reader(data, name)
    except ReadError as exc:
        return str(exc)


def assert_same(a, b, label: str) -> None:
    assert type(a) is type(b), (label, a if isinstance(a, str) else b)
    if isinstance(a, str):
        assert a == b, label
        return
    assert len(a) == len(b), label
    for x, y in zip(a, b, strict=True):
        assert list(x.samples.columns) == list(y.samples.columns), label
        assert x.samples.dtypes.equals(y.samples.dtypes), label
        assert x.samples.equals(y.samples), label
        assert x.laps.dtypes.equals(y.laps.dtypes), label
        assert x.laps.equals(y.laps), label
        assert (x.summary, x.warnings, x.index) == (y.summary, y.warnings, y.index), label


def tree_read(reader, data: bytes, name: str = "doc"):
    """Read with the scan turned off: every document takes the whole-tree route."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(xmlscan, "scan_points", lambda *args, **kwargs: None)
        return outcome(reader, data, name)


T0, T1 = "2020-05-01T10:00:00Z", "2020-05-01T10:00:01Z"
SEEDS = [
    ('<?xml version="1.0" encoding="UTF-8"?><gpx xmlns:x="urn:x"><trk><name>Run</name><trkseg>'
     f'<trkpt lat="1" lon="2"><ele>1.5</ele><time>{T0}</time><extensions><x:hr>120</x:hr>'
     f'</extensions></trkpt><trkpt lat="1.1" lon="2"><ele>2</ele><time>{T1}</time></trkpt>'
     "</trkseg></trk></gpx>").encode(),
    ('<?xml version="1.0"?><TrainingCenterDatabase><Activities><Activity Sport="Running">'
     f'<Lap StartTime="{T0}"><TotalTimeSeconds>1</TotalTimeSeconds><Track><Trackpoint>'
     f"<Time>{T0}</Time><HeartRateBpm><Value>120</Value></HeartRateBpm></Trackpoint>"
     f"<Trackpoint><Time>{T1}</Time><DistanceMeters>3.5</DistanceMeters></Trackpoint>"
     "</Track></Lap></Activity></Activities></TrainingCenterDatabase>").encode(),
]
