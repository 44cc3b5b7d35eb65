"""Readers: one module per format, each turning a file's bytes into Activities or log frames.

No smoothing happens here: samples are what the device recorded, in SI units. ``fit/``,
``xml/`` (GPX, TCX), ``logs/`` (strength, intake, weigh-ins) and ``exports/`` (archives);
:mod:`.detect` picks the reader from the content. May import only :mod:`legload.core` and
:mod:`legload.errors`.
"""

from typing import TYPE_CHECKING

from legload.core.lazy import lazy_names

#: where each name lives (loaded on first use: a report that only validates logs never pays
#: for format detection or the archive walk)
_HOMES = {
    "Activity": "legload.core.activity",
    "Member": "legload.readers.exports.archive",
    "iter_members": "legload.readers.exports.archive",
    "read_bytes": "legload.readers.detect",
    "sniff": "legload.readers.detect",
    "unwrap": "legload.readers.detect",
}

if TYPE_CHECKING:
    from legload.core.activity import Activity
    from legload.readers.detect import read_bytes, sniff, unwrap
    from legload.readers.exports.archive import Member, iter_members

__all__ = ["Activity", "Member", "iter_members", "read_bytes", "sniff", "unwrap"]

__getattr__ = lazy_names(__name__, _HOMES, globals())
