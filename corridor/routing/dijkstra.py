"""Routes on the full road graph: the shortest (Dijkstra) and the k shortest distinct (Yen)."""

from __future__ import annotations

from itertools import islice
from typing import TYPE_CHECKING

import networkx as nx

from corridor.errors import InputError, NoRouteError
from corridor.routing.core import Route, Trip, route_from_path
from corridor.routing.explain import frontier, no_route_reason
from corridor.scenario import Scenario

if TYPE_CHECKING:
    from corridor.routing.overlay import Overlay

__all__ = ["alternatives", "find_route", "shortest"]

# A candidate counts as a new route when at most this share of its length runs on roads of
# one already kept: otherwise it is the same corridor with a small variation.
MAX_SHARED = 0.7
# Yen enumerates simple paths in order of cost; give up after this many candidates.
MAX_CANDIDATES = 200


def shortest(trip: Trip, *, overlay: Overlay | None = None) -> Route:
    """Return the shortest route of a resolved trip.

    With ``overlay`` (:func:`corridor.routing.build_overlay` of the trip's graph) a trip
    between two places is routed on its legs instead of the whole graph: the same route, in
    milliseconds on a network of a million edges instead of seconds. A trip to or from a
    junction is routed on the graph: the overlay has no legs that end at one.

    Raises
    ------
    NoRouteError
        If no road joins its ends under its scenario; ``reason`` names what blocks it.

    """
    if (
        overlay is not None
        and trip.ends <= overlay.place_rows.keys() | overlay.crossing_rows.keys()
    ):
        from corridor.routing.onlegs import route_on_overlay  # the overlay's modules: scipy

        return route_on_overlay(overlay, trip)
    cost = trip.edge_cost()
    try:
        path = nx.dijkstra_path(trip.graph, trip.origin, trip.destination, weight=cost)
    except nx.NetworkXNoPath:
        blocked = frontier(trip)
        raise NoRouteError(no_route_reason(trip, blocked), blocked) from None
    return route_from_path(trip.graph, path, scenario=trip.scenario, cost=cost)


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
        Date, traffic, closures and weight; defaults to today, freight, by distance. Its
        crossings may be given by id or name.

    Returns
    -------
    Route

    Raises
    ------
    geodata.UnknownNameError
        If a place or crossing is not known (the message suggests the closest names).
    corridor.errors.InputError
        If origin and destination are the same place, or an argument has the wrong type.
    NoRouteError
        If no road joins them under the scenario; ``reason`` says which crossings block it.

    """
    return shortest(Trip.resolve(graph, origin, destination, scenario))


def _shared_km(route: Route, other: Route, graph: nx.MultiDiGraph) -> float:
    common = set(route.roads) & set(other.roads)
    steps = zip(route.path, route.path[1:], route.roads, strict=False)
    return (
        sum(float(graph[u][v][road]["length_m"]) for u, v, road in steps if road in common) / 1000
    )


def alternatives(
    graph: nx.MultiDiGraph,
    origin: str,
    destination: str,
    *,
    scenario: Scenario | None = None,
    k: int = 3,
) -> list[Route]:
    """Return up to ``k`` distinct routes, shortest first (by the scenario's weight).

    Candidates come from Yen's k-shortest simple paths on the roads the scenario allows; a
    candidate is kept when at most 70% of its length runs on the roads of any route kept
    before it.

    Raises
    ------
    NoRouteError
        If there is no route at all (the reason names the blocking crossings).

    """
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        msg = f"the number of alternatives must be a whole number of at least 1, got {k!r}"
        raise InputError(msg)
    trip = Trip.resolve(graph, origin, destination, scenario)
    best = shortest(trip)
    cost = trip.edge_cost()
    simple = nx.DiGraph()
    for u, v in set(graph.edges()):
        weight = cost(u, v, graph[u][v])
        if weight is not None:
            simple.add_edge(u, v, weight=weight)
    routes = [best]
    candidates = nx.shortest_simple_paths(simple, trip.origin, trip.destination, weight="weight")
    for path in islice(candidates, MAX_CANDIDATES):
        if len(routes) == k:
            break
        route = route_from_path(graph, path, scenario=trip.scenario, cost=cost)
        if all(_shared_km(route, kept, graph) <= MAX_SHARED * route.distance_km for kept in routes):
            routes.append(route)
    return routes
