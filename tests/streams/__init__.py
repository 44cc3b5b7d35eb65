"""Tests of the stream stage, and builders of synthetic activities for them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from legload.core.activity import Activity, empty_laps

START = pd.Timestamp("2024-05-01T06:00:00Z")
LAT0, LON0 = 47.5, 19.0
_M_PER_DEG = 111_195.0


def positions(x_m: np.ndarray, heading_deg: float = 30.0) -> tuple[np.ndarray, np.ndarray]:
    """Latitude and longitude of points ``x_m`` metres along a straight line from (LAT0, LON0)."""
    h = np.radians(heading_deg)
    lat = LAT0 + x_m * np.cos(h) / _M_PER_DEG
    lon = LON0 + x_m * np.sin(h) / (_M_PER_DEG * np.cos(np.radians(LAT0)))
    return lat, lon


def activity(
    t_s: np.ndarray, *, sport: str = "running", sub_sport: str = "road", **channels: np.ndarray,
) -> Activity:
    """An Activity whose samples are at ``t_s`` seconds after START with the given channels."""
    frame = pd.DataFrame({"timestamp": START + pd.to_timedelta(np.asarray(t_s, float), unit="s")})
    for name, values in channels.items():
        frame[name] = np.asarray(values, dtype=float)
    summary = {"sport": sport, "sub_sport": sub_sport}
    return Activity(samples=frame, laps=empty_laps(), summary=summary)


def track(
    t_s: np.ndarray, x_m: np.ndarray, altitude_m: np.ndarray | None = None, **kwargs,
) -> Activity:
    """A GPS track: positions at along-track distances ``x_m`` (plus optional altitude)."""
    lat, lon = positions(np.asarray(x_m, float))
    extra = {} if altitude_m is None else {"altitude_m": altitude_m}
    return activity(t_s, lat_deg=lat, lon_deg=lon, **extra, **kwargs)
