"""Check a loaded dataset for the mistakes that files alone cannot rule out.

Parsing (:mod:`geodata.load`) already rejects malformed values; this module finds problems
between records: roads that miss their nodes or cross a border outside a crossing, places
nobody can reach, coordinates outside the region or with latitude and longitude swapped,
and status timelines out of order or in conflict.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import networkx as nx
import shapely
from pyproj import Transformer
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from geodata.geodesy import great_circle_m
from geodata.load import FILES, Dataset, collecting_errors, read_status
from geodata.records import Crossing, Place

# The study region with a margin: Syria, Iraq, Jordan, Lebanon and Turkey's border provinces.
REGION = (34.5, 29.0, 49.0, 38.5)  # min lon, min lat, max lon, max lat
# A road end further than this from its node does not touch it.
TOUCH_M = 1000.0
# Border checks happen in metres on a local equidistant projection centred on the region.
# 1:10m outlines (Natural Earth) sit up to ~3 km off the surveyed line in the desert, so a
# border post is checked against them with that slack, and places and roads with 1.5 km.
LOCAL_CRS = "+proj=aeqd +lat_0=34 +lon_0=40 +datum=WGS84 +units=m"
BORDER_TOLERANCE_M = 1500.0
POST_TOLERANCE_M = 3000.0
# Near a crossing a road runs up to the border line; that stretch is not checked.
CROSSING_APPROACH_M = 3000.0


@dataclass(frozen=True)
class Problem:
    """One problem, located by file, record and field."""

    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.record}: field '{self.field}': {self.message}"


def _in_region(lon: float, lat: float) -> bool:
    min_lon, min_lat, max_lon, max_lat = REGION
    return min_lon <= lon <= max_lon and min_lat <= lat <= max_lat


def _coordinates(file: str, record: Place | Crossing) -> Iterator[Problem]:
    if _in_region(record.lon, record.lat):
        return
    where = f"id {record.id!r}"
    if _in_region(record.lat, record.lon):
        yield Problem(
            file,
            where,
            "lon",
            f"({record.lon}, {record.lat}) looks like lat, lon "
            "swapped; write longitude in lon and latitude in lat",
        )
    else:
        yield Problem(
            file,
            where,
            "lon",
            f"({record.lon}, {record.lat}) is outside the region {REGION}; check the coordinates",
        )


def _roads(dataset: Dataset) -> Iterator[Problem]:
    file = FILES["roads"]
    for road in dataset.roads.values():
        where = f"id {road.id!r}"
        line = road.geometry
        if not line.is_valid or line.length == 0 or len(set(line.coords)) < 2:
            yield Problem(file, where, "geometry", "is empty or degenerate; draw the road again")
            continue
        for end, coord in (("from", line.coords[0]), ("to", line.coords[-1])):
            node = road.start if end == "from" else road.end
            lon, lat = dataset.node_lonlat(node)
            gap = great_circle_m(coord[0], coord[1], lon, lat)
            if gap > TOUCH_M:
                yield Problem(
                    file,
                    where,
                    "geometry",
                    f"{end} end is {gap / 1000:.1f} km from "
                    f"node {node!r}; snap the line's end to the node",
                )
        for x, y in line.coords:
            if not _in_region(x, y):
                yield Problem(file, where, "geometry", f"vertex ({x}, {y}) is outside the region")
                break
        yield from _border(dataset, road.id, road.start, road.end)


def _border(dataset: Dataset, road: str, start: str, end: str) -> Iterator[Problem]:
    file, where = FILES["roads"], f"id {road!r}"
    ends = [
        dataset.places.get(start) or dataset.crossings[start],
        dataset.places.get(end) or dataset.crossings[end],
    ]
    crossings = [e for e in ends if isinstance(e, Crossing)]
    places = [e for e in ends if isinstance(e, Place)]
    if len(crossings) == 2:
        yield Problem(
            file,
            where,
            "to",
            "joins two crossings; a road section joins a crossing "
            "to a place or junction on one side",
        )
    elif len(crossings) == 1:
        crossing, place = crossings[0], places[0]
        if place.country not in (crossing.country_a, crossing.country_b):
            yield Problem(
                file,
                where,
                "from",
                f"joins crossing {crossing.id!r} "
                f"({crossing.country_a}-{crossing.country_b}) to {place.id!r} in "
                f"{place.country}; it would cross a border outside a crossing",
            )
    elif places[0].country != places[1].country:
        yield Problem(
            file,
            where,
            "to",
            f"joins {places[0].id!r} ({places[0].country}) and "
            f"{places[1].id!r} ({places[1].country}) without a crossing; split it at "
            "the crossing node",
        )


def _connectivity(dataset: Dataset) -> Iterator[Problem]:
    file = FILES["places"]
    graph = nx.Graph()
    graph.add_nodes_from(dataset.places)
    graph.add_nodes_from(dataset.crossings)
    graph.add_edges_from((r.start, r.end) for r in dataset.roads.values())
    capitals = [p.id for p in dataset.places.values() if p.kind == "capital"]
    reached = set().union(*(nx.node_connected_component(graph, c) for c in capitals))
    for place in dataset.places.values():
        if place.id not in reached:
            yield Problem(
                file,
                f"id {place.id!r}",
                "id",
                "is not reachable by road from any "
                "capital, even with every crossing open; add the road that serves it",
            )
    for crossing in dataset.crossings.values():
        countries = {dataset.places[n].country for n in graph[crossing.id] if n in dataset.places}
        if countries != {crossing.country_a, crossing.country_b}:
            missing = {crossing.country_a, crossing.country_b} - countries
            yield Problem(
                FILES["crossings"],
                f"id {crossing.id!r}",
                "id",
                f"has no road on the {', '.join(sorted(missing))} side"
                if missing
                else f"has roads to {sorted(countries)}",
            )


def _timelines(dataset: Dataset) -> Iterator[Problem]:
    file = FILES["status"]
    # Re-read in file order; malformed rows were reported while loading, so skip them here.
    with collecting_errors():
        events = read_status(dataset.path / file, dataset.crossings, dataset.sources)
    last: dict[str, str] = {}
    seen: dict[tuple[str, str, str, str], str] = {}
    for event in events:
        date = event.date.isoformat()
        where = f"crossing {event.crossing!r} on {date}"
        if event.crossing in last and date < last[event.crossing]:
            yield Problem(
                file,
                where,
                "date",
                f"comes after an event dated "
                f"{last[event.crossing]}; keep each crossing's events in date order",
            )
        last[event.crossing] = max(date, last.get(event.crossing, date))
        key = (event.crossing, date, event.mode, event.direction)
        if key in seen and seen[key] != event.status:
            yield Problem(
                file,
                where,
                "status",
                f"conflicts with another {event.mode}/"
                f"{event.direction} event that day ({seen[key]} vs {event.status}); "
                "keep one, or mark the disagreement in a note",
            )
        seen[key] = event.status
        if event.precision != "day" and event.date.day != 1:
            yield Problem(
                file,
                where,
                "date",
                f"has precision {event.precision} but a day of "
                "month; write the 1st of the month (or January 1st for year)",
            )


def _borders(dataset: Dataset) -> Iterator[Problem]:
    """Check places, crossings and road lines against the country outlines, if there are any."""
    if not dataset.countries:
        return
    to_local = Transformer.from_crs("EPSG:4326", LOCAL_CRS, always_xy=True)

    def local(geometry: BaseGeometry) -> BaseGeometry:
        return shapely.transform(geometry, to_local.transform, interleaved=False)

    outlines = {iso: local(c.outline) for iso, c in dataset.countries.items()}
    for place in dataset.places.values():
        outline = outlines.get(place.country)
        gap = outline.distance(local(Point(place.lon, place.lat))) if outline else 0.0
        if gap > BORDER_TOLERANCE_M:
            yield Problem(
                FILES["places"],
                f"id {place.id!r}",
                "lon",
                f"lies {gap / 1000:.1f} km "
                f"outside {place.country}; check the coordinates or the country",
            )
    for crossing in dataset.crossings.values():
        where = local(Point(crossing.lon, crossing.lat))
        for country in (crossing.country_a, crossing.country_b):
            outline = outlines.get(country)
            gap = outline.boundary.distance(where) if outline else 0.0
            if gap > POST_TOLERANCE_M:
                yield Problem(
                    FILES["crossings"],
                    f"id {crossing.id!r}",
                    "lon",
                    f"lies {gap / 1000:.1f} km from the {country} border; put the "
                    "crossing at the border post",
                )
    for road in dataset.roads.values():
        countries = {
            dataset.places[n].country for n in (road.start, road.end) if n in dataset.places
        }
        if len(countries) != 1 or (country := countries.pop()) not in outlines:
            continue  # roads joining two countries are reported by _border
        line = local(road.geometry)
        for end in (road.start, road.end):
            if end in dataset.crossings:
                lon, lat = dataset.node_lonlat(end)
                line = line.difference(local(Point(lon, lat)).buffer(CROSSING_APPROACH_M))
        outside = line.difference(outlines[country].buffer(BORDER_TOLERANCE_M)).length
        if outside > 0:
            yield Problem(
                FILES["roads"],
                f"id {road.id!r}",
                "geometry",
                f"runs {outside / 1000:.1f}"
                f" km outside {country} away from any crossing; redraw it inside the "
                "border or end it at a crossing node",
            )


def validate(dataset: Dataset) -> list[Problem]:
    """Return every problem found in a dataset (an empty list when it is sound)."""
    problems: list[Problem] = []
    for place in dataset.places.values():
        problems.extend(_coordinates(FILES["places"], place))
    for crossing in dataset.crossings.values():
        problems.extend(_coordinates(FILES["crossings"], crossing))
    problems.extend(_roads(dataset))
    problems.extend(_connectivity(dataset))
    problems.extend(_timelines(dataset))
    problems.extend(_borders(dataset))
    return problems


def summary(dataset: Dataset) -> str:
    """Return a one-line description of a dataset's size."""
    return (
        f"{len(dataset.places)} places, {len(dataset.crossings)} crossings, "
        f"{len(dataset.events)} status events, {len(dataset.roads)} roads, "
        f"{len(dataset.sources)} sources"
    )
