"""Which roads an area to avoid blocks: every road section whose line enters an active area.

The one home of that rule. The road lines go into a shapely STRtree once per dataset; each
scenario's active areas are matched against it (prepared polygons), and the answer is kept
for the next engine that asks.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from corridor.scenario import Scenario
from geodata import Dataset
from geodata.records import AvoidArea

if TYPE_CHECKING:
    from shapely import STRtree

__all__ = ["active_areas", "blocked_roads"]

_TREES: OrderedDict[int, tuple[Dataset, STRtree, tuple[str, ...]]] = OrderedDict()
_BLOCKED: OrderedDict[tuple[int, Any], tuple[Dataset, Mapping[str, str]]] = OrderedDict()
_KEEP = 8  # datasets and answers remembered (the cache is for repeats within one run)


def active_areas(scenario: Scenario) -> tuple[AvoidArea, ...]:
    """Return the scenario's areas that apply on its date to its traffic."""
    return tuple(a for a in scenario.avoid_areas if a.active(scenario.as_of, scenario.mode))


def _tree(dataset: Dataset) -> tuple[STRtree, tuple[str, ...]]:
    from shapely import STRtree

    known = _TREES.get(id(dataset))
    if known is None or known[0] is not dataset:
        ids = tuple(dataset.roads)
        known = (dataset, STRtree([dataset.roads[r].geometry for r in ids]), ids)
        _TREES[id(dataset)] = known
        while len(_TREES) > _KEEP:
            _TREES.popitem(last=False)
    return known[1], known[2]


def blocked_roads(dataset: Dataset, scenario: Scenario) -> Mapping[str, str]:
    """Return the roads the scenario's active areas block: road id -> the first area's name."""
    areas = active_areas(scenario)
    if not areas:
        return {}
    key = (id(dataset), areas)
    known = _BLOCKED.get(key)
    if known is not None and known[0] is dataset:
        return known[1]
    from shapely import prepare

    tree, ids = _tree(dataset)
    blocked: dict[str, str] = {}
    for area in areas:
        prepare(area.geometry)
        for i in tree.query(area.geometry, predicate="intersects"):
            blocked.setdefault(ids[int(i)], area.name)
    _BLOCKED[key] = (dataset, blocked)
    while len(_BLOCKED) > _KEEP:
        _BLOCKED.popitem(last=False)
    return blocked
