"""Read a dataset directory (CSV and GeoJSON files) into domain records.

Every problem is reported as a :class:`DataError` that names the file, the record and the
field, so that a person editing the files can find and fix it.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from shapely.geometry import LineString, MultiPolygon, Polygon, shape
from shapely.geometry.base import BaseGeometry

from geodata.records import (
    EVENT_DIRECTIONS,
    EVENT_MODES,
    MODES,
    PLACE_KINDS,
    PRECISIONS,
    ROAD_CLASSES,
    STATUSES,
    Country,
    Crossing,
    Mode,
    Place,
    ReferenceDistance,
    Road,
    Source,
    StatusEvent,
)

S = TypeVar("S")
T = TypeVar("T")

FILES = {
    "sources": "sources.csv",
    "places": "places.csv",
    "crossings": "crossings.csv",
    "status": "status.csv",
    "roads": "roads.geojson",
    "countries": "countries.geojson",
    "references": "reference_distances.csv",
    "speeds": "speeds.csv",
}
# Optional files: country outlines sharpen validation and draw the map's background;
# reference distances let the road geometry be checked against published figures.
OPTIONAL_FILES = ("countries", "references", "speeds")
BASES = ("road", "other-road", "unspecified")
COLUMNS = {
    "sources": ("id", "title", "publisher", "date", "url"),
    "places": ("id", "name", "name_ar", "aliases", "country", "kind", "lon", "lat", "source"),
    "crossings": (
        "id",
        "name",
        "country_a",
        "name_a",
        "country_b",
        "name_b",
        "modes",
        "delay_freight_h",
        "delay_passenger_h",
        "lon",
        "lat",
        "source",
    ),
    "status": ("crossing", "date", "status", "mode", "direction", "precision", "note", "source"),
    "roads": ("id", "ref", "name", "class", "from", "to", "source"),
}


class DataError(ValueError):
    """A dataset file is missing, malformed or inconsistent."""


# While validating, record problems are collected instead of raised (see collecting_errors).
_COLLECTED: ContextVar[list[DataError] | None] = ContextVar("corridor_data_errors", default=None)


@contextmanager
def collecting_errors() -> Iterator[list[DataError]]:
    """Collect every bad record while loading instead of stopping at the first.

    Bad records are left out of the dataset; a missing file or column still raises.
    """
    errors: list[DataError] = []
    token = _COLLECTED.set(errors)
    try:
        yield errors
    finally:
        _COLLECTED.reset(token)


def _report(error: DataError) -> None:
    errors = _COLLECTED.get()
    if errors is None:
        raise error
    errors.append(error)


def _each(items: Iterable[S], parse: Callable[[S], T]) -> Iterator[T]:
    """Parse items one by one; a bad one is raised, or collected and skipped."""
    for item in items:
        try:
            yield parse(item)
        except DataError as exc:
            _report(exc)


@dataclass(frozen=True)
class Dataset:
    """Everything known on the ground: places, crossings, status events, roads and sources."""

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
    status_files: tuple[Path, ...] = field(default=())

    def node_country(self, node: str) -> str | None:
        """Return the country of a place or junction, or ``None`` for a crossing."""
        place = self.places.get(node)
        return place.country if place else None

    def node_lonlat(self, node: str) -> tuple[float, float]:
        """Return the (lon, lat) of a place or crossing id."""
        record: Place | Crossing = self.places.get(node) or self.crossings[node]
        return record.lon, record.lat


def bundled_data_dir() -> Path:
    """Return the directory of the dataset shipped with the package."""
    return Path(str(resources.files("geodata") / "data"))


@dataclass(frozen=True)
class _Row:
    """One CSV record with enough context to say where a bad value is."""

    file: Path
    line: int
    values: Mapping[str, str]

    def where(self) -> str:
        key = self.values.get("id") or self.values.get("crossing") or ""
        record = f" (id {key!r})" if key else ""
        return f"{self.file}: line {self.line}{record}"

    def error(self, name: str, problem: str) -> DataError:
        return DataError(f"{self.where()}: field '{name}' {problem}")

    def text(self, name: str, *, required: bool = True) -> str:
        value = (self.values.get(name) or "").strip()
        if required and not value:
            raise self.error(name, "is empty; fill it in")
        return value

    def choice(self, name: str, allowed: Sequence[T]) -> T:
        value = self.text(name)
        for option in allowed:
            if value == option:
                return option
        raise self.error(name, f"is {value!r}; use one of {', '.join(map(str, allowed))}")

    def number(self, name: str, *, low: float, high: float, required: bool = True) -> float:
        value = self.text(name, required=required)
        try:
            number = float(value)
        except ValueError:
            raise self.error(name, f"must be a number, got {value!r}") from None
        if not low <= number <= high:
            raise self.error(name, f"is {number}, outside {low}..{high}")
        return number

    def date(self, name: str) -> dt.date:
        value = self.text(name)
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise self.error(name, f"is {value!r}; write dates as YYYY-MM-DD") from None

    def country(self, name: str) -> str:
        value = self.text(name)
        if len(value) != 2 or not value.isalpha() or not value.isupper():
            raise self.error(name, f"is {value!r}; use an ISO 3166-1 alpha-2 code such as SY")
        return value


def _missing(path: Path) -> str:
    needed = ", ".join(name for key, name in FILES.items() if key not in OPTIONAL_FILES)
    return f"{path}: file not found; a dataset directory needs {needed}"


def _read_csv(path: Path, columns: Sequence[str]) -> Iterator[_Row]:
    if not path.is_file():
        raise DataError(_missing(path))
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or ())]
        if missing:
            msg = f"{path}: line 1: missing column(s) {', '.join(missing)}; see README: data format"
            raise DataError(msg)
        for values in reader:
            if None in values:
                msg = f"{path}: line {reader.line_num}: more fields than columns; quote commas"
                raise DataError(msg)
            yield _Row(path, reader.line_num, values)


def _index(records: Iterable[tuple[_Row, T]], key: Callable[[T], str]) -> dict[str, T]:
    index: dict[str, T] = {}
    for row, record in records:
        if key(record) in index:
            _report(row.error("id", f"repeats {key(record)!r}; ids must be unique"))
            continue
        index[key(record)] = record
    return index


def _with_row(parse: Callable[[_Row], T]) -> Callable[[_Row], tuple[_Row, T]]:
    return lambda row: (row, parse(row))


def _check_ref(row: _Row, name: str, value: str, known: Mapping[str, Any], what: str) -> None:
    if value not in known:
        raise row.error(name, f"refers to unknown {what} {value!r}; add it or fix the id")


def _lonlat(row: _Row) -> tuple[float, float]:
    return row.number("lon", low=-180, high=180), row.number("lat", low=-90, high=90)


def read_sources(path: Path) -> dict[str, Source]:
    """Read ``sources.csv``."""

    def parse(row: _Row) -> Source:
        url = row.text("url")
        if not url.startswith(("http://", "https://")):
            raise row.error("url", f"is {url!r}; give the public http(s) address of the document")
        # A web page often shows no date: an empty date means "not dated".
        return Source(
            row.text("id"),
            row.text("title"),
            row.text("publisher"),
            row.text("date", required=False),
            url,
        )

    return _index(_each(_read_csv(path, COLUMNS["sources"]), _with_row(parse)), lambda s: s.id)


def read_places(path: Path, sources: Mapping[str, Source]) -> dict[str, Place]:
    """Read ``places.csv``."""

    def parse(row: _Row) -> Place:
        _check_ref(row, "source", row.text("source"), sources, "source")
        aliases = tuple(a.strip() for a in row.text("aliases", required=False).split("|"))
        lon, lat = _lonlat(row)
        return Place(
            id=row.text("id"),
            name=row.text("name"),
            name_ar=row.text("name_ar", required=False),
            aliases=tuple(a for a in aliases if a),
            country=row.country("country"),
            kind=row.choice("kind", PLACE_KINDS),
            lon=lon,
            lat=lat,
            source=row.text("source"),
            note=row.text("note", required=False),
        )

    return _index(_each(_read_csv(path, COLUMNS["places"]), _with_row(parse)), lambda p: p.id)


def read_crossings(path: Path, sources: Mapping[str, Source]) -> dict[str, Crossing]:
    """Read ``crossings.csv``."""

    def parse(row: _Row) -> Crossing:
        _check_ref(row, "source", row.text("source"), sources, "source")
        modes: list[Mode] = []
        for value in row.text("modes").split("|"):
            if value.strip() not in MODES:
                raise row.error(
                    "modes", f"has {value!r}; use freight, passenger or freight|passenger"
                )
            modes.extend(m for m in MODES if m == value.strip())
        delays: dict[Mode, float] = {
            "freight": row.number("delay_freight_h", low=0, high=240),
            "passenger": row.number("delay_passenger_h", low=0, high=240),
        }
        lon, lat = _lonlat(row)
        country_a, country_b = row.country("country_a"), row.country("country_b")
        if country_a == country_b:
            raise row.error("country_b", f"equals country_a ({country_a}); a crossing joins two")
        return Crossing(
            id=row.text("id"),
            name=row.text("name"),
            country_a=country_a,
            name_a=row.text("name_a"),
            country_b=country_b,
            name_b=row.text("name_b"),
            modes=tuple(modes),
            delay_h=delays,
            lon=lon,
            lat=lat,
            source=row.text("source"),
            note=row.text("note", required=False),
        )

    return _index(_each(_read_csv(path, COLUMNS["crossings"]), _with_row(parse)), lambda c: c.id)


def read_status(
    path: Path, crossings: Mapping[str, Crossing], sources: Mapping[str, Source]
) -> list[StatusEvent]:
    """Read a status events file (the bundled ``status.csv`` or a user's overlay)."""

    def parse(row: _Row) -> StatusEvent:
        _check_ref(row, "crossing", row.text("crossing"), crossings, "crossing")
        source = row.text("source")
        if source not in sources and not source.startswith(("http://", "https://")):
            raise row.error("source", f"is {source!r}; give a source id or an http(s) URL")
        return StatusEvent(
            crossing=row.text("crossing"),
            date=row.date("date"),
            status=row.choice("status", STATUSES),
            mode=row.choice("mode", EVENT_MODES),
            direction=row.choice("direction", EVENT_DIRECTIONS),
            precision=row.choice("precision", PRECISIONS),
            note=row.text("note", required=False),
            source=source,
        )

    return list(_each(_read_csv(path, COLUMNS["status"]), parse))


def _features(path: Path, *, id_field: str) -> Iterator[tuple[_Row, Any]]:
    """Yield each GeoJSON feature as a row of its properties, and its geometry (or None).

    GeoJSON has no lines: a row's "line" is the feature's position in the collection.
    """
    try:
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        msg = f"{path}: not a GeoJSON FeatureCollection ({exc}); export it again from your GIS"
        raise DataError(msg) from None
    for number, feature in enumerate(features, start=1):
        props = {
            k: "" if v is None else str(v) for k, v in (feature.get("properties") or {}).items()
        }
        yield _Row(path, number, {"id": props.get(id_field, ""), **props}), feature.get("geometry")


def _geometry(row: _Row, geometry: Any, kinds: tuple[type, ...], what: str) -> Any:
    try:
        shaped: BaseGeometry = shape(geometry)
    except (KeyError, TypeError, ValueError, AttributeError):
        raise row.error("geometry", f"is missing or invalid; draw it as a {what}") from None
    if shaped.is_empty or not isinstance(shaped, kinds):
        raise row.error("geometry", f"is a {shaped.geom_type}; draw it as a {what}")
    return shaped


def read_roads(
    path: Path, nodes: Mapping[str, Place | Crossing], sources: Mapping[str, Source]
) -> dict[str, Road]:
    """Read ``roads.geojson``: a FeatureCollection of LineStrings with road properties."""
    if not path.is_file():
        raise DataError(_missing(path))

    def parse(item: tuple[_Row, Any]) -> tuple[_Row, Road]:
        row, geometry = item
        for name in COLUMNS["roads"]:
            row.text(name, required=name not in ("ref", "name"))
        line = _geometry(row, geometry, (LineString,), "LineString")
        for end in ("from", "to"):
            _check_ref(row, end, row.text(end), nodes, "place or crossing")
        _check_ref(row, "source", row.text("source"), sources, "source")
        speed = row.text("speed_kph", required=False)
        return row, Road(
            id=row.text("id"),
            ref=row.text("ref", required=False),
            name=row.text("name", required=False),
            road_class=row.choice("class", ROAD_CLASSES),
            start=row.text("from"),
            end=row.text("to"),
            speed_kph=row.number("speed_kph", low=5, high=140) if speed else None,
            source=row.text("source"),
            geometry=line,
        )

    return _index(_each(_features(path, id_field="id"), parse), lambda r: r.id)


def read_countries(path: Path, sources: Mapping[str, Source]) -> dict[str, Country]:
    """Read the optional ``countries.geojson`` (outlines keyed by ISO2); absent means none."""
    if not path.is_file():
        return {}

    def parse(item: tuple[_Row, Any]) -> tuple[_Row, Country]:
        row, geometry = item
        _check_ref(row, "source", row.text("source"), sources, "source")
        outline = _geometry(row, geometry, (Polygon, MultiPolygon), "Polygon")
        return row, Country(
            row.country("iso2"),
            row.text("name"),
            row.text("name_ar", required=False),
            outline,
            row.text("source"),
        )

    return _index(_each(_features(path, id_field="iso2"), parse), lambda c: c.iso2)


def read_references(
    path: Path, nodes: Mapping[str, Place | Crossing], sources: Mapping[str, Source]
) -> list[ReferenceDistance]:
    """Read the optional ``reference_distances.csv``; absent means none."""
    if not path.is_file():
        return []
    columns = ("origin", "destination", "road_km", "basis", "route_note", "source")

    def parse(row: _Row) -> ReferenceDistance:
        for name in ("origin", "destination"):
            _check_ref(row, name, row.text(name), nodes, "place or crossing")
        _check_ref(row, "source", row.text("source"), sources, "source")
        return ReferenceDistance(
            origin=row.text("origin"),
            destination=row.text("destination"),
            road_km=row.number("road_km", low=0.1, high=5000),
            basis=row.choice("basis", BASES),
            note=row.text("route_note", required=False),
            source=row.text("source"),
        )

    return list(_each(_read_csv(path, columns), parse))


def read_speeds(
    path: Path, sources: Mapping[str, Source]
) -> dict[tuple[str, str], tuple[float, float]]:
    """Read the optional ``speeds.csv`` (typical speeds by country and road class)."""
    if not path.is_file():
        return {}

    def parse(row: _Row) -> tuple[_Row, tuple[str, str, float, float]]:
        _check_ref(row, "source", row.text("source"), sources, "source")
        return row, (
            row.country("country"),
            row.choice("class", ROAD_CLASSES),
            row.number("speed_kph", low=5, high=140),
            row.number("freight_kph", low=5, high=140),
        )

    columns = ("country", "class", "speed_kph", "freight_kph", "source")
    rows = _index(_each(_read_csv(path, columns), parse), lambda s: f"{s[0]} {s[1]}")
    return {(c, k): (car, truck) for c, k, car, truck in rows.values()}


def load_dataset(
    path: str | Path | None = None, *, status_files: Sequence[str | Path] = ()
) -> Dataset:
    """Load a dataset directory, optionally overlaying the user's own status events.

    Parameters
    ----------
    path
        Directory holding ``sources.csv``, ``places.csv``, ``crossings.csv``, ``status.csv``
        and ``roads.geojson``, and optionally ``countries.geojson`` (outlines used by
        validation and maps). Defaults to the bundled dataset.
    status_files
        Extra status event CSV files (same columns as ``status.csv``) whose events are added
        to the dataset's timeline. Their ``source`` may be a source id or a URL.

    Returns
    -------
    Dataset

    Raises
    ------
    DataError
        If a file is missing or a record is malformed; the message names file, record and field.

    """
    root = Path(path) if path is not None else bundled_data_dir()
    if not root.is_dir():
        msg = (
            f"{root}: not a dataset directory; pass --data a folder holding {FILES['places']} etc."
        )
        raise DataError(msg)
    sources = read_sources(root / FILES["sources"])
    places = read_places(root / FILES["places"], sources)
    crossings = read_crossings(root / FILES["crossings"], sources)
    for clash in sorted(set(places) & set(crossings)):
        msg = f"{root / FILES['crossings']}: id {clash!r} is also a place id; make ids unique"
        _report(DataError(msg))
        del crossings[clash]
    events = read_status(root / FILES["status"], crossings, sources)
    overlays = tuple(Path(p) for p in status_files)
    for overlay in overlays:
        events.extend(read_status(overlay, crossings, sources))
    roads = read_roads(root / FILES["roads"], {**places, **crossings}, sources)
    countries = read_countries(root / FILES["countries"], sources)
    references = read_references(root / FILES["references"], {**places, **crossings}, sources)
    speeds = read_speeds(root / FILES["speeds"], sources)
    return Dataset(
        path=root,
        sources=sources,
        places=places,
        crossings=crossings,
        events=tuple(sorted(events, key=lambda e: (e.crossing, e.date))),
        roads=roads,
        countries=countries,
        references=tuple(references),
        speeds=speeds,
        status_files=overlays,
    )
