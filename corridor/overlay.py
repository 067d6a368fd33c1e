"""The portal overlay: scenario-independent distance tables, so each scenario is cheap.

Crossings are the only things that open and close, and every path between countries passes
through a crossing node. Inside one country the shortest path between two of its portals
(its places and the crossings on its borders) therefore never depends on the scenario. We
compute those legs once; a scenario then only decides which legs touching a crossing may be
used, and routing becomes min-plus algebra on small matrices:

    distance(o, d) = min(direct(o, d), min over c1, c2 of A[o, c1] + T*[c1, c2] + B[c2, d])

where ``A`` holds legs from places to crossings, ``B`` legs from crossings to places, and
``T*`` is the closure (Floyd-Warshall) of crossing-to-crossing legs. Results equal plain
Dijkstra on the full graph; the tests check it on random graphs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import networkx as nx
import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from corridor.routing import NoRouteError, Route, edge_cost, route_from_path
from corridor.scenario import Scenario, crossing_states, delay_hours
from geodata import Dataset
from geodata.records import Direction

Cost = Literal["length_m", "time_s", "time_freight_s"]
COSTS: tuple[Cost, ...] = ("length_m", "time_s", "time_freight_s")
Matrix = npt.NDArray[np.float64]
INF = np.inf


def cost_attribute(scenario: Scenario) -> Cost:
    """Return the edge attribute a scenario minimises."""
    if scenario.weight == "distance":
        return "length_m"
    return "time_freight_s" if scenario.mode == "freight" else "time_s"


@dataclass(frozen=True)
class CountryTrees:
    """Shortest-path trees inside one country, one per portal.

    Local node ``i`` is ``nodes[i]``. A border crossing has two local nodes: one that legs
    may only end at and one they may only start from, so that no leg passes through it.
    """

    nodes: tuple[str, ...]
    rows: Mapping[str, int]  # portal -> row of its tree in ``predecessors``
    starts: Mapping[str, int]  # portal -> local node a leg from it starts at
    ends: Mapping[str, int]  # portal -> local node a leg to it ends at
    predecessors: npt.NDArray[np.int32]

    def path(self, a: str, b: str) -> tuple[str, ...]:
        """Return the node path of the leg from portal ``a`` to portal ``b``."""
        row, origin = self.rows[a], self.starts[a]
        walk = [self.ends[b]]
        while walk[-1] != origin:
            walk.append(int(self.predecessors[row, walk[-1]]))
        return tuple(self.nodes[i] for i in reversed(walk))


@dataclass(frozen=True)
class Legs:
    """Shortest legs inside each country for one edge attribute, as dense arrays.

    Axis 0 of every array is the country (``Overlay.countries``); ``pc`` is places x
    crossings, ``cp`` crossings x places, ``cc`` crossings x crossings, ``pp`` places x
    places. Missing legs are ``inf``.
    """

    pc: Matrix
    cp: Matrix
    cc: Matrix
    pp: Matrix
    trees: tuple[CountryTrees, ...]

    def path(self, country: int, a: str, b: str) -> tuple[str, ...]:
        """Return the node path of the leg from ``a`` to ``b`` inside a country."""
        return self.trees[country].path(a, b)


@dataclass(frozen=True)
class Overlay:
    """Portal legs of a road graph, computed once for every scenario."""

    graph: nx.MultiDiGraph
    countries: tuple[str, ...]
    places: tuple[str, ...]
    crossings: tuple[str, ...]
    legs: Mapping[Cost, Legs]

    def place_index(self, place: str) -> int:
        """Return the row of a place in the leg arrays."""
        return self.places.index(place)


@dataclass(frozen=True)
class _Edges:
    """Every directed edge of the graph as arrays of node indices, cheapest parallel edge."""

    nodes: tuple[str, ...]
    country: npt.NDArray[np.int64]  # country index of each node, -1 for crossings
    u: npt.NDArray[np.int64]
    v: npt.NDArray[np.int64]
    weight: Matrix


def _edges(graph: nx.MultiDiGraph, countries: Sequence[str], attr: Cost) -> _Edges:
    nodes = tuple(graph.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    code = {c: i for i, c in enumerate(countries)}
    country = np.array([code.get(graph.nodes[n]["country"], -1) for n in nodes], dtype=np.int64)
    triples = [(index[u], index[v], float(w)) for u, v, w in graph.edges(data=attr)]
    u, v, w = (
        (np.array(a) for a in zip(*triples, strict=True))
        if triples
        else (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))
    )
    return _Edges(nodes, country, u.astype(np.int64), v.astype(np.int64), w.astype(np.float64))


def _country_trees(
    edges: _Edges, x: int, portals: Sequence[str], borders: Sequence[str]
) -> tuple[CountryTrees, Matrix, list[str]]:
    """Run Dijkstra inside country ``x`` from every portal; return trees and the leg table."""
    index = {n: i for i, n in enumerate(edges.nodes)}
    inside = np.flatnonzero(edges.country == x)
    m, k = len(inside), len(borders)
    entering = np.full(len(edges.nodes), -1)  # local id of a crossing as a leg's end
    leaving = np.full(len(edges.nodes), -1)  # local id of a crossing as a leg's start
    local = np.full(len(edges.nodes), -1)
    local[inside] = np.arange(m)
    for j, crossing in enumerate(borders):
        entering[index[crossing]] = m + 2 * j
        leaving[index[crossing]] = m + 2 * j + 1
    rows = np.where(local[edges.u] >= 0, local[edges.u], leaving[edges.u])
    cols = np.where(local[edges.v] >= 0, local[edges.v], entering[edges.v])
    keep = (rows >= 0) & (cols >= 0) & ((local[edges.u] >= 0) | (local[edges.v] >= 0))
    rows, cols, weight = rows[keep], cols[keep], edges.weight[keep]
    order = np.lexsort((weight, cols, rows))  # cheapest parallel edge first
    rows, cols, weight = rows[order], cols[order], weight[order]
    first = np.ones(len(rows), bool)
    first[1:] = (rows[1:] != rows[:-1]) | (cols[1:] != cols[:-1])
    size = m + 2 * k
    matrix = csr_matrix((weight[first], (rows[first], cols[first])), shape=(size, size))
    names = [edges.nodes[i] for i in inside] + [c for c in borders for _ in (0, 1)]
    start = {p: int(local[index[p]]) for p in portals}
    start |= {c: m + 2 * j + 1 for j, c in enumerate(borders)}
    end = {p: int(local[index[p]]) for p in portals}
    end |= {c: m + 2 * j for j, c in enumerate(borders)}
    sources = list(start)
    dist, pred = dijkstra(
        matrix, directed=True, indices=[start[s] for s in sources], return_predecessors=True
    )
    table = dist[:, [end[t] for t in sources]]
    trees = CountryTrees(
        tuple(names), {s: r for r, s in enumerate(sources)}, start, end, pred.astype(np.int32)
    )
    return trees, table, sources


def build_overlay(graph: nx.MultiDiGraph, *, costs: Sequence[Cost] = COSTS) -> Overlay:
    """Compute every portal leg of every country (C-speed Dijkstra from scipy).

    Parameters
    ----------
    graph
        Road graph from :func:`corridor.build_graph`.
    costs
        Edge attributes to prepare: distance and the two kinds of time by default.

    """
    dataset: Dataset = graph.graph["dataset"]
    countries = tuple(sorted({p.country for p in dataset.places.values()}))
    places = tuple(p.id for p in dataset.places.values() if p.kind != "junction")
    crossings = tuple(dataset.crossings)
    pi = {p: i for i, p in enumerate(places)}
    ci = {c: i for i, c in enumerate(crossings)}
    nc, n, k = len(countries), len(places), len(crossings)
    legs: dict[Cost, Legs] = {}
    for attr in costs:
        edges = _edges(graph, countries, attr)
        pc, cp = np.full((nc, n, k), INF), np.full((nc, k, n), INF)
        cc, pp = np.full((nc, k, k), INF), np.full((nc, n, n), INF)
        trees = []
        for x, country in enumerate(countries):
            portals = [p for p in places if dataset.places[p].country == country]
            borders = [
                c.id for c in dataset.crossings.values() if country in (c.country_a, c.country_b)
            ]
            tree, table, portals_and_borders = _country_trees(edges, x, portals, borders)
            trees.append(tree)
            for r, a in enumerate(portals_and_borders):
                for c, b in enumerate(portals_and_borders):
                    if a == b:
                        continue
                    value = float(table[r, c])
                    if a in pi and b in ci:
                        pc[x, pi[a], ci[b]] = value
                    elif a in ci and b in pi:
                        cp[x, ci[a], pi[b]] = value
                    elif a in ci and b in ci:
                        cc[x, ci[a], ci[b]] = value
                    else:
                        pp[x, pi[a], pi[b]] = value
        legs[attr] = Legs(pc, cp, cc, pp, tuple(trees))
    return Overlay(graph, countries, places, crossings, legs)


@dataclass(frozen=True)
class Gates:
    """Which crossings may be entered from, or left into, each country under a scenario.

    ``enter[x, c]``: a traveller in country ``x`` may enter crossing ``c``; ``leave[c, x]``: a
    traveller at crossing ``c`` may leave into country ``x``. ``delay`` is added on entering.
    """

    enter: npt.NDArray[np.bool_]
    leave: npt.NDArray[np.bool_]
    delay: Matrix


def gates(overlay: Overlay, scenario: Scenario) -> Gates:
    """Return the crossing gates of a scenario."""
    dataset: Dataset = overlay.graph.graph["dataset"]
    states = crossing_states(dataset, scenario)
    nc, k = len(overlay.countries), len(overlay.crossings)
    enter, leave = np.zeros((nc, k), bool), np.zeros((k, nc), bool)
    delay = np.zeros(k)
    for j, cid in enumerate(overlay.crossings):
        crossing = dataset.crossings[cid]
        sides: tuple[tuple[str, Direction, Direction], ...] = (
            (crossing.country_a, "a_to_b", "b_to_a"),
            (crossing.country_b, "b_to_a", "a_to_b"),
        )
        for here, outward, inward in sides:
            if here not in overlay.countries:
                continue
            x = overlay.countries.index(here)
            enter[x, j] = states[(cid, outward)].passable
            leave[j, x] = states[(cid, inward)].passable
        if scenario.weight == "time":
            delay[j] = delay_hours(crossing, scenario) * 3600
    return Gates(enter, leave, delay)


def _allowed(overlay: Overlay, scenario: Scenario, keep: Sequence[str]) -> npt.NDArray[np.bool_]:
    avoided = scenario.avoid_countries - set(keep)
    return np.array([c not in avoided for c in overlay.countries])


@dataclass(frozen=True)
class Tables:
    """Per-scenario leg tables, with the country each best leg runs through."""

    a: Matrix  # places x crossings (delay of the entered crossing included)
    a_via: npt.NDArray[np.intp]
    t: Matrix  # crossings x crossings closure
    t_next: npt.NDArray[np.intp]  # first hop of the closure, -1 when none
    t0_via: npt.NDArray[np.intp]
    b: Matrix  # crossings x places
    b_via: npt.NDArray[np.intp]
    direct: Matrix
    direct_via: npt.NDArray[np.intp]


def _best(stack: Matrix) -> tuple[Matrix, npt.NDArray[np.intp]]:
    return stack.min(axis=0), stack.argmin(axis=0)


def tables(overlay: Overlay, scenario: Scenario, *, keep: Sequence[str] = ()) -> Tables:
    """Return the scenario's leg tables (``keep``: countries exempt from avoidance)."""
    legs = overlay.legs[cost_attribute(scenario)]
    g = gates(overlay, scenario)
    ok = _allowed(overlay, scenario, keep)
    a, a_via = _best(np.where(g.enter[:, None, :] & ok[:, None, None], legs.pc, INF))
    a = a + g.delay[None, :]
    b, b_via = _best(np.where(g.leave.T[:, :, None] & ok[:, None, None], legs.cp, INF))
    t0, t0_via = _best(
        np.where(g.leave.T[:, :, None] & g.enter[:, None, :] & ok[:, None, None], legs.cc, INF)
    )
    t0 = t0 + g.delay[None, :]
    direct, direct_via = _best(np.where(ok[:, None, None], legs.pp, INF))
    t, t_next = closure(t0)
    return Tables(a, a_via, t, t_next, t0_via, b, b_via, direct, direct_via)


def closure(t0: Matrix) -> tuple[Matrix, npt.NDArray[np.intp]]:
    """Floyd-Warshall over crossings, with zero-cost self loops and first-hop pointers.

    Works on one ``(K, K)`` matrix or a batch ``(..., K, K)`` of them at once.
    """
    k = t0.shape[-1]
    t = t0.copy()
    diagonal = np.eye(k, dtype=bool)
    t[..., diagonal] = 0.0
    nxt = np.where(np.isfinite(t), np.arange(k), -1)
    for m in range(k):
        through = t[..., :, m : m + 1] + t[..., m : m + 1, :]
        better = through < t
        t = np.where(better, through, t)
        nxt = np.where(better, nxt[..., :, m : m + 1], nxt)
    return t, nxt


def distance_matrix(overlay: Overlay, scenario: Scenario) -> Matrix:
    """Return the cost between every pair of places (``inf`` where no route) for a scenario.

    Avoided countries are avoided everywhere here, also for trips that start or end in them.
    """
    tab = tables(overlay, scenario)
    via: Matrix = np.min(tab.a[:, :, None] + tab.t[None, :, :], axis=1)
    best: Matrix = np.minimum(np.min(via[:, :, None] + tab.b[None, :, :], axis=1), tab.direct)
    np.fill_diagonal(best, 0.0)
    return best


def overlay_route(overlay: Overlay, origin: str, destination: str, scenario: Scenario) -> Route:
    """Return the same route as :func:`corridor.find_route`, computed on the overlay.

    Raises
    ------
    NoRouteError
        If no route exists under the scenario.

    """
    graph = overlay.graph
    keep = (graph.nodes[origin]["country"], graph.nodes[destination]["country"])
    tab = tables(overlay, scenario, keep=keep)
    o, d = overlay.place_index(origin), overlay.place_index(destination)
    chain = tab.a[o, :, None] + tab.t + tab.b[:, d][None, :]
    c1, c2 = np.unravel_index(int(np.argmin(chain)), chain.shape)
    if min(float(chain[c1, c2]), float(tab.direct[o, d])) == INF:
        raise NoRouteError("no route")
    legs = overlay.legs[cost_attribute(scenario)]
    names = overlay.crossings
    if tab.direct[o, d] <= chain[c1, c2]:
        path = list(legs.path(int(tab.direct_via[o, d]), origin, destination))
    else:
        path = list(legs.path(int(tab.a_via[o, c1]), origin, names[c1]))
        here = int(c1)
        while here != c2:
            step = int(tab.t_next[here, c2])
            path += legs.path(int(tab.t0_via[here, step]), names[here], names[step])[1:]
            here = step
        path += legs.path(int(tab.b_via[c2, d]), names[c2], destination)[1:]
    cost = edge_cost(graph, scenario, keep_countries=frozenset(keep))
    return route_from_path(graph, path, scenario=scenario, cost=cost)
