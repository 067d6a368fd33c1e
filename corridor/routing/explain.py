"""Why a route detours, and why there is no route: the crossings in the way, with their reasons."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise
from typing import TYPE_CHECKING

import networkx as nx

from corridor.areas import blocked_roads
from corridor.errors import NoRouteError
from corridor.graph import dataset_of
from corridor.routing.core import Trip, crossing_step
from corridor.scenario import CrossingState, crossing_states

if TYPE_CHECKING:
    from corridor.routing.overlay import Overlay

__all__ = ["blocked_crossings", "blocking_areas", "frontier", "no_route_reason"]


def blocked_crossings(trip: Trip, *, overlay: Overlay | None = None) -> tuple[CrossingState, ...]:
    """Return the crossings the route would take if every crossing were open, but cannot.

    This says why a route detours (or why there is none): each state carries its reason.
    With ``overlay``, that route is found on its legs (see :func:`corridor.routing.shortest`).
    """
    from corridor.routing.dijkstra import shortest  # which builds on this module

    dataset = dataset_of(trip.graph)
    everything = replace(trip.scenario, closed=frozenset(), opened=frozenset(dataset.crossings))
    try:
        path = shortest(replace(trip, scenario=everything), overlay=overlay).path
    except NoRouteError:
        return ()
    states = crossing_states(dataset, trip.scenario)
    steps = (crossing_step(trip.graph, u, v) for u, v in pairwise(path) if v in dataset.crossings)
    return tuple(states[s] for s in steps if s is not None and not states[s].passable)


def frontier(trip: Trip) -> tuple[CrossingState, ...]:
    """Return the crossings that stop the traveller at the edge of what is reachable."""
    graph = trip.graph
    states = crossing_states(dataset_of(graph), trip.scenario)
    reached = nx.single_source_dijkstra_path_length(
        graph, trip.origin, weight=trip.edge_cost(states=states)
    )
    blocked = {}
    for u in reached:
        for v in graph.successors(u):
            step = crossing_step(graph, u, v)
            if v not in reached and step is not None and not states[step].passable:
                blocked[step] = states[step]
    return tuple(blocked[k] for k in sorted(blocked))


def _avoiding(trip: Trip) -> str:
    if not trip.avoided:
        return ""
    return " avoiding " + ", ".join(sorted(trip.avoided))


def blocking_areas(trip: Trip) -> tuple[str, ...]:
    """Return the areas to avoid that the trip's route would enter without them, by name."""
    roads = blocked_roads(dataset_of(trip.graph), trip.scenario)
    if not roads:
        return ()
    free = replace(trip, scenario=replace(trip.scenario, avoid_areas=()))
    try:
        path = nx.dijkstra_path(trip.graph, trip.origin, trip.destination, weight=free.edge_cost())
    except nx.NetworkXNoPath:
        return ()
    names = (roads[k] for u, v in pairwise(path) for k in trip.graph[u][v] if k in roads)
    return tuple(dict.fromkeys(names))


def no_route_reason(trip: Trip, blocked: tuple[CrossingState, ...]) -> str:
    """Say in one line why a trip has no route."""
    nodes, scenario = trip.graph.nodes, trip.scenario
    names = f"{nodes[trip.origin]['name']} and {nodes[trip.destination]['name']}"
    when = f"on {scenario.as_of.isoformat()} for {scenario.mode}"
    areas = blocking_areas(trip)
    if areas:
        said = ", ".join(repr(a) for a in areas)
        return f"no route between {names} {when}{_avoiding(trip)}: blocked by area {said}"
    if not blocked:
        return f"no road joins {names} in the dataset{_avoiding(trip)}"
    reasons: dict[str, list[str]] = {}
    for state in blocked:
        reasons.setdefault(state.crossing, [])
        if state.reason() not in reasons[state.crossing]:
            reasons[state.crossing].append(state.reason())
    detail = "; ".join(f"{crossing} {' / '.join(why)}" for crossing, why in reasons.items())
    return f"no open route between {names} {when}{_avoiding(trip)}: {detail}"
