"""Sample data legload generates itself: synthetic workouts written as real FIT and GPX files.

legload ships no recorded data of anyone. These generators feed the demo, the tests (the
truth of every file is known) and the benchmarks. May import only :mod:`legload.errors`
(and the FIT SDK's encoder); the pipeline never imports it, only the demo does.
"""

from __future__ import annotations

from legload.synth.fit_writer import encode_fit, write_fit
from legload.synth.gpx_writer import encode_gpx, write_gpx
from legload.synth.workouts import Segment, Workout, synthesize

__all__ = ["Segment", "Workout", "encode_fit", "encode_gpx", "synthesize", "write_fit", "write_gpx"]
