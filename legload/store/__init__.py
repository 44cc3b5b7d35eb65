"""The embedded SQLite store: the only part of legload that writes SQL.

:class:`Store` opens (creating and migrating) the database; :func:`default_db_path` is
where it lives unless ``--db`` or ``$LEGLOAD_DB`` says otherwise; :func:`prepare_activity`
encodes an activity for :meth:`Store.add_file` ahead of the write (in another process, say).
Persists core types and analysis results as plain data: may import only :mod:`legload.core`
and :mod:`legload.errors`. The names load on first use (PEP 562), so that a module that needs
only the database's path (the command line's help) does not load the whole store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from legload.core.lazy import lazy_names

#: where each name lives
_HOMES = {
    "DatabaseUnusable": "legload.store.transaction",
    "PreparedActivity": "legload.store.db",
    "Store": "legload.store.db",
    "default_db_path": "legload.store.paths",
    "existing_db": "legload.store.paths",
    "prepare_activity": "legload.store.db",
}

if TYPE_CHECKING:
    from legload.store.db import PreparedActivity, Store, prepare_activity
    from legload.store.paths import default_db_path, existing_db
    from legload.store.transaction import DatabaseUnusable

__all__ = ["DatabaseUnusable", "PreparedActivity", "Store", "default_db_path", "existing_db",
           "prepare_activity"]


__getattr__ = lazy_names(__name__, _HOMES, globals())
