"""How true the road geometry is: model distances against published driving distances."""

from __future__ import annotations

from dataclasses import dataclass, replace

import networkx as nx

from corridor.graph import dataset_of
from corridor.routing.core import edge_cost
from corridor.scenario import Scenario
from geodata.records import ReferenceDistance

__all__ = ["TOLERANCE", "ReferenceCheck", "check_references"]

# The fidelity target: a modelled route within this fraction of the published distance.
TOLERANCE = 0.05


@dataclass(frozen=True)
class ReferenceCheck:
    """A reference distance and what the road graph says for the same trip."""

    reference: ReferenceDistance
    model_km: float | None

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
    status of a border on some date.
    """
    dataset = dataset_of(graph)
    open_all = replace(Scenario(), opened=frozenset(dataset.crossings))
    cost = edge_cost(graph, open_all)
    checks = []
    for reference in dataset.references:
        try:
            metres = nx.dijkstra_path_length(
                graph, reference.origin, reference.destination, weight=cost
            )
            checks.append(ReferenceCheck(reference, float(metres) / 1000))
        except nx.NetworkXNoPath:
            checks.append(ReferenceCheck(reference, None))
    return checks
