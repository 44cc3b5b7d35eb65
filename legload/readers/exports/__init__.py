"""Whole exports and archives: zip/gz walking with bounds on size, ratio and count
(:mod:`.archive`), and the Fitbit account export (:mod:`.fitbit`).

May import the other readers, :mod:`legload.core` and :mod:`legload.errors`.
"""
