"""Body composition: Hall 2008/2011 energy partition, dynamics, projection, expenditure, RMR.

May import only :mod:`legload.models` helpers, :mod:`legload.core` and :mod:`legload.errors`.
"""
