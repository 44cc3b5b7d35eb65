"""Where a batch writes, always atomically: a temporary file in the same folder, then a rename.

The dataset under ``DIR``: ``activities/``, ``muscle_load/``, ``weekly/`` and ``errors/``
partitioned by athlete (``athlete=<name>/part-0.parquet``, Hive style), ``reports/<name>.json``,
and the batch's own state under ``_state/`` (per-file analyses) and ``_manifest/`` (which files
are done, by content hash); readers of the dataset skip names starting with ``_``.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pyarrow as pa
import pyarrow.parquet as pq

TABLES = ("activities", "muscle_load", "weekly", "errors")
STATE = "_state"
MANIFEST = "_manifest"
REPORTS = "reports"


def partition_name(athlete: str) -> str:
    """The folder of an athlete's partition: ``athlete=<name>``, the name URI-encoded (as
    pyarrow, DuckDB and Polars decode Hive partitions)."""
    return "athlete=" + quote(athlete, safe="")


def atomic_bytes(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: a reader (or a kill)
    sees the old file or the new one, never half of one. ``durable``: flushed to the disk
    before the rename (survives a power cut, not only a kill)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            if durable:
                os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def atomic_json(path: Path, document: object, *, durable: bool = True) -> None:
    atomic_bytes(path, (json.dumps(document, ensure_ascii=False, default=str) + "\n").encode(),
                 durable=durable)


def write_partition(out: Path, table_name: str, athlete: str, table: pa.Table) -> Path:
    """Replace one athlete's partition of a table with ``table`` (one Parquet file)."""
    path = out / table_name / partition_name(athlete) / "part-0.parquet"
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    atomic_bytes(path, sink.getvalue().to_pybytes())
    return path


def state_path(out: Path, athlete: str, sha256: str) -> Path:
    """The analysis of one file of one athlete (JSON), written by its task."""
    return out / STATE / partition_name(athlete) / f"{sha256}.json"


def read_state(out: Path, athlete: str, sha256: str) -> dict | None:
    try:
        return json.loads(state_path(out, athlete, sha256).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def manifest_path(out: Path, athlete: str) -> Path:
    return out / MANIFEST / f"{partition_name(athlete)}.json"


@dataclass
class Manifest:
    """An athlete's record of what is done: ``files`` ``{sha256: entry}`` and ``paths``
    ``{source: [size, mtime_ns, sha256]}`` (a file unchanged since is not even read again)."""

    files: dict[str, dict] = field(default_factory=dict)
    paths: dict[str, list] = field(default_factory=dict)


def read_manifest(out: Path, athlete: str) -> Manifest:
    """The athlete's manifest (empty when none or unreadable: the files are then read and
    hashed again, and their states reused)."""
    try:
        document = json.loads(manifest_path(out, athlete).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Manifest()
    if not isinstance(document, dict):
        return Manifest()
    files, paths = document.get("files"), document.get("paths")
    return Manifest(files if isinstance(files, dict) else {},
                    paths if isinstance(paths, dict) else {})


def write_manifest(out: Path, athlete: str, manifest: Manifest) -> None:
    atomic_json(manifest_path(out, athlete), {"athlete": athlete, "files": manifest.files,
                                              "paths": manifest.paths})


def report_path(out: Path, athlete: str) -> Path:
    return out / REPORTS / f"{quote(athlete, safe='')}.json"


def clear_temporaries(out: Path, folders: Iterable[str] = (*TABLES, STATE, MANIFEST, REPORTS)) -> int:
    """Remove temporary files a killed run left behind; how many."""
    removed = 0
    for folder in folders:
        for stale in (out / folder).rglob(".tmp-*") if (out / folder).is_dir() else ():
            stale.unlink(missing_ok=True)
            removed += 1
    return removed
