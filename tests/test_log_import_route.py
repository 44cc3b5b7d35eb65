"""``legload import`` of log files: a big strength CSV on disk (given, or found in a folder) is
read and stored a chunk at a time when it is stored (:func:`legload.reading.log_action`), with
the report, the warnings and the rows stored that reading it whole gives; a damaged one leaves
nothing stored and the rest of the folder imports; one that changes while it is read fails
with one line naming it."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

import legload.readers.logs.chunks as chunks
import legload.readers.logs.logfile as logfile
import legload.readers.logs.read as read
from legload import api, reading

#: real log files (under ``../shared/data``) imported both ways
REAL_LOGS = ("incoming/fitbod/WorkoutExport.csv", "real/exports/cronometer/2024/biometrics.csv",
             "real/exports/cronometer/2024/dailysummary.csv", "real/exports/hevy/workout_data.csv",
             "real/exports/strong/strong_classic_lbs.csv",
             "real/exports/strong/strong_cyrillic_cardio.csv",
             "real/exports/strong/strong_new_format_semicolon.csv")
TABLES = ("strength_sets", "intake_days", "body_measurements")


def _strength(rows: int, bad: dict[int, str]) -> str:
    lines = ["date,exercise,set,reps,weight_kg,rir"]
    for i in range(rows):
        lines.append(bad.get(i, f"2024-01-{1 + i % 28:02d},Squat,{1 + i % 5},5,{60 + i % 40},2"))
    return "\n".join(lines) + "\n"


def _stored(db_path) -> dict[str, list[tuple]]:
    with sqlite3.connect(db_path) as conn:
        found = {table: conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
                 for table in TABLES}
        found["files"] = conn.execute("SELECT sha256, source_path, kind FROM files "
                                      "ORDER BY rowid").fetchall()
    return found


def _both_ways(monkeypatch, tmp_path, paths, times: int = 1) -> list:
    """The reports and stored rows of importing ``paths`` ``times`` times, read whole and
    streamed (every CSV on disk taken as big)."""
    found = []
    for limit in (2**62, 0):
        monkeypatch.setattr(reading, "STREAM_LOG_BYTES", limit)
        db_path = tmp_path / f"{limit}.sqlite"
        reports = [api.import_paths(paths, db=db_path, workers=1).to_dict()
                   for _ in range(times)]
        found.append((reports, _stored(db_path)))
    return found


@pytest.mark.parametrize("rows_per_chunk", [None, 97])
def test_real_logs_in_a_folder_import_streamed_as_read_whole(real_dir, tmp_path, monkeypatch,
                                                             rows_per_chunk):
    folder = tmp_path / "logs"
    for i, name in enumerate(REAL_LOGS):
        if not (real_dir.parent / name).is_file():
            pytest.skip(f"{name} is not on this machine")
        (folder / str(i)).mkdir(parents=True)
        shutil.copy(real_dir.parent / name, folder / str(i))
    if rows_per_chunk is not None:
        monkeypatch.setattr(chunks, "_rows_per_chunk", lambda _data: rows_per_chunk)
    whole, streamed = _both_ways(monkeypatch, tmp_path, [folder], times=2)
    assert streamed == whole
    reports, stored = whole
    assert reports[0]["imported"] == len(REAL_LOGS) and reports[1]["duplicates"] == len(REAL_LOGS)
    assert len(stored["strength_sets"]) > 7000 and stored["intake_days"]


def test_a_file_given_imports_streamed_as_read_whole(tmp_path, monkeypatch):
    path = tmp_path / "strong.csv"
    path.write_text(_strength(3000, {10: "2024-01-02,Squat,1,-5,100,2"}), encoding="utf-8")
    monkeypatch.setattr(chunks, "_rows_per_chunk", lambda _data: 64)
    calls, original = [], read.stream_log
    monkeypatch.setattr(read, "stream_log", lambda *a, **k: calls.append(a[1]) or original(*a, **k))
    whole, streamed = _both_ways(monkeypatch, tmp_path, [path], times=2)
    assert calls == [str(path), str(path)]  # read streamed, the second time a duplicate
    assert streamed == whole
    (first, second), stored = streamed
    assert first["imported"] == 1 and second["duplicates"] == 1
    assert len(stored["strength_sets"]) == 2999
    assert "1 set(s) refused: line 12" in " ".join(first["warnings"])


def test_a_damaged_strength_log_in_a_folder_leaves_nothing_and_the_rest_imports(
        tmp_path, monkeypatch):
    folder = tmp_path / "logs"
    folder.mkdir()
    (folder / "a_bad.csv").write_text(_strength(3000, {2600: "someday,Squat,1,5,100,2"}),
                                      encoding="utf-8")
    (folder / "b_good.csv").write_text(_strength(500, {}), encoding="utf-8")
    (folder / "c_food.csv").write_text("Date,Energy (kcal),Protein (g)\n2024-01-01,2500,120\n",
                                       encoding="utf-8")
    monkeypatch.setattr(chunks, "_rows_per_chunk", lambda _data: 64)
    whole, streamed = _both_ways(monkeypatch, tmp_path, [folder])
    assert streamed == whole
    (report,), stored = streamed
    outcomes = {f["path"].rsplit("/", 1)[-1]: f["outcome"] for f in report["files"]}
    assert outcomes == {"a_bad.csv": "skipped", "b_good.csv": "imported",
                        "c_food.csv": "imported"}
    assert [source.rsplit("/", 1)[-1] for _, source, _ in stored["files"]] == ["b_good.csv",
                                                                               "c_food.csv"]
    assert len(stored["strength_sets"]) == 500 and len(stored["intake_days"]) == 1


def test_a_strength_log_changed_while_it_is_read_fails_and_the_rest_imports(tmp_path,
                                                                             monkeypatch):
    folder = tmp_path / "logs"
    folder.mkdir()
    changing, good = folder / "a.csv", folder / "b.csv"
    changing.write_text(_strength(30_000, {}), encoding="utf-8")  # beyond the first rows read
    good.write_text(_strength(500, {}), encoding="utf-8")
    original = read.stream_log

    def stream_then_change(handle, source, *args, **kwargs):
        rows = original(handle, source, *args, **kwargs)  # hashed: then the file changes
        if source == str(changing):  # its last set: 6 reps, not 5
            changing.write_text(_strength(30_000, {29_999: "2024-01-12,Squat,5,6,99,2"}),
                                encoding="utf-8")
        return rows

    monkeypatch.setattr(read, "stream_log", stream_then_change)
    monkeypatch.setattr(reading, "STREAM_LOG_BYTES", 0)
    monkeypatch.setattr(logfile, "SLICE", 4096)  # the first rows read hold a few slices only
    monkeypatch.setattr(chunks, "_rows_per_chunk", lambda _data: 2000)
    report = api.import_paths([folder], db=tmp_path / "legload.sqlite", workers=1)
    assert report.failed == [{"path": str(changing),
                              "error": "changed while it was being imported"}]
    assert [f["outcome"] for f in report.files] == ["failed", "imported"]
    stored = _stored(tmp_path / "legload.sqlite")
    assert [source for _, source, _ in stored["files"]] == [str(good)]
    assert len(stored["strength_sets"]) == 500


def test_a_strength_log_imported_again_is_read_through_once(tmp_path, monkeypatch):
    """A re-imported classic Strong export is found stored by its first pass's hash: only its
    first rows are read again (its format names the reader), not its codec, weights or rows."""
    path = tmp_path / "strong.csv"
    lines = ["Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
             "Notes,Workout Notes,RPE"]
    lines += [f"2024-01-{1 + i % 28:02d} 18:00:00,Legs,40m,Squat (Barbell),{1 + i % 5},"
              f"{60 + i % 40}.0,5,0,0,,," for i in range(20_000)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    size = path.stat().st_size
    monkeypatch.setattr(reading, "STREAM_LOG_BYTES", 0)
    monkeypatch.setattr(logfile, "SLICE", 65_536)
    passes, slices = [], logfile.LogFile.slices

    def counted(file):
        passes.append(0)
        at = len(passes) - 1
        for piece in slices(file):
            passes[at] += len(piece)
            yield piece

    monkeypatch.setattr(logfile.LogFile, "slices", counted)
    db_path = tmp_path / "legload.sqlite"
    assert api.import_paths([path], db=db_path, workers=1).imported == 1
    passes.clear()
    again = api.import_paths([path], db=db_path, workers=1)
    assert again.duplicates == 1
    assert again.files == [{"path": str(path), "reader": "legload.readers.logs.strength",
                            "outcome": "duplicate"}]
    assert passes[0] == size and sum(passes[1:]) < size // 2, passes
