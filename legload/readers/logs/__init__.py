"""Logs that are not activities: strength sets, food intake, weigh-ins.

:mod:`.strength` (Hevy, Strong, Fitbod, legload CSV, FIT sets), :mod:`.intake` (daily food logs),
:mod:`.body` (weigh-ins); :mod:`.csvsniff` reads the CSV dialects they share and :mod:`.detect`
tells which log a file is. May import :mod:`legload.core`, :mod:`legload.errors` and the FIT decoder.
"""
