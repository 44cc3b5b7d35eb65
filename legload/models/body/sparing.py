"""Lean-mass sparing by resistance training and protein in an energy deficit.

In a deficit the Hall et al. (2011) model splits each kilogram lost between fat and fat-free
mass by the Forbes partition, lean share ``C / (C + F)`` (C = 10.4 kg, F = fat mass). That is
the untrained dieter's partition. Resistance training during the deficit keeps most of the
fat-free mass the diet alone would have cost, and more protein moves the outcome further
toward keeping it. :func:`lean_sparing` says by how much, as a fraction ``s`` of the
diet-alone lean loss that is kept; :mod:`legload.models.body.projection` applies it by
scaling the Forbes constant to ``(1 - s) C`` while the projected intake is below the
expenditure, so the energy of the spared lean tissue comes out of fat instead and the
resting expenditure (``gamma_L L`` in the Hall model) follows the lean mass that is kept.

Equation::

    s = S x min(1, sets / N)
    band: (S_low x min(1, sets / N), S_high x min(1, sets / N))
    with protein >= P: the band's low end is raised to the central S x min(1, sets / N)

with ``sets`` the weekly hard sets of the leg muscles (the mean over the large groups),
S = 0.935, S_low = 0.42, S_high = 1.0 from Sardeli et al. 2018 (RT removed 93.5 % of the
diet-induced lean loss, 0.819 kg of 0.876 kg, 95 % CI 0.364-1.273 kg: 0.42-1.45 of it,
capped at 1), N = 6 hard sets a week [M] (the trials trained three times a week; legload
counts the legs' sets), P = 1.62 g/kg/day (Morton 2018's plateau): Longland et al. 2016 found
2.4 vs 1.2 g/kg/day with resistance training in a 40 % deficit raised lean mass by 1.2 vs
0.1 kg, so with ample protein the outcome sits in the upper part of the band [M for the
mapping].

Valid range: adults in a deficit of up to ~40 % of their needs (Longland's) over 4-24 weeks
(the trials' lengths); weekly hard sets >= 0; protein >= 0 g/kg/day or unknown. Outside a
deficit the sparing does not apply (gains are the adaptation model's business). The trials
were of obese older adults (Sardeli) and young overweight men (Longland); for lean athletes
the same fraction is an extrapolation, and the band says so. Garthe et al. 2011 (elite
athletes, four resistance sessions a week) gained 2.1 % lean mass at a slow loss: inside the
band's upper end.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from legload.errors import ModelDomainError
from legload.models.sources import Source

SARDELI_2018 = Source(
    citation=(
        "Sardeli AV, Komatsu TR, Mori MA, Gaspari AF, Chacon-Mikahil MPT (2018) Resistance "
        "training prevents muscle loss induced by caloric restriction in obese elderly "
        "individuals: a systematic review and meta-analysis. Nutrients 10(4):423"
    ),
    doi="10.3390/nu10040423",
    note=(
        "[R] abstract (PMC5946208): 6 RCTs, resistance training 3 times a week for 12-24 "
        "weeks during caloric restriction; RT reduced 93.5 % of the restriction-induced lean "
        "body mass loss (0.819 kg, 95 % CI 0.364 to 1.273), fat and body mass fell alike."
    ),
)

LONGLAND_2016 = Source(
    citation=(
        "Longland TM, Oikawa SY, Mitchell CJ, Devries MC, Phillips SM (2016) Higher compared "
        "with lower dietary protein during an energy deficit combined with intense exercise "
        "promotes greater lean mass gain and fat mass loss: a randomized trial. "
        "Am J Clin Nutr 103(3):738-746"
    ),
    doi="10.3945/ajcn.115.119339",
    note=(
        "[R] abstract: 4 weeks at a ~40 % deficit, resistance training and HIIT 6 d/week, "
        "40 young men; 2.4 vs 1.2 g/kg/day protein: lean body mass +1.2 +/- 1.0 vs "
        "+0.1 +/- 1.0 kg, fat mass -4.8 vs -3.5 kg."
    ),
)

HELMS_2014 = Source(
    citation=(
        "Helms ER, Zinn C, Rowlands DS, Brown SR (2014) A systematic review of dietary "
        "protein during caloric restriction in resistance trained lean athletes: a case for "
        "higher intakes. Int J Sport Nutr Exerc Metab 24(2):127-138"
    ),
    doi="10.1123/ijsnem.2013-0054",
    note="[M] recalled: 2.3-3.1 g/kg of fat-free mass a day advised for lean athletes in a "
         "deficit; cited for context, no number of it is used.",
)

#: Share of the diet-alone lean loss kept by resistance training: central, low, high.  [R]
#: (Sardeli 2018: 0.819 / 0.876 kg; CI 0.364 and 1.273 kg over 0.876 kg, the high end capped)
SPARING_SHARE: tuple[float, float, float] = (0.935, 0.42, 1.0)
#: Weekly hard sets of the leg muscles at which the full effect is assumed.  [M]
SPARING_FULL_SETS: float = 6.0
#: Protein (g/kg/day) from which the band's low end is the central value.  [R] the number
#: (Morton 2018's plateau); [M] its use here (Longland 2016's direction of effect)
SPARING_PROTEIN_G_KG: float = 1.62

SOURCES: tuple[Source, ...] = (SARDELI_2018, LONGLAND_2016, HELMS_2014)


@dataclass(frozen=True)
class LeanSparing:
    """Share of the diet-alone lean loss that resistance training keeps: ``central`` with its
    ``low`` and ``high`` ends (0 = none kept, the Forbes partition as it is; 1 = all kept)."""

    central: float
    low: float
    high: float


def lean_sparing(hard_sets_per_week: float, protein_g_per_kg: float | None = None, *,
                 share: tuple[float, float, float] = SPARING_SHARE,
                 full_sets: float = SPARING_FULL_SETS,
                 protein_g_kg: float = SPARING_PROTEIN_G_KG) -> LeanSparing:
    """Fraction of the diet-alone lean loss kept by resistance training in a deficit.

    ``s = S min(1, sets / N)``, band ``(S_low, S_high) x min(1, sets / N)``, the low end
    raised to ``s`` when protein >= P (see the module docstring for the equation, the
    sources and the valid range). Defaults: S = 0.935 (0.42-1.0) from Sardeli et al. 2018,
    N = 6 sets/week [M], P = 1.62 g/kg/day (Morton 2018; Longland 2016).

    >>> lean_sparing(0.0)
    LeanSparing(central=0.0, low=0.0, high=0.0)
    >>> lean_sparing(9.0, 2.0).central
    0.935
    """
    for name, value in (("hard_sets_per_week", hard_sets_per_week),
                        ("protein_g_per_kg", 0.0 if protein_g_per_kg is None
                         else protein_g_per_kg)):
        if not (math.isfinite(value) and value >= 0):
            raise ModelDomainError(f"{name} must be a finite number >= 0, got {value}")
    dose = min(1.0, hard_sets_per_week / full_sets)
    central, low, high = (dose * s for s in share)
    if protein_g_per_kg is not None and protein_g_per_kg >= protein_g_kg:
        low = central
    return LeanSparing(central, low, high)


__all__ = ["SOURCES", "SPARING_FULL_SETS", "SPARING_PROTEIN_G_KG", "SPARING_SHARE",
           "LeanSparing", "lean_sparing"]
