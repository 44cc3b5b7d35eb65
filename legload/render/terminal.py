"""The report in a terminal: headline first, then the seven muscles, risks and plan."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from legload.analysis.report_types import Report
from legload.core.text import plain

STYLES = {"building": "bold green", "maintaining": "bold blue", "endurance_only": "bold yellow",
          "losing": "bold red", None: "dim"}


def print_report(report: Report, console: Console) -> None:
    """Print a report: headline, limitations, the muscle table, reasons, projection, risks
    and plan."""
    console.print(f"[bold]Will running make {escape(plain(report.profile.name))}'s legs "
                  "muscular?[/bold]  "
                  f"[dim]{report.period}[/dim]")
    console.print(report.headline, highlight=False)
    for item in report.limitations:
        console.print(f"[dim]· {item}[/dim]", highlight=False)
    table = Table("muscle", "verdict", "endurance\nkJ/kg/wk", "strength\nsets/wk",
                  "eccentric\nkJ/kg/wk", "trend", title="The seven muscle groups")
    for name, m in report.muscles.items():
        table.add_row(name.replace("_", " "),
                      f"[{STYLES.get(m.verdict, 'dim')}]"
                      f"{(m.verdict or 'no data').replace('_', ' ')}[/]",
                      f"{m.endurance_load / 1000:.1f}", f"{m.strength_stimulus:.1f}",
                      f"{m.eccentric_load / 1000:.1f}", m.trend)
    console.print(table)
    _print_reasons(report, console)
    proj = report.projection
    if proj:
        console.print(f"Lean mass over {len(proj.weeks) - 1} weeks: "
                      f"{proj.lean_change_kg:+.1f} kg at current habits"
                      + (f", {proj.plan.lean_change_kg:+.1f} kg with the plan's intake"
                         if proj.plan else "") + f"; fat {proj.fat_change_kg:+.1f} kg.",
                      highlight=False)
    if report.risks:
        risks = Table("muscle", "risk", "why", "evidence", title="Risks")
        for r in report.risks:
            risks.add_row(r.muscle.replace("_", " "), r.kind.replace("_", " "), r.reason,
                          r.evidence)
        console.print(risks)
    if report.plan:
        plan = Table("do", "dose", "covers", title="Plan")
        for p in report.plan:
            plan.add_row(p.what, p.dose, ", ".join(p.covers).replace("_", " "))
        console.print(plan)


def _print_reasons(report: Report, console: Console) -> None:
    """Each driver once, with the muscles it explains."""
    reasons: dict[str, list[str]] = {}
    for name, m in report.muscles.items():
        for driver in m.drivers:
            reasons.setdefault(driver, []).append(name.replace("_", " "))
    if reasons:
        console.print("[bold]Why[/bold]")
        for driver, names in reasons.items():
            who = "all seven" if len(names) == len(report.muscles) else ", ".join(names)
            console.print(f"· {who}: {driver}", highlight=False)
