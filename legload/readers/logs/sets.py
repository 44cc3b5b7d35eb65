"""A strength log's rows made sets a chunk at a time, as if the whole file were one table.

:class:`SetMaker` takes the rows a strength reader made of each chunk of a file (one row per
line, indexed by the line's number among the data rows) and returns each chunk's sets:
exercise names classified, cardio, rest-timer and empty rows dropped with a note, values
checked (a refused row named by its line), sets numbered within the exercise of a workout.
What spans chunks is carried from one to the next: the set numbers of a workout split across
chunks go on where they stopped, and the notes, the refused rows and the counts are those of
the file. :meth:`SetMaker.log` is the :class:`StrengthLog` of the file once every chunk is
through.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from legload.core.exercise_names import Classification, classify
from legload.readers.logs.validate import Refusals, check_rows

SET_COLUMNS = ("timestamp", "workout", "exercise_raw", "exercise", "set_index", "reps",
               "weight_kg", "duration_s", "distance_m", "rir", "set_type")
_FLOAT_COLUMNS = ("reps", "weight_kg", "duration_s", "distance_m", "rir")


@dataclass(frozen=True)
class SetCounts:
    """How many sets a log holds, how many of them are leg exercises of the library, and how
    many have a title legload does not know."""

    sets: int = 0
    leg: int = 0
    unknown: int = 0


@dataclass
class StrengthLog:
    """Sets read from a strength log.

    Attributes:
        sets: one row per set, columns :data:`SET_COLUMNS` (empty when the sets were handed
            on chunk by chunk: :attr:`counted` says how many).
        unknown: distinct exercise titles neither mapped to the library nor recognised as
            non-leg exercises.
        non_leg: distinct titles recognised as upper-body or core exercises.
        skipped: notes on rows that are not strength sets (cardio, rest timers).
        warnings: notes on assumptions (time zone, weight unit) and damaged rows.
        format: ``hevy``, ``strong``, ``fitbod``, ``strava_hevy``, ``legload`` or ``fit``.
        counted: the counts of the sets handed on chunk by chunk (None: count :attr:`sets`).
    """

    sets: pd.DataFrame
    unknown: list[str] = field(default_factory=list)
    non_leg: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    format: str = ""
    counted: SetCounts | None = None

    @property
    def counts(self) -> SetCounts:
        """The sets of the whole log: how many, of leg exercises, of unknown titles."""
        if self.counted is not None:
            return self.counted
        return SetCounts(len(self.sets), int(self.sets["exercise"].notna().sum()),
                         int(self.sets["exercise_raw"].isin(self.unknown).sum()))


def empty_sets() -> pd.DataFrame:
    """A set frame without rows (columns :data:`SET_COLUMNS`)."""
    return pd.DataFrame({c: pd.Series(dtype=float if c in _FLOAT_COLUMNS else object)
                         for c in SET_COLUMNS})


class _Codes:
    """A number for each distinct value, the same in every chunk (a new value takes the next
    number)."""

    def __init__(self) -> None:
        self.known: dict = {}

    def __call__(self, values: pd.Series | np.ndarray) -> np.ndarray:
        codes, uniques = pd.factorize(values)
        known = self.known
        numbers = [known.setdefault(v, len(known)) for v in uniques.tolist()]
        return np.asarray(numbers, dtype="uint64")[codes]


#: codes of times and of (workout, exercise) pairs stay below it (a file has fewer rows), so
#: a pair of them is one uint64
_SPAN = np.uint64(2**32)


class _Numbers:
    """How many sets each (time, workout, exercise) had in the chunks before, so numbering
    goes on across chunks: sorted uint64 keys with their counts (16 bytes per exercise of a
    workout)."""

    def __init__(self) -> None:
        self.times, self.names, self.pairs = _Codes(), _Codes(), _Codes()
        self.keys = np.zeros(0, dtype="uint64")
        self.counts = np.zeros(0, dtype="int64")

    def next(self, sets: pd.DataFrame) -> np.ndarray:
        """1-based set numbers of ``sets``' rows within their (time, workout, exercise), in
        the order of the rows, after the sets of the chunks before."""
        times = self.times(pd.DatetimeIndex(sets["timestamp"]).as_unit("ns").asi8)
        pairs = self.pairs(self.names(sets["workout"]) * _SPAN + self.names(sets["exercise_raw"]))
        keys, inverse = np.unique(times * _SPAN + pairs, return_inverse=True)
        inverse = inverse.reshape(-1)
        at = np.searchsorted(self.keys, keys)
        found = at < len(self.keys)
        found[found] = self.keys[at[found]] == keys[found]
        before = np.zeros(len(keys), dtype="int64")
        before[found] = self.counts[at[found]]
        numbers = pd.Series(inverse).groupby(inverse).cumcount().to_numpy() + 1 + before[inverse]
        sizes = np.bincount(inverse, minlength=len(keys))
        self.counts[at[found]] += sizes[found]
        self.keys = np.insert(self.keys, at[~found], keys[~found])
        self.counts = np.insert(self.counts, at[~found], sizes[~found])
        return numbers


class SetMaker:
    """Sets of a strength log's rows, chunk by chunk (see the module docstring); ``warnings``
    is the reader's list of notes, the refused rows' summary appended at the end."""

    def __init__(self, warnings: list[str]) -> None:
        self.warnings = warnings
        self.kinds: dict[str, Classification] = {}
        self.numbers = _Numbers()
        self.rest = self.empty = 0
        self.cardio: Counter[str] = Counter()
        self.refused = Refusals("set(s)")
        self.kept: set[str] = set()
        self.counts = SetCounts()

    def _kind_of(self, names: pd.Series) -> pd.Series:
        for name in names.unique():
            if name not in self.kinds:
                self.kinds[name] = classify(name)
        return names.map({n: self.kinds[n].kind for n in names.unique()})

    def _dropped(self, frame: pd.DataFrame, kind: pd.Series) -> pd.Series:
        """Rows that are not sets: rest timers, cardio, nothing recorded (counted)."""
        drop = pd.Series(False, index=frame.index)
        if "_rest_timer" in frame:
            rest = frame["_rest_timer"].astype(bool)
            self.rest += int(rest.sum())
            drop |= rest
        cardio = kind == "cardio"
        self.cardio.update(frame.loc[cardio, "exercise_raw"].value_counts().to_dict())
        drop |= cardio
        empty = frame[["reps", "weight_kg", "duration_s", "distance_m"]].fillna(0).eq(0).all(axis=1)
        empty &= ~drop
        self.empty += int(empty.sum())
        return drop | empty

    def sets(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The sets of one chunk's rows (columns :data:`SET_COLUMNS`)."""
        frame = frame.copy()
        frame["exercise_raw"] = frame["exercise_raw"].astype(str)
        frame["workout"] = frame["workout"].astype(str).str.strip()
        kind = self._kind_of(frame["exercise_raw"])
        frame["exercise"] = frame["exercise_raw"].map(
            {n: k.exercise if k.kind == "leg" else None for n, k in self.kinds.items()})
        drop = self._dropped(frame, kind)
        checked = check_rows(frame.loc[~drop], "strength_sets", lambda i, _row: f"line {int(i) + 2}")
        if checked.refused:
            self.refused.add(checked.refused)
            drop |= ~frame.index.isin(checked.frame.index)
        sets = frame.loc[~drop]
        sets = sets.assign(set_index=self.numbers.next(sets))
        if "_set" in sets:
            sets["set_index"] = sets["_set"].fillna(sets["set_index"]).astype(int)
        failure = (sets["set_type"] == "failure") & sets["rir"].isna()
        sets.loc[failure, "rir"] = 0.0
        out = pd.DataFrame({c: sets[c] for c in SET_COLUMNS}).reset_index(drop=True)
        for c in _FLOAT_COLUMNS:
            out[c] = out[c].astype(float)
        out["set_index"] = out["set_index"].astype(int)
        out["exercise"] = out["exercise"].astype(object).where(out["exercise"].notna(), None)
        self._count(out, kind.loc[sets.index])
        return out

    def _count(self, out: pd.DataFrame, kind: pd.Series) -> None:
        self.kept.update(out["exercise_raw"].unique())
        self.counts = SetCounts(self.counts.sets + len(out),
                                self.counts.leg + int(out["exercise"].notna().sum()),
                                self.counts.unknown + int((kind == "unknown").sum()))

    def skipped(self) -> list[str]:
        """The notes on the rows that are not sets, over the whole file."""
        notes = [f"{self.rest} rest-timer row(s): not sets"] if self.rest else []
        for name in sorted(self.cardio):
            mode = self.kinds[name].exercise
            hint = f" ({mode})" if mode else ""
            notes.append(f"{name}{hint}: {self.cardio[name]} cardio row(s) skipped, not "
                         "strength sets; import the activity files for their load")
        if self.empty:
            notes.append(f"{self.empty} row(s) with no reps, weight, time or distance")
        return notes

    def log(self, fmt: str) -> StrengthLog:
        """The log of every chunk so far (its sets handed on already: :attr:`StrengthLog.sets`
        empty, :attr:`StrengthLog.counted` set)."""
        warnings = [*self.warnings, *self.refused.summary()]
        unknown = sorted(n for n in self.kept if self.kinds[n].kind == "unknown")
        non_leg = sorted(n for n in self.kept if self.kinds[n].kind == "non_leg")
        return StrengthLog(empty_sets(), unknown, non_leg, self.skipped(),
                           list(dict.fromkeys(warnings)), fmt, self.counts)


@dataclass
class SetStream:
    """The sets of a strength log as they are read: :attr:`chunks` yields each chunk's sets
    (once); :meth:`log` is the file's :class:`StrengthLog` once they are through."""

    format: str
    chunks: Iterator[pd.DataFrame]
    maker: SetMaker

    def log(self) -> StrengthLog:
        """The log of the chunks read so far (its sets not kept)."""
        return self.maker.log(self.format)

    def whole(self) -> StrengthLog:
        """The log with every set (the chunks read and joined)."""
        every = list(self.chunks)
        parts = [part for part in every if len(part)] or every[:1] or [empty_sets()]
        log = self.log()
        log.sets = parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)
        return log


__all__ = ["SET_COLUMNS", "SetCounts", "SetMaker", "SetStream", "StrengthLog", "empty_sets"]
