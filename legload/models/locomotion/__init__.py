"""Running and walking: per-muscle demand from joint work and EMG, metabolic cost on slopes.

``demand(speed_m_s, grade, cadence_spm)`` in :mod:`.muscles` is the public per-muscle model;
:mod:`.joints` holds joint work by speed and grade, :mod:`.energy` the Minetti cost curve.
Imports only :mod:`legload.models` helpers and :mod:`legload.errors`.
"""
