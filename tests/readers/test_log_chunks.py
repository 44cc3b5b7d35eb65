"""Log CSVs read in chunks: the same rows and warnings as the whole file read at once, and a
peak memory that does not follow the file's size; stored in chunks: the same rows stored,
re-downloads matched across chunks, nothing of a file whose later chunk is damaged."""

from __future__ import annotations

import hashlib
import tracemalloc

import pytest

import legload.readers.logs.chunks as chunks
from legload.readers.logs.read import read_log

#: rows, digest of the frame (CSV text and dtypes) and digest of the warnings of every real
#: log CSV, as the reader of the whole file at once (commit f79962f) gave them
WHOLE_FILE = {
    "incoming/fitbod/WorkoutExport.csv": (2756, "47fead5adf63d81d", "d8b6caabba7571e7"),
    "real/exports/cronometer/2020/servings.csv": (3, "3ff89220c8aa3e55", "e3b0c44298fc1c14"),
    "real/exports/cronometer/2024/biometrics.csv": (98, "d8ad32436c2e66af", "c36e9edfc7b12ed1"),
    "real/exports/cronometer/2024/dailysummary.csv": (183, "d08eeeeb1cdd5b94", "e3b0c44298fc1c14"),
    "real/exports/hevy/workout_data.csv": (330, "60764d87611a8c9c", "00d5f3e0f74dc614"),
    "real/exports/strong/strong_classic_lbs.csv": (4562, "01ad4402dbb05561", "915d916f271c0c57"),
    "real/exports/strong/strong_cyrillic_cardio.csv": (198, "fc4ab4b894761956", "5b3a0025910b9ffa"),
    "real/exports/strong/strong_new_format_semicolon.csv": (14, "0b88af0a2a578540",
                                                            "00d5f3e0f74dc614"),
}


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@pytest.mark.parametrize("rows_per_chunk", [None, 97])
@pytest.mark.parametrize("name", sorted(WHOLE_FILE))
def test_real_logs_read_as_the_whole_file(real_dir, monkeypatch, name, rows_per_chunk):
    path = real_dir.parent / name
    if not path.is_file():
        pytest.skip(f"{name} is not on this machine")
    if rows_per_chunk is not None:  # many chunks: sets, days and refusals across boundaries
        monkeypatch.setattr(chunks, "_rows_per_chunk", lambda _data: rows_per_chunk)
    rows = read_log(path.read_bytes(), name)
    frame = rows.frame
    found = (len(frame), _digest(frame.to_csv() + repr(frame.dtypes.astype(str).to_dict())),
             _digest("\n".join(rows.warnings)))
    assert found == WHOLE_FILE[name]


def _legload_strength(rows: int, bad: dict[int, str]) -> bytes:
    lines = ["date,exercise,set,reps,weight_kg,rir"]
    for i in range(rows):
        lines.append(bad.get(i, f"2024-01-{1 + i % 28:02d},Squat,{1 + i % 5},5,{60 + i % 40},2"))
    return ("\n".join(lines) + "\n").encode()


def test_a_refused_row_is_named_by_its_line_in_any_chunk(monkeypatch):
    data = _legload_strength(3000, {10: "2024-01-02,Squat,1,-5,100,2",
                                    2500: "2024-01-03,Squat,2,5,1e12,2"})
    whole = read_log(data, "log.csv", "strength")
    monkeypatch.setattr(chunks, "_rows_per_chunk", lambda _data: 64)
    chunked = read_log(data, "log.csv", "strength")
    assert chunked.warnings == whole.warnings
    assert "line 12: reps -5 outside" in whole.warnings[-1]
    assert "line 2502: weight_kg 1e+12 outside" in whole.warnings[-1]
    assert chunked.frame.equals(whole.frame) and len(whole.frame) == 2998


def test_extra_fields_in_a_later_chunk_name_their_line(monkeypatch):
    data = _legload_strength(3000, {2000: "2024-01-02,Squat,1,5,100,2,9"})
    monkeypatch.setattr(chunks, "_rows_per_chunk", lambda _data: 64)
    with pytest.raises(Exception, match="line 2002 has 7 fields, the header 6"):
        read_log(data, "log.csv", "strength")


def _strong_csv(megabytes: float) -> bytes:
    """A classic Strong export of about ``megabytes`` MB."""
    head = ("Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
            "Notes,Workout Notes,RPE\n")
    lifts = ("Squat (Barbell)", "Leg Press", "Romanian Deadlift (Barbell)", "Bench Press (Barbell)")
    lines, size, day = [head], len(head), 0
    while size < megabytes * 2**20:
        for k, lift in enumerate(lifts):
            for s in range(1, 5):
                line = (f'2020-{1 + day // 28 % 12:02d}-{1 + day % 28:02d} 18:{day % 60:02d}:00,'
                        f'"Legs {day % 7}",55m,"{lift}",{s},{95 + 10 * k + s * 5}.0,{6 + s},0,0,'
                        f'"felt ok",,\n')
                lines.append(line)
                size += len(line)
        day += 1
    return "".join(lines).encode()


def _strava_csv(megabytes: float) -> bytes:
    """A Strava ``activities.csv`` of about ``megabytes`` MB: long run descriptions, and every
    20th activity a Hevy workout whose description holds its sets."""
    head = ("Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,"
            "Elapsed Time,Distance,Filename\n")
    words = " ".join(f"word{k % 37}" for k in range(120))
    lines, size, i = [head], len(head), 0
    while size < megabytes * 2**20:
        if i % 20 == 0:
            kind, name, text = "Weight Training", "Leg day", "Logged with Hevy\nSquat (Barbell)\n" + \
                "\n".join(f"Set {s}: {60 + s} kg x 8" for s in range(1, 5))
        else:
            kind, name, text = "Run", f"Morning Run {i}", "\n".join(words for _ in range(12))
        line = (f'{i},"Jan {1 + i % 28}, 2024, 6:{i % 60:02d}:00 AM",{name},{kind},"{text}",3000,'
                f"10.0,activities/{i}.fit.gz\n")
        lines.append(line)
        size += len(line)
        i += 1
    return "".join(lines).encode()


#: peak of Python allocations while reading a 6 MB log CSV in 256 KiB chunks, per MB of file
#: (the bytes themselves are the caller's). Reading the whole text at once peaked at 5.2× the
#: file for this Strong CSV and 5.1× for this Strava index (commit f79962f); in chunks at
#: 3.5× (the sets themselves: a row per set) and 0.4× (only the Hevy rows are kept).
PEAK_PER_MB = {"strong": 4.0, "strava": 1.0}


@pytest.mark.parametrize("kind", sorted(PEAK_PER_MB))
def test_reading_a_big_log_csv_peaks_below_a_bound(monkeypatch, kind):
    monkeypatch.setattr(chunks, "CHUNK_BYTES", 256 * 2**10)  # the file is many chunks
    data = _strong_csv(6) if kind == "strong" else _strava_csv(6)
    tracemalloc.start()
    try:
        rows = read_log(data, f"{kind}.csv", "strength")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    megabytes = len(data) / 2**20
    assert len(rows.frame) == (78_400 if kind == "strong" else 140)
    assert peak / 2**20 < PEAK_PER_MB[kind] * megabytes, \
        f"{peak / 2**20:.1f} MB for {megabytes:.1f} MB"


# --- read, checked and stored a chunk at a time (issue 16, item 12) ------------------------

#: what each real log above is imported as
_KINDS = {"strength_sets": "strength", "intake_days": "intake", "body_measurements": "body"}


def _stored(db_path, table: str) -> list[tuple]:
    """Every stored row of a log table but the file and athlete columns, in insertion order."""
    import sqlite3

    from legload.store.logs import LOG_TABLES

    with sqlite3.connect(db_path) as conn:
        return conn.execute(f"SELECT {', '.join(LOG_TABLES[table][1])} FROM {table} "
                            "ORDER BY rowid").fetchall()


def _import(path, kind: str, db_path) -> dict:
    from legload import api

    if kind == "strength":
        return api.import_strength(path, db=db_path).to_dict()
    return api.import_log(path, kind, db=db_path).to_dict()


def _in_chunks(monkeypatch, rows_per_chunk: int | None) -> None:
    if rows_per_chunk is not None:
        monkeypatch.setattr(chunks, "_rows_per_chunk", lambda _data: rows_per_chunk)


@pytest.mark.parametrize("name", sorted(WHOLE_FILE))
def test_real_logs_store_the_same_rows_in_one_chunk_or_many(real_dir, tmp_path, monkeypatch,
                                                            name):
    path = real_dir.parent / name
    if not path.is_file():
        pytest.skip(f"{name} is not on this machine")
    table = read_log(path.read_bytes(), name).table
    found = {}
    for rows_per_chunk in (None, 97):
        _in_chunks(monkeypatch, rows_per_chunk)
        db_path = tmp_path / f"{rows_per_chunk}.sqlite"
        report = _import(path, _KINDS[table], db_path)
        found[rows_per_chunk] = (_stored(db_path, table), report)
    assert len(found[None][0]) == WHOLE_FILE[name][0]
    assert found[97] == found[None]


@pytest.mark.parametrize("rows_per_chunk", [None, 97])
def test_a_redownload_in_many_chunks_adds_only_the_new_rows(real_dir, tmp_path, monkeypatch,
                                                           rows_per_chunk):
    path = real_dir / "exports/strong/strong_classic_lbs.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    first, newer = tmp_path / "strong.csv", tmp_path / "dl2" / "strong.csv"
    first.write_text("".join(lines[:3000]), encoding="utf-8")
    newer.parent.mkdir()
    # a later download: the same sets, one corrected (line 2000), and the later ones
    corrected = lines[1999].split(",")
    corrected[6] = str(int(corrected[6]) + 1)  # one rep more
    newer.write_text("".join([*lines[:1999], ",".join(corrected), *lines[2000:]]),
                     encoding="utf-8")
    _in_chunks(monkeypatch, rows_per_chunk)
    db_path = tmp_path / "legload.sqlite"
    before = _import(first, "strength", db_path)["sets"]
    report = _import(newer, "strength", db_path)
    stored = _stored(db_path, "strength_sets")
    assert len(stored) == report["sets"] and before < report["sets"]
    assert f"{before - 1} row(s) already stored" in " ".join(report["warnings"])
    assert len(set(stored)) == len(stored)  # nothing twice


def test_a_redownload_stores_the_same_rows_in_one_chunk_or_many(real_dir, tmp_path,
                                                                 monkeypatch):
    path = real_dir / "exports/strong/strong_classic_lbs.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "a.csv").write_text("".join(lines[:2500]), encoding="utf-8")
    (tmp_path / "b.csv").write_text("".join([lines[0], *lines[1200:]]), encoding="utf-8")
    found = []
    for rows_per_chunk in (None, 97):
        _in_chunks(monkeypatch, rows_per_chunk)
        db_path = tmp_path / f"{rows_per_chunk}.sqlite"
        reports = [_import(tmp_path / f, "strength", db_path) for f in ("a.csv", "b.csv")]
        found.append((_stored(db_path, "strength_sets"), reports))
    assert found[0] == found[1]
    assert len(found[0][0]) == WHOLE_FILE["real/exports/strong/strong_classic_lbs.csv"][0]


def test_damage_in_a_later_chunk_leaves_nothing_of_the_file(tmp_path, monkeypatch):
    import sqlite3

    from legload.errors import ReadError

    path = tmp_path / "log.csv"
    path.write_bytes(_legload_strength(3000, {2500: "2024-01-03,Squat,2,5,100,2",
                                              2600: "someday,Squat,1,5,100,2",
                                              2700: "later,Squat,1,5,100,2"}))
    monkeypatch.setattr(chunks, "_rows_per_chunk", lambda _data: 64)
    db_path = tmp_path / "legload.sqlite"
    with pytest.raises(ReadError, match=r"2 row\(s\) have an unreadable date, e\.g\. 'someday'"):
        _import(path, "strength", db_path)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM strength_sets").fetchone() == (0,)
        assert conn.execute("SELECT COUNT(*) FROM files").fetchone() == (0,)


def test_a_refused_row_in_a_later_chunk_is_named_by_its_line_when_stored(tmp_path,
                                                                         monkeypatch):
    path = tmp_path / "log.csv"
    path.write_bytes(_legload_strength(3000, {2500: "2024-01-03,Squat,2,5,1e12,2"}))
    monkeypatch.setattr(chunks, "_rows_per_chunk", lambda _data: 64)
    db_path = tmp_path / "legload.sqlite"
    report = _import(path, "strength", db_path)
    assert report["sets"] == 2999 and len(_stored(db_path, "strength_sets")) == 2999
    assert "1 set(s) refused: line 2502: weight_kg 1e+12 outside" in " ".join(report["warnings"])


def test_sets_of_a_workout_split_across_chunks_are_numbered_as_in_one_piece(monkeypatch):
    lines = ["Date,Workout Name,Exercise Name,Set Order,Weight,Reps"]
    for workout in range(40):  # 7 sets of one exercise a workout: chunks of 64 split some
        lines += [f"2024-01-{1 + workout % 28:02d} 18:{workout:02d}:00,Legs,Squat,{s},100,5"
                  for s in range(1, 8)]
    data = ("\n".join(lines) + "\n").encode()
    whole = read_log(data, "strong.csv", "strength")
    monkeypatch.setattr(chunks, "_rows_per_chunk", lambda _data: 64)
    chunked = read_log(data, "strong.csv", "strength")
    assert chunked.frame["set_index"].tolist() == [1, 2, 3, 4, 5, 6, 7] * 40
    assert chunked.frame.equals(whole.frame)


@pytest.mark.parametrize("rows_per_chunk", [None, 64])
def test_a_set_logged_twice_is_kept_twice_and_matched_once_on_a_redownload(tmp_path,
                                                                           monkeypatch,
                                                                           rows_per_chunk):
    twice = "2024-02-02,Squat,1,5,100,2"  # the same set on line 12 and line 2002
    first, newer = tmp_path / "log.csv", tmp_path / "dl2" / "log.csv"
    first.write_bytes(_legload_strength(3000, {10: twice, 2000: twice}))
    newer.parent.mkdir()
    newer.write_bytes(first.read_bytes() + b"2024-02-03,Squat,1,5,100,2\n")
    _in_chunks(monkeypatch, rows_per_chunk)
    db_path = tmp_path / "legload.sqlite"
    assert _import(first, "strength", db_path)["sets"] == 3000
    report = _import(newer, "strength", db_path)
    stored = _stored(db_path, "strength_sets")
    assert len(stored) == 3001 and stored.count(stored[10]) == 2
    assert "3000 row(s) already stored" in " ".join(report["warnings"])


def _distinct_sets(rows: int, bad: dict[int, str]) -> bytes:
    """A legload strength CSV whose sets are all different rows (five sets a day)."""
    import datetime as dt

    lines = ["date,exercise,set,reps,weight_kg,rir"]
    for i in range(rows):
        day = dt.date(2020, 1, 1) + dt.timedelta(days=i // 5)
        lines.append(bad.get(i, f"{day},Squat,{1 + i % 5},5,100,2"))
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize("rows_per_chunk", [None, 64])
def test_a_new_set_logged_twice_in_a_redownload_is_stored_twice(tmp_path, monkeypatch,
                                                                rows_per_chunk):
    first, newer = tmp_path / "log.csv", tmp_path / "dl2" / "log.csv"
    first.write_bytes(_distinct_sets(3000, {}))
    newer.parent.mkdir()
    twice = "2024-02-02,Squat,1,5,100,2"  # new, on line 12 and line 2002
    newer.write_bytes(_distinct_sets(3000, {10: twice, 2000: twice}))
    _in_chunks(monkeypatch, rows_per_chunk)
    db_path = tmp_path / "legload.sqlite"
    _import(first, "strength", db_path)
    report = _import(newer, "strength", db_path)
    stored = _stored(db_path, "strength_sets")
    assert len(stored) == 3002 and [r[0] for r in stored].count("2024-02-02T00:00:00Z") == 2
    assert "2998 row(s) already stored" in " ".join(report["warnings"])


def test_a_log_changed_while_it_is_read_is_refused(tmp_path):
    from legload.errors import ReadError
    from legload.readers.logs.logfile import LogFile
    from legload.readers.logs.strength import strength_sets

    path = tmp_path / "log.csv"
    path.write_bytes(_legload_strength(3000, {}))
    with path.open("rb") as handle:
        file = LogFile(handle, "log.csv")  # hashed here
        path.write_bytes(_legload_strength(3000, {2000: "2024-01-02,Squat,1,9,100,2"}))
        with pytest.raises(ReadError, match=r"log\.csv: changed while it was being imported"):
            strength_sets(file, "log.csv").whole()
