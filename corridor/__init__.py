"""Road corridors across borders: what happens to a route when a crossing closes.

The overlay (``build_overlay``, ``overlay_route``) loads scipy on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from corridor.compare import Comparison, Outcome, compare, evaluate
from corridor.dates import DateComparison, compare_dates
from corridor.errors import CorridorError, DataError, InputError, NoRouteError, OutputError
from corridor.graph import build_graph, dataset_of
from corridor.routing import Leg, Route, Trip, alternatives, blocked_crossings, find_route
from corridor.scenario import Scenario, crossing_state, crossing_states
from geodata import UnknownNameError, load_dataset

if TYPE_CHECKING:
    from corridor.routing import build_overlay, overlay_route

__all__ = [
    "Comparison",
    "CorridorError",
    "DataError",
    "DateComparison",
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
    "compare_dates",
    "crossing_state",
    "crossing_states",
    "dataset_of",
    "evaluate",
    "find_route",
    "load_dataset",
    "overlay_route",
]


def __getattr__(name: str) -> Any:
    if name in ("build_overlay", "overlay_route"):
        import corridor.routing

        return getattr(corridor.routing, name)
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
