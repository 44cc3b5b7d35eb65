"""The ``delete`` commands of the command line: activities by id, log rows by date range or
source file, an athlete with all their data. Each asks before deleting unless ``--yes``.

(No ``from __future__ import annotations`` here: the commands are built inside functions and
typer reads their annotations, which name the CLI's shared option types, at definition.)
"""

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from legload.errors import LegloadError

T = TypeVar("T")
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
FromOption = Annotated[str | None, typer.Option("--from", metavar="YYYY-MM-DD",
                                                help="First day, included.")]
ToOption = Annotated[str | None, typer.Option("--to", metavar="YYYY-MM-DD",
                                              help="Last day, included.")]
SourceOption = Annotated[Path | None, typer.Option(
    "--source", metavar="FILE",
    help="Only rows imported from this file (as it was given to import).")]


def _day(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a day (YYYY-MM-DD)",
                                 param_hint=option) from None


def _asked(yes: bool, question: str, action: Callable[[], T],
           fail: Callable[[Exception], Exception]) -> T:
    """Ask ``question`` (unless ``yes``; no aborts with exit 1), then run the deletion; its
    error is the CLI's one-line failure."""
    if not yes:
        typer.confirm(question, abort=True)
    try:
        return action()
    except LegloadError as exc:
        raise fail(exc) from None


def _api():
    """The workflows, loaded when a deletion runs (not for ``--help``)."""
    from legload import api

    return api


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def register(apps: dict[str, typer.Typer], db_option, athlete_option,
             say: Callable[[str], None], fail: Callable[[Exception], Exception],
             command_cls: type | None = None) -> None:
    """Add ``activities delete``, ``strength/intake/body delete`` and ``athlete delete``.

    ``apps`` maps ``activities``, ``athlete`` and each log kind to its typer group;
    ``say(text)`` prints one plain line, ``fail(exc)`` turns an error into the exit;
    ``command_cls`` is the CLI's command class (its help names arguments by metavar)."""
    options = {"cls": command_cls} if command_cls else {}

    @apps["activities"].command("delete", **options)
    def delete_activities(
        ids: Annotated[list[int], typer.Argument(
            metavar="ID...", help="Activity ids (see `legload activities`).")],
        db: db_option = None, yes: YesOption = False,
    ) -> None:
        """Delete activities by id, with their samples and cached analyses."""
        deleted = _asked(yes, f"Delete {_plural(len(ids), 'activity', 'activities')}?",
                         lambda: _api().delete_activities(ids, db=db), fail)
        say(f"deleted {_plural(len(deleted), 'activity', 'activities')}")

    for kind in [kind for kind in apps if kind not in ("activities", "athlete")]:
        apps[kind].command("delete", **options)(_log_delete(kind, db_option, athlete_option, say, fail))

    @apps["athlete"].command("delete", **options)
    def athlete_delete(
        name: Annotated[str, typer.Argument(
            metavar="NAME", help="The athlete to delete, with all their data.")],
        db: db_option = None, yes: YesOption = False,
    ) -> None:
        """Delete an athlete and every activity, set, food day and weigh-in of theirs."""
        counts = _asked(yes, f"Delete athlete {name!r} and all their data?",
                        lambda: _api().delete_athlete(name, db=db), fail)
        say(f"deleted athlete {name}: {counts['activities']} activities, "
            f"{counts['strength_sets']} sets, {counts['intake_days']} food days, "
            f"{counts['body_measurements']} body measurements")


def _log_delete(kind: str, db_option, athlete_option, say, fail) -> Callable[..., None]:
    def delete_log(date_from: FromOption = None, date_to: ToOption = None,
                   source: SourceOption = None, athlete: athlete_option = None,
                   db: db_option = None, yes: YesOption = False) -> None:
        if date_from is None and date_to is None and source is None:
            raise typer.BadParameter("give --from and/or --to days, or --source FILE")
        first, last = _day(date_from, "--from"), _day(date_to, "--to")
        what = f" imported from {source}" if source is not None else ""
        count = _asked(yes, f"Delete {kind} rows from {first or 'the start'} to "
                            f"{last or 'the end'}{what}?",
                       lambda: _api().delete_logs(kind, db=db, athlete=athlete,
                                                  date_from=first, date_to=last,
                                                  source=source), fail)
        say(f"deleted {count} {kind} row(s)")

    delete_log.__doc__ = f"Delete {kind} rows by date range (--from, --to) or source file."
    return delete_log
