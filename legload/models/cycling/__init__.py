"""Cycling: per-muscle demand from crank power and metabolic power from mechanical power.

May import only :mod:`legload.models` helpers, :mod:`legload.core` and :mod:`legload.errors`.
"""
