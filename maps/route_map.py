"""Assemble and save the interactive route map (one self-contained HTML file)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

import folium
import networkx as nx
from jinja2 import Template

from corridor.areas import active_areas
from corridor.comparison import Outcome
from corridor.graph import dataset_of
from corridor.outputs import write_atomic
from corridor.scenario import Scenario
from corridor.summary import stale_crossings
from maps.assets import LayerControl, SafeMacro, add_raw, make_self_contained, page, set_title
from maps.layers import (
    DataLayer,
    area_features,
    country_features,
    crossing_features,
    place_features,
    road_features,
    route_feature,
)
from maps.panel import legend, summary_panel
from maps.provenance import provenance

BASEMAP_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
BASEMAP_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'


class FitRoutes(SafeMacro):
    """Fits the map to the routes in the part of the window the panel leaves free."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        corridor.fit({{ this._parent.get_name() }}, {{ this.bounds|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, bounds: list[list[float]]) -> None:
        super().__init__()
        self._name = "FitRoutes"
        self.bounds = bounds


class OnlineBasemap(SafeMacro):
    """OpenStreetMap tiles under the data, added only when the browser is online."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        corridor.basemap({{ this._parent.get_name() }}, {{ this.url|tojson }},
                         {{ this.attribution|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "OnlineBasemap"
        self.url = BASEMAP_URL
        self.attribution = BASEMAP_ATTRIBUTION


def route_map(
    graph: nx.MultiDiGraph,
    outcomes: Sequence[Outcome],
    *,
    scenario: Scenario,
    title: str,
    baseline: Outcome | None = None,
) -> folium.Map:
    """Return a folium map of routes over the road network, crossings and places.

    Parameters
    ----------
    graph
        Road graph from :func:`corridor.build_graph`.
    outcomes
        Routes to draw (one layer each) and scenarios with no route (listed in the panel).
    scenario
        Sets the date and traffic whose crossing status colours the crossings.
    title
        Panel heading (plain text; it is escaped).
    baseline
        The outcome the others are compared with, for the panel's "change" column.

    """
    dataset = dataset_of(graph)
    fmap = folium.Map(location=[34.0, 40.0], zoom_start=6, tiles=None, control_scale=True)
    make_self_contained(fmap)
    set_title(fmap, title)
    if dataset.countries:
        DataLayer("Countries", "countries", country_features(dataset)).add_to(fmap)
    DataLayer("Roads", "roads", road_features(graph)).add_to(fmap)
    if active_areas(scenario):
        DataLayer("Areas to avoid", "areas", area_features(scenario)).add_to(fmap)
    on_route: set[str] = set()
    drawn = [(o, o.route) for o in outcomes if o.route is not None]
    for index, (outcome, route) in enumerate(drawn):
        on_route.update(route.path)
        feature = route_feature(outcome, graph, index=index)
        DataLayer(escape(f"Route: {outcome.label}"), "routes", [feature]).add_to(fmap)
    closed_in: dict[str, list[str]] = {}
    for outcome in outcomes:
        for crossing in sorted(outcome.scenario.closed - scenario.closed):
            closed_in.setdefault(crossing, []).append(outcome.label)
    DataLayer(
        "Crossings", "crossings", crossing_features(dataset, scenario, closed_in=closed_in)
    ).add_to(fmap)
    DataLayer("Places", "places", place_features(dataset, on_route=on_route)).add_to(fmap)
    fmap.add_child(OnlineBasemap())
    LayerControl(collapsed=True).add_to(fmap)
    html = page(fmap).html
    used = dict.fromkeys(c for _, route in drawn for c in route.crossings)
    stale = stale_crossings(dataset, scenario, used)
    facts = provenance(dataset, [*used, *closed_in])
    panel = summary_panel(
        graph,
        outcomes,
        scenario=scenario,
        title=title,
        baseline=baseline,
        stale=stale,
        facts=facts,
    )
    add_raw(html, panel, name="corridor_panel")
    add_raw(html, legend(), name="corridor_legend")
    lines = [route.geometry for _, route in drawn]
    if lines:
        xs = [x for line in lines for x, _ in line.coords]
        ys = [y for line in lines for _, y in line.coords]
        fmap.add_child(FitRoutes([[min(ys), min(xs)], [max(ys), max(xs)]]))
    return fmap


def save_map(fmap: folium.Map, path: str | Path) -> Path:
    """Write the map to one HTML file, atomically (a failure leaves no partial file)."""
    return write_atomic(path, page(fmap).render())
