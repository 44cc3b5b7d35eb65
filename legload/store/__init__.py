"""The embedded SQLite store: the only part of legload that writes SQL.

:class:`Store` opens (creating and migrating) the database; :func:`default_db_path` is
where it lives unless ``--db`` or ``$LEGLOAD_DB`` says otherwise.
"""

from legload.store.db import Store, default_db_path

__all__ = ["Store", "default_db_path"]
