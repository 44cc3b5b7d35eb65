"""The core types every layer shares: the Activity, column names with their SI units, sports.

Holds :class:`~legload.core.activity.Activity`, the nomenclature (:mod:`~legload.core.columns`),
unit constants (:mod:`~legload.core.units`), sport sets (:mod:`~legload.core.sports`), the
athlete profile and the exercise-name vocabulary. Imports nothing from legload but
:mod:`legload.errors`.
"""
