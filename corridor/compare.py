"""Compare routes under several scenarios against a baseline."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from corridor.routing import NoRouteError, Route, find_route
from corridor.scenario import Scenario


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


@dataclass(frozen=True)
class Comparison:
    """A baseline outcome and the outcomes of the scenarios compared with it."""

    origin: str
    destination: str
    baseline: Outcome
    scenarios: tuple[Outcome, ...]


def evaluate(
    graph: nx.MultiDiGraph, origin: str, destination: str, scenario: Scenario, *, label: str
) -> Outcome:
    """Route under one scenario, turning "no route" into an outcome with its reason."""
    try:
        return Outcome(label, scenario, find_route(graph, origin, destination, scenario=scenario))
    except NoRouteError as exc:
        return Outcome(label, scenario, None, exc.reason)


def compare(
    graph: nx.MultiDiGraph,
    origin: str,
    destination: str,
    scenarios: Sequence[tuple[str, Scenario]],
    *,
    baseline: Scenario,
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
        The scenario every other one is measured against.

    Returns
    -------
    Comparison

    """
    base = evaluate(graph, origin, destination, baseline, label="baseline")
    outcomes = tuple(evaluate(graph, origin, destination, s, label=label) for label, s in scenarios)
    ends = base.route or next((o.route for o in outcomes if o.route), None)
    return Comparison(
        origin=ends.origin if ends else origin,
        destination=ends.destination if ends else destination,
        baseline=base,
        scenarios=outcomes,
    )
