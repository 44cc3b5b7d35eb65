"""``legload serve``: the local web app (FastAPI + Jinja2). Pages are drawn on the server from
the report's templates and work without JavaScript; :func:`create_app` builds the app over one
database, :class:`Settings` says how."""

from legload.web.app import Settings, create_app

__all__ = ["Settings", "create_app"]
