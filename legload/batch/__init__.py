"""``legload batch``: many athletes at once on a Dask cluster, written as a Parquet dataset.

Each chunk of an athlete's activity files is one task (read from its path → streams → models
→ per-muscle loads, file by file), each athlete's ledger, report and Parquet partitions one
task depending on their files (see ``docs/batch.md``). An interface beside the command line:
may import :mod:`legload.api`, :mod:`legload.reading`, :mod:`legload.import_pool` and
everything below them, never :mod:`legload.cli`.
"""

from legload.batch.run import BatchOptions, BatchSummary, run_batch

__all__ = ["BatchOptions", "BatchSummary", "run_batch"]
