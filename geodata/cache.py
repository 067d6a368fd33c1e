"""Where corridor keeps what it derived from a dataset, keyed by the content it came from.

The cache lives in ``$CORRIDOR_CACHE_DIR``, else ``$XDG_CACHE_HOME/corridor``, else
``~/.cache/corridor``. Keys are hashes of file contents (never of names or dates), so an edited
file is never answered from the cache, and a copied dataset shares its entries.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

__all__ = ["cache_dir", "content_key"]


def cache_dir() -> Path:
    """Return the cache directory (not created)."""
    explicit = os.environ.get("CORRIDOR_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "corridor"


def content_key(files: Iterable[Path], *, salt: str = "") -> str:
    """Return a hash of the files' names and contents, in order, and of ``salt``."""
    digest = hashlib.blake2b(salt.encode("utf-8"), digest_size=20)
    for path in files:
        digest.update(path.name.encode("utf-8") + b"\0")
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        digest.update(b"\0")
    return digest.hexdigest()
