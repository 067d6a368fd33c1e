"""Road corridors across borders: what happens to a route when a crossing closes.

Every name loads its module on first use; the overlay (``build_overlay``,
``overlay_route``) also loads scipy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from geodata.lazy import lazy_exports

if TYPE_CHECKING:
    from corridor.comparison import Comparison, Outcome, compare, evaluate
    from corridor.dates import DateComparison, compare_dates
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
    from geodata.errors import UnknownNameError
    from geodata.load import load_dataset

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

# Each name is imported from its module on first use (geodata.lazy).
__getattr__ = lazy_exports(
    __name__,
    {
        "Comparison": "corridor.comparison",
        "Outcome": "corridor.comparison",
        "compare": "corridor.comparison",
        "evaluate": "corridor.comparison",
        "DateComparison": "corridor.dates",
        "compare_dates": "corridor.dates",
        "CorridorError": "corridor.errors",
        "DataError": "corridor.errors",
        "InputError": "corridor.errors",
        "NoRouteError": "corridor.errors",
        "OutputError": "corridor.errors",
        "build_graph": "corridor.graph",
        "dataset_of": "corridor.graph",
        "Leg": "corridor.routing",
        "Route": "corridor.routing",
        "Trip": "corridor.routing",
        "alternatives": "corridor.routing",
        "blocked_crossings": "corridor.routing",
        "build_overlay": "corridor.routing",
        "find_route": "corridor.routing",
        "overlay_route": "corridor.routing",
        "Scenario": "corridor.scenario",
        "crossing_state": "corridor.scenario",
        "crossing_states": "corridor.scenario",
        "UnknownNameError": "geodata.errors",
        "load_dataset": "geodata.load",
    },
)
