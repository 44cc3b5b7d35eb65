"""Muscle-specific injury-risk flags from load progression, novelty and eccentric spikes.

May import only :mod:`legload.models` helpers, :mod:`legload.core` and :mod:`legload.errors`.
"""
