"""Shortest routes under a scenario, without copying or changing the graph."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from itertools import groupby, pairwise
from typing import Any

import networkx as nx
from shapely.geometry import LineString

from corridor.scenario import CrossingState, Scenario, crossing_states, delay_hours
from geodata import Dataset, great_circle_m, resolve
from geodata.records import Direction

EdgeCost = Callable[[str, str, Mapping[str, Mapping[str, Any]]], float | None]


class NoRouteError(Exception):
    """No road joins origin and destination under the scenario."""

    def __init__(self, reason: str, blocked: tuple[CrossingState, ...] = ()) -> None:
        super().__init__(reason)
        self.reason = reason
        self.blocked = blocked


@dataclass(frozen=True)
class Leg:
    """A stretch of a route along one road (same ref, or same name when unnumbered)."""

    ref: str
    name: str
    start: str
    end: str
    distance_km: float


@dataclass(frozen=True)
class Route:
    """A route between two places under a scenario."""

    origin: str
    destination: str
    scenario: Scenario
    path: tuple[str, ...]
    roads: tuple[str, ...]
    distance_km: float
    driving_h: float
    border_delay_h: float
    crossings: tuple[str, ...]
    countries: tuple[str, ...]
    legs: tuple[Leg, ...]
    geometry: LineString
    great_circle_km: float

    @property
    def time_h(self) -> float:
        """Driving time plus border delays, in hours."""
        return self.driving_h + self.border_delay_h


def _dataset(graph: nx.MultiDiGraph) -> Dataset:
    dataset: Dataset = graph.graph["dataset"]
    return dataset


def _direction(graph: nx.MultiDiGraph, u: str, v: str) -> tuple[str, Direction] | None:
    """Return (crossing id, direction) when the step u -> v enters or leaves a crossing."""
    crossings = _dataset(graph).crossings
    if v in crossings:
        return v, crossings[v].direction(from_country=graph.nodes[u]["country"])
    if u in crossings:
        crossing = crossings[u]
        into = graph.nodes[v]["country"]
        return u, crossing.direction(
            from_country=crossing.country_b if into == crossing.country_a else crossing.country_a
        )
    return None


def edge_cost(
    graph: nx.MultiDiGraph,
    scenario: Scenario,
    *,
    states: Mapping[tuple[str, Direction], CrossingState] | None = None,
    keep_countries: frozenset[str] = frozenset(),
) -> EdgeCost:
    """Return a networkx weight function for a scenario.

    The function returns ``None`` (edge hidden) for a step into or out of a crossing that is
    not passable in that direction, and for a step into an avoided country, so closures
    never copy or mutate the graph. Otherwise it returns metres (``weight="distance"``) or
    seconds of driving plus the border delay of an entered crossing (``weight="time"``).
    """
    states = states if states is not None else crossing_states(_dataset(graph), scenario)
    crossings = _dataset(graph).crossings
    avoided = scenario.avoid_countries - keep_countries
    time_attr = "time_freight_s" if scenario.mode == "freight" else "time_s"

    def cost(u: str, v: str, edges: Mapping[str, Mapping[str, Any]]) -> float | None:
        if graph.nodes[v]["country"] in avoided:
            return None
        step = _direction(graph, u, v)
        extra = 0.0
        if step is not None:
            if not states[step].passable:
                return None
            if scenario.weight == "time" and v in crossings:
                extra = delay_hours(crossings[v], scenario) * 3600
        attr = "length_m" if scenario.weight == "distance" else time_attr
        return min(float(e[attr]) for e in edges.values()) + extra

    return cost


def blocked_crossings(
    graph: nx.MultiDiGraph, origin: str, destination: str, scenario: Scenario
) -> tuple[CrossingState, ...]:
    """Return the crossings the route would take if every crossing were open, but cannot.

    This says why a route detours (or why there is none): each state carries its reason.
    """
    dataset = _dataset(graph)
    everything = replace(scenario, closed=frozenset(), opened=frozenset(dataset.crossings))
    try:
        free = _shortest(graph, origin, destination, everything)
    except NoRouteError:
        return ()
    states = crossing_states(dataset, scenario)
    steps = (_direction(graph, u, v) for u, v in pairwise(free.path) if v in dataset.crossings)
    return tuple(states[s] for s in steps if s is not None and not states[s].passable)


def _keep(graph: nx.MultiDiGraph, origin: str, destination: str) -> frozenset[str]:
    return frozenset({graph.nodes[origin]["country"], graph.nodes[destination]["country"]})


def _shortest(graph: nx.MultiDiGraph, origin: str, destination: str, scenario: Scenario) -> Route:
    cost = edge_cost(graph, scenario, keep_countries=_keep(graph, origin, destination))
    try:
        path = nx.dijkstra_path(graph, origin, destination, weight=cost)
    except nx.NetworkXNoPath:
        raise NoRouteError("no route") from None
    return route_from_path(graph, path, scenario=scenario, cost=cost)


def route_from_path(
    graph: nx.MultiDiGraph, path: list[str], *, scenario: Scenario, cost: EdgeCost
) -> Route:
    """Assemble a :class:`Route` from a node path, choosing the cheapest road of each step."""
    dataset = _dataset(graph)
    attr = (
        "length_m"
        if scenario.weight == "distance"
        else ("time_freight_s" if scenario.mode == "freight" else "time_s")
    )
    steps = []
    for u, v in pairwise(path):
        if cost(u, v, graph[u][v]) is None:
            msg = f"step {u} -> {v} is not allowed under the scenario"
            raise ValueError(msg)
        key = min(graph[u][v], key=lambda k: float(graph[u][v][k][attr]))
        steps.append((u, v, key, graph[u][v][key]))
    time_attr = "time_freight_s" if scenario.mode == "freight" else "time_s"
    crossings = tuple(v for _, v, _, _ in steps if v in dataset.crossings)
    countries = [graph.nodes[n]["country"] for n in path if graph.nodes[n]["country"]]
    coords: list[tuple[float, float]] = []
    for _, _, _, data in steps:
        line = list(data["geometry"].coords)
        coords.extend(line[1:] if coords else line)
    start, end = dataset.node_lonlat(path[0]), dataset.node_lonlat(path[-1])
    return Route(
        origin=path[0],
        destination=path[-1],
        scenario=scenario,
        path=tuple(path),
        roads=tuple(key for _, _, key, _ in steps),
        distance_km=sum(d["length_m"] for *_, d in steps) / 1000,
        driving_h=sum(d[time_attr] for *_, d in steps) / 3600,
        border_delay_h=sum(delay_hours(dataset.crossings[c], scenario) for c in crossings),
        crossings=crossings,
        countries=tuple(c for c, _ in groupby(countries)),
        legs=_legs(graph, steps),
        geometry=LineString(coords) if len(coords) > 1 else LineString([start, end]),
        great_circle_km=great_circle_m(*start, *end) / 1000,
    )


def _legs(graph: nx.MultiDiGraph, steps: list[tuple[str, str, str, Any]]) -> tuple[Leg, ...]:
    legs = []
    for (ref, name), group in groupby(
        steps, key=lambda s: (s[3]["ref"], "" if s[3]["ref"] else s[3]["name"])
    ):
        run = list(group)
        legs.append(
            Leg(
                ref=ref,
                name=name or run[0][3]["name"],
                start=run[0][0],
                end=run[-1][1],
                distance_km=sum(s[3]["length_m"] for s in run) / 1000,
            )
        )
    return tuple(legs)


def find_route(
    graph: nx.MultiDiGraph,
    origin: str,
    destination: str,
    *,
    scenario: Scenario | None = None,
) -> Route:
    """Return the shortest route between two places under a scenario.

    Parameters
    ----------
    graph
        Road graph from :func:`corridor.build_graph`.
    origin, destination
        Place ids or names (any spelling the dataset knows, in Latin or Arabic script).
    scenario
        Date, traffic, closures and weight; defaults to today, freight, by distance.

    Returns
    -------
    Route

    Raises
    ------
    geodata.UnknownNameError
        If a place name is not known.
    NoRouteError
        If no road joins them under the scenario; ``reason`` says which crossings block it.

    """
    scenario = scenario or Scenario()
    places = _dataset(graph).places
    origin = resolve(places, origin, what="place")
    destination = resolve(places, destination, what="place")
    if origin == destination:
        msg = f"origin and destination are the same place ({origin}); pick two different places"
        raise ValueError(msg)
    try:
        return _shortest(graph, origin, destination, scenario)
    except NoRouteError:
        blocked = _frontier(graph, origin, destination, scenario)
        raise NoRouteError(
            _no_route_reason(graph, origin, destination, scenario, blocked), blocked
        ) from None


def _frontier(
    graph: nx.MultiDiGraph, origin: str, destination: str, scenario: Scenario
) -> tuple[CrossingState, ...]:
    """Return the crossings that stop the traveller at the edge of what is reachable."""
    states = crossing_states(_dataset(graph), scenario)
    cost = edge_cost(
        graph, scenario, states=states, keep_countries=_keep(graph, origin, destination)
    )
    reached = nx.single_source_dijkstra_path_length(graph, origin, weight=cost)
    blocked = {}
    for u in reached:
        for v in graph.successors(u):
            step = _direction(graph, u, v)
            if v not in reached and step is not None and not states[step].passable:
                blocked[step] = states[step]
    return tuple(blocked[k] for k in sorted(blocked))


def _no_route_reason(
    graph: nx.MultiDiGraph,
    origin: str,
    destination: str,
    scenario: Scenario,
    blocked: tuple[CrossingState, ...],
) -> str:
    names = f"{graph.nodes[origin]['name']} and {graph.nodes[destination]['name']}"
    when = f"on {scenario.as_of.isoformat()} for {scenario.mode}"
    if not blocked:
        return f"no road joins {names} in the dataset{_avoiding(scenario)}"
    reasons: dict[str, list[str]] = {}
    for state in blocked:
        reasons.setdefault(state.crossing, [])
        if state.reason() not in reasons[state.crossing]:
            reasons[state.crossing].append(state.reason())
    detail = "; ".join(f"{crossing} {' / '.join(why)}" for crossing, why in reasons.items())
    return f"no open route between {names} {when}{_avoiding(scenario)}: {detail}"


def _avoiding(scenario: Scenario) -> str:
    if not scenario.avoid_countries:
        return ""
    return " avoiding " + ", ".join(sorted(scenario.avoid_countries))
