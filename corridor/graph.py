"""Build the road graph: places, junctions and crossings joined by road sections."""

from __future__ import annotations

import networkx as nx
from shapely.geometry import LineString

from corridor.errors import InputError
from corridor.uncertainty import length_errors_m
from geodata import Dataset, line_length_m

__all__ = ["CLASS_SPEED_KPH", "FREIGHT_MAX_KPH", "build_graph", "dataset_of"]

# Speeds when neither the road nor the dataset's speeds.csv (by country and class) gives one.
CLASS_SPEED_KPH = {"motorway": 100.0, "trunk": 90.0, "primary": 80.0, "secondary": 60.0}
# Trucks rarely exceed this on the region's highways, whatever the road allows.
FREIGHT_MAX_KPH = 80.0


def build_graph(dataset: Dataset) -> nx.MultiDiGraph:
    """Return the road network of a dataset as a directed multigraph.

    Node ids are the dataset's place and crossing ids. Nodes carry ``kind`` (``place``,
    ``junction`` or ``crossing``), ``name``, ``country`` (``None`` for a crossing, which
    belongs to both sides), ``x`` (lon) and ``y`` (lat). Each road gives one edge in each
    direction, keyed by road id, carrying ``road``, ``ref``, ``name``, ``road_class``,
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
    for crossing in dataset.crossings.values():
        graph.add_node(
            crossing.id,
            kind="crossing",
            name=crossing.name,
            country=None,
            x=crossing.lon,
            y=crossing.lat,
        )
    for road in dataset.roads.values():
        length_m = (
            road.length_km * 1000 if road.length_km is not None else line_length_m(road.geometry)
        )
        country = dataset.node_country(road.start) or dataset.node_country(road.end) or ""
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
        forward = road.geometry
        backward = LineString(list(forward.coords)[::-1])
        graph.add_edge(road.start, road.end, key=road.id, geometry=forward, **attrs)
        graph.add_edge(road.end, road.start, key=road.id, geometry=backward, **attrs)
    return graph


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
