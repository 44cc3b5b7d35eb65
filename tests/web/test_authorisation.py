"""Every route against every kind of caller: anonymous, athlete A, athlete B, a coach with
A's grant and one without. A never sees B's data, a coach only granted athletes and never
writes; CSRF, upload limits, the wrong-password limit and the cookie's flags."""

from __future__ import annotations

import re

import pytest

from legload import api
from legload.store import Store
from legload.store import accounts as store_accounts
from legload.web import Settings
from legload.web.auth import hash_password
from tests.web.helpers import client_for, sample_export

PASSWORD = "correct horse battery"
SEES = {"ana": {"ana"}, "ben": {"ben"}, "coach_g": {"ana"}, "coach_n": set()}


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A database with athletes ana and ben (one week of runs and logs each) and accounts."""
    folder = tmp_path_factory.mktemp("auth")
    db = folder / "legload.sqlite"
    for seed, name in enumerate(("ana", "ben")):
        api.import_paths([sample_export(folder, weeks=1, seed=seed)], db=db, athlete=name,
                         workers=1)
    secret = hash_password(PASSWORD)
    with Store(db) as store:
        conn = store.conn
        for name in ("ana", "ben"):
            store_accounts.add_user(conn, name, secret, "athlete", name)
        for name in ("coach_g", "coach_n"):
            store_accounts.add_user(conn, name, secret, "coach", None)
        store_accounts.grant(conn, "coach_g", "ana")
    ids = {name: next(r["id"] for r in api.list_activities(db=db, athlete=name))
           for name in ("ana", "ben")}
    return db, ids


def _client(db, who: str | None, **limits):
    client = client_for(Settings(db=db, accounts=True, **limits))
    if who is not None:
        token = _csrf(client.get("/login").text)
        response = client.post("/login", data={"csrf": token, "username": who,
                                               "password": PASSWORD}, follow_redirects=False)
        assert response.status_code == 303, response.text
    return client


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def _rowid(db, athlete: str) -> int:
    with Store(db) as store:
        return store_accounts.log_entries(store.conn, "intake_days", athlete)[0].rowid


READS = ["/?athlete={a}", "/activities?athlete={a}", "/activities/{id}", "/logs?athlete={a}",
         "/api/activities?athlete={a}", "/api/activities/{id}", "/api/report?athlete={a}"]
WRITES = ["/upload?athlete={a}", "/logs/intake?athlete={a}",
          "/logs/intake/{row}/delete?athlete={a}"]


@pytest.mark.parametrize("who", [None, "ana", "ben", "coach_g", "coach_n"])
def test_the_authorisation_matrix(world, who):
    db, ids = world
    client = _client(db, who)
    for target in ("ana", "ben"):
        visible = who is not None and target in SEES[who]
        for route in READS:
            url = route.format(a=target, id=ids[target])
            got = client.get(url, follow_redirects=False).status_code
            want = (401 if "/api/" in url else 303) if who is None else 200 if visible else 404
            assert got == want, (who, url, got)
        token = _csrf(client.get("/login").text)  # the session's token once signed in
        for route in WRITES:
            url = route.format(a=target, row=_rowid(db, target))
            form = {"csrf": token, "date": "2020-01-02", "energy_kcal": "2000"}
            got = client.post(url, data=form, follow_redirects=False).status_code
            if who is None:
                want = 303
            elif not visible:
                want = 404
            elif who.startswith("coach"):
                want = 403
            else:
                want = 400 if url.startswith("/upload") else 303  # upload: no file chosen
            assert got == want, (who, url, got)


def test_athletes_see_only_themselves_and_coaches_their_grants(world):
    db, _ = world
    for who, sees in SEES.items():
        assert set(_client(db, who).get("/api/athletes").json()) == sees, who
    squad = _client(db, "coach_g").get("/squad").text
    assert "?athlete=ana" in squad and "?athlete=ben" not in squad


def test_public_routes_need_no_account(world):
    db, _ = world
    client = _client(db, None)
    for url in ("/login", "/static/app.js", "/api/openapi.json", "/api/docs"):
        assert client.get(url).status_code == 200, url
    assert client.get("/squad", follow_redirects=False).status_code == 303


def test_state_changes_without_the_csrf_token_are_refused(world):
    db, _ = world
    client = _client(db, "ana")
    before = len(_client(db, "ana").get("/api/report?athlete=ana").json()["limitations"])
    for token in (None, "forged"):
        form = {"date": "2020-01-03", "energy_kcal": "2100"} | ({"csrf": token} if token else {})
        assert client.post("/logs/intake", data=form).status_code == 403
        assert client.post("/logout", data=form).status_code == 403
    with Store(db) as store:
        days = [e.values["date"] for e in store_accounts.log_entries(store.conn, "intake_days",
                                                                      "ana")]
    assert "2020-01-03" not in days
    assert len(client.get("/api/report?athlete=ana").json()["limitations"]) == before


def test_oversize_uploads_are_refused_with_413_and_nothing_stored(world, tmp_path):
    db, _ = world
    export = sample_export(tmp_path, weeks=1, seed=7).read_bytes()
    for limits in ({"max_file_bytes": 1000}, {"max_request_bytes": 1000}):
        client = _client(db, "ana", **limits)
        token = _csrf(client.get("/upload").text)
        before = len(client.get("/api/activities").json())
        response = client.post("/upload", data={"csrf": token},
                               files={"files": ("big.zip", export, "application/zip")})
        assert response.status_code == 413, limits
        assert "nothing was stored" in response.json()["detail"]
        assert len(client.get("/api/activities").json()) == before


def test_wrong_passwords_are_rate_limited(world):
    db, _ = world
    client = _client(db, None)
    token = _csrf(client.get("/login").text)
    for _ in range(5):
        response = client.post("/login", data={"csrf": token, "username": "ben",
                                                "password": "wrong password"})
        assert response.status_code == 401
    response = client.post("/login", data={"csrf": token, "username": "ben",
                                            "password": PASSWORD}, follow_redirects=False)
    assert response.status_code == 429 and "legload_session" not in response.cookies


def test_the_session_cookie_is_httponly_lax_and_secure_behind_tls(world):
    db, _ = world
    for base, secure in (("http://127.0.0.1", False), ("https://legload.example", True)):
        client = client_for(Settings(db=db, accounts=True))
        client.base_url = base
        token = _csrf(client.get("/login").text)
        response = client.post("/login", data={"csrf": token, "username": "ana",
                                                "password": PASSWORD}, follow_redirects=False)
        header = response.headers["set-cookie"]
        assert "legload_session=" in header and "HttpOnly" in header
        assert "SameSite=lax" in header or "SameSite=Lax" in header
        assert ("Secure" in header) is secure, header
