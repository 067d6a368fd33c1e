"""Every open/closed combination of a set of crossings, evaluated at once on the overlay."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from corridor.overlay import INF, Overlay, closure, cost_attribute, gates, overlay_route
from corridor.routing import Route
from corridor.scenario import Scenario

# Combinations evaluated per numpy batch: bounds memory at about batch * K^2 * 8 bytes * 4.
BATCH = 4096


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


def combinations(
    overlay: Overlay,
    origin: str,
    destination: str,
    scenario: Scenario,
    *,
    crossings: Sequence[str],
    progress: Callable[[int], None] | None = None,
) -> list[ComboOutcome]:
    """Evaluate all ``2**len(crossings)`` combinations and group them by outcome.

    In each combination every listed crossing is either forced open or forced closed; all
    other crossings keep the scenario's status. Outcomes are ordered by cost, "no route" last.

    Parameters
    ----------
    overlay
        From :func:`corridor.overlay.build_overlay`.
    origin, destination
        Place ids.
    scenario
        Date, traffic, weight and avoided countries; its own forced crossings are applied
        first.
    crossings
        Crossing ids to combine.
    progress
        Called with the number of combinations done after each batch.

    """
    graph = overlay.graph
    keep = {graph.nodes[origin]["country"], graph.nodes[destination]["country"]}
    legs = overlay.legs[cost_attribute(scenario)]
    base = gates(overlay, scenario)
    ok = np.array([c not in scenario.avoid_countries - keep for c in overlay.countries])
    columns = [overlay.crossings.index(c) for c in crossings]
    o, d = overlay.place_index(origin), overlay.place_index(destination)
    direct = float(np.where(ok, legs.pp[:, o, d], INF).min())
    total = 2 ** len(columns)
    keys: list[tuple[int, ...] | None] = []
    for start in range(0, total, BATCH):
        masks = np.arange(start, min(start + BATCH, total))
        closed = ((masks[:, None] >> np.arange(len(columns))[None, :]) & 1).astype(bool)
        enter = np.repeat(base.enter[None], len(masks), axis=0)
        leave = np.repeat(base.leave[None], len(masks), axis=0)
        enter[:, :, columns] = ~closed[:, None, :]
        leave[:, columns, :] = ~closed[:, :, None]
        usable = ok[None, :, None]
        a = np.where(enter & usable, legs.pc[None, :, o, :], INF).min(axis=1) + base.delay
        b = np.where(np.swapaxes(leave, 1, 2) & usable, legs.cp[None, :, :, d], INF).min(axis=1)
        cc_ok = (
            leave.transpose(0, 2, 1)[:, :, :, None] & enter[:, :, None, :] & ok[None, :, None, None]
        )
        t0 = np.where(cc_ok, legs.cc[None], INF).min(axis=1) + base.delay[None, None, :]
        t, nxt = closure(t0)
        chain = a[:, :, None] + t + b[:, None, :]
        flat = chain.reshape(len(masks), -1).argmin(axis=1)
        best = chain.reshape(len(masks), -1)[np.arange(len(masks)), flat]
        for row, (cost, pick) in enumerate(zip(best, flat, strict=True)):
            if min(float(cost), direct) == INF:
                keys.append(None)
            elif direct <= cost:
                keys.append(())
            else:
                c1, c2 = divmod(int(pick), t.shape[1])
                hops = [c1]
                while hops[-1] != c2:
                    hops.append(int(nxt[row, hops[-1], c2]))
                keys.append(tuple(hops))
        if progress is not None:
            progress(len(masks))
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
