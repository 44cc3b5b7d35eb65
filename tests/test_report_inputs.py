"""A report's inputs are read once (api.report_inputs) for the report and the batch athlete
task alike, and reading them loads no file reader."""

from __future__ import annotations

from legload import api
from legload.analysis.report import build_report
from legload.store import Store

from .test_everyday import UNTIL, _loaded_by
from .test_everyday import imported as imported  # the fixture: 5 runs imported for Ann


def test_the_report_is_built_from_the_inputs_read_once(imported):
    with Store(imported) as store:
        inputs = api.report_inputs(store, "Ann")
    assert inputs.profile.name == "Ann" and len(inputs.results) == 5 and inputs.notes == []
    assert build_report(inputs, until=UNTIL) == api.report(db=imported, until=UNTIL)


def test_what_reading_the_inputs_left_out_ends_the_limitations(imported):
    with Store(imported) as store:  # an activity no import would accept today
        store.conn.execute("UPDATE activities SET start = '1985-01-01T00:00:00Z' WHERE id = 2")
        store.conn.commit()
        inputs = api.report_inputs(store, None)
    assert len(inputs.results) == 4
    assert len(inputs.notes) == 1 and inputs.notes[0].startswith("stored activity 2 skipped")
    answer = api.report(db=imported, until=UNTIL)
    assert answer.limitations[-1] == inputs.notes[0]
    assert answer == build_report(inputs, until=UNTIL)


def test_a_report_loads_no_file_reader(imported):
    argv = ("report", "--json", "--until", UNTIL.isoformat())
    readers = ("lxml", "garmin_fit_sdk", "legload.readers.fit.decode",
               "legload.readers.exports.apple_walk", "legload.readers.exports.garmin_walk")
    assert _loaded_by(imported, *argv, modules=readers) == []
