"""One trip under a batch of scenarios: Dijkstra over the crossings of every scenario at once.

The all-pairs closure of :func:`corridor.routing.minplus.tables` costs ``k**3`` per scenario for
``k`` crossings; one trip needs only the best way from its origin, ``k**2``. With 20 crossings
and a million combinations that is the difference between minutes and seconds. The legs are the
same (:func:`corridor.routing.minplus.legs_of`); only the search over them differs, and the tests
check both give the same costs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from corridor.routing.minplus import Gates, Mask, legs_of
from corridor.routing.overlay import INF, Matrix, Overlay
from corridor.scenario import Scenario

__all__ = ["TripCosts", "trip_batch"]


@dataclass(frozen=True)
class TripCosts:
    """The best cost of one trip in each scenario of a batch, and the crossings it passes."""

    via_crossings: Matrix  # (batch,): the best route through at least one crossing
    direct: float  # the best route that crosses no border (the same in every scenario)
    hops: npt.NDArray[np.intp]  # (batch, crossings): crossings in order, padded with -1


def trip_batch(
    overlay: Overlay,
    gates: Gates,
    *,
    scenario: Scenario,
    allowed: Mask,
    origin: int,
    destination: int,
) -> TripCosts:
    """Return the costs of the trip between place rows ``origin`` and ``destination``."""
    a, t0, b, direct, _ = legs_of(
        overlay,
        gates,
        scenario=scenario,
        allowed=allowed,
        origins=slice(origin, origin + 1),
        destinations=slice(destination, destination + 1),
    )
    start, last_leg = a[:, 0, :], b[:, :, 0]  # (batch, crossings)
    batch, k = start.shape
    rows = np.arange(batch)
    cost, before = start.copy(), np.full((batch, k), -1, dtype=np.intp)
    settled = np.zeros((batch, k), dtype=bool)
    for _ in range(k):
        here = np.where(settled, INF, cost).argmin(axis=1)
        settled[rows, here] = True
        through = cost[rows, here][:, None] + t0[rows, here, :]
        better = (through < cost) & ~settled
        cost = np.where(better, through, cost)
        before = np.where(better, here[:, None], before)
    total = cost + last_leg
    last = total.argmin(axis=1)
    return TripCosts(total[rows, last], float(direct[origin, destination]), _walk(before, last))


def _walk(before: npt.NDArray[np.intp], last: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
    """Return each row's crossings from the first to ``last``, padded with -1."""
    batch, k = before.shape
    rows = np.arange(batch)
    backwards = np.full((batch, k), -1, dtype=np.intp)
    here, going = last.copy(), np.ones(batch, dtype=bool)
    for step in range(k):
        backwards[going, step] = here[going]
        previous = before[rows, here]
        going &= previous >= 0
        if not going.any():
            break
        here = np.where(going, previous, here)
    count = (backwards >= 0).sum(axis=1)
    index = count[:, None] - 1 - np.arange(k)[None, :]
    picked = np.take_along_axis(backwards, np.maximum(index, 0), axis=1)
    hops: npt.NDArray[np.intp] = np.where(index >= 0, picked, -1)
    return hops
