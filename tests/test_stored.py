"""legload.stored: the report's read of stored analyses, without the import machinery."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from legload.readers.logs.validate import date_problem
from legload.stored import start_check

REPO = Path(__file__).resolve().parent.parent
SOON = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=20)).strftime("%Y-%m-%dT%H:%M:%SZ")
LATE = (dt.datetime.now(dt.UTC) + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.mark.parametrize("start", [
    "2016-12-12T06:30:00Z", "2016-12-12T06:30:00.250Z", "1990-01-01T00:00:00Z",
    "1989-12-31T23:59:59Z", "1970-01-01T00:00:00Z", SOON, LATE, "2999-01-01T00:00:00Z",
    "2016-13-12T06:30:00Z", "2016-02-30T06:30:00Z", "yesterday", "2016-12-12 06:30:00",
    "2016-12-12T06:30:00+02:00", "2016-12-12",
])
def test_the_start_check_says_what_date_problem_says(start):
    # will fail if the quick path lets through a start date_problem refuses, or words it apart
    assert start_check()(start) == date_problem(start)


def test_a_report_with_every_analysis_stored_loads_no_reader_stream_or_session_code():
    code = ("import sys, legload.api, legload.stored, legload.analysis.report; "
            "print(sorted(m for m in sys.modules if m.startswith(('legload.pipeline', "
            "'legload.import_pool', 'legload.streams', 'legload.analysis.session', "
            "'legload.readers.fit', 'legload.readers.xml'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=REPO, env={"PYTHONPATH": str(REPO)}).stdout
    assert out.strip() == "[]"
