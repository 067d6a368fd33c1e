"""Geodesic lengths on the WGS84 ellipsoid (never degrees or projected metres)."""

from __future__ import annotations

from pyproj import Geod
from shapely.geometry import LineString

WGS84 = Geod(ellps="WGS84")


def line_length_m(line: LineString) -> float:
    """Return the geodesic length of a lon/lat LineString in metres."""
    return float(WGS84.geometry_length(line))


def great_circle_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Return the geodesic ("as the crow flies") distance between two lon/lat points in metres."""
    _, _, distance = WGS84.inv(lon1, lat1, lon2, lat2)
    return float(distance)
