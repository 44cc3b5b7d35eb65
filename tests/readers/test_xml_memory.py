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
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "memory.py"
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
@pytest.mark.xfail(strict=True, reason=(
    "known (issue 16, item 12): since the analysis runs at import, the per-muscle load "
    "(analysis/muscle_load.py: four full sets of per-muscle rate arrays) adds about 220 MB at "
    "300 k points (1.7 GB at 2 M): 336 MB grown against a 248 MB bound; the reader, the stream "
    "and the altitude fit alone stay within it (tests/test_import_memory.py)"))
def test_a_big_gpx_import_takes_memory_in_proportion_to_its_frame(tmp_path):
    small = _import_peak(tmp_path, 1_000)
    big = _import_peak(tmp_path, POINTS)
    grown_mb = big["tree_mb"] - small["tree_mb"]
    bound_mb = big["file_mb"] + FRAMES * POINTS * FRAME_BYTES / 2**20
    assert grown_mb < bound_mb, (big, small, round(bound_mb, 1))
