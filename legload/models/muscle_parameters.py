"""Published parameters of the per-muscle locomotion model (:mod:`legload.models.muscles`,
:mod:`legload.models.joints`), each with its :class:`~legload.models.parameters.Source`."""

from __future__ import annotations

from types import MappingProxyType

from legload.models.parameters import Source

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
