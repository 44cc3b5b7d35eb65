"""What legload makes of the seven broken real files whose damage is in the timing, positions or
strings rather than the byte structure (../shared/data/real/SOURCES.md): each is salvaged, and
what it yields is pinned here — the warning (or its absence), the samples, the session's
duration and distance, and what the 1 Hz stream keeps of them. A reader or stream change that
alters any of it fails here and must be judged, not waved through.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from legload.readers import read_bytes
from legload.streams.build import to_stream

from ..conftest import REAL


@dataclass(frozen=True)
class Expected:
    """One broken file's salvage: exact sample count, session figures and the stream's."""

    samples: int
    warnings: tuple[str, ...]  # each a substring of one warning, in order; () = no warning
    duration_s: float  # the summary's duration (session elapsed time as recorded)
    distance_m: float  # the summary's distance (session total)
    moving_s: tuple[int, int]  # range of the stream's moving seconds
    stream_distance_m: float  # the stream's final distance, within 0.5 %
    dropped: dict[str, int] = field(default_factory=dict)  # the stream's dropped-row counts


EXPECTED = {
    # session elapsed time 2,412,583 s (27.9 days) as the Magellan wrote it, timer 7,373 s: the
    # summary keeps the recorded elapsed time without a warning (the session agrees with the
    # records), and the stream's moving time follows the ride (a 2,404,833 s pause), not the days
    "fit_27_days_duration.fit": Expected(
        3699, (), 2412583.0, 56911.91, (7300, 7500), 56911.91, {"isolated_sample": 2}),
    # 14 records dated 2015 in a 2013 ride: named as time running backwards; sorted to the end of
    # the stream behind a pause, so the moving time stays the ride's (timer 6,799 s)
    "fit_timestamp_jump_2015.fit": Expected(
        1816, ("timestamps run backwards 1 time(s)",), 7057.19, 43663.43, (6600, 6800), 43002.65,
        {"duplicate_timestamp": 19, "distance_backwards": 1, "distance_spike": 2,
         "isolated_sample": 1}),
    # 0/0 positions before the first fix: read as missing positions, dropped by the stream
    "fit_broken_start_latlng.fit": Expected(
        6864, (), 6908.0, 56555.83, (6800, 6900), 56554.5, {"position_null_island": 7}),
    # field sizes that do not match their base types: decoded by declared size, every record
    "fit_coros_pace2_misaligned_fields.fit": Expected(
        11272, (), 12719.0, 32145.76, (10200, 10300), 32143.88),
    # timer 21,680 s > elapsed 2,840 s: the span of the samples is named as a clock glitch
    "fit_inverted_elapsed_timer_time.fit": Expected(
        885, ("samples span 21670 s but the session lasted 2840 s",), 2839.6, 7861.02,
        (2800, 2860), 7832.19, {"isolated_sample": 1}),
    # no session start time: the start is the first record's; 3,279 records in 11 min (several
    # a second) fold into 631 one-second rows
    "fit_broken_session_start_time.fit": Expected(
        3279, (), 658.083, 3599.62, (625, 640), 3597.18,
        {"duplicate_timestamp": 2622, "heart_rate_out_of_range": 27}),
    # strings without a terminating NUL: read to the field's end, the ride kept whole (indoor)
    "fit_wahoo_unterminated_strings.fit": Expected(33, (), 32.0, 69.0, (23, 25), 64.74),
}


def _read(name: str):
    path = REAL / "broken" / name
    activities = read_bytes(path.read_bytes(), f"broken/{name}")
    assert len(activities) == 1
    return activities[0]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_is_salvaged_as_pinned(name, real_dir):
    want = EXPECTED[name]
    activity = _read(name)
    assert len(activity.samples) == want.samples
    assert len(activity.warnings) == len(want.warnings), activity.warnings
    for words, warning in zip(want.warnings, activity.warnings, strict=True):
        assert warning.startswith(f"broken/{name}: ") and words in warning, warning
    assert activity.summary["duration_s"] == pytest.approx(want.duration_s, abs=0.01)
    assert activity.summary["distance_m"] == pytest.approx(want.distance_m, abs=0.01)
    stream = to_stream(activity)
    low, high = want.moving_s
    assert low <= len(stream.frame) <= high
    assert stream.frame["distance_m"].iloc[-1] == pytest.approx(want.stream_distance_m, rel=0.005)
    assert stream.flags["dropped"] == want.dropped


def test_27_day_file_loads_the_ride_not_the_days(real_dir):
    activity = _read("fit_27_days_duration.fit")
    assert activity.summary["moving_s"] == pytest.approx(7373.0)  # the session's timer time
    pauses = to_stream(activity).flags["pauses"]
    assert max(length for _, length in pauses) == pytest.approx(2404833.0)


def test_2015_records_add_no_distance(real_dir):
    """The 14 records dated 2015 come after a 2-year pause; the stream keeps 30 moving seconds of
    them (a known weakness: the stream does not yet drop a clock jump), but they add no
    distance: the ride's distance is complete before them."""
    activity = _read("fit_timestamp_jump_2015.fit")
    years = activity.samples["timestamp"].dt.year
    assert (years == 2015).sum() == 14 and (years == 2013).sum() == 1816 - 14
    frame = to_stream(activity).frame
    late = frame["timestamp"].dt.year == 2015
    assert late.sum() == 30 and late.iloc[-30:].all()
    ride = frame.loc[~late, "distance_m"]
    assert frame.loc[late, "distance_m"].max() == pytest.approx(ride.iloc[-1])


def test_null_island_positions_are_not_kept(real_dir):
    activity = _read("fit_broken_start_latlng.fit")
    assert activity.samples["lat_deg"].iloc[:7].isna().all()
    frame = to_stream(activity).frame
    positions = frame[["lat_deg", "lon_deg"]].dropna()
    assert len(positions) > 6000
    assert (positions["lat_deg"].abs() > 1.0).all() and (positions["lon_deg"].abs() > 0.1).all()


def test_session_without_start_time_starts_at_the_first_record(real_dir):
    activity = _read("fit_broken_session_start_time.fit")
    assert activity.summary["start"] == "2017-03-20T19:09:28Z"
    assert activity.summary["device"] == "1052/1052"


def test_unterminated_strings_are_read_to_the_field_end(real_dir):
    activity = _read("fit_wahoo_unterminated_strings.fit")
    assert activity.summary["name"] == "Morning Ride"
    assert activity.summary["device"] == "wahoo_fitness/37"
    assert activity.summary["sub_sport"] == "indoor"
    assert not any("\x00" in str(v) for v in activity.summary.values())
