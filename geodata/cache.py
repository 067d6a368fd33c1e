"""Where corridor keeps what it derived from a dataset, keyed by the content it came from.

The cache lives in ``$CORRIDOR_CACHE_DIR``, else ``$XDG_CACHE_HOME/corridor``, else
``~/.cache/corridor``. Keys are hashes of file contents (never of names or dates), so an edited
file is never answered from the cache, and a copied dataset shares its validation.

An entry holds only what corridor built itself (a checked dataset, its road graph, its
overlay), pickled, behind a header with the checksum of its bytes. An entry whose checksum or
header is wrong, or that cannot be read back, is deleted and rebuilt, never used. A cache
folder that another user owns or may write to is not used at all: loading a pickle runs code,
so only the user's own folder is trusted.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from geodata import pickling

__all__ = ["cache_dir", "clear_cache", "content_key", "fetch", "store"]

_MAGIC = b"corridor-cache 2\n"
# Pickles of another Python may not load: each version keeps its own entries.
_PYTHON = f"py{sys.version_info.major}.{sys.version_info.minor}"


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


def _trusted(folder: Path) -> bool:
    """Whether ``folder`` and the cache root above it are the user's own, closed to others."""
    for path in (cache_dir(), folder):
        try:
            info = path.stat()
        except OSError:
            return False
        if info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return False
    return True


def _entry(kind: str, key: str) -> Path:
    return cache_dir() / kind / f"{key}-{_PYTHON}.pickle"


def fetch(kind: str, key: str) -> object | None:
    """Return the object stored under ``kind``/``key``, or ``None`` when there is none to trust."""
    path = _entry(kind, key)
    if not path.is_file() or not _trusted(path.parent):
        return None
    try:
        data = path.read_bytes()
        start = len(_MAGIC)
        digest, payload = data[start : start + 64], data[start + 65 :]
        if data[:start] != _MAGIC or digest != hashlib.sha256(payload).hexdigest().encode():
            raise ValueError(path)
        # Unpickling makes many small objects: with the collector on, that takes ten times longer.
        collecting = gc.isenabled()
        gc.disable()
        try:
            value = pickling.loads(payload)  # our own entry, checksum verified
        finally:
            if collecting:
                gc.enable()
        return value
    except Exception:  # any damage means: rebuild
        with contextlib.suppress(OSError):
            path.unlink()
        return None


def store(kind: str, key: str, value: object) -> None:
    """Keep ``value`` under ``kind``/``key``; a cache that cannot be written is skipped."""
    path = _entry(kind, key)
    try:
        cache_dir().mkdir(mode=0o700, parents=True, exist_ok=True)
        path.parent.mkdir(mode=0o700, exist_ok=True)
        if not _trusted(path.parent):
            return
        payload = pickling.dumps(value)
        data = _MAGIC + hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n" + payload
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except (OSError, pickle.PicklingError, RecursionError):
        pass  # a cache that cannot be written only means the work is done again next time


def clear_cache() -> tuple[int, int]:
    """Remove every cache entry; return how many files and bytes were removed."""
    root = cache_dir()
    count = size = 0
    if not root.is_dir():
        return count, size
    for path in sorted(root.rglob("*"), reverse=True):
        try:
            if path.is_file() or path.is_symlink():
                size += path.lstat().st_size
                path.unlink()
                count += 1
            elif path.is_dir():
                path.rmdir()
        except OSError:
            continue
    return count, size
