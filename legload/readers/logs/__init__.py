"""Logs that are not activities: strength sets, food intake, weigh-ins.

:mod:`.strength` (Hevy, Strong, legload CSV, FIT sets), :mod:`.apps` (Fitbod, Hevy sets in
Strava descriptions), :mod:`.intake` (daily food logs), :mod:`.body` (weigh-ins) with
:mod:`.scales` (Samsung Health, Renpho, MyFitnessPal); :mod:`.csvsniff` reads the CSV dialects
they share and :mod:`.detect` tells which log a file is. May import :mod:`legload.core`,
:mod:`legload.errors` and the FIT decoder.
"""
