"""The dataset model: what one dataset directory (plus status overlays) holds."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from geodata.errors import DataError
from geodata.problems import Problem
from geodata.records import (
    Country,
    Crossing,
    Junction,
    Place,
    ReferenceDistance,
    Road,
    Source,
    StatusEvent,
)

__all__ = ["Dataset", "StatusFile", "bundled_data_dir", "dataset_error"]


@dataclass(frozen=True)
class StatusFile:
    """A status events file as written: its events in file order (for timeline checks)."""

    path: Path
    events: tuple[StatusEvent, ...]
    overlay: bool


@dataclass(frozen=True)
class Dataset:
    """Everything known on the ground: places, crossings, status events, roads and sources.

    ``events`` holds every status event (the dataset's and any overlay's) by crossing and
    date; ``status_files`` keeps each file's events as written; ``files`` lists every file
    that was read, so that no output of a run can replace one of them. ``junctions`` are plain
    road nodes (an imported network's, from ``junctions.parquet``): roads may end at them,
    trips never do.
    """

    path: Path
    sources: Mapping[str, Source]
    places: Mapping[str, Place]
    crossings: Mapping[str, Crossing]
    events: tuple[StatusEvent, ...]
    roads: Mapping[str, Road]
    countries: Mapping[str, Country] = field(default_factory=dict)
    references: tuple[ReferenceDistance, ...] = ()
    # (country, road class) -> (car km/h, truck km/h), used where a road has no speed of its own
    speeds: Mapping[tuple[str, str], tuple[float, float]] = field(default_factory=dict)
    status_files: tuple[StatusFile, ...] = ()
    files: tuple[Path, ...] = ()
    junctions: Mapping[str, Junction] = field(default_factory=dict)

    def node_country(self, node: str) -> str | None:
        """Return the country of a place or junction, or ``None`` for a crossing."""
        record = self.places.get(node) or self.junctions.get(node)
        return record.country if record else None

    def node_lonlat(self, node: str) -> tuple[float, float]:
        """Return the (lon, lat) of a place, junction or crossing id."""
        record = self.places.get(node) or self.junctions.get(node) or self.crossings[node]
        return record.lon, record.lat


def bundled_data_dir() -> Path:
    """Return the directory of the dataset shipped with the package."""
    return Path(str(resources.files("geodata") / "data"))


def dataset_error(root: Path, problems: Sequence[Problem]) -> DataError:
    """Return one error for a dataset that fails its checks: the first problem and the fix."""
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    where = "" if root.resolve() == bundled_data_dir().resolve() else f" --data {root}"
    message = (
        f"{problems[0]}{more}; the dataset fails its checks, so nothing is routed on it: "
        f"run 'corridor validate{where}' for the full list"
    )
    return DataError(message, problems)
