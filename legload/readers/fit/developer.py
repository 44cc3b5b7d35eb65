"""Developer fields (Connect IQ apps, Stryd, core-temperature sensors) → sample columns in SI.

A developer field comes with its own description: a name and the units as the app spells
them ("Milliseconds", "Centimeters", "kN/m"). Known units (:data:`~legload.core.columns.
DEV_UNITS`) are converted to SI (the nomenclature's units), and a field that the
nomenclature has a canonical column for (:data:`~legload.core.columns.DEV_CANONICAL`:
Stryd's ground time is ``stance_time_s``) fills that column when the device recorded none
itself; every other one stays ``dev_<name>``. Units that are not known are kept as recorded
and named in one warning per file.
"""

from __future__ import annotations

import numpy as np

from legload.core.columns import DEV_CANONICAL, DEV_UNITS


def developer_channels(rec: dict[str, np.ndarray], cols: dict[str, np.ndarray],
                       units: dict[str, str]) -> list[str]:
    """Add the developer columns of record table ``rec`` (one number per record) to ``cols``,
    converted by their ``units`` (column → units as described). Returns a warning naming the
    columns whose units are not known, or none."""
    unknown = []
    for name, values in rec.items():
        if not name.startswith("dev_") or values.ndim != 1 or values.dtype == object:
            continue
        spelled = units.get(name, "")
        known = DEV_UNITS.get(spelled.lower())
        si = ""
        if known is not None:
            si, times, over = known
            values = values * times / over if times != 1 else values / over
        elif spelled:
            unknown.append(f"{name} ({spelled})")
        canonical, accepted = DEV_CANONICAL.get(name[4:], (None, ()))
        if canonical is not None and si in accepted and canonical not in cols:
            cols[canonical] = values
        else:
            cols[name] = values
    if not unknown:
        return []
    return ["developer fields in units legload does not convert, kept as recorded: "
            + ", ".join(unknown)]


__all__ = ["developer_channels"]
