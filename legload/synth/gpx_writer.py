"""Write synthetic workouts as GPX 1.1 tracks with Garmin's TrackPointExtension (v1).

One ``trkseg`` per stretch between pauses (GPX 1.1 starts a new segment where the receiver
was off). Each ``trkpt`` has ``lat``/``lon`` (7 decimals, ≈ 1 cm), ``ele`` (cm), ``time``
(ISO 8601 UTC, ``Z``) and ``gpxtpx:hr`` / ``gpxtpx:cad``; like a watch's export, ``cad``
is per foot (steps/min ÷ 2, rounded) for running and walking, crank rev/min for cycling.
Text is built with lxml, so names are escaped properly.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
from lxml import etree

from legload.errors import StreamError
from legload.synth.workouts import Workout, synthesize

GPX_NS = "http://www.topografix.com/GPX/1/1"
TPX_NS = "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
CREATOR = "legload sample"
_SCHEMAS = (f"{GPX_NS} http://www.topografix.com/GPX/1/1/gpx.xsd "
            f"{TPX_NS} http://www.garmin.com/xmlschemas/TrackPointExtensionv1.xsd")


def encode_gpx(workout: Workout, samples: pd.DataFrame) -> bytes:
    """GPX 1.1 bytes (UTF-8, with XML declaration) of ``samples`` of ``workout``.

    Raises :class:`~legload.errors.StreamError` for samples without positions (indoor
    workouts), which GPX cannot hold.
    """
    if "lat_deg" not in samples or "lon_deg" not in samples:
        raise StreamError(f"{workout.name}: GPX needs positions; an indoor workout has none")
    root = etree.Element(f"{{{GPX_NS}}}gpx", nsmap={None: GPX_NS, "gpxtpx": TPX_NS,
                                                    "xsi": XSI_NS})
    root.set("version", "1.1")
    root.set("creator", CREATOR)
    root.set(f"{{{XSI_NS}}}schemaLocation", _SCHEMAS)
    metadata = etree.SubElement(root, f"{{{GPX_NS}}}metadata")
    etree.SubElement(metadata, f"{{{GPX_NS}}}time").text = _iso(pd.Timestamp(workout.start))
    trk = etree.SubElement(root, f"{{{GPX_NS}}}trk")
    etree.SubElement(trk, f"{{{GPX_NS}}}name").text = workout.name
    etree.SubElement(trk, f"{{{GPX_NS}}}type").text = workout.sport
    times = [_iso(t) for t in samples["timestamp"]]
    lat, lon = _text(samples, "lat_deg", "{:.7f}"), _text(samples, "lon_deg", "{:.7f}")
    ele = _text(samples, "altitude_m", "{:.2f}")
    hr = _text(samples, "heart_rate_bpm", "{:.0f}")
    if workout.sport == "cycling":
        cad = _text(samples, "cadence_rpm", "{:.0f}")
    else:
        cad = _text(samples, "cadence_spm", "{:.0f}", scale=0.5)
    trkseg = None
    breaks = set(_segment_starts(workout, samples))
    for i in range(len(samples)):
        if trkseg is None or i in breaks:
            trkseg = etree.SubElement(trk, f"{{{GPX_NS}}}trkseg")
        if lat[i] is None or lon[i] is None:
            continue
        pt = etree.SubElement(trkseg, f"{{{GPX_NS}}}trkpt", lat=lat[i], lon=lon[i])
        if ele[i] is not None:
            etree.SubElement(pt, f"{{{GPX_NS}}}ele").text = ele[i]
        etree.SubElement(pt, f"{{{GPX_NS}}}time").text = times[i]
        if hr[i] is not None or cad[i] is not None:
            ext = etree.SubElement(etree.SubElement(pt, f"{{{GPX_NS}}}extensions"),
                                   f"{{{TPX_NS}}}TrackPointExtension")
            if hr[i] is not None:
                etree.SubElement(ext, f"{{{TPX_NS}}}hr").text = hr[i]
            if cad[i] is not None:
                etree.SubElement(ext, f"{{{TPX_NS}}}cad").text = cad[i]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_gpx(workout: Workout, path: str | Path, samples: pd.DataFrame | None = None, *,
              seed: int = 0) -> Path:
    """Write ``workout`` as a GPX file at ``path`` (synthesizing samples when none are given)."""
    if samples is None:
        samples = synthesize(workout, seed=seed)
    path = Path(path)
    path.write_bytes(encode_gpx(workout, samples))
    return path


def _iso(stamp: pd.Timestamp) -> str:
    stamp = stamp.tz_convert("UTC") if stamp.tzinfo else stamp.tz_localize("UTC")
    if stamp.microsecond or stamp.nanosecond:
        return stamp.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")


def _text(samples: pd.DataFrame, name: str, fmt: str, scale: float = 1.0) -> list[str | None]:
    if name not in samples:
        return [None] * len(samples)
    values = (samples[name].to_numpy(float) * scale).tolist()
    return [None if math.isnan(v) else fmt.format(v) for v in values]


def _segment_starts(workout: Workout, samples: pd.DataFrame) -> list[int]:
    """Row numbers of the first sample after each pause of ``workout``."""
    offsets = (samples["timestamp"] - pd.Timestamp(workout.start)).dt.total_seconds()
    offsets = offsets.to_numpy(float)
    resumes = [span.t1 for span in workout.timeline() if span.segment.kind == "stop"]
    return [int(np.searchsorted(offsets, t - 1e-6)) for t in resumes]
