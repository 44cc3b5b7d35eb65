"""The command line's text: the report (headline first, then the seven muscles, risks and
plan), one activity's analysis, the activity list and an athlete's profile."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from legload.core.text import plain

if TYPE_CHECKING:  # `athlete show` and `activities` print without loading the analysis
    from legload.analysis.report_types import Report, Risk

STYLES = {"building": "bold green", "maintaining": "bold blue", "endurance_only": "bold yellow",
          "losing": "bold red", None: "dim"}


def words(name: str) -> str:
    """A snake_case identifier as words (``body_fat_fraction`` → ``body fat fraction``)."""
    return name.replace("_", " ")


def possessive(name: str | None) -> str:
    """``your`` for no athlete (or the placeholder ``you``), else the name's possessive
    (``Ana's``, ``James'``)."""
    if not name or name.strip().lower() in ("you", "me"):
        return "your"
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def print_report(report: Report, console: Console) -> None:
    """Print a report: headline, limitations, the muscle table, reasons, projection, risks
    and plan."""
    console.print(f"[bold]Will running make {escape(possessive(plain(report.profile.name)))} legs"
                  f" muscular?[/bold]  [dim]{report.period}[/dim]", highlight=False)
    console.print(report.headline, highlight=False)
    for item in report.limitations:
        console.print(f"[dim]· {item}[/dim]", highlight=False)
    table = Table("muscle", "verdict", "endurance\nkJ/kg/wk", "strength\nsets/wk",
                  "eccentric\nkJ/kg/wk", "trend", title="The seven muscle groups")
    for name, m in report.muscles.items():
        table.add_row(words(name),
                      f"[{STYLES.get(m.verdict, 'dim')}]{words(m.verdict or 'no data')}[/]",
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
    lean = report.measured_lean
    if lean:
        console.print(f"Measured by your scale on {lean.date}: lean mass {lean.lean_kg:.1f} "
                      f"± {lean.error_kg:.1f} kg (bioimpedance: its error for one person)"
                      + (f", skeletal muscle {lean.skeletal_muscle_kg:.1f} kg"
                         if lean.skeletal_muscle_kg is not None else "") + ".",
                      highlight=False)
    if report.risks:
        risks = Table("muscles", "risk", "why", "evidence", title="Risks")
        for muscles, r in grouped_risks(report.risks):
            risks.add_row(", ".join(words(m) for m in muscles), words(r.kind), r.reason,
                          r.evidence)
        console.print(risks)
    if report.plan:
        plan = Table("do", "dose", "covers", title="Plan")
        for p in report.plan:
            plan.add_row(p.what, p.dose, words(", ".join(p.covers)))
        console.print(plan)


def grouped_risks(risks: list[Risk]) -> list[tuple[list[str], Risk]]:
    """Risks that say the same thing (kind, reason, evidence) as one row naming every
    muscle, in the order of their first appearance."""
    groups: dict[tuple[str, str, str], tuple[list[str], Risk]] = {}
    for risk in risks:
        key = (risk.kind, risk.reason, risk.evidence)
        groups.setdefault(key, ([], risk))[0].append(risk.muscle)
    return list(groups.values())


def _print_reasons(report: Report, console: Console) -> None:
    """Each driver once, with the muscles it explains."""
    reasons: dict[str, list[str]] = {}
    for name, m in report.muscles.items():
        for driver in m.drivers:
            reasons.setdefault(driver, []).append(words(name))
    if reasons:
        console.print("[bold]Why[/bold]")
        for driver, names in reasons.items():
            who = "all seven" if len(names) == len(report.muscles) else ", ".join(names)
            console.print(f"· {who}: {driver}", highlight=False)


def hms(seconds: float | None) -> str:
    """Seconds as ``h:mm:ss``."""
    seconds = round(seconds or 0)
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def pace(seconds_per_km: float) -> str:
    """Seconds per km as ``m:ss``."""
    seconds = round(seconds_per_km)
    return f"{seconds // 60}:{seconds % 60:02d}"


ACTIVITY_COLUMNS = ("id", "start (UTC)", "sport", "name", "time", "km", "ascent m", "samples")


def activity_cells(row: dict) -> list[str]:
    """One activity's cells in the list, in :data:`ACTIVITY_COLUMNS` order (users' text as
    plain characters)."""
    return [str(row["id"]), (row["start"] or "")[:16].replace("T", " "),
            plain("/".join(x for x in (row["sport"], row["sub_sport"]) if x and x != "generic")),
            plain(row.get("name") or ""), hms(row["moving_s"]),
            f"{(row['distance_m'] or 0) / 1000:.2f}", f"{row['ascent_m'] or 0:.0f}",
            str(row["samples"])]


def activities_table(rows: list[dict]) -> Table:
    """The activity list for a terminal: id and start never shrink, names wrap."""
    table = Table(*ACTIVITY_COLUMNS)
    for column in table.columns[:2]:
        column.no_wrap, column.min_width = True, len(str(column.header))
    table.columns[1].min_width = 16
    for row in rows:
        table.add_row(*(Text(cell) for cell in activity_cells(row)))  # never read as markup
    return table


def activities_text(rows: list[dict]) -> str:
    """The activity list for a pipe or a file: tab-separated, a header line, nothing cut."""
    lines = ["\t".join(ACTIVITY_COLUMNS)]
    lines += ["\t".join(activity_cells(row)) for row in rows]
    return "\n".join(lines) + "\n"


def print_analysis(result, console: Console, err: Console) -> None:
    """One activity (an :class:`~legload.analysis.session.ActivityAnalysis`): title, class,
    totals, the per-muscle table, segments and notes."""
    title = result.name or result.source or f"activity {result.id}"
    console.print(f"[bold]{escape(plain(title))}[/bold]  {result.start or ''}", highlight=False)
    session = result.session.to_dict()  # rounded as in the JSON document
    gap = session["gap_s_per_km"]
    console.print(f"{escape(plain(session['sport']))}/{escape(plain(session['sub_sport']))}: "
                  f"class [bold]{session['class']}"
                  f"[/bold] (tags: {', '.join(session['tags'])})", highlight=False)
    console.print(f"moving {hms(session['moving_s'])}, {session['distance_m'] / 1000:.2f} km, "
                  f"+{session['ascent_m']:.0f}/-{session['descent_m']:.0f} m, "
                  f"{session['energy_kcal']:.0f} kcal"
                  + (f", grade-adjusted pace {pace(gap)}/km" if gap else ""), highlight=False)
    if session["muscles"]:
        console.print(muscle_table(session["muscles"]))
    if session["segments"]:
        table = Table("kind", "start", "end", "distance m", "gain m", "speed m/s", "grade %")
        for seg in session["segments"]:
            table.add_row(seg["kind"], hms(seg["start_s"]), hms(seg["end_s"]),
                          f"{seg['distance_m']:.0f}", f"{seg['gain_m']:.0f}",
                          f"{seg['mean_speed_m_s']:.2f}", f"{100 * seg['mean_grade']:.1f}")
        console.print(table)
    for note in session["notes"]:
        err.print(plain(f"note: {note}"), markup=False, highlight=False, soft_wrap=True)


def muscle_table(muscles: dict[str, dict]) -> Table:
    """Per-muscle work (J/kg: positive, negative, of which hills), activation (% of maximal
    voluntary contraction) and stimulus of one activity."""
    table = Table("muscle", "+ work\nJ/kg", "− work\nJ/kg", "hills +\nJ/kg", "act.\nmean %",
                  "act.\npeak %", "stimulus", title="Muscles (act.: % of maximal contraction)",
                  box=box.SIMPLE_HEAD)
    for column in table.columns:
        column.no_wrap = True
    for name, m in muscles.items():
        table.add_row(words(name), f"{m['positive_work_j_kg']:.0f}",
                      f"{m['negative_work_j_kg']:.0f}", f"{m['hill_positive_work_j_kg']:.0f}",
                      f"{100 * m['mean_activation']:.0f}", f"{100 * m['peak_activation']:.0f}",
                      m["stimulus"])
    return table


def print_profile(profile, console: Console, err: Console) -> None:
    """An athlete's profile, one field a line, then what is not set (in words)."""
    for key, value in profile.as_dict().items():
        console.print(plain(f"{words(key)}: {'—' if value is None else value}"), markup=False,
                      highlight=False)
    missing = profile.missing()
    if missing:
        err.print(f"not set: {', '.join(PROFILE_WORDS.get(m, words(m)) for m in missing)}",
                  highlight=False, soft_wrap=True)


#: profile fields as the messages name them
PROFILE_WORDS = {"body_fat_fraction": "body fat", "height_m": "height", "weight_kg": "weight",
                 "birth_year": "birth year", "running_years": "years of running",
                 "lifting_years": "years of lifting"}
