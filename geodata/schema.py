"""The files of a dataset directory and the columns each must have."""

from __future__ import annotations

__all__ = ["BASES", "COLUMNS", "FILES", "IMPORT_REPORT", "OPTIONAL_FILES", "REQUIRED_FILES"]

FILES = {
    "sources": "sources.csv",
    "places": "places.csv",
    "crossings": "crossings.csv",
    "status": "status.csv",
    "roads": "roads.geojson",
    "roads_parquet": "roads.parquet",
    "junctions": "junctions.parquet",
    "countries": "countries.geojson",
    "references": "reference_distances.csv",
    "speeds": "speeds.csv",
}
# Country outlines sharpen validation and draw the map's background; reference distances let
# the road geometry be checked against published figures; speeds refine driving times.
# An imported network keeps its roads in roads.parquet instead of roads.geojson, with the
# plain junctions where its sections meet in junctions.parquet (docs/osm.md).
OPTIONAL_FILES = ("roads_parquet", "junctions", "countries", "references", "speeds")
REQUIRED_FILES = tuple(FILES[key] for key in FILES if key not in OPTIONAL_FILES)
# What ``corridor import osm`` did, beside the dataset it wrote (never read as data).
IMPORT_REPORT = "import_report.json"
BASES = ("road", "other-road", "unspecified")
COLUMNS = {
    "sources": ("id", "title", "publisher", "date", "url"),
    "places": ("id", "name", "name_ar", "aliases", "country", "kind", "lon", "lat", "source"),
    "crossings": (
        "id",
        "name",
        "country_a",
        "name_a",
        "country_b",
        "name_b",
        "modes",
        "delay_freight_h",
        "delay_passenger_h",
        "lon",
        "lat",
        "source",
    ),
    "status": ("crossing", "date", "status", "mode", "direction", "precision", "note", "source"),
    "roads": ("id", "ref", "name", "class", "from", "to", "source"),
    "references": ("origin", "destination", "road_km", "basis", "route_note", "source"),
    "speeds": ("country", "class", "speed_kph", "freight_kph", "source"),
}
