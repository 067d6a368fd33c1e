"""Split imported ways into road sections between junctions, whole arrays at a time.

A section runs between two **split vertices** of one way: a node that two or more kept ways
share (or one way twice), a way's end, a node next to a crossing, a snapped place, and the
crossing node itself, which is put in the step of the way that meets the border. Steps that
leave every country of the dataset or pass a border with no post are cut, so a way may give
several runs. Every vertex of a way is kept in the geometry of its section.

Nodes are keyed by integers: an OSM node by its id, crossing ``k`` by ``-(k + 1)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import shapely

from geodata.geodesy import line_lengths_m, longest_steps_m

__all__ = ["Sections", "Vertices", "largest_network", "sections", "vertices"]

Index = npt.NDArray[np.intp]
Keys = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Vertices:
    """The kept way nodes in order, with a crossing node inserted in each step that has one.

    ``way`` is the way of each vertex, ``joined[k]`` whether vertex ``k`` and ``k + 1`` are
    consecutive on a road, ``junction`` whether the vertex must split its way.
    """

    key: Keys
    lon: npt.NDArray[np.float64]
    lat: npt.NDArray[np.float64]
    way: Index
    joined: npt.NDArray[np.bool_]
    junction: npt.NDArray[np.bool_]


def vertices(
    *,
    node: Keys,
    lon: npt.NDArray[np.float64],
    lat: npt.NDArray[np.float64],
    way: Index,
    kept: npt.NDArray[np.bool_],
    cut: npt.NDArray[np.bool_],
    crossing_at: Index,
    crossing_lonlat: npt.NDArray[np.float64],
) -> Vertices:
    """Return the vertices of the kept ways.

    Parameters
    ----------
    node, lon, lat, way
        Every way node in order (node id, position, way index).
    kept
        Way nodes inside a country of the dataset.
    cut
        For each step (node ``i`` to ``i + 1``), whether no road may take it: it passes a
        border with no post near.
    crossing_at
        For each step, the crossing put in it, or -1.
    crossing_lonlat
        The (lon, lat) of each crossing, shape ``(crossings, 2)``.

    """
    steps = np.flatnonzero(crossing_at >= 0)
    rows = np.flatnonzero(kept)
    order = np.argsort(np.r_[2 * rows, 2 * steps + 1], kind="stable")
    at = np.r_[rows, steps][order]  # way node, or the step a crossing sits in
    inserted = np.r_[np.zeros(len(rows), bool), np.ones(len(steps), bool)][order]
    crossing = np.r_[np.full(len(rows), -1), crossing_at[steps]][order]
    key = np.where(inserted, -(crossing + 1), node[at])
    vlon = np.where(inserted, crossing_lonlat[np.maximum(crossing, 0), 0], lon[at])
    vlat = np.where(inserted, crossing_lonlat[np.maximum(crossing, 0), 1], lat[at])
    same_way = way[at][1:] == way[at][:-1]
    step_ok = np.r_[(way[1:] == way[:-1]) & kept[1:] & kept[:-1] & ~cut, False]
    here, there = at[:-1], at[1:]
    real_here, real_there = ~inserted[:-1], ~inserted[1:]
    joined = same_way & (
        (real_here & real_there & (there == here + 1) & step_ok[here])
        | (real_here & ~real_there & (there == here))
        | (~real_here & real_there & (there == here + 1))
    )
    # A node shared by two ways, or met twice by one, splits them.
    shared_keys, counts = np.unique(node[rows], return_counts=True)
    shared = np.isin(key, shared_keys[counts > 1]) & ~inserted
    beside = np.r_[inserted[1:], False] | np.r_[False, inserted[:-1]]
    return Vertices(key, vlon, vlat, way[at], np.r_[joined, False], shared | beside | inserted)


@dataclass(frozen=True)
class Sections:
    """Road sections: the way each comes from, its end keys, line, length and longest step."""

    way: Index
    start: Keys
    end: Keys
    geometry: npt.NDArray[np.object_]
    length_m: npt.NDArray[np.float64]
    longest_step_m: npt.NDArray[np.float64]
    number: Index  # the section's place along its way (0, 1, ...): its id
    begin: Index  # its first and last vertex
    finish: Index

    def take(self, rows: Index | npt.NDArray[np.bool_]) -> Sections:
        """Return the sections selected by an index or boolean array."""
        return Sections(
            *(np.asarray(getattr(self, f))[rows] for f in Sections.__dataclass_fields__)
        )


def sections(points: Vertices, *, splits: Keys) -> Sections:
    """Return the sections between split vertices (and the nodes in ``splits``).

    Sections of no length (nodes stacked on one point) and loops back to their own start are
    left out: no route ever needs them.
    """
    joined = points.joined
    split = points.junction | np.isin(points.key, splits)
    split |= ~np.r_[False, joined[:-1]] | ~joined  # where a run begins or ends
    chain = np.cumsum(np.r_[0, ~joined[:-1]])
    at = np.flatnonzero(split)
    pair = chain[at[1:]] == chain[at[:-1]]
    begin, finish = at[:-1][pair], at[1:][pair]
    sizes = finish - begin + 1
    owner = np.repeat(np.arange(len(begin)), sizes)
    offsets = np.cumsum(np.r_[0, sizes[:-1]])
    index = begin[owner] + np.arange(sizes.sum()) - offsets[owner]
    lines = shapely.linestrings(points.lon[index], points.lat[index], indices=owner)
    lines = np.asarray(lines, dtype=object).reshape(len(begin))
    ways = points.way[begin]
    first_of_way = np.r_[True, ways[1:] != ways[:-1]]
    number = np.arange(len(begin)) - np.maximum.accumulate(
        np.where(first_of_way, np.arange(len(begin)), 0)
    )
    found = Sections(
        ways,
        points.key[begin],
        points.key[finish],
        lines,
        line_lengths_m(lines) if len(lines) else np.zeros(0),
        longest_steps_m(lines) if len(lines) else np.zeros(0),
        number,
        begin,
        finish,
    )
    return found.take((found.length_m > 0) & (found.start != found.end))


def largest_network(found: Sections) -> npt.NDArray[np.bool_]:
    """Return which sections belong to the largest connected network (every crossing open)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    keys, ends = np.unique(np.r_[found.start, found.end], return_inverse=True)
    start, end = ends[: len(found.start)], ends[len(found.start) :]
    size = len(keys)
    links = coo_matrix((np.ones(len(start)), (start, end)), shape=(size, size))
    _, label = connected_components(links, directed=False)
    if not size:
        return np.zeros(0, dtype=bool)
    return np.asarray(label[start] == np.bincount(label).argmax(), dtype=bool)
