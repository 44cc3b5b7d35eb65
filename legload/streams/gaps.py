"""Recording gaps: which are pauses, and which are stretches skipped while moving.

A *gap* is an interval between consecutive samples longer than the pause threshold. Watches in
smart recording, GNSS loss under trees and apps that log every 10–20 s leave gaps of 10–60 s
while the person keeps moving. A gap is a pause only when the evidence says so:

* **timer** — the lap holding the gap had its timer stopped (elapsed − timer time) for at least
  half the gap (FIT and TCX laps carry both times);
* **displacement** — the distance covered across the gap (the device's cumulative distance,
  else the straight line between the position fixes on either side) divided by its length is
  below the moving speed: the person stood still, or the device stopped counting;
* **speed** — the device's speed channel reads below the moving speed on both sides of it;
* **implausible** — the displacement implies a speed above the sport's limit (the person was
  carried, with the recording off).

A recording without any speed, distance or position channel cannot show movement across a gap:
its gaps stay pauses. Every other gap is *bridged*: its time and distance are moving, the 1 Hz
stream interpolates across it, and its seconds carry ``interpolated = 1`` so models can weight
them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from legload.core.activity import haversine_m
from legload.streams.clean import CleanSamples, Limits

#: a gap is a timer pause when its lap's stopped time is at least this fraction of the gap
TIMER_EVIDENCE = 0.5


@dataclass(frozen=True)
class GapPlan:
    """What each interval between consecutive cleaned samples is.

    Attributes:
        pause: per interval (``len(t_s) - 1``): True where the interval is a pause.
        bridged: per interval: True where a gap longer than the threshold is moving time.
        bridge_s: the longest interval the stream interpolates across (s).
    """

    pause: np.ndarray
    bridged: np.ndarray
    bridge_s: float

    def interpolated(self, t_s: np.ndarray, seconds: np.ndarray) -> np.ndarray:
        """1.0 for each of ``seconds`` that lies strictly inside a bridged gap, else 0.0."""
        if not self.bridged.any() or seconds.size == 0:
            return np.zeros(seconds.size)
        before = np.clip(np.searchsorted(t_s, seconds, side="right") - 1, 0, t_s.size - 2)
        inside = self.bridged[before] & (seconds > t_s[before])
        return inside.astype(float)


def plan_gaps(
    cleaned: CleanSamples, laps: pd.DataFrame | Mapping[str, Any] | None, limits: Limits,
    pause_gap_s: float, min_moving_speed_m_s: float,
) -> GapPlan:
    """Classify every interval longer than ``pause_gap_s`` as a pause or a bridged gap
    (``laps``: a lap frame, or its columns by name as a reader gives them)."""
    t = cleaned.t_s
    dt = np.diff(t)
    gap = dt > pause_gap_s
    if not gap.any():
        return GapPlan(pause=gap, bridged=gap.copy(), bridge_s=pause_gap_s)
    moved = _displacement_m(cleaned)
    if moved is None and "speed_m_s" not in cleaned.channels:
        return GapPlan(pause=gap, bridged=np.zeros_like(gap), bridge_s=pause_gap_s)
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = moved / dt if moved is not None else np.full(dt.size, np.nan)
    still = rate < min_moving_speed_m_s
    carried = rate > limits.max_jump_speed_m_s
    speed = cleaned.channels.get("speed_m_s")
    if speed is not None:
        still |= (speed[:-1] < min_moving_speed_m_s) & (speed[1:] < min_moving_speed_m_s)
    timer = _timer_stopped_s(cleaned, laps)
    pause = gap & (still | carried | (timer >= TIMER_EVIDENCE * dt))
    bridged = gap & ~pause
    longest = float(dt[bridged].max()) if bridged.any() else pause_gap_s
    return GapPlan(pause=pause, bridged=bridged, bridge_s=max(pause_gap_s, longest))


def _displacement_m(cleaned: CleanSamples) -> np.ndarray | None:
    """Distance (m) covered across each interval: the device's cumulative distance where it is
    recorded, else the straight line between the nearest fixes on either side; None without
    either (NaN where one side has no value)."""
    t = cleaned.t_s
    device = cleaned.channels.get("distance_m")
    if device is not None and np.isfinite(device).sum() >= 2:
        ok = np.isfinite(device)
        filled = np.interp(t, t[ok], device[ok])
        return np.diff(filled)
    lat, lon = cleaned.channels.get("lat_deg"), cleaned.channels.get("lon_deg")
    if lat is None or lon is None or np.isfinite(lat).sum() < 2:
        return None
    index = np.arange(t.size)
    fix = np.isfinite(lat) & np.isfinite(lon)
    last = np.maximum.accumulate(np.where(fix, index, -1))  # latest fix at or before i
    following = np.where(fix, index, t.size)
    nxt = np.minimum.accumulate(following[::-1])[::-1]  # first fix at or after i
    a, b = last[:-1], nxt[1:]
    ok = (a >= 0) & (b < t.size)
    out = np.full(t.size - 1, np.nan)
    out[ok] = haversine_m(lat[a[ok]], lon[a[ok]], lat[b[ok]], lon[b[ok]])
    return out


def _timer_stopped_s(cleaned: CleanSamples,
                     laps: pd.DataFrame | Mapping[str, Any] | None) -> np.ndarray:
    """For each interval, the stopped time (elapsed − timer, s) of the lap holding its middle;
    0 where no lap says."""
    n = cleaned.t_s.size - 1
    needed = {"start", "elapsed_s", "timer_s"}
    if laps is None or not needed <= set(laps.keys()) or len(laps["start"]) == 0:
        return np.zeros(n)
    start = pd.Series(pd.to_datetime(laps["start"], utc=True, errors="coerce"))
    offset = (start - cleaned.start).dt.total_seconds().to_numpy(float)
    elapsed = np.asarray(pd.to_numeric(laps["elapsed_s"], errors="coerce"), dtype=float)
    stopped = elapsed - np.asarray(pd.to_numeric(laps["timer_s"], errors="coerce"), dtype=float)
    ok = np.isfinite(offset) & np.isfinite(elapsed) & np.isfinite(stopped)
    if not ok.any():
        return np.zeros(n)
    offset, elapsed, stopped = offset[ok], elapsed[ok], np.maximum(stopped[ok], 0.0)
    order = np.argsort(offset, kind="stable")
    offset, elapsed, stopped = offset[order], elapsed[order], stopped[order]
    middle = 0.5 * (cleaned.t_s[:-1] + cleaned.t_s[1:])
    lap = np.searchsorted(offset, middle, side="right") - 1
    inside = (lap >= 0) & (middle <= offset[np.clip(lap, 0, None)] + elapsed[np.clip(lap, 0, None)])
    return np.where(inside, stopped[np.clip(lap, 0, None)], 0.0)


def note_bridged(
    plan: GapPlan, t_s: np.ndarray, seconds: np.ndarray, columns: dict[str, np.ndarray],
    flags: dict[str, object], warnings: list[str],
) -> None:
    """Record the bridged gaps in a stream being built: the ``interpolated`` column (only when
    some row is interpolated), the ``gaps_bridged`` and ``interpolated_s`` flags, a warning."""
    interpolated = plan.interpolated(t_s, seconds)
    flags["gaps_bridged"] = int(plan.bridged.sum())
    flags["interpolated_s"] = int(interpolated.sum())
    if flags["interpolated_s"]:
        columns["interpolated"] = interpolated
        warnings.append(f"{flags['gaps_bridged']} recording gap(s) while moving bridged by "
                        f"interpolation ({flags['interpolated_s']} s)")
