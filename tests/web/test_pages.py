"""The pages in local mode (no accounts): upload outcomes, the logs' add/correct/delete, the
window's notes, users' text escaped; and the ``serve``/``user`` commands' rules."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from legload.cli import app as cli
from legload.cli_serve import accounts_needed
from legload.store import Store
from legload.store import accounts as store_accounts
from legload.web import Settings
from tests.web.helpers import client_for, sample_export


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    client = client_for(Settings(db=folder / "legload.sqlite"))
    token = _csrf(client.get("/upload").text)
    export = sample_export(folder, weeks=1).read_bytes()
    first = client.post("/upload", data={"csrf": token}, headers={"accept": "application/json"},
                        files={"files": ("export.zip", export, "application/zip")})
    again = client.post("/upload", data={"csrf": token},
                        files={"files": ("export.zip", export, "application/zip")})
    return client, token, first, again, folder / "legload.sqlite"


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def test_an_upload_says_what_became_of_each_file(loaded):
    _, _, first, again, _ = loaded
    outcome = first.json()["files"][0]
    assert outcome["name"] == "export.zip" and outcome["outcome"] == "imported"
    assert outcome["report"]["imported"] > 5 and outcome["report"]["failed"] == []
    assert "/tmp" not in str(outcome)  # the server's temporary path is never shown
    assert 'class="outcome-duplicate"' in again.text and "already imported" in again.text


def test_a_damaged_file_is_listed_as_failed_with_its_reason(loaded):
    client, token, *_ = loaded
    response = client.post("/upload", data={"csrf": token}, headers={"accept": "application/json"},
                           files={"files": ("broken.fit", b"\x0e\x10garbage" * 3, "")})
    outcome = response.json()["files"][0]
    assert outcome["outcome"] == "failed" and outcome["detail"].startswith("broken.fit")


def test_strength_sets_are_added_corrected_and_deleted(loaded):
    client, token, *_ , db = loaded
    form = {"csrf": token, "date": "2020-03-04", "exercise": "back squat", "sets": "2",
            "reps": "8", "weight_kg": "60", "rir": "2"}
    assert client.post("/logs/strength", data=form, follow_redirects=False).status_code == 303
    with Store(db) as store:
        rows = [e for e in store_accounts.log_entries(store.conn, "strength_sets", None)
                if str(e.values["timestamp"]).startswith("2020-03-04")]
    assert sorted(e.values["set_index"] for e in rows) == [1, 2]
    page = client.get(f"/logs?edit=strength:{rows[0].rowid}").text
    assert 'value="back squat"' in page  # the form filled to correct the row
    client.post("/logs/strength", data=form | {"sets": "1", "set": "1", "reps": "10"})
    with Store(db) as store:
        rows = [e for e in store_accounts.log_entries(store.conn, "strength_sets", None)
                if str(e.values["timestamp"]).startswith("2020-03-04")]
    assert sorted((e.values["set_index"], e.values["reps"]) for e in rows) == [(1, 10), (2, 8)]
    for entry in rows:
        client.post(f"/logs/strength/{entry.rowid}/delete", data={"csrf": token})
    assert "2020-03-04" not in client.get("/logs").text


def test_the_window_says_when_the_data_end_earlier(loaded):
    client, *_ = loaded
    page = client.get("/?weeks=4&until=2031-01-01").text
    assert "Your latest activity is on" in page and "before this window" in page
    assert client.get("/?weeks=0").status_code == 422


def test_users_text_is_escaped(tmp_path):
    client = client_for(Settings(db=tmp_path / "legload.sqlite"))
    token = _csrf(client.get("/logs").text)
    client.post("/logs/strength", data={"csrf": token, "date": "2021-05-06", "reps": "5",
                                        "exercise": "<script>alert(1)</script>"})
    page = client.get("/logs").text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)" in page


def test_accounts_are_off_only_on_loopback_without_users():
    assert not accounts_needed("127.0.0.1", 0) and not accounts_needed("localhost", 0)
    assert accounts_needed("0.0.0.0", 0) and accounts_needed("192.168.1.5", 0)
    assert accounts_needed("127.0.0.1", 1)


def test_user_add_and_grant_and_serve_refusing_a_network_without_accounts(tmp_path):
    db = str(tmp_path / "legload.sqlite")
    runner = CliRunner()
    result = runner.invoke(cli, ["serve", "--host", "0.0.0.0", "--db", db])
    assert result.exit_code == 1 and "legload user add" in result.output
    add = ["user", "add", "--db", db, "--password-stdin"]
    assert runner.invoke(cli, [*add, "ana"], input="long enough secret\n").exit_code == 0
    assert runner.invoke(cli, [*add, "--role", "coach", "cora"],
                         input="long enough secret\n").exit_code == 0
    short = runner.invoke(cli, [*add, "bob"], input="short\n")
    assert short.exit_code == 1 and "shorter than" in short.output
    assert runner.invoke(cli, ["user", "grant", "cora", "ana", "--db", db]).exit_code == 0
    with Store(db) as store:
        coach = store_accounts.user_by_name(store.conn, "cora")
        assert store_accounts.visible_athletes(store.conn, coach) == ["ana"]
        assert store_accounts.user_by_name(store.conn, "ana").password_hash.startswith(
            "$argon2id$")
