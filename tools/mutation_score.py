"""Mutation score of legload's models and analysis from a stratified random sample of mutmut's
mutants (the full set, ~7,000 mutants, takes hours on a small machine).

``python tools/mutation_score.py sample [--fraction F] [--minimum M] [--seed S] [--modules GLOB]``
prints the names of a sample: in every mutated module (or those matching GLOB, e.g.
``legload.models.locomotion.*``), a fraction F of its mutants (at least M, or all of a smaller
module), drawn with a fixed seed. ``mutmut run $(python tools/mutation_score.py sample)`` runs them.

``python tools/mutation_score.py report [--sample FILE]`` reads what mutmut wrote under ``mutants/``,
prints killed/checked per package and the estimated score of every package with its 95 %
interval: a stratified estimate (each module weighted by its number of mutants) with the
finite-population correction, module proportions shrunk as (killed + 1) / (checked + 2) in the
variance so that a module where all sampled mutants died still counts as uncertain. A timeout
or a mutant the type check rejects counts as killed; a mutant no test reaches counts as
survived. Run it from the repository root after ``mutmut run``.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import math
import random
import tomllib
from collections import defaultdict
from pathlib import Path

KILLED = {1, 3, 36, 37, -24, 24, 152, 255, -11, -9}
SURVIVED = {0, 5, 33, 35}
TIMEOUT = {36, -24, 24, 152, 255}


def _excluded(root: Path) -> list[str]:
    """``do_not_mutate`` of ``[tool.mutmut]`` (mutants made before a file was excluded stay
    under mutants/ and are left out here)."""
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["mutmut"].get("do_not_mutate", [])


def _mutants(root: Path) -> dict[str, dict[str, int | None]]:
    """Exit code of each mutant, by module (``legload.models.body.dynamics``)."""
    out = {}
    excluded = _excluded(root)
    for meta in sorted((root / "mutants").glob("legload/**/*.py.meta")):
        source = meta.relative_to(root / "mutants").with_suffix("").as_posix()
        if any(fnmatch.fnmatch(source, pattern) for pattern in excluded):
            continue
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        if codes:
            module = ".".join(meta.relative_to(root / "mutants").with_suffix("").with_suffix("").parts)
            out[module] = codes
    return out


def sample(root: Path, fraction: float, minimum: int, seed: int, modules: str = "*") -> list[str]:
    rng = random.Random(seed)
    names = []
    for module, codes in _mutants(root).items():
        if not fnmatch.fnmatch(module, modules):
            continue
        keys = sorted(codes)
        size = min(len(keys), max(minimum, math.ceil(fraction * len(keys))))
        names.extend(rng.sample(keys, size))
    return names


def package(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:3]) if parts[1] == "models" else ".".join(parts[:2])


def _estimate(rows: list[tuple[int, int, int]]) -> tuple[float, float]:
    """Stratified share killed and the half-width of its 95 % interval; rows (N, n, killed)."""
    total = sum(n_all for n_all, _, _ in rows)
    estimate = variance = 0.0
    for n_all, n, killed in rows:
        weight = n_all / total
        shrunk = (killed + 1) / (n + 2)
        estimate += weight * killed / n
        variance += weight**2 * shrunk * (1 - shrunk) / n * (1 - n / n_all)
    return estimate, 1.96 * math.sqrt(variance)


def report(root: Path, only: set[str] | None = None) -> list[str]:
    """Per package: mutants, checked, killed, timeouts; the estimated score with timeouts as
    kills (mutmut's rule) and, as a lower bound, with timeouts as survivors (on a loaded
    machine a slow test can time out although the mutant would survive)."""
    strata: dict[str, list[tuple[int, int, int, int]]] = defaultdict(list)
    for module, codes in _mutants(root).items():
        checked = [c for k, c in codes.items()
                   if (c in KILLED or c in SURVIVED) and (only is None or k in only)]
        if checked:
            killed = sum(c in KILLED for c in checked)
            timeouts = sum(c in TIMEOUT for c in checked)
            for name in (package(module), module.split(".")[1], "all"):
                strata[name].append((len(codes), len(checked), killed, timeouts))
    lines = [f"{'package':26} {'mutants':>7} {'checked':>7} {'killed':>6} {'timeout':>7}  "
             "score (95 % interval)   timeouts as survivors"]
    for name, rows in sorted(strata.items()):
        score, half = _estimate([(a, n, k) for a, n, k, _ in rows])
        low, low_half = _estimate([(a, n, k - t) for a, n, k, t in rows])
        lines.append(
            f"{name:26} {sum(r[0] for r in rows):7d} {sum(r[1] for r in rows):7d} "
            f"{sum(r[2] for r in rows):6d} {sum(r[3] for r in rows):7d}  "
            f"{score:6.1%} ({max(0.0, score - half):.1%}-{min(1.0, score + half):.1%})   "
            f"{low:6.1%} ({max(0.0, low - low_half):.1%}-{min(1.0, low + low_half):.1%})")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("sample", "report"))
    parser.add_argument("--fraction", type=float, default=0.01)
    parser.add_argument("--minimum", type=int, default=2)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--modules", default="*", help="sample only modules matching this glob")
    parser.add_argument("--sample", type=Path, help="report only the mutants named in this file")
    args = parser.parse_args()
    root = Path.cwd()
    if args.command == "sample":
        print("\n".join(sample(root, args.fraction, args.minimum, args.seed, args.modules)))
    else:
        only = set(args.sample.read_text().split()) if args.sample else None
        print("\n".join(report(root, only)))


if __name__ == "__main__":
    main()
