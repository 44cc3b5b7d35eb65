"""``legload serve``: the web app on this computer (or, with accounts, on a network).

(No ``from __future__ import annotations``: typer reads the annotations at definition.)
"""

import ipaddress
from pathlib import Path
from typing import Annotated

import typer

from legload.errors import LegloadError

MIB = 1024 * 1024


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this computer only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def accounts_needed(host: str, users: int) -> bool:
    """Accounts are off on a loopback address with no account (a desktop app); on otherwise."""
    return users > 0 or not is_loopback(host)


def register(app: typer.Typer, db_option, say, fail, command_cls) -> None:
    """Add ``serve`` to the command line ``app`` (``command_cls``: the CLI's command class)."""

    @app.command("serve", cls=command_cls)
    def serve(
        host: Annotated[str, typer.Option(metavar="HOST", help="Address to listen on; anything but "
                                               "127.0.0.1 needs accounts.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(min=1, max=65535, metavar="PORT", help="Port.")] = 8000,
        db: db_option = None,
        max_upload_mib: Annotated[int, typer.Option(min=1, metavar="MIB", help="Largest file accepted by "
                                                    "the upload page (MiB).")] = 256,
    ) -> None:
        """The web dashboard: upload, dashboard, activities, logs (and a coach's squad)."""
        import uvicorn

        from legload.store import Store, default_db_path
        from legload.store.accounts import user_count
        from legload.web import Settings, create_app

        path = Path(db or default_db_path())
        try:
            with Store(path) as store:
                store.check()
                users = user_count(store.conn)
        except LegloadError as exc:
            raise fail(exc) from None
        accounts = accounts_needed(host, users)
        if accounts and users == 0:
            raise fail(LegloadError(f"listening on {host} needs accounts and {path} has none: "
                                    "create one with `legload user add NAME`"))
        settings = Settings(db=path, accounts=accounts, max_file_bytes=max_upload_mib * MIB,
                            max_request_bytes=4 * max_upload_mib * MIB)
        say(f"legload serving {path} on http://{host}:{port}/ "
            f"({'accounts on' if accounts else 'no accounts: this computer only'})")
        uvicorn.run(create_app(settings), host=host, port=port, log_level="warning",
                    proxy_headers=True)
