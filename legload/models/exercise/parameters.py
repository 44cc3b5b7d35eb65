"""Numbers of the exercise models (:mod:`.library`, :mod:`.mets`), each with its source.

Hard-set counting and the role-based fallback of the strength library, the Compendium METs of
other activities; the published %MVIC table is in
:mod:`legload.models.exercise.published_activation`. The model functions take these numbers as
one frozen :class:`ExerciseParameters` argument whose default, :data:`PUBLISHED`, is this set.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from legload.models.exercise.published_activation import (
    EXERCISE_PUBLISHED_ACTIVATION as EXERCISE_PUBLISHED_ACTIVATION,
)
from legload.models.exercise.published_activation import CsvCell as CsvCell
from legload.models.exercise.published_activation import PublishedActivation
from legload.models.inputs import published
from legload.models.sources import Source

ZOURDOS_2016 = Source(
    citation=(
        "Zourdos MC, Klemp A, Dolan C, Quiles JM, Schau KA, Jo E, Helms E, Esgro B, Duncan S, "
        "Garcia Merino S, Blanco R (2016) Novel resistance training-specific rating of perceived "
        "exertion scale measuring repetitions in reserve. J Strength Cond Res 30(1):267-275"
    ),
    doi="10.1519/JSC.0000000000001049",
    note=(
        "As recalled: the RIR-based RPE scale, on which RPE 10 = 0 repetitions in reserve, "
        "9 = 1, 8 = 2 and so on; used to turn logged RPE into RIR (RIR = 10 - RPE)."
    ),
)

SCHOENFELD_2017_LOAD = Source(
    citation=(
        "Schoenfeld BJ, Grgic J, Ogborn D, Krieger JW (2017) Strength and hypertrophy "
        "adaptations between low- vs. high-load resistance training: a systematic review and "
        "meta-analysis. J Strength Cond Res 31(12):3508-3523"
    ),
    doi="10.1519/JSC.0000000000002200",
    note=(
        "As recalled: hypertrophy was similar across low and high loads when sets were taken "
        "to (near) failure; why hard-set equivalents count effort, not load."
    ),
)

HARD_SET_CONVENTION = Source(
    citation=(
        "Counting convention of resistance-training volume: a set taken close to failure "
        "counts as one set for its prime mover, one half for a secondary mover "
        "(DESIGN section 4.3)"
    ),
    doi="",
    note=(
        "A coaching and meta-analysis convention, not a measured quantity: no single paper "
        "is cited for it. legload uses it only where no %MVIC was found."
    ),
)

#: Role of a muscle group in an exercise -> fraction of the reference activation used when no
#: %MVIC was found (the 1 primary / 0.5 secondary convention; 0.1 for a stabiliser) [M].
EXERCISE_ROLE_FACTORS = MappingProxyType(
    {"primary": 1.0, "secondary": 0.5, "stabiliser": 0.1, "none": 0.0}
)

#: Reference activation [fraction of MVIC] for the fallback when an exercise has no measured
#: prime mover: the median of the published prime-mover values below (17 values, 0.21-1.25,
#: median 0.725), rounded to 0.75 [M]; a test checks it against the table.
EXERCISE_FALLBACK_REFERENCE: float = 0.75

#: Hard-set counting (model choices, tagged in docs/models/exercises.md):
#: sets with RIR <= this count in full [M] ...
HARD_SET_RIR_FULL: float = 3.0
#: ... sets with RIR up to this count one half, easier sets count 0 [M].
HARD_SET_RIR_HALF: float = 5.0
#: Effort credit of a set with RIR in (HARD_SET_RIR_FULL, HARD_SET_RIR_HALF] [M].
HARD_SET_EASY_CREDIT: float = 0.5
#: With RIR unknown, sets of at least this many reps count in full, shorter sets one half [M].
HARD_SET_MIN_REPS_UNKNOWN_RIR: int = 5
#: Muscles whose activation is below this fraction of the exercise's highest get 0 sets.  [M]
#: Only movers (primary or secondary role: the muscle moves a joint through the exercise's
#: range) get credit at all; a stabiliser's isometric EMG, however high (tibialis anterior
#: 81.9 % MVIC in the conventional deadlift, PMC12148905 Table 3), is not a hard set for it.
HARD_SET_MIN_RELATIVE_ACTIVATION: float = 0.2

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

#: Energy of one MET-hour per kg of body mass (Compendium convention) [kcal kg-1 h-1]. [R]
#: (Ainsworth 2011: 1 MET = 1 kcal/kg/h).
KCAL_PER_MET_KG_HOUR: float = 1.0


@dataclass(frozen=True)
class ExerciseParameters:
    """The numbers of :mod:`.library` and :mod:`.mets`; defaults are the published set.

    Each field is the module constant of the same name in capitals (``published_activation``
    is EXERCISE_PUBLISHED_ACTIVATION, ``role_factors`` EXERCISE_ROLE_FACTORS,
    ``fallback_reference`` EXERCISE_FALLBACK_REFERENCE), where its source and tag are given.
    Pass another set as ``params``, e.g.
    ``hard_set_equivalents("back_squat", 8, params=ExerciseParameters(hard_set_rir_full=2.0))``.
    """

    published_activation: tuple[PublishedActivation, ...] = EXERCISE_PUBLISHED_ACTIVATION
    role_factors: Mapping = published(EXERCISE_ROLE_FACTORS)
    fallback_reference: float = EXERCISE_FALLBACK_REFERENCE
    hard_set_rir_full: float = HARD_SET_RIR_FULL
    hard_set_rir_half: float = HARD_SET_RIR_HALF
    hard_set_easy_credit: float = HARD_SET_EASY_CREDIT
    hard_set_min_reps_unknown_rir: int = HARD_SET_MIN_REPS_UNKNOWN_RIR
    hard_set_min_relative_activation: float = HARD_SET_MIN_RELATIVE_ACTIVATION
    kcal_per_met_kg_hour: float = KCAL_PER_MET_KG_HOUR


#: The published set: every exercise model's default ``params``.
PUBLISHED = ExerciseParameters()
