"""Expected adaptation per muscle from endurance, strength and eccentric stimulus.

May import only :mod:`legload.models` helpers, :mod:`legload.core` and :mod:`legload.errors`.
"""
