"""Which log a file is: the import router's question, answered from the content."""

from __future__ import annotations

from legload.readers.logs.body import body_kind, is_fit_body
from legload.readers.logs.csvsniff import header_columns
from legload.readers.logs.intake import intake_kind, is_mfp_diary, looks_like_html


def detect_log(data: bytes, name: str) -> str | None:
    """``"intake"``, ``"body"`` or None: which log a file is, from its first bytes.

    Food logs are the CSV headers and the printable diary read by
    :func:`legload.readers.logs.intake.read_intake`; body logs are the headers read by
    :func:`legload.readers.logs.body.read_body` and FIT files with ``weight_scale`` messages.
    The content decides, not ``name`` (the file name, accepted for the router's messages):
    exports are often renamed. Only the header line of a CSV is read.
    """
    if is_fit_body(data):
        return "body"
    if looks_like_html(data):
        return "intake" if is_mfp_diary(data) else None
    columns = header_columns(data)
    if not columns:
        return None
    if intake_kind(columns) is not None:
        return "intake"
    if body_kind(columns) is not None:
        return "body"
    return None


__all__ = ["detect_log"]
