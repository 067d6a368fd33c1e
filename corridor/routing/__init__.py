"""Routing: the rules, Dijkstra and Yen on the full graph, and the portal overlay.

The overlay's min-plus algebra evaluates many scenarios at once. It needs scipy, so it is
imported on first use: a single route never loads it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from corridor.routing.core import Leg, Route, Trip, cost_attribute, edge_cost, route_from_path
from corridor.routing.dijkstra import alternatives, find_route
from corridor.routing.explain import blocked_crossings

if TYPE_CHECKING:
    from corridor.routing.minplus import distance_matrix, overlay_route
    from corridor.routing.overlay import Overlay, build_overlay

__all__ = [
    "Leg",
    "Overlay",
    "Route",
    "Trip",
    "alternatives",
    "blocked_crossings",
    "build_overlay",
    "cost_attribute",
    "distance_matrix",
    "edge_cost",
    "find_route",
    "overlay_route",
    "route_from_path",
]

_LAZY = {
    "Overlay": "corridor.routing.overlay",
    "build_overlay": "corridor.routing.overlay",
    "distance_matrix": "corridor.routing.minplus",
    "overlay_route": "corridor.routing.minplus",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
