"""Hostile XML is refused with a ReadError, in bounded time and memory: entity-expansion bombs,
external entities and DTDs, nesting and text beyond libxml2's limits, garbage. Nothing from
the local file system ever reaches the output."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legload.errors import ReadError
from legload.readers.xml import safe as xmlsafe
from legload.readers.xml.gpx import read_gpx
from legload.readers.xml.tcx import read_tcx

_TRKPT = '<trkpt lat="1" lon="2"><time>2020-05-01T10:00:00Z</time><name>{body}</name></trkpt>'
_TRACKPOINT = "<Trackpoint><Time>2020-05-01T10:00:00Z</Time><Notes>{body}</Notes></Trackpoint>"


def gpx(doctype: str = "", body: str = "") -> bytes:
    return (
        f'<?xml version="1.0"?>{doctype}<gpx version="1.1"><trk><trkseg>'
        f"{_TRKPT.format(body=body)}</trkseg></trk></gpx>"
    ).encode()


def tcx(doctype: str = "", body: str = "") -> bytes:
    return (
        f'<?xml version="1.0"?>{doctype}<TrainingCenterDatabase><Activities>'
        f'<Activity Sport="Running"><Lap StartTime="2020-05-01T10:00:00Z"><Track>'
        f"{_TRACKPOINT.format(body=body)}</Track></Lap></Activity></Activities>"
        "</TrainingCenterDatabase>"
    ).encode()


def billion_laughs(root: str) -> str:
    levels = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    return f"<!DOCTYPE {root} [{''.join(levels)}]>"


READERS = [(read_gpx, gpx, "gpx"), (read_tcx, tcx, "TrainingCenterDatabase")]
HOSTILE = {
    "billion_laughs": lambda root: (billion_laughs(root), "&lol9;"),
    "external_entity": lambda root: (
        f'<!DOCTYPE {root} [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        "&x;",
    ),
    "parameter_entity": lambda root: (
        f'<!DOCTYPE {root} [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>',
        "",
    ),
    "external_dtd": lambda root: (f'<!DOCTYPE {root} SYSTEM "file:///etc/passwd">', ""),
    "network_dtd": lambda root: (
        f'<!DOCTYPE {root} PUBLIC "-//x//y" "http://127.0.0.1:9/x.dtd">',
        "",
    ),
}


def passwd_lines() -> list[str]:
    try:
        with open("/etc/passwd") as handle:
            return [line.strip() for line in handle if line.strip()]
    except OSError:
        return ["root:x:0:0"]


@pytest.mark.parametrize("kind", sorted(HOSTILE))
@pytest.mark.parametrize(("reader", "build", "root"), READERS, ids=["gpx", "tcx"])
def test_entities_and_external_dtds_are_refused(kind, reader, build, root):
    doctype, body = HOSTILE[kind](root)
    with pytest.raises(ReadError, match="refused") as caught:
        reader(build(doctype, body), "hostile.xml")
    message = str(caught.value)
    assert message.startswith("hostile.xml: ")
    assert not any(line in message for line in passwd_lines())


@pytest.mark.parametrize(("reader", "build", "root"), READERS, ids=["gpx", "tcx"])
def test_utf16_external_entity_is_refused(reader, build, root):
    doctype, body = HOSTILE["external_entity"](root)
    declaration = '<?xml version="1.0" encoding="UTF-16"?>'
    text = build(doctype, body).decode().replace('<?xml version="1.0"?>', declaration)
    with pytest.raises(ReadError, match="entity declarations are refused"):
        reader(text.encode("utf-16"), "utf16.xml")


@pytest.mark.parametrize(("reader", "build", "root"), READERS, ids=["gpx", "tcx"])
def test_a_plain_doctype_without_declarations_is_accepted(reader, build, root):
    activity = reader(build(f"<!DOCTYPE {root}>"), "plain.xml")[0]
    assert len(activity.samples) == 1


def test_deep_nesting_is_refused():
    point = _TRKPT.format(body="").encode()
    data = (
        b"<gpx><trk><trkseg>"
        + point
        + b"<a>" * 1_000_000
        + b"</a>" * 1_000_000
        + b"</trkseg></trk></gpx>"
    )
    with pytest.raises(ReadError, match="safety limits"):
        read_gpx(data, "deep.gpx")


@pytest.mark.parametrize(("reader", "build", "root"), READERS, ids=["gpx", "tcx"])
def test_a_20_mb_text_node_is_refused(reader, build, root):
    with pytest.raises(ReadError, match="safety limits"):
        reader(build(body="x" * (20 * 2**20)), "huge.xml")  # the point before it is not kept


@pytest.mark.parametrize(
    "data", [b"", b"   \n", b"\xef\xbb\xbf", b"\x00\x01garbage", b"<gpx", b"<<<>>>"]
)
def test_empty_and_garbage_are_refused(data):
    with pytest.raises(ReadError):
        read_gpx(data, "junk.gpx")
    with pytest.raises(ReadError):
        read_tcx(data, "junk.tcx")


def test_parser_settings_are_the_safe_ones():
    root = xmlsafe.parse(gpx(body="&amp;"), "ok.gpx")
    assert xmlsafe.local_name(root.tag) == "gpx"
    assert xmlsafe.find_all(root, "name")[0].text == "&"


_SEED = gpx(body="hello")


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_mutated_documents_never_raise_anything_but_read_error(data):
    raw = bytearray(_SEED if data.draw(st.booleans()) else tcx(body="hello"))
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(raw) - 1))
        action = data.draw(st.sampled_from(["flip", "cut", "insert"]))
        if action == "flip":
            raw[position] = data.draw(st.integers(0, 255))
        elif action == "cut":
            del raw[position : position + data.draw(st.integers(1, 40))]
        else:
            raw[position:position] = data.draw(
                st.sampled_from(
                    [
                        b"<",
                        b">",
                        b"&",
                        b"<!ENTITY a 'b'>",
                        b"<!DOCTYPE x>",
                        b"\xff\xfe",
                        b"]]>",
                        b"<time>",
                    ]
                )
            )
        if not raw:
            raw = bytearray(b"<")
    for reader in (read_gpx, read_tcx):
        try:
            activities = reader(bytes(raw), "fuzz.xml")
        except ReadError as exc:
            assert str(exc).startswith("fuzz.xml: ")
        else:
            assert all(len(a.samples) > 0 for a in activities)
