"""Names a package re-exports, loaded from their modules on first use (PEP 562), so that
importing the package costs nothing until a name is used."""

from __future__ import annotations

import importlib
from collections.abc import Callable


def lazy_names(package: str, homes: dict[str, str], namespace: dict) -> Callable[[str], object]:
    """The ``__getattr__`` of ``package``: each name of ``homes`` (name → module) imported
    from its module when first asked for, then kept in ``namespace`` (the package's globals)."""

    def __getattr__(name: str) -> object:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home), name)
        namespace[name] = value
        return value

    return __getattr__


__all__ = ["lazy_names"]
