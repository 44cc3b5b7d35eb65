"""Strength logs: Hevy and Strong CSV exports, a plain legload CSV, and FIT ``set`` messages.

:func:`read_strength` detects the format from the header:

* **Hevy** (``workout_data.csv``): ``title, start_time, end_time, ..., exercise_title,
  set_index, set_type, weight_kg | weight_lbs, reps, distance_km | distance_miles,
  duration_seconds, rpe``; dates like ``30 Jun 2025, 19:56``.
* **Strong**, classic (comma; ``Date, Workout Name, [Duration,] Exercise Name, Set Order,
  Weight, Reps, Distance, Seconds, Notes, Workout Notes, RPE``; the weight unit is not
  written, see below) and newer (semicolon, quoted; ``Workout #, ..., Weight (kg)``,
  ``Distance (meters)``, ``Duration (sec)``). A ``Weight Unit`` column is honoured.
* **legload CSV**: ``date,exercise,set,reps,weight_kg,rir`` (``set`` and ``rir`` optional;
  ``date`` an ISO date or date-time, with or without a UTC offset).

Every row becomes one set: ``timestamp`` (UTC; the workout start), ``workout``,
``exercise_raw``, ``exercise`` (library name from
:func:`legload.core.exercise_names.classify`, None when not a leg exercise or unknown),
``set_index`` (1-based within the exercise of a workout), ``reps``, ``weight_kg``,
``duration_s``, ``distance_m``, ``rir`` (NaN when unknown; ``10 - RPE`` on the RIR-based RPE
scale of Zourdos et al. 2016) and ``set_type`` (normal, warmup, dropset, failure).
Cardio rows (rowing machine, indoor cycling, elliptical ...) and rest-timer rows are skipped
with a note. Pounds are converted with 1 lb = 0.45359237 kg (exact, international pound).

Times without a zone are local times of the phone; the file does not say which zone, so
they are stored as if they were UTC and a warning says so once.

The classic Strong export writes weights in the app's display unit without naming it. When
``weight_unit`` is not given, pounds are assumed if some weights carry binary-conversion
residues (``149.99999999999997``: the app stores kilograms and converts) or a squat or
deadlift above 300 (kg would be far beyond world records for most lifters); otherwise
kilograms. Either way a warning names the choice, made from every row before the first set
is read.

A CSV is read a chunk at a time (:func:`strength_sets`; :func:`read_strength` joins the chunks):
each chunk's rows become sets in :mod:`.sets`, numbered and checked as if the file were one
table; a file with unreadable dates is refused once they are all counted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from itertools import chain

import numpy as np
import pandas as pd

from legload.core.units import LB_KG, MILE_M
from legload.errors import ReadError, reading
from legload.readers.logs import apps
from legload.readers.logs.chunks import by_value, chunks, codec, first_line, stripped
from legload.readers.logs.csvsniff import LOCAL_TIME_WARNING, ungrouped
from legload.readers.logs.logfile import LogFile
from legload.readers.logs.sets import SET_COLUMNS, SetMaker, SetStream, StrengthLog

NOT_RECOGNISED = ("not a recognised strength log (expected Hevy, Strong, Fitbod or legload "
                  "CSV)")
_SET_TYPES = {"normal": "normal", "warmup": "warmup", "warm_up": "warmup", "w": "warmup",
              "dropset": "dropset", "drop_set": "dropset", "d": "dropset",
              "failure": "failure", "f": "failure"}


def read_strength(data: bytes, source: str, *, weight_unit: str | None = None) -> StrengthLog:
    """Read a Hevy, Strong or legload strength CSV.

    ``weight_unit`` (``"kg"`` or ``"lb"``) overrides the unit of a classic Strong export,
    whose header does not say it. Raises :class:`ReadError` for anything else.
    """
    return strength_sets(data, source, weight_unit=weight_unit).whole()


def strength_sets(data: bytes | LogFile, source: str, *,
                  weight_unit: str | None = None) -> SetStream:
    """:func:`read_strength` a chunk at a time: the format is found now (ReadError for a file
    that is not a strength CSV), the sets of each chunk as the stream is iterated (ReadError
    then for damage further on)."""
    if weight_unit not in (None, "kg", "lb"):
        raise ReadError(source, f"weight_unit must be 'kg' or 'lb', not {weight_unit!r}")
    with reading(source):
        encoding, warnings, sep = _dialect(data, source)
        pieces = chunks(data, source, NOT_RECOGNISED, sep, encoding)
        first = next(pieces)
        fmt = _format(set(first.columns))
        if fmt is None:
            raise ReadError(source, NOT_RECOGNISED)
        keep = _keep(fmt)
        rows = (_cleaned(chunk, keep, sep) for chunk in chain([first], pieces))
        weight = _plain_weight(first.columns) if fmt == "strong" and weight_unit is None else None
        guess = None if weight is None else partial(_unit_pass, data, source, sep, encoding, weight)
    maker = SetMaker(warnings)
    return SetStream(fmt, _set_chunks(rows, fmt, source, maker, weight_unit, guess), maker)


def _unit_pass(data: bytes | LogFile, source: str, sep: str, encoding: str,
               weight: str) -> tuple[str, str]:
    """:func:`_strong_unit` of a classic Strong export, from a pass over its weight and exercise
    columns."""
    wanted = {weight, "Exercise Name"}
    return _strong_unit(_cleaned(chunk, None, sep) for chunk in chunks(
        data, source, NOT_RECOGNISED, sep, encoding, usecols=lambda c: c.strip() in wanted))


class _Unreadable(ReadError):
    """Rows of one chunk whose date cannot be read (counted over the file before refusing
    it)."""

    def __init__(self, source: str, count: int, example: str) -> None:
        self.count, self.example = count, example
        super().__init__(source, _unreadable(count, example))


def _unreadable(count: int, example: str) -> str:
    return f"{count} row(s) have an unreadable date, e.g. {example!r}"


def _set_chunks(rows: Iterator[pd.DataFrame], fmt: str, source: str, maker: SetMaker,
                weight_unit: str | None, guess: Callable[[], tuple[str, str]] | None
                ) -> Iterator[pd.DataFrame]:
    """Each chunk's sets; a file with unreadable dates is refused once all are counted.
    ``guess`` gives the unit of a classic Strong export's weights: called when the first sets
    are wanted (a file found already stored is not read for it), before any is read."""
    with reading(source):
        if fmt == "strava_hevy":  # the sets of a few rows: kept chunk by chunk
            yield maker.sets(apps.strava_hevy_sets(rows, source))
            return
        bad, example = 0, ""
        unit = None if guess is None else guess()
        for raw in rows:
            try:
                frame = _read_format(fmt, raw, source, maker.warnings, weight_unit, unit)
            except _Unreadable as exc:
                bad, example = bad + exc.count, example if bad else exc.example
                continue
            if not bad:
                yield maker.sets(frame)
        if bad:
            raise ReadError(source, _unreadable(bad, example))


def _format(cols: set[str]) -> str | None:
    if {"exercise_title", "start_time"} <= cols:
        return "hevy"
    if {"Exercise Name", "Set Order", "Date"} <= cols:
        return "strong"
    if apps.is_fitbod(cols):
        return "fitbod"
    if apps.is_strava_with_descriptions(cols):
        return "strava_hevy"
    if {"date", "exercise", "reps"} <= {c.lower() for c in cols}:
        return "legload"
    return None


#: the columns each format is read from (the legload CSV's in lower case)
_USED = {
    "hevy": {"title", "start_time", "exercise_title", "weight_kg", "weight_lbs", "reps",
             "distance_km", "distance_miles", "duration_seconds", "rpe", "set_type"},
    "strong": {"Date", "Workout Name", "Exercise Name", "Set Order", "Reps", "Seconds", "RPE"},
    "fitbod": {"Date", "Exercise", "Reps", "Weight(kg)", "Weight(lbs)", "Weight(lb)",
               "Duration(s)", "Distance(m)", "isWarmup", "multiplier"},
    "strava_hevy": {"Activity Date", "Activity Name", "Activity Description"},
    "legload": {"date", "workout", "exercise", "reps", "weight_kg", "duration_s", "distance_m",
                "rir", "set_type", "set"},
}


def _keep(fmt: str) -> Callable[[str], bool]:
    """Whether a column is one a format is read from (the others are not kept)."""
    used = _USED[fmt]
    if fmt == "strong":  # "Weight", "Weight (kg)", "Weight Unit", "Distance (meters)" ...
        return lambda c: c in used or c.startswith(("Weight", "Distance"))
    if fmt == "legload":
        return lambda c: c.lower() in used
    return used.__contains__


def _read_format(fmt: str, raw: pd.DataFrame, source: str, warnings: list[str],
                 weight_unit: str | None, guess: tuple[str, str] | None) -> pd.DataFrame:
    if fmt == "hevy":
        return _hevy(raw, source, warnings)
    if fmt == "strong":
        return _strong(raw, source, warnings, weight_unit, guess)
    if fmt == "fitbod":
        frame = apps.fitbod_sets(raw)
        frame["timestamp"] = _times(frame["timestamp"], source, warnings,
                                    ("%Y-%m-%d %H:%M:%S %z",))
        return frame
    return _legload(raw.rename(columns=str.lower), source, warnings)


def _dialect(data: bytes | LogFile, source: str) -> tuple[str, list[str], str]:
    """The CSV's codec, its decoding warnings and its separator."""
    encoding, warnings = codec(data, source, NOT_RECOGNISED, "; check accented exercise names")
    first = first_line(data, encoding)
    return encoding, warnings, ";" if first.count(";") > first.count(",") else ","


def _cleaned(chunk: pd.DataFrame, keep: Callable[[str], bool] | None,
             sep: str) -> pd.DataFrame:
    """The columns ``keep`` accepts, values stripped; in a comma-separated file "1,000" is a
    thousand, as in food logs ("102,5" stays: a decimal comma)."""
    return stripped(chunk, keep, None if sep == ";" else _ungrouped)


def _ungrouped(column: pd.Series) -> pd.Series:
    return ungrouped(column) if column.str.contains(",", regex=False).any() else column


def _num(series: pd.Series) -> pd.Series:
    return by_value(series, _number)


def _number(series: pd.Series) -> pd.Series:
    cleaned = series.astype(str).str.strip().str.replace(",", ".", regex=False)
    return pd.to_numeric(cleaned.where(cleaned != "", None), errors="coerce").astype(float)


def _times(series: pd.Series, source: str, warnings: list[str],
           formats: tuple[str, ...] = ()) -> pd.Series:
    text = series.astype(str).str.strip()
    parsed = by_value(text, lambda values: _parsed(values, formats))
    bad = int(parsed.isna().sum())
    if bad:
        raise _Unreadable(source, bad, text[parsed.isna()].iloc[0])
    if parsed.dt.tz is None:
        warnings.append(LOCAL_TIME_WARNING)
        return parsed.dt.tz_localize("UTC")
    return parsed.dt.tz_convert("UTC")


def _parsed(text: pd.Series, formats: tuple[str, ...]) -> pd.Series:
    """Times of ``text``: the first of ``formats`` that reads every one, else each as it comes
    (NaT when unreadable; normalised to UTC when offsets differ)."""
    for fmt in formats:
        attempt = pd.to_datetime(text, format=fmt, errors="coerce")
        if attempt.notna().all():
            return attempt
    parsed = pd.to_datetime(text, format="mixed", errors="coerce", utc=False)
    if parsed.dtype == object:  # mixed offsets: normalise each to UTC
        parsed = pd.to_datetime(text, format="mixed", errors="coerce", utc=True)
    return parsed


def _rir_from_rpe(rpe: pd.Series) -> pd.Series:
    """RIR = 10 - RPE (RIR-based RPE scale, Zourdos et al. 2016, JSCR 30:267)."""
    rir = 10.0 - rpe
    return rir.where((rpe >= 1) & (rpe <= 10))


def _hevy(raw: pd.DataFrame, source: str, warnings: list[str]) -> pd.DataFrame:
    out = pd.DataFrame(index=raw.index)
    out["timestamp"] = _times(raw["start_time"], source, warnings,
                              ("%d %b %Y, %H:%M", "%Y-%m-%d %H:%M:%S"))
    out["workout"] = raw.get("title", "")
    out["exercise_raw"] = raw["exercise_title"].str.strip()
    if "weight_kg" in raw:
        out["weight_kg"] = _num(raw["weight_kg"])
    elif "weight_lbs" in raw:
        out["weight_kg"] = _num(raw["weight_lbs"]) * LB_KG
    else:
        out["weight_kg"] = np.nan
    out["reps"] = _num(raw["reps"]) if "reps" in raw else np.nan
    if "distance_km" in raw:
        out["distance_m"] = _num(raw["distance_km"]) * 1000.0
    elif "distance_miles" in raw:
        out["distance_m"] = _num(raw["distance_miles"]) * MILE_M
    else:
        out["distance_m"] = np.nan
    out["duration_s"] = _num(raw["duration_seconds"]) if "duration_seconds" in raw else np.nan
    out["rir"] = _rir_from_rpe(_num(raw["rpe"])) if "rpe" in raw else np.nan
    kinds = raw["set_type"].str.strip().str.lower() if "set_type" in raw else "normal"
    out["set_type"] = pd.Series(kinds, index=raw.index).map(_SET_TYPES).fillna("normal")
    return out


def _plain_weight(columns: Iterable[str]) -> str | None:
    """The weight column of a Strong export that does not name its unit, else None."""
    columns = list(columns)
    weight = next((c for c in columns if c.startswith("Weight") and c != "Weight Unit"), None)
    if weight is None or "Weight Unit" in columns or "(kg" in weight.lower() \
            or "(lb" in weight.lower():
        return None
    return weight


def _strong_unit(pieces: Iterable[pd.DataFrame]) -> tuple[str, str]:
    """The unit of a classic Strong export's weights, from every row (see the module
    docstring), and the warning naming it."""
    residue = heavy = False
    for raw in pieces:
        weight = _plain_weight(raw.columns)
        weights = raw[weight].astype(str)
        residue = residue or bool(by_value(weights, lambda s: s.str.contains(
            r"\.\d*(?:99999|00000)\d*$", regex=True)).any())
        big_lift = by_value(raw["Exercise Name"], lambda s: s.str.contains(
            "Squat|Deadlift", case=False, regex=True))
        heavy = heavy or bool((_num(raw[weight])[big_lift] > 300).any())
    unit = "lb" if residue or heavy else "kg"
    why = ("some weights carry pound-conversion residues" if residue else
           "a squat or deadlift above 300" if heavy else "no sign of pounds")
    return unit, (f"this Strong export does not name its weight unit: read as {unit} "
                  f"({why}); pass weight_unit='kg' or 'lb' to override")


def _strong(raw: pd.DataFrame, source: str, warnings: list[str],
            weight_unit: str | None, guess: tuple[str, str] | None) -> pd.DataFrame:
    out = pd.DataFrame(index=raw.index)
    out["timestamp"] = _times(raw["Date"], source, warnings, ("%Y-%m-%d %H:%M:%S",))
    out["workout"] = raw.get("Workout Name", "")
    out["exercise_raw"] = raw["Exercise Name"].str.strip()
    weight_col = next((c for c in raw.columns if c.startswith("Weight")
                       and c != "Weight Unit"), None)
    if weight_col is None:
        out["weight_kg"] = np.nan
    else:
        values = _num(raw[weight_col])
        label = weight_col.lower()
        if "Weight Unit" in raw:
            lbs = raw["Weight Unit"].str.strip().str.lower().str.startswith("lb")
            out["weight_kg"] = np.where(lbs, values * LB_KG, values)
        elif "(kg" in label:
            out["weight_kg"] = values
        elif "(lb" in label:
            out["weight_kg"] = values * LB_KG
        else:
            unit = weight_unit
            if unit is None and guess is not None:
                unit, note = guess
                warnings.append(note)
            out["weight_kg"] = values * LB_KG if unit == "lb" else values
    out["reps"] = _num(raw["Reps"]) if "Reps" in raw else np.nan
    out["distance_m"] = _strong_distance(raw, weight_unit, out)
    # "Seconds" is the set's time ("Duration (sec)" of the newer export is the workout's);
    # Strong writes 0 for "not recorded" in both Seconds and Distance.
    out["duration_s"] = _num(raw["Seconds"]) if "Seconds" in raw else np.nan
    for col in ("duration_s", "distance_m"):
        out[col] = out[col].where(out[col] != 0)
    out["rir"] = _rir_from_rpe(_num(raw["RPE"])) if "RPE" in raw else np.nan
    order = raw["Set Order"].astype(str).str.strip()
    out["set_type"] = order.str.lower().map(_SET_TYPES).fillna("normal")
    out["_rest_timer"] = order.str.lower().str.contains("rest")
    return out


def _strong_distance(raw: pd.DataFrame, weight_unit: str | None,
                     out: pd.DataFrame) -> pd.Series:
    for col, factor in (("Distance (meters)", 1.0), ("Distance (m)", 1.0),
                        ("Distance (km)", 1000.0), ("Distance (miles)", MILE_M),
                        ("Distance (mi)", MILE_M)):
        if col in raw:
            return _num(raw[col]) * factor
    if "Distance" not in raw:
        return pd.Series(np.nan, index=raw.index)
    values = _num(raw["Distance"])
    if "Distance Unit" in raw:
        miles = raw["Distance Unit"].str.strip().str.lower().str.startswith("mi")
        return pd.Series(np.where(miles, values * MILE_M, values * 1000.0), index=raw.index)
    # classic export: the display unit, km for kilogram users and miles for pound users
    return values * (MILE_M if weight_unit == "lb" else 1000.0)


def _legload(raw: pd.DataFrame, source: str, warnings: list[str]) -> pd.DataFrame:
    out = pd.DataFrame(index=raw.index)
    out["timestamp"] = _times(raw["date"], source, warnings, ("%Y-%m-%d",))
    out["workout"] = raw.get("workout", "")
    out["exercise_raw"] = raw["exercise"].str.strip()
    out["reps"] = _num(raw["reps"])
    out["weight_kg"] = _num(raw["weight_kg"]) if "weight_kg" in raw else np.nan
    out["duration_s"] = _num(raw["duration_s"]) if "duration_s" in raw else np.nan
    out["distance_m"] = _num(raw["distance_m"]) if "distance_m" in raw else np.nan
    out["rir"] = _num(raw["rir"]) if "rir" in raw else np.nan
    kinds = raw["set_type"].str.strip().str.lower() if "set_type" in raw else "normal"
    out["set_type"] = pd.Series(kinds, index=raw.index).map(_SET_TYPES).fillna("normal")
    if "set" in raw:
        out["_set"] = _num(raw["set"])
    return out


__all__ = ["LB_KG", "SET_COLUMNS", "StrengthLog", "read_strength", "strength_sets"]
