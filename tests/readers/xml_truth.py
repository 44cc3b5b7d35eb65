"""What a GPX or TCX file holds, found with regular expressions: an independent truth for
the reader tests (no XML parser involved)."""

from __future__ import annotations

import re


def plain_timed_points(data: bytes, point: str, time: str) -> list[str]:
    """Times of the ``point`` elements that carry a ``time`` child, in file order."""
    blocks = re.compile(rb"<" + point.encode() + rb"\b.*?</" + point.encode() + rb">", re.S)
    stamp = re.compile(rb"<" + time.encode() + rb">\s*([^<\s]+)\s*</" + time.encode() + rb">")
    times = []
    for block in blocks.findall(data):
        found = stamp.search(block)
        if found:
            times.append(found.group(1).decode())
    return times
