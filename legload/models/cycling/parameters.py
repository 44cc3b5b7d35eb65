"""Published numbers behind :mod:`.muscles` and :mod:`.energy` of cycling, each with its source.

The model functions take the numbers as one frozen :class:`CyclingParameters` argument whose
default, :data:`PUBLISHED`, is the set below. Tags: **[R]** read in the source named (abstract
or table), **[S]** read only in a secondary transcription, **[M]** a model choice, with its
reason.
The published tables used are kept in ``tests/data/published/`` (``ericson1986_abstract.csv``,
``macintosh2000_abstract.csv``, ``ericson1985_abstract.csv``, ``elmer2011_abstract.csv``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from legload.models.inputs import published
from legload.models.locomotion.muscle_parameters import LENHART_2014_FORCES, PERONEAL_SHARE
from legload.models.sources import Source

# =============================================================================================
# sources
# =============================================================================================

ERICSON_1986 = Source(
    citation=(
        "Ericson MO et al. (1986) Power output and work in different muscle groups during "
        "ergometer cycling. Eur J Appl Physiol 55(3):229-235"
    ),
    doi="10.1007/BF02343792",
    note=(
        "[R] abstract (scilit.net record): 6 healthy subjects, weight-braked ergometer, 120 W, "
        "60 rpm, inverse dynamics from film and pedal forces. Contributions to the total "
        "positive work: hip extensors 27 %, hip flexors 4 %, knee extensors 39 %, knee flexors "
        "10 %, ankle plantar flexors 20 %. Eccentric plantar-flexor work 3.4 J per limb and "
        "revolution (mean peak power 11.4 W). Co-authors after the first not checked. "
        "File: ericson1986_abstract.csv."
    ),
)

ERICSON_1985 = Source(
    citation=(
        "Ericson MO et al. (1985) Muscular activity during ergometer cycling. Scand J Rehabil Med 17(2):53-61"
    ),
    doi="",
    note=(
        "[R] abstract (PubMed 4023660): 11 subjects, 11 muscles, 12 riding conditions. Vastus "
        "medialis and lateralis, gastrocnemius medialis and lateralis and soleus were the most "
        "activated muscles; a higher work-load raised the mean maximum activity of all eight "
        "muscles analysed; a higher pedalling rate raised gluteus maximus, gluteus medius, "
        "vastus medialis, medial hamstring, gastrocnemius medialis and soleus activity. The "
        "abstract gives no %MVC values, workloads or rates. No DOI found. "
        "File: ericson1985_abstract.csv."
    ),
)

ELMER_2011 = Source(
    citation=(
        "Elmer SJ, Barratt PR, Korff T, Martin JC (2011) Joint-specific power production "
        "during submaximal and maximal cycling. Med Sci Sports Exerc 43(10):1940-1947"
    ),
    doi="10.1249/MSS.0b013e31821b00c5",
    note=(
        "[R] abstract (journal and PubMed 21448081 pages): 11 cyclists, 250-850 W and maximal "
        "trials at 90 rpm. Relative knee-extension power fell (r2 = 0.88) and relative "
        "knee-flexion power rose (r2 = 0.98) with net power; relative hip-extension power was "
        "constant; hip extension was the dominant action in their cyclists at all powers. The "
        "per-power percentages are in the paper's figures, not read. "
        "File: elmer2011_abstract.csv."
    ),
)

MARTIN_BROWN_2009 = Source(
    citation=(
        "Martin JC, Brown NAT (2009) Joint-specific power production and fatigue during "
        "maximal cycling. J Biomech 42(4):474-479"
    ),
    doi="10.1016/j.jbiomech.2008.11.015",
    note="[R] abstract: hip extension is the dominant action in maximal cycling (120 rpm).",
)

RIVEROS_MATTHEY_2023 = Source(
    citation=(
        "Riveros-Matthey CD, Carroll TJ, Lichtwark GA, Connick MJ (2023) The effects of crank "
        "power and cadence on muscle fascicle shortening velocity, muscle activation and "
        "joint-specific power during cycling. J Exp Biol 226(13):jeb245600"
    ),
    doi="10.1242/jeb.245600",
    note=(
        "[R] abstract: 60-120 rpm at 10, 30 and 50 % of peak power; no differences in the "
        "distribution of joint power across cadences; activation of vastus lateralis and "
        "other muscles minimised near the self-selected cadence at 10 and 30 %."
    ),
)

MACINTOSH_2000 = Source(
    citation=(
        "MacIntosh BR, Neptune RR, Horton JF (2000) Cadence, power, and muscle activation in "
        "cycle ergometry. Med Sci Sports Exerc 32(7):1281-1287"
    ),
    doi="",
    note=(
        "[R] abstract (journal page): 7 muscles, 100-400 W x 50-120 rpm; averaged EMG rose in "
        "proportion to power at each cadence; EMG vs cadence is a second-order polynomial "
        "(r2 0.87-0.996); the cadence of least EMG was 57, 70, 86 and 99 rpm at 100, 200, 300 "
        "and 400 W. The polynomial coefficients are not in the abstract. DOI not seen. "
        "File: macintosh2000_abstract.csv."
    ),
)

# =============================================================================================
# work
# =============================================================================================

#: Ericson 1986 shares of total positive joint work at 120 W, 60 rpm [R] (fractions).
ERICSON_1986_SHARES: MappingProxyType = MappingProxyType(
    {
        "hip_extend": 0.27,
        "hip_flex": 0.04,
        "knee_extend": 0.39,
        "knee_flex": 0.10,
        "ankle_plantarflex": 0.20,
    }
)
#: Ericson 1986's condition: 120 W [R] ...
ERICSON_1986_POWER_W: float = 120.0
#: ... at 60 rpm [R].
ERICSON_1986_CADENCE_RPM: float = 60.0
#: Eccentric plantar-flexor work per limb per revolution at 120 W, 60 rpm [R] (J).
ERICSON_1986_NEGATIVE_J_PER_LIMB_REV: float = 3.4

#: Eccentric work as a fraction of crank power: 3.4 J / (120 W x 1 s / 2 limbs) = 0.057,
#: kept constant at all powers and cadences [M] (one condition measured).
NEGATIVE_FRACTION: float = ERICSON_1986_NEGATIVE_J_PER_LIMB_REV / (
    ERICSON_1986_POWER_W * (60.0 / ERICSON_1986_CADENCE_RPM) / 2.0
)

#: Ankle dorsiflexion share of positive work [M]: not among Ericson's five groups (they sum to
#: 100 %); a small share lets tibialis anterior work grow with power (foot lifted over top dead
#: centre). Taken out of the five published shares in proportion.
DORSIFLEX_SHARE: float = 0.01

#: Body mass of the reference rider [M]: Ericson's subjects' mass is not in the abstract.
REFERENCE_BODY_MASS_KG: float = 70.0
#: Reference power per kg: 120 W [R] / 70 kg [M].
REFERENCE_POWER_W_KG: float = ERICSON_1986_POWER_W / REFERENCE_BODY_MASS_KG

#: Power per kg at which the all-out share pattern applies [M]: ~1300 W revolution-averaged
#: maximal power at ~120 rpm (Martin et al. 1997, MSSE 29:1505, abstract: 1317 +/- 66 W) for
#: ~75 kg riders. Shares move linearly from the reference to this point, then stay.
ALL_OUT_POWER_W_KG: float = 17.0

#: Change of each action's share from the reference to all-out [M], in fractions of total
#: positive work. Directions from Elmer 2011 [R]: knee extension falls, knee flexion rises,
#: hip extension constant; hip flexion (pulling up) and dorsiflexion grow in sprints [M].
#: Sizes chosen so that hip extension just overtakes knee extension at all-out power
#: (Martin & Brown 2009; Elmer 2011 [R, qualitative]). Sum to 0.
ALL_OUT_SHARE_CHANGE: MappingProxyType = MappingProxyType(
    {
        "hip_extend": 0.0,
        "hip_flex": 0.045,
        "knee_extend": -0.14,
        "knee_flex": 0.09,
        "ankle_plantarflex": 0.0,
        "ankle_dorsiflex": 0.005,
    }
)

#: Gluteal part of hip-extension work [M]: gluteus maximus and hamstrings both extend the hip
#: in the downstroke; no published split for cycling was read, so half each.
GLUTEAL_SHARE_OF_HIP_EXTENSION: float = 0.5
#: Gastrocnemius (calves) part of knee-flexion work [M]: the gastrocnemius flexes the knee
#: through the bottom of the stroke; the rest is hamstrings.
GASTROCNEMIUS_SHARE_OF_KNEE_FLEXION: float = 0.15
#: Rectus femoris (quadriceps) part of hip-flexion work: the running model's early-swing force
#: split from Lenhart et al. 2014 (rectus femoris / (rectus femoris + iliopsoas)) [R, reused].
RECTUS_SHARE_OF_HIP_FLEXION: float = LENHART_2014_FORCES["early_swing_rectus_femoris"] / (
    LENHART_2014_FORCES["early_swing_rectus_femoris"] + LENHART_2014_FORCES["early_swing_iliopsoas"]
)

#: Joint action -> {group: fraction}; each action's fractions sum to 1. The splits are the three
#: [M] shares above and the [R, reused] rectus femoris share; one-group actions are anatomy.
ACTION_ALLOCATION: MappingProxyType = MappingProxyType(
    {
        "hip_extend": {
            "gluteals": GLUTEAL_SHARE_OF_HIP_EXTENSION,
            "hamstrings": 1.0 - GLUTEAL_SHARE_OF_HIP_EXTENSION,
        },
        "hip_flex": {
            "hip_flexors": 1.0 - RECTUS_SHARE_OF_HIP_FLEXION,
            "quadriceps": RECTUS_SHARE_OF_HIP_FLEXION,
        },
        "knee_extend": {"quadriceps": 1.0},
        "knee_flex": {
            "hamstrings": 1.0 - GASTROCNEMIUS_SHARE_OF_KNEE_FLEXION,
            "calves": GASTROCNEMIUS_SHARE_OF_KNEE_FLEXION,
        },
        # same peroneal share as the running model (parameters.PERONEAL_SHARE) [M]
        "ankle_plantarflex": {"calves": 1.0 - PERONEAL_SHARE, "peroneals": PERONEAL_SHARE},
        "ankle_dorsiflex": {"tibialis_anterior": 1.0},
    }
)

#: Where the eccentric work goes: the plantar flexors (Ericson 1986 [R]), split like their
#: positive work.
NEGATIVE_ALLOCATION: MappingProxyType = MappingProxyType(
    {"calves": 1.0 - PERONEAL_SHARE, "peroneals": PERONEAL_SHARE}
)

# =============================================================================================
# activation
# =============================================================================================

#: Mean active-phase activation (fraction of MVC) at 120 W, 70 kg, 60 rpm [M]. Ranked as
#: Ericson 1985 reports (vasti, gastrocnemii and soleus most active) [R, qualitative]; no
#: %MVC table was read. Levels chosen so that, with activation proportional to work rate,
#: the main groups reach about 1-1.5 MVC at all-out power (~11x the reference work rate).
#: Tibialis anterior, peroneals and hip flexors low.
ACTIVATION_AT_REFERENCE: MappingProxyType = MappingProxyType(
    {
        "quadriceps": 0.15,
        "hamstrings": 0.09,
        "gluteals": 0.08,
        "hip_flexors": 0.05,
        "calves": 0.14,
        "tibialis_anterior": 0.06,
        "peroneals": 0.05,
    }
)

#: Activation grows with the group's effort rate P+ + ECCENTRIC_WEIGHT P- (same convention
#: as the running model) — linear, as averaged EMG rose in proportion to power in MacIntosh
#: 2000 [R].
ECCENTRIC_WEIGHT: float = 0.5

#: Cadence of least EMG by power, MacIntosh 2000 [R]: (W, rpm). Clipped outside 100-400 W.
LEAST_EMG_CADENCE: tuple[tuple[float, float], ...] = (
    (100.0, 57.0),
    (200.0, 70.0),
    (300.0, 86.0),
    (400.0, 99.0),
)

#: Curvature k of the cadence factor 1 + k s_g ((c - c_opt) / c_opt)^2 [M]: the published
#: fits are second-order polynomials (MacIntosh 2000) whose coefficients were not read.
#: With k = 0.6, 120 rpm at 100 W costs 1.7 x the activation of 57 rpm.
CADENCE_CURVATURE: float = 0.6

#: Cadence sensitivity s_g per group [M]: 1 for the groups with muscles whose activity rose
#: with pedalling rate in Ericson 1985 (gluteals, vasti, medial hamstring, gastrocnemius,
#: soleus) [R]; 0.5 for the groups with no reported cadence effect.
CADENCE_SENSITIVITY: MappingProxyType = MappingProxyType(
    {
        "quadriceps": 1.0,
        "hamstrings": 1.0,
        "gluteals": 1.0,
        "hip_flexors": 0.5,
        "calves": 1.0,
        "tibialis_anterior": 0.5,
        "peroneals": 0.5,
    }
)

# =============================================================================================
# ranges
# =============================================================================================

#: Crank power [W] and cadence [rpm] the model accepts; outside: clipped (or refused with
#: strict=True). 2000 W covers instantaneous sprint peaks (Martin 1997's ~1300 W mean maximal
#: power [R] with margin) [M].
POWER_LIMITS_W: tuple[float, float] = (0.0, 2000.0)
#: 30-140 rpm spans the cadences of the studies above (MacIntosh 2000; Ericson 1985) [M].
CADENCE_LIMITS_RPM: tuple[float, float] = (30.0, 140.0)
#: Cadence used when none is given (or a sample is NaN) [M]: a common self-selected rate.
DEFAULT_CADENCE_RPM: float = 85.0

# =============================================================================================
# energy — legload.models.cycling.energy
# =============================================================================================

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

#: Default gross efficiency of cycling (mechanical power / whole-body metabolic power) [M]:
#: between the men's 19.9-20.4 % and the women's 22.3-22.5 % of Hopker 2010 [R].
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

#: [M] Engineering defaults for a road bike with the rider on the hoods; not from one paper,
#: and real riders differ widely: drag area CdA [m2], rolling-resistance coefficient [-],
#: air density [kg m-3] of the ISO standard atmosphere at sea level, 15 degC.
CYCLING_ROAD_LOAD_DEFAULTS = MappingProxyType({"cda_m2": 0.32, "crr": 0.004, "rho_kg_m3": 1.225})


@dataclass(frozen=True)
class CyclingParameters:
    """The numbers of :mod:`legload.models.cycling.muscles` and ``.energy``; defaults published.

    Each field is the module constant of the same name in capitals (``gross_efficiency`` is
    CYCLING_GROSS_EFFICIENCY, ``road_load`` CYCLING_ROAD_LOAD_DEFAULTS), where its source and
    tag are given. Pass another set as ``params``, e.g.
    ``demand(200.0, 90.0, params=CyclingParameters(eccentric_weight=0.7))``.
    """

    ericson_1986_shares: Mapping = published(ERICSON_1986_SHARES)
    ericson_1986_power_w: float = ERICSON_1986_POWER_W
    ericson_1986_cadence_rpm: float = ERICSON_1986_CADENCE_RPM
    negative_fraction: float = NEGATIVE_FRACTION
    dorsiflex_share: float = DORSIFLEX_SHARE
    reference_power_w_kg: float = REFERENCE_POWER_W_KG
    all_out_power_w_kg: float = ALL_OUT_POWER_W_KG
    all_out_share_change: Mapping = published(ALL_OUT_SHARE_CHANGE)
    action_allocation: Mapping = published(ACTION_ALLOCATION)
    negative_allocation: Mapping = published(NEGATIVE_ALLOCATION)
    activation_at_reference: Mapping = published(ACTIVATION_AT_REFERENCE)
    eccentric_weight: float = ECCENTRIC_WEIGHT
    least_emg_cadence: tuple[tuple[float, float], ...] = LEAST_EMG_CADENCE
    cadence_curvature: float = CADENCE_CURVATURE
    cadence_sensitivity: Mapping = published(CADENCE_SENSITIVITY)
    power_limits_w: tuple[float, float] = POWER_LIMITS_W
    cadence_limits_rpm: tuple[float, float] = CADENCE_LIMITS_RPM
    default_cadence_rpm: float = DEFAULT_CADENCE_RPM
    gross_efficiency: float = CYCLING_GROSS_EFFICIENCY
    road_load: Mapping = published(CYCLING_ROAD_LOAD_DEFAULTS)


#: The published set: every cycling model's default ``params``.
PUBLISHED = CyclingParameters()
