"""Tags found in the bytes (legload.readers.xml.tags) against lxml's reading of the same
documents: every start tag's qualified name, in document order."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from legload.readers.xml import tags as xmltags
from legload.readers.xml.tags import tags

#: name characters, the delimiters' neighbours included ("-", ".", ":" sit next to "/" and ">")
NAME_START = "abcxyzABCXYZ_"
NAME_REST = NAME_START + "0123456789-."


@st.composite
def names(draw, longest: int = 31):
    size = draw(st.integers(1, longest))
    first = draw(st.sampled_from(NAME_START))
    rest = draw(st.text(alphabet=NAME_REST, min_size=size - 1, max_size=size - 1))
    prefix = draw(st.sampled_from(["", "", "p:", "pp:"]))
    return (prefix + first + rest)[:longest]


@st.composite
def documents(draw):
    pool = draw(st.lists(names(), min_size=1, max_size=6))
    pool += [p[:-1] + ("a" if p[-1] != "a" else "b") for p in pool]  # names one byte apart

    def element(depth: int) -> str:
        name = draw(st.sampled_from(pool))
        space = draw(st.sampled_from(["", " ", "\n\t", ' x="1"']))
        if depth > 3 or draw(st.integers(0, 3)) == 0:
            return f"<{name}{space}/>" if draw(st.booleans()) else f"<{name}{space}>7</{name}>"
        children = "".join(element(depth + 1) for _ in range(draw(st.integers(0, 3))))
        return f"<{name}{space}>{children}</{name}>"

    return f'<root xmlns:p="urn:p" xmlns:pp="urn:pp">{element(0)}</root>'.encode()


def lxml_names(data: bytes) -> list[str]:
    root = etree.fromstring(data)
    out = []
    for element in root.iter(etree.Element):
        qname = etree.QName(element)
        prefix = element.prefix
        out.append(f"{prefix}:{qname.localname}" if prefix else qname.localname)
    return out


@settings(max_examples=300, deadline=None)
@given(documents())
def test_names_equal_lxml(document):
    found = tags(document)
    assert found is not None
    read = [found.names[i].decode() for i in found.inverse]
    assert read == lxml_names(document)


def test_every_name_length_up_to_31_bytes_reads_and_longer_gives_up():
    for size in range(1, 32):
        name = "n" * size
        document = f"<r><{name}/><{name} a='1'>x</{name}><{name}>y</{name}></r>".encode()
        found = tags(document)
        assert found is not None, size
        assert [found.names[i].decode() for i in found.inverse] == ["r", name, name, name]
    assert tags(b"<r><" + b"n" * 32 + b"/></r>") is None


@pytest.mark.parametrize(
    ("document", "readable"),
    [
        (b'<?xml version="1.0"?><r><a>1</a></r>', True),
        (b"<r><!-- <a> --><a>1</a></r>", True),
        (b"<r><a><![CDATA[<b>]]></a></r>", True),
        (b'<!DOCTYPE r><r><a>1</a></r>', False),
        (b'<r a="1>2"><a>1</a></r>', False),
        (b"<r><a>1 > 0</a></r>", False),
    ],
)
def test_what_gives_up(document, readable):
    assert (tags(document) is not None) is readable


def test_a_name_at_the_very_end_reads():
    found = tags(b"<r>" + b"x" * 40 + b"<ab/></r>")
    assert found is not None
    assert [found.names[i] for i in found.inverse] == [b"r", b"ab"]


def test_names_with_one_hash_in_different_blocks_stay_apart(monkeypatch):
    """With a hash that is the last word alone, every name under 25 bytes collides; one tag
    per block, each name keeps its own spelling (and within a block a collision gives up)."""
    monkeypatch.setattr(xmltags, "_MIX", np.uint64(0))
    long_names = [f"{stem}_{'x' * 16}" for stem in ("alpha", "beta", "gamma")]  # over 16 bytes
    document = ("<r>" + "".join(f"<{n}/>" for n in long_names * 2) + "</r>").encode()
    monkeypatch.setattr(xmltags, "_BLOCK", 1)
    found = tags(document)
    assert found is not None
    assert [found.names[i].decode() for i in found.inverse] == ["r", *long_names * 2]
    assert len(found.names) == 4
    monkeypatch.setattr(xmltags, "_BLOCK", 15000)
    assert tags(document) is None
