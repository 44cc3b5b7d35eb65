"""The command line's plain values (strings, numbers, days, paths and lists of them) are
coerced without pydantic, to exactly what typer's own coercion gives; anything else, and
every error, still goes through typer's (the same message, the same exit code)."""

from __future__ import annotations

import importlib
import sys

import pytest
import typer.main

from legload import cli_support
from legload.cli import app

# typer's own coercion, the reference: private modules of typer >= 0.29 (a typer without
# them makes every value go typer's way, and there is nothing to compare)
Context = pytest.importorskip("typer._click").Context
build_runtime_param = pytest.importorskip("typer._coercion").build_runtime_param

SAMPLES = {
    "str": ["Ann", "", "Zoë 🏃", "--x"],
    "bool": [True, False],
    "int": ["12", "0", "1", "2", "104", "105", "65536", "-3", "007", "1e3", " 12", "abc", "",
            "١٢", 12, 1.5],
    "float": ["58", "58.5", "0.18", "18", "-1", "1e3", ".5", "nan", "inf", "1_0", "x", "",
              58.0, 7],
    "Path": ["runs/a.fit", "", "~", ".", "-", "/nonexistent/x"],
    "datetime": ["2026-11-29", "2026-13-01", "29/11/2026", "2026-2-3", ""],
    "list[int]": [("1", "2"), ("x",), ("1", "x")],
    "list[pathlib.Path]": [("a.fit", "b"), ("a.fit", "")],
}


def _params():
    def walk(command, path):
        for param in getattr(command, "params", []):
            if getattr(param, "type_descriptor", None) is not None:
                yield pytest.param(command, param, id=f"{path}:{param.name}")
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, f"{path} {name}")

    return list(walk(typer.main.get_command(app), "legload"))


def _outcome(runtime, value, param, ctx):
    try:
        result = runtime.coerce(value, param=param, ctx=ctx)
    except Exception as exc:  # the error is the outcome compared
        return type(exc).__name__, exc.format_message() if hasattr(exc, "format_message") \
            else str(exc)
    return type(result).__name__, repr(result)


@pytest.mark.parametrize(("command", "param"), _params())
def test_every_value_comes_out_as_typer_makes_it(command, param, tmp_path):
    annotation = param.type_descriptor.annotation
    name = str(annotation) if hasattr(annotation, "__origin__") else annotation.__name__
    values = SAMPLES[name] + ([str(tmp_path)] if name == "Path" else [])
    ctx = Context(command)
    quick = param.get_runtime_param()
    assert isinstance(quick, cli_support._QuickParam)
    typer_own = build_runtime_param(param.type_descriptor)
    for value in values:
        assert _outcome(quick, value, param, ctx) == _outcome(typer_own, value, param, ctx), \
            value


#: command lines whose plain values are taken, or refused in typer's words
LINES = [
    ["athlete", "set", "--name", "Ann", "--sex", "female", "--birth-year", "1990", "--height-m",
     "1.68", "--weight-kg", "60.5", "--db", "l.sqlite", "--json"],
    ["athlete", "set", "--name", "Ann", "--birth-year", "nineteen", "--db", "l.sqlite"],
    ["athlete", "set", "--name", "Ann", "--weight-kg", "6O", "--db", "l.sqlite"],
    ["athlete", "show", "--athlete", "Ann", "--db", "l.sqlite", "--json"],
    ["report", "--weeks", "abc", "--db", "l.sqlite"],
    ["report", "--until", "2026-13-01", "--db", "l.sqlite"],
    ["report", "--weeks", "4", "--until", "2026-11-29", "--athlete", "Ann", "--db", "l.sqlite",
     "--json"],
    ["activities", "delete", "1", "x", "--db", "l.sqlite", "--yes"],
    ["import", "--workers", "two", "x.fit", "--db", "l.sqlite"],
    ["import", "nowhere.fit", "--workers", "1", "--db", "l.sqlite", "--json"],
    ["activities", "--db", "l.sqlite", "--json"],
]


def _run_lines(folder, monkeypatch) -> list[tuple[int, str]]:
    from typer.testing import CliRunner

    folder.mkdir()
    monkeypatch.chdir(folder)
    runner = CliRunner()
    return [(done.exit_code, done.output) for done in (runner.invoke(app, line) for line in LINES)]


def test_without_typers_private_coercion_the_same_values_are_taken_and_refused(tmp_path,
                                                                               monkeypatch):
    quick = _run_lines(tmp_path / "quick", monkeypatch)
    before = dict(vars(cli_support))
    try:
        with monkeypatch.context() as without:  # cli_support loaded as if typer had none
            without.setitem(sys.modules, "typer._coercion", None)
            importlib.reload(cli_support)
        assert cli_support.RuntimeParam is None
        params = [param for param in _params() if param.values[1]._runtime_param is not None]
        assert params == []  # every value goes typer's own way
        typer_own = _run_lines(tmp_path / "typer_own", monkeypatch)
    finally:  # the module as it was (its classes are those the command line was built with)
        vars(cli_support).clear()
        vars(cli_support).update(before)
    assert typer_own == quick
    assert [code for code, _ in quick] == [0, 2, 2, 0, 2, 2, 0, 2, 2, 1, 0]
    assert "Invalid value for '--weight-kg': Input should be a valid number" in quick[2][1]
