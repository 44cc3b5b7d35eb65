"""An import stores the arrays of FIT, GPX and TCX activities without building tables: the
same rows as from the tables."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from legload.core.activity import ActivityColumns
from legload.errors import ReadError
from legload.readers.detect import read_bytes, read_content
from legload.store import Store, prepare_activity
from legload.synth.fit_writer import encode_fit
from legload.synth.gpx_writer import encode_gpx
from legload.synth.workouts import easy_run, intervals, synthesize

from ..conftest import REAL

REAL_FIT = sorted(p for p in REAL.rglob("*.fit") if p.is_file()) if REAL.is_dir() else []
REAL_XML = sorted(p for p in REAL.rglob("*") if p.suffix in (".gpx", ".tcx")) if REAL.is_dir() else []
START = dt.datetime(2026, 2, 1, 7, tzinfo=dt.UTC)


def _generated() -> list[tuple[str, bytes]]:
    runs = [easy_run(START, minutes=12), intervals(START, reps=4)]
    return [(f"generated-{i}.fit", encode_fit(w, synthesize(w, seed=i))) for i, w in enumerate(runs)]


def _same_rows(data: bytes, source: str) -> int:
    try:
        lean = read_content(data, source)
    except ReadError:
        return 0
    tables = read_bytes(data, source)
    assert all(isinstance(item, ActivityColumns) for item in lean)
    assert len(lean) == len(tables)
    for columns, activity in zip(lean, tables, strict=True):
        assert prepare_activity(columns, source) == prepare_activity(activity, source)
    return len(lean)


@pytest.mark.parametrize("name,data", _generated(), ids=lambda x: x if isinstance(x, str) else "")
def test_generated_fit_rows_are_the_same_without_tables(name, data):
    assert _same_rows(data, name) == 1


def test_real_fit_rows_are_the_same_without_tables(real_dir):
    read = sum(_same_rows(path.read_bytes(), str(path)) for path in REAL_FIT)
    assert read >= 40  # every activity of every readable real FIT file


def test_real_gpx_and_tcx_rows_are_the_same_without_tables(real_dir):
    read = sum(_same_rows(path.read_bytes(), str(path)) for path in REAL_XML)
    assert read >= 20


def test_generated_gpx_rows_are_the_same_without_tables():
    workout = easy_run(START, minutes=12)
    assert _same_rows(encode_gpx(workout, synthesize(workout, seed=3)), "generated.gpx") == 1


def test_columns_build_the_activity_the_reader_returns(tmp_path):
    name, data = _generated()[1]
    (columns,) = read_content(data, name)
    (activity,) = read_bytes(data, name)
    built = columns.to_activity()
    pd.testing.assert_frame_equal(built.samples, activity.samples)
    pd.testing.assert_frame_equal(built.laps, activity.laps)
    assert built.summary == activity.summary
    with Store(tmp_path / "db.sqlite") as store:
        (stored_id,) = store.add_file(activity.sha256, name, [prepare_activity(columns, name)])
        stored = store.get_activity(stored_id)
    pd.testing.assert_frame_equal(stored.samples, activity.samples)
    pd.testing.assert_frame_equal(stored.laps, activity.laps)
