"""Unit constants, exact by definition, used wherever a non-SI unit enters or leaves legload."""

from __future__ import annotations

#: kilograms in one international avoirdupois pound (exact)
LB_KG = 0.45359237
#: metres in one international mile (exact)
MILE_M = 1609.344
#: kilojoules in one thermochemical kilocalorie (exact)
KJ_PER_KCAL = 4.184
#: joules in one thermochemical kilocalorie (exact)
J_PER_KCAL = 4184.0

__all__ = ["J_PER_KCAL", "KJ_PER_KCAL", "LB_KG", "MILE_M"]
