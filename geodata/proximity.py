"""Which points lie near which: a KD-tree on the sphere finds candidates, pyproj measures them.

The tree holds points as 3D positions on a sphere of the Earth's mean radius, where the straight
(chord) distance never exceeds the distance along the surface: every pair within a geodesic
distance is among the tree's candidates, and the geodesic distance (WGS84) decides.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from geodata.geodesy import distances_m

__all__ = ["nearest", "pairs_within"]

EARTH_RADIUS_M = 6_371_008.8
# The ellipsoid's distances may exceed the sphere's by up to 0.5%: search a little wider.
_MARGIN = 1.01
Index = npt.NDArray[np.intp]
Metres = npt.NDArray[np.float64]


def _positions(lon: npt.ArrayLike, lat: npt.ArrayLike) -> npt.NDArray[np.float64]:
    x, y = np.radians(np.asarray(lon, dtype=float)), np.radians(np.asarray(lat, dtype=float))
    return EARTH_RADIUS_M * np.column_stack(
        [np.cos(y) * np.cos(x), np.cos(y) * np.sin(x), np.sin(y)]
    )


def _tree(lon: npt.ArrayLike, lat: npt.ArrayLike) -> Any:
    from scipy.spatial import cKDTree

    return cKDTree(_positions(lon, lat))


def pairs_within(
    a: tuple[npt.ArrayLike, npt.ArrayLike],
    b: tuple[npt.ArrayLike, npt.ArrayLike],
    metres: float,
) -> tuple[Index, Index, Metres]:
    """Return every pair (i of ``a``, j of ``b``) within ``metres`` of each other, and how far.

    ``a`` and ``b`` are (lon, lat) arrays.
    """
    if not (np.size(a[0]) and np.size(b[0])):
        empty = np.zeros(0, dtype=np.intp)
        return empty, empty, np.zeros(0)
    found = _tree(*a).query_ball_tree(_tree(*b), metres * _MARGIN)
    i = np.repeat(np.arange(len(found)), [len(f) for f in found]).astype(np.intp)
    j = np.array([k for f in found for k in f], dtype=np.intp)
    lon_a, lat_a = (np.asarray(v, dtype=float) for v in a)
    lon_b, lat_b = (np.asarray(v, dtype=float) for v in b)
    distance = distances_m(lon_a[i], lat_a[i], lon_b[j], lat_b[j])
    near = distance <= metres
    return i[near], j[near], distance[near]


def nearest(
    a: tuple[npt.ArrayLike, npt.ArrayLike], b: tuple[npt.ArrayLike, npt.ArrayLike], *, k: int
) -> tuple[Index, Metres]:
    """Return, for each point of ``a``, its ``k`` nearest points of ``b`` and how far they are.

    Both arrays have shape ``(len(a), k)``, nearest first; where ``b`` has fewer than ``k``
    points the index is ``len(b)`` and the distance ``inf``.
    """
    lon_a, lat_a = (np.atleast_1d(np.asarray(v, dtype=float)) for v in a)
    lon_b, lat_b = (np.atleast_1d(np.asarray(v, dtype=float)) for v in b)
    if not len(lon_b):
        return np.full((len(lon_a), k), 0, dtype=np.intp), np.full((len(lon_a), k), np.inf)
    _, index = _tree(lon_b, lat_b).query(_positions(lon_a, lat_a), k=k)
    index = np.asarray(index, dtype=np.intp).reshape(len(lon_a), k)
    found = index < len(lon_b)
    safe = np.where(found, index, 0)
    distance = distances_m(lon_a[:, None], lat_a[:, None], lon_b[safe], lat_b[safe])
    distance[~found] = np.inf
    # The chord order and the geodesic order may differ for near ties: sort by the geodesic.
    order = np.argsort(distance, axis=1, kind="stable")
    return np.take_along_axis(index, order, 1), np.take_along_axis(distance, order, 1)
