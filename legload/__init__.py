"""legload: will running make my legs muscular? Per-muscle load from your own data.

The public surface is what ``__all__`` lists (a test pins it); everything else may change.
This module only re-exports names from :mod:`legload.api`, :mod:`legload.core`,
:mod:`legload.analysis` (the typed results) and :mod:`legload.errors`; it may import any layer.
Every result's ``to_dict()`` is the matching ``--json`` document of the CLI, described by
``docs/schemas/*.json``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from legload.core.lazy import lazy_names

#: where each public name lives; imported on first use (PEP 562), so that ``import legload``
#: and the command line's ``--help`` load neither pandas nor the readers
_HOMES = {
    "Activity": "legload.core.activity",
    "ActivityAnalysis": "legload.analysis.session",
    "ImportReport": "legload.api",
    "LegloadError": "legload.errors",
    "LogImport": "legload.api",
    "ModelDomainError": "legload.errors",
    "MuscleLoad": "legload.analysis.muscle_load",
    "ReadError": "legload.errors",
    "Report": "legload.analysis.report_types",
    "SessionAnalysis": "legload.analysis.session",
    "StoreError": "legload.errors",
    "StreamError": "legload.errors",
    "StrengthImport": "legload.api",
    "analyse": "legload.api",
    "import_paths": "legload.api",
    "list_activities": "legload.api",
    "read_activities": "legload.api",
    "read_activity": "legload.api",
    "report": "legload.api",
}

if TYPE_CHECKING:
    from legload.analysis.muscle_load import MuscleLoad
    from legload.analysis.report_types import Report
    from legload.analysis.session import ActivityAnalysis, SessionAnalysis
    from legload.api import (
        ImportReport,
        LogImport,
        StrengthImport,
        analyse,
        import_paths,
        list_activities,
        read_activities,
        read_activity,
        report,
    )
    from legload.core.activity import Activity
    from legload.errors import (
        LegloadError,
        ModelDomainError,
        ReadError,
        StoreError,
        StreamError,
    )

__version__ = "0.1.0"

__all__ = [
    "Activity",
    "ActivityAnalysis",
    "ImportReport",
    "LegloadError",
    "LogImport",
    "ModelDomainError",
    "MuscleLoad",
    "ReadError",
    "Report",
    "SessionAnalysis",
    "StoreError",
    "StreamError",
    "StrengthImport",
    "__version__",
    "analyse",
    "import_paths",
    "list_activities",
    "read_activities",
    "read_activity",
    "report",
]


__getattr__ = lazy_names(__name__, _HOMES, globals())


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
