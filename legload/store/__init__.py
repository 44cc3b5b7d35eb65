"""The embedded SQLite store: the only part of legload that writes SQL.

:class:`Store` opens (creating and migrating) the database; :func:`default_db_path` is
where it lives unless ``--db`` or ``$LEGLOAD_DB`` says otherwise; :func:`prepare_activity`
encodes an activity for :meth:`Store.add_file` ahead of the write (in another process, say).
Persists core types and analysis results as plain data: may import only :mod:`legload.core`
and :mod:`legload.errors`.
"""

from legload.store.db import PreparedActivity, Store, prepare_activity
from legload.store.paths import default_db_path, existing_db
from legload.store.transaction import DatabaseUnusable

__all__ = ["DatabaseUnusable", "PreparedActivity", "Store", "default_db_path", "existing_db",
           "prepare_activity"]
