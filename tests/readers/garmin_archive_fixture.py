"""A generated Garmin Connect "Export Your Data" archive with the documented layout and field
names (no real one is public):

    DI_CONNECT/DI-Connect-Fitness/<user>_0_summarizedActivities.json
    DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip   (the FIT files)
    DI_CONNECT/DI-Connect-Wellness/<user>_userBioMetrics.json
    DI_CONNECT/DI-Connect-User/user_profile.json                      (not read)

Units as Garmin writes them: distance and elevation in cm, durations in ms, speeds in
(m/s)/10, start times in ms since 1970 (UTC), weights in g.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from garmin_fit_sdk import Encoder, Profile

from legload.readers.fit.decode import FIT_EPOCH_S
from legload.synth import synthesize
from legload.synth.fit_writer import encode_fit
from legload.synth.workouts import easy_run, hill_repeats

USER = "runner@example.com"
FITNESS = "DI_CONNECT/DI-Connect-Fitness"
START = dt.datetime(2026, 3, 2, 7, 0, tzinfo=dt.UTC)
_MESG = {name: num for num, name in Profile["types"]["mesg_num"].items()}
_CATEGORY = {name: num for num, name in Profile["types"]["exercise_category"].items()}


@dataclass
class Archive:
    """The archive written and what its index says."""

    path: Path
    index: list[dict]
    runs: list  # the two run workouts (synth)
    fit_sets: int  # strength sets the strength FIT holds (rest excluded)
    summary_sets: int  # strength sets of the activity that has no FIT


def _ms(moment: dt.datetime) -> float:
    return moment.timestamp() * 1000.0


def _fit_seconds(moment: dt.datetime) -> int:
    return int(moment.timestamp()) - FIT_EPOCH_S


def _strength_fit(start: dt.datetime) -> bytes:
    """A strength activity as a watch writes it: heart rate each second and four sets (and
    a rest)."""
    t0 = _fit_seconds(start)
    enc = Encoder()
    enc.write_mesg({"mesg_num": _MESG["file_id"], "type": "activity", "manufacturer": "garmin",
                    "product": 4024, "serial_number": 1234, "time_created": t0})
    for second in range(0, 600, 1):
        enc.write_mesg({"mesg_num": _MESG["record"], "timestamp": t0 + second,
                        "heart_rate": 100 + second % 30})
    for i, (offset, reps, weight, kind) in enumerate(
            [(0, 8, 80.0, "active"), (120, None, None, "rest"), (200, 8, 80.0, "active"),
             (320, 8, 85.0, "active"), (440, 6, 90.0, "active")]):
        message = {"mesg_num": _MESG["set"], "timestamp": t0 + offset + 40,
                   "start_time": t0 + offset, "duration": 40.0, "set_type": kind,
                   "category": [_CATEGORY["squat"]], "message_index": i}
        if reps is not None:
            message.update(repetitions=reps, weight=weight)
        enc.write_mesg(message)
    enc.write_mesg({"mesg_num": _MESG["session"], "timestamp": t0 + 600, "start_time": t0,
                    "total_elapsed_time": 600.0, "total_timer_time": 600.0,
                    "sport": "training", "sub_sport": "strength_training"})
    return enc.close()


def _not_activity(kind: str | int, start: dt.datetime) -> bytes:
    enc = Encoder()
    enc.write_mesg({"mesg_num": _MESG["file_id"], "type": kind, "manufacturer": "garmin",
                    "product": 4024, "serial_number": 1234,
                    "time_created": _fit_seconds(start)})
    return enc.close()


def _entry(activity_id: int, name: str, kind: str, start: dt.datetime, *, distance_m=0.0,
           duration_s=0.0, ascent_m=0.0, sets=None) -> dict:
    entry = {"activityId": activity_id, "name": name, "activityType": kind,
             "sportType": kind.upper(), "startTimeGmt": _ms(start),
             "startTimeLocal": _ms(start + dt.timedelta(hours=1)),
             "duration": duration_s * 1000.0, "movingDuration": duration_s * 1000.0,
             "distance": distance_m * 100.0, "elevationGain": ascent_m * 100.0,
             "avgSpeed": (distance_m / duration_s / 10.0) if duration_s else 0.0}
    if sets is not None:
        entry["summarizedExerciseSets"] = sets
    return entry


def write_archive(folder: Path) -> Archive:
    """``folder/garmin_export.zip``."""
    runs = [easy_run(START, minutes=20), hill_repeats(START + dt.timedelta(days=2), reps=3)]
    fits = {f"{USER}_{1000 + i}.fit": encode_fit(w, synthesize(w, seed=i))
            for i, w in enumerate(runs)}
    strength_start = START + dt.timedelta(days=1, hours=10)
    fits[f"{USER}_1002.fit"] = _strength_fit(strength_start)
    for i, kind in enumerate(("monitoring_b", 49, "settings")):  # 49: sleep, not in the SDK
        fits[f"{USER}_{2000 + i}.fit"] = _not_activity(kind, START + dt.timedelta(hours=i))
    index = [
        _entry(1000, "Easy Zurich", "running", START, distance_m=runs[0].distance_m,
               duration_s=runs[0].elapsed_s),
        # Garmin's index may be some seconds off the file's start
        _entry(1001, "Hill reps", "trail_running", runs[1].start + dt.timedelta(seconds=20),
               distance_m=runs[1].distance_m, duration_s=runs[1].elapsed_s),
        _entry(1002, "Leg day", "strength_training", strength_start, duration_s=600.0,
               sets=[{"category": "SQUAT", "subCategory": "BARBELL_BACK_SQUAT", "reps": 30,
                      "volume": 2_550_000.0, "sets": 4}]),  # the FIT's own sets win
        _entry(1003, "Gym, no watch", "strength_training", START + dt.timedelta(days=3),
               duration_s=1800.0,
               sets=[{"category": "LUNGE", "subCategory": "DUMBBELL_LUNGE", "reps": 24,
                      "weight": 20_000.0, "sets": 3}]),
    ]
    uploaded = io.BytesIO()
    with zipfile.ZipFile(uploaded, "w") as inner:
        for name, data in fits.items():
            inner.writestr(name, data)
    biometrics = [{"metaData": {"calendarDate": "2026-03-01T00:00:00.0"}, "weight": 72500.0,
                   "bodyFat": 18.5, "muscleMass": 33000.0},
                  {"metaData": {"calendarDate": "2026-03-08T00:00:00.0"}, "weight": 72100.0}]
    path = folder / "garmin_export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{FITNESS}/{USER}_0_summarizedActivities.json",
                         json.dumps([{"summarizedActivitiesExport": index}]))
        archive.writestr("DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip",
                         uploaded.getvalue())
        archive.writestr(f"DI_CONNECT/DI-Connect-Wellness/{USER}_userBioMetrics.json",
                         json.dumps(biometrics))
        archive.writestr("DI_CONNECT/DI-Connect-User/user_profile.json", "{}")
    return Archive(path, index, runs, fit_sets=4, summary_sets=3)

