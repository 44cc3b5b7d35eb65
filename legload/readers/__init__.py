"""Readers: one module per format, each turning a file's bytes into Activities or log frames.

No smoothing happens here: samples are what the device recorded, in SI units. ``fit/``,
``xml/`` (GPX, TCX), ``logs/`` (strength, intake, weigh-ins) and ``exports/`` (archives);
:mod:`.detect` picks the reader from the content. May import only :mod:`legload.core` and
:mod:`legload.errors`.
"""

from legload.core.activity import Activity
from legload.readers.detect import read_bytes, sniff, unwrap
from legload.readers.exports.archive import Member, iter_members

__all__ = ["Activity", "Member", "iter_members", "read_bytes", "sniff", "unwrap"]
