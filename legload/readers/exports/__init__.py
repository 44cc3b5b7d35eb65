"""Whole exports and archives: zip/gz walking with bounds on size, ratio and count.

May import the other readers, :mod:`legload.core` and :mod:`legload.errors`.
"""
