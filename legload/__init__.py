"""legload: will running make my legs muscular? Per-muscle load from your own data.

The public surface is what ``__all__`` lists (a test pins it); everything else may change.
This module only re-exports names from :mod:`legload.api`, :mod:`legload.core`,
:mod:`legload.analysis` (the typed results) and :mod:`legload.errors`; it may import any layer.
Every result's ``to_dict()`` is the matching ``--json`` document of the CLI, described by
``docs/schemas/*.json``.
"""

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
