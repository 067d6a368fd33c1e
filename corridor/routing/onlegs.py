"""One trip routed on the overlay's legs: the same route as on the graph, in milliseconds.

A trip may start or end at a crossing, as on the graph: that crossing is left or reached
whatever its status, and its border delay is not paid (it is reached, not crossed).
"""

from __future__ import annotations

import numpy as np

from corridor.errors import NoRouteError
from corridor.routing.core import Route, Trip, cost_attribute, route_from_path
from corridor.routing.dijkstra import shortest
from corridor.routing.explain import frontier, no_route_reason
from corridor.routing.minplus import Tables, allowed_countries, gates, tables
from corridor.routing.overlay import INF, Matrix, Overlay, overlay_for
from corridor.scenario import Scenario

__all__ = ["overlay_route", "route_on_overlay"]


def overlay_route(
    overlay: Overlay, origin: str, destination: str, *, scenario: Scenario | None = None
) -> Route:
    """Return the same route as :func:`corridor.find_route`, computed on the overlay.

    Takes the same arguments (place and crossing names or ids) and raises the same errors. A
    trip to or from a junction, which has no legs, is routed on the graph.
    """
    trip = Trip.resolve(overlay.graph, origin, destination, scenario)
    return shortest(trip, overlay=overlay)


def _to_crossings(overlay: Overlay, tab: Tables, end: str, *, leaving: bool) -> Matrix:
    """Return the cost from ``end`` to each crossing (or from each crossing to it)."""
    if end in overlay.crossing_rows:
        costs = np.full(len(overlay.crossings), INF)
        costs[overlay.crossing_rows[end]] = 0.0
        return costs
    row = overlay.place_index(end)
    return tab.a[0, row, :] if leaving else tab.b[0, :, row]


def route_on_overlay(overlay: Overlay, trip: Trip) -> Route:
    """Return the route of a resolved trip on the overlay.

    Raises
    ------
    NoRouteError
        If no route exists under the scenario (the reason names what blocks it).

    """
    scenario = trip.scenario
    allowed = allowed_countries(overlay, trip.avoided)
    batch = gates(overlay, scenario, free=trip.ends)
    tab = tables(overlay, batch, scenario=scenario, allowed=allowed, keep_via=True)
    assert tab.a_via is not None and tab.t0_via is not None
    assert tab.b_via is not None and tab.direct_via is not None
    start = _to_crossings(overlay, tab, trip.origin, leaving=True)
    finish = _to_crossings(overlay, tab, trip.destination, leaving=False)
    chain = start[:, None] + tab.t[0] + finish[None, :]
    c1, c2 = (int(i) for i in np.unravel_index(int(np.argmin(chain)), chain.shape))
    rows = overlay.place_rows
    o, d = rows.get(trip.origin), rows.get(trip.destination)
    direct = float(tab.direct[o, d]) if o is not None and d is not None else INF
    if min(float(chain[c1, c2]), direct) == INF:
        blocked = frontier(trip)
        raise NoRouteError(no_route_reason(trip, blocked), blocked)
    legs = overlay_for(overlay, scenario).legs[cost_attribute(scenario)]
    names = overlay.crossings
    if direct <= chain[c1, c2]:
        path = list(legs.path(int(tab.direct_via[o, d]), trip.origin, trip.destination))
    else:
        path = [trip.origin]
        if o is not None:
            path = list(legs.path(int(tab.a_via[0, o, c1]), trip.origin, names[c1]))
        here = c1
        while here != c2:
            step = int(tab.t_next[0, here, c2])
            path += legs.path(int(tab.t0_via[0, here, step]), names[here], names[step])[1:]
            here = step
        if d is not None:
            path += legs.path(int(tab.b_via[0, c2, d]), names[c2], trip.destination)[1:]
    return route_from_path(trip.graph, path, scenario=scenario, cost=trip.edge_cost())
