"""Food logs: daily energy and macronutrient totals.

:func:`read_intake` recognises the format from the header (``docs/formats.md`` shows each):

* **legload daily CSV**: ``date,energy_kcal,protein_g[,carbs_g,fat_g]`` (``energy_kj`` in
  place of ``energy_kcal`` is converted); one row per day, ISO dates.
* **Cronometer daily summary** (``dailysummary.csv``): ``Date, Energy (kcal), ...,
  Carbs (g), ..., Fat (g), ..., Protein (g), ..., Completed``; one row per day. Cronometer
  writes a row with 0 kcal for a day on which nothing was logged: such days are kept as
  "not logged" (every value NaN) and counted in a warning.
* **Cronometer servings** (``servings.csv``): ``Day, [Time,] Group, Food Name, Amount,
  Energy (kcal), ...``; one row per food serving, summed per day.
* **MyFitnessPal nutrition export** (``Nutrition-Summary-*.csv``): ``Date, Meal, Calories,
  Fat (g), ..., Carbohydrates (g), ..., Protein (g), ..., Note``; one row per meal, summed
  per day; total rows (``Totals``, ``Daily Total``) are skipped.
* **MyFitnessPal printable diary** (the HTML page of *Reports → Printable Diary*, saved
  from the browser): a ``<h2 id="date">January 1, 2019</h2>`` heading per day followed by
  a ``<table id="food">`` whose header names the nutrient columns and whose footer is the
  day's ``TOTAL:`` row. The footer is read (and checked against the sum of the entries).
  The page is parsed with lxml's HTML parser with network access off; the page's scripts
  and styles are ignored. A page that does not have this shape is refused with a request
  to export CSV instead.

The result is one row per day: ``date`` (a calendar day, datetime64 without time zone, as
the app wrote it), ``energy_kcal``, ``protein_g``, ``carbs_g``, ``fat_g``. A day the file
does not cover is absent — gaps stay gaps, never zeros; a blank value is NaN. Energy in
kilojoules is converted with 1 kcal = 4.184 kJ (the thermochemical calorie). Days with
energy above 15,000 kcal or below zero cannot be a day's eating and are dropped with a
warning; negative macronutrient values become NaN with a warning.

The CSV dialect (encoding, separator, number and date forms) is read by :mod:`.csvsniff`;
:func:`legload.readers.logs.detect.detect_log` tells the import router which log a file is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from legload.core.units import KJ_PER_KCAL
from legload.errors import ReadError, reading
from legload.readers.logs.csvsniff import csv_table, numbers, parse_days

INTAKE_COLUMNS = ("date", "energy_kcal", "protein_g", "carbs_g", "fat_g")
NUTRIENTS = INTAKE_COLUMNS[1:]
#: kJ per kcal (thermochemical calorie)

#: a day's energy above this (kcal) is taken as an entry error
MAX_DAY_KCAL = 15_000.0
NOT_RECOGNISED = "not a recognised food log (expected legload, Cronometer or MyFitnessPal CSV)"
EXPORT_CSV_INSTEAD = ("export the diary as CSV instead (MyFitnessPal: Settings → Export Data; "
                      "or the legload daily CSV)")

_TOTAL_ROW = re.compile(r"\btotals?\b", re.IGNORECASE)
#: every column a food-log format is told by or read from (the legload CSV's in lower case)
_USED = frozenset({"Date", "Day", "Meal", "Food Name", "Metric", "Energy (kcal)", "Energy (kJ)",
                   "Calories", "Kilojoules", "Protein (g)", "Protein", "Carbs (g)",
                   "Carbohydrates (g)", "Carbohydrates", "Fat (g)", "Fat"})
_USED_LOWER = frozenset({"date", "energy_kcal", "energy_kj", "protein_g", "carbs_g", "fat_g"})


@dataclass
class IntakeLog:
    """Daily totals read from a food log.

    Attributes:
        days: one row per logged day, columns :data:`INTAKE_COLUMNS`, sorted by date.
        warnings: notes on assumptions and on rows or days that were dropped.
        format: ``legload``, ``cronometer_daily``, ``cronometer_servings``,
            ``myfitnesspal_csv`` or ``myfitnesspal_diary``.
    """

    days: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    format: str = ""


# --- the formats -----------------------------------------------------------------------------


def intake_kind(columns: list[str]) -> str | None:
    """Which food-log format a header belongs to, or None."""
    cols = set(columns)
    lower = {c.lower() for c in columns}
    if "date" in lower and ({"energy_kcal", "energy_kj"} & lower):
        return "legload"
    energy = {"Energy (kcal)", "Energy (kJ)"} & cols
    if energy and "Food Name" in cols and ({"Day", "Date"} & cols):
        return "cronometer_servings"
    if energy and ({"Day", "Date"} & cols) and "Metric" not in cols:
        return "cronometer_daily"
    if {"Date", "Meal"} <= cols and ({"Calories", "Kilojoules", "Energy (kJ)"} & cols):
        return "myfitnesspal_csv"
    return None


def read_intake(data: bytes, source: str) -> IntakeLog:
    """Read a food log into daily totals (see the module docstring for the formats).

    Raises:
        ReadError: ``"<source>: <problem>"`` for an empty, unreadable or unknown file.
    """
    with reading(source):
        if looks_like_html(data):
            return _mfp_diary(data, source)
        raw, warnings, sep = csv_table(data, source, NOT_RECOGNISED, _used)
        kind = intake_kind(list(raw.columns))
        if kind is None:
            raise ReadError(source, NOT_RECOGNISED)
        reader = {"legload": _legload, "cronometer_daily": _cronometer_daily,
                  "cronometer_servings": _cronometer_servings, "myfitnesspal_csv": _mfp_csv}[kind]
        if kind == "legload":
            raw = raw.rename(columns=str.lower)
        return _finish(reader(raw, source, warnings, sep), warnings, kind)


def _used(column: str) -> bool:
    """True for a column the food-log formats look at (the others are not kept)."""
    return column in _USED or column.lower() in _USED_LOWER


def _energy_kcal(raw: pd.DataFrame, kcal: tuple[str, ...], kj: tuple[str, ...],
                 sep: str) -> pd.Series:
    for col in kcal:
        if col in raw:
            return numbers(raw[col], sep)
    for col in kj:
        if col in raw:
            return numbers(raw[col], sep) / KJ_PER_KCAL
    return pd.Series(np.nan, index=raw.index)


def _column(raw: pd.DataFrame, names: tuple[str, ...], sep: str) -> pd.Series:
    for name in names:
        if name in raw:
            return numbers(raw[name], sep)
    return pd.Series(np.nan, index=raw.index)


def _frame(days: pd.Series, energy: pd.Series, protein: pd.Series, carbs: pd.Series,
           fat: pd.Series) -> pd.DataFrame:
    return pd.DataFrame({"date": days, "energy_kcal": energy, "protein_g": protein,
                         "carbs_g": carbs, "fat_g": fat})


def _drop_undated(frame: pd.DataFrame, raw_dates: pd.Series, warnings: list[str],
                  labels: pd.Series | None = None) -> pd.DataFrame:
    """Drop rows without a readable day; total rows are dropped without a note."""
    undated = frame["date"].isna()
    total = raw_dates.str.contains(_TOTAL_ROW)
    if labels is not None:
        total |= labels.str.contains(_TOTAL_ROW)
    noted = undated & ~total & (raw_dates != "")
    if noted.any():
        warnings.append(f"{int(noted.sum())} row(s) with an unreadable date dropped, e.g. "
                        f"{raw_dates[noted].iloc[0]!r}")
    blank = undated & ~total & (raw_dates == "")
    if blank.any():
        warnings.append(f"{int(blank.sum())} row(s) without a date dropped")
    return frame[~(undated | total)]


def _one_per_day(frame: pd.DataFrame, warnings: list[str]) -> pd.DataFrame:
    """Daily formats: a day written twice keeps its last row, with a warning."""
    repeated = frame["date"].duplicated(keep="last")
    if repeated.any():
        first = frame.loc[repeated, "date"].iloc[0].strftime("%Y-%m-%d")
        warnings.append(f"{int(repeated.sum())} day(s) written more than once (e.g. {first}): "
                        "the last row of each was kept")
    return frame[~repeated]


def _sum_per_day(frame: pd.DataFrame) -> pd.DataFrame:
    """Per-entry formats: sum per day; a nutrient blank in every entry of a day stays NaN."""
    return frame.groupby("date", sort=True)[list(NUTRIENTS)].sum(min_count=1).reset_index()


def _legload(raw: pd.DataFrame, source: str, warnings: list[str], sep: str) -> pd.DataFrame:
    days = parse_days(raw["date"], source, warnings, "date")
    frame = _frame(days, _energy_kcal(raw, ("energy_kcal",), ("energy_kj",), sep),
                   _column(raw, ("protein_g",), sep), _column(raw, ("carbs_g",), sep),
                   _column(raw, ("fat_g",), sep))
    return _one_per_day(_drop_undated(frame, raw["date"], warnings), warnings)


def _cronometer_daily(raw: pd.DataFrame, source: str, warnings: list[str],
                      sep: str) -> pd.DataFrame:
    date_col = "Date" if "Date" in raw else "Day"
    days = parse_days(raw[date_col], source, warnings, date_col)
    frame = _frame(days, _energy_kcal(raw, ("Energy (kcal)",), ("Energy (kJ)",), sep),
                   _column(raw, ("Protein (g)",), sep), _column(raw, ("Carbs (g)",), sep),
                   _column(raw, ("Fat (g)",), sep))
    frame = _one_per_day(_drop_undated(frame, raw[date_col], warnings), warnings).copy()
    empty = frame["energy_kcal"] == 0
    if empty.any():
        frame.loc[empty, list(NUTRIENTS)] = np.nan
        warnings.append(f"{int(empty.sum())} day(s) with 0 kcal: not logged, kept as unknown "
                        "(NaN), not as zero")
    return frame


def _cronometer_servings(raw: pd.DataFrame, source: str, warnings: list[str],
                         sep: str) -> pd.DataFrame:
    date_col = "Day" if "Day" in raw else "Date"
    days = parse_days(raw[date_col], source, warnings, date_col)
    frame = _frame(days, _energy_kcal(raw, ("Energy (kcal)",), ("Energy (kJ)",), sep),
                   _column(raw, ("Protein (g)",), sep), _column(raw, ("Carbs (g)",), sep),
                   _column(raw, ("Fat (g)",), sep))
    return _sum_per_day(_drop_undated(frame, raw[date_col], warnings))


def _mfp_csv(raw: pd.DataFrame, source: str, warnings: list[str], sep: str) -> pd.DataFrame:
    days = parse_days(raw["Date"], source, warnings, "Date")
    frame = _frame(days, _energy_kcal(raw, ("Calories",), ("Kilojoules", "Energy (kJ)"), sep),
                   _column(raw, ("Protein (g)", "Protein"), sep),
                   _column(raw, ("Carbohydrates (g)", "Carbs (g)", "Carbohydrates"), sep),
                   _column(raw, ("Fat (g)", "Fat"), sep))
    return _sum_per_day(_drop_undated(frame, raw["Date"], warnings, raw["Meal"]))


def _finish(frame: pd.DataFrame, warnings: list[str], kind: str) -> IntakeLog:
    """Drop impossible days, blank negative macronutrients, order and type the columns."""
    frame = frame.copy()
    for col in NUTRIENTS:
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype(float)
    energy = frame["energy_kcal"]
    absurd = (energy > MAX_DAY_KCAL) | (energy < 0)
    if absurd.any():
        first = frame[absurd].iloc[0]
        warnings.append(
            f"{int(absurd.sum())} day(s) with energy outside 0–{MAX_DAY_KCAL:,.0f} kcal dropped "
            f"as entry errors (e.g. {first['date']:%Y-%m-%d}: {first['energy_kcal']:,.0f} kcal)")
    frame = frame[~absurd]
    for col in ("protein_g", "carbs_g", "fat_g"):
        negative = frame[col] < 0
        if negative.any():
            frame.loc[negative, col] = np.nan
            warnings.append(f"{int(negative.sum())} negative {col} value(s) set to unknown")
    frame = frame.sort_values("date", kind="stable").reset_index(drop=True)
    out = pd.DataFrame({"date": frame["date"].astype("datetime64[ns]")})
    for col in NUTRIENTS:
        out[col] = frame[col].astype(float)
    return IntakeLog(out, list(dict.fromkeys(warnings)), kind)


# --- MyFitnessPal printable diary (HTML) --------------------------------------------------------


def looks_like_html(data: bytes) -> bool:
    """True when the content starts like an HTML page."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html")) or (
        head.startswith(b"<") and b"<html" in head)


def is_mfp_diary(data: bytes) -> bool:
    """True for a MyFitnessPal printable diary (the page read by :func:`read_intake`)."""
    lowered = data[:200_000].lower()
    return b"printable" in lowered and b'id="food"' in lowered


def _cell_number(text: str) -> float:
    """``1,949`` → 1949; ``235g`` → 235; ``3,436mg`` → 3436; blank or ``--`` → NaN."""
    cleaned = re.sub(r"[^\d.\-]", "", text.replace(",", ""))
    try:
        return float(cleaned)
    except ValueError:
        return np.nan


def _food_columns(table) -> dict[str, tuple[int, float]]:
    """Column index and factor to kcal/g of each nutrient, from the table header."""
    header = [" ".join(td.text_content().split()).lower()
              for td in table.xpath("./thead/tr[1]/td | ./thead/tr[1]/th")]
    found: dict[str, tuple[int, float]] = {}
    for i, name in enumerate(header):
        if name in ("calories", "kcal") and "energy_kcal" not in found:
            found["energy_kcal"] = (i, 1.0)
        elif name in ("kilojoules", "kj") and "energy_kcal" not in found:
            found["energy_kcal"] = (i, 1.0 / KJ_PER_KCAL)
        elif name == "protein":
            found["protein_g"] = (i, 1.0)
        elif name in ("carbs", "carbohydrates"):
            found["carbs_g"] = (i, 1.0)
        elif name == "fat":
            found["fat_g"] = (i, 1.0)
    return found


def _row_values(cells: list[str], columns: dict[str, tuple[int, float]]) -> dict[str, float]:
    out = {}
    for name in NUTRIENTS:
        if name in columns:
            index, factor = columns[name]
            out[name] = _cell_number(cells[index]) * factor if index < len(cells) else np.nan
        else:
            out[name] = np.nan
    return out


def _diary_day(table, day: pd.Timestamp, warnings: list[str], source: str) -> dict:
    columns = _food_columns(table)
    if "energy_kcal" not in columns:
        raise ReadError(source, f"the food table of {day:%Y-%m-%d} has no Calories column; "
                                f"{EXPORT_CSV_INSTEAD}")
    entries = [[" ".join(td.text_content().split()) for td in tr.xpath("./td")]
               for tr in table.xpath("./tbody/tr")]
    entries = [cells for cells in entries if len(cells) > 1]  # meal titles span all columns
    summed = {name: np.nansum([_row_values(c, columns)[name] for c in entries])
              if entries else np.nan for name in NUTRIENTS}
    footer = [" ".join(td.text_content().split()) for td in table.xpath("./tfoot/tr[1]/td")]
    if footer and footer[0].lower().startswith("total"):
        values = _row_values(footer, columns)
        gap = abs(values["energy_kcal"] - summed["energy_kcal"])
        if gap > max(2.0, 0.01 * summed["energy_kcal"]):
            warnings.append(f"{day:%Y-%m-%d}: the diary's TOTAL "
                            f"({values['energy_kcal']:,.0f} kcal) "
                            f"differs from the sum of its entries ({summed['energy_kcal']:,.0f}); "
                            "the TOTAL was used")
    else:
        values = summed
    for name in NUTRIENTS:
        if name not in columns:
            values[name] = np.nan
    return {"date": day, **values}


def _mfp_diary(data: bytes, source: str) -> IntakeLog:
    from lxml import html as lxml_html

    if not is_mfp_diary(data):
        raise ReadError(source, f"{NOT_RECOGNISED}: an HTML page that is not a MyFitnessPal "
                                "printable diary")
    parser = lxml_html.HTMLParser(no_network=True, huge_tree=False, remove_comments=True,
                                  remove_pis=True)
    with reading(source, f"unreadable HTML ({{exc}}); {EXPORT_CSV_INSTEAD}"):
        doc = lxml_html.document_fromstring(data, parser=parser)
    warnings: list[str] = []
    rows: list[dict] = []
    day: pd.Timestamp | None = None
    for element in doc.iter("h2", "table"):
        if element.tag == "h2":
            if element.get("id") != "date":
                continue
            text = " ".join(element.text_content().split())
            parsed = pd.to_datetime(text, format="%B %d, %Y", errors="coerce")
            if pd.isna(parsed):
                raise ReadError(source, f"the diary's date heading {text!r} cannot be read "
                                        f"(English month names expected); {EXPORT_CSV_INSTEAD}")
            day = parsed
        elif element.get("id") == "food":
            if day is None:
                raise ReadError(source, "a food table without a date heading: the page's layout "
                                        f"is not the one legload reads; {EXPORT_CSV_INSTEAD}")
            rows.append(_diary_day(element, day, warnings, source))
            day = None  # one food table per day
    if not rows:
        raise ReadError(source, f"a MyFitnessPal printable diary without food tables; "
                                f"{EXPORT_CSV_INSTEAD}")
    frame = _one_per_day(pd.DataFrame(rows), warnings)
    return _finish(frame, warnings, "myfitnesspal_diary")


__all__ = [
    "INTAKE_COLUMNS",
    "KJ_PER_KCAL",
    "MAX_DAY_KCAL",
    "NOT_RECOGNISED",
    "IntakeLog",
    "intake_kind",
    "is_mfp_diary",
    "looks_like_html",
    "read_intake",
]
