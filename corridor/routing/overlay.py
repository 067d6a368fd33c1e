"""The portal overlay: scenario-independent legs inside each country, computed once.

Crossings are the only things that open and close, and every path between countries passes
through a crossing node. Inside one country the shortest path between two of its portals (its
places and the crossings on its borders) therefore never depends on the scenario. This module
computes those legs once per cost (C-speed Dijkstra from scipy, loaded only to build them);
:mod:`corridor.routing.minplus` turns them into routes for any scenario.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace

import networkx as nx
import numpy as np
import numpy.typing as npt

from corridor.areas import blocked_roads
from corridor.edges import EdgeTable, edge_table
from corridor.errors import InputError
from corridor.graph import dataset_of
from corridor.routing.core import COSTS, Cost
from corridor.scenario import Scenario

__all__ = ["INF", "CountryTrees", "Legs", "Matrix", "Overlay", "build_overlay", "overlay_for"]

Matrix = npt.NDArray[np.float64]
INF = np.inf


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
    place_rows: Mapping[str, int] = field(default_factory=dict)
    crossing_rows: Mapping[str, int] = field(default_factory=dict)
    # Seconds spent in scipy's Dijkstra while building: the floor the rest is measured against.
    dijkstra_s: float = 0.0
    blocked: frozenset[str] = frozenset()  # roads no leg uses (areas to avoid)

    def place_index(self, place: str) -> int:
        """Return the row of a place in the leg arrays.

        Raises
        ------
        InputError
            If ``place`` is not one of the overlay's places (a junction or a crossing).

        """
        row = self.place_rows.get(place)
        if row is None:
            msg = (
                f"{place!r} is a junction or a crossing, and combinations, impact and matrices "
                "run between places; use a nearby town, or 'corridor route' (find_route) for "
                "a trip to it"
            )
            raise InputError(msg)
        return row

    def crossing_index(self, crossing: str) -> int:
        """Return the column of a crossing in the leg arrays."""
        return self.crossing_rows[crossing]


@dataclass(frozen=True)
class _Edges:
    """The graph's edge table with each node's position and country index (-1: a crossing)."""

    table: EdgeTable
    index: Mapping[str, int]
    country: npt.NDArray[np.int64]

    @property
    def nodes(self) -> tuple[str, ...]:
        return self.table.nodes

    @property
    def u(self) -> npt.NDArray[np.int64]:
        return self.table.u

    @property
    def v(self) -> npt.NDArray[np.int64]:
        return self.table.v


def _edges(
    graph: nx.MultiDiGraph,
    countries: Sequence[str],
    costs: Sequence[Cost],
    blocked: Collection[str],
) -> _Edges:
    table = edge_table(graph, costs=costs)
    if blocked:  # roads an area to avoid blocks: no leg may use them
        shut = np.array([k in blocked for k in table.keys], dtype=bool)
        weights = {c: np.where(shut, INF, w) for c, w in table.weights.items()}
        table = replace(table, weights=weights)
    code = {c: i for i, c in enumerate(countries)}
    where = dict(graph.nodes(data="country"))
    country = np.array([code.get(where[n], -1) for n in table.nodes], dtype=np.int64)
    return _Edges(table, {n: i for i, n in enumerate(table.nodes)}, country)


@dataclass(frozen=True)
class _Country:
    """The local numbering of one country's sub-graph, shared by every cost.

    Its edges are sorted by (row, column) once: ``edges`` picks them out of the graph's edge
    table in that order, each run of parallel edges starts at ``runs``, and ``indptr``,
    ``indices`` lay the distinct steps out as a CSR matrix.
    """

    names: tuple[str, ...]
    edges: npt.NDArray[np.int64]
    runs: npt.NDArray[np.int64]
    indptr: npt.NDArray[np.int64]
    indices: npt.NDArray[np.int64]
    size: int
    start: Mapping[str, int]
    end: Mapping[str, int]


def _country(edges: _Edges, x: int, portals: Sequence[str], borders: Sequence[str]) -> _Country:
    index = edges.index
    inside = np.flatnonzero(edges.country == x)
    m = len(inside)
    entering = np.full(len(edges.nodes), -1)  # local id of a crossing as a leg's end
    leaving = np.full(len(edges.nodes), -1)  # local id of a crossing as a leg's start
    local = np.full(len(edges.nodes), -1)
    local[inside] = np.arange(m)
    for j, crossing in enumerate(borders):
        entering[index[crossing]] = m + 2 * j
        leaving[index[crossing]] = m + 2 * j + 1
    rows = np.where(local[edges.u] >= 0, local[edges.u], leaving[edges.u])
    cols = np.where(local[edges.v] >= 0, local[edges.v], entering[edges.v])
    keep = np.flatnonzero(
        (rows >= 0) & (cols >= 0) & ((local[edges.u] >= 0) | (local[edges.v] >= 0))
    )
    order = keep[np.lexsort((cols[keep], rows[keep]))]
    rows, cols = rows[order], cols[order]
    first = np.ones(len(order), bool)
    first[1:] = (rows[1:] != rows[:-1]) | (cols[1:] != cols[:-1])
    runs = np.flatnonzero(first)
    size = m + 2 * len(borders)
    indptr = np.searchsorted(rows[runs], np.arange(size + 1))
    names = tuple([edges.nodes[i] for i in inside] + [c for c in borders for _ in (0, 1)])
    start = {p: int(local[index[p]]) for p in portals} | {
        c: m + 2 * j + 1 for j, c in enumerate(borders)
    }
    end = {p: int(local[index[p]]) for p in portals} | {c: m + 2 * j for j, c in enumerate(borders)}
    return _Country(names, order, runs, indptr, cols[runs], size, start, end)


def _trees(
    country: _Country, weight: Matrix, sources: Sequence[str]
) -> tuple[CountryTrees, Matrix, float]:
    """Run Dijkstra inside one country from every portal.

    Returns the trees, the leg table and the seconds Dijkstra took.
    """
    # scipy only builds legs: routing on legs from the cache never loads it.
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import dijkstra

    cheapest = (
        np.minimum.reduceat(weight[country.edges], country.runs)
        if len(country.runs)
        else weight[:0]
    )
    size = country.size
    matrix = csr_matrix((cheapest, country.indices, country.indptr), shape=(size, size))
    started = time.perf_counter()
    dist, pred = dijkstra(
        matrix,
        directed=True,
        indices=[country.start[s] for s in sources],
        return_predecessors=True,
    )
    spent = time.perf_counter() - started
    table = dist[:, [country.end[t] for t in sources]]
    trees = CountryTrees(
        country.names,
        {s: r for r, s in enumerate(sources)},
        country.start,
        country.end,
        pred.astype(np.int32, copy=False),
    )
    return trees, table, spent


def build_overlay(
    graph: nx.MultiDiGraph, *, costs: Sequence[Cost] = COSTS, blocked: Collection[str] = ()
) -> Overlay:
    """Compute every portal leg of every country.

    Parameters
    ----------
    graph
        Road graph from :func:`corridor.build_graph`.
    costs
        Edge attributes to prepare: distance and the two kinds of time by default.
    blocked
        Road ids no leg may use (see :func:`overlay_for`).

    """
    dataset = dataset_of(graph)
    countries = tuple(sorted({p.country for p in dataset.places.values()}))
    places = tuple(p.id for p in dataset.places.values() if p.kind != "junction")
    crossings = tuple(dataset.crossings)
    pi = {p: i for i, p in enumerate(places)}
    ci = {c: i for i, c in enumerate(crossings)}
    nc, n, k = len(countries), len(places), len(crossings)
    edges = _edges(graph, countries, costs, blocked)
    arrays = {
        attr: (
            np.full((nc, n, k), INF),
            np.full((nc, k, n), INF),
            np.full((nc, k, k), INF),
            np.full((nc, n, n), INF),
        )
        for attr in costs
    }
    trees: dict[Cost, list[CountryTrees]] = {attr: [] for attr in costs}
    floor = 0.0
    for x, name in enumerate(countries):
        portals = [p for p in places if dataset.places[p].country == name]
        borders = [c.id for c in dataset.crossings.values() if name in (c.country_a, c.country_b)]
        country = _country(edges, x, portals, borders)
        sources = [*portals, *borders]
        p_rows = np.array([pi[s] for s in portals], dtype=np.intp)
        c_rows = np.array([ci[s] for s in borders], dtype=np.intp)
        here, there = slice(0, len(portals)), slice(len(portals), len(sources))
        for attr in costs:
            tree, table, spent = _trees(country, edges.table.weights[attr], sources)
            floor += spent
            trees[attr].append(tree)
            np.fill_diagonal(table, INF)  # a leg joins two different portals
            pc, cp, cc, pp = arrays[attr]
            pc[x][np.ix_(p_rows, c_rows)] = table[here, there]
            cp[x][np.ix_(c_rows, p_rows)] = table[there, here]
            cc[x][np.ix_(c_rows, c_rows)] = table[there, there]
            pp[x][np.ix_(p_rows, p_rows)] = table[here, here]
    legs = {attr: Legs(*arrays[attr], tuple(trees[attr])) for attr in costs}
    return Overlay(graph, countries, places, crossings, legs, pi, ci, floor, frozenset(blocked))


_DERIVED: dict[tuple[int, frozenset[str]], tuple[Overlay, Overlay]] = {}


def overlay_for(overlay: Overlay, scenario: Scenario) -> Overlay:
    """Return the overlay whose legs avoid the roads the scenario's active areas block.

    Areas break the overlay's premise (legs inside a country do not depend on the scenario),
    so a scenario with active areas gets legs of its own, computed once and remembered.
    """
    blocked = frozenset(blocked_roads(dataset_of(overlay.graph), scenario))
    if blocked == overlay.blocked:
        return overlay
    key = (id(overlay), blocked)
    known = _DERIVED.get(key)
    if known is None or known[0] is not overlay:
        if len(_DERIVED) >= 8:
            _DERIVED.clear()
        derived = build_overlay(overlay.graph, costs=tuple(overlay.legs), blocked=blocked)
        known = _DERIVED[key] = (overlay, derived)
    return known[1]
