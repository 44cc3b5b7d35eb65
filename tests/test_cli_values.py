"""The command line's plain values (strings, numbers, days, paths and lists of them) are
coerced without pydantic, to exactly what typer's own coercion gives; anything else, and
every error, still goes through typer's (the same message, the same exit code)."""

from __future__ import annotations

import pytest
import typer.main

from legload import cli_support
from legload.cli import app

# typer's own coercion, the reference: private modules of typer >= 0.20 (an older typer
# makes every value go typer's way, and there is nothing to compare)
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
