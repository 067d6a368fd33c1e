"""A reference model of the routing rules, written from docs/rules.md alone.

It reads the dataset's records and nothing of corridor's code: its own status rule, its own
speeds, its own geodesic lengths (pyproj directly) and its own plain Dijkstra over dicts. The
tests check every engine of corridor against it.
"""

from __future__ import annotations

import datetime as dt
import heapq
from dataclasses import dataclass

from pyproj import Geod

from corridor.scenario import Weight
from geodata import Dataset
from geodata.records import AvoidArea, Mode

GEOD = Geod(ellps="WGS84")
CLASS_KPH = {"motorway": 100.0, "trunk": 90.0, "primary": 80.0, "secondary": 60.0}
TRUCK_KPH = 80.0
CAUTION = {"open": 0, "restricted": 1, "closed": 2}


def status(data: Dataset, crossing: str, day: dt.date, mode: str, direction: str) -> str:
    """Rule 1: the status of a crossing for a mode and direction on a day."""
    if mode not in data.crossings[crossing].modes:
        return "closed"
    candidates = [
        e
        for e in data.events
        if e.crossing == crossing
        and e.kind == "change"
        and e.date <= day
        and e.mode in (mode, "all")
        and e.direction in (direction, "both")
    ]
    if not candidates:
        return "unknown"
    latest = max(e.date for e in candidates)
    today = [e for e in candidates if e.date == latest]
    most = max((e.mode != "all") + (e.direction != "both") for e in today)
    specific = [e for e in today if (e.mode != "all") + (e.direction != "both") == most]
    return max(specific, key=lambda e: CAUTION[e.status]).status


@dataclass(frozen=True)
class Query:
    """A trip and its scenario, as plain values."""

    origin: str
    destination: str
    day: dt.date
    mode: Mode = "freight"
    weight: Weight = "distance"
    closed: frozenset[str] = frozenset()
    opened: frozenset[str] = frozenset()
    avoid: frozenset[str] = frozenset()
    delays: tuple[tuple[str, float], ...] = ()
    areas: tuple[AvoidArea, ...] = ()


@dataclass(frozen=True)
class Answer:
    """What the model says of a trip."""

    cost: float
    distance_km: float
    time_h: float
    crossings: tuple[str, ...]
    countries: tuple[str, ...]


def _passable(data: Dataset, q: Query, crossing: str, direction: str) -> bool:
    """Rule 2."""
    if crossing in q.closed:
        return False
    if crossing in q.opened:
        return True
    return status(data, crossing, q.day, q.mode, direction) in ("open", "restricted")


def _country(data: Dataset, node: str) -> str | None:
    place = data.places.get(node)
    return place.country if place else None


def _speeds(data: Dataset, road_id: str) -> tuple[float, float]:
    """Rule 4: (car, truck) speed of a road."""
    road = data.roads[road_id]
    country = _country(data, road.start) or _country(data, road.end)
    typical = data.speeds.get((country or "", road.road_class))
    car = road.speed_kph or (typical[0] if typical else CLASS_KPH[road.road_class])
    truck = min(car, typical[1] if typical else TRUCK_KPH)
    return car, truck


def _shut(data: Dataset, q: Query, road_id: str) -> bool:
    """Rule 3: a road touching an area active on the day for the traffic."""
    line = data.roads[road_id].geometry
    for area in q.areas:
        dated = (area.valid_from or q.day) <= q.day <= (area.valid_to or q.day)
        if dated and area.mode in (None, q.mode) and line.intersects(area.geometry):
            return True
    return False


def _steps(data: Dataset) -> dict[str, list[tuple[str, float, float, float, str]]]:
    """Every directed step: (to, metres, car seconds, truck seconds, road id)."""
    steps: dict[str, list[tuple[str, float, float, float, str]]] = {}
    for road in data.roads.values():
        metres = (
            road.length_km * 1000
            if road.length_km is not None
            else float(GEOD.geometry_length(road.geometry))
        )
        car, truck = _speeds(data, road.id)
        for u, v in ((road.start, road.end), (road.end, road.start)):
            steps.setdefault(u, []).append(
                (v, metres, metres / (car / 3.6), metres / (truck / 3.6), road.id)
            )
    return steps


def _allowed(data: Dataset, q: Query, u: str, v: str) -> bool:
    """Rule 3."""
    home = {_country(data, q.origin), _country(data, q.destination)}
    into = _country(data, v)
    if into is not None and into in q.avoid and into not in home:
        return False
    if v in data.crossings:
        c = data.crossings[v]
        return _passable(data, q, v, "a_to_b" if _country(data, u) == c.country_a else "b_to_a")
    if u in data.crossings:
        c = data.crossings[u]
        return _passable(data, q, u, "a_to_b" if into == c.country_b else "b_to_a")
    return True


def _delay_h(data: Dataset, q: Query, crossing: str) -> float:
    override = dict(q.delays)
    if crossing in override:
        return override[crossing]
    c = data.crossings[crossing]
    return c.delay_freight_h if q.mode == "freight" else c.delay_passenger_h


_STEPS: dict[int, tuple[Dataset, dict[str, list[tuple[str, float, float, float, str]]]]] = {}


def route(data: Dataset, q: Query) -> Answer | None:
    """Rules 3 to 5: the cheapest route, by a plain Dijkstra, or None."""
    known = _STEPS.get(id(data))
    if known is None or known[0] is not data:
        _STEPS.clear()
        known = _STEPS[id(data)] = (data, _steps(data))
    steps = known[1]
    best: dict[str, float] = {q.origin: 0.0}
    came: dict[str, tuple[str, float, float]] = {}
    heap = [(0.0, q.origin)]
    done: set[str] = set()
    while heap:
        cost, u = heapq.heappop(heap)
        if u in done:
            continue
        done.add(u)
        for v, metres, car_s, truck_s, road_id in steps.get(u, []):
            if not _allowed(data, q, u, v) or (q.areas and _shut(data, q, road_id)):
                continue
            driving = truck_s if q.mode == "freight" else car_s
            border = _delay_h(data, q, v) * 3600 if v in data.crossings else 0.0
            step = metres if q.weight == "distance" else driving + border
            if cost + step < best.get(v, float("inf")) and v not in done:
                best[v] = cost + step
                came[v] = (u, metres, driving + border)
                heapq.heappush(heap, (cost + step, v))
    if q.destination not in done:
        return None
    path, metres, seconds = [q.destination], 0.0, 0.0
    while path[-1] != q.origin:
        u, m, s = came[path[-1]]
        metres, seconds = metres + m, seconds + s
        path.append(u)
    path.reverse()
    countries: list[str] = []
    for node in path:
        country = _country(data, node)
        if country and (not countries or countries[-1] != country):
            countries.append(country)
    return Answer(
        cost=best[q.destination],
        distance_km=metres / 1000,
        time_h=seconds / 3600,
        crossings=tuple(n for n in path if n in data.crossings),
        countries=tuple(countries),
    )
