"""Build once, answer fast: the checked dataset, its road graph and its overlay, cached.

Entries are keyed by the content of the dataset files and overlays, where they are, and the
code that builds them (:func:`geodata.keys.dataset_key`), so an edited file or a new version
never answers from an old entry; see :mod:`geodata.cache` for how entries are kept and checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from corridor.graph import build_graph, dataset_of
from geodata import Dataset
from geodata.cache import fetch, store
from geodata.keys import code_key, dataset_key

if TYPE_CHECKING:
    from corridor.routing.overlay import Overlay

__all__ = ["BIG_NETWORK_ROADS", "GRAPH_CODE", "load_network", "network_overlay", "trip_overlay"]

_KEY = "cache_key"  # graph.graph attribute: the key the graph was built under
# From this many roads on, a network is big: one trip is routed on the overlay's legs (on the
# whole graph it takes seconds; below, Dijkstra takes milliseconds, less than loading the legs),
# and the command line keeps the loaded network out of the garbage collector's passes.
BIG_NETWORK_ROADS = 20_000
# The code that shapes a graph (besides the dataset's readers and checks, geodata.keys): the
# graph, its lengths and their ranges, its edge table and the costs that table holds.
GRAPH_CODE = ("corridor.graph", "corridor.uncertainty", "corridor.edges", "corridor.routing.core")


def load_network(
    path: str | Path | None = None,
    *,
    status_files: Sequence[str | Path] = (),
    use_cache: bool = True,
) -> tuple[Dataset, nx.MultiDiGraph]:
    """Return a checked dataset and its road graph, from the cache when it holds them.

    The same as :func:`geodata.load_dataset` followed by :func:`corridor.build_graph`.
    """
    salt = code_key(*GRAPH_CODE)
    key = dataset_key(path, status_files=status_files, salt=salt) if use_cache else None
    cached = fetch("graphs", key) if key else None
    if isinstance(cached, nx.MultiDiGraph) and isinstance(cached.graph.get("dataset"), Dataset):
        return dataset_of(cached), cached
    from geodata.load import load_dataset  # reading and checking: only without an entry

    dataset = load_dataset(path, status_files=status_files, use_cache=use_cache)
    graph = build_graph(dataset)
    if key:
        graph.graph[_KEY] = key
        store("graphs", key, graph)
    return dataset, graph


def network_overlay(graph: nx.MultiDiGraph) -> Overlay:
    """Return the overlay of a graph, from the cache when the graph came from it.

    The same as :func:`corridor.routing.build_overlay` with its default costs.
    """
    from corridor.routing.overlay import Overlay, build_overlay

    key = graph.graph.get(_KEY)
    if not key:
        return build_overlay(graph)
    entry = f"{key}-{code_key('corridor.routing.overlay')}"
    cached = fetch("overlays", entry)
    if isinstance(cached, Overlay):
        return replace(cached, graph=graph)
    overlay = build_overlay(graph)
    # The graph is cached on its own: the entry holds the legs only.
    store("overlays", entry, replace(overlay, graph=nx.MultiDiGraph()))
    return overlay


def trip_overlay(graph: nx.MultiDiGraph) -> Overlay | None:
    """Return the overlay to route single trips on, or ``None`` to route on the whole graph.

    The overlay (cached with the graph) when the network has :data:`BIG_NETWORK_ROADS` roads or
    more; either way the route is the same (the overlay is tested against the graph).
    """
    return network_overlay(graph) if len(dataset_of(graph).roads) >= BIG_NETWORK_ROADS else None
