"""The store: round trips, idempotent imports, ordering, compression, errors, crash safety."""

from __future__ import annotations

import math
import os
import signal
import sqlite3
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pandas as pd
import platformdirs
import pytest

from legload.errors import StoreError, StoreRollback
from legload.store import Store, default_db_path
from legload.store import db as store_db
from legload.store.columnar import decode_column, encode_column
from tests.store import assert_same_activity, digest, make_activity, make_file

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "activity",
    [
        make_activity(600, seed=1),
        make_activity(300, seed=2, channels=("heart_rate_bpm",)),
        make_activity(300, seed=3, extra=True),
        make_activity(0, seed=4),
        make_activity(100_000, seed=5, channels=("altitude_m", "heart_rate_bpm", "cadence_spm")),
    ],
    ids=["nans", "missing-channels", "extra-column", "no-samples", "100k-samples"],
)
def test_round_trip(db_path, activity):
    with Store(db_path) as store:
        (activity_id,) = store.add_file(activity.sha256, activity.source, [activity])
    with Store(db_path) as store:
        stored = store.get_activity(activity_id)
    assert_same_activity(stored, activity)
    assert str(stored.samples["timestamp"].dtype) == "datetime64[ns, UTC]"


def test_round_trip_keeps_nan_and_nat_positions(db_path):
    activity = make_activity(50, seed=6)
    with Store(db_path) as store:
        (activity_id,) = store.add_file(activity.sha256, activity.source, [activity])
        stored = store.get_activity(activity_id)
    assert stored.samples["timestamp"].isna().tolist() == [i == 2 for i in range(50)]
    assert np.isnan(stored.samples["altitude_m"].to_numpy()[5:9]).all()
    assert stored.laps["intensity"].isna().tolist() == [False, True]
    assert math.isnan(stored.laps["timer_s"].iloc[1])


def test_round_trip_of_other_dtypes(db_path):
    activity = make_activity(4, seed=7, channels=())
    activity.samples["count"] = np.array([1, 2, -3, 2**40], dtype=np.int64)
    activity.samples["flag"] = [True, False, True, True]
    activity.samples["small"] = np.array([1, 2, 3, 4], dtype=np.uint16)
    activity.samples["label"] = pd.Series(["a", None, "c", "d"], dtype="str")
    activity.samples["anything"] = pd.Series([{"k": 1}, None, "x", 2.5], dtype=object)
    activity.samples["naive"] = pd.date_range("2024-01-01", periods=4, freq="min", unit="s")
    activity.laps["start"] = activity.laps["start"].dt.as_unit("s")
    with Store(db_path) as store:
        (activity_id,) = store.add_file(activity.sha256, activity.source, [activity])
        stored = store.get_activity(activity_id)
    assert_same_activity(stored, activity)


def test_add_file_is_idempotent(db_path):
    sha = digest("two activities")
    first = make_activity(100, seed=10, sha256=sha, index=0)
    second = make_activity(200, seed=11, sha256=sha, index=1)
    with Store(db_path) as store:
        assert not store.has_file(sha)
        ids = store.add_file(sha, "multi.fit", [first, second])
        assert len(ids) == 2 and ids[0] < ids[1]
        assert store.has_file(sha)
        assert store.add_file(sha, "multi-copy.fit", [first, second]) == []
        assert store.counts() == {"files": 1, "activities": 2}
        assert store.activity_ids_for_file(sha) == ids
        assert store.activity_ids_for_file(digest("other")) == []
        assert store.get_activity(ids[1]).index == 1
        assert [row["source_path"] for row in store.list_activities()] == ["multi.fit"] * 2


def test_file_without_activities_is_remembered(db_path):
    with Store(db_path) as store:
        assert store.add_file(digest("empty"), "empty.gpx", []) == []
        assert store.has_file(digest("empty"))
        assert store.counts() == {"files": 1, "activities": 0}


def test_failed_add_writes_nothing(db_path):
    sha = digest("bad second activity")
    good = make_activity(100, seed=12, sha256=sha)
    bad = make_activity(100, seed=13, sha256=sha, index=1)
    bad.samples = pd.concat([bad.samples, bad.samples[["altitude_m"]]], axis=1)  # duplicate name
    with Store(db_path) as store:
        with pytest.raises(StoreError, match=r"^bad\.fit: could not be stored"):
            store.add_file(sha, "bad.fit", [good, bad])
        assert not store.has_file(sha)
        assert store.counts() == {"files": 0, "activities": 0}
        (orphans,) = store.conn.execute("SELECT COUNT(*) FROM samples").fetchone()
        assert orphans == 0
        assert store.add_file(sha, "bad.fit", [good]) != []  # the store is still usable


def test_list_activities_ordered_by_start_then_id(db_path):
    starts = ["2024-03-02T07:00:00Z", "2024-03-01T07:00:00Z", "2024-03-02T07:00:00Z"]
    with Store(db_path) as store:
        ids = []
        for seed, start in enumerate(starts):
            activity = make_activity(30, seed=20 + seed, start=start)
            activity.summary["distance_m"] = 1000.0 * (seed + 1)  # three different activities
            ids += store.add_file(activity.sha256, f"run{seed}.fit", [activity])
        listed = store.list_activities()
    assert [row["id"] for row in listed] == [ids[1], ids[0], ids[2]]
    assert [row["start"] for row in listed] == sorted(starts)
    row = listed[0]
    assert set(row) == {
        "id", "sport", "sub_sport", "name", "start", "duration_s", "moving_s", "distance_m",
        "ascent_m", "descent_m", "samples", "device", "channels", "source_path", "sha256",
        "format", "warnings",
    }
    assert row["channels"] == ["gps", "altitude", "heart_rate"]
    assert row["warnings"] == ["file21.fit: 3 samples without a timestamp"]
    assert (row["sport"], row["format"], row["samples"]) == ("running", "fit", 30)
    assert row["name"] == "run 21" and row["device"] == "test/1"
    assert row["sha256"] == digest("activity 21") and row["source_path"] == "run1.fit"


def test_samples_are_stored_compressed(db_path):
    activity = make_activity(10_000, seed=30)
    with Store(db_path) as store:
        (activity_id,) = store.add_file(activity.sha256, activity.source, [activity])
        rows = dict(store.conn.execute(
            "SELECT name, length(data) FROM samples WHERE activity_id = ?", (activity_id,)
        ).fetchall())
    raw = 10_000 * 8
    assert set(rows) == set(activity.samples.columns)
    assert rows["altitude_m"] < raw  # a smooth float trace
    assert rows["heart_rate_bpm"] < raw / 10  # whole numbers
    assert rows["timestamp"] < raw / 100  # a 1 Hz clock, stored as differences


def test_timestamps_with_gaps_and_nat_round_trip_exactly():
    stamps = pd.Series(pd.to_datetime(
        ["1970-01-01T00:00:00Z", None, "2262-04-11T23:47:16Z", "1677-09-21T00:12:44Z", None],
        utc=True,
    ).as_unit("ns"))
    dtype, codec, blob = encode_column(stamps)
    assert (dtype, codec) == ("datetime64[ns, UTC]", "delta-shuffle-zstd")
    pd.testing.assert_series_equal(decode_column(dtype, codec, len(stamps), blob), stamps)
    paris = stamps.dt.tz_convert("Europe/Paris").dt.as_unit("ms")
    dtype, codec, blob = encode_column(paris)
    assert dtype == "datetime64[ms, Europe/Paris]"
    pd.testing.assert_series_equal(decode_column(dtype, codec, len(paris), blob), paris)


@pytest.mark.parametrize("values", [
    np.array([0.5, np.nan, -np.inf, 1e300, -0.0]),
    np.array([-128, 0, 127], dtype=np.int8),
    np.array([True, False, True]),
    np.array([2**63 - 1, -(2**63), 0], dtype=np.int64),
    np.array([1.5, np.nan], dtype=np.float32),
    np.array([], dtype=np.float64),
])
def test_number_columns_round_trip_exactly(values):
    series = pd.Series(values)
    dtype, codec, blob = encode_column(series)
    assert codec == "shuffle-zstd"
    back = decode_column(dtype, codec, len(series), blob)
    pd.testing.assert_series_equal(back, series)
    assert np.array_equal(back.to_numpy().view(np.uint8), values.view(np.uint8))  # bit for bit


def test_columns_written_by_earlier_versions_still_read():
    """Databases from before the Zstandard codecs hold zlib blobs of the plain bytes."""
    heart = np.array([120.0, np.nan, 151.5])
    stamps = pd.Series(pd.to_datetime(["2024-05-01T06:00:00Z", "2024-05-01T06:00:01Z"], utc=True)
                       .as_unit("ns"))
    old_numbers = zlib.compress(heart.astype("<f8").tobytes(), 1)
    old_times = zlib.compress(np.diff(stamps.array.asi8, prepend=np.int64(0)).astype("<i8").tobytes())
    pd.testing.assert_series_equal(decode_column("float64", "npy", 3, old_numbers), pd.Series(heart))
    pd.testing.assert_series_equal(
        decode_column("datetime64[ns, UTC]", "npy-delta", 2, old_times), stamps)


@pytest.mark.parametrize("codec", ["shuffle-zstd", "delta-shuffle-zstd", "npy", "json"])
def test_undecodable_column_is_a_value_error(codec):
    with pytest.raises(ValueError, match="cannot be decompressed"):
        decode_column("float64", codec, 3, b"\x00\xffnot compressed")


def test_unknown_activity(db_path):
    with Store(db_path) as store, pytest.raises(StoreError, match=r"^no activity with id 99$"):
        store.get_activity(99)


def test_damaged_blob_is_a_store_error(db_path):
    activity = make_activity(20, seed=31)
    with Store(db_path) as store:
        (activity_id,) = store.add_file(activity.sha256, activity.source, [activity])
        store.conn.execute("UPDATE samples SET data = x'00ff' WHERE name = 'altitude_m'")
        with pytest.raises(StoreError, match="damaged"):
            store.get_activity(activity_id)


def test_open_creates_parent_folders_and_sets_pragmas(tmp_path):
    path = tmp_path / "a" / "b" / "legload.sqlite"
    with Store(path) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert store.conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
        assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    assert path.is_file()
    with pytest.raises(StoreError, match="closed"):
        store.counts()


def test_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("this is not a database " * 100)
    with pytest.raises(StoreError) as info:
        Store(path)
    assert str(path) in str(info.value) and "not a SQLite database" in str(info.value)
    assert path.read_text().startswith("this is not a database")


def test_a_folder_is_not_a_database(tmp_path):
    with pytest.raises(StoreError, match=str(tmp_path)):
        Store(tmp_path)


def test_locked_database_is_a_store_error(db_path, monkeypatch):
    Store(db_path).close()
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 50)
    blocker = sqlite3.connect(db_path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        activity = make_activity(10, seed=32)
        with Store(db_path) as store, pytest.raises(StoreError, match="locked"):
            store.add_file(activity.sha256, activity.source, [activity])
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    with Store(db_path) as store:
        assert store.counts() == {"files": 0, "activities": 0}


def test_default_db_path_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("LEGLOAD_DB", str(tmp_path / "mine.sqlite"))
    assert default_db_path() == tmp_path / "mine.sqlite"
    monkeypatch.delenv("LEGLOAD_DB")
    assert default_db_path() == platformdirs.user_data_path("legload") / "legload.sqlite"


# Adds files 0, 1, 2 ... and reports each; file 15 stops half-written (two of its three
# activities inserted, transaction open) and says "mid", so the kill lands inside it.
_CHILD = """
import itertools, sys, time
from legload.store import Store, db
from tests.store import make_file
insert = db._insert_activity
def stall(conn, sha, prepared):
    activity_id = insert(conn, sha, prepared)
    if prepared.row[0] == 1:  # the file's second activity (idx 1)
        print("mid", flush=True)
        time.sleep(120)
    return activity_id
with Store(sys.argv[1]) as store:
    for i in itertools.count():
        if i > 20:
            sys.exit("the stall never happened")
        if i == 15:
            db._insert_activity = stall
        sha, activities = make_file(i)
        store.add_file(sha, f"file{i}.fit", activities)
        print(i + 1, flush=True)
"""


def test_killed_import_leaves_a_consistent_database(db_path):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(db_path)],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        lines = []
        while not lines or lines[-1] != "mid":
            line = child.stdout.readline()
            assert line, child.stderr.read()
            lines.append(line.strip())
        assert lines[-2] == "15"
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.communicate()
    assert child.returncode == -signal.SIGKILL

    with Store(db_path) as store:
        conn = store.conn
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        files = conn.execute("SELECT sha256, n_activities FROM files").fetchall()
        assert len(files) == 15
        assert not store.has_file(digest("file 15"))
        assert store.counts() == {"files": 15, "activities": 45}
        for sha, n_activities in files:
            ids = store.activity_ids_for_file(sha)
            assert len(ids) == n_activities == 3
            for activity_id in ids:
                (n_columns,) = conn.execute(
                    "SELECT COUNT(*) FROM samples WHERE activity_id = ?", (activity_id,)
                ).fetchone()
                assert n_columns == 5
        stored = {sha for sha, _ in files}
        before = {sha: store.activity_ids_for_file(sha) for sha in stored}
        total = 20
        for i in range(total):
            sha, activities = make_file(i)
            ids = store.add_file(sha, f"file{i}.fit", activities)
            assert (ids == []) == (sha in stored)
        assert store.counts() == {"files": total, "activities": 3 * total}
        assert all(store.activity_ids_for_file(sha) == ids for sha, ids in before.items())
        last = store.get_activity(store.activity_ids_for_file(digest(f"file {total - 1}"))[2])
        assert_same_activity(last, make_file(total - 1)[1][2])


def test_batched_import_commits_every_file_or_none_of_it(db_path):
    files = [make_file(i) for i in range(5)]
    with Store(db_path) as store, store.batched(max_files=2):
        for sha, activities in files[:3]:
            assert len(store.add_file(sha, f"{sha}.fit", activities)) == 3
        assert store.add_file(files[0][0], "again.fit", files[0][1]) == []  # a duplicate
        broken = [*files[3][1][:2], object()]  # the third activity cannot be encoded
        with pytest.raises(StoreError, match="could not be stored"):
            store.add_file(files[3][0], "broken.fit", broken)
        assert not store.has_file(files[3][0])  # its first two activities were taken back
        store.add_file(files[4][0], "last.fit", files[4][1])
    with sqlite3.connect(db_path) as conn:  # another connection sees every committed file
        assert conn.execute("SELECT count(*) FROM files").fetchone()[0] == 4
        assert conn.execute("SELECT count(*) FROM activities").fetchone()[0] == 12
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_batched_import_commits_after_max_files(db_path):
    with Store(db_path) as store, store.batched(max_files=2, max_seconds=3600):
        for i in range(3):
            sha, activities = make_file(i)
            store.add_file(sha, f"{i}.fit", activities)
            with sqlite3.connect(db_path) as other:
                seen = other.execute("SELECT count(*) FROM files").fetchone()[0]
            assert seen == [0, 2, 2][i]


def test_a_rolled_back_batch_stops_the_import(db_path):
    """Should SQLite take back the whole open transaction (as on a full disk), the files
    counted since the last commit are gone: StoreRollback says so instead of going on."""
    files = [make_file(i) for i in range(4)]
    with Store(db_path) as store:
        store.conn.execute("CREATE TRIGGER boom BEFORE INSERT ON files WHEN NEW.source_path = "
                           "'3.fit' BEGIN SELECT RAISE(ROLLBACK, 'simulated disk full'); END")
        with pytest.raises(StoreRollback, match=r"took back the last 3 stored file\(s\)"), \
                store.batched(max_files=100, max_seconds=3600):
            for i, (sha, activities) in enumerate(files):
                store.add_file(sha, f"{i}.fit", activities)
        assert store.counts()["files"] == 0


def test_a_batch_commits_when_due_even_without_new_files(db_path):
    with Store(db_path) as store, store.batched(max_files=100, max_seconds=3600):
        sha, activities = make_file(1)
        store.add_file(sha, "1.fit", activities)
        store.commit_if_due()
        with sqlite3.connect(db_path) as other:
            assert other.execute("SELECT count(*) FROM files").fetchone()[0] == 0
        store._batch.since -= 3601  # an hour of duplicates and unreadable files later
        store.commit_if_due()
        with sqlite3.connect(db_path) as other:
            assert other.execute("SELECT count(*) FROM files").fetchone()[0] == 1
