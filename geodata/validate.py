"""Check a dataset for the mistakes that reading alone cannot rule out.

Reading (:mod:`geodata.readers`) rejects malformed values; these checks find problems between
records: roads that miss their nodes or cross a border outside a crossing, places nobody can
reach, coordinates outside the region or with latitude and longitude swapped, and status
timelines out of order, in conflict, empty or dated in the future. ``record_checks`` are cheap
and run on every load; ``network_checks`` (outlines, connectivity) run when the content is new.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import networkx as nx
import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from geodata.dataset import Dataset, StatusFile
from geodata.geodesy import great_circle_m, line_length_m
from geodata.problems import Problem
from geodata.records import Crossing, Direction, Place
from geodata.schema import FILES
from geodata.status import status_on

__all__ = ["REGION", "network_checks", "record_checks", "summary", "validate"]

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
# A sourced section length may be a little shorter than a line drawn through the towns' centres
# (a source measures from a town's edge), never much.
SHORTEST_LENGTH = 0.95


def _in_region(lon: float, lat: float) -> bool:
    min_lon, min_lat, max_lon, max_lat = REGION
    return min_lon <= lon <= max_lon and min_lat <= lat <= max_lat


def _file(dataset: Dataset, key: str) -> str:
    return str(dataset.path / FILES[key])


def _coordinates(file: str, record: Place | Crossing) -> Iterator[Problem]:
    if _in_region(record.lon, record.lat):
        return
    where = f"id {record.id!r}"
    if _in_region(record.lat, record.lon):
        message = (
            f"({record.lon}, {record.lat}) looks like lat, lon swapped; write longitude in "
            "lon and latitude in lat"
        )
    else:
        message = f"({record.lon}, {record.lat}) is outside the region {REGION}; check it"
    yield Problem(file, message, where, "lon")


def _roads(dataset: Dataset) -> Iterator[Problem]:
    file = _file(dataset, "roads")
    for road in dataset.roads.values():
        where = f"id {road.id!r}"
        line = road.geometry
        for end, coord in (("from", line.coords[0]), ("to", line.coords[-1])):
            node = road.start if end == "from" else road.end
            gap = great_circle_m(coord[0], coord[1], *dataset.node_lonlat(node))
            if gap > TOUCH_M:
                message = (
                    f"{end} end is {gap / 1000:.1f} km from node {node!r}; snap the line's end "
                    "to the node"
                )
                yield Problem(file, message, where, "geometry")
        outside = next(((x, y) for x, y in line.coords if not _in_region(x, y)), None)
        if outside:
            yield Problem(file, f"vertex {outside} is outside the region", where, "geometry")
        yield from _border(dataset, road.id, road.start, road.end)


def _border(dataset: Dataset, road: str, start: str, end: str) -> Iterator[Problem]:
    file, where = _file(dataset, "roads"), f"id {road!r}"
    ends = [dataset.places.get(n) or dataset.crossings[n] for n in (start, end)]
    crossings = [e for e in ends if isinstance(e, Crossing)]
    places = [e for e in ends if isinstance(e, Place)]
    if len(crossings) == 2:
        message = (
            "joins two crossings; a road section joins a crossing to a place or junction "
            "on one side"
        )
        yield Problem(file, message, where, "to")
    elif len(crossings) == 1:
        crossing, place = crossings[0], places[0]
        if place.country not in (crossing.country_a, crossing.country_b):
            message = (
                f"joins crossing {crossing.id!r} ({crossing.country_a}-{crossing.country_b}) to "
                f"{place.id!r} in {place.country}; it would cross a border outside a crossing"
            )
            yield Problem(file, message, where, "from")
    elif places[0].country != places[1].country:
        message = (
            f"joins {places[0].id!r} ({places[0].country}) and {places[1].id!r} "
            f"({places[1].country}) without a crossing; split it at the crossing node"
        )
        yield Problem(file, message, where, "to")


def _timeline(timeline: StatusFile, *, today: dt.date) -> Iterator[Problem]:
    file = str(timeline.path)
    if timeline.overlay and not timeline.events:
        yield Problem(file, "holds no status events; add at least one, or drop this --status file")
    last: dict[str, dt.date] = {}
    seen: dict[tuple[str, dt.date, str, str], str] = {}
    for event in timeline.events:
        where = f"crossing {event.crossing!r} on {event.date.isoformat()}"
        if event.crossing in last and event.date < last[event.crossing]:
            message = (
                f"comes after an event dated {last[event.crossing].isoformat()}; keep each "
                "crossing's events in date order"
            )
            yield Problem(file, message, where, "date")
        last[event.crossing] = max(event.date, last.get(event.crossing, event.date))
        key = (event.crossing, event.date, event.mode, event.direction)
        if key in seen and seen[key] != event.status:
            message = (
                f"conflicts with another {event.mode}/{event.direction} event that day "
                f"({seen[key]} vs {event.status}); keep one, or mark the disagreement in a note"
            )
            yield Problem(file, message, where, "status")
        seen[key] = event.status
        if event.precision != "day" and event.date.day != 1:
            message = (
                f"has precision {event.precision} but a day of month; write the 1st of the "
                "month (or January 1st for year)"
            )
            yield Problem(file, message, where, "date")
        if event.date > today:
            message = (
                f"is after today ({today.isoformat()}); record an event once it has happened "
                "(an announcement goes in the note of the event that announced it)"
            )
            yield Problem(file, message, where, "date")


def _confirmations(dataset: Dataset) -> Iterator[Problem]:
    """Check that each confirmation states the status in force for some traffic it covers."""
    for timeline in dataset.status_files:
        for event in timeline.events:
            if event.kind != "confirmation":
                continue
            crossing = dataset.crossings[event.crossing]
            modes = [m for m in crossing.modes if event.mode in (m, "all")]
            ways: list[Direction] = ["a_to_b", "b_to_a"]
            directions = [d for d in ways if event.direction in (d, "both")]
            in_force = {
                found.status
                if (
                    found := status_on(
                        dataset.events, event.crossing, date=event.date, mode=m, direction=d
                    )
                )
                else "unknown"
                for m in modes
                for d in directions
            }
            if event.status not in in_force:
                message = (
                    f"confirms {event.status} but the status in force that day is "
                    f"{' / '.join(sorted(in_force)) or 'not handled'}; record a change instead"
                )
                where = f"crossing {event.crossing!r} on {event.date.isoformat()}"
                yield Problem(str(timeline.path), message, where, "kind")


def _lengths(dataset: Dataset) -> Iterator[Problem]:
    """Check that no sourced length is much shorter than the road's own line."""
    for road in dataset.roads.values():
        if road.length_km is None:
            continue
        line_km = line_length_m(road.geometry) / 1000
        if road.length_km < SHORTEST_LENGTH * line_km:
            message = (
                f"is {road.length_km:g} km but the line is {line_km:.1f} km; check the figure, "
                "its end points, or the line"
            )
            yield Problem(_file(dataset, "roads"), message, f"id {road.id!r}", "length_km")


def record_checks(dataset: Dataset, *, today: dt.date | None = None) -> list[Problem]:
    """Return the problems found record by record (cheap: run on every load)."""
    problems: list[Problem] = []
    for place in dataset.places.values():
        problems.extend(_coordinates(_file(dataset, "places"), place))
    for crossing in dataset.crossings.values():
        problems.extend(_coordinates(_file(dataset, "crossings"), crossing))
    problems.extend(_roads(dataset))
    problems.extend(_lengths(dataset))
    problems.extend(_confirmations(dataset))
    for timeline in dataset.status_files or (
        StatusFile(dataset.path / FILES["status"], dataset.events, False),
    ):
        problems.extend(_timeline(timeline, today=today or dt.date.today()))
    return problems


def _connectivity(dataset: Dataset) -> Iterator[Problem]:
    graph = nx.Graph()
    graph.add_nodes_from(dataset.places)
    graph.add_nodes_from(dataset.crossings)
    graph.add_edges_from((r.start, r.end) for r in dataset.roads.values())
    capitals = [p.id for p in dataset.places.values() if p.kind == "capital"]
    reached: set[str] = set().union(*(nx.node_connected_component(graph, c) for c in capitals))
    for place in dataset.places.values():
        if place.id not in reached:
            message = (
                "is not reachable by road from any capital, even with every crossing open; add "
                "the road that serves it"
            )
            yield Problem(_file(dataset, "places"), message, f"id {place.id!r}", "id")
    for crossing in dataset.crossings.values():
        countries = {dataset.places[n].country for n in graph[crossing.id] if n in dataset.places}
        expected = {crossing.country_a, crossing.country_b}
        if countries != expected:
            missing = expected - countries
            message = (
                f"has no road on the {', '.join(sorted(missing))} side"
                if missing
                else f"has roads to {sorted(countries)}"
            )
            yield Problem(_file(dataset, "crossings"), message, f"id {crossing.id!r}", "id")


def _borders(dataset: Dataset) -> Iterator[Problem]:
    """Check places, crossings and road lines against the country outlines, if there are any."""
    if not dataset.countries:
        return
    from pyproj import Transformer  # only the network checks need it, and only when new

    to_local = Transformer.from_crs("EPSG:4326", LOCAL_CRS, always_xy=True)

    def local(geometry: BaseGeometry) -> BaseGeometry:
        return shapely.transform(geometry, to_local.transform, interleaved=False)

    outlines = {iso: local(c.outline) for iso, c in dataset.countries.items()}
    for place in dataset.places.values():
        outline = outlines.get(place.country)
        gap = outline.distance(local(Point(place.lon, place.lat))) if outline else 0.0
        if gap > BORDER_TOLERANCE_M:
            message = f"lies {gap / 1000:.1f} km outside {place.country}; check it or the country"
            yield Problem(_file(dataset, "places"), message, f"id {place.id!r}", "lon")
    for crossing in dataset.crossings.values():
        where = local(Point(crossing.lon, crossing.lat))
        for country in (crossing.country_a, crossing.country_b):
            outline = outlines.get(country)
            gap = outline.boundary.distance(where) if outline else 0.0
            if gap > POST_TOLERANCE_M:
                message = (
                    f"lies {gap / 1000:.1f} km from the {country} border; put the crossing at "
                    "the border post"
                )
                yield Problem(_file(dataset, "crossings"), message, f"id {crossing.id!r}", "lon")
    for road in dataset.roads.values():
        countries = {
            dataset.places[n].country for n in (road.start, road.end) if n in dataset.places
        }
        if len(countries) != 1 or (country := countries.pop()) not in outlines:
            continue  # roads joining two countries are reported by _border
        line = local(road.geometry)
        for end in (road.start, road.end):
            if end in dataset.crossings:
                post = local(Point(*dataset.node_lonlat(end))).buffer(CROSSING_APPROACH_M)
                line = line.difference(post)
        outside = line.difference(outlines[country].buffer(BORDER_TOLERANCE_M)).length
        if outside > 0:
            message = (
                f"runs {outside / 1000:.1f} km outside {country} away from any crossing; "
                "redraw it inside the border or end it at a crossing node"
            )
            yield Problem(_file(dataset, "roads"), message, f"id {road.id!r}", "geometry")


def network_checks(dataset: Dataset) -> list[Problem]:
    """Return the problems found across the network (connectivity, country outlines)."""
    return [*_connectivity(dataset), *_borders(dataset)]


def validate(dataset: Dataset, *, today: dt.date | None = None) -> list[Problem]:
    """Return every problem found in a dataset (an empty list when it is sound)."""
    return record_checks(dataset, today=today) + network_checks(dataset)


def summary(dataset: Dataset) -> str:
    """Return a one-line description of a dataset's size."""
    return (
        f"{len(dataset.places)} places, {len(dataset.crossings)} crossings, "
        f"{len(dataset.events)} status events, {len(dataset.roads)} roads, "
        f"{len(dataset.sources)} sources"
    )
