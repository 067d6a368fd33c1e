"""GeoJSON layers of the map: roads, crossings by status, places and routes.

Feature properties carry plain text (``title``, ``lines``, ``links``); the browser side
(``static/corridor.js``) puts it on the page as text, so names can never inject markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import folium
import networkx as nx
import shapely
from jinja2 import Template
from shapely.geometry import LineString, mapping

from corridor.areas import active_areas
from corridor.comparison import Outcome
from corridor.graph import dataset_of
from corridor.scenario import Scenario
from corridor.summary import crossing_summaries
from geodata import Dataset
from maps.assets import SafeMacro, script_json
from maps.style import route_style

__all__ = [
    "PRECISION",
    "DataLayer",
    "area_features",
    "country_features",
    "crossing_features",
    "place_features",
    "road_features",
    "route_feature",
]

# Enough for ~1 m on the ground and keeps the file small.
PRECISION = 5

Feature = dict[str, Any]


class DataLayer(folium.map.Layer, SafeMacro):
    """A toggleable layer drawn by ``corridor.layer(kind, data)`` in the page."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = corridor.layer({{ this.kind|tojson }}, {{ this.json }});
        {% endmacro %}
        """
    )

    def __init__(self, name: str, kind: str, features: list[Feature], *, show: bool = True):
        # Leaflet's layer control shows names as HTML: callers pass escaped names.
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "DataLayer"
        self.kind = kind
        self.data = {"type": "FeatureCollection", "features": features}

    @property
    def json(self) -> str:
        """The features as compact JSON, safe inside ``<script>``."""
        return script_json(self.data)


def coords(line: LineString) -> list[list[float]]:
    """Return a line's coordinates rounded to :data:`PRECISION` decimals."""
    return [[round(x, PRECISION), round(y, PRECISION)] for x, y in line.coords]


def _point(lon: float, lat: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [round(lon, PRECISION), round(lat, PRECISION)]}


def _link(dataset: Dataset, source_id: str) -> list[dict[str, str]]:
    source = dataset.sources.get(source_id)
    if source is None:
        return [{"label": "source", "url": source_id}]
    return [
        {"label": f"Source: {source.title} ({source.publisher}, {source.date})", "url": source.url}
    ]


def country_features(dataset: Dataset) -> list[Feature]:
    """Return country outlines for the offline background (empty if the dataset has none)."""
    features = []
    for country in dataset.countries.values():
        outline = shapely.set_precision(country.outline, 10**-PRECISION)
        features.append(
            {"type": "Feature", "geometry": mapping(outline), "properties": {"title": country.name}}
        )
    return features


def area_features(scenario: Scenario) -> list[Feature]:
    """Return the scenario's active areas to avoid (names are data: shown as text)."""
    features = []
    for area in active_areas(scenario):
        dates = f"{area.valid_from or 'always'} to {area.valid_to or 'open-ended'}"
        lines = [f"Area to avoid: {dates}, for {area.mode or 'all traffic'}"]
        outline = shapely.set_precision(area.geometry, 10**-PRECISION)
        props = {"layer": "area", "title": area.name, "lines": lines}
        features.append({"type": "Feature", "geometry": mapping(outline), "properties": props})
    return features


def road_features(graph: nx.MultiDiGraph) -> list[Feature]:
    """Return one feature per road section (not per direction)."""
    dataset = dataset_of(graph)
    features = []
    for road in dataset.roads.values():
        data = graph[road.start][road.end][road.id]
        label = " - ".join(graph.nodes[n]["name"] for n in (road.start, road.end))
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": coords(road.geometry)},
                "properties": {
                    "layer": "road",
                    "road_class": road.road_class,
                    "title": " ".join(p for p in (road.ref, road.name) if p) or road.id,
                    "lines": [f"{label}: {data['length_m'] / 1000:.0f} km ({road.road_class})"],
                    "links": _link(dataset, road.source),
                },
            }
        )
    return features


def crossing_features(
    dataset: Dataset, scenario: Scenario, *, closed_in: Mapping[str, Sequence[str]]
) -> list[Feature]:
    """Return crossings with their status on the scenario's date and the scenarios closing them."""
    features = []
    for summary in crossing_summaries(dataset, scenario):
        crossing = summary.crossing
        lines = [
            f"{crossing.name_a} ({crossing.country_a}) - {crossing.name_b} ({crossing.country_b})",
            f"{scenario.mode.capitalize()} on {scenario.as_of.isoformat()}: {summary.reason}",
        ]
        if summary.status == "restricted":
            lines.append(", ".join(f"{k}: {v}" for k, v in summary.by_direction.items()))
        if summary.event and summary.event.note:
            lines.append(f"Note: {summary.event.note}")
        delays = (
            f"freight {crossing.delay_freight_h:g} h, passenger {crossing.delay_passenger_h:g} h"
        )
        lines.append(f"Handles {' and '.join(crossing.modes)}; typical delay (estimate) {delays}")
        if closed_in.get(crossing.id):
            lines.append("Closed in scenario: " + ", ".join(closed_in[crossing.id]))
        links = _link(dataset, crossing.source)
        if summary.source_url:
            label = f"Status source: {summary.source_title or summary.source_url}"
            links = [{"label": label, "url": summary.source_url}, *links]
        features.append(
            {
                "type": "Feature",
                "geometry": _point(crossing.lon, crossing.lat),
                "properties": {
                    "title": crossing.name,
                    "status": summary.status,
                    "lines": lines,
                    "links": links,
                    "id": crossing.id,
                },
            }
        )
    return features


def place_features(dataset: Dataset, *, on_route: Iterable[str] = ()) -> list[Feature]:
    """Return places (not junctions), flagging those on a route so they get a label."""
    marked = set(on_route)
    return [
        {
            "type": "Feature",
            "geometry": _point(place.lon, place.lat),
            "properties": {
                "title": place.name,
                "kind": place.kind,
                "on_route": place.id in marked,
                "lines": [
                    line
                    for line in (
                        place.name_ar,
                        f"{place.kind.capitalize()}, {place.country}",
                        ("Also: " + ", ".join(place.aliases)) if place.aliases else "",
                    )
                    if line
                ],
                "links": _link(dataset, place.source),
            },
        }
        for place in dataset.places.values()
        if place.kind != "junction"
    ]


def route_feature(outcome: Outcome, graph: nx.MultiDiGraph, *, index: int) -> Feature:
    """Return a route as a styled line feature (the n-th route gets the n-th style)."""
    route = outcome.route
    if route is None:
        msg = f"scenario {outcome.label!r} has no route to draw"
        raise ValueError(msg)
    style = route_style(index)
    via = ", ".join(graph.nodes[c]["name"] for c in route.crossings) or "no border crossing"
    return {
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": coords(route.geometry)},
        "properties": {
            "layer": "route",
            "color": style.colour,
            "dash": style.dash,
            "title": outcome.label,
            "lines": [
                f"{route.distance_km:.0f} km, {route.time_h:.1f} h",
                f"Via {via}",
                " > ".join(route.countries),
            ],
        },
    }
