"""What the command line shares and loads only when a command runs: consoles made on first
use, the command class and the progress bars (rich is not imported for ``--help``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from typer.core import TyperArgument, TyperCommand

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress


class Command(TyperCommand):
    """A command whose help names each argument by its metavar (``PATH...``) rather than
    typer's type label (``<list[Path]>``)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, TyperArgument) and param.metavar:
                param.display_type_rich = lambda ctx: None  # type: ignore[method-assign]


def plain_typer(help_text: str) -> typer.Typer:
    """A typer app with plain help (real types and defaults, no placeholders)."""
    return typer.Typer(no_args_is_help=True, help=help_text, rich_markup_mode=None,
                       add_completion=False)


class LazyConsole:
    """A rich console (on stdout, or stderr) made on first use."""

    def __init__(self, stderr: bool = False) -> None:
        self.stderr, self._console = stderr, None

    @property
    def real(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=self.stderr)
        return self._console

    def __getattr__(self, name: str) -> object:
        return getattr(self.real, name)


def import_bar(console: LazyConsole) -> Progress:
    """The bar an import shows on stderr: files done and time elapsed."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("[bold]importing"), BarColumn(pulse_style="cyan"),
                    TextColumn("{task.completed} files"), TimeElapsedColumn(),
                    console=console.real, transient=True)


class AnalysisBar:
    """``progress(done, total)`` for a report: a bar on stderr from the first analysis it
    has to compute (stored analyses of other models, or missing); nothing when none."""

    def __init__(self, console: LazyConsole) -> None:
        self.console, self._bar, self._task = console, None, None

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._bar = Progress(TextColumn("[bold]analysing activities (new models)"),
                                 BarColumn(), MofNCompleteColumn(), console=self.console.real,
                                 transient=True)
            self._bar.start()
            self._task = self._bar.add_task("analyse", total=total)
        self._bar.update(self._task, completed=done)

    def __enter__(self) -> AnalysisBar:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._bar is not None:
            self._bar.stop()
