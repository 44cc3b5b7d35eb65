"""Analysis: sessions, weekly per-muscle ledger, verdicts, projection, risks and plan.

Pure: data in, results out; no SQL, no file I/O. May import :mod:`legload.models`,
:mod:`legload.streams`, :mod:`legload.readers`, :mod:`legload.core` and :mod:`legload.errors`,
never :mod:`legload.store` or :mod:`legload.api` (which feeds it the stored data).
"""
