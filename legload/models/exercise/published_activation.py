"""Published %MVIC of strength exercises (:mod:`legload.models.exercise.library`): each value a
cell of a table in ``tests/data/published/``, with the paper it was read in.

Per-muscle activation of strength exercises as a fraction of MVIC (%MVIC / 100). Every value
is read from a published table (a cell of a file in tests/data/published/, named below so
tests can check it); groups without one get the role-based fallback of
:mod:`legload.models.exercise.parameters`.
"""

from __future__ import annotations

from dataclasses import dataclass

from legload.models.sources import Source


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
        exercise: library name (:mod:`legload.models.exercise.library`).
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
#: [R] each cell read in the table named by its CsvCell (tests/data/published/).
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
