"""Published numbers and model choices behind :mod:`legload.models.risk.model`, each with its source.

Tags in the notes: **[R]** read at the source named (for most papers here: the abstract, read in
a stored copy of the journal page, PubMed or PubMed Central record); **[S]** read only in a
secondary transcription; **[M]** a model choice, or a value recalled that could not be checked
— a number to replace when the paper is read. ``tests/data/published/`` holds the numbers that
were read, one CSV per source, and the tests check the constants below against them.

Sections: load progression and the muscle-specific flags (Nielsen 2014, Newman 2013, Reinking
2017, Duhig 2016), and the acute:chronic workload ratio. The downhill-damage sources the
eccentric flag shares with the adaptation model (Bontemps 2020, Maeo 2017) are in
:mod:`legload.models.adaptation.parameters`.
"""

from __future__ import annotations

from dataclasses import dataclass

from legload.models.adaptation.eccentric import BONTEMPS_2020, MAEO_2017, NOVEL_ECCENTRIC_J_KG
from legload.models.sources import Source

# --- load progression and the muscle-specific flags ------------------------------------------

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

#: Days of the acute EWMA window.  [R] (Williams 2017 letter: N typically 7)
ACUTE_DAYS: int = 7
#: Days of the chronic EWMA window.  [R] (Williams 2017 letter: N typically 28)
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

LAUERSEN_2014 = Source(
    citation=(
        "Lauersen JB, Bertelsen DM, Andersen LB (2014) The effectiveness of exercise "
        "interventions to prevent sports injuries: a systematic review and meta-analysis of "
        "randomised controlled trials. Br J Sports Med 48(11):871-877"
    ),
    doi="10.1136/bjsports-2013-092538",
    note=(
        "[R] abstract: 25 trials, 26 610 participants; strength training RR 0.315 "
        "(0.207-0.480), stretching 0.963 (0.846-1.095). Lauersen 2018 (BJSM 52:1557): "
        "strength-training RCTs RR 0.338 (0.238-0.480), more volume more protection."
    ),
)

#: Strength-training relative risk of sports injury (Lauersen 2014).  [R]
LAUERSEN_2014_STRENGTH_RR: float = 0.315
#: Weekly hard sets on a muscle over the recent weeks from which its flags say that the
#: athlete's strength work lowers the risk.  [M] (legload's building dose)
STRENGTH_PROTECTS_SETS: float = 2.0
#: Terrain-added eccentric work in a week (J/kg) from which a rise counts as an eccentric
#: spike (legload.models.adaptation.eccentric.NOVEL_ECCENTRIC_J_KG).  [M]
ECCENTRIC_MIN_J_KG: float = NOVEL_ECCENTRIC_J_KG

#: Every source of this module, for docs and tests.
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
    LAUERSEN_2014,
)


@dataclass(frozen=True)
class RiskParameters:
    """The numbers :mod:`legload.models.risk.model` runs on; defaults are the set above.

    Pass another set to :func:`~legload.models.risk.model.risk_flags`, e.g.
    ``risk_flags(weekly, params=RiskParameters(spike_fraction=0.2))``. Each field is the module
    constant of the same name in capitals, where its source and tag are given.
    """

    spike_fraction: float = SPIKE_FRACTION
    spike_mean_weeks: int = SPIKE_MEAN_WEEKS
    spike_min_load_j_kg: float = SPIKE_MIN_LOAD_J_KG
    new_runner_years: float = NEW_RUNNER_YEARS
    sprint_min_s: float = SPRINT_MIN_S
    eccentric_spike_muscles: tuple[str, ...] = ECCENTRIC_SPIKE_MUSCLES
    sprint_spike_muscles: tuple[str, ...] = SPRINT_SPIKE_MUSCLES
    shin_muscle: str = SHIN_MUSCLE
    acute_days: int = ACUTE_DAYS
    chronic_days: int = CHRONIC_DAYS
    acwr_high: float = ACWR_HIGH
    strength_protects_sets: float = STRENGTH_PROTECTS_SETS
    eccentric_min_j_kg: float = ECCENTRIC_MIN_J_KG


#: The published set: every model function's default ``params``.
PUBLISHED = RiskParameters()
