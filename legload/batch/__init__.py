"""``legload batch``: many athletes at once on a Dask cluster, written as a Parquet dataset.

Each activity file is one task (read → streams → models → per-muscle loads), each athlete's
ledger, report and Parquet partitions one task depending on their files (see
``docs/batch.md``). An interface beside the command line: may import :mod:`legload.api`,
:mod:`legload.reading`, :mod:`legload.import_pool` and everything below them, never
:mod:`legload.cli`.
"""

from legload.batch.run import BatchOptions, BatchSummary, run_batch

__all__ = ["BatchOptions", "BatchSummary", "run_batch"]
