"""Geodesic lengths on the WGS84 ellipsoid (never degrees or projected metres).

pyproj is imported on first use: a command answered from the cache never needs it.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry import LineString

if TYPE_CHECKING:
    from pyproj import Geod

__all__ = [
    "distances_m",
    "great_circle_m",
    "line_length_m",
    "line_lengths_m",
    "longest_steps_m",
    "wgs84",
]

Metres = npt.NDArray[np.float64]


@cache
def wgs84() -> Geod:
    """Return the WGS84 ellipsoid's geodesic calculator."""
    from pyproj import Geod

    return Geod(ellps="WGS84")


def line_length_m(line: LineString) -> float:
    """Return the geodesic length of a lon/lat LineString in metres."""
    return float(wgs84().geometry_length(line))


def great_circle_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Return the geodesic ("as the crow flies") distance between two lon/lat points in metres."""
    _, _, distance = wgs84().inv(lon1, lat1, lon2, lat2)
    return float(distance)


def distances_m(lon1: Any, lat1: Any, lon2: Any, lat2: Any) -> Metres:
    """Return the geodesic distances between arrays of lon/lat points, in metres (one call)."""
    arrays = [np.asarray(v, dtype=np.float64) for v in (lon1, lat1, lon2, lat2)]
    shape = np.broadcast_shapes(*(a.shape for a in arrays))
    flat = [np.ascontiguousarray(np.broadcast_to(a, shape)).ravel() for a in arrays]
    if not flat[0].size:
        return np.zeros(shape)
    _, _, distance = wgs84().inv(flat[0], flat[1], flat[2], flat[3])
    return np.asarray(distance, dtype=np.float64).reshape(shape)


def _steps_m(lines: npt.ArrayLike) -> tuple[Metres, npt.NDArray[np.intp]]:
    """Return every step of the lines end to end, and where each line's steps begin.

    The step after a line's last point (into the next line) is zero, so sums and maxima over
    ``steps[first[i]:first[i + 1]]`` belong to line ``i`` alone. Lines must not be empty.
    """
    coords, owner = shapely.get_coordinates(lines, return_index=True)
    steps = np.zeros(len(coords))
    if len(coords) > 1:
        steps[:-1] = distances_m(coords[:-1, 0], coords[:-1, 1], coords[1:, 0], coords[1:, 1])
        steps[:-1][owner[:-1] != owner[1:]] = 0.0
    first = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]]) if len(owner) else owner
    return steps, first


def line_lengths_m(lines: npt.ArrayLike) -> Metres:
    """Return the geodesic lengths of many lon/lat LineStrings in metres, vectorised.

    Examples
    --------
    >>> east = shapely.LineString([(36, 34), (37, 34)])
    >>> north = shapely.LineString([(40, 30), (40, 31), (40, 32)])
    >>> (line_lengths_m([east, north]) / 1000).round(1).tolist()
    [92.4, 221.7]

    """
    steps, first = _steps_m(lines)
    return np.add.reduceat(steps, first) if len(first) else np.zeros(0)


def longest_steps_m(lines: npt.ArrayLike) -> Metres:
    """Return the longest step between consecutive points of each lon/lat LineString."""
    steps, first = _steps_m(lines)
    return np.maximum.reduceat(steps, first) if len(first) else np.zeros(0)
