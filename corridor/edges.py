"""Every directed edge of a road graph as arrays: what the overlay's Dijkstra passes read.

Pulling a million edges out of networkx's dicts is slower than the Dijkstra passes that need
them, so a graph carries its :class:`EdgeTable` in ``graph.graph["edge_table"]``: made while
the graph is built (:func:`corridor.build_graph`), or once on first use, and kept with the graph
in the cache. A table that no longer matches its graph (nodes or edges added or removed since;
a frozen graph cannot change) is made again, never used.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import networkx as nx
import numpy as np
import numpy.typing as npt

__all__ = ["EdgeTable", "edge_table", "freeze_with_table"]

_ATTRIBUTE = "edge_table"
# The table a graph was frozen with: it stays true, so nobody need count the edges again.
_FROZEN_WITH = "edge_table_frozen"


@dataclass(frozen=True)
class EdgeTable:
    """The edges ``nodes[u[i]] -> nodes[v[i]]``, with one weight array per edge attribute."""

    nodes: tuple[str, ...]
    u: npt.NDArray[np.int64]
    v: npt.NDArray[np.int64]
    weights: Mapping[str, npt.NDArray[np.float64]]
    keys: tuple[str, ...] = ()  # each edge's key: its road id

    def fits(self, graph: nx.MultiDiGraph, costs: Sequence[str]) -> bool:
        """Whether the table still describes ``graph`` and holds every one of ``costs``."""
        if graph.graph.get(_FROZEN_WITH) is self and nx.is_frozen(graph):
            return all(c in self.weights for c in costs)
        # networkx's own edge count walks a view per node: counting the raw dicts is faster.
        edges = sum(
            len(keyed) for _, neighbours in graph.adjacency() for keyed in neighbours.values()
        )
        return (
            len(self.nodes) == graph.number_of_nodes()
            and len(self.u) == edges
            and len(self.keys) == edges
            and all(c in self.weights for c in costs)
        )

    def attach(self, graph: nx.MultiDiGraph) -> EdgeTable:
        """Keep the table on ``graph`` for the overlay to find; return it."""
        graph.graph[_ATTRIBUTE] = self
        return self


def _extract(graph: nx.MultiDiGraph, costs: Sequence[str]) -> EdgeTable:
    nodes = tuple(graph.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    pick = itemgetter(*costs)
    ends: list[tuple[int, int]] = []
    values: list[Any] = []
    keys: list[str] = []
    for a, neighbours in graph.adjacency():
        i = index[a]
        for b, keyed in neighbours.items():
            j = index[b]
            for key, data in keyed.items():
                ends.append((i, j))
                values.append(pick(data))
                keys.append(key)
    pairs = np.array(ends, dtype=np.int64).reshape(-1, 2)
    table = np.array(values, dtype=np.float64).reshape(len(values), len(costs))
    weights = {c: np.ascontiguousarray(table[:, n]) for n, c in enumerate(costs)}
    return EdgeTable(nodes, pairs[:, 0].copy(), pairs[:, 1].copy(), weights, tuple(keys))


def freeze_with_table(graph: nx.MultiDiGraph, *, costs: Sequence[str]) -> nx.MultiDiGraph:
    """Freeze ``graph`` with its edge table of ``costs``: later uses trust it without a check."""
    table = edge_table(graph, costs=costs)
    nx.freeze(graph)
    graph.graph[_FROZEN_WITH] = table
    return graph


def edge_table(graph: nx.MultiDiGraph, *, costs: Sequence[str]) -> EdgeTable:
    """Return the graph's edge table with at least ``costs``, making it if it has none that fits."""
    table = graph.graph.get(_ATTRIBUTE)
    if isinstance(table, EdgeTable) and table.fits(graph, costs):
        return table
    return _extract(graph, costs).attach(graph)
