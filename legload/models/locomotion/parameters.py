"""The locomotion topic's parameter set, and the numbers of the metabolic-cost model.

:class:`LocomotionParameters` gathers every number the locomotion models run on; its default,
:data:`PUBLISHED`, is the published set. The numbers themselves, each with its source and tag
([R] read at the source named, [S] read in a secondary transcription, [M] a model choice), are
kept beside their citations: the cost of running and walking on slopes (Minetti et al. 2002)
below, the joint-work model's in :mod:`legload.models.locomotion.joint_parameters`, the
muscle model's in :mod:`legload.models.locomotion.muscle_parameters`.

Pass another set to any locomotion model, e.g.
``demand(3.5, 0.1, params=replace(PUBLISHED, eccentric_weight=0.7))``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from legload.models.inputs import published
from legload.models.locomotion import joint_parameters as J
from legload.models.locomotion import muscle_parameters as M
from legload.models.sources import Source

#: Standard acceleration of gravity [m s-2] (CGPM 1901 conventional value).
STANDARD_GRAVITY_M_S2: float = 9.80665

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

#: The treadmill was inclined between -0.45 and +0.45 (abstract): the polynomials' valid range.  [R]
MINETTI_2002_GRADE_LIMIT: float = 0.45


@dataclass(frozen=True)
class LocomotionParameters:
    """The numbers of :mod:`.energy`, :mod:`.joints` and :mod:`.muscles`; defaults published.

    Each field is the module constant of the same name in capitals (the Minetti coefficients
    here, the others in ``joint_parameters`` and ``muscle_parameters``), where its source and
    tag are given. Mappings are read-only; build a changed one with ``MappingProxyType``.
    """

    # energy: Minetti et al. 2002 (this module)
    run_cost_coefficients: tuple[float, ...] = MINETTI_2002_RUN_COEFFICIENTS
    walk_cost_coefficients: tuple[float, ...] = MINETTI_2002_WALK_COEFFICIENTS
    minetti_grade_limit: float = MINETTI_2002_GRADE_LIMIT
    # joint work (joint_parameters)
    run_stride_frequency_knots: tuple[tuple[float, float], ...] = J.RUN_STRIDE_FREQUENCY_KNOTS
    walk_stride_frequency_line: tuple[tuple[float, float], tuple[float, float]] = J.WALK_STRIDE_FREQUENCY_LINE
    run_work_speeds: tuple[float, ...] = J.RUN_WORK_SPEEDS
    run_level_work: Mapping = published(J.RUN_LEVEL_WORK)
    walk_work_speeds: tuple[float, ...] = J.WALK_WORK_SPEEDS
    walk_stance_positive: tuple[float, ...] = J.WALK_STANCE_POSITIVE
    walk_positive_shares: tuple[tuple[float, float, float], ...] = J.WALK_POSITIVE_SHARES
    walk_negative_shares: tuple[float, float, float] = J.WALK_NEGATIVE_SHARES
    walk_hip_flexor_fraction: Mapping = published(J.WALK_HIP_FLEXOR_FRACTION)
    walk_swing_linear: Mapping = published(J.WALK_SWING_LINEAR)
    grade_joint_fraction: Mapping = published(J.GRADE_JOINT_FRACTION)
    run_uphill_shares: Mapping = published(J.RUN_UPHILL_SHARES)
    run_downhill_shares: Mapping = published(J.RUN_DOWNHILL_SHARES)
    walk_uphill_shares: Mapping = published(J.WALK_UPHILL_SHARES)
    walk_downhill_shares: Mapping = published(J.WALK_DOWNHILL_SHARES)
    uphill_negative_actions: Mapping = published(J.UPHILL_NEGATIVE_ACTIONS)
    uphill_negative_slope: float = J.UPHILL_NEGATIVE_SLOPE
    uphill_negative_floor: float = J.UPHILL_NEGATIVE_FLOOR
    step_rate_exponents: Mapping = published(J.STEP_RATE_EXPONENTS)
    step_rate_ratio_limits: tuple[float, float] = J.STEP_RATE_RATIO_LIMITS
    muscle_speed_limits: Mapping = published(J.MUSCLE_SPEED_LIMITS)
    muscle_grade_limit: float = J.MUSCLE_GRADE_LIMIT
    # muscles (muscle_parameters)
    action_allocation: Mapping = published(M.ACTION_ALLOCATION)
    eccentric_weight: float = M.ECCENTRIC_WEIGHT
    run_activation_at_reference: Mapping = published(M.RUN_ACTIVATION_AT_REFERENCE)
    run_activation_reference_speed: float = M.RUN_ACTIVATION_REFERENCE_SPEED
    walk_activation_at_reference: Mapping = published(M.WALK_ACTIVATION_AT_REFERENCE)
    walk_activation_reference_speed: float = M.WALK_ACTIVATION_REFERENCE_SPEED


#: The published set: every locomotion model's default ``params``.
PUBLISHED = LocomotionParameters()
