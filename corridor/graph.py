"""Build the road graph: places, junctions and crossings joined by road sections."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import shapely

from corridor.edges import freeze_with_table
from corridor.errors import InputError
from corridor.uncertainty import length_errors_m
from geodata import Dataset
from geodata.geodesy import distances_m, great_circle_m, line_lengths_m
from geodata.records import Crossing, Place
from geodata.tables import junction_columns, road_columns

__all__ = ["CLASS_SPEED_KPH", "FREIGHT_MAX_KPH", "build_graph", "dataset_of", "straight_line_m"]

# Speeds when neither the road nor the dataset's speeds.csv (by country and class) gives one.
CLASS_SPEED_KPH = {"motorway": 100.0, "trunk": 90.0, "primary": 80.0, "secondary": 60.0}
# Trucks rarely exceed this on the region's highways, whatever the road allows.
FREIGHT_MAX_KPH = 80.0
# Straight lines between trip ends are measured once, when the graph is built, so a route
# answered from the cache needs no geodesic library; with more ends than this, each route
# measures its own (the table would grow with the square of the ends).
STRAIGHT_LINE_ENDS = 500


def build_graph(dataset: Dataset) -> nx.MultiDiGraph:
    """Return the road network of a dataset as a directed multigraph.

    Node ids are the dataset's place, junction and crossing ids. Nodes carry ``kind``
    (``place``, ``junction`` or ``crossing``), ``name``, ``country`` (``None`` for a crossing,
    which belongs to both sides), ``x`` (lon) and ``y`` (lat); a place of kind ``junction``
    and every junction of ``dataset.junctions`` (named by its id) are ``junction`` nodes. Each
    road gives one edge in each direction (a ``oneway`` road only from its ``start`` to its
    ``end``), keyed by road id, carrying ``road``, ``ref``, ``name``, ``road_class``,
    ``length_m`` (the road's sourced length, else geodesic along its line), how far below and
    above it the truth may be (``length_errors_m``), ``length_basis``, ``speed_kph``,
    ``time_s``, ``time_freight_s`` and the ``geometry`` oriented in the direction of travel.
    Speeds come from the road, else from the dataset's typical speeds by country and class,
    else from the class alone; trucks drive at most the country's freight speed.

    Parameters
    ----------
    dataset
        The loaded dataset.

    Returns
    -------
    networkx.MultiDiGraph
        With ``graph.graph["crs"] == "EPSG:4326"``; :func:`dataset_of` returns its dataset.

    """
    if not isinstance(dataset, Dataset):
        msg = (
            f"build_graph takes a geodata.Dataset (from load_dataset), not {type(dataset).__name__}"
        )
        raise InputError(msg)
    graph = nx.MultiDiGraph(crs="EPSG:4326", dataset=dataset)
    for place in dataset.places.values():
        kind = "junction" if place.kind == "junction" else "place"
        graph.add_node(
            place.id, kind=kind, name=place.name, country=place.country, x=place.lon, y=place.lat
        )
    junctions = junction_columns(dataset.junctions)
    graph.add_nodes_from(
        (id_, {"kind": "junction", "name": id_, "country": country, "x": lon, "y": lat})
        for id_, country, lon, lat in zip(
            junctions.id.tolist(),
            junctions.country.tolist(),
            junctions.lon.tolist(),
            junctions.lat.tolist(),
            strict=True,
        )
    )
    for crossing in dataset.crossings.values():
        graph.add_node(
            crossing.id,
            kind="crossing",
            name=crossing.name,
            country=None,
            x=crossing.lon,
            y=crossing.lat,
        )
    graph.add_edges_from(_edges(dataset))
    graph.graph["straight_lines"] = _straight_lines(dataset)
    from corridor.routing.core import COSTS  # routing builds on this module

    return freeze_with_table(graph, costs=COSTS)


def _edges(dataset: Dataset) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """Yield every directed edge (from, to, road id, attributes), whole columns at a time."""
    roads = road_columns(dataset.roads)
    published = ~np.isnan(roads.length_km)
    lengths = np.where(published, roads.length_km * 1000, 0.0)
    lengths[~published] = line_lengths_m(roads.geometry[~published])
    backward = shapely.reverse(roads.geometry)
    countries = [
        dataset.node_country(start) or dataset.node_country(end) or ""
        for start, end in zip(roads.start, roads.end, strict=True)
    ]
    for row, (road_id, length_m, country) in enumerate(
        zip(roads.id, lengths.tolist(), countries, strict=True)
    ):
        road = dataset.roads[road_id]
        default = (CLASS_SPEED_KPH[road.road_class], FREIGHT_MAX_KPH)
        car, truck = dataset.speeds.get((country, road.road_class), default)
        speed = road.speed_kph or car
        attrs = {
            "road": road.id,
            "ref": road.ref,
            "name": road.name,
            "road_class": road.road_class,
            "length_m": length_m,
            "length_errors_m": length_errors_m(road, length_m),
            "length_basis": road.length_basis,
            "speed_kph": speed,
            "time_s": length_m / (speed / 3.6),
            "time_freight_s": length_m / (min(speed, truck) / 3.6),
        }
        yield road.start, road.end, road.id, {"geometry": road.geometry, **attrs}
        if not road.oneway:
            yield road.end, road.start, road.id, {"geometry": backward[row], **attrs}


@dataclass(frozen=True)
class _StraightLines:
    """Geodesic distances in metres between every two trip ends (places and crossings)."""

    index: Mapping[str, int]
    metres: np.ndarray


def _straight_lines(dataset: Dataset) -> _StraightLines | None:
    ends: list[Place | Crossing] = [*dataset.places.values(), *dataset.crossings.values()]
    if len(ends) > STRAIGHT_LINE_ENDS:
        return None
    lon = np.array([e.lon for e in ends])
    lat = np.array([e.lat for e in ends])
    metres = distances_m(lon[:, None], lat[:, None], lon[None, :], lat[None, :])
    return _StraightLines({e.id: i for i, e in enumerate(ends)}, metres)


def straight_line_m(graph: nx.MultiDiGraph, start: str, end: str) -> float:
    """Return the geodesic ("as the crow flies") distance between two nodes, in metres."""
    table = graph.graph.get("straight_lines")
    if isinstance(table, _StraightLines) and start in table.index and end in table.index:
        return float(table.metres[table.index[start], table.index[end]])
    dataset = dataset_of(graph)
    return great_circle_m(*dataset.node_lonlat(start), *dataset.node_lonlat(end))


def dataset_of(graph: nx.MultiDiGraph) -> Dataset:
    """Return the dataset a road graph was built from.

    Raises
    ------
    InputError
        If ``graph`` is not a road graph from :func:`build_graph`.

    """
    dataset = graph.graph.get("dataset") if isinstance(graph, nx.MultiDiGraph) else None
    if not isinstance(dataset, Dataset):
        msg = (
            f"expected a road graph from corridor.build_graph(load_dataset()), not "
            f"{type(graph).__name__}"
        )
        raise InputError(msg)
    return dataset
