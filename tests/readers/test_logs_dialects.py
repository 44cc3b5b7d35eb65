"""Issue 16, item 13: the same number reads the same in every log (``"1,000"``), UTF-16
CSVs are read, a row with extra columns is named, a day logged with 0 kcal is not a day
of fasting."""

from __future__ import annotations

import pytest

from legload.errors import ReadError
from legload.readers.logs.read import read_log

STRENGTH = 'date,exercise,set,reps,weight_kg\n2026-03-02,Leg Press,1,10,"1,000"\n'
INTAKE = 'date,energy_kcal,protein_g\n2026-03-02,"2,500",100\n'


def test_thousands_separator_reads_the_same_in_strength_and_intake():
    sets = read_log(STRENGTH.encode(), "s.csv", "strength").frame
    days = read_log(INTAKE.encode(), "i.csv", "intake").frame
    assert sets["weight_kg"].tolist() == [1000.0]
    assert days["energy_kcal"].tolist() == [2500.0]
    semicolon = "date;exercise;set;reps;weight_kg\n2026-03-02;Squat;1;5;102,5\n"
    assert read_log(semicolon.encode(), "s.csv", "strength").frame["weight_kg"].tolist() == [102.5]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_csvs_are_read(encoding):
    for text, kind in ((STRENGTH, "strength"), (INTAKE, "intake")):
        rows = read_log(text.encode(encoding), "x.csv", kind)
        assert len(rows.frame) == 1
    found = read_log(INTAKE.encode("utf-16"), "x.csv")  # detected, no kind given
    assert found.table == "intake_days"


def test_row_with_extra_columns_is_named():
    text = "date,exercise,reps,weight_kg\n2026-03-02,Squat,5,100\n2026-03-03,Squat,5,100,0,1\n"
    with pytest.raises(ReadError) as caught:
        read_log(text.encode(), "s.csv", "strength")
    assert "line 3" in str(caught.value) and "6 fields" in str(caught.value)
    assert "unreadable date" not in str(caught.value)


def test_zero_kcal_day_is_not_logged():
    text = "date,energy_kcal,protein_g\n2026-03-01,2500,100\n2026-03-02,0,0\n"
    rows = read_log(text.encode(), "i.csv", "intake")
    assert rows.frame["date"].dt.strftime("%Y-%m-%d").tolist() == ["2026-03-01"]
    assert any("2026-03-02" in w and "not logged" in w for w in rows.warnings)
