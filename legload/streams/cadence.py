"""Cadence: step rate in steps/min (both feet) for foot sports, crank rate for cycling.

Readers already double per-foot step counts, so ``cadence_spm`` normally needs nothing. A
file whose cadence was nonetheless written per foot shows itself in running: at more than
2 m/s runners take roughly 150–200 steps/min, and no one runs at that speed with a median
below 120 steps/min, so such a median is taken as per foot, doubled and warned about.
``cadence_rpm`` (crank revolutions) is kept as recorded.
"""

from __future__ import annotations

import numpy as np

PER_FOOT_MEDIAN_SPM = 120.0
PER_FOOT_MIN_SPEED_M_S = 2.0


def normalise_cadence(
    cadence_spm: np.ndarray, speed_m_s: np.ndarray, sport: str,
) -> tuple[np.ndarray, str | None]:
    """Step cadence in steps/min (both feet), and a warning when it was doubled.

    The check uses rows with a positive cadence; it applies to ``sport == "running"``.
    """
    if sport != "running":
        return cadence_spm, None
    stepping = np.isfinite(cadence_spm) & (cadence_spm > 0)
    if stepping.sum() == 0:
        return cadence_spm, None
    median_cadence = float(np.median(cadence_spm[stepping]))
    if median_cadence >= PER_FOOT_MEDIAN_SPM:
        return cadence_spm, None  # steps/min already, whatever the speed
    speeds = speed_m_s[stepping & np.isfinite(speed_m_s)]
    if speeds.size == 0:
        return cadence_spm, None
    median_speed = float(np.median(speeds))
    if median_speed > PER_FOOT_MIN_SPEED_M_S:
        warning = (f"step cadence looked per foot (median {median_cadence:.0f}/min at "
                   f"{median_speed:.1f} m/s); doubled to steps/min")
        return cadence_spm * 2.0, warning
    return cadence_spm, None
