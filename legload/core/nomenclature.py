"""Render ``docs/nomenclature.md`` from :mod:`legload.core.columns` (a test keeps them equal).

    python -m legload.core.nomenclature > docs/nomenclature.md
"""

from __future__ import annotations

from legload.core.columns import (
    DEV_CANONICAL,
    DEV_UNITS,
    LAP_COLUMNS,
    SAMPLE_COLUMNS,
    SUMMARY_KEYS,
)


def render() -> str:
    lines = [
        "# Nomenclature",
        "",
        "Column names and units used everywhere in legload (generated from `legload/core/columns.py`).",
        "All quantities are SI unless the unit says otherwise; a channel a file does not record",
        "is absent, never zero-filled.",
        "",
    ]
    for title, table in (("Activity.samples columns", SAMPLE_COLUMNS),
                         ("Activity.laps columns", LAP_COLUMNS),
                         ("Activity.summary keys", SUMMARY_KEYS)):
        lines += [f"## {title}", "", "| name | unit | meaning |", "|---|---|---|"]
        lines += [f"| `{name}` | {unit} | {text} |" for name, (unit, text) in table.items()]
        lines.append("")
    return "\n".join(lines + _developer_fields())


def _developer_fields() -> list[str]:
    """The developer-field note: canonical columns, then the unit conversions."""
    lines = [
        "## Developer fields",
        "",
        "Developer (Connect IQ, Stryd ...) fields are converted to SI from the units their",
        "field description gives. A field with a canonical column fills it when the device",
        "recorded no native channel of its own; every other one keeps its own name, prefixed",
        "`dev_` (e.g. `dev_form_power`, `dev_leg_spring_stiffness` in N/m). A unit not listed",
        "below is kept as recorded, and the reader's warnings name the field and its unit. A",
        "float32 value is given as its shortest decimal (31.85, not 31.850000381469727), as a",
        "scaled FIT field is given to the decimals its scale resolves (altitude, scale 5: 0.1 m).",
        "",
        "| developer field | column | when its unit is |",
        "|---|---|---|",
    ]
    lines += [f"| `{name}` | `{column}` | {', '.join(u or '(none)' for u in units)} |"
              for name, (column, units) in DEV_CANONICAL.items()]
    lines += ["", "| unit as described (any case) | converted to |", "|---|---|"]
    by_target: dict[tuple[str, float, float], list[str]] = {}
    for spelled, target in DEV_UNITS.items():
        by_target.setdefault(target, []).append(spelled)
    for (unit, times, over), spellings in by_target.items():
        factor = f"× {times:g}" if times != 1 else (f"÷ {over:g}" if over != 1 else "as is")
        lines.append(f"| {', '.join(spellings)} | {unit} ({factor}) |")
    lines.append("")
    return lines


if __name__ == "__main__":
    print(render(), end="")
