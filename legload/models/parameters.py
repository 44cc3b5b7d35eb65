"""Every published parameter set legload's models use, each entry with its source.

The numbers are grouped by model module (one section per module) and, inside a section, by
paper. Each group gives a :class:`Source` (authors, year, title, journal, DOI) and a note saying
what was checked where, so a reader can tell a number read in the paper from one taken from a
secondary transcription. Models import their numbers from here and nowhere else.

Sections:

* **energy** (:mod:`legload.models.energy`) — Minetti et al. 2002 (cost of walking and
  running vs grade), Mifflin et al. 1990 (resting metabolic rate), the 2011 Compendium of
  Physical Activities (METs), gross efficiency of cycling, road-load defaults for cycling.
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
# energy — legload.models.energy
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


# =============================================================================================
# muscles — legload.models.muscles and legload.models.joints
# =============================================================================================
#
# Per-muscle demand of running and walking. Tags in the notes: [R] read at the source named
# (for most papers here only the abstract or a table page could be read), [S] read in a
# secondary transcription, [M] a model choice or a value recalled from the literature that
# could not be checked: a number to replace when the paper's tables are read. Every number
# below says which it is. ``tests/data/published/`` holds what was read, one CSV per source.

MUSCLE_GROUPS: tuple[str, ...] = (
    "quadriceps",
    "hamstrings",
    "gluteals",
    "hip_flexors",
    "calves",
    "tibialis_anterior",
    "peroneals",
)

# --- sources ---------------------------------------------------------------------------------

SCHACHE_2015 = Source(
    citation=(
        "Schache AG, Brown NAT, Pandy MG (2015) Modulation of work and power by the human "
        "lower-limb joints with increasing steady-state locomotion speed. J Exp Biol "
        "218:2472-2481"
    ),
    doi="10.1242/jeb.119156",
    note=(
        "Summary read [R]: ankle positive work plateaus at ~1.3 J/kg from 5.01 m/s; hip "
        "positive work (stance, swing) and knee negative swing work rise above 5 m/s; stance "
        "positive shares at ~2.0 m/s: ankle 65.3 % / hip 5.5 % running, 52.7 % / 23.0 % "
        "walking. Per-speed tables not readable. DOI as recalled."
    ),
)

SCHACHE_2011 = Source(
    citation=(
        "Schache AG, Blanch PD, Dorn TW, Brown NAT, Rosemond D, Pandy MG (2011) Effect of "
        "running speed on lower limb joint kinetics. Med Sci Sports Exerc 43:1260-1271"
    ),
    doi="10.1249/MSS.0b013e3182084929",
    note=(
        "Abstract read [R]: 3.50, 5.02, 6.97, 8.95 m/s; hip and knee torques, powers and work "
        "in terminal swing rose most with speed; knee stance work unchanged, ankle stance "
        "work plateaued above 5.02 m/s (abstract summary in a bibliographic record). "
        "Tables not readable. DOI as recalled [M]."
    ),
)

DORN_2012 = Source(
    citation=(
        "Dorn TW, Schache AG, Pandy MG (2012) Muscular strategy shift in human running: "
        "dependence of running speed on hip and ankle muscle performance. J Exp Biol "
        "215:1944-1956 (erratum doi:10.1242/jeb.075051)"
    ),
    doi="10.1242/jeb.064527",
    note=(
        "Fig. 2A labels read [R]: stride frequency +10 %, +12 %, +25 % between 3.5, 5.2, 7.0 "
        "and 9.0 m/s; soleus/gastrocnemius drive speed up to ~7 m/s, iliopsoas, gluteus "
        "maximus and hamstrings above it."
    ),
)

LENHART_2014_JOSPT = Source(
    citation=(
        "Lenhart R, Thelen D, Heiderscheit B (2014) Hip muscle loads during running at "
        "various step rates. J Orthop Sports Phys Ther 44:766-774"
    ),
    doi="10.2519/jospt.2014.5575",
    note="Table 1 read at PMC4296582 [R]; peak muscle forces (N/kg) at 90/100/110 % step rate.",
)

LENHART_2014_MSSE = Source(
    citation=(
        "Lenhart RL, Thelen DG, Wille CM, Chumanov ES, Heiderscheit BC (2014) Increasing "
        "running step rate reduces patellofemoral joint forces. Med Sci Sports Exerc 46:557-564"
    ),
    doi="10.1249/MSS.0b013e3182a78c3a",
    note="[S] via SCIENCE.md: +10 % step rate lowers peak patellofemoral force by 14 %. DOI [M].",
)

HEIDERSCHEIT_2011 = Source(
    citation=(
        "Heiderscheit BC, Chumanov ES, Michalski MP, Wille CM, Ryan MB (2011) Effects of step "
        "rate manipulation on joint mechanics during running. Med Sci Sports Exerc 43:296-302"
    ),
    doi="10.1249/MSS.0b013e3181ebedf4",
    note=(
        "Abstract read [R]: less knee energy absorption at +5 and +10 % step rate, less hip "
        "absorption at +10 % only, more at every joint at -10 %. Magnitudes not readable."
    ),
)

ROBERTS_BELLIVEAU_2005 = Source(
    citation=(
        "Roberts TJ, Belliveau RA (2005) Sources of mechanical power for uphill running in "
        "humans. J Exp Biol 208:1963-1970"
    ),
    doi="10.1242/jeb.01555",
    note=(
        "Summary read [R]: hip net stance work per step -0.25 +/- 0.23 J/kg level vs "
        "0.88 +/- 0.10 J/kg at 12 deg; knee and ankle similar at all inclines (N=4, moderate "
        "speed; the speed itself was not read)."
    ),
)

DEVITA_2008 = Source(
    citation=(
        "DeVita P, Janshen L, Rider P, Solnik S, Hortobagyi T (2008) Muscle work is biased "
        "toward energy generation over dissipation in non-level running. J Biomech "
        "41:3354-3359"
    ),
    doi="10.1016/j.jbiomech.2008.09.024",
    note=(
        "Abstract read [R]: +/-10 deg; lower-limb joint work = 86 % (incline) and 71 % "
        "(decline) of the external work; total joint work +1.32 vs -1.03 'J/kg m'."
    ),
)

GOTTSCHALL_KRAM_2005 = Source(
    citation=(
        "Gottschall JS, Kram R (2005) Ground reaction forces during downhill and uphill "
        "running. J Biomech 38:445-452"
    ),
    doi="10.1016/j.jbiomech.2004.04.023",
    note=(
        "Abstract read [R]: 3 m/s; at -9 deg impact peak +54 %, braking peak +73 %; at +9 deg "
        "no impact peak, propulsive peak +75 %."
    ),
)

MONTGOMERY_GRABOWSKI_2018 = Source(
    citation=(
        "Montgomery JR, Grabowski AM (2018) The contributions of ankle, knee and hip joint "
        "work to individual leg work change during uphill and downhill walking over a range "
        "of speeds. R Soc Open Sci 5:180550"
    ),
    doi="10.1098/rsos.180550",
    note="Abstract read [R]: stance joint shares of leg work, 1.0-1.5 m/s, 0/+-3/+-6/+-9 deg.",
)

FRANZ_KRAM_2012 = Source(
    citation=(
        "Franz JR, Kram R (2012) The effects of grade and speed on leg muscle activations "
        "during walking. Gait Posture 35:143-147"
    ),
    doi="10.1016/j.gaitpost.2011.08.025",
    note=(
        "Abstract read [R]: +9 deg raises hip, knee and ankle extensor EMG (BF 635 %, GMAX "
        "345 %); at -9 deg only the knee extensors rise. Volume/DOI as recalled."
    ),
)

CAI_2010 = Source(
    citation=(
        "Cai ZY, Hsu CC, Su CP, Lin CF, Lin YA, Lin CL, Hsu MC (2010) Comparison of lower "
        "limb muscle activation during downhill, level and uphill running. Isokinet Exerc "
        "Sci 18:163-168"
    ),
    doi="10.3233/IES-2010-0379",
    note="Abstract read [R]: orderings only (BF UR>DR; gastrocnemius UR>DR>LR; RF UR>LR>DR).",
)

YOKOZAWA_2007 = Source(
    citation=(
        "Yokozawa T, Fujii N, Ae M (2007) Muscle activities of the lower limb during level "
        "and uphill running. J Biomech 40:3467-3475"
    ),
    doi="10.1016/j.jbiomech.2007.05.028",
    note=(
        "Abstract read [R]: uphill, larger hamstring and iliopsoas activity in swing, smaller "
        "vasti knee-extension torque in support. Authors, volume and DOI as recalled [M]."
    ),
)

KYROLAINEN_2005 = Source(
    citation=(
        "Kyrolainen H, Avela J, Komi PV (2005) Changes in muscle activity with increasing "
        "running speed. J Sports Sci 23:1101-1109"
    ),
    doi="10.1080/02640410400021575",
    note=(
        "Abstract read [R]: aEMG of GM, VL, BF, gastrocnemius and TA rises with speed; at the "
        "higher speeds GM, VL, BF and gastrocnemius exceed 100 % MVC in pre-contact and "
        "braking. Per-speed values are in figures that could not be read."
    ),
)

REBER_1993 = Source(
    citation=(
        "Reber L, Perry J, Pink M (1993) Muscular control of the ankle in running. "
        "Am J Sports Med 21:805-810"
    ),
    doi="10.1177/036354659302100608",
    note=(
        "Abstract read [R]: peroneus brevis peaks in midstance with the other posterior "
        "muscles and rises with pace; tibialis anterior above its fatigue threshold for 85 % "
        "of the cycle."
    ),
)

VAN_OEVEREN_2017 = Source(
    citation=(
        "van Oeveren BT, de Ruiter CJ, Beek PJ, van Dieen JH (2017) Optimal stride "
        "frequencies in running at different speeds. PLoS One 12:e0184273"
    ),
    doi="10.1371/journal.pone.0184273",
    note="Abstract read [R]: novices chose 77, 79, 80 strides/min at 2.4, 2.6, 2.9 m/s.",
)

OUTDOOR_STEP_FREQUENCY_2020 = Source(
    citation=(
        "(authors not visible in the stored copy) (2020) Individual optimal step frequency "
        "during outdoor running. Eur J Sport Sci 20:182-190"
    ),
    doi="10.1080/17461391.2019.1626911",
    note=(
        "Abstract read [R] (PubMed record): 21 experienced recreational runners outdoors; "
        "preferred step frequency 165 +/- 8 steps/min at 3.04 +/- 0.28 m/s, +3 steps/min at "
        "a 15 % higher speed. Complete the author list before publishing."
    ),
)

FARRIS_SAWICKI_2012 = Source(
    citation=(
        "Farris DJ, Sawicki GS (2012) The mechanics and energetics of human walking and "
        "running: a joint level perspective. J R Soc Interface 9:110-118"
    ),
    doi="10.1098/rsif.2011.0182",
    note=(
        "Abstract read [R] (PMC3223624): joint shares of power constant with speed within a "
        "gait; walk-to-run shifts power from hip to ankle."
    ),
)

WALKING_CADENCE_SOURCES = Source(
    citation=(
        "Walking cadence anchors: self-selected overground walking 117 +/- 9.3 steps/min "
        "(PMC10851523, young men); walk-to-run transition at ~135-140 steps/min (Hum Mov Sci "
        "2023;90:103117); Tudor-Locke C et al. (2019) Int J Behav Nutr Phys Act 16:8"
    ),
    doi="10.1186/s12966-019-0769-6",
    note=(
        "Abstracts read [R]. No cadence-speed regression was found: the speeds attached to "
        "the two cadences below (1.3 and 2.0 m/s) are [M]."
    ),
)

# --- stride frequency ------------------------------------------------------------------------

#: Preferred running stride frequency [strides/s] (one stride = two steps) at knot speeds
#: [m/s], interpolated linearly. 3.04 and 3.50 m/s: 82.5 and 84.0 strides/min from the
#: outdoor study (165 steps/min, +3 steps/min at +15 % speed) [R]; 5.2, 7.0, 9.0 m/s: the
#: 3.5 m/s value times Dorn 2012's +10 %, +12 %, +25 % [R]; 1.5 m/s and 10 m/s extend the
#: first and last segments linearly [M].
RUN_STRIDE_FREQUENCY_KNOTS: tuple[tuple[float, float], ...] = (
    (1.5, 1.2917),
    (3.04, 1.375),
    (3.5, 1.400),
    (5.2, 1.540),
    (7.0, 1.7248),
    (9.0, 2.1560),
    (10.0, 2.3716),
)

#: Preferred walking stride frequency [strides/s]: a line through 117 steps/min at 1.3 m/s
#: and 137.5 steps/min at 2.0 m/s (WALKING_CADENCE_SOURCES; speeds [M]).
WALK_STRIDE_FREQUENCY_LINE: tuple[tuple[float, float], tuple[float, float]] = (
    (1.3, 117.0 / 120.0),
    (2.0, 137.5 / 120.0),
)

# --- joint actions and their work per stride -------------------------------------------------

#: Joint actions (one leg), the unit of the work tables. ``pos`` / ``neg`` = concentric /
#: eccentric work of the muscles doing that action.
JOINT_ACTIONS: tuple[str, ...] = (
    "ankle_plantarflex_stance",  # calves (+ peroneals): push-off +, midstance -
    "ankle_dorsiflex",  # tibialis anterior: swing + , foot-strike -
    "knee_extend_stance",  # quadriceps: absorption - then extension +
    "knee_extend_swing",  # quadriceps (rectus femoris): early-swing braking of knee flexion -
    "knee_flex_swing",  # hamstrings: terminal-swing braking of the shank -, some +
    "hip_extend_stance",  # gluteals + hamstrings
    "hip_flex_stance",  # hip flexors (+ rectus femoris): late-stance -, (walking pull-off +)
    "hip_flex_swing",  # hip flexors (+ rectus femoris): early-swing +
    "hip_extend_swing",  # hamstrings + gluteals: mid-swing braking -, late-swing +
)

#: Speeds [m/s] of the level-running work table.
RUN_WORK_SPEEDS: tuple[float, ...] = (1.5, 2.0, 3.5, 5.0, 7.0, 9.0, 10.0)

#: Level running: (positive, negative) work per stride of ONE leg [J/kg] at RUN_WORK_SPEEDS.
#: Anchors read [R]: ankle stance + plateau at 1.3 J/kg from 5 m/s and stance shares at
#: 2.0 m/s (ankle 65 %, hip 5.6 %) (Schache 2015); knee stance work flat from 3.5 m/s and
#: terminal-swing hip/knee work rising most (Schache 2011); hip share rising with speed
#: (Schache 2015). Every absolute value is [M]: shaped on those anchors and on the
#: magnitudes usually reported in running inverse dynamics, chosen so that level net joint
#: work over a stride is close to zero. Replace with Schache 2011 Tables 2-3 when read.
RUN_LEVEL_WORK: MappingProxyType = MappingProxyType(
    {
        "ankle_plantarflex_stance": (
            (0.55, 0.70, 1.05, 1.30, 1.30, 1.30, 1.30),
            (0.45, 0.55, 0.85, 1.05, 1.15, 1.20, 1.20),
        ),
        "ankle_dorsiflex": (
            (0.02, 0.02, 0.03, 0.04, 0.05, 0.06, 0.06),
            (0.03, 0.03, 0.04, 0.05, 0.05, 0.05, 0.05),
        ),
        "knee_extend_stance": (
            (0.25, 0.31, 0.40, 0.45, 0.45, 0.45, 0.45),
            (0.35, 0.42, 0.60, 0.65, 0.68, 0.70, 0.70),
        ),
        "knee_extend_swing": (
            (0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00),
            (0.06, 0.07, 0.10, 0.14, 0.20, 0.25, 0.27),
        ),
        "knee_flex_swing": (
            (0.02, 0.03, 0.05, 0.08, 0.15, 0.25, 0.28),
            (0.12, 0.15, 0.33, 0.60, 1.10, 1.65, 1.85),
        ),
        "hip_extend_stance": (
            (0.05, 0.06, 0.15, 0.30, 0.55, 0.80, 0.90),
            (0.02, 0.03, 0.07, 0.13, 0.14, 0.16, 0.20),
        ),
        "hip_flex_stance": (
            (0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00),
            (0.08, 0.10, 0.22, 0.35, 0.50, 0.65, 0.72),
        ),
        "hip_flex_swing": (
            (0.15, 0.20, 0.40, 0.65, 1.10, 1.60, 1.80),
            (0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00),
        ),
        "hip_extend_swing": (
            (0.08, 0.10, 0.25, 0.45, 0.80, 1.20, 1.35),
            (0.03, 0.05, 0.12, 0.30, 0.62, 1.00, 1.15),
        ),
    }
)

#: Speeds [m/s] of the walking model.
WALK_WORK_SPEEDS: tuple[float, ...] = (0.5, 1.0, 1.5, 2.0, 2.5)

#: Level walking: total positive stance work per stride of one leg [J/kg] [M] (no absolute
#: walking joint work by speed could be read; magnitude typical of walking inverse dynamics).
WALK_STANCE_POSITIVE: tuple[float, ...] = (0.25, 0.45, 0.65, 0.90, 1.15)

#: Walking stance positive shares (ankle, knee, hip) at WALK_WORK_SPEEDS: 0.5-1.5 m/s
#: Montgomery & Grabowski 2018 level ratios 0.42/0.22/0.33 normalised to sum 1 [R]; 2.0 m/s
#: Schache 2015 walking: ankle 52.7 %, hip 23.0 %, knee the rest [R]; 2.5 m/s = 2.0 [M].
WALK_POSITIVE_SHARES: tuple[tuple[float, float, float], ...] = (
    (0.433, 0.227, 0.340),
    (0.433, 0.227, 0.340),
    (0.433, 0.227, 0.340),
    (0.527, 0.243, 0.230),
    (0.527, 0.243, 0.230),
)

#: Walking stance negative shares (ankle, knee, hip), level: Montgomery & Grabowski 2018
#: ankle 0.42, hip 0.19, knee the rest (0.39) [R].
WALK_NEGATIVE_SHARES: tuple[float, float, float] = (0.42, 0.39, 0.19)

#: Walking: fraction of hip stance positive work done by the hip flexors at pull-off (the
#: rest by the extensors after heel strike) [M]; of hip stance negative work, the fraction
#: absorbed by the hip flexors in late stance [M].
WALK_HIP_FLEXOR_FRACTION: MappingProxyType = MappingProxyType({"pos": 0.5, "neg": 0.8})

#: Walking swing and foot-strike work per stride of one leg [J/kg] as a + b*v [M]:
#: hamstring terminal-swing braking, rectus femoris early-swing braking, tibialis anterior
#: foot-strike absorption and swing dorsiflexion.
WALK_SWING_LINEAR: MappingProxyType = MappingProxyType(
    {
        "knee_flex_swing_neg": (0.05, 0.10),
        "knee_extend_swing_neg": (0.02, 0.03),
        "ankle_dorsiflex_neg": (0.03, 0.02),
        "ankle_dorsiflex_pos": (0.01, 0.005),
    }
)

# --- grade -----------------------------------------------------------------------------------

#: Fraction of the potential-energy change per stride done as net lower-limb joint work:
#: 0.86 uphill and 0.71 downhill (DeVita et al. 2008, joint work / external work at +/-10 deg)
#: [R]. The remainder: soft tissue (downhill) and sources outside the sagittal leg joints.
GRADE_JOINT_FRACTION: MappingProxyType = MappingProxyType({"up": 0.86, "down": 0.71})

#: Uphill running: how the added positive work is shared among actions [M], anchored on
#: Roberts & Belliveau 2005 (the hip takes most of the increase: +1.13 J/kg per step at
#: 12 deg) and Yokozawa 2007 (more swing hip-flexor and hamstring activity uphill).
RUN_UPHILL_SHARES: MappingProxyType = MappingProxyType(
    {
        "hip_extend_stance": 0.55,
        "hip_flex_swing": 0.05,
        "hip_extend_swing": 0.05,
        "ankle_plantarflex_stance": 0.25,
        "knee_extend_stance": 0.10,
    }
)

#: Downhill running: how the added negative work is shared [M], anchored on the knee-extensor
#: dominance of downhill braking (Gottschall & Kram 2005 braking peak +73 %; Franz & Kram
#: 2012) and on the walking negative shares at -9 deg (Montgomery & Grabowski 2018).
RUN_DOWNHILL_SHARES: MappingProxyType = MappingProxyType(
    {
        "knee_extend_stance": 0.60,
        "ankle_plantarflex_stance": 0.20,
        "ankle_dorsiflex": 0.05,
        "hip_extend_stance": 0.15,
    }
)

#: Walking uphill shares: Montgomery & Grabowski 2018 positive ratios at +9 deg (ankle 0.42,
#: knee 0.22, hip 0.37) normalised [R]; all the hip part to the extensors [M] (Franz & Kram
#: 2012: BF and GMAX rise most).
WALK_UPHILL_SHARES: MappingProxyType = MappingProxyType(
    {"ankle_plantarflex_stance": 0.41, "knee_extend_stance": 0.22, "hip_extend_stance": 0.37}
)

#: Walking downhill shares: Montgomery & Grabowski 2018 negative ratios at -9 deg (ankle 0.38,
#: hip 0.17, knee the rest 0.45) [R]; ankle split plantar-/dorsiflexors 0.30/0.08 [M]; the
#: hip part to the late-stance hip flexors, because hip extensor EMG does not rise downhill
#: (Franz & Kram 2012) [M].
WALK_DOWNHILL_SHARES: MappingProxyType = MappingProxyType(
    {
        "knee_extend_stance": 0.45,
        "ankle_plantarflex_stance": 0.30,
        "ankle_dorsiflex": 0.08,
        "hip_flex_stance": 0.17,
    }
)

#: Uphill: stance negative work of the knee extensors (and the elastic positive work it
#: feeds) shrinks by this much per unit grade, floored at UPHILL_NEGATIVE_FLOOR [M]: at +9 deg
#: (i = 0.16) the impact peak is gone (Gottschall & Kram 2005). The ankle is left unchanged:
#: uphill running lands more on the forefoot, which keeps ankle absorption [M]. Walking: the
#: ankle, whose share of leg negative work falls from 0.42 to 0.27 at +9 deg (Montgomery &
#: Grabowski 2018) [R direction]; knee extensor EMG rises uphill in walking (Franz & Kram
#: 2012), so the knee is left unchanged [M].
UPHILL_NEGATIVE_ACTIONS: MappingProxyType = MappingProxyType(
    {"run": ("knee_extend_stance",), "walk": ("ankle_plantarflex_stance",)}
)
UPHILL_NEGATIVE_SLOPE: float = 2.0
UPHILL_NEGATIVE_FLOOR: float = 0.4

# --- step rate -------------------------------------------------------------------------------

#: Work per stride of an action scales as (f / f_preferred) ** exponent at a fixed speed.
#: knee stance -1.6: +10 % step rate -> -14 % peak patellofemoral force (Lenhart 2014 MSSE)
#: [S]; hip stance -1.0: mean of gluteus maximus / medius stance force ratios at 90 % and
#: 110 % in Lenhart 2014 JOSPT Table 1 [R, derived]; hip flexion swing +0.6: iliacus early
#: swing 19.29 -> 20.43 N/kg at 110 % [R, derived]; hip extension swing +0.3:
#: semimembranosus late swing 13.54 -> 13.98 [R, derived]; ankle 0 for a higher step rate
#: (Heiderscheit 2011: no change at +5/+10 %) [R] and -0.5 for a lower one (more absorption
#: at every joint at -10 %) [M magnitude].
STEP_RATE_EXPONENTS: MappingProxyType = MappingProxyType(
    {
        "ankle_plantarflex_stance": (-0.5, 0.0),
        "ankle_dorsiflex": (-0.5, 0.0),
        "knee_extend_stance": (-1.6, -1.6),
        "knee_extend_swing": (0.0, 0.0),
        "knee_flex_swing": (0.3, 0.3),
        "hip_extend_stance": (-1.0, -1.0),
        "hip_flex_stance": (-1.0, -1.0),
        "hip_flex_swing": (0.6, 0.6),
        "hip_extend_swing": (0.3, 0.3),
    }
)

#: Step-rate ratios outside this band are clipped (strict: refused). The studies tested
#: 0.90-1.10 (Heiderscheit 2011; Lenhart 2014); the band extends them by 10 points [M].
STEP_RATE_RATIO_LIMITS: tuple[float, float] = (0.8, 1.2)

# --- allocation to the seven groups ----------------------------------------------------------

#: Lenhart 2014 JOSPT Table 1 (100 % step rate) peak forces [N/kg] behind the hip splits [R]:
#: stance hip extension gluteus maximus 15.80 vs semimembranosus 8.38 + biceps femoris long
#: head 3.83; late swing 5.92 vs 13.54 + 5.19; early swing hip flexion iliacus 19.29 +
#: psoas 13.19 vs rectus femoris 8.00.
LENHART_2014_FORCES: MappingProxyType = MappingProxyType(
    {
        "stance_gluteus_maximus": 15.80,
        "stance_hamstrings": 8.38 + 3.83,
        "late_swing_gluteus_maximus": 5.92,
        "late_swing_hamstrings": 13.54 + 5.19,
        "early_swing_iliopsoas": 19.29 + 13.19,
        "early_swing_rectus_femoris": 8.00,
    }
)

#: Peroneal share of ankle plantar-flexor work [M]: no work or force value exists; Reber 1993
#: shows peroneus brevis active with the posterior muscles in midstance. Low confidence.
PERONEAL_SHARE: float = 0.08

_GL = LENHART_2014_FORCES
_G_ST = _GL["stance_gluteus_maximus"] / (_GL["stance_gluteus_maximus"] + _GL["stance_hamstrings"])
_G_SW = _GL["late_swing_gluteus_maximus"] / (
    _GL["late_swing_gluteus_maximus"] + _GL["late_swing_hamstrings"]
)
_RF = _GL["early_swing_rectus_femoris"] / (
    _GL["early_swing_rectus_femoris"] + _GL["early_swing_iliopsoas"]
)

#: Joint action -> {group: fraction}; fractions of one action sum to 1 (documented in
#: docs/models/muscles.md, section "Allocation").
ACTION_ALLOCATION: MappingProxyType = MappingProxyType(
    {
        "ankle_plantarflex_stance": {"calves": 1 - PERONEAL_SHARE, "peroneals": PERONEAL_SHARE},
        "ankle_dorsiflex": {"tibialis_anterior": 1.0},
        "knee_extend_stance": {"quadriceps": 1.0},
        "knee_extend_swing": {"quadriceps": 1.0},
        "knee_flex_swing": {"hamstrings": 1.0},
        "hip_extend_stance": {"gluteals": _G_ST, "hamstrings": 1 - _G_ST},
        "hip_flex_stance": {"hip_flexors": 1 - _RF, "quadriceps": _RF},
        "hip_flex_swing": {"hip_flexors": 1 - _RF, "quadriceps": _RF},
        "hip_extend_swing": {"gluteals": _G_SW, "hamstrings": 1 - _G_SW},
    }
)

# --- activation ------------------------------------------------------------------------------

#: Activation is proportional to the group's "effort rate" pos + ECCENTRIC_WEIGHT * neg
#: [W/kg]: eccentric work needs less activation per unit of work [M, choice].
ECCENTRIC_WEIGHT: float = 0.5

#: Mean activation during each group's active phase (fraction of MVC) in level running at
#: 3.5 m/s [M]. Chosen so that at 9 m/s gastrocnemius (calves), vastus lateralis
#: (quadriceps), biceps femoris (hamstrings) and gluteus maximus (gluteals) exceed 1, as
#: Kyrolainen 2005 reports [R, qualitative]; tibialis anterior kept high at all speeds
#: because it is active through most of the cycle (Reber 1993) [R, qualitative].
RUN_ACTIVATION_AT_REFERENCE: MappingProxyType = MappingProxyType(
    {
        "quadriceps": 0.45,
        "hamstrings": 0.25,
        "gluteals": 0.25,
        "hip_flexors": 0.25,
        "calves": 0.55,
        "tibialis_anterior": 0.35,
        "peroneals": 0.35,
    }
)
RUN_ACTIVATION_REFERENCE_SPEED: float = 3.5

#: Walking at 1.3 m/s, level: mean active-phase activation [M] (typical surface-EMG levels of
#: walking, 10-30 % MVC; not read in a source here).
WALK_ACTIVATION_AT_REFERENCE: MappingProxyType = MappingProxyType(
    {
        "quadriceps": 0.15,
        "hamstrings": 0.15,
        "gluteals": 0.15,
        "hip_flexors": 0.12,
        "calves": 0.30,
        "tibialis_anterior": 0.25,
        "peroneals": 0.20,
    }
)
WALK_ACTIVATION_REFERENCE_SPEED: float = 1.3

#: Valid ranges: speed [m/s] by mode and grade [-].
MUSCLE_SPEED_LIMITS: MappingProxyType = MappingProxyType(
    {"run": (1.5, 10.0), "walk": (0.5, 2.5)}
)
MUSCLE_GRADE_LIMIT: float = 0.45


# =============================================================================================
# exercises — legload.models.exercises
# =============================================================================================
#
# Per-muscle activation of strength exercises as a fraction of MVIC (%MVIC / 100). Every value
# is either read from a published table (a cell of a file in tests/data/published/, named
# below so tests can check it) or a role-based fallback (primary 1.0 / secondary 0.5 /
# stabiliser 0.1 x a reference activation), which legload.models.exercises tags as such.


@dataclass(frozen=True)
class CsvCell:
    """One number of a published table kept in ``tests/data/published/``.

    Attributes:
        file: file name in ``tests/data/published/``.
        match: (column, value) pairs that select exactly one row.
        column: the column holding the number.
        value: the number as printed there (percent of MVIC unless the file says otherwise).
    """

    file: str
    match: tuple[tuple[str, str], ...]
    column: str
    value: float


@dataclass(frozen=True)
class PublishedActivation:
    """A muscle group's activation in one exercise: the mean of ``cells`` / 100.

    Attributes:
        exercise: library name (:mod:`legload.models.exercises`).
        group: one of the seven muscle groups.
        cells: the table cells averaged (the group's muscles, and phases where split).
        source: the paper.
        note: how the cells were combined and what to keep in mind.
    """

    exercise: str
    group: str
    cells: tuple[CsvCell, ...]
    source: Source
    note: str = ""

    @property
    def fraction(self) -> float:
        """Activation as a fraction of MVIC (mean of the cells / 100)."""
        return sum(c.value for c in self.cells) / len(self.cells) / 100.0


KRAUSE_NETO_2020 = Source(
    citation=(
        "Krause Neto W, Soares EG, Vieira TL, Aguiar R, Chola TA, Sampaio VdL, Gama EF (2020) "
        "Gluteus maximus activation during common strength and hypertrophy exercises: a "
        "systematic review. J Sports Sci Med 19(1):195-203"
    ),
    doi="",
    note=(
        "Table 2 read as a text table (PMC7039033): pooled mean %MVIC of gluteus maximus per "
        "exercise across 16 studies; pooled across loads, electrode sites and normalisations."
    ),
)

CONTRERAS_2015 = Source(
    citation=(
        "Contreras B, Vigotsky AD, Schoenfeld BJ, Beardsley C, Cronin J (2015) A comparison of "
        "gluteus maximus, biceps femoris, and vastus lateralis electromyographic activity in the "
        "back squat and barbell hip thrust exercises. J Appl Biomech 31(6):452-458"
    ),
    doi="10.1123/jab.2014-0301",
    note=(
        "Abstract read (mean and peak %MVIC, 13 trained women, 10-RM loads); the DOI is as "
        "recalled. Only the mean values are used."
    ),
)

EBBEN_2009 = Source(
    citation=(
        "Ebben WP, Feldmann CR, Dayne A, Mitsche D, Alexander P, Knetzger KJ (2009) Muscle "
        "activation during lower body resistance training. Int J Sports Med 30(1):1-8"
    ),
    doi="10.1055/s-2008-1038785",
    note=(
        "[S] values from a secondary digest of the paper's bar charts (about +/-5 %MVIC); "
        "bibliographic details as recalled."
    ),
)

HEBERT_LOSIER_2012 = Source(
    citation=(
        "Hebert-Losier K, Schneiders AG, Garcia JA, Sullivan SJ, Simoneau GG (2012) Influence "
        "of knee flexion angle and age on triceps surae muscle activity during heel raises. "
        "J Strength Cond Res 26(11):3124-3133"
    ),
    doi="10.1519/JSC.0b013e31824435cf",
    note=(
        "Abstract read: mean triceps surae activity 23 %MVIC at 0 deg and 21 %MVIC at 45 deg "
        "knee flexion; unilateral body-weight heel raises, 48 adults."
    ),
)

DEADLIFT_EMG_PMC12148905 = Source(
    citation=(
        "PMC12148905 (2025), Table 3: normalized EMG activity (%MVC) in conventional and sumo "
        "deadlifts across phases 1 and 2 (authors, title and journal not yet confirmed)"
    ),
    doi="",
    note=(
        "Table read on the PMC table page; citation incomplete. 'Tibialis' is printed without "
        "'anterior' and is taken as tibialis anterior."
    ),
)

NORDIC_SLDL_ABSTRACT = Source(
    citation=(
        "Individual differences in the distribution of activation among the hamstring muscle "
        "heads during stiff-leg deadlift and Nordic hamstring exercises (20 participants; "
        "authors, journal and year not yet confirmed)"
    ),
    doi="",
    note=(
        "[S] abstract read on a research-discovery page; normalised RMS EMG of BF, SM and ST "
        "in the Nordic hamstring exercise; normalisation presumably to MVC (unverified)."
    ),
)

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
#: %MVIC was found (the 1 primary / 0.5 secondary convention; 0.1 for a stabiliser).
EXERCISE_ROLE_FACTORS = MappingProxyType(
    {"primary": 1.0, "secondary": 0.5, "stabiliser": 0.1, "none": 0.0}
)

#: Reference activation [fraction of MVIC] for the fallback when an exercise has no measured
#: prime mover: the median of the published prime-mover values below (17 values, 0.21-1.25,
#: median 0.725), rounded to 0.75. Model choice; a test checks it against the table.
EXERCISE_FALLBACK_REFERENCE: float = 0.75

#: Hard-set counting (model choices, tagged in docs/models/exercises.md):
#: sets with RIR <= this count in full ...
HARD_SET_RIR_FULL: float = 3.0
#: ... sets with RIR up to this count one half, easier sets count 0.
HARD_SET_RIR_HALF: float = 5.0
#: Effort credit of a set with RIR in (HARD_SET_RIR_FULL, HARD_SET_RIR_HALF].
HARD_SET_EASY_CREDIT: float = 0.5
#: With RIR unknown, sets of at least this many reps count in full, shorter sets one half.
HARD_SET_MIN_REPS_UNKNOWN_RIR: int = 5
#: Muscles whose activation is below this fraction of the exercise's highest get 0 sets.
HARD_SET_MIN_RELATIVE_ACTIVATION: float = 0.2

_KN = "krauseneto2020_table2.csv"
_CO = "contreras2015_abstract.csv"
_EB = "ebben2009_secondary.csv"
_HL = "hebertlosier2012_abstract.csv"
_DL = "pmc12148905_2025_table3.csv"
_NO = "unattributed_nordic_sldl_abstract.csv"


def _kn(row: str) -> CsvCell:
    values = {
        "back_squat_all_variations": 53.10, "deadlift_all_variations": 61.02,
        "hip_thrust_all_variations": 75.41, "front_squat": 40.54,
        "modified_single_leg_squat": 65.6, "step_up_all_variations": 125.09,
        "lunge_all_variations": 66.5, "split_squat": 70.0,
    }
    return CsvCell(_KN, (("exercise", row),), "mean_pct_mvic", values[row])


def _eb(exercise: str, muscle: str, value: float) -> CsvCell:
    return CsvCell(_EB, (("exercise", exercise), ("muscle", muscle)), "pct_mvic_approx", value)


def _dl(muscle: str, phase: str, style: str, value: float) -> CsvCell:
    return CsvCell(_DL, (("muscle", muscle), ("phase", phase)), f"{style}_mean", value)


_DL_AVG = "mean of phases 1 and 2 (a whole repetition)"

#: Published activations used by the exercise library (fraction = mean of the cells / 100).
EXERCISE_PUBLISHED_ACTIVATION: tuple[PublishedActivation, ...] = (
    # back squat
    PublishedActivation("back_squat", "quadriceps",
                        (_eb("squat", "rectus_femoris", 80), _eb("squat", "vastus_lateralis", 90)),
                        EBBEN_2009, "mean of RF and VL; Contreras 2015 VL mean is 110"),
    PublishedActivation("back_squat", "hamstrings",
                        (CsvCell(_CO, (("muscle", "biceps_femoris"), ("measure", "mean")),
                                 "back_squat_pct_mvic", 14.9),), CONTRERAS_2015, "BF mean EMG"),
    PublishedActivation("back_squat", "gluteals", (_kn("back_squat_all_variations"),),
                        KRAUSE_NETO_2020, "pooled, 10 studies"),
    # front squat
    PublishedActivation("front_squat", "gluteals", (_kn("front_squat"),), KRAUSE_NETO_2020),
    # conventional deadlift: one study for every group it covers
    PublishedActivation("deadlift", "quadriceps",
                        (_dl("vastus_lateralis", "1", "conventional", 55.5),
                         _dl("vastus_lateralis", "2", "conventional", 49.1)),
                        DEADLIFT_EMG_PMC12148905, "VL; " + _DL_AVG),
    PublishedActivation("deadlift", "hamstrings",
                        (_dl("biceps_femoris", "1", "conventional", 78.0),
                         _dl("biceps_femoris", "2", "conventional", 77.6)),
                        DEADLIFT_EMG_PMC12148905, "BF; " + _DL_AVG),
    PublishedActivation("deadlift", "gluteals",
                        (_dl("gluteus_maximus", "1", "conventional", 79.1),
                         _dl("gluteus_maximus", "2", "conventional", 77.2),
                         _dl("gluteus_medius", "1", "conventional", 74.6),
                         _dl("gluteus_medius", "2", "conventional", 80.4)),
                        DEADLIFT_EMG_PMC12148905,
                        "GMax and GMed; " + _DL_AVG + "; Krause Neto 2020 pooled GMax is 61.0"),
    PublishedActivation("deadlift", "calves",
                        (_dl("gastrocnemius_lateralis", "1", "conventional", 73.8),
                         _dl("gastrocnemius_lateralis", "2", "conventional", 67.1)),
                        DEADLIFT_EMG_PMC12148905, "GL; " + _DL_AVG),
    PublishedActivation("deadlift", "tibialis_anterior",
                        (_dl("tibialis", "1", "conventional", 81.9),
                         _dl("tibialis", "2", "conventional", 64.7)),
                        DEADLIFT_EMG_PMC12148905, "'Tibialis' taken as TA; " + _DL_AVG),
    # sumo deadlift: same study
    PublishedActivation("sumo_deadlift", "quadriceps",
                        (_dl("vastus_lateralis", "1", "sumo", 63.3),
                         _dl("vastus_lateralis", "2", "sumo", 40.0)),
                        DEADLIFT_EMG_PMC12148905, "VL; " + _DL_AVG),
    PublishedActivation("sumo_deadlift", "hamstrings",
                        (_dl("biceps_femoris", "1", "sumo", 71.3),
                         _dl("biceps_femoris", "2", "sumo", 69.9)),
                        DEADLIFT_EMG_PMC12148905, "BF; " + _DL_AVG),
    PublishedActivation("sumo_deadlift", "gluteals",
                        (_dl("gluteus_maximus", "1", "sumo", 71.2),
                         _dl("gluteus_maximus", "2", "sumo", 74.2),
                         _dl("gluteus_medius", "1", "sumo", 75.9),
                         _dl("gluteus_medius", "2", "sumo", 75.9)),
                        DEADLIFT_EMG_PMC12148905, "GMax and GMed; " + _DL_AVG),
    PublishedActivation("sumo_deadlift", "calves",
                        (_dl("gastrocnemius_lateralis", "1", "sumo", 73.4),
                         _dl("gastrocnemius_lateralis", "2", "sumo", 68.1)),
                        DEADLIFT_EMG_PMC12148905, "GL; " + _DL_AVG),
    PublishedActivation("sumo_deadlift", "tibialis_anterior",
                        (_dl("tibialis", "1", "sumo", 64.3),
                         _dl("tibialis", "2", "sumo", 63.3)),
                        DEADLIFT_EMG_PMC12148905, "'Tibialis' taken as TA; " + _DL_AVG),
    # lunge, split squat, single-leg squat, step-up
    PublishedActivation("walking_lunge", "quadriceps",
                        (_eb("lunge", "rectus_femoris", 80), _eb("lunge", "vastus_lateralis", 90)),
                        EBBEN_2009, "mean of RF and VL"),
    PublishedActivation("walking_lunge", "gluteals", (_kn("lunge_all_variations"),),
                        KRAUSE_NETO_2020),
    PublishedActivation("split_squat", "gluteals", (_kn("split_squat"),), KRAUSE_NETO_2020),
    PublishedActivation("single_leg_squat", "gluteals", (_kn("modified_single_leg_squat"),),
                        KRAUSE_NETO_2020),
    PublishedActivation("step_up", "quadriceps",
                        (_eb("step_up", "rectus_femoris", 65),
                         _eb("step_up", "vastus_lateralis", 80)),
                        EBBEN_2009, "mean of RF and VL"),
    PublishedActivation("step_up", "gluteals", (_kn("step_up_all_variations"),),
                        KRAUSE_NETO_2020, "one study, four variants; above 100 %MVIC"),
    # hip thrust
    PublishedActivation("hip_thrust", "quadriceps",
                        (CsvCell(_CO, (("muscle", "vastus_lateralis"), ("measure", "mean")),
                                 "hip_thrust_pct_mvic", 99.5),), CONTRERAS_2015, "VL mean EMG"),
    PublishedActivation("hip_thrust", "hamstrings",
                        (CsvCell(_CO, (("muscle", "biceps_femoris"), ("measure", "mean")),
                                 "hip_thrust_pct_mvic", 40.8),), CONTRERAS_2015, "BF mean EMG"),
    PublishedActivation("hip_thrust", "gluteals", (_kn("hip_thrust_all_variations"),),
                        KRAUSE_NETO_2020, "pooled, 5 studies"),
    # calf raises
    PublishedActivation("calf_raise_straight_knee", "calves",
                        (CsvCell(_HL, (("muscle", "triceps_surae_mean"),
                                       ("knee_flexion_deg", "0")), "value", 23.0),),
                        HEBERT_LOSIER_2012, "body-weight heel raise, knee straight"),
    PublishedActivation("calf_raise_bent_knee", "calves",
                        (CsvCell(_HL, (("muscle", "triceps_surae_mean"),
                                       ("knee_flexion_deg", "45")), "value", 21.0),),
                        HEBERT_LOSIER_2012,
                        "measured at 45 deg knee flexion; seated raises bend the knee further"),
    # Nordic hamstring curl
    PublishedActivation("nordic_hamstring_curl", "hamstrings",
                        (CsvCell(_NO, (("exercise", "nordic_hamstring"),
                                       ("muscle", "biceps_femoris")), "mean_pct", 64.5),
                         CsvCell(_NO, (("exercise", "nordic_hamstring"),
                                       ("muscle", "semimembranosus")), "mean_pct", 48.6),
                         CsvCell(_NO, (("exercise", "nordic_hamstring"),
                                       ("muscle", "semitendinosus")), "mean_pct", 55.9)),
                        NORDIC_SLDL_ABSTRACT, "mean of BF, SM and ST"),
    # leg extension
    PublishedActivation("leg_extension", "quadriceps",
                        (_eb("leg_extension", "rectus_femoris", 90),
                         _eb("leg_extension", "vastus_lateralis", 80)),
                        EBBEN_2009, "mean of RF and VL"),
)
