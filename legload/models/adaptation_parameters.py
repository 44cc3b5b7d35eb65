"""Published numbers and model choices behind :mod:`legload.models.adaptation` and
:mod:`legload.models.risk`, each with its source.

Tags in the notes: **[R]** read at the source named (for most papers here: the abstract, read in
a stored copy of the journal page, PubMed or PubMed Central record); **[S]** read only in a
secondary transcription; **[M]** a model choice, or a value recalled that could not be checked
— a number to replace when the paper is read. ``tests/data/published/`` holds the numbers that
were read, one CSV per source, and the tests check the constants below against them.

Sections: **adaptation** (dose-response of hypertrophy and its moderators) and **risk** (load
progression, acute:chronic ratio and the muscle-specific flags).
"""

from __future__ import annotations

from types import MappingProxyType

from legload.models.parameters import Source

# =============================================================================================
# adaptation — legload.models.adaptation
# =============================================================================================

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
#: Labels of the same categories, for the drivers.
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
#: Concurrent / strength-only hypertrophy ES: the low end of the interference range.
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
#: ~0.07 W/kg in legload.models.muscles at 3 m/s).  [M]
ENDURANCE_MIN_J_KG: float = 50.0

#: Eccentric share of a muscle's weekly work from which the drivers mention eccentric load
#: (downhill running, braking).  [M]
ECCENTRIC_NOTE_SHARE: float = 0.6

BONTEMPS_2020 = Source(
    citation=(
        "Bontemps B, Vercruyssen F, Gruet M, Louis J (2020) Downhill running: what are the "
        "effects and how can we adapt? A narrative review. Sports Med 50(12):2083-2110"
    ),
    doi="10.1007/s40279-020-01355-z",
    note=(
        "[R] abstract: downhill running causes exercise-induced muscle damage (strength loss, "
        "creatine kinase, soreness), most in the least accustomed; prior exposure to downhill "
        "running is the best-supported protection (repeated-bout effect)."
    ),
)

MAEO_2017 = Source(
    citation=(
        "Maeo S, Ando Y, Kanehisa H, Kawakami Y (2017) Localization of damage in the human "
        "leg muscles induced by downhill running. Sci Rep 7:5769"
    ),
    doi="10.1038/s41598-017-06129-8",
    note=(
        "[R] abstract: 45 min at -15 % in 14 young adults: knee-extensor torque -14 to 17 %, "
        "plantar flexors -6 to 8 % at 24-48 h; damage largest in the vastus intermedius."
    ),
)

# =============================================================================================
# risk — legload.models.risk
# =============================================================================================

NIELSEN_2014_JOSPT = Source(
    citation=(
        "Nielsen RO, Parner ET, Nohr EA, Sorensen H, Lind M, Rasmussen S (2014) Excessive "
        "progression in weekly running distance and risk of running-related injuries: an "
        "association which varies according to type of injury. "
        "J Orthop Sports Phys Ther 44(10):739-747"
    ),
    doi="10.2519/jospt.2014.5164",
    note=(
        "[R] abstract (Aalborg University record): 874 novices with GPS watches, 202 injured; "
        "no overall difference across <10 %, 10-30 %, >30 % progression; distance-related "
        "injuries (incl. medial tibial stress syndrome) HR 1.59 (95 % CI 0.96-2.66, P = 0.07) "
        "for >30 % vs <10 % over a 2-week period. Pages and DOI as recalled [M]. "
        "File: nielsen2014_jospt_abstract.csv."
    ),
)

#: Weekly progression above which a load counts as a spike (fraction).  [R] (Nielsen's >30 %)
SPIKE_FRACTION: float = 0.30
#: Nielsen's hazard ratio, its 95 % CI and P for >30 % vs <10 % progression.  [R]
NIELSEN_2014_HR: float = 1.59
NIELSEN_2014_HR_CI: tuple[float, float] = (0.96, 2.66)
NIELSEN_2014_P: float = 0.07
#: Weeks averaged for the "chronic" comparison in the weekly rule.  [M] (4 weeks, as in the
#: common 7:28-day acute:chronic windows)
SPIKE_MEAN_WEEKS: int = 4
#: A muscle's weekly load must reach this (J/kg) before a rise is called a spike, so a few
#: joules more on a nearly idle muscle do not raise a flag.  [M]
SPIKE_MIN_LOAD_J_KG: float = 20.0

NIELSEN_2014_PLOSONE = Source(
    citation=(
        "Nielsen RO, Ronnow L, Rasmussen S, Lind M (2014) A prospective study on time to "
        "recovery in 254 injured novice runners. PLoS ONE 9(6):e99877"
    ),
    doi="10.1371/journal.pone.0099877",
    note=(
        "[R] abstract (PMC4055729): of 254 injured novices, 15 % had medial tibial stress "
        "syndrome, the most common diagnosis (patellofemoral pain 10 %, medial meniscus 9 %, "
        "Achilles 7 %, plantar fasciitis 5 %). File: nielsen2014_plosone_abstract.csv."
    ),
)

#: Share of novice running injuries diagnosed as medial tibial stress syndrome.  [R]
MTSS_SHARE_OF_NOVICE_INJURIES: float = 0.15

NEWMAN_2013 = Source(
    citation=(
        "Newman P, Witchalls J, Waddington G, Adams R (2013) Risk factors associated with "
        "medial tibial stress syndrome in runners: a systematic review and meta-analysis. "
        "Open Access J Sports Med 4:229-241"
    ),
    doi="10.2147/OAJSM.S39331",
    note=(
        "[R] abstract: MTSS affects 5-35 % of runners; fewer years of running experience "
        "associated with MTSS (SMD -0.74); also prior orthotic use, hip external rotation in "
        "men, BMI, navicular drop, previous MTSS."
    ),
)

#: Running history below which a runner counts as new for the shin-splints rule (years).  [M]
#: (Newman 2013: fewer years of running is a risk factor; the cut-off is a model choice)
NEW_RUNNER_YEARS: float = 1.0

REINKING_2017 = Source(
    citation=(
        "Reinking MF, Austin TM, Richter RR, Krieger MM (2017) Medial tibial stress syndrome "
        "in active individuals: a systematic review and meta-analysis of risk factors. "
        "Sports Health 9(3):252-261"
    ),
    doi="10.1177/1941738116673299",
    note=(
        "[R] abstract: MTSS is diffuse pain along the posteromedial border of the tibia; female "
        "sex OR 2.35 among the significant pooled risk factors. Pages as recalled [M]."
    ),
)

DUHIG_2016 = Source(
    citation=(
        "Duhig S, Shield AJ, Opar D, Gabbett TJ, Ferguson C, Williams M (2016) Effect of "
        "high-speed running on hamstring strain injury risk. Br J Sports Med 50(24):1536-1540"
    ),
    doi="10.1136/bjsports-2015-095679",
    note=(
        "[R] abstract: one Australian football team over two seasons; high-speed running "
        "above a player's typical session mean in the week before raised the odds of a "
        "hamstring strain (OR 6.44, 95 % CI 2.99-14.41); summed weeks -1 to -4 OR 1.96. "
        "Footballers, not runners. File: duhig2016_abstract.csv."
    ),
)

#: Duhig 2016 odds ratio for above-typical high-speed running in the preceding week.  [R]
DUHIG_2016_OR_WEEK1: float = 6.44
#: Fewest brief-effort seconds in a week that make a sprint exposure worth flagging: the
#: strength-stimulus threshold of legload.analysis.muscle_load.  [M]
SPRINT_MIN_S: float = 30.0

#: Muscles whose eccentric load is watched for downhill spikes.  [M] (DESIGN 4.6; Maeo 2017:
#: downhill damage is largest in the knee extensors)
ECCENTRIC_SPIKE_MUSCLES: tuple[str, ...] = ("quadriceps",)
#: Muscles whose brief-effort seconds are watched for sprint spikes.  [M] (Duhig 2016)
SPRINT_SPIKE_MUSCLES: tuple[str, ...] = ("hamstrings",)
#: Muscle watched for shin splints in new runners.  [M] DESIGN 4.6 uses tibialis-anterior load
#: as the model's marker for the shin; MTSS pain itself is posteromedial (Reinking 2017).
SHIN_MUSCLE: str = "tibialis_anterior"

# --- acute:chronic workload ratio --------------------------------------------------------------

WILLIAMS_2017 = Source(
    citation=(
        "Williams S, West S, Cross MJ, Stokes KA (2017) Better way to determine the "
        "acute:chronic workload ratio? Br J Sports Med 51(3):209-210"
    ),
    doi="10.1136/bjsports-2016-096589",
    note=(
        "[R] letter text (BJSM page): EWMA_today = load_today x lambda + (1 - lambda) x "
        "EWMA_yesterday, lambda = 2 / (N + 1), N typically 7 (acute) and 28 (chronic) days. "
        "Author list as recalled [M]; the seed of the first day is not given in the letter: "
        "legload starts both averages at the first day's load [M]."
    ),
)

ACUTE_DAYS: int = 7
CHRONIC_DAYS: int = 28

GABBETT_2016 = Source(
    citation=(
        "Gabbett TJ (2016) The training-injury prevention paradox: should athletes be training "
        "smarter and harder? Br J Sports Med 50(5):273-280"
    ),
    doi="10.1136/bjsports-2015-095788",
    note=(
        "[S] the ACWR 0.8-1.3 'sweet spot' and >= 1.5 'danger zone' are read in secondary "
        "summaries (SCIENCE.md; a public EWMA calculator's notes), not in the paper; journal "
        "and pages read on the article's first page."
    ),
)

#: EWMA acute:chronic ratio from which the heuristic flag is raised.  [S]
ACWR_HIGH: float = 1.5

IMPELLIZZERI_2020 = Source(
    citation=(
        "Impellizzeri FM, Tenan MS, Kempton T, Novak A, Coutts AJ (2020) Acute:chronic "
        "workload ratio: conceptual issues and fundamental pitfalls. "
        "Int J Sports Physiol Perform 15(6):907-913"
    ),
    doi="10.1123/ijspp.2019-0864",
    note="[M] as recalled: the ratio's conceptual problems (rescaling, coupling, thresholds).",
)

IMPELLIZZERI_2021 = Source(
    citation=(
        "Impellizzeri FM, Woodcock S, Coutts AJ, Fanchini M, McCall A, Vigotsky AD (2021) What "
        "role do chronic workloads play in the acute to chronic workload ratio? Time to "
        "dismiss ACWR and its underlying theory. Sports Med 51(3):581-592"
    ),
    doi="10.1007/s40279-020-01378-6",
    note=(
        "[R] abstract: dividing acute load by fixed or random 'chronic' loads reproduced the "
        "published odds ratios; neither ACWR nor acute load improved prediction over an "
        "intercept-only model (c-statistic 0.574 / 0.544 vs 0.5)."
    ),
)

LOLLI_2019 = Source(
    citation=(
        "Lolli L, Batterham AM, Hawkins R, Kelly DM, Strudwick AJ, Thorpe R, Gregson W, "
        "Atkinson G (2019) Mathematical coupling causes spurious correlation within the "
        "conventional acute-to-chronic workload ratio calculations. "
        "Br J Sports Med 53(15):921-922"
    ),
    doi="10.1136/bjsports-2017-098110",
    note=(
        "[R] article page: the acute week is part of the 4-week chronic load, so the two are "
        "correlated by construction (mathematical coupling)."
    ),
)

#: Every source of this module, for docs and tests.
ADAPTATION_SOURCES: tuple[Source, ...] = (
    SCHOENFELD_OGBORN_KRIEGER_2017,
    BRIEF_EFFORT_SET_RULE,
    WILSON_2012,
    SCHUMANN_2022,
    LUNDBERG_2022,
    HARBER_2012,
    KONOPKA_HARBER_2014,
    OZAKI_2013,
    OZAKI_2015,
    STEELE_2021,
    MORTON_2018,
    MURPHY_KOEHLER_2022,
    GARTHE_2011,
    BONTEMPS_2020,
    MAEO_2017,
)
RISK_SOURCES: tuple[Source, ...] = (
    NIELSEN_2014_JOSPT,
    NIELSEN_2014_PLOSONE,
    NEWMAN_2013,
    REINKING_2017,
    DUHIG_2016,
    BONTEMPS_2020,
    MAEO_2017,
    WILLIAMS_2017,
    GABBETT_2016,
    IMPELLIZZERI_2020,
    IMPELLIZZERI_2021,
    LOLLI_2019,
)
