"""What the what-if page routes on: every road, or on a big network the overlay's legs.

Each directed step carries what ``static/engine.js`` needs and nothing it would have to decide:
its cost for each cost it may be used for (border delay included), its length, driving time
and their ranges, the delay of the crossing it enters, the crossings and directions it passes,
the countries it runs through and the road pieces it runs along (a road's index, ``~index``
backwards); the page gets them :func:`packed`. On the bundled data a step is one road. A
network of thousands of roads cannot be embedded in one file, so there a step is a leg of the
portal overlay (:mod:`corridor.routing.overlay`), usable for each cost it is shortest for; the
stretches the legs share are drawn once, simplified, and referenced by index.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from itertools import pairwise
from typing import Any

import networkx as nx
from shapely.geometry import LineString

from corridor.graph import dataset_of
from corridor.routing.core import (
    COSTS,
    Cost,
    cost_attribute,
    crossing_step,
    leg_key,
    time_attribute,
)
from corridor.routing.overlay import Overlay
from corridor.scenario import WEIGHTS, Scenario, delay_hours
from corridor.uncertainty import step_figures
from geodata.records import MODES
from maps.layers import coords

__all__ = [
    "COST_FIELDS",
    "LEGS_ABOVE",
    "cost_keys",
    "leg_steps",
    "packed",
    "road_steps",
    "stretch_features",
]

# Above this many roads the page routes on the overlay's legs instead of the roads.
LEGS_ABOVE = 5000
# Shared stretches are simplified to about this many degrees (some 100 m): it is a sketch, and
# its points need no more decimals than that.
SIMPLIFY, DIGITS = 0.001, 3

Edge = tuple[str, str, str]  # u, v, road id


def cost_keys() -> dict[str, dict[str, str]]:
    """Return which cost each weight and traffic minimises, as the page looks it up."""
    return {w: {m: cost_attribute(Scenario(weight=w, mode=m)) for m in MODES} for w in WEIGHTS}


def _step(
    graph: nx.MultiDiGraph, edges: Sequence[Edge], scenario: Scenario, costs: Iterable[Cost]
) -> dict[str, Any]:
    """Return the figures of a step along ``edges`` (border delay of the crossing it enters)."""
    dataset = dataset_of(graph)
    entered = dataset.crossings.get(edges[-1][1])
    parts = [graph[u][v][k] for u, v, k in edges]
    lengths = [step_figures(p, "time_s")[:3] for p in parts]  # km, below, above: any time
    km = [sum(f[i] for f in lengths) for i in range(3)]
    seconds, driving, delays = {}, {}, {}
    for mode in MODES:
        figures = [step_figures(p, time_attribute(mode)) for p in parts]
        hours, below, above = (sum(f[i] for f in figures) for i in (3, 4, 5))
        delay = delay_hours(entered, replace(scenario, mode=mode)) * 3600 if entered else 0.0
        seconds[mode] = round(hours * 3600 + delay, 1)
        driving[mode] = [round((hours - below) * 3600, 1), round((hours + above) * 3600, 1)]
        delays[mode] = round(delay, 1)
    (a, after, _), (before, b, _) = edges[0], edges[-1]
    gates = [crossing_step(graph, a, after)] if a in dataset.crossings else []
    gates += [crossing_step(graph, before, b)] if b in dataset.crossings else []
    totals: dict[str, Any] = {"length_m": round(km[0] * 1000, 1), "time_s": seconds}
    countries: list[str] = []
    for node in (a, *(v for _, v, _ in edges)):
        country = graph.nodes[node]["country"]
        if country and (not countries or countries[-1] != country):
            countries.append(country)
    return {
        "from": a,
        "to": b,
        "countries": countries,
        "gates": [list(g) for g in gates if g is not None],
        "cost": {c: _figure(totals, c) for c in costs},
        "length_m": totals["length_m"],
        "length_range_m": [round((km[0] - km[1]) * 1000, 1), round((km[0] + km[2]) * 1000, 1)],
        "time_s": seconds,
        "driving_range_s": driving,
        "delay_s": delays,
    }


def road_steps(
    graph: nx.MultiDiGraph, scenario: Scenario
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Return the roads (drawn once) and both directions of each as a step, for every cost."""
    dataset = dataset_of(graph)
    roads: list[dict[str, Any]] = []
    steps: list[dict[str, Any]] = []
    for index, road in enumerate(dataset.roads.values()):
        data = graph[road.start][road.end][road.id]
        ref, name = leg_key(data)
        roads.append(
            {"leg": ref or name, "km": data["length_m"] / 1000, "coords": coords(road.geometry)}
        )
        for u, v, back in ((road.start, road.end, False), (road.end, road.start, True)):
            step = _step(graph, [(u, v, road.id)], scenario, COSTS)
            steps.append(step | {"key": road.id, "path": [~index if back else index]})
    return roads, steps


def _leg_edges(graph: nx.MultiDiGraph, path: Sequence[str], cost: Cost) -> list[Edge]:
    return [(u, v, min(graph[u][v], key=lambda k: graph[u][v][k][cost])) for u, v in pairwise(path)]


def _stretches(
    graph: nx.MultiDiGraph, used: Iterable[Edge], portals: set[str]
) -> tuple[list[dict[str, Any]], dict[Edge, tuple[int, bool]]]:
    """Cut the roads the legs use into stretches between branch points; index every edge."""
    touching: dict[str, list[Edge]] = {}
    for u, v, k in {(min(u, v), max(u, v), k) for u, v, k in used}:
        touching.setdefault(u, []).append((u, v, k))
        touching.setdefault(v, []).append((u, v, k))

    def label(edge: Edge) -> str:
        ref, name = leg_key(graph[edge[0]][edge[1]][edge[2]])
        return ref or name

    def branch(node: str) -> bool:
        ends = touching[node]
        return node in portals or len(ends) != 2 or label(ends[0]) != label(ends[1])

    stretches: list[dict[str, Any]] = []
    where: dict[Edge, tuple[int, bool]] = {}
    seen: set[Edge] = set()
    for start in (n for n in touching if branch(n)):
        for edge in touching[start]:
            if edge in seen:
                continue
            here, run = start, []
            while True:
                seen.add(edge)
                there = edge[1] if edge[0] == here else edge[0]
                run.append((here, there, edge[2]))
                here = there
                if branch(here):
                    break
                edge = next(e for e in touching[here] if e not in seen)
            number = len(stretches)
            for u, v, k in run:
                where[(u, v, k)] = (number, False)
                where[(v, u, k)] = (number, True)
            line: list[tuple[float, float]] = []
            for u, v, k in run:
                part = list(graph[u][v][k]["geometry"].coords)
                line.extend(part[1:] if line else part)
            simple = LineString(line).simplify(SIMPLIFY, preserve_topology=False)
            stretches.append(
                {
                    "leg": label(run[0]),
                    "km": sum(graph[u][v][k]["length_m"] for u, v, k in run) / 1000,
                    "coords": [[round(x, DIGITS), round(y, DIGITS)] for x, y in simple.coords],
                }
            )
    return stretches, where


def _pieces(edges: Sequence[Edge], where: Mapping[Edge, tuple[int, bool]]) -> list[int]:
    pieces: list[int] = []
    for edge in edges:
        number, back = where[edge]
        piece = ~number if back else number
        if not pieces or pieces[-1] != piece:
            pieces.append(piece)
    return pieces


PER_MODE = ("time_s", "driving_range_s", "delay_s")


# Where a step keeps each cost: its field, and the traffic when the cost is a time.
_BY_TIME = {time_attribute(m): m for m in MODES}
COST_FIELDS: dict[str, tuple[str, str | None]] = {
    c: ("time_s", _BY_TIME[c]) if c in _BY_TIME else (c, None) for c in COSTS
}


def _figure(totals: Mapping[str, Any], cost: Cost) -> float:
    field, mode = COST_FIELDS[cost]
    value = totals[field]
    return float(value[mode] if mode else value)


def packed(steps: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Return the steps as rows under one list of field names: a big page's bulk is its steps.

    The figures per traffic (:data:`PER_MODE`) become lists in the order of ``modes``; a step's
    costs, which are its length or its time for one traffic, are kept as the bits of the costs
    it is used for, and :data:`COST_FIELDS` says where each is.
    """

    def value(step: Mapping[str, Any], field: str) -> Any:
        if field == "cost":  # which costs the step is used for, one bit each in COSTS order
            return sum(1 << n for n, c in enumerate(COSTS) if c in step["cost"])
        return [step[field][m] for m in MODES] if field in PER_MODE else step.get(field)

    fields = sorted({f for step in steps for f in step})
    return {
        "fields": fields,
        "costs": list(COSTS),
        "costFields": {c: list(where) for c, where in COST_FIELDS.items()},
        "modes": list(MODES),
        "perMode": [f for f in fields if f in PER_MODE],
        "rows": [[value(step, f) for f in fields] for step in steps],
    }


def leg_steps(
    overlay: Overlay, scenario: Scenario, *, places: Collection[str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Return the stretches the legs share (drawn once) and every leg as a step.

    The legs join the crossings and ``places`` (the trip ends the page offers); a leg that
    runs through another of those places is left out, since the two legs on either side of it
    are as short. A leg that is shortest for several costs is one step usable for each of them.
    """
    graph = overlay.graph
    offered = set(places)
    ends = offered | set(overlay.crossings)
    legs: dict[tuple[Edge, ...], list[Cost]] = {}
    for cost in COSTS:
        for x, trees in enumerate(overlay.legs[cost].trees):
            portals = [p for p in trees.rows if p in ends]
            for a in portals:
                for b in portals:
                    if a != b and _reachable(overlay, cost, x, a, b):
                        path = overlay.legs[cost].path(x, a, b)
                        if any(n in offered for n in path[1:-1]):
                            continue  # as short through that place: the page goes by it
                        legs.setdefault(tuple(_leg_edges(graph, path, cost)), []).append(cost)
    stretches, where = _stretches(graph, (e for edges in legs for e in edges), ends)
    steps = [
        _step(graph, edges, scenario, costs) | {"key": n, "path": _pieces(edges, where)}
        for n, (edges, costs) in enumerate(legs.items())
    ]
    return stretches, steps


def _reachable(overlay: Overlay, cost: Cost, country: int, a: str, b: str) -> bool:
    trees = overlay.legs[cost].trees[country]
    return bool(trees.predecessors[trees.rows[a], trees.ends[b]] >= 0)


def stretch_features(stretches: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Return the stretches the legs use as map features (the road layer of a big network)."""
    return [
        {
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": s["coords"]},
            "properties": {"title": s["leg"] or "road", "lines": [f"{s['km']:.0f} km, simplified"]},
        }
        for s in stretches
    ]
