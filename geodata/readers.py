"""One small parse function per dataset file, from records to domain values."""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import shapely
from shapely.errors import ShapelyError
from shapely.geometry import LineString, MultiPolygon, Polygon, shape

from geodata.problems import ProblemLog
from geodata.reading import Record, csv_records, each, geojson_features, index
from geodata.records import (
    EVENT_DIRECTIONS,
    EVENT_KINDS,
    EVENT_MODES,
    LENGTH_BASES,
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
from geodata.schema import BASES, COLUMNS

__all__ = [
    "read_countries",
    "read_crossings",
    "read_places",
    "read_references",
    "read_roads",
    "read_sources",
    "read_speeds",
    "read_status",
]

WHAT = "dataset file"


def _lonlat(record: Record) -> tuple[float, float]:
    return record.number("lon", low=-180, high=180), record.number("lat", low=-90, high=90)


def read_sources(path: Path, log: ProblemLog) -> dict[str, Source]:
    """Read ``sources.csv``."""

    def parse(record: Record) -> tuple[Record, Source]:
        url = record.text("url")
        if not url.startswith(("http://", "https://")):
            raise record.bad("url", f"is {url!r}; give the public http(s) address of the document")
        # A web page often shows no date: an empty date means "not dated".
        date = record.text("date", required=False)
        return record, Source(
            record.text("id"), record.text("title"), record.text("publisher"), date, url
        )

    rows = csv_records(path, COLUMNS["sources"], what=WHAT, log=log)
    return index(each(rows, parse, log), lambda s: s.id, log)


def read_places(path: Path, sources: Mapping[str, Source], log: ProblemLog) -> dict[str, Place]:
    """Read ``places.csv``."""

    def parse(record: Record) -> tuple[Record, Place]:
        aliases = (a.strip() for a in record.text("aliases", required=False).split("|"))
        lon, lat = _lonlat(record)
        return record, Place(
            id=record.text("id"),
            name=record.text("name"),
            name_ar=record.text("name_ar", required=False),
            aliases=tuple(a for a in aliases if a),
            country=record.country("country"),
            kind=record.choice("kind", PLACE_KINDS),
            lon=lon,
            lat=lat,
            source=record.reference("source", sources, "source"),
            note=record.text("note", required=False),
        )

    rows = csv_records(path, COLUMNS["places"], what=WHAT, log=log)
    return index(each(rows, parse, log), lambda p: p.id, log)


def _modes(record: Record) -> tuple[Mode, ...]:
    modes: list[Mode] = []
    for value in record.text("modes").split("|"):
        mode = next((m for m in MODES if m == value.strip()), None)
        if mode is None:
            raise record.bad("modes", f"has {value!r}; use freight, passenger or freight|passenger")
        modes.append(mode)
    return tuple(dict.fromkeys(modes))


def read_crossings(
    path: Path, sources: Mapping[str, Source], log: ProblemLog
) -> dict[str, Crossing]:
    """Read ``crossings.csv``."""

    def parse(record: Record) -> tuple[Record, Crossing]:
        lon, lat = _lonlat(record)
        country_a, country_b = record.country("country_a"), record.country("country_b")
        if country_a == country_b:
            raise record.bad("country_b", f"equals country_a ({country_a}); a crossing joins two")
        return record, Crossing(
            id=record.text("id"),
            name=record.text("name"),
            country_a=country_a,
            name_a=record.text("name_a"),
            country_b=country_b,
            name_b=record.text("name_b"),
            modes=_modes(record),
            delay_freight_h=record.number("delay_freight_h", low=0, high=240),
            delay_passenger_h=record.number("delay_passenger_h", low=0, high=240),
            lon=lon,
            lat=lat,
            source=record.reference("source", sources, "source"),
            note=record.text("note", required=False),
        )

    rows = csv_records(path, COLUMNS["crossings"], what=WHAT, log=log)
    return index(each(rows, parse, log), lambda c: c.id, log)


def read_status(
    path: Path,
    crossings: Mapping[str, Crossing],
    sources: Mapping[str, Source],
    log: ProblemLog,
    *,
    what: str = WHAT,
) -> list[StatusEvent]:
    """Read a status events file (the dataset's ``status.csv`` or a user's overlay), in order."""

    def parse(record: Record) -> StatusEvent:
        source = record.text("source")
        if source not in sources and not source.startswith(("http://", "https://")):
            raise record.bad("source", f"is {source!r}; give a source id or an http(s) URL")
        return StatusEvent(
            crossing=record.reference("crossing", crossings, "crossing"),
            date=record.date("date"),
            status=record.choice("status", STATUSES),
            mode=record.choice("mode", EVENT_MODES),
            direction=record.choice("direction", EVENT_DIRECTIONS),
            precision=record.choice("precision", PRECISIONS),
            note=record.text("note", required=False),
            source=source,
            kind=record.choice("kind", EVENT_KINDS)
            if record.text("kind", required=False)
            else "change",
        )

    return list(each(csv_records(path, COLUMNS["status"], what=what, log=log), parse, log))


def _positions(record: Record, coordinates: Any) -> list[tuple[float, float]]:
    if not isinstance(coordinates, list):
        raise record.bad("geometry", "has no list of coordinates; draw it again")
    points = []
    for number, point in enumerate(coordinates, start=1):
        numeric = isinstance(point, list) and 2 <= len(point) <= 3
        numeric = numeric and all(type(v) in (int, float) for v in point)
        if not numeric:
            raise record.bad("geometry", f"point {number} is not [lon, lat]; draw it again")
        lon, lat = float(point[0]), float(point[1])
        if not (math.isfinite(lon) and math.isfinite(lat) and abs(lon) <= 180 and abs(lat) <= 90):
            raise record.bad("geometry", f"point {number} ({lon}, {lat}) is not a lon/lat position")
        points.append((lon, lat))
    return points


def _line(record: Record, geometry: Any) -> LineString:
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind != "LineString":
        found = f"a {kind}" if isinstance(kind, str) else "missing"
        raise record.bad("geometry", f"is {found!s:.40}; draw the road as a LineString")
    points = _positions(record, geometry.get("coordinates"))
    if len(set(points)) < 2:
        raise record.bad("geometry", "has fewer than two distinct points; draw the whole road")
    return LineString(points)


def _oneway(record: Record) -> bool:
    value = record.text("oneway", required=False).lower()
    if value not in ("", "true", "false"):
        raise record.bad("oneway", f"is {value!r}; use true (drive from 'from' to 'to') or false")
    return value == "true"


def read_roads(
    path: Path,
    nodes: Mapping[str, Place | Crossing],
    sources: Mapping[str, Source],
    log: ProblemLog,
) -> dict[str, Road]:
    """Read ``roads.geojson``: a FeatureCollection of LineStrings with road properties.

    ``oneway`` (JSON ``true``) means the road is driven only from ``from`` to ``to``.
    """

    def parse(item: tuple[Record, Any]) -> tuple[Record, Road]:
        record, geometry = item
        speed = record.text("speed_kph", required=False)
        length = record.text("length_km", required=False)
        gap = record.text("sourced_gap_km", required=False)
        return record, Road(
            id=record.text("id"),
            ref=record.text("ref", required=False),
            name=record.text("name", required=False),
            road_class=record.choice("class", ROAD_CLASSES),
            start=record.reference("from", nodes, "place or crossing"),
            end=record.reference("to", nodes, "place or crossing"),
            speed_kph=record.number("speed_kph", low=5, high=140) if speed else None,
            source=record.reference("source", sources, "source"),
            geometry=_line(record, geometry),
            length_km=record.number("length_km", low=0.01, high=5000) if length else None,
            length_source=record.reference("length_source", sources, "source") if length else "",
            length_basis=record.choice("length_basis", LENGTH_BASES) if length else "geometry",
            sourced_gap_km=record.number("sourced_gap_km", low=0, high=5000) if gap else None,
            oneway=_oneway(record),
            name_ar=record.text("name_ar", required=False),
        )

    features = geojson_features(path, id_field="id", what=WHAT, log=log)
    return index(each(features, parse, log), lambda r: r.id, log)


def _outline(record: Record, geometry: Any) -> Polygon | MultiPolygon:
    try:
        outline = shape(geometry)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, ShapelyError):
        raise record.bad("geometry", "is missing or invalid; draw it as a Polygon") from None
    if not isinstance(outline, Polygon | MultiPolygon) or outline.is_empty:
        raise record.bad("geometry", f"is a {outline.geom_type}; draw it as a Polygon")
    if not bool(shapely.get_coordinates(outline).size) or not all(
        math.isfinite(v) for v in shapely.get_coordinates(outline).ravel()
    ):
        raise record.bad("geometry", "has coordinates that are not finite numbers")
    return outline


def read_countries(
    path: Path, sources: Mapping[str, Source], log: ProblemLog
) -> dict[str, Country]:
    """Read the optional ``countries.geojson`` (outlines keyed by ISO2); absent means none."""
    if not path.exists():
        return {}

    def parse(item: tuple[Record, Any]) -> tuple[Record, Country]:
        record, geometry = item
        return record, Country(
            record.country("iso2"),
            record.text("name"),
            record.text("name_ar", required=False),
            _outline(record, geometry),
            record.reference("source", sources, "source"),
        )

    features = geojson_features(path, id_field="iso2", what=WHAT, log=log)
    return index(each(features, parse, log), lambda c: c.iso2, log)


def read_references(
    path: Path,
    nodes: Mapping[str, Place | Crossing],
    sources: Mapping[str, Source],
    log: ProblemLog,
) -> list[ReferenceDistance]:
    """Read the optional ``reference_distances.csv``; absent means none."""
    if not path.exists():
        return []

    def parse(record: Record) -> ReferenceDistance:
        return ReferenceDistance(
            origin=record.reference("origin", nodes, "place or crossing"),
            destination=record.reference("destination", nodes, "place or crossing"),
            road_km=record.number("road_km", low=0.1, high=5000),
            basis=record.choice("basis", BASES),
            note=record.text("route_note", required=False),
            source=record.reference("source", sources, "source"),
        )

    return list(each(csv_records(path, COLUMNS["references"], what=WHAT, log=log), parse, log))


def read_speeds(
    path: Path, sources: Mapping[str, Source], log: ProblemLog
) -> dict[tuple[str, str], tuple[float, float]]:
    """Read the optional ``speeds.csv`` (typical speeds by country and road class)."""
    if not path.exists():
        return {}

    def parse(record: Record) -> tuple[Record, tuple[str, str, float, float]]:
        record.reference("source", sources, "source")
        return record, (
            record.country("country"),
            record.choice("class", ROAD_CLASSES),
            record.number("speed_kph", low=5, high=140),
            record.number("freight_kph", low=5, high=140),
        )

    rows = csv_records(path, COLUMNS["speeds"], what=WHAT, log=log)
    speeds = index(each(rows, parse, log), lambda s: f"{s[0]} {s[1]}", log)
    return {(c, k): (car, truck) for c, k, car, truck in speeds.values()}
