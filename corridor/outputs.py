"""Where a run writes: never over one of its inputs, always atomically, nothing left on a kill.

Every output goes to a temporary file (or folder) beside its target and is renamed into place,
so a failure, Ctrl-C or SIGTERM leaves either the old file or the new one, never a part. A file
that is replaced keeps its permissions.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from corridor.errors import OutputError
from geodata.schema import IMPORT_REPORT

__all__ = [
    "Output",
    "OutputKind",
    "check_outputs",
    "check_writable",
    "publish_folder",
    "staged_folder",
    "write_atomic",
]

# "dataset": a folder written whole (an import), which may replace only an earlier import.
OutputKind = Literal["html", "png", "gpkg", "folder", "dataset"]
_KIND_NAMES = {
    "html": "an HTML map",
    "png": "a PNG picture",
    "gpkg": "a GeoPackage",
    "folder": "a folder",
    "dataset": "a dataset folder",
}

# What a dataset folder holds: its roads are in roads.geojson, or roads.parquet when imported.
_DATASET_FILES = ("places.csv", "crossings.csv", "status.csv")
_ROAD_FILES = ("roads.geojson", "roads.parquet")


@dataclass(frozen=True)
class Output:
    """One file or folder a run will write, named by the option that asked for it."""

    option: str
    path: Path
    kind: OutputKind


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


def _same(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return a.resolve() == b.resolve()


def _kind_of(path: Path) -> OutputKind | None:
    """Return the kind of an existing file by its first bytes (``None``: something else)."""
    with path.open("rb") as handle:
        head = handle.read(512)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"SQLite format 3\x00"):
        return "gpkg"
    if head.lstrip().lower().startswith((b"<!doctype html", b"<html")):
        return "html"
    return None


def check_outputs(
    outputs: Sequence[Output], *, inputs: Sequence[Path], folders: Sequence[Path]
) -> None:
    """Refuse outputs that would replace an input, land in a dataset, or clash with each other.

    Parameters
    ----------
    outputs
        What the run will write.
    inputs
        Every file the run reads (dataset files, status overlays, pairs and weights files).
    folders
        Dataset folders, inside which nothing may be written.

    Raises
    ------
    OutputError
        Naming the output and what it would replace.

    """
    for n, out in enumerate(outputs):
        for other in outputs[:n]:
            if out.path.resolve() == other.path.resolve():
                msg = (
                    f"{other.option} and {out.option} would both write {out.path}; give each "
                    "its own path"
                )
                raise OutputError(msg)
        for source in inputs:
            if _same(out.path, source):
                msg = (
                    f"{out.option} {out.path} is an input of this run ({source}); choose "
                    "another path"
                )
                raise OutputError(msg)
        for folder in folders:
            if out.path.resolve().is_relative_to(folder.resolve()):
                msg = (
                    f"{out.option} {out.path} lies inside the dataset folder {folder}; write "
                    "outputs elsewhere (e.g. out/)"
                )
                raise OutputError(msg)
        _check_replaced(out)


def _check_replaced(out: Output) -> None:
    if out.kind == "dataset":
        if out.path.is_dir() and any(out.path.iterdir()):
            # An import's report marks the folder as one an import may replace.
            if not (out.path / IMPORT_REPORT).is_file():
                msg = (
                    f"{out.option} {out.path} is a folder that holds other files, not an "
                    "earlier import; give a new or empty folder"
                )
                raise OutputError(msg)
        elif out.path.exists() and not out.path.is_dir():
            msg = f"{out.option} {out.path} is a file; give a folder for the dataset"
            raise OutputError(msg)
        return
    if out.kind == "folder":
        if (
            out.path.is_dir()
            and all((out.path / f).exists() for f in _DATASET_FILES)
            and any((out.path / f).exists() for f in _ROAD_FILES)
        ):
            msg = f"{out.option} {out.path} holds a dataset; export into another folder"
            raise OutputError(msg)
        return
    if not out.path.is_file() or out.path.stat().st_size == 0:
        return
    found = _kind_of(out.path)
    if found != out.kind:
        what = _KIND_NAMES[found] if found else "a file of another kind"
        msg = (
            f"{out.option} {out.path} exists and is {what}, not {_KIND_NAMES[out.kind]}; "
            "delete it first or choose another name"
        )
        raise OutputError(msg)


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: str | Path, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    Raises
    ------
    OutputError
        If the file cannot be written there; the message says how to fix it.

    """
    target = check_writable(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    mode = _mode_for(target)
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        msg = f"cannot write {target}: {exc.strerror}; choose a writable path"
        raise OutputError(msg) from None
    finally:
        # Also on KeyboardInterrupt and on SystemExit from the CLI's SIGTERM handler.
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return target


@contextlib.contextmanager
def staged_folder(target: Path, *, folder: bool = False) -> Iterator[Path]:
    """Yield a hidden scratch folder beside ``target``, removed however the block ends.

    ``folder``: the target is a folder (which may exist), to be replaced by
    :func:`publish_folder`.
    """
    if folder:
        check_writable(target.parent / f".{target.name}")
    else:
        check_writable(target)
    try:
        scratch = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}."))
    except OSError as exc:
        msg = f"cannot write {target}: {exc.strerror}; choose a writable folder"
        raise OutputError(msg) from None
    try:
        yield scratch
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def publish_folder(scratch: Path, target: Path) -> Path:
    """Put the finished ``scratch`` folder at ``target``, replacing what was there, by renames.

    A run that stops in between leaves the old folder or the new one at ``target``, never a mix.

    Raises
    ------
    OutputError
        If a folder cannot be renamed there.

    """
    old = target.parent / f".{target.name}.old-{os.getpid()}"
    try:
        if target.exists():
            os.replace(target, old)
        os.replace(scratch, target)
    except OSError as exc:
        if old.exists() and not target.exists():
            os.replace(old, target)
        msg = f"cannot write {target}: {exc.strerror}; choose a writable folder"
        raise OutputError(msg) from None
    shutil.rmtree(old, ignore_errors=True)
    return target
