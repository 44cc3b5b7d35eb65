"""GPX 1.0/1.1 files → one :class:`~legload.core.activity.Activity` per track (``<trk>``).

Positions from ``lat``/``lon``, altitude from ``<ele>``, sensor channels from whichever
extension carries them, by local name (Garmin TrackPointExtension, cluetrust ``gpxdata`` as
Strava writes it, plain ``heartrate``/``cadence``/``power``, ``PowerInWatts``). Run cadence is
per foot: foot sports get ``cadence_spm`` = 2 × ``cad``, others ``cadence_rpm``. A track with
positions but no speed or distance of its own gets both derived (named in the summary's
``derived_columns``)."""

from __future__ import annotations

from typing import BinaryIO

from legload.core.activity import Activity, ActivityColumns, order_columns, summarize
from legload.core.sports import sport_from_motion, sport_from_words
from legload.errors import ReadError
from legload.readers.xml import samples
from legload.readers.xml.safe import child, child_text, contains, find_all, tree_fields
from legload.readers.xml.scan import PointScan, parse_scanned

#: the fields of a trkpt: its descendants by lower-case local name, its attributes
POINTS = samples.PointNames("trkpt", {
    "time": "time", "ele": "altitude_m", "speed": "speed_m_s", "distance": "distance_m",
    "hr": "heart_rate_bpm", "heartrate": "heart_rate_bpm", "heart_rate": "heart_rate_bpm",
    "cad": "cadence", "cadence": "cadence",
    "atemp": "temperature_c", "temp": "temperature_c", "temperature": "temperature_c",
    "power": "power_w", "powerinwatts": "power_w", "watts": "power_w",
}, {"lat": "lat_deg", "lon": "lon_deg"}, ("trk", "rtept"))
#: Strava's numeric activity types in its GPX ``<type>``
_STRAVA_TYPES = {"1": "cycling", "4": "hiking", "9": "running", "10": "walking"}
_SUB_WORDS = ("treadmill", "trail", "indoor", "virtual", "track", "road", "mountain", "gravel")


def read_gpx(data: bytes, source: str) -> list[Activity]:
    """One Activity per track with timed points of a GPX document (``source`` names it in
    messages). ReadError: unsafe or unreadable XML, no track points or (plausible) times."""
    return [columns.to_activity() for columns in read_gpx_columns(data, source)]


def read_gpx_columns(data: bytes | BinaryIO, source: str) -> list[ActivityColumns]:
    """:func:`read_gpx` without the tables built: what an import stores (see
    :class:`~legload.core.activity.ActivityColumns`); ``data`` may be a seekable binary file,
    read from where it stands a piece at a time."""
    file_warnings: list[str] = []
    root, scan = parse_scanned(data, source, file_warnings, POINTS)
    tracks = find_all(root, "trk")
    has_points = contains(root, "trkpt")
    if not tracks and has_points:
        tracks = [root]
    if not tracks or not has_points:
        routed = " (only a planned route: <rtept> points carry no times)" if contains(root, "rtept") else ""
        raise ReadError(source, f"no track points in this GPX file{routed}")
    device = (root.get("creator") or "").strip() or None
    file_name = child_text(child(root, "metadata"), "name") or child_text(root, "name")
    return samples.gather(tracks, lambda track: _read_track(track, source, device, file_name, scan),
                          source, file_warnings, "track")


def _read_track(track, source: str, device: str | None, file_name: str | None,
                scan: PointScan | None) -> ActivityColumns:
    warnings: list[str] = []
    points = find_all(track, "trkpt")
    if not points:
        raise ReadError(source, "no track points")
    found = tree_fields(points, POINTS) if scan is None else scan.fields_of(points)
    columns = samples.timed_columns(found, source, warnings)
    kind = child_text(track, "type")
    name = child_text(track, "name") or file_name
    sport, sub_sport = _sport(kind)
    if sport is None:
        sport = sport_from_words(name) or sport_from_motion(columns)
    samples.cadence_columns(columns, sport)
    summary = summarize(columns, fmt="gpx", sport=sport, sub_sport=sub_sport, name=name, device=device)
    derived = samples.motion_from_positions(columns)  # after the summary: its channels are the file's
    if derived:
        summary["derived_columns"] = list(samples.DERIVED_MOTION)
    columns = order_columns({**columns, **derived})
    return ActivityColumns(columns=columns, laps=None, summary=summary, warnings=warnings, source=source)


def _sport(kind: str | None) -> tuple[str | None, str]:
    """(sport, sub_sport) from a track's ``<type>``: ``other`` when it names no known sport,
    None without a type (the sport is then taken from the name or the motion)."""
    if not kind:
        return None, "generic"
    lowered = kind.strip().lower()
    if lowered in _STRAVA_TYPES:
        return _STRAVA_TYPES[lowered], "generic"
    sport = sport_from_words(lowered) or "other"
    words = lowered.replace("_", " ").replace("-", " ").split()
    sub = next((w for w in _SUB_WORDS if w in words), "generic")
    return sport, sub


__all__ = ["read_gpx", "read_gpx_columns"]
