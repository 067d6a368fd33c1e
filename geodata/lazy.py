"""Package attributes loaded on first use, so importing a package costs only what is used.

A command answered from the cache needs a handful of modules; importing ``geodata`` or
``corridor`` for one name must not load readers, validators and writers it never calls.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(package: str, homes: Mapping[str, str]) -> Callable[[str], Any]:
    """Return a module ``__getattr__`` that imports each name from its home module on first use.

    Parameters
    ----------
    package
        The package's ``__name__``, for the error of an unknown name.
    homes
        Exported name -> the module that defines it.

    Examples
    --------
    >>> getattr_ = lazy_exports("pkg", {"sqrt": "math"})
    >>> getattr_("sqrt")(9.0)
    3.0

    """

    def attribute(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            msg = f"module {package!r} has no attribute {name!r}"
            raise AttributeError(msg)
        return getattr(importlib.import_module(home), name)

    return attribute
