"""The ``legload`` command line: a thin typer app over :mod:`legload.api`.

Conventions: ``--json`` prints exactly one JSON document on stdout; errors go to stderr as
one line with exit code 1; bad usage exits with 2 (typer's default).

(No ``from __future__ import annotations``: typer reads the annotations of every command
when the app is built, and evaluating them once here, at definition, is quicker than from
strings on each run.)
"""

import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from legload import __version__
from legload.cli_batch import register as register_batch
from legload.cli_delete import register as register_delete
from legload.cli_serve import register as register_serve
from legload.cli_support import AnalysisBar, Command, LazyConsole, ShownLater, import_bar
from legload.cli_support import plain_typer as _typer
from legload.cli_user import register as register_user
from legload.core.text import plain
from legload.errors import LegloadError
from legload.store.paths import default_db_path

# Commands import what they need (the workflows, readers, pandas, the terminal tables) when
# they run, so that `--help`, `--version` and the quick commands start in a fraction of a
# second.

# The models' arrays are a few thousand numbers: BLAS threads would only spin beside the
# import's worker processes (one per CPU), taking the CPU they need (as Dask's workers do, one
# thread each unless the user says otherwise; numpy is not imported yet).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


app = _typer("Will running make my legs muscular? Per-muscle load from your own data.")
out = LazyConsole()
err = LazyConsole(stderr=True)

DbOption = Annotated[Path | None, typer.Option(
    "--db", envvar="LEGLOAD_DB", metavar="FILE", show_default=ShownLater(default_db_path),
    help="Database file.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]
AthleteOption = Annotated[str | None, typer.Option(
    "--athlete", metavar="NAME", help="Athlete name (default: the only athlete in the "
    "database).")]
athlete_app = _typer("The athlete's profile.")
strength_app = _typer("Strength-training logs.")
intake_app = _typer("Food logs (energy and protein per day).")
body_app = _typer("Weigh-ins and body-fat measurements.")
app.add_typer(athlete_app, name="athlete")
app.add_typer(strength_app, name="strength")
app.add_typer(intake_app, name="intake")
app.add_typer(body_app, name="body")


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"legload {__version__}\n")
        raise typer.Exit()


@app.callback()
def main_options(version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Print the version and exit.")]
        = False) -> None:
    """Will running make my legs muscular? Per-muscle load from your own data."""


def _api():
    """The workflows (:mod:`legload.api`, with the store), loaded when a command runs."""
    from legload import api

    return api


def _terminal():
    """The terminal renderer (rich tables), loaded when text is printed."""
    from legload.render import terminal

    return terminal


def _fail(error: Exception) -> typer.Exit:
    _say(err, f"legload: {error}")
    return typer.Exit(code=1)


def _say(console: LazyConsole, text: str) -> None:
    """Print one line that may hold users' names: plain characters, never markup or
    terminal escapes."""
    console.print(plain(text), markup=False, highlight=False, soft_wrap=True)


def _emit_json(document: object) -> None:
    sys.stdout.write(json.dumps(document, ensure_ascii=False, default=str) + "\n")


@app.command("import", cls=Command)
def import_(
    paths: Annotated[list[Path], typer.Argument(help="Files, folders or zip exports.",
                                                metavar="PATH")],
    db: DbOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Refuse damaged files.")] = False,
    athlete: AthleteOption = None,
    as_json: JsonOption = False,
    workers: Annotated[int | None, typer.Option(
        "--workers", min=1, metavar="N", help="Processes reading files (default: one per CPU, or "
        "$LEGLOAD_WORKERS); 1 reads in this process.")] = None,
) -> None:
    """Import activity files (FIT, GPX, TCX, .gz), folders and Strava/Garmin exports."""
    try:
        if as_json:
            report = _api().import_paths(paths, db=db, strict=strict, athlete=athlete,
                                         workers=workers)
        else:
            with import_bar(err) as bar:
                task = bar.add_task("import", total=None)
                report = _api().import_paths(paths, db=db, strict=strict, athlete=athlete,
                                             workers=workers,
                                             progress=lambda _name: bar.advance(task))
    except LegloadError as exc:
        if as_json:  # the document still comes, saying why nothing (more) was stored
            _emit_json({"error": plain(exc)})
        raise _fail(exc) from None
    if as_json:
        _emit_json(report.to_dict())
    else:
        out.print(f"imported {report.imported} file(s), {len(report.activities)} activities; "
                  f"{report.duplicates} duplicate(s), {len(report.failed)} failed, "
                  f"{len(report.skipped)} skipped", highlight=False)
        for warning in report.warnings:
            _say(err, f"warning: {warning}")
        for failure in report.failed:
            _say(err, f"failed: {failure['path']}: {failure['error']}")
        for skipped in report.skipped:
            _say(err, f"skipped: {skipped['path']}: {skipped['reason']}")
    raise typer.Exit(code=1 if report.failed else 0)


ACTIVITY_FIELDS = ("id", "sport", "sub_sport", "name", "start", "duration_s", "moving_s",
                   "distance_m", "ascent_m", "descent_m", "samples", "device", "channels",
                   "source_path", "sha256")


activities_app = _typer("Imported activities: list them (no command), delete some.",
                        no_args_is_help=False)
app.add_typer(activities_app, name="activities")


@activities_app.callback(invoke_without_command=True)
def activities(ctx: typer.Context, db: DbOption = None, athlete: AthleteOption = None,
               as_json: JsonOption = False) -> None:
    """List imported activities, oldest first (tab-separated when not printed to a
    terminal)."""
    if ctx.invoked_subcommand is not None:
        return
    try:
        rows = _api().list_activities(db=db, athlete=athlete)
    except LegloadError as exc:
        raise _fail(exc) from None
    if as_json:
        _emit_json([{k: row.get(k) for k in ACTIVITY_FIELDS} for row in rows])
    elif out.is_terminal:
        out.print(_terminal().activities_table(rows))
        out.print(f"{len(rows)} activities", highlight=False)
    else:
        sys.stdout.write(_terminal().activities_text(rows))


@app.command("analyze", cls=Command)
def analyze(
    target: Annotated[str, typer.Argument(
        metavar="ID|FILE", help="An activity id from `legload activities`, or a file.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Describe one activity: energy, grade-adjusted pace, class, per-muscle work and
    activation, and segments."""
    try:
        result = _api().analyse(target, db=db)
    except LegloadError as exc:
        raise _fail(exc) from None
    if as_json:
        _emit_json(result.to_dict())
    else:
        _terminal().print_analysis(result, out.real, err.real)


@app.command("demo", cls=Command)
def demo(
    directory: Annotated[Path, typer.Option(
        "--dir", metavar="DIR", help="Folder of the demo's files, database and reports "
        "(replaced on each run).")] = Path("legload-demo"),
    as_json: JsonOption = False,
) -> None:
    """Generate three sample athletes as real files, import them and print their reports."""
    from legload.demo import run_demo, show_progress
    try:
        with show_progress(err.real) as progress:
            result = run_demo(directory, progress=progress)
    except LegloadError as exc:
        raise _fail(exc) from None
    if as_json:
        _emit_json({name: report.to_dict() for name, report in result.athletes.items()})
        return
    for name, report in result.athletes.items():
        _terminal().print_report(report, out.real)
        out.print(f"HTML report: {result.html[name]}\n", highlight=False)
    out.print(result.explore(), highlight=False, markup=False, soft_wrap=True)


@athlete_app.command("set", cls=Command)
def athlete_set(
    name: Annotated[str, typer.Option("--name", metavar="NAME", help="Athlete name (created "
                                      "when new).")],
    sex: Annotated[str | None, typer.Option(metavar="female|male", help="Sex, for the body "
                                            "model.")] = None,
    birth_year: Annotated[int | None, typer.Option(metavar="YEAR", help="Year of birth.")]
    = None,
    height_m: Annotated[float | None, typer.Option(metavar="M", help="Height in metres "
                                                   "(e.g. 1.78).")] = None,
    weight_kg: Annotated[float | None, typer.Option(metavar="KG", help="Body mass in kg.")]
    = None,
    body_fat: Annotated[float | None, typer.Option(metavar="FRACTION|%", help="Body fat, "
                                                   "fraction (0.18) or %.")] = None,
    running_years: Annotated[float | None, typer.Option(metavar="YEARS", help="Years of "
                                                        "regular running.")] = None,
    lifting_years: Annotated[float | None, typer.Option(metavar="YEARS", help="Years of "
                                                        "regular lifting.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Create or update an athlete's profile; options left out keep their stored value."""
    from legload.core.profile import AthleteProfile

    if body_fat is not None and body_fat > 1:
        body_fat = body_fat / 100.0  # given in percent
    profile = AthleteProfile(name=name, sex=sex, birth_year=birth_year, height_m=height_m,
                             weight_kg=weight_kg, body_fat_fraction=body_fat,
                             running_years=running_years, lifting_years=lifting_years)
    try:
        saved = _api().set_athlete(profile, db=db)
    except LegloadError as exc:
        raise _fail(exc) from None
    _show_profile(saved, as_json)


@athlete_app.command("show", cls=Command)
def athlete_show(athlete: AthleteOption = None, db: DbOption = None,
                 as_json: JsonOption = False) -> None:
    """Show an athlete's profile."""
    try:
        profiles = _api().athletes(db=db)
        chosen = [p for p in profiles if athlete is None or p.name == athlete]
        if not chosen:
            raise LegloadError(f"no athlete named {athlete!r}" if athlete else
                               "no athlete yet: create one with `legload athlete set --name NAME`")
        if athlete is None and len(chosen) > 1:
            raise LegloadError("several athletes: choose one with --athlete "
                               f"({', '.join(p.name for p in chosen)})")
    except LegloadError as exc:
        raise _fail(exc) from None
    _show_profile(chosen[0], as_json)


def _show_profile(profile, as_json: bool) -> None:
    if as_json:
        _emit_json(profile.as_dict())
    else:
        _terminal().print_profile(profile, out.real, err.real)


@strength_app.command("import", cls=Command)
def strength_import(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="Hevy, Strong, Fitbod or legload "
                                         "CSV, Strava activities.csv with Hevy sets, or a FIT "
                                         "file.")],
    unit: Annotated[str | None, typer.Option(
        "--unit", metavar="kg|lb", help="Unit of the weights when the file does not say it "
        "(a classic Strong export); guessed and named otherwise.")] = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Import a strength log; exercise names legload does not know are listed, not guessed."""
    if unit not in (None, "kg", "lb"):
        raise _fail(LegloadError(f"--unit must be kg or lb, not {unit!r}"))
    try:
        result = _api().import_strength(path, db=db, athlete=athlete, weight_unit=unit)
    except LegloadError as exc:
        raise _fail(exc) from None
    if as_json:
        _emit_json(result.to_dict())
        return
    if result.duplicate:
        _say(out, f"{path}: already imported (duplicate)")
        return
    share = "" if result.mapped_fraction is None else f" ({100 * result.mapped_fraction:.0f} %)"
    out.print(f"imported {result.sets} sets: {result.leg_sets} leg sets mapped to the exercise "
              f"library{share}, {len(result.non_leg)} non-leg exercises", highlight=False)
    if result.unknown:
        _say(err, f"unknown exercises (not counted): {', '.join(result.unknown)}")
    for line in result.skipped + result.warnings:
        line = line.replace("pass weight_unit='kg' or 'lb'", "use --unit kg or --unit lb")
        err.print(f"note: {line}", markup=False, highlight=False, soft_wrap=True)


def _import_log(path: Path, kind: str, athlete: str | None, db: Path | None,
                as_json: bool) -> None:
    try:
        result = _api().import_log(path, kind, db=db, athlete=athlete)
    except LegloadError as exc:
        raise _fail(exc) from None
    if as_json:
        _emit_json(result.to_dict())
        return
    if result.duplicate:
        _say(out, f"{path}: already imported (duplicate)")
    else:
        _say(out, f"imported {result.rows} rows from {path}")
    for warning in result.warnings:
        _say(err, f"note: {warning}")


@intake_app.command("import", cls=Command)
def intake_import(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="legload daily CSV, Cronometer, "
                                         "MyFitnessPal or Fitbit food log.")],
    athlete: AthleteOption = None, db: DbOption = None, as_json: JsonOption = False,
) -> None:
    """Import a food log; days not logged stay gaps, never zeros."""
    _import_log(path, "intake", athlete, db, as_json)


@body_app.command("import", cls=Command)
def body_import(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="Weight/body-fat CSV (legload, "
                                         "Withings, Renpho, Samsung Health, MyFitnessPal, "
                                         "Cronometer biometrics) or Fitbit weight JSON.")],
    athlete: AthleteOption = None, db: DbOption = None, as_json: JsonOption = False,
) -> None:
    """Import weigh-ins and body-fat measurements."""
    _import_log(path, "body", athlete, db, as_json)


@app.command("report", cls=Command)
def report(
    weeks: Annotated[int, typer.Option(min=2, max=104, metavar="N",
                                       help="Weeks in the window.")] = 12,
    until: Annotated[dt.datetime | None, typer.Option(
        formats=["%Y-%m-%d"], metavar="YYYY-MM-DD", show_default="today",
        help="Last day of the window.")] = None,
    html: Annotated[Path | None, typer.Option("--html", metavar="FILE", help="Also write the "
                                              "HTML report here.")] = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The answer: per-muscle verdicts, lean-mass projection, risks and a plan, over the
    weeks that end on --until."""
    try:
        with AnalysisBar(err) as progress:
            answer = _api().report(db=db, athlete=athlete, weeks=weeks,
                                   until=until.date() if until else None, progress=progress)
        if html is not None:  # Jinja2 and the SVG drawings load only for it
            from legload.render.files import write_replacing
            from legload.render.html import render_report

            write_replacing(html, render_report(answer, __version__))
    except LegloadError as exc:
        raise _fail(exc) from None
    if as_json:
        _emit_json(answer.to_dict())
    else:
        _terminal().print_report(answer, out.real)
        if html is not None:
            _say(out, f"HTML report: {html}")


register_delete({"activities": activities_app, "athlete": athlete_app, "strength": strength_app,
                 "intake": intake_app, "body": body_app}, DbOption, AthleteOption,
                lambda text: _say(out, text), _fail, Command)
register_batch(app, lambda text: _say(out, text), lambda text: _say(err, text), _fail, Command)
register_serve(app, DbOption, lambda text: _say(err, text), _fail, Command)
register_user(app, DbOption, lambda text: _say(out, text), _fail, Command)


def main() -> None:  # pragma: no cover - console entry
    app()
