"""Expected adaptation per muscle from endurance, strength and eccentric stimulus: size
(``model``, ``rules``, ``text``), the one strength dose (``dose``), the strength outlook
(``strength``) and the terrain-added eccentric rule's numbers (``eccentric``).

May import only :mod:`legload.models` helpers, :mod:`legload.core` and :mod:`legload.errors`.
"""
