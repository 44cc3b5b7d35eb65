"""What the pages show, computed through :mod:`legload.api` (and the store's own functions)
and kept while the database is unchanged, so a page is drawn once per change of data."""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from legload import api
from legload.analysis.muscle_load import muscle_load
from legload.analysis.report_types import Report
from legload.analysis.segments import elapsed_s
from legload.analysis.session import SessionAnalysis, analyse_session
from legload.core.text import plain
from legload.render.html import ReportView, Tile, report_view
from legload.render.svg import route_svg, xy_chart
from legload.store import Store, existing_db
from legload.streams.build import to_stream

MUSCLE_SLICES = 40  # pieces of an activity for the per-muscle load along it


@dataclass(frozen=True)
class Dashboard:
    """The dashboard of one athlete over a window."""
    view: ReportView
    notes: list[str]


@dataclass(frozen=True)
class ActivityPage:
    """One activity drawn: its tiles, charts, route and segments."""
    id: int
    title: str
    start: str | None
    session: SessionAnalysis
    tiles: list[Tile]
    charts: dict[str, str]
    route: str


class Views:
    """Pages' contents for one database, cached per state of the database file."""

    def __init__(self, db: Path, size: int = 64) -> None:
        self.db = db
        self._cache: OrderedDict[tuple, object] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def stamp(self) -> tuple[int, ...]:
        """Changes whenever the database is written (the file or its write-ahead log)."""
        out = []
        for path in (self.db, self.db.with_name(self.db.name + "-wal")):
            try:
                info = path.stat()
                out += [info.st_mtime_ns, info.st_size]
            except OSError:
                out += [0, 0]
        return tuple(out)

    def _cached(self, key: tuple, build):
        """``build()``'s value for ``key`` and the database as it is; kept under the state
        before and after building (the first report writes the analysis cache)."""
        before = (*key, dt.datetime.now(dt.UTC).date(), self.stamp())  # "today" moves too
        with self._lock:
            if before in self._cache:
                self._cache.move_to_end(before)
                return self._cache[before]
        value = build()
        with self._lock:
            for state in (before, (*before[:-1], self.stamp())):
                self._cache[state] = value
            while len(self._cache) > self._size:
                self._cache.popitem(last=False)
        return value

    def activities(self, athlete: str | None) -> list[dict]:
        return self._cached(("activities", athlete), lambda: api.list_activities(
            db=self.db, athlete=athlete))

    def report(self, athlete: str | None, weeks: int, until: dt.date | None) -> Report:
        return self._cached(("report", athlete, weeks, until), lambda: api.report(
            db=self.db, athlete=athlete, weeks=weeks, until=until))

    def dashboard(self, athlete: str | None, weeks: int, until: dt.date | None) -> Dashboard:
        def build() -> Dashboard:
            answer = self.report(athlete, weeks, until)
            end = until or dt.datetime.now(dt.UTC).date()
            first = end - dt.timedelta(days=7 * weeks - 1)
            rows = [r for r in self.activities(athlete) if r["start"]
                    and first.isoformat() <= r["start"][:10] <= end.isoformat()]
            notes = _window_notes(self.activities(athlete), first, end)
            return Dashboard(report_view(answer, _activity_tiles(rows, weeks)), notes)
        return self._cached(("dashboard", athlete, weeks, until), build)

    def activity(self, activity_id: int) -> ActivityPage:
        return self._cached(("activity", activity_id), lambda: _activity_page(
            self.db, activity_id))


def _activity_tiles(rows: list[dict], weeks: int) -> list[Tile]:
    runs = [r for r in rows if r["sport"] == "running"]
    hours = sum(r["moving_s"] or 0 for r in runs) / 3600 / weeks
    km = sum(r["distance_m"] or 0 for r in runs) / 1000 / weeks
    return [Tile("running time", f"{int(hours)} h {round(hours % 1 * 60):02d}", "per week"),
            Tile("running distance", f"{km:.1f}", "km per week")]


def _window_notes(rows: list[dict], first: dt.date, end: dt.date) -> list[str]:
    starts = [r["start"][:10] for r in rows if r["start"]]
    if not starts:
        return ["No activities yet: upload your watch's files or an export."]
    notes = []
    if max(starts) < first.isoformat():
        notes.append(f"Your latest activity is on {max(starts)}, before this window "
                     f"({first} to {end}): choose an earlier end date.")
    elif max(starts) < end.isoformat():
        notes.append(f"Your data end on {max(starts)}; the window runs to {end}.")
    if min(starts) > first.isoformat():
        notes.append(f"Your first activity is on {min(starts)}, after the window's start.")
    return notes


def _activity_page(db: Path, activity_id: int) -> ActivityPage:
    with Store(existing_db(db)) as store:
        activity = store.get_activity(activity_id)
        mass = store.athlete_weight_for(activity_id)
    stream = to_stream(activity)
    session = analyse_session(activity, mass_kg=mass, stream=stream)
    start = activity.start
    name = activity.summary.get("name")
    title = plain(str(name)) if name else f"{session.sport} {activity_id}"
    pace = session.gap_s_per_km
    tiles = [Tile("distance", f"{session.distance_m / 1000:.2f}", "km"),
             Tile("moving time", _clock(session.moving_s)),
             Tile("ascent", f"{session.ascent_m:.0f}", "m"),
             Tile("energy", f"{session.energy_kcal:.0f}", "kcal"),
             Tile("grade-adjusted pace", "–" if pace is None else _clock(pace), "per km"),
             Tile("class", session.session_class.replace("_", " "))]
    frame = stream.frame
    route = (route_svg(frame["lat_deg"].to_numpy(), frame["lon_deg"].to_numpy())
             if "lat_deg" in frame else route_svg([], []))
    return ActivityPage(activity_id, title, None if start is None else
                        start.strftime("%Y-%m-%d %H:%M UTC"), session, tiles,
                        _activity_charts(stream, session), route)


def _clock(seconds: float) -> str:
    seconds = round(seconds)
    h, rest = divmod(seconds, 3600)
    return f"{h}:{rest // 60:02d}:{rest % 60:02d}" if h else f"{rest // 60}:{rest % 60:02d}"


def _activity_charts(stream, session: SessionAnalysis) -> dict[str, str]:
    frame = stream.frame
    if len(frame) < 2:
        return {}
    has_distance = float(frame["distance_m"].iloc[-1]) > 100
    x = (frame["distance_m"] / 1000 if has_distance else frame["t_s"] / 60).to_numpy(float)
    x_label = "km" if has_distance else "min"
    elapsed = elapsed_s(stream)
    marks = [(float(np.interp(s.start_s, elapsed, x)), float(np.interp(s.end_s, elapsed, x)),
              s.kind) for s in session.segments]
    charts = {}
    traces = (("altitude_m", "Elevation", "m", 1.0), ("speed_m_s", "Speed", "km/h", 3.6),
              ("heart_rate_bpm", "Heart rate", "bpm", 1.0),
              ("cadence_spm", "Cadence", "steps/min", 1.0),
              ("cadence_rpm", "Cadence", "rpm", 1.0), ("power_w", "Power", "W", 1.0))
    for column, title, unit, scale in traces:
        if column in frame and frame[column].notna().any():
            charts[column] = xy_chart(x, {title: (frame[column].to_numpy(float) * scale)},
                                      title=f"{title} ({unit})", x_label=x_label,
                                      y_label=unit, unit=unit, marks=marks)
    charts["muscles"] = _muscle_chart(stream, x, x_label, marks)
    return charts


def _muscle_chart(stream, x: np.ndarray, x_label: str, marks) -> str:
    """Each muscle's mean positive power (W/kg) over slices of the activity."""
    n = len(stream.frame)
    edges = np.linspace(0, n, min(MUSCLE_SLICES, n) + 1).astype(int)
    centres, series = [], {}
    for a, b in itertools.pairwise(edges):
        if b - a < 2:
            continue
        piece = replace(stream, frame=stream.frame.iloc[a:b].reset_index(drop=True))
        loads = muscle_load(piece)
        if not loads:
            continue
        centres.append(float(x[(a + b) // 2]))
        for muscle, load in loads.items():
            series.setdefault(muscle, []).append(load.positive_work_j_kg / (b - a))
    return xy_chart(centres, series, title="Load on each muscle along the activity (W/kg)",
                    x_label=x_label, y_label="W/kg", unit="W/kg", marks=marks, width=960,
                    height=300)
