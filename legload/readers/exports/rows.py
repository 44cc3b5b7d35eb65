"""Log rows built from an export (not read from a log file of their own): checked as any
log's rows, and the content that identifies them in the store."""

from __future__ import annotations

from legload.readers.logs.read import LogRows
from legload.readers.logs.validate import check_rows, summary


def checked(rows: LogRows) -> LogRows:
    """The rows that pass the log checks, with a warning saying how many did not."""
    result = check_rows(rows.frame, rows.table)
    if result.refused:
        rows.warnings.append(summary(result.refused, "row(s)"))
    rows.frame = result.frame.reset_index(drop=True)
    return rows


def log_content(rows: LogRows) -> bytes:
    """The rows as CSV: the content whose SHA-256 identifies them (a later export with the
    same rows is a duplicate; one with more adds the new rows)."""
    return rows.frame.to_csv(index=False).encode()
