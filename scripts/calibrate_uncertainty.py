"""Calibrate the length uncertainty of corridor.uncertainty on the reference table.

For every pair of places with a published driving distance of the road the dataset models
(basis ``road``; both directions count as one pair), the route with every crossing open gives
a modelled distance and the roads it runs on. A road's range is ``PUBLISHED_SHARE`` either way
for a published section length; for a drawn line it is ``below`` under it and
``above + per_10_km * gap / 10 km`` over it, where ``gap`` is the longest stretch between its
sourced points. A pair is covered when the route's range reaches the span of its published
figures (sources often disagree: Damascus - Aleppo is published as 300 and as 356 km). This
script finds the narrowest shares that cover at least 90% of the pairs, and reports how the fit
covers them, also with each pair left out of the fit in turn (docs/uncertainty.md).
Run: ``python scripts/calibrate_uncertainty.py``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

import networkx as nx

from corridor import Scenario, build_graph, load_dataset
from corridor.routing import edge_cost
from corridor.uncertainty import (
    GEOMETRY_ABOVE_MAX,
    MINIMUM_ERROR_M,
    PUBLISHED_SHARE,
    sourced_gap_km,
)

TARGET = 0.90
BELOW = [x / 100 for x in range(0, 11)]
ABOVE = [x / 100 for x in range(0, 11)]
PER_10_KM = [x / 1000 for x in range(0, 51, 2)]


@dataclass(frozen=True)
class Pair:
    """A pair of places, its published figures and its modelled route."""

    name: str
    published: tuple[float, ...]
    model_km: float
    roads: tuple[tuple[float, bool, float], ...]  # road km, published?, gap km


def pairs() -> list[Pair]:
    """Return every pair with a published road distance, and its route."""
    dataset = load_dataset()
    graph = build_graph(dataset)
    cost = edge_cost(graph, replace(Scenario(), opened=frozenset(dataset.crossings)))
    figures: dict[frozenset[str], list[float]] = {}
    for ref in dataset.references:
        if ref.basis == "road":
            figures.setdefault(frozenset((ref.origin, ref.destination)), []).append(ref.road_km)
    found = []
    for ends, published in figures.items():
        a, b = sorted(ends)
        path = nx.dijkstra_path(graph, a, b, weight=cost)
        roads = []
        for u, v in itertools.pairwise(path):
            key = min(graph[u][v], key=lambda k: graph[u][v][k]["length_m"])
            road = dataset.roads[key]
            km = graph[u][v][key]["length_m"] / 1000
            roads.append((km, road.length_km is not None, sourced_gap_km(road)))
        found.append(Pair(f"{a}-{b}", tuple(published), sum(r[0] for r in roads), tuple(roads)))
    return found


Shares = tuple[float, float, float]  # below, above, above per 10 km of gap


def range_km(pair: Pair, shares: Shares) -> tuple[float, float]:
    """Return the modelled range of a pair's route."""
    below, above, per_10 = shares
    low = high = 0.0
    floor = MINIMUM_ERROR_M / 1000
    for km, published, gap in pair.roads:
        down = PUBLISHED_SHARE if published else below
        up = PUBLISHED_SHARE if published else min(above + per_10 * gap / 10, GEOMETRY_ABOVE_MAX)
        low += max(floor, down * km)
        high += max(floor, up * km)
    return pair.model_km - low, pair.model_km + high


def covered(pair: Pair, shares: Shares) -> bool:
    """Return whether a pair's range reaches the span of its published figures."""
    low, high = range_km(pair, shares)
    return low <= max(pair.published) and high >= min(pair.published)


def width(found: list[Pair], shares: Shares) -> float:
    """Return the mean width of the ranges, as a share of the distance."""
    spans = [range_km(p, shares) for p in found]
    return sum((h - lo) / p.model_km for p, (lo, h) in zip(found, spans, strict=True)) / len(found)


def fit(found: list[Pair]) -> Shares:
    """Return the shares giving the narrowest ranges that cover TARGET of the pairs."""
    candidates = itertools.product(BELOW, ABOVE, PER_10_KM)
    good = [s for s in candidates if sum(covered(p, s) for p in found) >= TARGET * len(found)]
    return min(good, key=lambda s: width(found, s))


def main() -> None:
    """Fit the shares and print how they cover the pairs."""
    found = pairs()
    shares = fit(found)
    inside = [p for p in found if covered(p, shares)]
    print(f"{len(found)} pairs with a published road distance")
    print(
        f"fit: below {shares[0]:.2f}, above {shares[1]:.2f} + {shares[2]:.3f} per 10 km of gap "
        f"(at most {GEOMETRY_ABOVE_MAX:.2f}); published lengths +/- {PUBLISHED_SHARE:.2f}"
    )
    print(
        f"covered: {len(inside)} of {len(found)} ({len(inside) / len(found):.0%}); mean width "
        f"{width(found, shares):.1%} of the distance"
    )
    for pair in found:
        if pair not in inside:
            low, high = range_km(pair, shares)
            figures = "/".join(f"{f:g}" for f in pair.published)
            print(f"  outside: {pair.name}: published {figures} km, range {low:.0f}-{high:.0f} km")
    kept = sum(covered(p, fit([q for q in found if q is not p])) for p in found)
    share = kept / len(found)
    print(f"each pair left out of the fit in turn: {kept} of {len(found)} ({share:.0%}) covered")


if __name__ == "__main__":
    main()
