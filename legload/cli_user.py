"""``legload user add/grant/password``: the accounts of ``legload serve``.

(No ``from __future__ import annotations``: typer reads the annotations at definition.)
"""

import sys
from typing import Annotated

import typer

from legload.errors import LegloadError

MIN_PASSWORD = 10


def _password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < MIN_PASSWORD:
        raise LegloadError(f"the password is shorter than {MIN_PASSWORD} characters")
    return password


def register(app: typer.Typer, db_option, say, fail, command_cls) -> None:
    """Add the ``user`` commands to the command line ``app`` (``command_cls``: the CLI's
    command class, which names arguments by their metavar)."""
    user_app = typer.Typer(no_args_is_help=True, help="Accounts of the web app (legload serve).",
                           rich_markup_mode=None, add_completion=False)
    app.add_typer(user_app, name="user")
    stdin_option = Annotated[bool, typer.Option("--password-stdin",
                                                help="Read the password from stdin.")]

    @user_app.command("add", cls=command_cls)
    def add(name: Annotated[str, typer.Argument(metavar="NAME")],
            role: Annotated[str, typer.Option(metavar="ROLE", help="athlete or coach")] = "athlete",
            athlete: Annotated[str | None, typer.Option(
                metavar="NAME", help="The athlete an athlete account is (default: NAME).")] = None,
            password_stdin: stdin_option = False, db: db_option = None) -> None:
        """Create an account (an athlete sees only themselves; a coach, read-only, the
        athletes granted with `legload user grant`)."""
        from legload import api
        from legload.core.profile import AthleteProfile
        from legload.store import Store, default_db_path
        from legload.store.accounts import add_user
        from legload.web.auth import hash_password

        try:
            secret = hash_password(_password(password_stdin))
            if role == "athlete":
                athlete = athlete or name
                api.set_athlete(AthleteProfile(name=athlete), db=db)
            with Store(db or default_db_path()) as store:
                add_user(store.conn, name, secret, role, athlete if role == "athlete" else None)
        except LegloadError as exc:
            raise fail(exc) from None
        say(f"user {name} added ({role}{f' of athlete {athlete}' if role == 'athlete' else ''})")

    @user_app.command("grant", cls=command_cls)
    def grant_(coach: Annotated[str, typer.Argument(metavar="COACH")],
               athlete: Annotated[str, typer.Argument(metavar="ATHLETE")],
               revoke: Annotated[bool, typer.Option(help="Take the access back.")] = False,
               db: db_option = None) -> None:
        """Let a coach see an athlete's data, read-only (or stop it with --revoke)."""
        from legload.store import Store, existing_db
        from legload.store.accounts import grant

        try:
            with Store(existing_db(db)) as store:
                grant(store.conn, coach, athlete, revoke=revoke)
        except LegloadError as exc:
            raise fail(exc) from None
        say(f"{coach} {'no longer sees' if revoke else 'now sees'} {athlete}")
