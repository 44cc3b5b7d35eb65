"""Raw activities → clean 1 Hz streams on moving time, with quality flags (DESIGN.md §3).

Pauses vs gaps, speed, altitude and grade, cadence, glitches. May import :mod:`legload.readers`
(for nothing but their types), :mod:`legload.core` and :mod:`legload.errors`.
"""

from legload.streams.altitude import climb
from legload.streams.build import to_stream
from legload.streams.stream import FLAG_KEYS, STREAM_COLUMNS, Stream

__all__ = ["FLAG_KEYS", "STREAM_COLUMNS", "Stream", "climb", "to_stream"]
