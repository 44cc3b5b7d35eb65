"""Render ``docs/nomenclature.md`` from :mod:`legload.core.columns` (a test keeps them equal).

    python -m legload.core.nomenclature > docs/nomenclature.md
"""

from __future__ import annotations

from legload.core.columns import LAP_COLUMNS, SAMPLE_COLUMNS, SUMMARY_KEYS


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
    lines += [
        "Developer (Connect IQ) fields that legload does not map to a canonical column keep",
        "their own name, prefixed `dev_` (e.g. `dev_form_power`).",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(render(), end="")
