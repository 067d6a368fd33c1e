"""Road corridors across borders: what happens to a route when a crossing closes."""

from corridor.compare import Comparison, Outcome, compare, evaluate
from corridor.graph import build_graph
from corridor.routing import Leg, NoRouteError, Route, blocked_crossings, find_route
from corridor.scenario import Scenario, crossing_state, crossing_states
from geodata import load_dataset

__all__ = [
    "Comparison",
    "Leg",
    "NoRouteError",
    "Outcome",
    "Route",
    "Scenario",
    "blocked_crossings",
    "build_graph",
    "compare",
    "crossing_state",
    "crossing_states",
    "evaluate",
    "find_route",
    "load_dataset",
]
