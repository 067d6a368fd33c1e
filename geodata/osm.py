"""Read OpenStreetMap extracts (``.osm.pbf``, ``.osm``) into the roads, posts and towns kept.

pyosmium (the Python bindings of libosmium, by the OSM developers) streams both formats in C++
and caches node locations, so each way arrives with its geometry; its filters drop every other
object before Python sees it. Ways arrive as flat arrays (one row per way node), not objects.
Extracts overlap at the borders (Geofabrik cuts each country with a margin): a way or node read
from an earlier file is not read again.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from geodata.errors import DataError
from geodata.records import ROAD_CLASSES, RoadClass

if TYPE_CHECKING:
    from osmium.osm import Node, Way

__all__ = [
    "Extract",
    "ExtractFile",
    "Point",
    "Ways",
    "parse_maxspeed",
    "parse_oneway",
    "read_extracts",
]

INSTALL = "pip install 'corridor[osm]'"
GEOFABRIK = "https://download.geofabrik.de/asia.html"
TOWN_KINDS = ("city", "town")
# libosmium marks a node whose location the file does not hold with this coordinate.
_UNDEFINED = 2147483647
_SPEED = re.compile(r"(\d+(?:\.\d+)?)\s*(km/h|kmh|kph|mph)?")
# OSM implies one-way traffic on these even without an oneway tag (oneway=no lifts it).
_IMPLIED_ONEWAY = ("motorway", "motorway_link")
Ints = npt.NDArray[np.int64]
Texts = npt.NDArray[np.object_]
Numbers = npt.NDArray[np.float64]


def parse_maxspeed(text: str) -> float:
    """Return a ``maxspeed`` tag in km/h, or ``nan`` when it is not a plain speed.

    Examples
    --------
    >>> parse_maxspeed("90"), round(parse_maxspeed("50 mph"), 1), parse_maxspeed("SY:urban")
    (90.0, 80.5, nan)

    """
    found = _SPEED.fullmatch(text.strip())
    if found is None:
        return float("nan")
    speed = float(found.group(1)) * (1.609344 if found.group(2) == "mph" else 1.0)
    return speed if 5 <= speed <= 140 else float("nan")


def parse_oneway(tags: dict[str, str], highway: str) -> int:
    """Return 1 for one-way along the way, -1 against it, 0 for both ways."""
    value = tags.get("oneway", "").strip().lower()
    if value in ("yes", "1", "true"):
        return 1
    if value == "-1":
        return -1
    if value in ("no", "0", "false"):
        return 0
    return int(highway in _IMPLIED_ONEWAY or tags.get("junction") == "roundabout")


@dataclass(frozen=True)
class ExtractFile:
    """One extract read: its path and its replication timestamp (empty when it has none)."""

    path: Path
    timestamp: str


@dataclass(frozen=True)
class Point:
    """A tagged OSM node: a border post or a town, with the tags the import uses."""

    id: int
    lon: float
    lat: float
    tags: dict[str, str]
    file: int

    def name(self) -> str:
        """Return the English name where there is one, else the local name."""
        return self.tags.get("name:en") or self.tags.get("name", "")


@dataclass(frozen=True)
class Ways:
    """The kept ways as columns; way ``i`` has the nodes ``offsets[i]:offsets[i + 1]``.

    A way tagged ``oneway=-1`` is stored reversed, so ``oneway`` always means "as stored".
    """

    id: Ints
    road_class: Texts
    ref: Texts
    name: Texts
    name_ar: Texts
    speed_kph: Numbers
    oneway: npt.NDArray[np.bool_]
    file: Ints
    offsets: Ints
    node: Ints
    lon: Numbers
    lat: Numbers


@dataclass(frozen=True)
class Extract:
    """What the import reads from one or more extracts."""

    files: tuple[ExtractFile, ...]
    ways: Ways
    posts: tuple[Point, ...]
    towns: tuple[Point, ...]


@dataclass
class _Collector:
    """Accumulates ways and points across files (in flat arrays: millions of nodes)."""

    classes: frozenset[str]
    attributes: list[tuple[int, str, str, str, str, float, bool, int]] = field(default_factory=list)
    lengths: array[int] = field(default_factory=lambda: array("q"))
    node: array[int] = field(default_factory=lambda: array("q"))
    x: array[int] = field(default_factory=lambda: array("q"))
    y: array[int] = field(default_factory=lambda: array("q"))
    seen: set[int] = field(default_factory=set)
    points: dict[int, Point] = field(default_factory=dict)

    def way(self, way: Way, file: int) -> None:
        tags = dict(way.tags)
        highway = tags.get("highway", "")
        road_class = highway.removesuffix("_link")
        if road_class not in self.classes or way.id in self.seen:
            return
        self.seen.add(way.id)
        start = len(self.node)
        for ref in way.nodes:
            self.node.append(ref.ref)
            self.x.append(ref.x)
            self.y.append(ref.y)
        direction = parse_oneway(tags, highway)
        if direction < 0:
            for column in (self.node, self.x, self.y):
                column[start:] = column[start:][::-1]
        self.lengths.append(len(self.node) - start)
        name = tags.get("name:en") or tags.get("name", "")
        speed = parse_maxspeed(tags.get("maxspeed", ""))
        self.attributes.append(
            (
                way.id,
                road_class,
                tags.get("ref", ""),
                name,
                tags.get("name:ar", ""),
                speed,
                direction != 0,
                file,
            )
        )

    def point(self, node: Node, file: int) -> None:
        if node.id not in self.points and node.location.valid():
            where = node.location
            self.points[node.id] = Point(node.id, where.lon, where.lat, dict(node.tags), file)


def _read_one(path: Path, number: int, collector: _Collector) -> ExtractFile:
    import osmium

    # The filters run in C++: untagged nodes and other ways never reach Python.
    roads = osmium.filter.KeyFilter("highway")
    roads.enable_for(osmium.osm.WAY)
    wanted = (("barrier", "border_control"), *(("place", kind) for kind in TOWN_KINDS))
    points = osmium.filter.TagFilter(*wanted)
    points.enable_for(osmium.osm.NODE)
    processor = (
        osmium.FileProcessor(str(path), osmium.osm.NODE | osmium.osm.WAY)
        .with_locations()
        .with_filter(roads)
        .with_filter(points)
    )
    for item in processor:
        if isinstance(item, osmium.osm.Way):
            collector.way(item, number)
        elif isinstance(item, osmium.osm.Node):
            collector.point(item, number)
    return ExtractFile(path, processor.header.get("osmosis_replication_timestamp", ""))


def read_extracts(paths: Sequence[Path], *, classes: Sequence[RoadClass]) -> Extract:
    """Read the roads of ``classes`` (and their ``_link`` roads), border posts and towns.

    Raises
    ------
    DataError
        If a file is missing or is not an OSM extract (truncated, corrupt, other XML), if
        pyosmium is not installed, or if no file holds a road of ``classes``.

    """
    try:
        import osmium  # noqa: F401 - only to say how to install it
    except ImportError:
        msg = f"reading OpenStreetMap extracts needs pyosmium; install it: {INSTALL}"
        raise DataError(msg) from None
    collector = _Collector(frozenset(classes))
    files = []
    for number, path in enumerate(paths):
        if not path.is_file():
            msg = (
                f"{path}: file not found; give the path of a .osm.pbf or .osm extract ({GEOFABRIK})"
            )
            raise DataError(msg)
        try:
            files.append(_read_one(path, number, collector))
        except RuntimeError as exc:
            reason = " ".join(str(exc).split())
            msg = (
                f"{path}: cannot be read as an OpenStreetMap extract ({reason}); download it "
                f"again ({GEOFABRIK}) and give a .osm.pbf or .osm file"
            )
            raise DataError(msg) from None
    if not collector.attributes:
        names = ", ".join(str(p) for p in paths)
        msg = (
            f"{names}: no {'/'.join(classes)} road in the extract; is it the right file? "
            f"widen --highways (choices: {','.join(ROAD_CLASSES)})"
        )
        raise DataError(msg)
    points = list(collector.points.values())
    return Extract(
        files=tuple(files),
        ways=_ways(collector),
        posts=tuple(p for p in points if p.tags.get("barrier") == "border_control"),
        towns=tuple(p for p in points if p.tags.get("place") in TOWN_KINDS),
    )


def _ways(collector: _Collector) -> Ways:
    columns = list(zip(*collector.attributes, strict=True))

    def texts(values: tuple[object, ...]) -> npt.NDArray[np.object_]:
        array_ = np.empty(len(values), dtype=object)
        array_[:] = values
        return array_

    x, y = np.frombuffer(collector.x, dtype=np.int64), np.frombuffer(collector.y, dtype=np.int64)
    undefined = (x == _UNDEFINED) | (y == _UNDEFINED)
    return Ways(
        id=np.array(columns[0], dtype=np.int64),
        road_class=texts(columns[1]),
        ref=texts(columns[2]),
        name=texts(columns[3]),
        name_ar=texts(columns[4]),
        speed_kph=np.array(columns[5], dtype=np.float64),
        oneway=np.array(columns[6], dtype=bool),
        file=np.array(columns[7], dtype=np.int64),
        offsets=np.concatenate([[0], np.cumsum(np.frombuffer(collector.lengths, dtype=np.int64))]),
        node=np.frombuffer(collector.node, dtype=np.int64).copy(),
        lon=np.where(undefined, np.nan, x / 1e7),
        lat=np.where(undefined, np.nan, y / 1e7),
    )
