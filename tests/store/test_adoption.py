"""Issue 16, item 9: the first athlete, created while an import runs, owns everything that
import stores, before and after (adoption is part of each file's transaction)."""

from __future__ import annotations

import sqlite3
import threading

from legload import api
from legload.core.profile import AthleteProfile
from tests.reliability_helpers import gpx_run, strength_csv, write


def test_first_athlete_created_during_an_import_owns_all_of_it(tmp_path, db_path):
    folder = tmp_path / "in"
    for i in range(40):
        write(folder / f"r{i:02d}.gpx", gpx_run(f"r{i}", start=f"2026-03-02T{6 + i // 60:02d}:"
                                                         f"{i % 60:02d}:00Z", seconds=40))
    write(folder / "zz_sets.csv", strength_csv([("2026-03-02", "Squat", 1, 5, 100, 2)]))
    started: list[threading.Thread] = []

    def progress(_name: str) -> None:
        if len(started) == 0 and _name.endswith("r05.gpx"):
            thread = threading.Thread(target=api.set_athlete,
                                      args=(AthleteProfile(name="solo"),), kwargs={"db": db_path})
            thread.start()
            started.append(thread)

    report = api.import_paths([folder], db=db_path, workers=1, progress=progress)
    started[0].join(timeout=30)
    assert report.imported == 41
    with sqlite3.connect(db_path) as conn:
        for table in ("activities", "strength_sets"):
            assert conn.execute(f"SELECT COUNT(*) FROM {table} WHERE athlete_id IS NULL"
                                ).fetchone() == (0,), table
