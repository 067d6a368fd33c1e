"""The checks of road sections against their nodes and the borders, a whole column at a time.

An imported network has hundreds of thousands of sections and every load checks them, so each
check here runs as a few array operations over every road (one geodesic call, one projection,
one prepared-polygon test), and only the roads it finds wrong are looked at one by one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from geodata.dataset import Dataset
from geodata.geodesy import distances_m, line_lengths_m
from geodata.problems import Problem
from geodata.schema import FILES
from geodata.tables import Nodes, RoadColumns, road_columns

__all__ = [
    "REGION",
    "Network",
    "border_roads",
    "connectivity",
    "in_region",
    "lengths",
    "local_outlines",
    "outside_borders",
    "road_ends",
    "road_vertices",
]

# The study region with a margin: Syria, Iraq, Jordan, Lebanon and Turkey's border provinces.
REGION = (34.5, 29.0, 49.0, 38.5)  # min lon, min lat, max lon, max lat
# A road end further than this from its node does not touch it.
TOUCH_M = 1000.0
# Border checks happen in metres on a local equidistant projection centred on the region.
LOCAL_CRS = "+proj=aeqd +lat_0=34 +lon_0=40 +datum=WGS84 +units=m"
BORDER_TOLERANCE_M = 1500.0
# Near a crossing a road runs up to the border line; that stretch is not checked.
CROSSING_APPROACH_M = 3000.0
# A sourced section length may be a little shorter than a line drawn through the towns' centres
# (a source measures from a town's edge), never much.
SHORTEST_LENGTH = 0.95
# About 1 km: projected edges this short keep to the lon/lat edge within metres.
_OUTLINE_STEP_DEGREES = 0.01

Rows = npt.NDArray[np.intp]


@dataclass(frozen=True)
class Network:
    """A dataset's roads as columns, with the node row of each road's two ends."""

    dataset: Dataset
    roads: RoadColumns
    nodes: Nodes
    start: Rows
    end: Rows
    file: str

    @classmethod
    def of(cls, dataset: Dataset) -> Network:
        """Gather the columns of a dataset's roads and nodes."""
        roads = road_columns(dataset.roads)
        nodes = Nodes.of(dataset.places, dataset.junctions, dataset.crossings)
        columnar = dataset.path / FILES["roads_parquet"] in dataset.files
        file = str(dataset.path / FILES["roads_parquet" if columnar else "roads"])
        return cls(dataset, roads, nodes, nodes.rows(roads.start), nodes.rows(roads.end), file)

    def problem(self, row: int, message: str, field: str) -> Problem:
        """Return a problem with one road."""
        return Problem(self.file, message, f"id {self.roads.id[row]!r}", field)


def local_outlines(
    outlines: Mapping[str, BaseGeometry],
) -> tuple[dict[str, BaseGeometry], Callable[..., Any]]:
    """Return the outlines in local metres (``LOCAL_CRS``), and the (x, y) transform to them."""
    from pyproj import Transformer  # only the network checks and the import need it

    to_local = Transformer.from_crs("EPSG:4326", LOCAL_CRS, always_xy=True).transform
    # The outlines' edges are straight in lon/lat, as the import reads them; desert borders have
    # edges hundreds of km long, which projected as they are would bow by a kilometre or more.
    local = {
        iso: shapely.transform(
            shapely.segmentize(outline, _OUTLINE_STEP_DEGREES), to_local, interleaved=False
        )
        for iso, outline in outlines.items()
    }
    return local, to_local


def in_region(lon: npt.ArrayLike, lat: npt.ArrayLike) -> npt.NDArray[np.bool_]:
    """Return where lon/lat points lie inside the study region."""
    min_lon, min_lat, max_lon, max_lat = REGION
    x, y = np.asarray(lon), np.asarray(lat)
    return (min_lon <= x) & (x <= max_lon) & (min_lat <= y) & (y <= max_lat)


def road_ends(net: Network) -> Iterator[tuple[int, Problem]]:
    """Yield (road row, problem) for each road end further than TOUCH_M from its node."""
    lines = net.roads.geometry
    for end, rows, index in (("from", net.start, 0), ("to", net.end, -1)):
        points = shapely.get_point(lines, index)
        x, y = shapely.get_x(points), shapely.get_y(points)
        gap = distances_m(x, y, net.nodes.lon[rows], net.nodes.lat[rows])
        node = net.roads.start if end == "from" else net.roads.end
        for row in np.flatnonzero(gap > TOUCH_M):
            message = (
                f"{end} end is {gap[row] / 1000:.1f} km from node {node[row]!r}; snap the line's "
                "end to the node"
            )
            yield int(row), net.problem(int(row), message, "geometry")


def road_vertices(net: Network) -> Iterator[tuple[int, Problem]]:
    """Yield (road row, problem) for each road with a vertex outside the region."""
    coords, owner = shapely.get_coordinates(net.roads.geometry, return_index=True)
    outside = ~in_region(coords[:, 0], coords[:, 1])
    rows, first = np.unique(owner[outside], return_index=True)
    for row, vertex in zip(rows, coords[outside][first], strict=True):
        where = (float(vertex[0]), float(vertex[1]))
        yield int(row), net.problem(int(row), f"vertex {where} is outside the region", "geometry")


def border_roads(net: Network) -> Iterator[tuple[int, Problem]]:
    """Yield (road row, problem) for each road that would cross a border outside a crossing."""
    nodes, crossings = net.nodes, net.dataset.crossings
    cross_start, cross_end = nodes.crossing[net.start], nodes.crossing[net.end]
    start_country, end_country = nodes.country[net.start], nodes.country[net.end]
    for row in np.flatnonzero(cross_start & cross_end):
        message = (
            "joins two crossings; a road section joins a crossing to a place or junction "
            "on one side"
        )
        yield int(row), net.problem(int(row), message, "to")
    for row in np.flatnonzero(cross_start ^ cross_end):
        crossing_row, other = (
            (net.start[row], net.end[row]) if cross_start[row] else (net.end[row], net.start[row])
        )
        crossing = crossings[nodes.id[crossing_row]]
        if nodes.country[other] not in (crossing.country_a, crossing.country_b):
            message = (
                f"joins crossing {crossing.id!r} ({crossing.country_a}-{crossing.country_b}) to "
                f"{nodes.id[other]!r} in {nodes.country[other]}; it would cross a border outside "
                "a crossing"
            )
            yield int(row), net.problem(int(row), message, "from")
    apart = ~cross_start & ~cross_end & (start_country != end_country)
    for row in np.flatnonzero(apart):
        message = (
            f"joins {net.roads.start[row]!r} ({start_country[row]}) and {net.roads.end[row]!r} "
            f"({end_country[row]}) without a crossing; split it at the crossing node"
        )
        yield int(row), net.problem(int(row), message, "to")


def lengths(net: Network) -> Iterator[Problem]:
    """Yield a problem for each sourced length much shorter than the road's own line."""
    rows = np.flatnonzero(~np.isnan(net.roads.length_km))
    line_km = line_lengths_m(net.roads.geometry[rows]) / 1000
    stated = net.roads.length_km[rows]
    for row, km, line in zip(rows, stated, line_km, strict=True):
        if km < SHORTEST_LENGTH * line:
            message = (
                f"is {km:g} km but the line is {line:.1f} km; check the figure, its end points, "
                "or the line"
            )
            yield net.problem(int(row), message, "length_km")


def connectivity(net: Network) -> tuple[npt.NDArray[np.bool_], dict[str, set[str]]]:
    """Return which nodes a capital reaches (every crossing open), and each crossing's sides.

    A crossing's sides are the countries of the non-crossing nodes its roads lead to.
    """
    # networkx, not scipy: a command answered from the cache must not need scipy's import time.
    graph = nx.Graph()
    graph.add_nodes_from(range(len(net.nodes.id)))
    graph.add_edges_from(zip(net.start.tolist(), net.end.tolist(), strict=True))
    capitals = {net.nodes.row[p.id] for p in net.dataset.places.values() if p.kind == "capital"}
    reached = np.zeros(len(net.nodes.id), dtype=bool)
    for component in nx.connected_components(graph):
        if not capitals.isdisjoint(component):
            reached[list(component)] = True
    sides: dict[str, set[str]] = {c: set() for c in net.dataset.crossings}
    for here, there in ((net.start, net.end), (net.end, net.start)):
        touching = net.nodes.crossing[here] & ~net.nodes.crossing[there]
        for crossing, country in zip(
            net.nodes.id[here[touching]], net.nodes.country[there[touching]], strict=True
        ):
            sides[crossing].add(country)
    return reached, sides


def outside_borders(
    net: Network, outlines: Mapping[str, BaseGeometry], local: Callable[..., Any]
) -> Iterator[Problem]:
    """Yield a problem for each road running outside its country away from any crossing.

    ``outlines`` are the countries in local metres, ``local`` the (x, y) transform to them.
    """
    nodes = net.nodes
    cross_start, cross_end = nodes.crossing[net.start], nodes.crossing[net.end]
    country = np.where(cross_start, nodes.country[net.end], nodes.country[net.start])
    one_country = ~(cross_start & cross_end) & (
        cross_start | cross_end | (nodes.country[net.start] == nodes.country[net.end])
    )
    lines = shapely.transform(net.roads.geometry, local, interleaved=False)
    for iso, outline in outlines.items():
        rows = np.flatnonzero(one_country & (country == iso))
        allowed = outline.buffer(BORDER_TOLERANCE_M)
        shapely.prepare(allowed)
        for row in rows[~shapely.within(lines[rows], allowed)]:
            line = lines[row]
            for end in (net.start[row], net.end[row]):
                if nodes.crossing[end]:
                    post = Point(local(nodes.lon[end], nodes.lat[end]))
                    line = line.difference(post.buffer(CROSSING_APPROACH_M))
            outside = line.difference(allowed).length
            if outside > 0:
                message = (
                    f"runs {outside / 1000:.1f} km outside {iso} away from any crossing; "
                    "redraw it inside the border or end it at a crossing node"
                )
                yield net.problem(int(row), message, "geometry")
