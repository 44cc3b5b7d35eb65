"""Body composition: Hall 2008/2011 energy partition, dynamics, projection, expenditure, RMR,
and lean sparing by resistance training and protein in a deficit (``sparing``).

May import only :mod:`legload.models` helpers, :mod:`legload.core` and :mod:`legload.errors`.
"""
