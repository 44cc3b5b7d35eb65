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
kilograms. Either way a warning names the choice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import chain

import numpy as np
import pandas as pd

from legload.core.exercise_names import classify
from legload.core.units import LB_KG, MILE_M
from legload.errors import ReadError, reading
from legload.readers.logs import apps
from legload.readers.logs.chunks import by_value, chunks, codec, first_line, stripped
from legload.readers.logs.csvsniff import LOCAL_TIME_WARNING, ungrouped
from legload.readers.logs.validate import check_rows, summary

SET_COLUMNS = ("timestamp", "workout", "exercise_raw", "exercise", "set_index", "reps",
               "weight_kg", "duration_s", "distance_m", "rir", "set_type")
NOT_RECOGNISED = ("not a recognised strength log (expected Hevy, Strong, Fitbod or legload "
                  "CSV)")
_SET_TYPES = {"normal": "normal", "warmup": "warmup", "warm_up": "warmup", "w": "warmup",
              "dropset": "dropset", "drop_set": "dropset", "d": "dropset",
              "failure": "failure", "f": "failure"}


@dataclass
class StrengthLog:
    """Sets read from a strength log.

    Attributes:
        sets: one row per set, columns :data:`SET_COLUMNS`.
        unknown: distinct exercise titles neither mapped to the library nor recognised as
            non-leg exercises.
        non_leg: distinct titles recognised as upper-body or core exercises.
        skipped: notes on rows that are not strength sets (cardio, rest timers).
        warnings: notes on assumptions (time zone, weight unit) and damaged rows.
        format: ``hevy``, ``strong``, ``fitbod``, ``strava_hevy``, ``legload`` or ``fit``.
    """

    sets: pd.DataFrame
    unknown: list[str] = field(default_factory=list)
    non_leg: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    format: str = ""


def read_strength(data: bytes, source: str, *, weight_unit: str | None = None) -> StrengthLog:
    """Read a Hevy, Strong or legload strength CSV.

    ``weight_unit`` (``"kg"`` or ``"lb"``) overrides the unit of a classic Strong export,
    whose header does not say it. Raises :class:`ReadError` for anything else.
    """
    if weight_unit not in (None, "kg", "lb"):
        raise ReadError(source, f"weight_unit must be 'kg' or 'lb', not {weight_unit!r}")
    with reading(source):
        pieces, warnings, sep = _pieces(data, source)
        first = next(pieces)
        fmt = _format(set(first.columns))
        if fmt is None:
            raise ReadError(source, NOT_RECOGNISED)
        keep = _keep(fmt)
        pieces = (_cleaned(stripped(chunk, keep), sep) for chunk in chain([first], pieces))
        if fmt == "strava_hevy":  # the sets of a few rows: kept chunk by chunk
            frame = apps.strava_hevy_sets(pieces, source)
        else:
            parts = list(pieces)
            raw = parts[0] if len(parts) == 1 else pd.concat(parts)
            del parts
            frame = _read_format(fmt, raw, source, warnings, weight_unit)
        log = _finish(frame, warnings)
        log.format = fmt
        return log


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
                 weight_unit: str | None) -> pd.DataFrame:
    if fmt == "hevy":
        return _hevy(raw, source, warnings)
    if fmt == "strong":
        return _strong(raw, source, warnings, weight_unit)
    if fmt == "fitbod":
        frame = apps.fitbod_sets(raw)
        frame["timestamp"] = _times(frame["timestamp"], source, warnings,
                                    ("%Y-%m-%d %H:%M:%S %z",))
        return frame
    return _legload(raw.rename(columns=str.lower), source, warnings)


def _pieces(data: bytes, source: str) -> tuple[Iterator[pd.DataFrame], list[str], str]:
    """The CSV's rows, a chunk at a time (see :func:`.chunks.chunks`), its decoding warnings
    and its separator."""
    encoding, warnings = codec(data, source, NOT_RECOGNISED, "; check accented exercise names")
    first = first_line(data, encoding)
    sep = ";" if first.count(";") > first.count(",") else ","
    return chunks(data, source, NOT_RECOGNISED, sep, encoding), warnings, sep


def _cleaned(chunk: pd.DataFrame, sep: str) -> pd.DataFrame:
    """Values stripped; in a comma-separated file "1,000" is a thousand, as in food logs
    ("102,5" stays: a decimal comma)."""
    if sep == ";":
        return chunk
    return chunk.apply(lambda col: ungrouped(col) if col.str.contains(",", regex=False).any()
                       else col)


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
        raise ReadError(source, f"{bad} row(s) have an unreadable date, e.g. "
                                f"{text[parsed.isna()].iloc[0]!r}")
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


def _strong_unit(raw: pd.DataFrame, weight_col: str, weight_unit: str | None,
                 warnings: list[str]) -> str:
    if weight_unit is not None:
        return weight_unit
    weights = raw[weight_col].astype(str)
    residue = weights.str.contains(r"\.\d*(?:99999|00000)\d*$", regex=True).any()
    values = _num(raw[weight_col])
    big_lift = raw["Exercise Name"].str.contains("Squat|Deadlift", case=False, regex=True)
    heavy = bool((values[big_lift] > 300).any())
    unit = "lb" if residue or heavy else "kg"
    why = ("some weights carry pound-conversion residues" if residue else
           "a squat or deadlift above 300" if heavy else "no sign of pounds")
    warnings.append(f"this Strong export does not name its weight unit: read as {unit} "
                    f"({why}); pass weight_unit='kg' or 'lb' to override")
    return unit


def _strong(raw: pd.DataFrame, source: str, warnings: list[str],
            weight_unit: str | None) -> pd.DataFrame:
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
            unit = _strong_unit(raw, weight_col, weight_unit, warnings)
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


def _finish(frame: pd.DataFrame, warnings: list[str]) -> StrengthLog:
    """Classify exercises, drop cardio and rest rows with notes, number the sets."""
    frame = frame.copy()
    frame["exercise_raw"] = frame["exercise_raw"].astype(str)
    frame["workout"] = frame["workout"].astype(str).str.strip()
    kinds = {name: classify(name) for name in frame["exercise_raw"].unique()}
    kind = frame["exercise_raw"].map({n: k.kind for n, k in kinds.items()})
    frame["exercise"] = frame["exercise_raw"].map(
        {n: k.exercise if k.kind == "leg" else None for n, k in kinds.items()})
    skipped: list[str] = []
    drop = pd.Series(False, index=frame.index)
    if "_rest_timer" in frame:
        rest = frame["_rest_timer"].astype(bool)
        if rest.any():
            skipped.append(f"{int(rest.sum())} rest-timer row(s): not sets")
        drop |= rest
    cardio = kind == "cardio"
    for name in sorted(frame.loc[cardio, "exercise_raw"].unique()):
        n = int((frame["exercise_raw"] == name).sum())
        mode = kinds[name].exercise
        hint = f" ({mode})" if mode else ""
        skipped.append(f"{name}{hint}: {n} cardio row(s) skipped, not strength sets; "
                       "import the activity files for their load")
    drop |= cardio
    empty = frame[["reps", "weight_kg", "duration_s", "distance_m"]].fillna(0).eq(0).all(axis=1)
    empty &= ~drop
    if empty.any():
        skipped.append(f"{int(empty.sum())} row(s) with no reps, weight, time or distance")
    drop |= empty
    checked = check_rows(frame.loc[~drop], "strength_sets", lambda i, _row: f"line {int(i) + 2}")
    if checked.refused:
        warnings.append(summary(checked.refused, "set(s)"))
        drop |= ~frame.index.isin(checked.frame.index)
    sets = frame.loc[~drop].copy()
    group = [sets["timestamp"], sets["workout"], sets["exercise_raw"]]
    sets["set_index"] = sets.groupby(group, sort=False).cumcount() + 1
    if "_set" in sets:
        sets["set_index"] = sets["_set"].fillna(sets["set_index"]).astype(int)
    failure = (sets["set_type"] == "failure") & sets["rir"].isna()
    sets.loc[failure, "rir"] = 0.0
    sets = sets.reset_index(drop=True)
    out = pd.DataFrame({c: sets[c] for c in SET_COLUMNS})
    for c in ("reps", "weight_kg", "duration_s", "distance_m", "rir"):
        out[c] = out[c].astype(float)
    out["set_index"] = out["set_index"].astype(int)
    out["exercise"] = out["exercise"].astype(object).where(out["exercise"].notna(), None)
    kept = sets["exercise_raw"].unique()
    unknown = sorted(n for n in kept if kinds[n].kind == "unknown")
    non_leg = sorted(n for n in kept if kinds[n].kind == "non_leg")
    return StrengthLog(out, unknown, non_leg, skipped, list(dict.fromkeys(warnings)))


def sets_from_fit(messages: Mapping[str, np.ndarray], workout: str = "") -> pd.DataFrame:
    """Sets of a FIT strength activity (``decode(data).table("set")``), columns
    :data:`SET_COLUMNS`: see :func:`legload.readers.logs.fitsets.fit_sets`."""
    from legload.readers.logs.fitsets import fit_sets

    return fit_sets(messages, workout)


__all__ = ["LB_KG", "SET_COLUMNS", "StrengthLog", "read_strength", "sets_from_fit"]
