"""Memory of a big GPX import grows with its frame, not with the document's tree.

A GPX of 300,000 points is imported by ``legload import`` in a subprocess
(``bench/memory.py``, which samples the process tree's RSS from /proc); what it takes beyond
an import of a small file must stay within the file's size plus twelve times the frame of
its eight sample columns. Reading the points through a tree of the document (or a skeleton
holding every point) takes about twice that bound.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from legload.readers.detect import read_content, read_stream
from legload.readers.xml import gpx
from legload.readers.xml import scan as xmlscan

BENCH = Path(__file__).resolve().parents[2] / "bench" / "memory.py"
sys.path.insert(0, str(BENCH.parent))
from memory import write_gpx  # noqa: E402

POINTS = 300_000
#: bytes of the frame per point: eight float64/datetime64 sample columns
FRAME_BYTES = 8 * 8
FRAMES = 12


def _import_peak(tmp_path: Path, points: int) -> dict:
    folder = tmp_path / str(points)
    out = subprocess.run([sys.executable, str(BENCH), "--only", "big", "--points", str(points),
                          "--dir", str(folder), "--json"],
                         capture_output=True, text=True, check=True, timeout=900)
    return json.loads(out.stdout)["big"]


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="samples /proc (Linux)")
def test_a_big_gpx_import_takes_memory_in_proportion_to_its_frame(tmp_path):
    small = _import_peak(tmp_path, 1_000)
    big = _import_peak(tmp_path, POINTS)
    grown_mb = big["tree_mb"] - small["tree_mb"]
    bound_mb = big["file_mb"] + FRAMES * POINTS * FRAME_BYTES / 2**20
    assert grown_mb < bound_mb, (big, small, round(bound_mb, 1))


def _parse_beyond_fields(monkeypatch, read) -> int:
    """Bytes ``read()`` allocated at most until the end of the document's parse, beyond the
    point fields the parse hands on."""
    seen: list[int] = []
    parse = gpx.parse_scanned

    def watched(*args, **kwargs):
        root, scan = parse(*args, **kwargs)
        fields = scan.fields
        kept = fields.times.nbytes + fields.written.nbytes + sum(
            v.nbytes for v in fields.values.values())
        seen.append(tracemalloc.get_traced_memory()[1] - kept)
        return root, scan

    monkeypatch.setattr(gpx, "parse_scanned", watched)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        read()
    finally:
        tracemalloc.stop()
    return seen[0] - before


@pytest.mark.parametrize("route", ["file", "bytes"])
def test_a_gpx_file_is_read_a_piece_at_a_time_not_whole(tmp_path, monkeypatch, route):
    """Reading a GPX from its file holds a few pieces beyond the point fields; reading its
    bytes holds them all (the measure can tell the two apart)."""
    path = write_gpx(tmp_path / "big.gpx", 100_000)
    size = path.stat().st_size
    monkeypatch.setattr(xmlscan, "_PIECE", 256 << 10)
    if route == "file":
        with path.open("rb") as handle:
            beyond = _parse_beyond_fields(monkeypatch, lambda: read_stream(handle, str(path),
                                                                          "gpx"))
        assert beyond < size / 2, (beyond, size)
    else:
        beyond = _parse_beyond_fields(monkeypatch, lambda: read_content(path.read_bytes(), "b"))
        assert beyond > size, (beyond, size)
