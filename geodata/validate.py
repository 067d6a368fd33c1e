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

import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from geodata import roadchecks
from geodata.dataset import Dataset, StatusFile
from geodata.problems import Problem
from geodata.records import Crossing, Direction, Place
from geodata.roadchecks import REGION, Network, in_region, local_outlines
from geodata.schema import FILES
from geodata.status import status_on

__all__ = ["REGION", "network_checks", "record_checks", "summary", "validate"]

# 1:10m outlines (Natural Earth) sit up to ~3 km off the surveyed line in the desert, so a
# border post is checked against them with that slack, and places and roads with 1.5 km.
BORDER_TOLERANCE_M = roadchecks.BORDER_TOLERANCE_M
POST_TOLERANCE_M = 3000.0


def _file(dataset: Dataset, key: str) -> str:
    return str(dataset.path / FILES[key])


def _coordinates(file: str, record: Place | Crossing) -> Iterator[Problem]:
    if in_region(record.lon, record.lat):
        return
    where = f"id {record.id!r}"
    if in_region(record.lat, record.lon):
        message = (
            f"({record.lon}, {record.lat}) looks like lat, lon swapped; write longitude in "
            "lon and latitude in lat"
        )
    else:
        message = f"({record.lon}, {record.lat}) is outside the region {REGION}; check it"
    yield Problem(file, message, where, "lon")


def _roads(net: Network) -> Iterator[Problem]:
    """Yield each road's problems in turn: its ends, its vertices, the border it may cross."""
    found = [
        *roadchecks.road_ends(net),
        *roadchecks.road_vertices(net),
        *roadchecks.border_roads(net),
    ]
    # A stable sort keeps each road's problems in the order of the checks.
    for _, problem in sorted(found, key=lambda item: item[0]):
        yield problem


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


def record_checks(dataset: Dataset, *, today: dt.date | None = None) -> list[Problem]:
    """Return the problems found record by record (cheap: run on every load)."""
    problems: list[Problem] = []
    for place in dataset.places.values():
        problems.extend(_coordinates(_file(dataset, "places"), place))
    for crossing in dataset.crossings.values():
        problems.extend(_coordinates(_file(dataset, "crossings"), crossing))
    net = Network.of(dataset)
    problems.extend(_roads(net))
    problems.extend(roadchecks.lengths(net))
    problems.extend(_confirmations(dataset))
    for timeline in dataset.status_files or (
        StatusFile(dataset.path / FILES["status"], dataset.events, False),
    ):
        problems.extend(_timeline(timeline, today=today or dt.date.today()))
    return problems


def _connectivity(net: Network) -> Iterator[Problem]:
    dataset = net.dataset
    reached, sides = roadchecks.connectivity(net)
    for place in dataset.places.values():
        if not reached[net.nodes.row[place.id]]:
            message = (
                "is not reachable by road from any capital, even with every crossing open; add "
                "the road that serves it"
            )
            yield Problem(_file(dataset, "places"), message, f"id {place.id!r}", "id")
    for crossing in dataset.crossings.values():
        countries = sides[crossing.id]
        expected = {crossing.country_a, crossing.country_b}
        if countries != expected:
            missing = expected - countries
            message = (
                f"has no road on the {', '.join(sorted(missing))} side"
                if missing
                else f"has roads to {sorted(countries)}"
            )
            yield Problem(_file(dataset, "crossings"), message, f"id {crossing.id!r}", "id")


def _borders(net: Network) -> Iterator[Problem]:
    """Check places, crossings and road lines against the country outlines, if there are any."""
    dataset = net.dataset
    if not dataset.countries:
        return
    outlines, to_local = local_outlines({i: c.outline for i, c in dataset.countries.items()})

    def local(geometry: BaseGeometry) -> BaseGeometry:
        return shapely.transform(geometry, to_local, interleaved=False)

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
    yield from roadchecks.outside_borders(net, outlines, to_local)


def network_checks(dataset: Dataset) -> list[Problem]:
    """Return the problems found across the network (connectivity, country outlines)."""
    net = Network.of(dataset)
    return [*_connectivity(net), *_borders(net)]


def validate(dataset: Dataset, *, today: dt.date | None = None) -> list[Problem]:
    """Return every problem found in a dataset (an empty list when it is sound)."""
    return record_checks(dataset, today=today) + network_checks(dataset)


def summary(dataset: Dataset) -> str:
    """Return a one-line description of a dataset's size."""
    return (
        f"{len(dataset.places)} places, {len(dataset.crossings)} crossings, "
        f"{len(dataset.events)} status events, {len(dataset.roads)} roads, "
        f"{f'{len(dataset.junctions)} junctions, ' if dataset.junctions else ''}"
        f"{len(dataset.sources)} sources"
    )
