"""Food-log reader: legload CSV, Cronometer daily summary and servings, MyFitnessPal CSV and
printable diary; the header sniffing of the import router."""

from __future__ import annotations

import csv
import io
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legload.errors import ReadError
from legload.readers.logs.detect import detect_log
from legload.readers.logs.intake import (
    INTAKE_COLUMNS,
    KJ_PER_KCAL,
    NOT_RECOGNISED,
    read_intake,
)

CRONOMETER_DAILY = "exports/cronometer/2024/dailysummary.csv"
CRONOMETER_SERVINGS = "exports/cronometer/2020/servings.csv"
MFP_DIARY = "exports/myfitnesspal/printable_diary_2019-01.htm"
#: the documented MyFitnessPal nutrition export header (Nutrition-Summary-*.csv)
MFP_HEADER = ("Date,Meal,Calories,Fat (g),Saturated Fat,Polyunsaturated Fat,"
              "Monounsaturated Fat,Trans Fat,Cholesterol,Sodium (mg),Potassium,"
              "Carbohydrates (g),Fiber,Sugar,Protein (g),Vitamin A,Vitamin C,Calcium,Iron,Note")


def _real(real_dir, name):
    path = real_dir / name
    if not path.is_file():
        pytest.skip(f"{name} is not on this machine")
    return path.read_bytes(), str(path)


def _check_days(days: pd.DataFrame) -> None:
    assert list(days.columns) == list(INTAKE_COLUMNS)
    assert days["date"].dtype == np.dtype("datetime64[ns]")  # a calendar day, no zone
    assert (days["date"] == days["date"].dt.normalize()).all()
    assert days["date"].is_unique and days["date"].is_monotonic_increasing
    for col in INTAKE_COLUMNS[1:]:
        assert days[col].dtype == np.float64


def _day(days: pd.DataFrame, iso: str) -> pd.Series:
    rows = days[days["date"] == pd.Timestamp(iso)]
    assert len(rows) == 1, iso
    return rows.iloc[0]


# --- real files ----------------------------------------------------------------------------


def test_cronometer_daily_summary(real_dir):
    data, source = _real(real_dir, CRONOMETER_DAILY)
    log = read_intake(data, source)
    _check_days(log.days)
    assert log.format == "cronometer_daily"
    assert len(log.days) == 183
    first = _day(log.days, "2024-03-21")
    assert first["energy_kcal"] == pytest.approx(998.43)
    assert first["protein_g"] == pytest.approx(47.90)
    assert first["carbs_g"] == pytest.approx(107.53)
    assert first["fat_g"] == pytest.approx(38.70)
    # the log stops on 2024-05-07 and resumes on 2024-06-24: a gap, not zeros
    inside = (log.days["date"] > "2024-05-07") & (log.days["date"] < "2024-06-24")
    assert not inside.any()
    assert (log.days["energy_kcal"] > 0).all()


def test_cronometer_servings_sum_per_day(real_dir):
    data, source = _real(real_dir, CRONOMETER_SERVINGS)
    log = read_intake(data, source)
    _check_days(log.days)
    assert log.format == "cronometer_servings"
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    expected: dict[str, dict[str, float]] = {}
    for row in rows:
        day = expected.setdefault(row["Day"], {"kcal": 0.0, "protein": 0.0})
        day["kcal"] += float(row["Energy (kcal)"] or 0)
        day["protein"] += float(row["Protein (g)"] or 0)  # blank: this food has no value
    assert [d.strftime("%Y-%m-%d") for d in log.days["date"]] == sorted(expected)
    for iso, totals in expected.items():
        day = _day(log.days, iso)
        assert day["energy_kcal"] == pytest.approx(totals["kcal"])
        assert day["protein_g"] == pytest.approx(totals["protein"])
    assert 1500 < log.days["energy_kcal"].min() < log.days["energy_kcal"].max() < 4000


def test_myfitnesspal_printable_diary(real_dir):
    data, source = _real(real_dir, MFP_DIARY)
    log = read_intake(data, source)
    _check_days(log.days)
    assert log.format == "myfitnesspal_diary"
    assert list(log.days["date"]) == list(pd.date_range("2019-01-01", "2019-01-14"))
    jan1 = _day(log.days, "2019-01-01")  # TOTAL: 1,949 kcal, 235 g carbs, 84 g fat, 89 g protein
    assert (jan1["energy_kcal"], jan1["carbs_g"], jan1["fat_g"], jan1["protein_g"]) == (
        1949.0, 235.0, 84.0, 89.0)
    jan14 = _day(log.days, "2019-01-14")
    assert (jan14["energy_kcal"], jan14["protein_g"]) == (1455.0, 81.0)
    assert not log.warnings  # every TOTAL row equals the sum of its entries


@pytest.mark.parametrize(("name", "kind"), [
    (CRONOMETER_DAILY, "intake"), (CRONOMETER_SERVINGS, "intake"), (MFP_DIARY, "intake"),
    ("exports/cronometer/2024/biometrics.csv", "body"),
    ("exports/cronometer/2024/exercises.csv", None), ("exports/hevy/workout_data.csv", None),
    ("fit/running/garmin_fenix5_run_1min.fit", None),
])
def test_detect_log_on_real_files(real_dir, name, kind):
    data, source = _real(real_dir, name)
    assert detect_log(data, source) == kind


# --- legload CSV ---------------------------------------------------------------------------


def test_legload_gaps_stay_gaps_and_blanks_are_nan():
    data = (b"date,energy_kcal,protein_g,carbs_g,fat_g\n"
            b"2025-03-01,2400,120,300,80\n"
            b"2025-03-02,,95,,\n"
            b"2025-03-04,2100.5,110,250,70\n")
    log = read_intake(data, "food.csv")
    _check_days(log.days)
    assert log.format == "legload"
    assert list(log.days["date"]) == [pd.Timestamp("2025-03-01"), pd.Timestamp("2025-03-02"),
                                      pd.Timestamp("2025-03-04")]
    blank = _day(log.days, "2025-03-02")
    assert math.isnan(blank["energy_kcal"]) and math.isnan(blank["carbs_g"])
    assert blank["protein_g"] == 95.0
    assert _day(log.days, "2025-03-04")["energy_kcal"] == 2100.5


def test_legload_without_carbs_and_fat():
    log = read_intake(b"date,energy_kcal,protein_g\n2025-01-02,2000,100\n", "f.csv")
    _check_days(log.days)
    row = log.days.iloc[0]
    assert row["energy_kcal"] == 2000.0 and row["protein_g"] == 100.0
    assert math.isnan(row["carbs_g"]) and math.isnan(row["fat_g"])


def test_legload_kilojoules_are_converted():
    log = read_intake(b"date,energy_kj,protein_g\n2025-01-02,8368,100\n", "f.csv")
    assert log.days["energy_kcal"].iloc[0] == pytest.approx(8368 / KJ_PER_KCAL)
    assert log.days["energy_kcal"].iloc[0] == pytest.approx(2000.0)


def test_legload_repeated_day_keeps_the_last_row():
    log = read_intake(b"date,energy_kcal,protein_g\n2025-01-02,2000,100\n2025-01-02,2500,90\n",
                      "f.csv")
    assert len(log.days) == 1 and log.days["energy_kcal"].iloc[0] == 2500.0
    assert any("more than once" in w for w in log.warnings)


def test_absurd_days_are_dropped_with_a_warning():
    data = (b"date,energy_kcal,protein_g\n2025-01-01,2000,100\n2025-01-02,20000,100\n"
            b"2025-01-03,-50,0\n2025-01-04,15000,200\n")
    log = read_intake(data, "f.csv")
    assert [d.day for d in log.days["date"]] == [1, 4]  # 15,000 itself is kept
    assert any("2 day(s) with energy outside 0–15,000 kcal dropped" in w for w in log.warnings)


def test_negative_macronutrients_become_unknown():
    log = read_intake(b"date,energy_kcal,protein_g\n2025-01-01,2000,-3\n", "f.csv")
    assert math.isnan(log.days["protein_g"].iloc[0])
    assert any("negative protein_g" in w for w in log.warnings)


def test_unreadable_dates_are_dropped_and_reported():
    log = read_intake(b"date,energy_kcal,protein_g\n2025-01-01,2000,90\nsoon,2100,95\n", "f.csv")
    assert len(log.days) == 1
    assert any("unreadable date" in w and "'soon'" in w for w in log.warnings)
    with pytest.raises(ReadError, match="no readable dates"):
        read_intake(b"date,energy_kcal,protein_g\nsoon,2100,95\n", "f.csv")


@settings(max_examples=60, deadline=None)
@given(st.lists(
    st.tuples(st.dates(min_value=pd.Timestamp("1990-01-01").date(),
                       max_value=pd.Timestamp("2099-12-31").date()),
              st.one_of(st.none(), st.floats(0, 15_000, allow_nan=False)),
              *[st.one_of(st.none(), st.floats(0, 2_000, allow_nan=False))] * 3),
    min_size=1, max_size=30, unique_by=lambda row: row[0]))
def test_legload_csv_round_trip(rows):
    def cell(v):
        return "" if v is None else repr(v)

    lines = ["date,energy_kcal,protein_g,carbs_g,fat_g"]
    lines += [",".join([day.isoformat(), *(cell(v) for v in values)])
              for day, *values in rows]
    log = read_intake("\n".join(lines).encode(), "round-trip.csv")
    _check_days(log.days)
    assert not log.warnings
    expected = sorted(rows, key=lambda r: r[0])
    assert [d.date() for d in log.days["date"]] == [r[0] for r in expected]
    for col, index in zip(INTAKE_COLUMNS[1:], range(1, 5), strict=True):
        want = np.array([np.nan if r[index] is None else r[index] for r in expected])
        np.testing.assert_array_equal(log.days[col].to_numpy(), want)


# --- Cronometer (generated variants) -------------------------------------------------------


def test_cronometer_zero_kcal_days_are_not_logged():
    data = (b'Date,Energy (kcal),Carbs (g),Fat (g),Protein (g),Completed\n'
            b'2024-01-01,2100.5,250,70,110,true\n'
            b'2024-01-02,0.00,0.00,0.00,0.00,false\n'
            b'2024-01-03,0.00,0.00,0.00,0.00,false\n'
            b'2024-01-05,1900,200,60,100,true\n')
    log = read_intake(data, "dailysummary.csv")
    _check_days(log.days)
    assert len(log.days) == 4  # the 4th is absent: a gap; the 2nd and 3rd: not logged
    for iso in ("2024-01-02", "2024-01-03"):
        assert _day(log.days, iso)[list(INTAKE_COLUMNS[1:])].isna().all()
    assert "2 day(s) with 0 kcal: not logged" in " ".join(log.warnings)
    assert _day(log.days, "2024-01-01")["energy_kcal"] == 2100.5


def test_cronometer_kilojoules():
    data = b"Date,Energy (kJ),Carbs (g),Fat (g),Protein (g)\n2024-01-01,10460,250,70,110\n"
    log = read_intake(data, "dailysummary.csv")
    assert log.days["energy_kcal"].iloc[0] == pytest.approx(2500.0)


# --- MyFitnessPal CSV (built from the documented header) -----------------------------------


def _mfp_row(date, meal, kcal, fat, carbs, protein, note=""):
    values = {"Date": date, "Meal": meal, "Calories": kcal, "Fat (g)": fat,
              "Carbohydrates (g)": carbs, "Protein (g)": protein, "Note": note}
    return [values.get(col, "0") for col in MFP_HEADER.split(",")]


def test_myfitnesspal_csv_sums_meals_per_day():
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(MFP_HEADER.split(","))
    writer.writerows([
        _mfp_row("2026-01-05", "Breakfast", "400.0", "10.0", "55.0", "20.0"),
        _mfp_row("2026-01-05", "Lunch", "1,050", "22.0", "120.0", "45.5", "chicken, rice"),
        _mfp_row("2026-01-05", "Snacks", "150", "5", "", "3"),
        _mfp_row("2026-01-07", "Dinner", "800", "30", "70", "50"),
        _mfp_row("Totals", "", "2400", "67", "245", "118.5"),
    ])
    log = read_intake(buffer.getvalue().encode(), "Nutrition-Summary-2026.csv")
    _check_days(log.days)
    assert log.format == "myfitnesspal_csv"
    assert list(log.days["date"]) == [pd.Timestamp("2026-01-05"), pd.Timestamp("2026-01-07")]
    day = _day(log.days, "2026-01-05")
    assert day["energy_kcal"] == pytest.approx(1600.0)  # "1,050" is one thousand and fifty
    assert day["fat_g"] == pytest.approx(37.0)
    assert day["carbs_g"] == pytest.approx(175.0)  # a blank serving adds nothing
    assert day["protein_g"] == pytest.approx(68.5)
    assert not log.warnings  # the Totals row is a summary, skipped silently


def test_myfitnesspal_csv_month_first_dates_are_flagged():
    header = "Date,Meal,Calories,Fat (g),Carbohydrates (g),Protein (g)\n"
    log = read_intake((header + "01/02/2026,Lunch,600,20,60,40\n").encode(), "mfp.csv")
    assert log.days["date"].iloc[0] == pd.Timestamp("2026-01-02")
    assert any("month-first" in w for w in log.warnings)
    log = read_intake((header + "01/25/2026,Lunch,600,20,60,40\n").encode(), "mfp.csv")
    assert log.days["date"].iloc[0] == pd.Timestamp("2026-01-25") and not log.warnings


# --- MyFitnessPal printable diary (generated shapes) ---------------------------------------


def _diary(days: list[tuple[str, list[tuple[str, ...]], tuple[str, ...] | None]],
           energy: str = "Calories") -> bytes:
    parts = ['<!DOCTYPE html><html><head><title>Printable Diary</title></head>'
             '<body class="printable" id="printable-diary">']
    for heading, entries, total in days:
        parts.append(f'<h2 class="main-title-2" id="date">{heading}</h2>')
        parts.append('<table class="table0" id="food"><thead><tr><td class="first">Foods</td>'
                     f'<td>{energy}</td><td>Carbs</td><td>Fat</td><td>Protein</td>'
                     '<td>Sodium</td></tr></thead><tbody>'
                     '<tr class="title"><td class="first last" colspan="6">Breakfast</td></tr>')
        for entry in entries:
            parts.append("<tr>" + "".join(f"<td>{v}</td>" for v in entry) + "</tr>")
        parts.append("</tbody>")
        if total is not None:
            parts.append("<tfoot><tr>" + "".join(f"<td>{v}</td>" for v in total)
                         + "</tr></tfoot>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts).encode()


def test_diary_kilojoules_gaps_and_total_check():
    data = _diary([
        ("March 1, 2021", [("Oats, 1 cup", "1,255", "54g", "5g", "11g", "2mg"),
                           ("Milk, 1 cup", "418", "12g", "2g", "8g", "100mg")],
         ("TOTAL:", "1,673", "66g", "7g", "19g", "102mg")),
        ("March 3, 2021", [("Rice", "837", "45g", "0g", "4g", "0mg")],
         ("TOTAL:", "2,000", "45g", "0g", "4g", "0mg")),
    ], energy="Kilojoules")
    log = read_intake(data, "diary.htm")
    _check_days(log.days)
    assert list(log.days["date"]) == [pd.Timestamp("2021-03-01"), pd.Timestamp("2021-03-03")]
    assert log.days["energy_kcal"].iloc[0] == pytest.approx(1673 / KJ_PER_KCAL)
    assert log.days["carbs_g"].iloc[0] == 66.0
    assert any("2021-03-03" in w and "differs from the sum" in w for w in log.warnings)


def test_diary_without_footer_sums_entries():
    data = _diary([("May 2, 2020", [("Egg", "78", "1g", "5g", "6g", "62mg"),
                                    ("Toast", "80", "15g", "1g", "3g", "150mg")], None)])
    log = read_intake(data, "diary.html")
    assert log.days["energy_kcal"].iloc[0] == 158.0 and log.days["protein_g"].iloc[0] == 9.0


def test_diary_in_another_language_is_refused():
    data = _diary([("1 mars 2021", [("Pain", "80", "15g", "1g", "3g", "1mg")], None)])
    with pytest.raises(ReadError) as info:
        read_intake(data, "journal.htm")
    message = str(info.value)
    assert message.startswith("journal.htm: ") and "\n" not in message
    assert "export the diary as CSV instead" in message


def test_other_html_is_refused():
    with pytest.raises(ReadError) as info:
        read_intake(b"<!DOCTYPE html><html><body><p>hello</p></body></html>", "page.html")
    assert str(info.value) == f"page.html: {NOT_RECOGNISED}: an HTML page that is not a " \
                              "MyFitnessPal printable diary"


def test_diary_parsing_does_not_expand_entities():
    data = (b'<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            + _diary([("May 2, 2020", [("&x;", "78", "1g", "5g", "6g", "6mg")], None)])
            .split(b">", 1)[1])
    log = read_intake(data, "diary.htm")
    assert log.days["energy_kcal"].iloc[0] == 78.0


# --- refusals and sniffing -----------------------------------------------------------------


@pytest.mark.parametrize("data", [
    b"when,what\n2025-01-01,porridge\n",
    b"title,start_time,end_time,exercise_title,set_index,weight_kg,reps\n",
    b"\x0e\x10\x00\x00\x00\x00\x00\x00.FIT\x00\x00",
])
def test_unknown_files_are_refused_on_one_line(data):
    with pytest.raises(ReadError) as info:
        read_intake(data, "dir/odd.csv")
    assert str(info.value) == f"dir/odd.csv: {NOT_RECOGNISED}"


def test_empty_file_is_refused():
    with pytest.raises(ReadError, match=r"^e\.csv: not a recognised food log .*the file is empty$"):
        read_intake(b"  \n", "e.csv")


@pytest.mark.parametrize(("header", "kind"), [
    (b"date,energy_kcal,protein_g\n", "intake"),
    (b"\xef\xbb\xbfDate,Energy (kcal),Protein (g)\n", "intake"),
    (b'"Day","Time","Group","Food Name","Amount","Energy (kcal)"\n', "intake"),
    (MFP_HEADER.encode() + b"\n", "intake"),
    (b"date,weight_kg,body_fat_pct\n", "body"),
    (b'"Date","Weight (kg)","Fat mass (kg)","Bone mass (kg)"\n', "body"),
    (b"Day,Group,Metric,Unit,Amount\n", "body"),
    (b"date,exercise,set,reps,weight_kg\n", None),
    (b"Day,Group,Exercise,Minutes,Calories Burned\n", None),
    (b"", None),
])
def test_detect_log_headers(header, kind):
    assert detect_log(header + b"2025-01-01,1,2\n", "x.csv") == kind
