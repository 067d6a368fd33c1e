"""The routing rules, written once.

What a scenario minimises, which steps it allows, how a path becomes a route: every entry point
(Dijkstra, the portal overlay, combinations, impact, the what-if page) takes them from here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from itertools import groupby, pairwise
from typing import Any, Literal

import networkx as nx
from shapely.geometry import LineString

from corridor.areas import blocked_roads
from corridor.display import RouteViews
from corridor.errors import InputError
from corridor.graph import dataset_of, straight_line_m
from corridor.scenario import (
    CrossingState,
    Scenario,
    crossing_states,
    delay_hours,
    resolve_scenario,
)
from corridor.uncertainty import Breakdown, step_figures
from geodata import Dataset, UnknownNameError, resolve
from geodata.records import Direction, Mode

__all__ = [
    "COSTS",
    "Cost",
    "EdgeCost",
    "Leg",
    "Route",
    "Trip",
    "avoided_on_trip",
    "cost_attribute",
    "crossing_step",
    "edge_cost",
    "leg_key",
    "route_from_path",
    "time_attribute",
    "trip_end",
]

Cost = Literal["length_m", "time_s", "time_freight_s"]
COSTS: tuple[Cost, ...] = ("length_m", "time_s", "time_freight_s")
EdgeCost = Callable[[str, str, Mapping[str, Mapping[str, Any]]], float | None]


def time_attribute(mode: Mode) -> Cost:
    """Return the edge attribute holding driving time for a traffic mode."""
    return "time_freight_s" if mode == "freight" else "time_s"


def cost_attribute(scenario: Scenario) -> Cost:
    """Return the edge attribute a scenario minimises (border delays come on top by time)."""
    return "length_m" if scenario.weight == "distance" else time_attribute(scenario.mode)


def avoided_on_trip(
    scenario: Scenario, origin_country: str, destination_country: str
) -> frozenset[str]:
    """Return the countries a trip may not enter: the scenario's avoided ones less its own."""
    return scenario.avoid_countries - {origin_country, destination_country}


@dataclass(frozen=True)
class Trip:
    """An origin, a destination and a scenario, resolved against one road graph.

    ``avoided`` are the scenario's avoided countries less the trip's own: a trip may always
    start and end in its own countries.
    """

    graph: nx.MultiDiGraph
    origin: str
    destination: str
    scenario: Scenario
    avoided: frozenset[str]

    @classmethod
    def resolve(
        cls,
        graph: nx.MultiDiGraph,
        origin: str,
        destination: str,
        scenario: Scenario | None = None,
    ) -> Trip:
        """Resolve the trip's ends and its scenario's crossings.

        The ends are places or crossings, in any spelling the dataset knows.

        Raises
        ------
        geodata.UnknownNameError
            For a place or crossing the dataset does not know (with the closest names).
        InputError
            For the same place twice, or arguments of the wrong type.

        """
        dataset = dataset_of(graph)
        for label, value in (("origin", origin), ("destination", destination)):
            if not isinstance(value, str):
                msg = f"{label} must be a place name or id, not {value!r}"
                raise InputError(msg)
        start, end = trip_end(dataset, origin), trip_end(dataset, destination)
        if start == end:
            msg = f"origin and destination are the same place ({start}); pick two different places"
            raise InputError(msg)
        resolved = resolve_scenario(scenario if scenario is not None else Scenario(), dataset)
        avoided = avoided_on_trip(
            resolved, dataset.node_country(start) or "", dataset.node_country(end) or ""
        )
        return cls(graph, start, end, resolved, avoided)

    @property
    def ends(self) -> frozenset[str]:
        """The trip's two ends."""
        return frozenset({self.origin, self.destination})

    def edge_cost(
        self, *, states: Mapping[tuple[str, Direction], CrossingState] | None = None
    ) -> EdgeCost:
        """Return the networkx weight function of this trip.

        A crossing the trip starts or ends at may be reached or left whatever its status.
        """
        return edge_cost(
            self.graph, self.scenario, avoided=self.avoided, states=states, free=self.ends
        )


def trip_end(dataset: Dataset, name: str) -> str:
    """Return the place or crossing a trip end names.

    An id first, then a place's names, then a crossing's.

    Raises
    ------
    geodata.UnknownNameError
        If nothing matches; the message suggests the closest place names.

    """
    if name in dataset.places or name in dataset.crossings:
        return name
    try:
        return resolve(dataset.places, name, what="place")
    except UnknownNameError as place_error:
        try:
            return resolve(dataset.crossings, name, what="crossing")
        except UnknownNameError:
            raise place_error from None


def crossing_step(graph: nx.MultiDiGraph, u: str, v: str) -> tuple[str, Direction] | None:
    """Return (crossing id, direction) when the step u -> v enters or leaves a crossing."""
    crossings = dataset_of(graph).crossings
    if v in crossings:
        return v, crossings[v].direction(from_country=graph.nodes[u]["country"])
    if u in crossings:
        crossing = crossings[u]
        into = graph.nodes[v]["country"]
        came_from = crossing.country_b if into == crossing.country_a else crossing.country_a
        return u, crossing.direction(from_country=came_from)
    return None


def edge_cost(
    graph: nx.MultiDiGraph,
    scenario: Scenario,
    *,
    avoided: frozenset[str] | None = None,
    states: Mapping[tuple[str, Direction], CrossingState] | None = None,
    free: frozenset[str] = frozenset(),
) -> EdgeCost:
    """Return a networkx weight function for a scenario.

    The function returns ``None`` (edge hidden) for a step into or out of a crossing that is
    not passable in that direction, for a step into an avoided country (``avoided``, default
    the scenario's) and for a road entering an active area to avoid (``blocked_roads``), so
    closures never copy or mutate the graph. Steps into or out of the crossings in ``free`` (a
    trip's ends) are never hidden. Otherwise it returns the cheapest allowed parallel edge's
    :func:`cost_attribute`, plus the border delay in seconds of a crossing entered when
    minimising time.
    """
    dataset = dataset_of(graph)
    states = states if states is not None else crossing_states(dataset, scenario)
    blocked = scenario.avoid_countries if avoided is None else avoided
    attr = cost_attribute(scenario)
    by_time = scenario.weight == "time"
    roads = blocked_roads(dataset, scenario)

    def cost(u: str, v: str, edges: Mapping[str, Mapping[str, Any]]) -> float | None:
        if graph.nodes[v]["country"] in blocked:
            return None
        if roads:
            edges = {k: e for k, e in edges.items() if k not in roads}
            if not edges:
                return None
        step = crossing_step(graph, u, v)
        extra = 0.0
        if step is not None:
            if not states[step].passable and step[0] not in free:
                return None
            if by_time and v in dataset.crossings and v not in free:
                extra = delay_hours(dataset.crossings[v], scenario) * 3600
        return min(float(e[attr]) for e in edges.values()) + extra

    return cost


@dataclass(frozen=True)
class Leg:
    """A stretch of a route along one road (same ref, or same name when unnumbered)."""

    ref: str
    name: str
    start: str
    end: str
    distance_km: float


@dataclass(frozen=True)
class Route(RouteViews):
    """A route between two places under a scenario (found on ``dataset``)."""

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
    breakdown: Breakdown
    dataset: Dataset = field(repr=False, compare=False)

    @property
    def time_h(self) -> float:
        """Driving time plus border delays, in hours."""
        return self.driving_h + self.border_delay_h

    @property
    def distance_range_km(self) -> tuple[float, float]:
        """The range the road distance lies in, given each road's uncertainty."""
        return self.breakdown.distance_range_km()

    @property
    def time_range_h(self) -> tuple[float, float]:
        """The range of the time: driving (lengths and speeds) and border delays (estimates)."""
        return self.breakdown.time_range_h()


def leg_key(edge: Mapping[str, Any]) -> tuple[str, str]:
    """Return what groups consecutive road sections into one leg: the ref, else the name."""
    return edge["ref"], "" if edge["ref"] else edge["name"]


def route_from_path(
    graph: nx.MultiDiGraph, path: list[str], *, scenario: Scenario, cost: EdgeCost
) -> Route:
    """Assemble a :class:`Route` from a node path, choosing the cheapest road of each step."""
    dataset = dataset_of(graph)
    attr = cost_attribute(scenario)
    roads = blocked_roads(dataset, scenario)
    steps = []
    for u, v in pairwise(path):
        if cost(u, v, graph[u][v]) is None:
            msg = f"step {u} -> {v} is not allowed under the scenario"
            raise ValueError(msg)
        keys = [k for k in graph[u][v] if k not in roads]
        key = min(keys, key=lambda k: float(graph[u][v][k][attr]))
        steps.append((u, v, key, graph[u][v][key]))
    # A crossing the trip ends at is reached, not crossed.
    ends = {path[0], path[-1]}
    crossings = tuple(v for _, v, _, _ in steps if v in dataset.crossings and v not in ends)
    countries = [graph.nodes[n]["country"] for n in path if graph.nodes[n]["country"]]
    coords: list[tuple[float, float]] = []
    for *_, data in steps:
        line = list(data["geometry"].coords)
        coords.extend(line[1:] if coords else line)
    driving = time_attribute(scenario.mode)
    breakdown = Breakdown(
        {key: step_figures(d, driving) for _, _, key, d in steps},
        {c: delay_hours(dataset.crossings[c], scenario) for c in crossings},
    )
    return Route(
        origin=path[0],
        destination=path[-1],
        scenario=scenario,
        path=tuple(path),
        roads=tuple(key for _, _, key, _ in steps),
        distance_km=sum(d["length_m"] for *_, d in steps) / 1000,
        driving_h=sum(d[driving] for *_, d in steps) / 3600,
        border_delay_h=sum(delay_hours(dataset.crossings[c], scenario) for c in crossings),
        crossings=crossings,
        countries=tuple(c for c, _ in groupby(countries)),
        legs=_legs(steps),
        geometry=LineString(coords),  # a trip joins two different nodes: one road at least
        great_circle_km=straight_line_m(graph, path[0], path[-1]) / 1000,
        breakdown=breakdown,
        dataset=dataset,
    )


def _legs(steps: list[tuple[str, str, str, Any]]) -> tuple[Leg, ...]:
    legs = []
    for (ref, name), group in groupby(steps, key=lambda s: leg_key(s[3])):
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
