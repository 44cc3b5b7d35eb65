"""GPX and TCX (private): the safe libxml2 parser, the fast track-point path, the two formats.

:mod:`.safe` holds the hardened parser settings, :mod:`.scan`/:mod:`.tags`/:mod:`.values`/
:mod:`.points` read track points in bulk, :mod:`.gpx` and :mod:`.tcx` build Activities.
May import :mod:`legload.core` and :mod:`legload.errors`.
"""
