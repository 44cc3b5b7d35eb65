"""Sources of the per-muscle locomotion model, and the numbers of :mod:`legload.models.locomotion.muscles`.

Every paper behind :mod:`legload.models.locomotion.muscles` and
:mod:`legload.models.locomotion.joints`, each as a
:class:`~legload.models.sources.Source`, and the parameters that turn joint work into
per-muscle demand: the seven groups, the allocation of joint actions to them and activation.
The joint-work numbers (stride frequency, work per stride, grade, step rate, valid range) are
in :mod:`legload.models.locomotion.joint_parameters`.
"""

from __future__ import annotations

from types import MappingProxyType

from legload.models.sources import Source

# =============================================================================================
# muscles — legload.models.locomotion.muscles and legload.models.locomotion.joints
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

NAGAHARA_2017 = Source(
    citation=(
        "Nagahara R, Matsubayashi T, Matsuo A, Zushi K (2017) Alteration of swing leg work and "
        "power during human accelerated sprinting. Biol Open 6:633-641"
    ),
    doi="10.1242/bio.024281",
    note=(
        "Abstract read [R]: swing hip +work ~4.3 J/kg and knee -work ~2.9 J/kg per swing near "
        "9.7-10 m/s; early-swing hip -work ~7-fold over the sprint. The hip value and the fold "
        "are fitted (RUN_LEVEL_WORK); the knee value validates."
    ),
)

TELHAN_2010 = Source(
    citation=(
        "Telhan G, Franz JR, Dicharry J, Wilder RP, Riley PO, Kerrigan DC (2010) Lower limb "
        "joint kinetics during moderately sloped running. J Athl Train 45:16-21"
    ),
    doi="10.4085/1062-6050-45.1.16",
    note=(
        "Abstract read [R] (PMC2808749): 3.13 m/s at -4, 0, +4 deg; only knee absorption "
        "(decline) and hip generation (incline) changed. Validation only; authors and DOI "
        "as recalled [M]."
    ),
)

SHIH_HO_2023 = Source(
    citation=(
        "Shih Y, Ho K-Y (2023) Lower extremity support moment and distribution of joint "
        "moments during sloped running. J Sports Sci Med 22:111-116"
    ),
    doi="10.52082/jssm.2023.111",
    note=(
        "Abstract read [R] (jssm.org): 20 runners, level and +/-6 deg; downslope: knee "
        "contribution to the support moment highest, ankle and hip lowest. Directions only; "
        "sets RUN_DOWNHILL_SHARES (ankle 0.05, was 0.20)."
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
        "the two cadences of joint_parameters.WALK_STRIDE_FREQUENCY_LINE (1.3 and 2.0 m/s) "
        "are [M]."
    ),
)

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
#: docs/models/muscles.md, section "Allocation"). Hip splits: Lenhart 2014 Table 1 [R, derived];
#: peroneal share [M] (PERONEAL_SHARE); single-group actions [M]: the one sagittal prime mover.
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
#: Reference condition of RUN_ACTIVATION_AT_REFERENCE [m/s] [M]: Schache 2011's lowest speed.
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
#: Reference condition of WALK_ACTIVATION_AT_REFERENCE [m/s] [M]: a usual walking speed.
WALK_ACTIVATION_REFERENCE_SPEED: float = 1.3
