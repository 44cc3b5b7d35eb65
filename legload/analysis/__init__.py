"""Analysis: sessions, weekly per-muscle ledger, verdicts, projection, risks and plan."""
