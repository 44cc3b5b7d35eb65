"""Readers: one module per format, each turning a file's bytes into Activities.

No smoothing happens here: samples are what the device recorded, in SI units.
"""

from legload.readers.activity import Activity
from legload.readers.detect import read_bytes, sniff, unwrap
from legload.readers.exports import Member, iter_members

__all__ = ["Activity", "Member", "iter_members", "read_bytes", "sniff", "unwrap"]
