"""The dataset as GeoDataFrames (EPSG:4326), for analysis and GIS export."""

from __future__ import annotations

import geopandas as gpd
from shapely.geometry import Point

from geodata.dataset import Dataset
from geodata.geodesy import line_length_m

CRS = "EPSG:4326"


def places_frame(dataset: Dataset) -> gpd.GeoDataFrame:
    """Return places, one row each, with aliases joined by ``|``."""
    rows = [
        {
            "id": p.id,
            "name": p.name,
            "name_ar": p.name_ar,
            "aliases": "|".join(p.aliases),
            "country": p.country,
            "kind": p.kind,
            "source": p.source,
            "note": p.note,
            "geometry": Point(p.lon, p.lat),
        }
        for p in dataset.places.values()
    ]
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)


def crossings_frame(dataset: Dataset) -> gpd.GeoDataFrame:
    """Return crossings, one row each, with delays per mode as columns."""
    rows = [
        {
            "id": c.id,
            "name": c.name,
            "country_a": c.country_a,
            "name_a": c.name_a,
            "country_b": c.country_b,
            "name_b": c.name_b,
            "modes": "|".join(c.modes),
            "delay_freight_h": c.delay_freight_h,
            "delay_passenger_h": c.delay_passenger_h,
            "source": c.source,
            "note": c.note,
            "geometry": Point(c.lon, c.lat),
        }
        for c in dataset.crossings.values()
    ]
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)


def roads_frame(dataset: Dataset) -> gpd.GeoDataFrame:
    """Return road sections with their geodesic length in km."""
    rows = [
        {
            "id": r.id,
            "ref": r.ref,
            "name": r.name,
            "class": r.road_class,
            "from": r.start,
            "to": r.end,
            "speed_kph": r.speed_kph,
            "length_km": line_length_m(r.geometry) / 1000,
            "source": r.source,
            "geometry": r.geometry,
        }
        for r in dataset.roads.values()
    ]
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)
