"""How sure the numbers are: each road's length and each border delay carries a range.

A road's length is uncertain by shares of it that depend on where it comes from: a published
section length (round figures, end points at a town's edge) or the drawn line, which cuts
corners more the further apart its sourced points are, so its range reaches further above
than below. The shares below are calibrated on the reference table of published driving
distances (scripts/calibrate_uncertainty.py; method and fit in docs/uncertainty.md). Border
delays are estimates: the range is half to twice the typical figure. Sums add the ranges
(errors of neighbouring roads run the same way).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from geodata import Road
from geodata.geodesy import wgs84

__all__ = [
    "DELAY_RANGE",
    "GEOMETRY_ABOVE",
    "GEOMETRY_ABOVE_PER_10_KM",
    "GEOMETRY_BELOW",
    "PUBLISHED_SHARE",
    "SPEED_SHARE",
    "Breakdown",
    "Difference",
    "Figures",
    "difference",
    "length_errors_m",
    "sourced_gap_km",
    "step_figures",
]

# Calibrated on the bundled reference table (docs/uncertainty.md). A line through sourced
# points is never longer than the road by much, but may be much shorter: it cuts the corners
# between its points. So the range reaches further above than below.
PUBLISHED_SHARE = 0.03
GEOMETRY_BELOW = 0.07
GEOMETRY_ABOVE = 0.04
GEOMETRY_ABOVE_PER_10_KM = 0.034
GEOMETRY_ABOVE_MAX = 0.30
MINIMUM_ERROR_M = 200.0
# Typical speeds are estimates too: driving time carries this share on top of the length's.
SPEED_SHARE = 0.10
# A border takes from half to twice its typical delay.
DELAY_RANGE = (0.5, 2.0)


Figures = tuple[float, float, float, float, float, float]  # km, -km, +km, h, -h, +h


def sourced_gap_km(road: Road) -> float:
    """Return the longest stretch between consecutive sourced points of a road's line."""
    if road.sourced_gap_km is not None:
        return road.sourced_gap_km
    points = list(road.geometry.coords)
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    _, _, steps = wgs84().inv(lons[:-1], lats[:-1], lons[1:], lats[1:])
    return float(max(steps)) / 1000


def step_figures(edge: Mapping[str, Any], driving: str) -> Figures:
    """Return a road edge's km and ``driving`` hours with how far below and above each may be.

    ``edge`` is a road graph edge (corridor.graph); ``driving`` the name of its time attribute.
    """
    below, above = edge["length_errors_m"]
    hours, metres = edge[driving] / 3600, edge["length_m"]
    # Driving time is as uncertain as the length, plus the speed's share.
    share_below, share_above = (below / metres, above / metres) if metres else (0.0, 0.0)
    return (
        metres / 1000,
        below / 1000,
        above / 1000,
        hours,
        hours * (share_below + SPEED_SHARE),
        hours * (share_above + SPEED_SHARE),
    )


def length_errors_m(road: Road, length_m: float) -> tuple[float, float]:
    """Return how far below and above its length a road's true length may be, in metres."""
    if road.length_km is not None:
        below = above = PUBLISHED_SHARE
    else:
        below = GEOMETRY_BELOW
        above = min(
            GEOMETRY_ABOVE + GEOMETRY_ABOVE_PER_10_KM * sourced_gap_km(road) / 10,
            GEOMETRY_ABOVE_MAX,
        )
    return max(MINIMUM_ERROR_M, below * length_m), max(MINIMUM_ERROR_M, above * length_m)


@dataclass(frozen=True)
class Breakdown:
    """What a route is made of, to compare routes by what they do not share.

    Per road: km and how far below and above it the truth may be, the same for driving hours;
    per crossing entered: its typical delay in hours.
    """

    roads: dict[str, Figures]
    delays: dict[str, float]

    def _sum(self, i: int) -> float:
        return sum(r[i] for r in self.roads.values())

    def distance_range_km(self) -> tuple[float, float]:
        """Return the range of the distance."""
        return self._sum(0) - self._sum(1), self._sum(0) + self._sum(2)

    def time_range_h(self) -> tuple[float, float]:
        """Return the range of driving plus border time, in hours."""
        border = sum(self.delays.values())
        low, high = DELAY_RANGE
        driving = self._sum(3)
        return driving - self._sum(4) + low * border, driving + self._sum(5) + high * border


@dataclass(frozen=True)
class Difference:
    """How much longer (and slower) one route is than another, and the range of that.

    The ranges count only what the routes do not share; a difference whose range holds zero
    is "about equal".
    """

    delta_km: float
    delta_range_km: tuple[float, float]
    delta_h: float
    delta_range_h: tuple[float, float]

    @property
    def within_uncertainty(self) -> bool:
        """Whether the distance difference could be zero, given its uncertainty."""
        low, high = self.delta_range_km
        return low <= 0 <= high

    @property
    def time_within_uncertainty(self) -> bool:
        """Whether the time difference could be zero, given its uncertainty."""
        low, high = self.delta_range_h
        return low <= 0 <= high


def _apart(a: Breakdown, b: Breakdown) -> Breakdown:
    """Return what ``a`` has that ``b`` does not."""
    roads = {k: v for k, v in a.roads.items() if k not in b.roads}
    return Breakdown(roads, {c: h for c, h in a.delays.items() if c not in b.delays})


def difference(route: Breakdown, baseline: Breakdown) -> Difference:
    """Return how ``route`` differs from ``baseline``, counting only what they do not share."""
    mine, theirs = _apart(route, baseline), _apart(baseline, route)
    km = mine.distance_range_km(), theirs.distance_range_km()
    hours = mine.time_range_h(), theirs.time_range_h()
    driving = mine._sum(3) - theirs._sum(3)
    return Difference(
        delta_km=mine._sum(0) - theirs._sum(0),
        delta_range_km=(km[0][0] - km[1][1], km[0][1] - km[1][0]),
        delta_h=driving + sum(mine.delays.values()) - sum(theirs.delays.values()),
        delta_range_h=(hours[0][0] - hours[1][1], hours[0][1] - hours[1][0]),
    )
