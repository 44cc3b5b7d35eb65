"""legload: will running make my legs muscular? Per-muscle load from your own data.

The public surface is what ``__all__`` lists; everything else may change.
"""

from legload.api import ImportReport, import_paths, list_activities, read_activities, read_activity
from legload.errors import (
    AuthError,
    LegloadError,
    ModelDomainError,
    ReadError,
    StoreError,
    StreamError,
)
from legload.readers.activity import Activity

__version__ = "0.1.0"

__all__ = [
    "Activity",
    "AuthError",
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
