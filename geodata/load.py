"""Load a dataset through the same checks as ``corridor validate``: nothing unchecked is routed.

Reading and the cheap record checks run on every load. The network checks (connectivity, the
country outlines) run when the dataset's content is new to this machine; a pass is remembered
in the cache under a hash of the content and of the checking code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from geodata import validate
from geodata.cache import cache_dir, content_key, fetch, store
from geodata.dataset import Dataset, bundled_data_dir, dataset_error
from geodata.directory import read_dataset
from geodata.errors import DataError
from geodata.keys import checks_version, dataset_key
from geodata.problems import Problem, ProblemLog

__all__ = ["check_dataset", "inspect_dataset", "load_dataset"]


def _passed_marker(dataset: Dataset) -> Path:
    return cache_dir() / "validated" / content_key(dataset.files, salt=checks_version())


def load_dataset(
    path: str | Path | None = None,
    *,
    status_files: Sequence[str | Path] = (),
    use_cache: bool = True,
) -> Dataset:
    """Load a dataset directory, optionally overlaying the user's own status events.

    Parameters
    ----------
    path
        Directory holding ``sources.csv``, ``places.csv``, ``crossings.csv``, ``status.csv``
        and ``roads.geojson``, and optionally ``countries.geojson``,
        ``reference_distances.csv`` and ``speeds.csv``. Defaults to the bundled dataset.
    status_files
        Extra status event CSV files (same columns as ``status.csv``) whose events are added
        to the dataset's timeline. Their ``source`` may be a source id or a URL.
    use_cache
        Answer from the cache when this exact content (files, overlays, where they are) was
        loaded before, and skip the network checks when it passed them before.

    Returns
    -------
    Dataset
        A dataset that passes every check of :func:`geodata.validate.validate`.

    Raises
    ------
    DataError
        If a file is missing or malformed, or the dataset fails a check. The message names the
        first problem (file, record, field) and how to fix it; ``problems`` lists them all.

    """
    root = Path(path) if path is not None else bundled_data_dir()
    key = dataset_key(root, status_files=status_files) if use_cache else None
    cached = fetch("datasets", key) if key else None
    # A dataset that passed stays sound as days go by, unless it holds an event from the future.
    if isinstance(cached, Dataset) and all(e.date <= dt.date.today() for e in cached.events):
        return cached
    log = ProblemLog()
    try:
        dataset = read_dataset(root, status_files=status_files, log=log)
    except DataError as exc:
        raise dataset_error(root, [*exc.problems, *log.problems]) from None
    log.extend(validate.record_checks(dataset))
    if not log.problems:
        marker = _passed_marker(dataset) if use_cache else None
        if marker is None or not marker.exists():
            log.extend(validate.network_checks(dataset))
            if not log.problems and marker is not None:
                _remember(marker)
    if log.problems:
        raise dataset_error(root, log.problems)
    if key:
        store("datasets", key, dataset)
    return dataset


def _remember(marker: Path) -> None:
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError:
        pass  # a read-only cache only means the checks run again next time


def check_dataset(path: Path, *, use_cache: bool = True) -> Dataset:
    """Read a freshly written dataset and run every check; remember the pass by its content.

    Raises
    ------
    DataError
        If it fails a check (the first problem and its fix).

    """
    dataset, problems = inspect_dataset(path)
    if problems or dataset is None:
        raise dataset_error(path, problems)
    if use_cache:
        _remember(_passed_marker(dataset))
    return dataset


def inspect_dataset(
    path: str | Path | None = None, *, status_files: Sequence[str | Path] = ()
) -> tuple[Dataset | None, list[Problem]]:
    """Read a dataset and run every check; return it (if it could be read) and all problems."""
    log = ProblemLog()
    try:
        dataset = read_dataset(path, status_files=status_files, log=log)
    except DataError as exc:
        return None, [*log.problems, *exc.problems]
    return dataset, [*log.problems, *validate.validate(dataset)]
