"""Every published parameter set legload's models use, each entry with its source.

The numbers are grouped by model module (one section per module) and, inside a section, by
paper. Each group gives a :class:`Source` (authors, year, title, journal, DOI) and a note saying
what was checked where, so a reader can tell a number read in the paper from one taken from a
secondary transcription. Models import their numbers from here and nowhere else.

This module holds the :class:`Source` record every parameter module uses and the energy
section (:mod:`~legload.models.locomotion.energy`, :mod:`~legload.models.cycling.energy`,
:mod:`~legload.models.exercise.mets`, :mod:`~legload.models.body.resting`): Minetti et al. 2002
(cost of walking and running vs grade), Mifflin et al. 1990 (resting metabolic rate), the 2011
Compendium of Physical Activities (METs), gross efficiency of cycling, road-load defaults for
cycling. The other models keep theirs beside them: :mod:`~legload.models.locomotion.muscle_parameters`,
:mod:`~legload.models.locomotion.joint_parameters`, :mod:`~legload.models.exercise.parameters`,
:mod:`~legload.models.cycling.parameters`, :mod:`~legload.models.body.parameters`,
:mod:`~legload.models.adaptation.parameters`, :mod:`~legload.models.risk.parameters`.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Source:
    """A bibliographic reference and what was checked in it.

    Attributes:
        citation: authors (year) title. Journal volume:pages.
        doi: the DOI without the ``https://doi.org/`` prefix ("" when none was verified).
        note: what was checked, where; "[S]" marks a value read only in a secondary
            transcription.
    """

    citation: str
    doi: str
    note: str = ""


# =============================================================================================
# energy — legload.models.locomotion.energy, cycling_energy, energy, resting_energy
# =============================================================================================

# --- Minetti et al. 2002: cost of walking and running on slopes -----------------------------

MINETTI_2002 = Source(
    citation=(
        "Minetti AE, Moia C, Roi GS, Susta D, Ferretti G (2002) Energy cost of walking and "
        "running at extreme uphill and downhill slopes. J Appl Physiol 93:1039-1046"
    ),
    doi="10.1152/japplphysiol.01177.2001",
    note=(
        "Abstract read (measured means at 0, -0.20/-0.10 and +/-0.45). The fifth-order "
        "polynomial coefficients are [S]: taken from secondary transcriptions that place them "
        "under the paper's Fig. 1 (several independent open-source implementations agree on "
        "every digit); the original figure legend was not seen."
    ),
)

#: Cost of running Cr(i) [J kg-1 m-1], fifth-order polynomial in grade i, highest power first:
#: Cr = 155.4 i^5 - 30.4 i^4 - 43.3 i^3 + 46.3 i^2 + 19.5 i + 3.6.  [S]
MINETTI_2002_RUN_COEFFICIENTS: tuple[float, ...] = (155.4, -30.4, -43.3, 46.3, 19.5, 3.6)

#: Cost of walking Cw(i) [J kg-1 m-1], highest power first:
#: Cw = 280.5 i^5 - 58.7 i^4 - 76.8 i^3 + 51.9 i^2 + 19.6 i + 2.5.  [S]
MINETTI_2002_WALK_COEFFICIENTS: tuple[float, ...] = (280.5, -58.7, -76.8, 51.9, 19.6, 2.5)

#: The treadmill was inclined between -0.45 and +0.45 (abstract): the polynomials' valid range.
MINETTI_2002_GRADE_LIMIT: float = 0.45

# --- Mifflin et al. 1990: resting energy expenditure -----------------------------------------

MIFFLIN_1990 = Source(
    citation=(
        "Mifflin MD, St Jeor ST, Hill LA, Scott BJ, Daugherty SA, Koh YO (1990) A new "
        "predictive equation for resting energy expenditure in healthy individuals. "
        "Am J Clin Nutr 51:241-247"
    ),
    doi="10.1093/ajcn/51.2.241",
    note=(
        "Abstract read: REE(males) = 10 weight(kg) + 6.25 height(cm) - 5 age(y) + 5; "
        "REE(females) = same - 161 [kcal/day]; derived on 498 healthy adults (247 women, "
        "251 men) aged 19-78 y, normal-weight and obese, REE by indirect calorimetry, R2 = 0.71."
    ),
)

#: Coefficients of the simplified sex-specific equations (kcal/day).
MIFFLIN_1990_COEFFICIENTS = MappingProxyType(
    {
        "kcal_per_kg": 10.0,
        "kcal_per_cm": 6.25,
        "kcal_per_year": 5.0,
        "male_offset_kcal": 5.0,
        "female_offset_kcal": -161.0,
    }
)

#: Ages of the sample the equation was derived on (years).
MIFFLIN_1990_AGE_RANGE_YEARS: tuple[float, float] = (19.0, 78.0)

# --- Ainsworth et al. 2011: Compendium of Physical Activities --------------------------------

COMPENDIUM_2011 = Source(
    citation=(
        "Ainsworth BE, Haskell WL, Herrmann SD, Meckes N, Bassett DR Jr, Tudor-Locke C, "
        "Greer JL, Vezina J, Whitt-Glover MC, Leon AS (2011) 2011 Compendium of Physical "
        "Activities: a second update of codes and MET values. Med Sci Sports Exerc 43:1575-1581"
    ),
    doi="10.1249/MSS.0b013e31821ece12",
    note=(
        "Abstract read (821 codes). Codes and MET values [S]: read in a public tabulation of "
        "the 2011 activity list; the three resistance-training rows (02050, 02052, 02054) "
        "carry the same values in the 2024 Adult Compendium. The MET is the Compendium's "
        "convention of 1 kcal per kg of body mass per hour (about 3.5 ml O2/kg/min)."
    ),
)


@dataclass(frozen=True)
class CompendiumEntry:
    """One Compendium activity: its five-digit code, its MET value and its wording."""

    code: str
    met: float
    activity: str


#: A small table of 2011 Compendium rows that legload uses (key -> entry).
#: ``tests/data/published/compendium2011_mets.csv`` holds the same rows.
COMPENDIUM_2011_METS = MappingProxyType(
    {
        "strength_vigorous": CompendiumEntry(
            "02050",
            6.0,
            "resistance training (weight lifting, free weight, nautilus or universal), "
            "power lifting or body building, vigorous effort",
        ),
        "strength_squats": CompendiumEntry(
            "02052", 5.0, "resistance (weight) training, squats, slow or explosive effort"
        ),
        "strength_moderate": CompendiumEntry(
            "02054",
            3.5,
            "resistance (weight) training, multiple exercises, 8-15 repetitions at varied "
            "resistance",
        ),
        "walking_moderate": CompendiumEntry(
            "17190", 3.5, "walking, 2.8 to 3.2 mph, level, moderate pace, firm surface"
        ),
        "walking_brisk": CompendiumEntry(
            "17200", 4.3, "walking, 3.5 mph, level, brisk, firm surface, walking for exercise"
        ),
        "hiking": CompendiumEntry("17080", 6.0, "hiking, cross country"),
        "swimming_laps_moderate": CompendiumEntry(
            "18240",
            5.8,
            "swimming laps, freestyle, front crawl, slow, light or moderate effort",
        ),
        "swimming_laps_vigorous": CompendiumEntry(
            "18230", 9.8, "swimming laps, freestyle, fast, vigorous effort"
        ),
        "swimming_leisure": CompendiumEntry(
            "18310", 6.0, "swimming, leisurely, not lap swimming, general"
        ),
        "cycling_general": CompendiumEntry("01015", 7.5, "bicycling, general"),
        "generic": CompendiumEntry("02060", 5.5, "health club exercise, general"),
    }
)

#: Energy of one MET-hour per kg of body mass (Compendium convention) [kcal kg-1 h-1].
KCAL_PER_MET_KG_HOUR: float = 1.0

# --- Gross efficiency of cycling ------------------------------------------------------------

ETTEMA_LORAS_2009 = Source(
    citation=(
        "Ettema G, Loras HW (2009) Efficiency in cycling: a review. Eur J Appl Physiol 106:1-14"
    ),
    doi="10.1007/s00421-009-1008-7",
    note=(
        "Abstract read: gross efficiency is the most relevant expression of cycling "
        "efficiency; it rises with work rate because the zero-work baseline expenditure "
        "weighs less; energy expenditure is close to linear in work rate."
    ),
)

MOSELEY_JEUKENDRUP_2001 = Source(
    citation=(
        "Moseley L, Jeukendrup AE (2001) The reliability of cycling efficiency. "
        "Med Sci Sports Exerc 33:621-627"
    ),
    doi="",
    note=(
        "Abstract read: 17 trained men, 95-305 W at 80 rpm, gross efficiency "
        "19.8 +/- 0.6 %, lower at 95 and 130 W than at 165-305 W."
    ),
)

HOPKER_2010 = Source(
    citation=(
        "Hopker J, Jobson S, Carter H, Passfield L (2010) Cycling efficiency in trained male "
        "and female competitive cyclists. J Sports Sci Med 9:332-337"
    ),
    doi="",
    note="Abstract read: gross efficiency 19.9-20.4 % (men) and 22.3-22.5 % (women) at 150-180 W.",
)

#: Default gross efficiency of cycling (mechanical power / whole-body metabolic power).
CYCLING_GROSS_EFFICIENCY: float = 0.22

#: Gross efficiencies reported in fit men and trained cyclists at moderate work rates (Moseley &
#: Jeukendrup 2001; Hopker et al. 2010); values outside it are allowed but unusual.
CYCLING_GROSS_EFFICIENCY_TYPICAL: tuple[float, float] = (0.18, 0.25)

# --- Road-load physics of cycling -----------------------------------------------------------

MARTIN_1998 = Source(
    citation=(
        "Martin JC, Milliken DL, Cobb JE, McFadden KL, Coggan AR (1998) Validation of a "
        "mathematical model for road cycling power. J Appl Biomech 14:276-291"
    ),
    doi="10.1123/jab.14.3.276",
    note=(
        "Abstract read: a model of aerodynamic, rolling, gravitational (and friction / "
        "kinetic-energy) terms predicted measured road power with R2 = 0.97 and a standard "
        "error of 2.7 W. Parameter values of the paper were not read and are not used."
    ),
)

#: Engineering defaults for a road bike with the rider on the hoods; not from one paper,
#: and real riders differ widely: drag area CdA [m2], rolling-resistance coefficient [-],
#: air density [kg m-3] of the ISO standard atmosphere at sea level, 15 degC.
CYCLING_ROAD_LOAD_DEFAULTS = MappingProxyType({"cda_m2": 0.32, "crr": 0.004, "rho_kg_m3": 1.225})

#: Standard acceleration of gravity [m s-2] (CGPM 1901 conventional value).
STANDARD_GRAVITY_M_S2: float = 9.80665
