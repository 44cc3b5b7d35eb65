"""GPX and TCX (private): the safe libxml2 parser, the fast track-point path, the two formats.
:mod:`.safe` holds the hardened parser settings and reads a parsed tree, :mod:`.scan` (with
:mod:`.tags`) reads the track points of plain documents from their bytes, :mod:`.samples`
turns points into sample columns, :mod:`.gpx` and :mod:`.tcx` build Activities.
May import :mod:`legload.core` and :mod:`legload.errors`."""
