"""Compare routes under several scenarios against a baseline."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx

from corridor.display import ComparisonViews
from corridor.errors import InputError, NoRouteError
from corridor.routing.core import Route, Trip
from corridor.routing.dijkstra import shortest
from corridor.scenario import Scenario
from corridor.uncertainty import Difference, difference

if TYPE_CHECKING:
    from corridor.routing.overlay import Overlay

__all__ = ["Comparison", "Outcome", "compare", "evaluate"]


@dataclass(frozen=True)
class Outcome:
    """The result of one scenario: a route, or the reason there is none."""

    label: str
    scenario: Scenario
    route: Route | None
    reason: str = ""

    def delta_km(self, baseline: Outcome) -> float | None:
        """Return the added distance against the baseline, or ``None`` if either has no route."""
        if self.route is None or baseline.route is None:
            return None
        return self.route.distance_km - baseline.route.distance_km

    def delta_pct(self, baseline: Outcome) -> float | None:
        """Return the added distance in percent of the baseline's."""
        delta = self.delta_km(baseline)
        if delta is None or baseline.route is None or baseline.route.distance_km == 0:
            return None
        return 100 * delta / baseline.route.distance_km

    def delta_h(self, baseline: Outcome) -> float | None:
        """Return the added time (driving plus border delay) against the baseline."""
        if self.route is None or baseline.route is None:
            return None
        return self.route.time_h - baseline.route.time_h

    def difference(self, baseline: Outcome) -> Difference | None:
        """Return the change against the baseline with its uncertainty (``None``: no route)."""
        if self.route is None or baseline.route is None:
            return None
        return difference(self.route.breakdown, baseline.route.breakdown)


@dataclass(frozen=True)
class Comparison(ComparisonViews):
    """A baseline outcome and the outcomes of the scenarios compared with it.

    ``to_frame()`` gives a DataFrame, one row per scenario; a notebook shows a table.
    """

    origin: str
    destination: str
    baseline: Outcome
    scenarios: tuple[Outcome, ...]


def evaluate(
    graph: nx.MultiDiGraph,
    origin: str,
    destination: str,
    *,
    scenario: Scenario | None = None,
    label: str = "",
    overlay: Overlay | None = None,
) -> Outcome:
    """Route under one scenario, turning "no route" into an outcome with its reason.

    ``overlay`` finds the route on the overlay's legs (see :func:`corridor.routing.shortest`).
    """
    trip = Trip.resolve(graph, origin, destination, scenario)
    try:
        return Outcome(label, trip.scenario, shortest(trip, overlay=overlay))
    except NoRouteError as exc:
        return Outcome(label, trip.scenario, None, exc.reason)


def compare(
    graph: nx.MultiDiGraph,
    origin: str,
    destination: str,
    scenarios: Sequence[tuple[str, Scenario]],
    *,
    baseline: Scenario | None = None,
    overlay: Overlay | None = None,
) -> Comparison:
    """Route once per scenario and once for the baseline.

    Parameters
    ----------
    graph
        Road graph from :func:`corridor.build_graph`.
    origin, destination
        Place ids or names.
    scenarios
        ``(label, scenario)`` pairs, e.g. ``[("Al-Qaim closed", base.with_changes(close=[...]))]``.
    baseline
        The scenario every other one is measured against (default: today, as recorded).
    overlay
        The graph's overlay, to route on its legs (see :func:`corridor.routing.shortest`).

    Returns
    -------
    Comparison

    """
    if isinstance(scenarios, str | Scenario) or not all(
        isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str)
        for item in scenarios
    ):
        msg = 'scenarios takes (label, Scenario) pairs, e.g. [("Al-Qaim closed", scenario)]'
        raise InputError(msg)
    base = evaluate(
        graph, origin, destination, scenario=baseline, label="baseline", overlay=overlay
    )
    outcomes = tuple(
        evaluate(graph, origin, destination, scenario=s, label=label, overlay=overlay)
        for label, s in scenarios
    )
    trip = Trip.resolve(graph, origin, destination, baseline)
    return Comparison(trip.origin, trip.destination, base, outcomes)
