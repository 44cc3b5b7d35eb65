"""The shape of the code base: one-way layers, small modules and functions, documented packages.

These tests guard the house rules of ``docs/architecture.md``; each fails on the change that
breaks its rule (an upward import, a 401-line module, a 61-line function, a package without
a docstring saying what it may import).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

PACKAGE = REPO / "legload"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_import_layer_contracts_are_kept():
    """import-linter's contracts in pyproject.toml: data flows one way through the layers."""
    command = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run([str(command), "--no-cache"], cwd=REPO, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "0 broken" in done.stdout


def _code_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Lines of a function less its docstring (pvlib-style docstrings are long by design)."""
    lines = node.end_lineno - node.lineno + 1
    first = node.body[0]
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
            and isinstance(first.value.value, str):
        lines -= first.end_lineno - first.lineno + 1
    return lines


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(REPO)))
def test_modules_and_functions_are_small(path: Path):
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_MODULE_LINES, f"{path.name} is over {MAX_MODULE_LINES} lines"
    long = [f"{node.name} ({_code_lines(node)} lines)" for node in ast.walk(ast.parse(text))
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and _code_lines(node) > MAX_FUNCTION_LINES]
    assert not long, f"{path.name}: functions over {MAX_FUNCTION_LINES} lines: {long}"


@pytest.mark.parametrize("init", sorted(PACKAGE.rglob("__init__.py")),
                         ids=lambda p: str(p.parent.relative_to(REPO)))
def test_every_package_says_what_it_holds_and_may_import(init: Path):
    doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
    assert doc, f"{init} has no docstring"
    assert "import" in doc.lower(), f"{init}'s docstring does not say what the package may import"


def test_architecture_doc_names_every_package():
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    packages = {str(p.parent.relative_to(REPO)).replace("/", ".") for p in PACKAGE.rglob("__init__.py")}
    missing = sorted(p for p in packages if f"`{p}`" not in text)
    assert not missing, f"docs/architecture.md does not describe {missing}"
