"""Road corridors across borders: what happens to a route when a crossing closes."""

from corridor.compare import Comparison, Outcome, compare, evaluate
from corridor.errors import CorridorError, DataError, InputError, NoRouteError, OutputError
from corridor.graph import build_graph, dataset_of
from corridor.routing import (
    Leg,
    Route,
    Trip,
    alternatives,
    blocked_crossings,
    build_overlay,
    find_route,
    overlay_route,
)
from corridor.scenario import Scenario, crossing_state, crossing_states
from geodata import UnknownNameError, load_dataset

__all__ = [
    "Comparison",
    "CorridorError",
    "DataError",
    "InputError",
    "Leg",
    "NoRouteError",
    "Outcome",
    "OutputError",
    "Route",
    "Scenario",
    "Trip",
    "UnknownNameError",
    "alternatives",
    "blocked_crossings",
    "build_graph",
    "build_overlay",
    "compare",
    "crossing_state",
    "crossing_states",
    "dataset_of",
    "evaluate",
    "find_route",
    "load_dataset",
    "overlay_route",
]
