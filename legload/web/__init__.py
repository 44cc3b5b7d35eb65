"""``legload serve``: the local web app (FastAPI + Jinja2). Pages are drawn on the server from
the report's templates and work without JavaScript; :func:`create_app` builds the app over one
database, :class:`Settings` says how. An interface beside the CLI: may import :mod:`legload.api`,
:mod:`legload.render` and everything below; it reads and writes the database only through
:mod:`legload.store`'s functions (accounts in :mod:`legload.store.accounts`)."""

from legload.web.app import Settings, create_app

__all__ = ["Settings", "create_app"]
