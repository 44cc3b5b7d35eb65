"""Pure, cited model functions: plain floats or numpy arrays in SI units, no I/O.

Each module implements published models (see ``docs/models/``); the numbers they use live in
:mod:`legload.models.parameters`, each with its source.
"""
