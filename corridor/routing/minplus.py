"""Scenarios as min-plus algebra on the portal legs, a batch of scenarios at a time.

For one batch of scenarios (a single scenario is a batch of one)::

    cost(o, d) = min(direct(o, d), min over c1, c2 of A[o, c1] + T*[c1, c2] + B[c2, d])

where ``A`` holds legs from places into crossings (with the border delay when minimising time),
``B`` legs from crossings to places, and ``T*`` the closure (Floyd-Warshall) of
crossing-to-crossing legs. Which legs a scenario may use is decided by its gates: which
crossings may be entered from, or left into, each country. Results equal plain Dijkstra on the
full graph; the tests check it on generated datasets against an independent model.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from corridor.graph import dataset_of
from corridor.routing.core import avoided_on_trip, cost_attribute
from corridor.routing.overlay import INF, Matrix, Overlay, overlay_for
from corridor.scenario import Scenario, crossing_states, delay_hours
from corridor.sweep import DEFAULT_MEMORY
from geodata.records import Direction

__all__ = [
    "DEFAULT_MEMORY",
    "Gates",
    "Tables",
    "allowed_countries",
    "batch_size",
    "distance_matrix",
    "gates",
    "legs_of",
    "pair_costs",
    "tables",
    "trip_costs",
    "with_closures",
]

Mask = npt.NDArray[np.bool_]
Indices = npt.NDArray[np.intp]
# Preferred size of a batch: measured fastest on this project's machines (benchmarks/scale.py).
CACHE_BYTES = 16 << 20


@dataclass(frozen=True)
class Gates:
    """Which crossings may be entered from, or left into, each country, per scenario of a batch.

    ``enter[s, x, c]``: in scenario ``s`` a traveller in country ``x`` may enter crossing
    ``c``; ``leave[s, c, x]``: a traveller at ``c`` may leave into ``x``. ``delay[c]`` is
    added on entering ``c`` (seconds; zero when minimising distance).
    """

    enter: Mask
    leave: Mask
    delay: Matrix

    def __len__(self) -> int:
        return len(self.enter)


def gates(overlay: Overlay, scenario: Scenario, *, free: Collection[str] = ()) -> Gates:
    """Return the gates of one scenario (a batch of one).

    The crossings in ``free`` (a trip's ends) may be entered and left whatever their status,
    and cost no delay: as :func:`corridor.routing.core.edge_cost` treats them on the graph.
    """
    dataset = dataset_of(overlay.graph)
    states = crossing_states(dataset, scenario)
    nc, k = len(overlay.countries), len(overlay.crossings)
    enter, leave = np.zeros((1, nc, k), bool), np.zeros((1, k, nc), bool)
    delay = np.zeros(k)
    country = {c: x for x, c in enumerate(overlay.countries)}
    for j, cid in enumerate(overlay.crossings):
        crossing = dataset.crossings[cid]
        sides: tuple[tuple[str, Direction, Direction], ...] = (
            (crossing.country_a, "a_to_b", "b_to_a"),
            (crossing.country_b, "b_to_a", "a_to_b"),
        )
        for here, outward, inward in sides:
            if here in country:
                enter[0, country[here], j] = states[(cid, outward)].passable or cid in free
                leave[0, j, country[here]] = states[(cid, inward)].passable or cid in free
        if scenario.weight == "time" and cid not in free:
            delay[j] = delay_hours(crossing, scenario) * 3600
    return Gates(enter, leave, delay)


def with_closures(base: Gates, columns: Sequence[int], closed: Mask, *, open_rest: bool) -> Gates:
    """Return a batch of scenarios made from one scenario's gates.

    Row ``s`` closes ``columns[j]`` (both ways) where ``closed[s, j]`` is set; the other
    listed crossings are forced open if ``open_rest``, else keep the scenario's gates.
    """
    count = len(closed)
    enter = np.repeat(base.enter[:1], count, axis=0)
    leave = np.repeat(base.leave[:1], count, axis=0)
    for j, column in enumerate(columns):
        shut = closed[:, j]
        if open_rest:
            enter[:, :, column] = ~shut[:, None]
            leave[:, column, :] = ~shut[:, None]
        else:
            enter[shut, :, column] = False
            leave[shut, column, :] = False
    return Gates(enter, leave, base.delay)


def allowed_countries(overlay: Overlay, avoided: frozenset[str]) -> Mask:
    """Return the countries a route may enter: all but ``avoided``."""
    return np.array([c not in avoided for c in overlay.countries])


@dataclass(frozen=True)
class Tables:
    """Leg tables of a batch of scenarios.

    The ``*_via`` arrays (which country each best leg runs through) are kept only when asked
    for, to rebuild routes.
    """

    a: Matrix  # (batch, places, crossings), delay of the entered crossing included
    t: Matrix  # (batch, crossings, crossings): closure, zero on the diagonal
    t_next: npt.NDArray[np.intp]  # (batch, crossings, crossings): first hop, -1 when none
    b: Matrix  # (batch, crossings, places)
    direct: Matrix  # (places, places): trips that cross no border
    a_via: npt.NDArray[np.intp] | None = None
    t0_via: npt.NDArray[np.intp] | None = None
    b_via: npt.NDArray[np.intp] | None = None
    direct_via: npt.NDArray[np.intp] | None = None


def _best(stack: Matrix, axis: int, keep_via: bool) -> tuple[Matrix, npt.NDArray[np.intp] | None]:
    return stack.min(axis=axis), (stack.argmin(axis=axis) if keep_via else None)


def tables(
    overlay: Overlay, gates: Gates, *, scenario: Scenario, allowed: Mask, keep_via: bool = False
) -> Tables:
    """Return the leg tables of a batch: the one place the min-plus algebra is written.

    ``gates`` is the batch of scenarios, ``scenario`` gives the cost minimised
    (:func:`corridor.routing.core.cost_attribute`), ``allowed`` the countries routes may run
    through (:func:`allowed_countries`); ``keep_via`` keeps which country each best leg runs
    through, to rebuild routes.
    """
    a, t0, b, direct, vias = legs_of(overlay, gates, scenario=scenario, allowed=allowed,
                                     keep_via=keep_via)  # fmt: skip
    t, t_next = _closure(t0)
    return Tables(a, t, t_next, b, direct, *vias)


def legs_of(
    overlay: Overlay, gates: Gates, *, scenario: Scenario, allowed: Mask, keep_via: bool = False,
    origins: slice = slice(None), destinations: slice = slice(None),
) -> tuple[Matrix, Matrix, Matrix, Matrix, tuple[npt.NDArray[np.intp] | None, ...]]:  # fmt: skip
    """Return a batch's best legs: ``a``, ``t0``, ``b``, ``direct`` and their ``*_via``.

    Place to crossing, crossing to crossing (each with the delay of the crossing it enters),
    crossing to place, place to place; ``origins`` and ``destinations`` pick the places.
    """
    legs = overlay_for(overlay, scenario).legs[cost_attribute(scenario)]
    ok = allowed[None, :, None, None]
    enter, leave = gates.enter, gates.leave.transpose(0, 2, 1)  # both (batch, country, crossing)
    pc, cp = legs.pc[:, origins, :], legs.cp[:, :, destinations]
    a, a_via = _best(np.where(enter[:, :, None, :] & ok, pc[None], INF), 1, keep_via)
    b, b_via = _best(np.where(leave[:, :, :, None] & ok, cp[None], INF), 1, keep_via)
    t0_ok = leave[:, :, :, None] & enter[:, :, None, :] & ok
    t0, t0_via = _best(np.where(t0_ok, legs.cc[None], INF), 1, keep_via)
    direct, direct_via = _best(np.where(allowed[:, None, None], legs.pp, INF), 0, keep_via)
    delay = gates.delay[None, None, :]
    return a + delay, t0 + delay, b, direct, (a_via, t0_via, b_via, direct_via)


def _closure(t0: Matrix) -> tuple[Matrix, npt.NDArray[np.intp]]:
    """Floyd-Warshall over the crossings of every scenario, with first-hop pointers."""
    k = t0.shape[-1]
    t = t0.copy()
    t[:, np.eye(k, dtype=bool)] = 0.0
    nxt = np.where(np.isfinite(t), np.arange(k), -1)
    for m in range(k):
        through = t[:, :, m : m + 1] + t[:, m : m + 1, :]
        better = through < t
        t = np.where(better, through, t)
        nxt = np.where(better, nxt[:, :, m : m + 1], nxt)
    return t, nxt


def pair_costs(tab: Tables, origins: Indices, destinations: Indices) -> Matrix:
    """Return ``(batch, pairs)`` costs between given place rows, ``inf`` where no route.

    Costs are found for the rectangle of the pairs' origins and destinations (broadcasting is
    much faster than gathering pair by pair), the minimum over the last crossing taken one
    crossing at a time, and the pairs read out at the end.
    """
    o_rows, o_pick = np.unique(origins, return_inverse=True)
    d_rows, d_pick = np.unique(destinations, return_inverse=True)
    batch, k = len(tab.a), tab.t.shape[-1]
    via = np.full((batch, len(o_rows), k), INF)
    for c1 in range(k):
        np.minimum(via, tab.a[:, o_rows, c1, None] + tab.t[:, None, c1, :], out=via)
    grid = np.broadcast_to(tab.direct[np.ix_(o_rows, d_rows)], (batch, len(o_rows), len(d_rows)))
    grid = grid.copy()
    for c2 in range(k):
        np.minimum(grid, via[:, :, c2, None] + tab.b[:, c2, d_rows][:, None, :], out=grid)
    best: Matrix = grid[:, o_pick.ravel(), d_pick.ravel()]
    best[:, origins == destinations] = 0.0
    return best


def batch_size(overlay: Overlay, rectangle: int, *, memory: int = DEFAULT_MEMORY) -> int:
    """Return how many scenarios fit in one batch within ``memory`` bytes.

    ``rectangle`` is the number of origin x destination cells the batch computes.
    """
    # Mutation testing skips these lines: a batch size changes how fast, never what is found.
    x, p, k = (
        len(overlay.countries),
        len(overlay.places),
        len(overlay.crossings),
    )  # pragma: no mutate
    # The leg stacks of tables() (country x place x crossing, three at once at most), then
    # pair_costs: its per-origin table and two origin x destination grids.
    per_scenario = 9 * (3 * x * p * k + x * k * k) + 8 * (
        p * k + 2 * rectangle
    )  # pragma: no mutate
    # Batches that fit in the CPU cache run several times faster than ones that do not.
    return max(1, int(min(memory, CACHE_BYTES) // max(per_scenario, 1)))  # pragma: no mutate


def _by_avoidance(
    overlay: Overlay, scenario: Scenario, origins: Indices, destinations: Indices
) -> Iterator[tuple[frozenset[str], Mask]]:
    """Group trips by the countries each may not enter (see ``avoided_on_trip``)."""
    countries = overlay.countries
    code = {c: i for i, c in enumerate(countries)}
    home = np.array([code[overlay.graph.nodes[p]["country"]] for p in overlay.places])
    pair = home[origins] * len(countries) + home[destinations]
    groups: dict[frozenset[str], list[int]] = {}
    for value in np.unique(pair):
        o, d = divmod(int(value), len(countries))
        groups.setdefault(avoided_on_trip(scenario, countries[o], countries[d]), []).append(value)
    for avoided, values in groups.items():
        yield avoided, np.isin(pair, values)


def trip_costs(
    overlay: Overlay,
    scenario: Scenario,
    origins: Indices,
    destinations: Indices,
    *,
    batch: Gates | None = None,
) -> Matrix:
    """Return ``(scenarios, trips)`` costs between place rows (``inf``: no route).

    ``batch`` replaces the scenario's own gates by a batch of scenarios. A trip's own
    countries are exempt from avoidance, as in :func:`corridor.find_route`.
    """
    batch = batch if batch is not None else gates(overlay, scenario)
    result = np.full((len(batch), len(origins)), INF)
    for avoided, pick in _by_avoidance(overlay, scenario, origins, destinations):
        tab = tables(overlay, batch, scenario=scenario, allowed=allowed_countries(overlay, avoided))
        result[:, pick] = pair_costs(tab, origins[pick], destinations[pick])
    return result


def distance_matrix(overlay: Overlay, scenario: Scenario) -> Matrix:
    """Return the cost between every pair of places (metres or seconds; ``inf``: no route)."""
    n = len(overlay.places)
    origins, destinations = (a.ravel() for a in np.indices((n, n)))
    matrix: Matrix = trip_costs(overlay, scenario, origins, destinations)[0].reshape(n, n)
    return matrix
