"""The ``batch`` command of the command line: many athletes on a Dask cluster, written as a
Parquet dataset (see ``docs/batch.md``).

(No ``from __future__ import annotations`` here: typer reads the command's annotations at
definition.)
"""

import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from legload.core.text import plain
from legload.errors import LegloadError


def register(app: typer.Typer, say: Callable[[str], None], note: Callable[[str], None],
             fail: Callable[[Exception], Exception], command_cls: type | None = None) -> None:
    """Add ``legload batch`` to ``app``; ``say(text)`` and ``note(text)`` print one plain line
    on stdout and stderr, ``fail(exc)`` turns an error into the exit; ``command_cls`` is the
    CLI's command class."""
    options = {"cls": command_cls} if command_cls else {}

    @app.command("batch", **options)
    def batch(
        source: Annotated[Path, typer.Argument(
            metavar="INPUT", help="A folder or zip with one sub-folder per athlete (files, "
            "exports, logs, an optional athlete.toml).")],
        out: Annotated[Path, typer.Option("--out", metavar="DIR", help="Folder of the Parquet "
                                          "dataset and reports (a rerun completes it).")],
        scheduler: Annotated[str | None, typer.Option(
            "--scheduler", metavar="ADDRESS", help="A running Dask scheduler "
            "(tcp://host:8786); default: a local cluster.")] = None,
        workers: Annotated[int | None, typer.Option(
            "--workers", min=1, metavar="N", help="Worker processes of the local cluster "
            "(default: one per CPU).")] = None,
        weeks: Annotated[int, typer.Option(min=2, max=104, metavar="N",
                                           help="Weeks in each report's window.")] = 12,
        until: Annotated[dt.datetime | None, typer.Option(
            formats=["%Y-%m-%d"], metavar="YYYY-MM-DD", show_default="today",
            help="Last day of each report's window.")] = None,
        strict: Annotated[bool, typer.Option("--strict", help="Refuse damaged files.")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="Print one JSON document on "
                                              "stdout.")] = False,
    ) -> None:
        """Run the analysis of many athletes on Dask: tasks of a few files, one per athlete;
        failures become rows of errors/, a rerun skips files already done."""
        from legload.batch import BatchOptions, run_batch

        if scheduler is not None and workers is not None:
            raise typer.BadParameter("give --scheduler or --workers, not both")
        options = BatchOptions(out=out, workers=workers, scheduler=scheduler, weeks=weeks,
                               until=until.date() if until else None, strict=strict)
        try:
            with _progress(not as_json) as progress:
                summary = run_batch(source, options, progress=progress,
                                    notify=lambda link: note(f"Dask dashboard: {link}"))
        except (LegloadError, OSError) as exc:  # OSError: an unwritable DIR
            error = exc if isinstance(exc, LegloadError) else LegloadError(f"{out}: {exc}")
            if as_json:  # the one document still comes, saying why nothing was written
                sys.stdout.write(json.dumps({"error": plain(error)}, ensure_ascii=False) + "\n")
            raise fail(error) from None
        if as_json:
            sys.stdout.write(json.dumps(summary.to_dict(), ensure_ascii=False) + "\n")
        else:
            _print_summary(summary, say, note)
        raise typer.Exit(code=1 if summary.athletes_failed else 0)


def _print_summary(summary, say: Callable[[str], None], note: Callable[[str], None]) -> None:
    for error in summary.errors:
        note(f"failed: {error['path']}: {error['error']}")
    say(f"{summary.athletes} athlete(s), {summary.activities} activities; {summary.files} "
        f"activity file(s): {summary.analysed} analysed, {summary.already_done} already done, "
        f"{summary.duplicates} duplicate(s), {summary.failed} failed; output: {summary.out}")


class _progress:
    """A terminal progress bar of files and athletes on stderr (nothing when ``shown`` is
    false); the callback :func:`~legload.batch.run_batch` takes."""

    def __init__(self, shown: bool) -> None:
        self.bar = None
        if shown:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(TextColumn("[bold]{task.description:<9}"), BarColumn(),
                                MofNCompleteColumn(), TimeElapsedColumn(),
                                console=Console(stderr=True), transient=False)
            self.tasks = {what: self.bar.add_task(what, total=None) for what in ("files", "athletes")}

    def __enter__(self) -> Callable[[str, int | None], None]:
        if self.bar is not None:
            self.bar.start()
        return self.step

    def __exit__(self, *_exc) -> None:
        if self.bar is not None:
            self.bar.stop()

    def step(self, what: str, total: int | None) -> None:
        if self.bar is None:
            return
        if total is not None:
            self.bar.update(self.tasks[what], total=total)
        else:
            self.bar.advance(self.tasks[what])
