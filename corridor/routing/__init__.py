"""Routing: the rules, Dijkstra and Yen on the full graph, and the portal overlay.

The overlay's min-plus algebra evaluates many scenarios at once.
"""

from corridor.routing.core import Leg, Route, Trip, cost_attribute, edge_cost, route_from_path
from corridor.routing.dijkstra import alternatives, find_route
from corridor.routing.explain import blocked_crossings
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
