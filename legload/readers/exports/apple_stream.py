"""Apple Health ``export.xml`` as a stream of the elements legload keeps, in constant memory.

An export is 0.2-4 GB, about 90 % of it heart-rate, step and other sample records legload
does not use. The bytes pass through :class:`RecordFilter` before libxml2 sees them:

* the internal ``<!DOCTYPE HealthData [...]>`` subset is cut out (it only declares
  attributes; iOS 16 writes a malformed ``VisionPrescription`` ATTLIST into it). A subset
  that declares an entity, or an external DTD, refuses the file, as for GPX and TCX;
* whole ``<Record type="...">`` elements of an unused type are dropped by one regular
  expression, runs of them at a time, without being parsed. What it does not match passes
  on to the parser, which reads it and skips it by type;
* stray control characters (iOS 16 writes some into attribute values) become spaces.

The rest goes to lxml's pull parser with the safe settings of
:mod:`legload.readers.xml.safe` (no entities resolved, no DTD loaded, no network); each
top-level element is handed over once complete, then cleared.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from lxml import etree

from legload.errors import ReadError

#: the sample types read (weigh-ins and food); every other record is dropped unparsed
KEPT_RECORDS = frozenset(
    b"HKQuantityTypeIdentifier" + name for name in (
        b"BodyMass", b"BodyFatPercentage", b"LeanBodyMass", b"DietaryEnergyConsumed",
        b"DietaryProtein", b"DietaryCarbohydrates", b"DietaryFatTotal"))
#: top-level elements handed over
KEPT_ELEMENTS = frozenset({"Record", "Workout"})
CHUNK_BYTES = 1 << 20
#: how far into the file the root element must start (after the DOCTYPE subset)
MAX_HEAD_BYTES = 4 << 20
_KEPT_TYPES = b"|".join(re.escape(kind) for kind in sorted(KEPT_RECORDS))
#: runs of whole records of an unused type: an empty element (``.../>``), or one whose
#: content is only elements (``<MetadataEntry .../>``, ``<HeartRateVariabilityMetadataList>``
#: ...) up to its ``</Record>``. A record this does not match (text inside, a ``>`` inside
#: an attribute value, a first attribute other than ``type``) is left to the parser.
_UNUSED_RECORDS = re.compile(
    rb'(?:<Record type="(?!(?:' + _KEPT_TYPES + rb')")[^"]*"[^>]*'
    rb"(?:(?<=/)>|(?<!/)>(?:\s*<(?!/Record>)[^>]*>)*\s*</Record>)\s*)+")
_CONTROL = bytes.maketrans(bytes([*range(9), 11, 12, *range(14, 32)]), b" " * 29)
_RECORD = b"<Record "
_ROOT = re.compile(rb"<HealthData[\s>]")
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


def is_apple_health(head: bytes) -> bool:
    """True when the first bytes of an XML file are those of an Apple Health export."""
    head = head[:MAX_HEAD_BYTES]
    return bool(re.search(rb"<!DOCTYPE\s+HealthData\b", head) or _ROOT.search(head))


class RecordFilter:
    """Bytes of ``export.xml`` in, the same document without unused records out."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._head: bytes | None = b""
        self._carry = b""

    def feed(self, chunk: bytes) -> bytes:
        """The filtered bytes that can be passed on after ``chunk``."""
        if self._head is not None:
            self._head += chunk
            found = _ROOT.search(self._head)
            if found is None:
                if len(self._head) > MAX_HEAD_BYTES:
                    raise ReadError(self.source, "not an Apple Health export (no <HealthData> "
                                    f"in the first {MAX_HEAD_BYTES >> 20} MB)")
                return b""
            chunk = _without_doctype(self._head[:found.start()], self.source) + \
                self._head[found.start():]
            self._head = None
        buffer = self._carry + chunk
        cut = buffer.rfind(_RECORD)
        if cut < 0:  # no record begins: keep what may be the start of "<Record "
            cut = max(len(buffer) - len(_RECORD) + 1, 0)
        elif cut == 0 and len(buffer) > CHUNK_BYTES:  # one long stretch after a record
            cut = len(buffer)
        self._carry = buffer[cut:]
        return self._drop(buffer[:cut])

    def close(self) -> bytes:
        """The last filtered bytes (the record carried over, complete by now)."""
        if self._head is not None:
            raise ReadError(self.source, "not an Apple Health export (no <HealthData>)")
        rest, self._carry = self._carry, b""
        return self._drop(rest)

    @staticmethod
    def _drop(text: bytes) -> bytes:
        return _UNUSED_RECORDS.sub(b"", text).translate(_CONTROL)


def _without_doctype(prolog: bytes, source: str) -> bytes:
    """The prolog without its DOCTYPE; entity declarations or an external DTD refuse it."""
    found = _DOCTYPE.search(prolog)
    if found is None:
        return prolog
    doctype = prolog[found.start():]
    if re.search(rb"<!ENTITY", doctype, re.IGNORECASE):
        raise ReadError(source, "refused: the document declares entities (XML bomb?)")
    declaration = doctype.split(b"[", 1)[0]
    if re.search(rb"\b(SYSTEM|PUBLIC)\b", declaration):
        raise ReadError(source, "refused: the document names an external DTD")
    return prolog[:found.start()]


def iter_elements(chunks: Iterable[bytes], source: str) -> Iterator[etree._Element]:
    """The complete top-level ``Record`` (of a kept type) and ``Workout`` elements of the
    export whose bytes ``chunks`` are, in document order; each is cleared once the caller
    moves on.

    Raises ReadError (naming ``source``) on a document that is not well-formed."""
    filtered = RecordFilter(source)
    parser = etree.XMLPullParser(events=("end",), resolve_entities=False, no_network=True,
                                 load_dtd=False, huge_tree=False)
    try:
        for chunk in chunks:
            parser.feed(filtered.feed(chunk))
            yield from _complete(parser)
        parser.feed(filtered.close())
        parser.close()
        yield from _complete(parser)
    except etree.XMLSyntaxError as exc:
        raise ReadError(source, f"not well-formed XML ({exc})") from None


def _complete(parser: etree.XMLPullParser) -> Iterator[etree._Element]:
    for _event, element in parser.read_events():
        parent = element.getparent()
        if parent is None or parent.getparent() is not None:
            continue  # the root, or inside a top-level element (read with it)
        if element.tag in KEPT_ELEMENTS and (
                element.tag != "Record" or element.get("type", "").encode() in KEPT_RECORDS):
            yield element
        element.clear()
        while element.getprevious() is not None:  # finished: memory stays constant
            del parent[0]
