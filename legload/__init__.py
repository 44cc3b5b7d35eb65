"""legload: will running make my legs muscular? Per-muscle load from your own data."""

__version__ = "0.1.0"
