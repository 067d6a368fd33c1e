"""Routes, comparisons and combinations as (Geo)DataFrames for notebooks and GIS tools.

A route becomes one row per leg, its geometry a LineString in EPSG:4326 (lon, lat), the same
points as the route's line; figures and their ranges come from the route's
:class:`~corridor.uncertainty.Breakdown`, never computed again. pandas and geopandas are
imported inside the functions: the command line does not load them to route.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from shapely.geometry import LineString

from corridor.errors import InputError
from corridor.uncertainty import Breakdown
from geodata import Dataset

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

    from corridor.combos import ComboOutcome
    from corridor.comparison import Comparison, Outcome
    from corridor.routing.core import Leg, Route

__all__ = [
    "LegFigures",
    "combos_frame",
    "comparison_frame",
    "leg_figures",
    "node_name",
    "route_to_gdf",
    "routes_to_gdf",
]

CRS = "EPSG:4326"


@dataclass(frozen=True)
class LegFigures:
    """A leg with what a table or a frame shows of it.

    ``hours`` is driving plus the typical delay of the crossings the leg enters
    (``border_h``); ``crossings`` are those crossings, ``countries`` the countries its nodes
    lie in, in order.
    """

    leg: Leg
    roads: tuple[str, ...]
    start_name: str
    end_name: str
    km_range: tuple[float, float]
    hours: float
    hours_range: tuple[float, float]
    border_h: float
    countries: tuple[str, ...]
    crossings: tuple[str, ...]
    geometry: LineString


def node_name(dataset: Dataset, node: str) -> str:
    """Return the name of a place, junction or crossing id."""
    record = dataset.places.get(node) or dataset.crossings[node]
    return record.name


def _step_coords(dataset: Dataset, u: str, road_id: str) -> list[tuple[float, float]]:
    """Return a road's points in the direction of travel from ``u``."""
    road = dataset.roads[road_id]
    coords = [(float(x), float(y)) for x, y, *_ in road.geometry.coords]
    return coords if road.start == u else coords[::-1]


def leg_figures(route: Route) -> list[LegFigures]:
    """Return each leg of a route with its roads, ranges, hours, countries and line."""
    dataset = route.dataset
    steps = list(zip(pairwise(route.path), route.roads, strict=True))
    figures, at = [], 0
    for leg in route.legs:
        run: list[tuple[tuple[str, str], str]] = []
        while not run or run[-1][0][1] != leg.end:
            run.append(steps[at])
            at += 1
        roads = tuple(road for _, road in run)
        entered = tuple(v for (_, v), _ in run if v in route.crossings)
        part = Breakdown(
            {r: route.breakdown.roads[r] for r in roads},
            {c: route.breakdown.delays[c] for c in entered},
        )
        nodes = [leg.start, *(v for (_, v), _ in run)]
        countries = [c for c in map(dataset.node_country, nodes) if c]
        coords: list[tuple[float, float]] = []
        for (u, _), road in run:
            line = _step_coords(dataset, u, road)
            coords.extend(line[1:] if coords else line)
        border = sum(part.delays.values())
        figures.append(
            LegFigures(
                leg=leg,
                roads=roads,
                start_name=node_name(dataset, leg.start),
                end_name=node_name(dataset, leg.end),
                km_range=part.distance_range_km(),
                hours=sum(route.breakdown.roads[r][3] for r in roads) + border,
                hours_range=part.time_range_h(),
                border_h=border,
                countries=tuple(dict.fromkeys(countries)),
                crossings=entered,
                geometry=LineString(coords),
            )
        )
    return figures


def _leg_rows(route: Route) -> list[dict[str, Any]]:
    return [
        {
            "ref": f.leg.ref,
            "road": f.leg.name,
            "roads": ", ".join(f.roads),
            "from": f.leg.start,
            "to": f.leg.end,
            "from_name": f.start_name,
            "to_name": f.end_name,
            "km": f.leg.distance_km,
            "km_low": f.km_range[0],
            "km_high": f.km_range[1],
            "hours": f.hours,
            "hours_low": f.hours_range[0],
            "hours_high": f.hours_range[1],
            "border_h": f.border_h,
            "countries": ", ".join(f.countries),
            "crossing": ", ".join(f.crossings) or None,
            "geometry": f.geometry,
        }
        for f in leg_figures(route)
    ]


def route_to_gdf(route: Route) -> gpd.GeoDataFrame:
    """Return a route as a GeoDataFrame, one row per leg, indexed by ``leg`` (0, 1, ...).

    Parameters
    ----------
    route
        From :func:`corridor.find_route` (or any other routing entry point).

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``ref``, ``road`` (name), ``roads`` (ids), ``from``, ``to`` (ids),
        ``from_name``, ``to_name``, ``km`` with ``km_low`` and ``km_high``, ``hours``
        (driving plus border delay) with ``hours_low`` and ``hours_high``, ``border_h``,
        ``countries``, ``crossing`` (the crossing the leg enters, or ``None``) and a
        LineString ``geometry`` in EPSG:4326 (lon, lat), in the direction of travel.

    """
    import geopandas as gpd

    frame = gpd.GeoDataFrame(_leg_rows(route), geometry="geometry", crs=CRS)
    frame.index.name = "leg"
    return frame


def routes_to_gdf(routes: Sequence[Route] | Mapping[str, Route]) -> gpd.GeoDataFrame:
    """Return several routes' legs in one GeoDataFrame, indexed by ``route`` and ``leg``.

    ``route`` is the key of a mapping (e.g. a scenario's label), else the position in the
    sequence; columns are those of :func:`route_to_gdf`.
    """
    import geopandas as gpd

    named = dict(routes) if isinstance(routes, Mapping) else dict(enumerate(routes))
    if not named:
        msg = "routes_to_gdf needs at least one route"
        raise InputError(msg)
    rows = [
        {"route": key, "leg": i, **row}
        for key, route in named.items()
        for i, row in enumerate(_leg_rows(route))
    ]
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS).set_index(["route", "leg"])


def _route_columns(route: Route | None) -> dict[str, Any]:
    if route is None:
        columns = ("km", "km_low", "km_high", "hours", "hours_low", "hours_high")
        return dict.fromkeys((*columns, "crossings", "countries"))
    (km_low, km_high), (h_low, h_high) = route.distance_range_km, route.time_range_h
    return {
        "km": route.distance_km,
        "km_low": km_low,
        "km_high": km_high,
        "hours": route.time_h,
        "hours_low": h_low,
        "hours_high": h_high,
        "crossings": ", ".join(route.crossings),
        "countries": " > ".join(route.countries),
    }


def _outcome_row(outcome: Outcome, baseline: Outcome | None) -> dict[str, Any]:
    change = None if baseline is None else outcome.difference(baseline)
    return {
        "scenario": outcome.label,
        **_route_columns(outcome.route),
        "change_km": None if change is None else change.delta_km,
        "change_km_low": None if change is None else change.delta_range_km[0],
        "change_km_high": None if change is None else change.delta_range_km[1],
        "change_h": None if change is None else change.delta_h,
        "change_h_low": None if change is None else change.delta_range_h[0],
        "change_h_high": None if change is None else change.delta_range_h[1],
        "within_uncertainty": None if change is None else change.within_uncertainty,
        "time_within_uncertainty": None if change is None else change.time_within_uncertainty,
        "reason": outcome.reason,
    }


def comparison_frame(comparison: Comparison) -> pd.DataFrame:
    """Return a comparison as a DataFrame, one row per scenario (the baseline first).

    Indexed by ``scenario`` (the labels); ``km``, ``hours`` and their ranges, the change
    against the baseline (``change_km``, ``change_h`` and their ranges, ``None`` for the
    baseline and where either has no route), ``within_uncertainty`` and
    ``time_within_uncertainty`` (the change could be zero), ``crossings``, ``countries``,
    and ``reason`` when there is no route.
    """
    import pandas as pd

    rows = [_outcome_row(comparison.baseline, None)]
    rows += [_outcome_row(o, comparison.baseline) for o in comparison.scenarios]
    frame = pd.DataFrame(rows).set_index("scenario")
    for column in ("within_uncertainty", "time_within_uncertainty"):
        frame[column] = frame[column].astype("boolean")
    return frame


def combos_frame(outcomes: Sequence[ComboOutcome]) -> pd.DataFrame:
    """Return combination outcomes as a DataFrame, one row per distinct outcome.

    ``via`` lists the crossings used, ``count`` the combinations leading there,
    ``always_closed`` and ``always_open`` what those combinations share; ``km``, ``hours``
    and their ranges are ``None`` for "no route".
    """
    import pandas as pd

    rows = [
        {
            "via": ", ".join(o.crossings),
            "count": o.count,
            **_route_columns(o.route),
            "always_closed": ", ".join(sorted(o.always_closed)),
            "always_open": ", ".join(sorted(o.always_open)),
        }
        for o in outcomes
    ]
    return pd.DataFrame(rows).drop(columns=["crossings"], errors="ignore")
