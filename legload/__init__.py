"""legload: will running make my legs muscular? Per-muscle load from your own data.

The public surface is what ``__all__`` lists (a test pins it); everything else may change.
This module only re-exports names from :mod:`legload.api`, :mod:`legload.core` and
:mod:`legload.errors`; it may import any layer.
"""

from legload.api import ImportReport, import_paths, list_activities, read_activities, read_activity
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
    "ImportReport",
    "LegloadError",
    "ModelDomainError",
    "ReadError",
    "StoreError",
    "StreamError",
    "__version__",
    "import_paths",
    "list_activities",
    "read_activities",
    "read_activity",
]
