"""Published numbers and model choices behind :mod:`legload.models.adaptation.model`, each with its
source.

Tags in the notes: **[R]** read at the source named (for most papers here: the abstract, read in
a stored copy of the journal page, PubMed or PubMed Central record); **[S]** read only in a
secondary transcription; **[M]** a model choice, or a value recalled that could not be checked
— a number to replace when the paper is read. ``tests/data/published/`` holds the numbers that
were read, one CSV per source, and the tests check the constants below against them.

The model functions take these numbers as one frozen :class:`AdaptationParameters` argument
whose default, :data:`PUBLISHED`, is the set below (the risk flags' numbers are in
:mod:`legload.models.risk.parameters`).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from legload.models.adaptation.eccentric import (
    BONTEMPS_2020,
    MAEO_2017,
    NOVEL_ECCENTRIC_J_KG,
)
from legload.models.sources import Source

# --- Schoenfeld, Ogborn & Krieger 2017: weekly sets and hypertrophy ---------------------------

SCHOENFELD_OGBORN_KRIEGER_2017 = Source(
    citation=(
        "Schoenfeld BJ, Ogborn D, Krieger JW (2017) Dose-response relationship between weekly "
        "resistance training volume and increases in muscle mass: a systematic review and "
        "meta-analysis. J Sports Sci 35(11):1073-1082"
    ),
    doi="10.1080/02640414.2016.1210197",
    note=(
        "[R] abstract (PubMed record and the article's first page): 34 treatment groups from "
        "15 studies; each additional weekly set +0.023 ES, i.e. +0.37 % gain; higher vs lower "
        "volume within studies: ES difference 0.241 = 3.9 % gain difference (P = 0.03); "
        "three-level categories (<5, 5-9, 10+ sets per muscle per week) a trend only "
        "(P = 0.074). Category means [S]: 5.4 % for <5 sets quoted from the first author's "
        "own summary in a bibliography page; 9.8 % for 10+ sets from a critique quoting "
        "Table 2; 6.6 % for 5-9 sets [M] as recalled. File: schoenfeld2017_abstract.csv."
    ),
)

#: Hypertrophy gain per additional weekly set, percent of baseline muscle size.  [R]
PCT_GAIN_PER_WEEKLY_SET: float = 0.37
#: The same as an effect size per weekly set.  [R]
ES_PER_WEEKLY_SET: float = 0.023
#: Gain difference between the higher- and lower-volume arms of the same studies (%).  [R]
HIGHER_VS_LOWER_VOLUME_PCT: float = 3.9

#: Three-level categories of weekly hard sets per muscle -> mean gain over the studies' length
#: (%): (lower bound of the category in sets, mean %). <5 and 10+ [S]; 5-9 [M].
SET_CATEGORY_GAIN_PCT: tuple[tuple[float, float], ...] = ((0.0, 5.4), (5.0, 6.6), (10.0, 9.8))
#: Labels of the same categories, for the drivers.  [M] (wording of the category bounds above)
SET_CATEGORY_LABELS: tuple[str, ...] = ("fewer than 5", "5-9", "10 or more")

#: The meta-analysed studies mostly lasted two to three months, so the gains are read as "per
#: 8-12 weeks".  [M] (study durations not read in the paper's table)
GROWTH_PERIOD_WEEKS: tuple[int, int] = (8, 12)

#: Fewest hard-set equivalents per muscle per week that legload calls a building stimulus.
#: The lowest arms of the meta-analysed studies trained about 1 set per exercise 2-3 times a
#: week.  [M] model choice
BUILD_MIN_SETS: float = 2.0

#: Individual responses scatter widely around the meta-analytic means: the band before any
#: moderator is the category mean x (1 -/+ this).  [M] model choice (no per-person spread read)
INTRINSIC_SPREAD: float = 0.3

#: A band whose midpoint is at least this many percent counts as "building".  [M]
BUILDING_MIN_PCT: float = 1.0

#: Size bands on the band's midpoint (%): below the first -> small, below the second ->
#: moderate, else large.  [M] model choice
SIZE_BAND_PCT: tuple[float, float] = (3.0, 7.0)

# --- brief running efforts as set equivalents (legload convention) ---------------------------

BRIEF_EFFORT_SET_RULE = Source(
    citation=(
        "legload convention: seconds of brief near-maximal running efforts (sprints, strides, "
        "short steep hills; legload.analysis.muscle_load) converted to hard-set equivalents"
    ),
    doi="",
    note=(
        "[M] model choice. A hard set of 6-12 repetitions lasts roughly 20-40 s of near-maximal "
        "recruitment, so 30 s of brief efforts at or above the high-activation threshold count "
        "as one set; the credit per week is capped because Steele et al. 2021 found no "
        "fat-free-mass difference between interval and continuous endurance training."
    ),
)

#: Seconds of brief near-maximal efforts that count as one hard-set equivalent.  [M]
BRIEF_EFFORT_S_PER_SET: float = 30.0
#: Most hard-set equivalents per muscle per week that running efforts may contribute.  [M]
BRIEF_EFFORT_MAX_SETS: float = 4.0

# --- Wilson et al. 2012; Schumann et al. 2022; Lundberg et al. 2022: concurrent training -----

WILSON_2012 = Source(
    citation=(
        "Wilson JM, Marin PJ, Rhea MR, Wilson SMC, Loenneke JP, Anderson JC (2012) Concurrent "
        "training: a meta-analysis examining interference of aerobic and resistance exercises. "
        "J Strength Cond Res 26(8):2293-2307"
    ),
    doi="10.1519/JSC.0b013e31823a3e2d",
    note=(
        "[R] abstract: 21 studies, 422 effect sizes; hypertrophy ES strength-only 1.23, "
        "endurance-only 0.27, concurrent 0.85; strength ES strength-only 1.76, endurance 0.78; "
        "negative correlations of ES with frequency and duration of the endurance training; "
        "interference depends on modality, frequency and duration; running (not cycling) "
        "blunted hypertrophy [R per SCIENCE.md notes]. File: wilson2012_abstract.csv."
    ),
)

#: Hypertrophy effect sizes by training type.  [R]
WILSON_2012_HYPERTROPHY_ES = MappingProxyType(
    {"strength": 1.23, "concurrent": 0.85, "endurance": 0.27}
)
#: Concurrent / strength-only hypertrophy ES: the low end of the interference range.  [R] (the
#: ratio of Wilson 2012's two effect sizes above, computed here)
CONCURRENT_LOW_FACTOR: float = round(
    WILSON_2012_HYPERTROPHY_ES["concurrent"] / WILSON_2012_HYPERTROPHY_ES["strength"], 3
)

SCHUMANN_2022 = Source(
    citation=(
        "Schumann M, Feuerbacher JF, Sunkeler M, Freitag N, Ronnestad BR, Doma K, Lundberg TR "
        "(2022) Compatibility of concurrent aerobic and strength training for skeletal muscle "
        "size and function: an updated systematic review and meta-analysis. "
        "Sports Med 52(3):601-612"
    ),
    doi="10.1007/s40279-021-01587-7",
    note=(
        "[R] abstract (PMC8891239): 43 studies; concurrent vs strength-only SMD: maximal "
        "strength -0.06, explosive strength -0.28, hypertrophy -0.01 (95 % CI -0.16 to 0.18); "
        "no moderator effect of running vs cycling or frequency. Pages as recalled [M]. "
        "File: schumann2022_abstract.csv."
    ),
)

#: Concurrent vs strength-only whole-muscle hypertrophy, SMD.  [R]
SCHUMANN_2022_HYPERTROPHY_SMD: float = -0.01
#: The high end of the interference range: no loss of whole-muscle growth.
CONCURRENT_HIGH_FACTOR: float = 1.0

LUNDBERG_2022 = Source(
    citation=(
        "Lundberg TR, Feuerbacher JF, Sunkeler M, Schumann M (2022) The effects of concurrent "
        "aerobic and strength training on muscle fiber hypertrophy: a systematic review and "
        "meta-analysis. Sports Med 52(10):2391-2403"
    ),
    doi="10.1007/s40279-022-01688-x",
    note=(
        "[R] abstract (PMC9474354): 15 studies; fibre hypertrophy SMD -0.23 (95 % CI -0.46 "
        "to -0.00); type I -0.34, type II -0.13; a type I penalty when the aerobic training was "
        "running, not cycling. File: lundberg2022_abstract.csv."
    ),
)

#: Concurrent vs strength-only fibre hypertrophy, SMD.  [R]
LUNDBERG_2022_FIBRE_SMD: float = -0.23

#: Weekly running minutes from which the concurrent-training range applies.  Wilson 2012 found
#: larger interference with more frequent and longer endurance sessions; the threshold is a
#: model choice (about three 20-min runs).  [M]
CONCURRENT_MIN_RUN_MINUTES: float = 60.0

# --- training age: aerobic hypertrophy in the untrained ----------------------------------------

HARBER_2012 = Source(
    citation=(
        "Harber MP, Konopka AR, Undem MK, Hinkley JM, Minchev K, Kaminsky LA, Trappe TA, "
        "Trappe S (2012) Aerobic exercise training induces skeletal muscle hypertrophy and "
        "age-dependent adaptations in myofiber function in young and older men. "
        "J Appl Physiol 113(9):1495-1504"
    ),
    doi="10.1152/japplphysiol.00786.2012",
    note=(
        "[R] abstract (PMC3524668): 7 young (20 y) and 6 older (74 y) untrained men, 12 weeks "
        "of cycle-ergometer training; quadriceps volume (MRI) +5 +/- 1 % and +6 +/- 1 %. "
        "File: harber2012_abstract.csv."
    ),
)

#: Quadriceps volume gain after 12 weeks of aerobic training in the untrained (%): young, old.
#: [R] (Harber 2012 abstract)
HARBER_2012_QUADRICEPS_GAIN_PCT: tuple[float, float] = (5.0, 6.0)

KONOPKA_HARBER_2014 = Source(
    citation=(
        "Konopka AR, Harber MP (2014) Skeletal muscle hypertrophy after aerobic exercise "
        "training. Exerc Sport Sci Rev 42(2):53-61"
    ),
    doi="10.1249/JES.0000000000000007",
    note="[R] abstract (PMC4523889): aerobic training can induce hypertrophy (review).",
)

OZAKI_2013 = Source(
    citation=(
        "Ozaki H, Loenneke JP, Thiebaud RS, Stager JM, Abe T (2013) Possibility of leg muscle "
        "hypertrophy by ambulation in older adults: a brief review. "
        "Clin Interv Aging 8:369-375"
    ),
    doi="10.2147/CIA.S43837",
    note=(
        "[R] abstract: walking/jogging for over half a year may grow leg muscle in older "
        "adults; competitive marathon and regular high-intensity distance running in young "
        "and middle-aged adults may not produce leg hypertrophy."
    ),
)

OZAKI_2015 = Source(
    citation=(
        "Ozaki H, Loenneke JP, Thiebaud RS, Abe T (2015) Cycle training induces muscle "
        "hypertrophy and strength gain: strategies and mechanisms. "
        "Acta Physiol Hung 102(1):1-22"
    ),
    doi="10.1556/APhysiol.102.2015.1.1",
    note=(
        "[R] abstract: cycle training grows muscle similarly in young and older adults but "
        "more slowly than resistance training."
    ),
)

#: Running history below which aerobic work alone may still grow the legs (years).  [M]
#: (Harber 2012 and Ozaki 2013 studied untrained people; Ozaki 2013: little in trained runners)
AEROBIC_GROWTH_MAX_RUNNING_YEARS: float = 1.0
#: Weekly running minutes that make a new aerobic stimulus (Harber's cyclists trained 3-4
#: times a week for 20-45 min).  [M]
AEROBIC_GROWTH_MIN_RUN_MINUTES: float = 60.0

#: Lifting history from which the rate of gain is taken as halved.  [M] recalled principle
#: (trained lifters gain more slowly than novices); no meta-analytic factor was read.
TRAINED_LIFTER_YEARS: float = 3.0
#: The factor of that halving.  [M] (same recalled principle; no factor was read)
TRAINED_LIFTER_FACTOR: float = 0.5

# --- Steele et al. 2021: interval vs continuous ------------------------------------------------

STEELE_2021 = Source(
    citation=(
        "Steele J, Plotkin D, Van Every D, Rosa A, Zambrano H, Mendelovits B, "
        "Carrasquillo-Mercado M, Grgic J, Schoenfeld BJ (2021) Slow and steady, or hard and "
        "fast? A systematic review and meta-analysis of studies comparing body composition "
        "changes between interval training and moderate intensity continuous training. "
        "Sports 9(11):155"
    ),
    doi="10.3390/sports9110155",
    note=(
        "[R] abstract (PMC8619923): fat-free mass, interval vs continuous, SMD -0.0004 "
        "(95 % CI -0.05 to 0.05); GRADE high certainty; changes likely minimal anyway."
    ),
)

#: Interval vs continuous training, fat-free mass SMD.  [R]
STEELE_2021_FFM_SMD: float = -0.0004

# --- Morton et al. 2018: protein -------------------------------------------------------------

MORTON_2018 = Source(
    citation=(
        "Morton RW, Murphy KT, McKellar SR, Schoenfeld BJ, Henselmans M, Helms E, Aragon AA, "
        "Devries MC, Banfield L, Krieger JW, Phillips SM (2018) A systematic review, "
        "meta-analysis and meta-regression of the effect of protein supplementation on "
        "resistance training-induced gains in muscle mass and strength in healthy adults. "
        "Br J Sports Med 52(6):376-384"
    ),
    doi="10.1136/bjsports-2017-097608",
    note=(
        "[R] abstract: 49 RCTs, 1863 participants; supplementation +0.30 kg FFM "
        "(0.09-0.52); no further gain above a total intake of 1.62 g/kg/day (breakpoint "
        "95 % CI 1.03-2.20). File: morton2018_abstract.csv."
    ),
)

#: Protein intake above which supplementation gave no further FFM gain (g/kg/day).  [R]
PROTEIN_PLATEAU_G_KG: float = 1.62
#: Extra FFM with protein supplementation during resistance training (kg).  [R]
PROTEIN_FFM_GAIN_KG: float = 0.30

# --- energy balance: Murphy & Koehler 2022; Garthe et al. 2011 --------------------------------

MURPHY_KOEHLER_2022 = Source(
    citation=(
        "Murphy C, Koehler K (2022) Energy deficiency impairs resistance training gains in "
        "lean mass but not strength: a meta-analysis and meta-regression. "
        "Scand J Med Sci Sports 32(1):125-137"
    ),
    doi="10.1111/sms.14075",
    note=(
        "[R] abstract: lean-mass gains impaired in an energy deficit (ES -0.57, p = 0.02), "
        "strength not (ES -0.31, p = 0.28); the meta-regression found that a deficit of "
        "~500 kcal/day prevented lean-mass gains. File: murphykoehler2022_abstract.csv."
    ),
)

#: Energy deficit that prevented lean-mass gains in the meta-regression (kcal/day): the low end
#: of the band reaches zero here.  [R]
DEFICIT_NO_GAIN_KCAL: float = 500.0

GARTHE_2011 = Source(
    citation=(
        "Garthe I, Raastad T, Refsnes PE, Koivisto A, Sundgot-Borgen J (2011) Effect of two "
        "different weight-loss rates on body composition and strength and power-related "
        "performance in elite athletes. Int J Sport Nutr Exerc Metab 21(2):97-104"
    ),
    doi="10.1123/ijsnem.21.2.97",
    note=(
        "[R] abstract: 24 elite athletes with 4 resistance sessions a week; slow loss "
        "(0.7 %/week, intake -19 %) raised lean body mass 2.1 %; fast loss (1.4 %/week, "
        "intake -30 %) left it unchanged (-0.2 %). File: garthe2011_abstract.csv."
    ),
)

#: Deficit at which the HIGH end of the band reaches zero (kcal/day).  Garthe's slow group
#: still gained lean mass with intake cut by 19 % (for an athlete eating ~3000 kcal, roughly
#: 550 kcal/day), so the optimistic end fades more slowly than Murphy & Koehler's.  [M]
DEFICIT_NO_GAIN_HIGH_KCAL: float = 1000.0
#: Without a building stimulus, a deficit from this size counts as "losing".  [M] (taken equal
#: to Murphy & Koehler's no-gain deficit)
LOSING_DEFICIT_KCAL: float = 500.0
#: A losing verdict is "moderate" in size from this deficit, else "small".  [M]
LOSING_MODERATE_DEFICIT_KCAL: float = 1000.0

#: Weekly work (J/kg) below which a muscle's low-intensity work is not called an endurance
#: stimulus: about 10 min of easy running for the least-loaded group (tibialis anterior,
#: ~0.07 W/kg in legload.models.locomotion.muscles at 3 m/s).  [M]
ENDURANCE_MIN_J_KG: float = 50.0

#: Eccentric share of a muscle's weekly work from which the drivers mention eccentric load
#: (downhill running, braking).  [M]
ECCENTRIC_NOTE_SHARE: float = 0.6

#: Muscles that aerobic training of each modality may grow in the untrained (Harber 2012
#: measured the quadriceps of cyclists [R]; for running, the calves and hip extensors, the
#: groups that do most of its positive work [M]; walking is not credited [M]). Jogging's
#: tibialis anterior and peroneals work at low force throughout the stride: no growth.
NOVICE_AEROBIC_MUSCLES = MappingProxyType({
    "cycling": ("quadriceps",),
    "running": ("calves", "gluteals", "hamstrings"),
})
#: Weeks of a new aerobic modality before its growth counts: Harber's cyclists trained 12
#: weeks; hypertrophy is rarely measurable before about 6-8 weeks of training.  [M]
AEROBIC_GROWTH_MIN_WEEKS: float = 8.0

#: Every source of this module, for docs and tests.
ADAPTATION_SOURCES: tuple[Source, ...] = (
    SCHOENFELD_OGBORN_KRIEGER_2017, BRIEF_EFFORT_SET_RULE, WILSON_2012, SCHUMANN_2022,
    LUNDBERG_2022, HARBER_2012, KONOPKA_HARBER_2014, OZAKI_2013, OZAKI_2015, STEELE_2021,
    MORTON_2018, MURPHY_KOEHLER_2022, GARTHE_2011, BONTEMPS_2020, MAEO_2017,
)


@dataclass(frozen=True)
class AdaptationParameters:
    """The numbers :mod:`legload.models.adaptation.model` runs on; defaults are the set above.

    Pass another set to any model function, e.g.
    ``expected_adaptation(..., params=AdaptationParameters(build_min_sets=3.0))``. Each field
    is the module constant of the same name in capitals, where its source and tag are given.
    """

    pct_gain_per_weekly_set: float = PCT_GAIN_PER_WEEKLY_SET
    set_category_gain_pct: tuple[tuple[float, float], ...] = SET_CATEGORY_GAIN_PCT
    set_category_labels: tuple[str, ...] = SET_CATEGORY_LABELS
    build_min_sets: float = BUILD_MIN_SETS
    intrinsic_spread: float = INTRINSIC_SPREAD
    building_min_pct: float = BUILDING_MIN_PCT
    size_band_pct: tuple[float, float] = SIZE_BAND_PCT
    brief_effort_s_per_set: float = BRIEF_EFFORT_S_PER_SET
    brief_effort_max_sets: float = BRIEF_EFFORT_MAX_SETS
    concurrent_low_factor: float = CONCURRENT_LOW_FACTOR
    concurrent_min_run_minutes: float = CONCURRENT_MIN_RUN_MINUTES
    aerobic_growth_pct: tuple[float, float] = HARBER_2012_QUADRICEPS_GAIN_PCT
    aerobic_growth_max_running_years: float = AEROBIC_GROWTH_MAX_RUNNING_YEARS
    aerobic_growth_min_run_minutes: float = AEROBIC_GROWTH_MIN_RUN_MINUTES
    trained_lifter_years: float = TRAINED_LIFTER_YEARS
    trained_lifter_factor: float = TRAINED_LIFTER_FACTOR
    protein_plateau_g_kg: float = PROTEIN_PLATEAU_G_KG
    deficit_no_gain_kcal: float = DEFICIT_NO_GAIN_KCAL
    deficit_no_gain_high_kcal: float = DEFICIT_NO_GAIN_HIGH_KCAL
    losing_deficit_kcal: float = LOSING_DEFICIT_KCAL
    losing_moderate_deficit_kcal: float = LOSING_MODERATE_DEFICIT_KCAL
    endurance_min_j_kg: float = ENDURANCE_MIN_J_KG
    eccentric_note_share: float = ECCENTRIC_NOTE_SHARE
    aerobic_growth_min_weeks: float = AEROBIC_GROWTH_MIN_WEEKS
    novel_eccentric_j_kg: float = NOVEL_ECCENTRIC_J_KG


#: The published set: every model function's default ``params``.
PUBLISHED = AdaptationParameters()
