"""Cache keys: hashes of a dataset's content and of the code that reads and checks it.

The code is hashed from its files, found without importing them: a command answered from the
cache never loads the readers and checks it keys on.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from geodata.cache import content_key
from geodata.dataset import bundled_data_dir
from geodata.schema import FILES

__all__ = ["CHECKS", "checks_version", "code_key", "dataset_key"]

# A change to the checks, the readers or the records makes every earlier result stale.
CHECKS = (
    "geodata.validate",
    "geodata.roadchecks",
    "geodata.readers",
    "geodata.reading",
    "geodata.records",
    "geodata.geodesy",
    "geodata.dataset",
    "geodata.directory",
    "geodata.parquet",
    "geodata.tables",
)


@cache
def code_key(*modules: str) -> str:
    """Return a hash of the source files of the named modules (without importing them)."""
    files = []
    for name in modules:
        spec = find_spec(name)
        if spec is None or spec.origin is None:
            msg = f"no source file for module {name!r}"
            raise ValueError(msg)
        files.append(Path(spec.origin))
    return content_key(files)


def checks_version() -> str:
    """Return the hash of the code that reads and checks a dataset."""
    return code_key(*CHECKS)


def dataset_key(
    path: str | Path | None = None, *, status_files: Sequence[str | Path] = (), salt: str = ""
) -> str | None:
    """Return the cache key of a dataset directory with its overlays, or ``None`` if unreadable.

    It hashes every dataset file and overlay, where they are (an output guard needs this run's
    paths), the code that reads and checks them, and ``salt`` (what a caller builds from them).
    """
    root = Path(path) if path is not None else bundled_data_dir()
    overlays = [Path(s) for s in status_files]
    files = [root / name for name in FILES.values() if (root / name).is_file()] + overlays
    where = [str(p.resolve()) for p in (root, *overlays)]
    try:
        return content_key(files, salt="|".join([checks_version(), salt, *where]))
    except OSError:
        return None  # reading it will say what is wrong
