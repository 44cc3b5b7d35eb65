"""What the command line shares and loads only when a command runs: consoles made on first
use, the command and group classes and the progress bars (rich is not imported for
``--help``, pydantic not for the values a command line usually holds)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args, get_origin

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import Console
    from rich.progress import Progress

try:  # typer's own coercion (private, in typer >= 0.29), called before it builds a pydantic adapter
    from typer._coercion import RuntimeParam, build_runtime_param
    from typer._param_types import coerce_cli_path
except ImportError:  # a typer without it: every value goes typer's way (tests/test_cli_values.py)
    RuntimeParam = None  # type: ignore[assignment,misc]

_UNSURE = object()  # "not a plain value: let typer coerce it (and word the error)"
_NUMBER = {int: re.compile(r"0|[1-9][0-9]*"), float: re.compile(r"[0-9]+(\.[0-9]+)?")}


def _number(kind: type, info: Any, value: object) -> object:
    if isinstance(value, str) and _NUMBER[kind].fullmatch(value):
        value = kind(value)
    if type(value) is not kind or info.clamp:
        return _UNSURE
    if (info.min is not None and value < info.min) or (info.max is not None and value > info.max):
        return _UNSURE
    return value


def _day(formats: list[str], value: object) -> object:
    if isinstance(value, datetime):
        return value
    for form in formats if isinstance(value, str) else ():
        try:
            return datetime.strptime(value, form)
        except ValueError:
            continue
    return _UNSURE


def _path(info: Any, value: object, param: Any, ctx: Any) -> object:
    if isinstance(value, str) and value:
        value = Path(value)
    if not isinstance(value, Path) or info.path_type is not None:
        return _UNSURE
    try:  # typer's checks (exists, readable, ...) on a value that is a Path already
        return coerce_cli_path(value, info, path_type=Path, param=param, ctx=ctx)
    except typer.BadParameter:
        return _UNSURE


def _plain(annotation: Any, info: Any, value: object, param: Any, ctx: Any) -> object:
    """The value typer's pydantic adapter would give for a plain command-line value (a
    string, number, day or path; list of them), or ``_UNSURE``."""
    if get_origin(annotation) is list:
        items = [_plain(get_args(annotation)[0], info, item, param, ctx)
                 for item in (value if isinstance(value, list | tuple) else ())]
        return _UNSURE if not items or _UNSURE in items else items
    if info.parser is not None or getattr(info, "click_type", None) is not None:
        return _UNSURE
    if annotation in (str, bool):
        return value if type(value) is annotation else _UNSURE
    if annotation in _NUMBER:
        return _number(annotation, info, value)
    if annotation is datetime and info.formats:
        return _day(info.formats, value)
    return _path(info, value, param, ctx) if annotation is Path else _UNSURE


if RuntimeParam is not None:
    @dataclass(frozen=True)
    class _QuickParam(RuntimeParam):
        """Coerces plain values directly, anything else (and every error) as typer does."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            quick = _plain(self.annotation, self.parameter_info, value, param, ctx)
            if quick is not _UNSURE:
                return quick
            return build_runtime_param(param.type_descriptor)._coerce_value(
                value, param=param, ctx=ctx)


def _quick(params: list) -> None:
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if (RuntimeParam is not None and descriptor is not None
                and descriptor.file_annotation is None
                and getattr(param, "_runtime_param", _UNSURE) is None):
            param._runtime_param = _QuickParam(parameter_info=descriptor.parameter_info,
                                               annotation=descriptor.annotation)


class ShownLater(str):
    """An option's ``show_default`` worked out when its command's help is shown, not when
    the command line is built (the database's place costs an import that ``--help`` and a
    command given ``--db`` never need)."""

    text: Callable[[], object]

    def __new__(cls, text: Callable[[], object]) -> ShownLater:
        value = super().__new__(cls, "")
        value.text = text
        return value


class _Quick:
    """Mixin: the options' plain values (``--help`` too) skip pydantic; defaults
    :class:`ShownLater` are worked out for the help."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        _quick([option] if option is not None else [])
        return option

    def format_help(self, ctx: Any, formatter: Any) -> None:
        for param in self.params:  # type: ignore[attr-defined]
            shown = getattr(param, "show_default", None)
            if isinstance(shown, ShownLater):
                param.show_default = str(shown.text())
        super().format_help(ctx, formatter)  # type: ignore[misc]


class Command(_Quick, TyperCommand):
    """A command whose help names each argument by its metavar (``PATH...``) rather than
    typer's type label (``<list[Path]>``), and whose plain values skip pydantic."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _quick(self.params)
        for param in self.params:
            if isinstance(param, TyperArgument) and param.metavar:
                param.display_type_rich = lambda ctx: None  # type: ignore[method-assign]


class Group(_Quick, TyperGroup):
    """A group whose options' plain values skip pydantic (as :class:`Command`'s)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _quick(self.params)


def plain_typer(help_text: str, **options: object) -> typer.Typer:
    """A typer app with plain help (real types and defaults, no placeholders)."""
    return typer.Typer(**{"no_args_is_help": True, "help": help_text, "rich_markup_mode": None,
                          "add_completion": False, "cls": Group, **options})


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
