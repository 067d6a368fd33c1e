"""Write output files atomically, so a failure never leaves a partial file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class OutputError(OSError):
    """An output file cannot be written where the user asked."""


def check_writable(path: str | Path) -> Path:
    """Return ``path`` if a file can be written there, so work is not done for nothing.

    Raises
    ------
    OutputError
        If the folder does not exist, is not writable, or the path is a folder.

    """
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        msg = f"cannot write {target}: folder {folder} does not exist; create it or pick another"
        raise OutputError(msg)
    if target.is_dir():
        msg = (
            f"cannot write {target}: it is a folder; give a file name such as {target / 'map.html'}"
        )
        raise OutputError(msg)
    if not os.access(folder, os.W_OK):
        msg = f"cannot write {target}: folder {folder} is not writable; choose another path"
        raise OutputError(msg)
    return target


def write_atomic(path: str | Path, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    Raises
    ------
    OutputError
        If the file cannot be written there; the message says how to fix it.

    """
    target = check_writable(path)
    folder = target.parent
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        msg = f"cannot write {target}: {exc.strerror}; choose a writable folder"
        raise OutputError(msg) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        msg = f"cannot write {target}: {exc.strerror}; choose a writable path"
        raise OutputError(msg) from None
    return target
