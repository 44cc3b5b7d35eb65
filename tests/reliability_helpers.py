"""Small generated inputs for the reliability tests: GPX runs, Hevy and legload CSV logs."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from legload.cli import app

#: the hostile names of issue 16: rich markup, a live link, terminal escapes
HOSTILE_NAMES = ("Tempo [/]", "[link=http://x]a[/link]", "\x1b[2J\x1b]0;t\x07")
#: what each prints as
PRINTED = ("Tempo [/]", "[link=http://x]a[/link]", "")

runner = CliRunner()


def run(*args, input: str | None = None):
    """The CLI with a wide terminal (so tables do not wrap names)."""
    return runner.invoke(app, [str(a) for a in args], input=input,
                         env={"COLUMNS": "250", "TERM": "xterm"})


def run_json(*args):
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def gpx_run(name: str = "run", start: str = "2026-03-02T07:00:00Z", seconds: int = 600,
            lat0: float = 48.0) -> bytes:
    """A GPX run at ~3 m/s with a name, one point per second."""
    from datetime import datetime, timedelta

    t0 = datetime.fromisoformat(start.replace("Z", "+00:00"))
    points = "".join(
        f'<trkpt lat="{lat0 + i * 3 / 111_000:.7f}" lon="2.0000000"><ele>100</ele>'
        f"<time>{(t0 + timedelta(seconds=i)).strftime('%Y-%m-%dT%H:%M:%SZ')}</time></trkpt>"
        for i in range(seconds))
    escaped = name.replace("&", "&amp;").replace("<", "&lt;").replace("\x1b", "&#x1b;") \
        .replace("\x07", "&#x7;")
    return (f'<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="t" '
            f'xmlns="http://www.topografix.com/GPX/1/1"><trk><name>{escaped}</name><type>running'
            f"</type><trkseg>{points}</trkseg></trk></gpx>").encode()


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


HEVY_HEADER = ('"title","start_time","end_time","description","exercise_title",'
               '"superset_id","exercise_notes","set_index","set_type","weight_kg","reps",'
               '"distance_km","duration_seconds","rpe"\n')


def hevy_row(exercise: str, set_index: int, weight: object, reps: object,
             when: str = "2 Mar 2026, 18:00") -> str:
    return (f'"Legs","{when}","{when}","","{exercise}","","",{set_index},"normal",'
            f"{weight},{reps},,,\n")


def strength_csv(rows: list[tuple]) -> str:
    """A legload strength CSV: (date, exercise, set, reps, weight_kg, rir) rows."""
    lines = ["date,exercise,set,reps,weight_kg,rir"]
    lines += [",".join(str(v) for v in row) for row in rows]
    return "\n".join(lines) + "\n"
