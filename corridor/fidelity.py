"""How true the road geometry is: model distances against published driving distances."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace

import networkx as nx

from corridor.graph import dataset_of
from corridor.routing.core import edge_cost, route_from_path
from corridor.scenario import Scenario
from geodata.records import ReferenceDistance

__all__ = ["TOLERANCE", "Fidelity", "ReferenceCheck", "check_references", "fidelity"]

# A modelled route within this fraction of the published distance counts as a match.
TOLERANCE = 0.05


@dataclass(frozen=True)
class ReferenceCheck:
    """A reference distance and what the road graph says for the same trip.

    ``model_range_km`` is the range of the modelled distance (corridor.uncertainty).
    """

    reference: ReferenceDistance
    model_km: float | None
    model_range_km: tuple[float, float] | None = None

    @property
    def ratio(self) -> float | None:
        """Model over published distance (1.0 is perfect); ``None`` if the model has no route."""
        return None if self.model_km is None else self.model_km / self.reference.road_km

    @property
    def within_tolerance(self) -> bool:
        """Whether the model is within :data:`TOLERANCE` of the published figure."""
        return self.ratio is not None and abs(self.ratio - 1) <= TOLERANCE


def check_references(graph: nx.MultiDiGraph) -> list[ReferenceCheck]:
    """Measure every reference trip on the road graph with every crossing open.

    The shortest road distance is used: published distances describe the road, not the
    status of a border on some date. A trip between two places of one country stays in it: a
    distance published between two Turkish cities is measured on Turkish roads, never through
    Syria, however much shorter that would be.
    """
    dataset = dataset_of(graph)
    everywhere = {country for country in map(dataset.node_country, graph) if country}
    checks = []
    for reference in dataset.references:
        ends = {dataset.node_country(reference.origin), dataset.node_country(reference.destination)}
        scenario = replace(
            Scenario(),
            opened=frozenset(dataset.crossings),
            avoid_countries=frozenset(everywhere - ends) if len(ends) == 1 else frozenset(),
        )
        cost = edge_cost(graph, scenario)
        try:
            path = nx.dijkstra_path(graph, reference.origin, reference.destination, weight=cost)
        except nx.NetworkXNoPath:
            checks.append(ReferenceCheck(reference, None))
            continue
        route = route_from_path(graph, path, scenario=scenario, cost=cost)
        checks.append(ReferenceCheck(reference, route.distance_km, route.distance_range_km))
    return checks


@dataclass(frozen=True)
class Fidelity:
    """How the modelled distances compare with the published ones, over some references.

    Errors and ratios count every reference; coverage counts pairs of places (both directions
    and every source of a pair as one), since sources of one pair often disagree.
    """

    references: int
    pairs: int
    median_error: float  # median of |model / published - 1|
    mean_ratio: float  # mean of model / published: below 1 means the roads run short
    over_8_percent: int
    covered_pairs: int  # pairs whose modelled range reaches the span of their figures

    @property
    def coverage(self) -> float:
        """The share of pairs whose range reaches their published figures."""
        return self.covered_pairs / self.pairs


def fidelity(checks: Sequence[ReferenceCheck]) -> Fidelity:
    """Summarise reference checks that have a route (see :class:`Fidelity`)."""
    routed = [
        (c.reference, c.ratio, c.model_range_km)
        for c in checks
        if c.ratio is not None and c.model_range_km is not None
    ]
    if not routed:
        msg = "no reference trip has a route to measure"
        raise ValueError(msg)
    ratios = [ratio for _, ratio, _ in routed]
    spans: dict[frozenset[str], list[float]] = {}
    ranges: dict[frozenset[str], tuple[float, float]] = {}
    for reference, _, model_range in routed:
        pair = frozenset((reference.origin, reference.destination))
        spans.setdefault(pair, []).append(reference.road_km)
        ranges[pair] = model_range
    covered = sum(
        ranges[p][0] <= max(figures) and ranges[p][1] >= min(figures)
        for p, figures in spans.items()
    )
    return Fidelity(
        references=len(routed),
        pairs=len(spans),
        median_error=statistics.median(abs(r - 1) for r in ratios),
        mean_ratio=statistics.fmean(ratios),
        over_8_percent=sum(abs(r - 1) > 0.08 for r in ratios),
        covered_pairs=covered,
    )
