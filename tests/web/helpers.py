"""A running server on a free port, a test client, and a small sample export to upload."""

from __future__ import annotations

import dataclasses
import socket
import threading
import time
import warnings
import zipfile
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from legload.store import Store
from legload.synth.athletes import ATHLETES, write_athlete
from legload.web import Settings, create_app


def client_for(settings: Settings):
    """Starlette's test client (its import warns about an httpx rename; not ours to fix)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    with Store(settings.db):
        pass  # created and migrated, as `legload serve` does
    return TestClient(create_app(settings), base_url="http://127.0.0.1")


def sample_export(folder: Path, weeks: int = 2, seed: int = 0) -> Path:
    """A zip like an app's export: ``weeks`` weeks of one sample athlete's runs, food log
    and weigh-ins, generated as real FIT/GPX/CSV files."""
    athlete = dataclasses.replace(ATHLETES[0], weeks=weeks)
    files = write_athlete(athlete, folder / f"export{seed}", seed=seed)
    archive = folder / f"export{seed}.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in files:
            out.write(path, f"activities/{path.name}")
    return archive


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(settings: Settings):
    """The app served by uvicorn on 127.0.0.1 in a thread; yields its base URL."""
    with Store(settings.db):
        pass
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
