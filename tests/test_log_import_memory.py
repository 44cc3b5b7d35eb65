"""Issue 16, item 12: a big Strong CSV is imported with memory that does not follow its size,
by ``legload strength import`` and by ``legload import`` (a file given, or found in a folder).

``legload strength import`` of a generated 20 MB classic Strong export (260,000 sets, weights
in pounds not named: the unit is decided from every row first), in a fresh process, after a
small import of the same kind has loaded every module the import uses. The peak RSS it adds
is measured by the kernel (``ru_maxrss``): the file is read from disk a slice at a time,
checked and stored a chunk at a time in one transaction, so neither its bytes nor its table
nor its rows for SQLite are ever held whole. Reading it whole and storing it at once added
260 MB (13 MB per MB of file, commit 7759dde); a chunk at a time, about 75 MB.

``legload import`` of the same file (given, and in a folder) read its bytes and its table
whole until commit 598dd91 (its rows were written to SQLite in slices already): 112 to 120 MB
added for 20 MB; read and stored a chunk at a time, as by ``strength import``, 59 to 66 MB.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from memory_logs import write_strong

ROOT = Path(__file__).resolve().parents[1]
#: peak RSS the import may add, per MB of file
ADDED_MB_PER_FILE_MB = 5.0
#: the same through ``legload import`` (before: 5.6 to 6 MB per MB of file; now about 3)
IMPORT_ADDED_MB_PER_FILE_MB = 4.0

_CHILD = """
import json, resource, sys
from legload import api

def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

small, big, db = sys.argv[1:4]
api.import_strength(small, db=db + ".warm")
before = peak_mb()
result = api.import_strength(big, db=db)
print(json.dumps({"added_mb": peak_mb() - before, "sets": result.sets}))
"""
#: the same through ``legload import`` of a file or a folder (no worker processes: RSS is
#: this process's); the small import takes the way of big files, loading its modules
_CHILD_IMPORT = """
import json, resource, sys
from legload import api, reading

def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

small, big, db = sys.argv[1:4]
limit, reading.STREAM_LOG_BYTES = getattr(reading, "STREAM_LOG_BYTES", None), 0
api.import_paths([small], db=db + ".warm", workers=1)
reading.STREAM_LOG_BYTES = limit
before = peak_mb()
result = api.import_paths([big], db=db, workers=1)
print(json.dumps({"added_mb": peak_mb() - before, "imported": result.imported,
                  "files": result.files}))
"""


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="RSS of a Linux process")
def test_a_big_strong_csv_is_imported_in_memory_that_does_not_follow_its_size(tmp_path):
    big = write_strong(tmp_path / "strong.csv", 20)
    small = write_strong(tmp_path / "small.csv", 0.05)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", _CHILD, str(small), str(big),
                           str(tmp_path / "legload.sqlite")],
                          env=env, capture_output=True, text=True, check=False, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout)
    size_mb = big.stat().st_size / 2**20
    assert found["sets"] > 250_000
    assert found["added_mb"] < ADDED_MB_PER_FILE_MB * size_mb, \
        f"{found['added_mb']:.0f} MB added for a {size_mb:.0f} MB file"


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="RSS of a Linux process")
@pytest.mark.parametrize("given", ["file", "folder"])
def test_import_of_a_big_strong_csv_uses_memory_that_does_not_follow_its_size(tmp_path, given):
    folder = tmp_path / "export"
    folder.mkdir()
    big = write_strong(folder / "strong.csv", 20)
    (tmp_path / "small").mkdir()
    small = write_strong(tmp_path / "small" / "small.csv", 0.05)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    target = big if given == "file" else folder
    done = subprocess.run([sys.executable, "-c", _CHILD_IMPORT, str(small.parent if given ==
                           "folder" else small), str(target), str(tmp_path / "legload.sqlite")],
                          env=env, capture_output=True, text=True, check=False, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout)
    size_mb = big.stat().st_size / 2**20
    assert found["imported"] == 1 and found["files"][0]["outcome"] == "imported"
    assert found["added_mb"] < IMPORT_ADDED_MB_PER_FILE_MB * size_mb, \
        f"{found['added_mb']:.0f} MB added for a {size_mb:.0f} MB file"
