"""Pure, cited model functions: plain floats or numpy arrays in SI units, no I/O.

One sub-package per topic (``locomotion``, ``cycling``, ``exercise``, ``body``, ``adaptation``,
``risk``), each with its model modules and its parameters module (every number with its source,
see ``docs/models/``); :mod:`legload.models.sources` holds the ``Source`` record and
:mod:`legload.models.inputs` the scalar-or-array input handling. May import only
:mod:`legload.core` and :mod:`legload.errors`.
"""
