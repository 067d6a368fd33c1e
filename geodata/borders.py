"""Where imported roads meet the borders: each node's country, and the crossings posts prove.

A node's country is the outline that holds it (``shapely.contains_xy``, one call per country),
or the outline within ``NODE_SLACK_M`` of it (coastlines and the outlines' own error); nodes
elsewhere belong to no country of the dataset and are cut off. Where a way passes from one
country into another, the **border point** is where its step between the two nodes meets the
outline. A border point with an OSM border post (``barrier=border_control``) within
``POST_REACH_M`` becomes a crossing; posts within that distance of each other belong to the
same crossing (each country usually has its own post, on its own side). The crossing node goes
at the border point nearest its posts, so that every section on one side of it lies in one
country, however far inside its country a post stands. A way that passes a border with no post
near is cut at that step (the rule: a road crosses a border only at a crossing node).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry.base import BaseGeometry

from geodata.geodesy import distances_m
from geodata.osm import Point
from geodata.proximity import pairs_within
from geodata.roadchecks import BORDER_TOLERANCE_M, in_region, local_outlines

__all__ = [
    "NODE_SLACK_M",
    "POST_REACH_M",
    "BorderPoints",
    "OsmCrossing",
    "WayNodes",
    "border_points",
    "countries_of",
    "crossings_at",
    "strays",
]

# Tighter than validate's 1.5 km, measured another way: a node kept always passes it.
NODE_SLACK_M = 1000.0
# A step inside one country that runs farther than this outside it is cut (validate allows
# BORDER_TOLERANCE_M): only steps longer than twice the difference to NODE_SLACK_M can.
STRAY_M = BORDER_TOLERANCE_M - 250.0
# Steps that leave the outline are measured at points this far apart (metres).
_PROBE_M = 100.0
# A post this far from where its road meets the border still marks that crossing.
POST_REACH_M = 5000.0
# A conservative box around each point, in degrees, to find the outlines worth measuring: at
# the region's latitudes 0.02 degrees is more than NODE_SLACK_M in every direction.
_SLACK_DEGREES = 0.02

Texts = npt.NDArray[np.object_]


def countries_of(
    lon: npt.NDArray[np.float64], lat: npt.NDArray[np.float64], outlines: Mapping[str, BaseGeometry]
) -> Texts:
    """Return the country of each point ("" for none), from the dataset's outlines."""
    country = np.full(len(lon), "", dtype=object)
    usable = np.isfinite(lon) & np.isfinite(lat) & in_region(lon, lat)
    for iso, outline in outlines.items():
        open_ = np.flatnonzero(usable & (country == ""))
        shapely.prepare(outline)
        inside = shapely.contains_xy(outline, lon[open_], lat[open_])
        country[open_[inside]] = iso
    rest = np.flatnonzero(usable & (country == ""))
    if not len(rest) or not outlines:
        return country
    names = list(outlines)
    tree = shapely.STRtree([outlines[n] for n in names])
    points = shapely.points(lon[rest], lat[rest])
    hit, shape = tree.query(points, predicate="dwithin", distance=_SLACK_DEGREES)
    lines = shapely.shortest_line(points[hit], tree.geometries[shape])
    ends = shapely.get_coordinates(shapely.get_point(lines, 1))
    gap = distances_m(lon[rest][hit], lat[rest][hit], ends[:, 0], ends[:, 1])
    order = np.lexsort((gap, hit))  # the nearest outline first for each point
    hit, shape, gap = hit[order], shape[order], gap[order]
    first = np.r_[True, hit[1:] != hit[:-1]] & (gap <= NODE_SLACK_M)
    country[rest[hit[first]]] = np.array(names, dtype=object)[shape[first]]
    return country


@dataclass(frozen=True)
class BorderPoints:
    """The steps of the ways that pass from one country into another.

    Step ``step[k]`` runs from way node ``step[k]`` to ``step[k] + 1``, from country ``a[k]``
    into ``b[k]``, and meets the border at (``lon[k]``, ``lat[k]``).
    """

    step: npt.NDArray[np.intp]
    a: Texts
    b: Texts
    lon: npt.NDArray[np.float64]
    lat: npt.NDArray[np.float64]


@dataclass(frozen=True)
class WayNodes:
    """Every way node in order, with its country ("" for none); step ``i`` joins ``i, i + 1``."""

    lon: npt.NDArray[np.float64]
    lat: npt.NDArray[np.float64]
    country: Texts

    def segments(self, steps: npt.NDArray[np.intp]) -> npt.NDArray[np.object_]:
        """Return the steps as two-point lines."""
        lon, lat = self.lon, self.lat
        lines: npt.NDArray[np.object_] = shapely.linestrings(
            np.stack([lon[steps], lon[steps + 1]], axis=1),
            np.stack([lat[steps], lat[steps + 1]], axis=1),
        )
        return lines


def border_points(
    nodes: WayNodes, steps: npt.NDArray[np.intp], outlines: Mapping[str, BaseGeometry]
) -> BorderPoints:
    """Return where each of ``steps`` (from one country into another) meets the border."""
    a, b = nodes.country[steps], nodes.country[steps + 1]
    segments = nodes.segments(steps)
    where = shapely.line_interpolate_point(segments, 0.5, normalized=True)  # if nothing meets
    for iso in np.unique(a.astype(str)):
        rows = np.flatnonzero(a == iso)
        met = shapely.intersection(segments[rows], outlines[iso].boundary)
        parts, owner = shapely.get_parts(met, return_index=True)
        # A step that misses the outline gives an empty part (it keeps its midpoint).
        found = ~shapely.is_empty(parts)
        parts, owner = parts[found], owner[found]
        if not len(parts):
            continue
        # Planar positions along a step only order its points: the first is nearest to a.
        along = shapely.line_locate_point(segments[rows][owner], shapely.centroid(parts))
        order = np.lexsort((along, owner))
        first = order[np.r_[True, owner[order][1:] != owner[order][:-1]]]
        where[rows[owner[first]]] = shapely.centroid(parts[first])
    return BorderPoints(steps, a, b, shapely.get_x(where), shapely.get_y(where))


@dataclass(frozen=True)
class OsmCrossing:
    """A crossing found in the extract: its node, its two countries and the posts that mark it.

    ``sides`` is the country each post stands in.
    """

    lon: float
    lat: float
    countries: tuple[str, str]
    posts: tuple[Point, ...]
    sides: tuple[str, ...]

    def names(self, country: str | None = None) -> list[str]:
        """Return the posts' names (on one side only, if ``country`` is given), each once."""
        names = (
            p.name()
            for p, side in zip(self.posts, self.sides, strict=True)
            if country in (None, side)
        )
        return list(dict.fromkeys(n for n in names if n))


def crossings_at(
    points: BorderPoints, posts: Sequence[Point], post_country: Texts
) -> tuple[list[OsmCrossing], npt.NDArray[np.intp], list[Point]]:
    """Group border points and posts into crossings.

    Returns the crossings, the crossing of each border point (-1: no post near, so the step is
    cut), and the posts near no border point.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    where = ([p.lon for p in posts], [p.lat for p in posts])
    at_point, post, _ = pairs_within((points.lon, points.lat), where, POST_REACH_M)
    first, second, _ = pairs_within(where, where, POST_REACH_M)
    count = len(points.step)
    size = count + len(posts)
    links = coo_matrix(
        (
            np.ones(len(at_point) + len(first)),
            (np.r_[at_point, count + first], np.r_[count + post, count + second]),
        ),
        shape=(size, size),
    )
    _, label = connected_components(links, directed=False)
    marked = np.zeros(size, dtype=bool)
    marked[label[count:]] = True  # components that hold a post
    crossing_of = np.full(count, -1, dtype=np.intp)
    crossings: list[OsmCrossing] = []
    pair = np.array([f"{min(x, y)} {max(x, y)}" for x, y in zip(points.a, points.b, strict=True)])
    groups: dict[tuple[int, str], list[int]] = {}
    for k in np.flatnonzero(marked[label[:count]]):
        groups.setdefault((int(label[k]), str(pair[k])), []).append(int(k))
    for (component, countries), members in sorted(groups.items()):
        own = np.flatnonzero(label[count:] == component)
        near = distances_m(
            points.lon[members][:, None],
            points.lat[members][:, None],
            np.array([posts[int(j)].lon for j in own])[None, :],
            np.array([posts[int(j)].lat for j in own])[None, :],
        )
        best = members[int(np.argmin(near.min(axis=1)))]
        a, b = countries.split()
        crossing_of[members] = len(crossings)
        crossings.append(
            OsmCrossing(
                float(points.lon[best]),
                float(points.lat[best]),
                (a, b),
                tuple(posts[int(j)] for j in own),
                tuple(str(post_country[j]) for j in own),
            )
        )
    lonely = [p for j, p in enumerate(posts) if not np.any(label[:count] == label[count + j])]
    return crossings, crossing_of, lonely


def strays(
    nodes: WayNodes, steps: npt.NDArray[np.intp], outlines: Mapping[str, BaseGeometry]
) -> npt.NDArray[np.intp]:
    """Return the ``steps`` (both ends in one country) that leave that country.

    A long straight step between two nodes of one country may cut across a corner of another
    (or of the sea): no road may run there, so such a step is cut like an unposted border.
    """
    lon, lat, country = nodes.lon, nodes.lat, nodes.country
    length = distances_m(lon[steps], lat[steps], lon[steps + 1], lat[steps + 1])
    long = steps[length > 2 * (STRAY_M - NODE_SLACK_M)]
    if not len(long):
        return long
    local, to_local = local_outlines({iso: outlines[iso] for iso in np.unique(country[long])})
    lines = shapely.transform(nodes.segments(long), to_local, interleaved=False)
    leaving = np.zeros(len(long), dtype=bool)
    for iso, outline in local.items():
        rows = np.flatnonzero(country[long] == iso)
        shapely.prepare(outline)
        rows = rows[~shapely.covered_by(lines[rows], outline)]
        # Only the few steps that leave the outline at all are measured, point by point.
        points, owner = shapely.get_coordinates(
            shapely.segmentize(lines[rows], _PROBE_M), return_index=True
        )
        gap = shapely.distance(outline, shapely.points(points))
        far = np.zeros(len(rows), dtype=bool)
        np.logical_or.at(far, owner, gap > STRAY_M)
        leaving[rows[far]] = True
    return long[leaving]
