"""Geodesic lengths on the WGS84 ellipsoid (never degrees or projected metres).

pyproj is imported on first use: a command answered from the cache never needs it.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from shapely.geometry import LineString

if TYPE_CHECKING:
    from pyproj import Geod

__all__ = ["great_circle_m", "line_length_m", "wgs84"]


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
