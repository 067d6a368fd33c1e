"""Every open/closed combination of a set of crossings, evaluated in batches on the overlay.

Combination ``m`` closes the ``j``-th listed crossing when bit ``j`` of ``m`` is set and opens
it otherwise; the other crossings keep the scenario's status. Outcomes are grouped as the
batches stream by: no Python object is made per combination, so 2^20 combinations fit in a
few hundred megabytes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from corridor.display import ComboViews
from corridor.errors import InputError
from corridor.graph import dataset_of
from corridor.routing.core import Route, Trip
from corridor.routing.minplus import (
    DEFAULT_MEMORY,
    Gates,
    allowed_countries,
    batch_size,
    gates,
    trip_costs,
    with_closures,
)
from corridor.routing.onetrip import trip_batch
from corridor.routing.onlegs import route_on_overlay
from corridor.routing.overlay import INF, Matrix, Overlay
from corridor.scenario import Scenario
from corridor.sweep import LOCAL, Runner
from geodata import resolve

__all__ = [
    "MAX_COMBINED",
    "ComboOutcome",
    "Combos",
    "combination_matrices",
    "combination_scenario",
    "combinations",
]

Masks = npt.NDArray[np.int64]
# 2**20 combinations is about a million: beyond that, ask for fewer crossings.
MAX_COMBINED = 20
_NONE, _DIRECT = -2, -3  # first hop codes: no route, a trip that crosses no border


@dataclass(frozen=True)
class ComboOutcome:
    """One distinct outcome: the route (or none) and the combinations that lead to it."""

    crossings: tuple[str, ...]
    route: Route | None
    combined: tuple[str, ...]
    masks: Masks  # bit j set: combined[j] closed

    @property
    def count(self) -> int:
        """Number of combinations with this outcome."""
        return len(self.masks)

    def closed_sets(self) -> Iterator[frozenset[str]]:
        """Yield the closed crossings of each combination with this outcome."""
        for mask in self.masks:
            yield frozenset(c for j, c in enumerate(self.combined) if int(mask) >> j & 1)

    def _bits(self, reduce: Callable[[Masks], int]) -> frozenset[str]:
        bits = reduce(self.masks)
        return frozenset(c for j, c in enumerate(self.combined) if bits >> j & 1)

    @property
    def always_closed(self) -> frozenset[str]:
        """Crossings closed in every combination with this outcome."""
        return self._bits(lambda m: int(np.bitwise_and.reduce(m)))

    @property
    def always_open(self) -> frozenset[str]:
        """Crossings open in every combination with this outcome."""
        everything = (1 << len(self.combined)) - 1
        return frozenset(self.combined) - self._bits(
            lambda m: int(np.bitwise_or.reduce(m)) & everything
        )


class Combos(ComboViews, list[ComboOutcome]):
    """The distinct outcomes of :func:`combinations`; ``to_frame()`` and a notebook table."""


def _combined(overlay: Overlay, crossings: Sequence[str]) -> tuple[str, ...]:
    if isinstance(crossings, str) or not crossings:
        msg = "name the crossings to combine as a non-empty list of ids, e.g. ['al-qaim', 'nasib']"
        raise InputError(msg)
    known = dataset_of(overlay.graph).crossings
    ids = tuple(dict.fromkeys(resolve(known, c, what="crossing") for c in crossings))
    if len(ids) > MAX_COMBINED:
        msg = f"{len(ids)} crossings make 2^{len(ids)} combinations; combine at most {MAX_COMBINED}"
        raise InputError(msg)
    return ids


def _closed_bits(masks: Masks, count: int) -> npt.NDArray[np.bool_]:
    return ((masks[:, None] >> np.arange(count)[None, :]) & 1).astype(bool)


def _batches(total: int, size: int) -> Iterator[Masks]:
    for start in range(0, total, size):
        yield np.arange(start, min(start + size, total), dtype=np.int64)


@dataclass(frozen=True)
class _TripSweep:
    """What every batch of one trip's combinations reads."""

    overlay: Overlay
    scenario: Scenario
    columns: tuple[int, ...]
    base: Gates
    allowed: npt.NDArray[np.bool_]
    origin: int
    destination: int


def _trip_batch(sweep: _TripSweep, masks: Masks) -> list[tuple[tuple[int, ...], Masks]]:
    """Return the batch's combinations grouped by outcome key, in order of first appearance."""
    closed = _closed_bits(masks, len(sweep.columns))
    batch = with_closures(sweep.base, sweep.columns, closed, open_rest=True)
    found_costs = trip_batch(
        sweep.overlay,
        batch,
        scenario=sweep.scenario,
        allowed=sweep.allowed,
        origin=sweep.origin,
        destination=sweep.destination,
    )
    best, direct, keys = found_costs.via_crossings, found_costs.direct, found_costs.hops
    keys[direct <= best] = -1
    keys[direct <= best, 0] = _DIRECT
    keys[np.minimum(best, direct) == INF] = -1
    keys[np.minimum(best, direct) == INF, 0] = _NONE
    found, inverse = np.unique(keys, axis=0, return_inverse=True)
    return [
        (tuple(int(v) for v in key), masks[inverse.ravel() == g]) for g, key in enumerate(found)
    ]


def combinations(
    overlay: Overlay,
    origin: str,
    destination: str,
    *,
    crossings: Sequence[str],
    scenario: Scenario | None = None,
    progress: Callable[[int], None] | None = None,
    memory: int = DEFAULT_MEMORY,
    runner: Runner = LOCAL,
) -> Combos:
    """Evaluate all ``2**len(crossings)`` combinations for one trip and group them by outcome.

    Parameters
    ----------
    overlay
        From :func:`corridor.routing.overlay.build_overlay`.
    origin, destination
        Place names or ids.
    crossings
        Crossing names or ids to combine (each forced open or closed in every combination).
    scenario
        Date, traffic, weight and avoided countries for everything else.
    progress
        Called with the number of combinations done after each batch.
    memory
        Bytes one batch of tables may take.
    runner
        Where the batches run (:mod:`corridor.sweep`); the result is the same anywhere.

    Returns
    -------
    Combos
        A list of ComboOutcome ordered by cost, "no route" last.

    """
    trip = Trip.resolve(overlay.graph, origin, destination, scenario)
    combined = _combined(overlay, crossings)
    sweep = _TripSweep(
        overlay,
        trip.scenario,
        tuple(overlay.crossing_index(c) for c in combined),
        gates(overlay, trip.scenario),
        allowed_countries(overlay, trip.avoided),
        overlay.place_index(trip.origin),
        overlay.place_index(trip.destination),
    )
    groups: dict[tuple[int, ...], list[Masks]] = {}
    batches = _batches(2 ** len(combined), batch_size(overlay, 1, memory=memory))
    for found in runner.map(_trip_batch, sweep, batches):
        for key, masks in found:
            groups.setdefault(key, []).append(masks)
        if progress is not None:
            progress(sum(len(m) for _, m in found))
    outcomes = [
        _outcome(overlay, trip, combined, key, np.concatenate(parts))
        for key, parts in groups.items()
    ]
    return Combos(sorted(outcomes, key=lambda o: _rank(o, trip.scenario)))


def _outcome(
    overlay: Overlay, trip: Trip, combined: tuple[str, ...], key: tuple[int, ...], masks: Masks
) -> ComboOutcome:
    if key[0] == _NONE:
        return ComboOutcome((), None, combined, masks)
    closed = frozenset(c for j, c in enumerate(combined) if int(masks[0]) >> j & 1)
    example = replace(trip, scenario=combination_scenario(trip.scenario, combined, closed=closed))
    route = route_on_overlay(overlay, example)
    hops = () if key[0] == _DIRECT else tuple(overlay.crossings[i] for i in key if i >= 0)
    return ComboOutcome(hops, route, combined, masks)


def _rank(outcome: ComboOutcome, scenario: Scenario) -> tuple[bool, float]:
    route = outcome.route
    if route is None:
        return True, 0.0
    return False, route.distance_km if scenario.weight == "distance" else route.time_h


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


@dataclass(frozen=True)
class _TableSweep:
    """What every batch of the full table reads."""

    overlay: Overlay
    scenario: Scenario
    columns: tuple[int, ...]
    base: Gates
    origins: npt.NDArray[np.intp]
    destinations: npt.NDArray[np.intp]


def _table_batch(sweep: _TableSweep, masks: Masks) -> tuple[Masks, Matrix]:
    closed = _closed_bits(masks, len(sweep.columns))
    batch = with_closures(sweep.base, sweep.columns, closed, open_rest=True)
    costs = trip_costs(
        sweep.overlay, sweep.scenario, sweep.origins, sweep.destinations, batch=batch
    )
    n = len(sweep.overlay.places)
    return masks, costs.reshape(len(masks), n, n)


def combination_matrices(
    overlay: Overlay,
    scenario: Scenario,
    crossings: Sequence[str],
    *,
    memory: int = DEFAULT_MEMORY,
    runner: Runner = LOCAL,
) -> Iterator[tuple[Masks, Matrix]]:
    """Yield ``(masks, costs)``: the cost between every pair of places per combination.

    ``costs[i, o, d]`` is metres (or seconds, by time) from place ``o`` to ``d`` under
    combination ``masks[i]``, ``inf`` where there is no route; batches follow ``memory`` and
    run where ``runner`` says (:mod:`corridor.sweep`), in order.
    """
    combined = _combined(overlay, crossings)
    n = len(overlay.places)
    origins, destinations = (a.ravel() for a in np.indices((n, n)))
    sweep = _TableSweep(
        overlay,
        scenario,
        tuple(overlay.crossing_index(c) for c in combined),
        gates(overlay, scenario),
        origins,
        destinations,
    )
    batches = _batches(2 ** len(combined), batch_size(overlay, n * n, memory=memory))
    yield from runner.map(_table_batch, sweep, batches)
