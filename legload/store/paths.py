"""Where the database lives: the platform's user data folder unless ``--db`` or
``$LEGLOAD_DB`` says otherwise; read-only commands never create one."""

from __future__ import annotations

import os
from pathlib import Path

from legload.errors import StoreError


def default_db_path() -> Path:
    """``$LEGLOAD_DB`` when set, else ``legload.sqlite`` in the platform's user data folder."""
    override = os.environ.get("LEGLOAD_DB")
    if override:
        return Path(override).expanduser()
    import platformdirs  # only here: a command given --db (or --help) never needs it

    return platformdirs.user_data_path("legload") / "legload.sqlite"


def existing_db(db: str | os.PathLike | None = None) -> Path:
    """The database of a read-only command, or StoreError when there is none (reading never
    creates one: only imports and ``athlete set`` do)."""
    path = Path(db) if db else default_db_path()
    if not path.is_file():
        raise StoreError(f"no database at {path}: import activities first "
                         "(`legload import PATH`), or name one with --db")
    return path


__all__ = ["default_db_path", "existing_db"]
