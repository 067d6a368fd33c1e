"""Every open/closed combination of a set of crossings, evaluated at once on the overlay."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from corridor.overlay import (
    INF,
    Matrix,
    Overlay,
    closure,
    cost_attribute,
    gates,
    overlay_route,
)
from corridor.routing import Route
from corridor.scenario import Scenario

# Combinations per numpy batch: memory grows with batch x countries x places x crossings.
BATCH = 512


@dataclass(frozen=True)
class ComboOutcome:
    """One distinct outcome: the route (or none) and the combinations that lead to it."""

    crossings: tuple[str, ...]
    route: Route | None
    closed_sets: tuple[frozenset[str], ...]
    always_closed: frozenset[str]
    always_open: frozenset[str]

    @property
    def count(self) -> int:
        """Number of combinations with this outcome."""
        return len(self.closed_sets)


@dataclass(frozen=True)
class Batch:
    """Leg tables for a batch of combinations (axis 0), all places and crossings at once."""

    masks: npt.NDArray[np.int64]  # bit j set: the j-th listed crossing is closed
    a: Matrix  # (batch, places, crossings): place to first crossing, delay included
    t: Matrix  # (batch, crossings, crossings): closure between crossings
    next_hop: npt.NDArray[np.intp]
    b: Matrix  # (batch, crossings, places): last crossing to place
    direct: Matrix  # (places, places): trips that cross no border


def combination_batches(
    overlay: Overlay,
    scenario: Scenario,
    crossings: Sequence[str],
    *,
    keep: Sequence[str] = (),
    batch: int = BATCH,
) -> Iterator[Batch]:
    """Yield the leg tables of all ``2**len(crossings)`` combinations, ``batch`` at a time.

    In combination ``m`` the ``j``-th listed crossing is closed if bit ``j`` of ``m`` is set
    and open otherwise; all other crossings keep the scenario's status. ``keep`` lists
    countries exempt from the scenario's avoided countries (a trip's own countries).
    """
    legs = overlay.legs[cost_attribute(scenario)]
    base = gates(overlay, scenario)
    ok = np.array([c not in scenario.avoid_countries - set(keep) for c in overlay.countries])
    columns = [overlay.crossings.index(c) for c in crossings]
    direct = np.where(ok[:, None, None], legs.pp, INF).min(axis=0)
    total = 2 ** len(columns)
    for start in range(0, total, batch):
        masks = np.arange(start, min(start + batch, total), dtype=np.int64)
        closed = ((masks[:, None] >> np.arange(len(columns))[None, :]) & 1).astype(bool)
        enter = np.repeat(base.enter[None], len(masks), axis=0)
        leave = np.repeat(base.leave[None], len(masks), axis=0)
        enter[:, :, columns] = ~closed[:, None, :]
        leave[:, columns, :] = ~closed[:, :, None]
        usable = ok[None, :, None, None]
        a = np.where(enter[:, :, None, :] & usable, legs.pc[None], INF).min(axis=1)
        b = np.where(leave.transpose(0, 2, 1)[:, :, :, None] & usable, legs.cp[None], INF)
        cc_ok = leave.transpose(0, 2, 1)[:, :, :, None] & enter[:, :, None, :] & usable
        t0 = np.where(cc_ok, legs.cc[None], INF).min(axis=1) + base.delay[None, None, :]
        t, next_hop = closure(t0)
        yield Batch(masks, a + base.delay, t, next_hop, b.min(axis=1), direct)


def combination_tables(
    overlay: Overlay, scenario: Scenario, crossings: Sequence[str], *, batch: int = 256
) -> Iterator[tuple[npt.NDArray[np.int64], Matrix]]:
    """Yield ``(masks, costs)`` with the cost between every pair of places per combination.

    ``costs[i, o, d]`` is metres (or seconds, by time) from place ``o`` to ``d`` under
    combination ``masks[i]``, ``inf`` where there is no route; avoided countries are avoided
    for every trip.
    """
    for tables in combination_batches(overlay, scenario, crossings, batch=batch):
        via = np.min(tables.a[:, :, :, None] + tables.t[:, None, :, :], axis=2)
        costs = np.minimum(
            np.min(via[:, :, :, None] + tables.b[:, None, :, :], axis=2), tables.direct[None]
        )
        costs[:, np.eye(costs.shape[1], dtype=bool)] = 0.0
        yield tables.masks, costs


def combinations(
    overlay: Overlay,
    origin: str,
    destination: str,
    scenario: Scenario,
    *,
    crossings: Sequence[str],
    progress: Callable[[int], None] | None = None,
) -> list[ComboOutcome]:
    """Evaluate all ``2**len(crossings)`` combinations for one trip and group them by outcome.

    In each combination every listed crossing is either forced open or forced closed; all
    other crossings keep the scenario's status. Outcomes are ordered by cost, "no route" last.

    Parameters
    ----------
    overlay
        From :func:`corridor.overlay.build_overlay`.
    origin, destination
        Place ids.
    scenario
        Date, traffic, weight and avoided countries.
    crossings
        Crossing ids to combine.
    progress
        Called with the number of combinations done after each batch.

    """
    graph = overlay.graph
    keep = (graph.nodes[origin]["country"], graph.nodes[destination]["country"])
    o, d = overlay.place_index(origin), overlay.place_index(destination)
    keys: list[tuple[int, ...] | None] = []
    for tables in combination_batches(overlay, scenario, crossings, keep=keep):
        direct = float(tables.direct[o, d])
        chain = tables.a[:, o, :, None] + tables.t + tables.b[:, None, :, d]
        flat = chain.reshape(len(chain), -1).argmin(axis=1)
        best = chain.reshape(len(chain), -1)[np.arange(len(chain)), flat]
        for row, (cost, pick) in enumerate(zip(best, flat, strict=True)):
            if min(float(cost), direct) == INF:
                keys.append(None)
            elif direct <= cost:
                keys.append(())
            else:
                c1, c2 = divmod(int(pick), chain.shape[1])
                hops = [c1]
                while hops[-1] != c2:
                    hops.append(int(tables.next_hop[row, hops[-1], c2]))
                keys.append(tuple(hops))
        if progress is not None:
            progress(len(chain))
    return _group(overlay, origin, destination, scenario, list(crossings), keys)


def _group(
    overlay: Overlay,
    origin: str,
    destination: str,
    scenario: Scenario,
    crossings: list[str],
    keys: list[tuple[int, ...] | None],
) -> list[ComboOutcome]:
    groups: dict[tuple[int, ...] | None, list[int]] = {}
    for mask, key in enumerate(keys):
        groups.setdefault(key, []).append(mask)
    outcomes = []
    for key, masks in groups.items():
        sets = tuple(frozenset(c for j, c in enumerate(crossings) if m >> j & 1) for m in masks)
        route = None
        if key is not None:
            example = combination_scenario(scenario, crossings, closed=sets[0])
            route = overlay_route(overlay, origin, destination, example)
        outcomes.append(
            ComboOutcome(
                crossings=tuple(overlay.crossings[i] for i in key or ()),
                route=route,
                closed_sets=sets,
                always_closed=frozenset.intersection(*sets),
                always_open=frozenset(crossings) - frozenset.union(*sets),
            )
        )

    def rank(outcome: ComboOutcome) -> tuple[bool, float]:
        if outcome.route is None:
            return True, 0.0
        route = outcome.route
        return False, route.distance_km if scenario.weight == "distance" else route.time_h

    return sorted(outcomes, key=rank)


def combination_scenario(
    scenario: Scenario, crossings: Sequence[str], *, closed: frozenset[str]
) -> Scenario:
    """Return the scenario of one combination: ``closed`` forced closed, the rest forced open."""
    listed = set(crossings)
    return replace(
        scenario,
        closed=(scenario.closed - listed) | closed,
        opened=(scenario.opened - listed) | (listed - closed),
    )
