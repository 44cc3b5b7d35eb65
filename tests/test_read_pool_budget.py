"""Bytes in flight across import workers: the pool holds at most its budget of file content,
besides the batch it is filling, whatever the number of files."""

from __future__ import annotations

from legload.import_pool import ReadJob, ReadPool, ReadResult

SIZES = [10, 400, 300, 300, 50, 900, 20, 20, 700, 30]


def _held(pool: ReadPool) -> int:
    return sum(len(job.data) for sent, _ in pool._pending for job in sent)


def test_the_pool_holds_at_most_its_byte_budget_of_content_in_flight():
    jobs = [ReadJob(b"x" * size, f"f{i}.fit", f"{i:064x}") for i, size in enumerate(SIZES)]
    results, most = [], 0
    with ReadPool(workers=2, batch=4) as pool:
        pool.budget = 500
        for job in jobs:
            results.extend(pool.submit(job))
            most = max(most, _held(pool))
            assert _held(pool) <= pool.budget, [len(j.data) for s, _ in pool._pending for j in s]
            assert sum(len(j.data) for j in pool._batch) <= pool.budget // 4 + max(SIZES)
        results.extend(pool.drain())
    read = [item for item in results if isinstance(item, ReadResult)]
    assert [item.job_source for item in read] == [job.source for job in jobs]  # order kept
    assert all(item.error is not None for item in read)  # none of them is an activity file
    assert most > 0  # the workers did hold files
