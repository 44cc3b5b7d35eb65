"""The demo: three sample athletes written as real files, imported into a fresh database,
and answered.

Every file is generated here (FIT through the official SDK's encoder, GPX through lxml, CSV
logs); legload ships no recorded data of anyone. The athletes are described in
:mod:`legload.synth.athletes`; their weeks end on the day the demo runs, and each report is
the one ``legload report --db DB --athlete NAME`` prints afterwards (same window: the
default weeks ending today).

Everything goes to one folder (``./legload-demo`` from the command line): ``files/<athlete>/``,
``legload.sqlite`` and ``report_<athlete>.html``. A new run replaces exactly those, and
leaves anything else in the folder alone.
"""

from __future__ import annotations

import datetime as dt
import shlex
import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from legload import __version__, api
from legload.analysis.report import DEFAULT_WEEKS
from legload.analysis.report_types import Report
from legload.core.profile import AthleteProfile
from legload.import_pool import default_workers
from legload.render.html import render_report
from legload.synth.athletes import ATHLETES, SampleAthlete, planned_workouts, write_athlete

#: the stages of a demo run, in order, as the progress display names them
STAGES = ("generating", "importing", "reporting")
#: called with (stage, total steps of the stage) once, then (stage, None) after each step
DemoProgress = Callable[[str, int | None], None]


@dataclass
class DemoResult:
    """What a demo run wrote: its folder and database, each athlete's report, import and
    HTML page."""

    dir: Path
    db: Path
    athletes: dict[str, Report] = field(default_factory=dict)
    imports: dict[str, api.ImportReport] = field(default_factory=dict)
    html: dict[str, Path] = field(default_factory=dict)

    def explore(self) -> str:
        """The commands that explore the demo's database, one a line."""
        db = shlex.quote(str(self.db))
        name = next(iter(self.athletes), "NAME")
        return "\n".join([
            f"sample files: {self.dir / 'files'}",
            "Explore the demo (each command prints the same numbers as above):",
            f"  legload report --db {db} --athlete {name}",
            f"  legload activities --db {db} --athlete {name}",
            f"  legload analyze 1 --db {db}",
            f"  legload report --db {db} --athlete {name} --html report.html"])


def run_demo(directory: Path | str = "legload-demo", *,
             athletes: tuple[SampleAthlete, ...] | None = None, today: dt.date | None = None,
             progress: DemoProgress | None = None) -> DemoResult:
    """Generate, import and report into ``directory`` (what an earlier demo wrote there is
    replaced); ``athletes`` default to the three of :mod:`legload.synth.athletes`, their weeks
    end on ``today`` (default: today, UTC), and so does each report's window."""
    today = today or dt.datetime.now(dt.UTC).date()
    athletes = athletes or ATHLETES
    step = progress or (lambda _stage, _total: None)
    result = DemoResult(dir=Path(directory), db=Path(directory) / "legload.sqlite")
    _clear(result.dir, result.db)
    step("generating", sum(len(planned_workouts(a, today)) + 3 for a in athletes))
    folders = {a.name: result.dir / "files" / a.name for a in athletes}
    workers = default_workers()  # the import's processes write the files too
    with ProcessPoolExecutor(workers) if workers > 1 else nullcontext() as pool:
        for athlete in athletes:
            write_athlete(athlete, folders[athlete.name], end=today,
                          mapper=pool.map if pool else map,
                          progress=lambda _name: step("generating", None))
            for _log in range(3):
                step("generating", None)
    step("importing", sum(len(list(f.iterdir())) for f in folders.values()))
    for athlete in athletes:
        api.set_athlete(AthleteProfile(name=athlete.name, **athlete.profile), db=result.db)
        result.imports[athlete.name] = api.import_paths(
            [folders[athlete.name]], db=result.db, athlete=athlete.name,
            progress=lambda _name: step("importing", None))
    step("reporting", len(athletes))
    for athlete in athletes:
        report = api.report(db=result.db, athlete=athlete.name, weeks=DEFAULT_WEEKS,
                            until=today)
        page = result.dir / f"report_{athlete.name}.html"
        page.write_text(render_report(report, __version__), encoding="utf-8")
        result.athletes[athlete.name], result.html[athlete.name] = report, page
        step("reporting", None)
    return result


def _clear(directory: Path, db: Path) -> None:
    """Remove what an earlier demo wrote in ``directory`` (files, database, reports)."""
    directory.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(directory / "files", ignore_errors=True)
    for stale in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm"),
                  *directory.glob("report_*.html")):
        stale.unlink(missing_ok=True)


@contextmanager
def show_progress(console: Console) -> Iterator[DemoProgress]:
    """A progress display of the demo's stages on ``console`` (stderr), shown from the
    start; yields the callback :func:`run_demo` takes."""
    columns = (TextColumn("[bold]{task.description:<10}"), BarColumn(),
               MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=False) as bar:
        tasks = {stage: bar.add_task(stage, total=None, start=False) for stage in STAGES}

        def step(stage: str, total: int | None) -> None:
            if total is not None:
                bar.start_task(tasks[stage])
                bar.update(tasks[stage], total=total)
            else:
                bar.advance(tasks[stage])

        yield step
