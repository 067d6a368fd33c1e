"""Routing: the rules, Dijkstra and Yen on the full graph, and the portal overlay.

The overlay's min-plus algebra evaluates many scenarios at once. Building it needs scipy, so
every name is imported on first use: a single route never loads it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from geodata.lazy import lazy_exports

if TYPE_CHECKING:
    from corridor.routing.core import (
        Leg,
        Route,
        Trip,
        cost_attribute,
        edge_cost,
        route_from_path,
    )
    from corridor.routing.dijkstra import alternatives, find_route
    from corridor.routing.explain import blocked_crossings
    from corridor.routing.minplus import distance_matrix
    from corridor.routing.onlegs import overlay_route
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

# Each name is imported from its module on first use (geodata.lazy).
__getattr__ = lazy_exports(
    __name__,
    {
        "Leg": "corridor.routing.core",
        "Route": "corridor.routing.core",
        "Trip": "corridor.routing.core",
        "cost_attribute": "corridor.routing.core",
        "edge_cost": "corridor.routing.core",
        "route_from_path": "corridor.routing.core",
        "alternatives": "corridor.routing.dijkstra",
        "find_route": "corridor.routing.dijkstra",
        "blocked_crossings": "corridor.routing.explain",
        "distance_matrix": "corridor.routing.minplus",
        "overlay_route": "corridor.routing.onlegs",
        "Overlay": "corridor.routing.overlay",
        "build_overlay": "corridor.routing.overlay",
    },
)
