"""The k shortest distinct routes (Yen's algorithm), each with its own crossings."""

from __future__ import annotations

from itertools import islice

import networkx as nx

from corridor.routing import Route, edge_cost, find_route, route_from_path
from corridor.scenario import Scenario
from geodata import Dataset, resolve

# A candidate counts as a new route when at most this share of its length runs on roads of
# one already kept: otherwise it is the same corridor with a small variation.
MAX_SHARED = 0.7
# Yen enumerates simple paths in order of cost; give up after this many candidates.
MAX_CANDIDATES = 200


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
    scenario: Scenario,
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
    if k < 1:
        msg = f"the number of alternatives must be at least 1, got {k}"
        raise ValueError(msg)
    best = find_route(graph, origin, destination, scenario=scenario)  # raises with a reason
    dataset: Dataset = graph.graph["dataset"]
    origin = resolve(dataset.places, origin, what="place")
    destination = resolve(dataset.places, destination, what="place")
    keep = frozenset({graph.nodes[origin]["country"], graph.nodes[destination]["country"]})
    cost = edge_cost(graph, scenario, keep_countries=keep)
    simple = nx.DiGraph()
    for u, v in set(graph.edges()):
        weight = cost(u, v, graph[u][v])
        if weight is not None:
            simple.add_edge(u, v, weight=weight)
    routes = [best]
    candidates = nx.shortest_simple_paths(simple, origin, destination, weight="weight")
    for path in islice(candidates, MAX_CANDIDATES):
        if len(routes) == k:
            break
        route = route_from_path(graph, path, scenario=scenario, cost=cost)
        if all(_shared_km(route, kept, graph) <= MAX_SHARED * route.distance_km for kept in routes):
            routes.append(route)
    return routes
