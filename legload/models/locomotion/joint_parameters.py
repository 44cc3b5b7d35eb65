"""Published parameters of the joint-work model (:mod:`legload.models.locomotion.joints`).

Preferred stride frequency, the work per stride of each joint action in level running and
walking, how grade and step rate change it, and the speeds and grades the model covers. Tags
in the notes as in :mod:`legload.models.locomotion.muscle_parameters`: [R] read at the source named,
[S] read in a secondary transcription, [M] a model choice or a value recalled that could not be
checked. The papers named below have their :class:`~legload.models.sources.Source` records
there; ``tests/data/published/`` holds what was read, one CSV per source.
"""

from __future__ import annotations

from types import MappingProxyType

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

#: Speeds [m/s] of the level-running work table: Schache 2011's four speeds rounded (3.5,
#: 5.0, 7.0, 9.0) [R], Schache 2015's walk/run speed 2.0 [R], and the model's ends 1.5 and 10 [M].
RUN_WORK_SPEEDS: tuple[float, ...] = (1.5, 2.0, 3.5, 5.0, 7.0, 9.0, 10.0)

#: Level running: (positive, negative) work per stride of ONE leg [J/kg] at RUN_WORK_SPEEDS.
#: Fitting sources (never used to validate): Schache 2015 abstract [R] - ankle stance +work
#: plateau at 1.3 J/kg from 5 m/s, stance shares at 2.0 m/s (ankle 65 %, hip 5.6 %), hip stance
#: and swing +work and knee swing -work rising above 5 m/s; Schache 2011 abstract [R] - knee
#: stance work flat from 3.5 m/s; Nagahara 2017 abstract [R] - swing hip +work ~4.3 J/kg at
#: 9.7-10 m/s and early-swing hip -work rising ~7-fold to top speed.
#: Knots 1.5-5.0 m/s: [M], shaped on those anchors, level net joint work per stride ~0.
#: Knots 7-10 m/s of the hip (stance and swing) and knee swing rows: the 5.0 m/s shape times a
#: ramp 1.0 (5 m/s) -> 1.2 (7) -> 1.4 (9 and 10) [R-fit]: 1.4 is the factor that brings swing hip
#: +work at 9.8 m/s to Nagahara's 4.3 J/kg; the same ramp on the swing -work rows keeps the
#: swing's work balanced (what the hip puts into the swinging leg, the knee flexors and hip
#: extensors take out before foot strike) [M]; knee swing -work is therefore NOT fitted and
#: Nagahara's 2.9 J/kg validates it. Hip flexor -work (the burst around toe-off) is split
#: between late stance and early swing, the early-swing fraction 0.30 up to 3.5 m/s, 0.35 (5),
#: 0.40 (7), 0.50 (9-10) as stance shortens with speed [M]; 3.5 -> 9.8 m/s this gives Nagahara's
#: ~7-fold rise [R-fit]. Ankle and knee stance rows: unchanged by the ramp (plateau, flat) [R].
#: Schache 2011 Tables 2-3 were not readable; they would replace the [M] knots.
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
            (0.06, 0.07, 0.10, 0.14, 0.24, 0.35, 0.38),
        ),
        "knee_flex_swing": (
            (0.02, 0.03, 0.05, 0.08, 0.18, 0.35, 0.39),
            (0.12, 0.15, 0.33, 0.60, 1.32, 2.31, 2.59),
        ),
        "hip_extend_stance": (
            (0.05, 0.06, 0.15, 0.30, 0.66, 1.12, 1.26),
            (0.02, 0.03, 0.07, 0.13, 0.17, 0.22, 0.28),
        ),
        "hip_flex_stance": (
            (0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00),
            (0.06, 0.07, 0.15, 0.23, 0.36, 0.45, 0.50),
        ),
        "hip_flex_swing": (
            (0.15, 0.20, 0.40, 0.65, 1.32, 2.24, 2.52),
            (0.02, 0.03, 0.07, 0.12, 0.24, 0.46, 0.51),
        ),
        "hip_extend_swing": (
            (0.08, 0.10, 0.25, 0.45, 0.96, 1.68, 1.89),
            (0.03, 0.05, 0.12, 0.30, 0.74, 1.40, 1.61),
        ),
    }
)

#: Speeds [m/s] of the walking model: knots of the walking table [M] (Montgomery 2018's
#: 1.0-1.5 m/s inside, Schache 2015's 2.0 m/s walk [R]).
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

#: Uphill running: how the added positive work is shared among actions. Fitted on Roberts &
#: Belliveau 2005 [R-fit]: virtually all of the stance increase is at the hip (knee and ankle
#: "similar at all inclines"), and hip net stance work rises from -0.25 to +0.88 J/kg per step at
#: 12 deg; 0.60 of 0.86 x the potential energy at 3 m/s gives that +1.13 J/kg. Swing hip
#: flexors and hamstrings 0.15 each: more swing hip-flexor and hamstring activity uphill
#: (Yokozawa 2007) [R direction, M size]; ankle 0.10, a small share left for the steeper
#: shank [M]; knee 0: its net work rises only through less absorption (UPHILL_NEGATIVE_*).
#: Not fitted, so validated: Telhan 2010 (+4 deg: ankle unchanged, hip generation up).
RUN_UPHILL_SHARES: MappingProxyType = MappingProxyType(
    {
        "hip_extend_stance": 0.60,
        "hip_flex_swing": 0.15,
        "hip_extend_swing": 0.15,
        "ankle_plantarflex_stance": 0.10,
    }
)

#: Downhill running: how the added negative work is shared. Knee extensors 0.75, anchored on
#: the knee-extensor dominance of downhill braking (Gottschall & Kram 2005 braking peak +73 %;
#: Franz & Kram 2012) [M size]; plantar flexors 0.05: at 6 deg downslope the ankle's
#: contribution to the support moment falls while the knee's rises (Shih & Ho 2023, 20
#: runners) [R-abstract direction], yet gastrocnemius EMG rises downhill (Cai 2010) [R
#: direction], so the ankle keeps a small part [M size] (was 0.20, [M], which raised ankle
#: absorption 15 % at -4 deg); the 0.15 taken from it goes to the knee [M]; dorsiflexors 0.05
#: (heel-first landing) and hip extensors 0.15 [M]. Not fitted, so validated: Telhan 2010
#: (-4 deg: ankle unchanged, knee and hip absorption up).
RUN_DOWNHILL_SHARES: MappingProxyType = MappingProxyType(
    {
        "knee_extend_stance": 0.75,
        "ankle_plantarflex_stance": 0.05,
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
#: Fraction of that absorption lost per unit grade [M]: 2.0 reaches the floor at i = 0.3; the
#: +9 deg impact-peak loss (Gottschall & Kram 2005) [R direction] sets its sign, not its size.
UPHILL_NEGATIVE_SLOPE: float = 2.0
#: Fraction of that absorption kept however steep [M]: landing still loads the knee.
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

# --- valid range -----------------------------------------------------------------------------

#: Valid speed ranges [m/s] by mode: run 1.5-10, the span of the fitting data (Schache 2015's
#: 2.0 m/s and Nagahara 2017's ~9.8 m/s [R]) extended to round ends [M]; walk 0.5-2.5 [M].
MUSCLE_SPEED_LIMITS: MappingProxyType = MappingProxyType(
    {"run": (1.5, 10.0), "walk": (0.5, 2.5)}
)
#: Grade limit [-]: Minetti 2002's treadmill range +/-0.45 [R]; the joint-work grade terms were
#: fitted at +/-10-12 deg (DeVita 2008; Roberts 2005), so beyond +/-0.21 they extrapolate [M].
MUSCLE_GRADE_LIMIT: float = 0.45
