"""Strength exercises (per-muscle hard-set equivalents) and Compendium METs of other activities.

May import only :mod:`legload.models` helpers, :mod:`legload.core` and :mod:`legload.errors`.
"""
