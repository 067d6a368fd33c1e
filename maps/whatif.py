"""The shareable what-if map: one offline HTML file that re-routes in the browser.

The page embeds the road network itself (every road once, with its length, both kinds of
driving time and its line, coordinates rounded to 1e-5 degree), the crossings with their
whole status timelines, and a small JS module (``static/whatif.js``) that applies the same
status rules and runs Dijkstra. For this region the road network (about 125 sections) is
smaller than the portal overlay of DESIGN.md (thousands of legs), so the browser routes on it
directly; the Python engine stays the reference and the browser tests compare the two.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape
from typing import Any

import folium
import networkx as nx
from branca.element import Element
from jinja2 import Template

from corridor.scenario import Scenario
from geodata import Dataset
from maps.assets import make_self_contained, own_script, page
from maps.layers import PRECISION, DataLayer, country_features, place_features, road_features
from maps.panel import legend
from maps.route_map import OnlineBasemap


def _round(value: float) -> float:
    return round(value, PRECISION)


def whatif_data(
    graph: nx.MultiDiGraph, *, as_of: dt.date, places: Sequence[str], crossings: Sequence[str]
) -> dict[str, Any]:
    """Return what the browser needs to route: nodes, roads, crossings with their timelines."""
    dataset: Dataset = graph.graph["dataset"]
    nodes = {
        n: [_round(d["x"]), _round(d["y"]), d["country"] or "", d["name"]]
        for n, d in graph.nodes(data=True)
    }
    roads = []
    for road in dataset.roads.values():
        data = graph[road.start][road.end][road.id]
        roads.append(
            {
                "from": road.start,
                "to": road.end,
                "ref": road.ref,
                "name": road.name,
                "length_m": round(data["length_m"], 1),
                "time_s": round(data["time_s"], 1),
                "time_freight_s": round(data["time_freight_s"], 1),
                "coords": [[_round(x), _round(y)] for x, y in road.geometry.coords],
            }
        )
    shown: list[dict[str, Any]] = []
    for cid in crossings:
        c = dataset.crossings[cid]
        events = []
        for e in sorted((e for e in dataset.events if e.crossing == cid), key=lambda e: e.date):
            source = dataset.sources.get(e.source)
            events.append(
                [
                    e.date.isoformat(),
                    e.status,
                    e.mode,
                    e.direction,
                    e.precision,
                    e.note,
                    source.title if source else "",
                    source.url if source else e.source,
                ]
            )
        shown.append(
            {
                "id": c.id,
                "name": c.name,
                "a": c.country_a,
                "b": c.country_b,
                "nameA": c.name_a,
                "nameB": c.name_b,
                "modes": list(c.modes),
                "delay": c.delay_h,
                "lon": _round(c.lon),
                "lat": _round(c.lat),
                "events": events,
            }
        )
    dates = sorted({e[0] for c in shown for e in c["events"]} | {as_of.isoformat()})
    return {
        "asOf": as_of.isoformat(),
        "nodes": nodes,
        "roads": roads,
        "crossings": shown,
        "pickers": list(places),
        "dates": dates,
        "defaults": {"from": places[0], "to": places[1] if len(places) > 1 else places[0]},
    }


class WhatIfApp(folium.MacroElement):
    """Starts the what-if module on the map with the embedded network."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        corridorWhatIf.start({{ this._parent.get_name() }}, {{ this.data|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "WhatIfApp"
        self.data = data


def _controls(title: str) -> str:
    options = "".join(f'<option value="{v}">{v}</option>' for v in ("freight", "passenger"))
    return f"""
<details class="corridor-box" id="corridor-panel" open>
<summary>{escape(title)}</summary>
<div class="corridor-controls">
<label>From <select id="corridor-origin"></select></label>
<label>To <select id="corridor-destination"></select></label>
<label>Date <input type="date" id="corridor-date"></label>
<label class="corridor-wide">Timeline <input type="range" id="corridor-date-slider"
  aria-label="Move along the dates when a crossing changed status"></label>
<label>Traffic <select id="corridor-mode">{options}</select></label>
<label>Shortest by <select id="corridor-by"><option value="distance">distance</option>
  <option value="time">time</option></select></label>
<div id="corridor-summary" role="status" aria-live="polite"></div>
<details><summary>Legs</summary><ol id="corridor-legs"></ol></details>
<details open><summary>Crossings (tick = open)</summary>
<div id="corridor-crossing-list"></div></details>
<button type="button" id="corridor-copy-link">Copy link to this scenario</button>
<p class="muted">Status from dated, sourced events; delays are typical estimates. The link
keeps your choice (#from=...&amp;to=...&amp;closed=...&amp;date=...).</p>
</div>
</details>"""


def whatif_map(
    graph: nx.MultiDiGraph,
    *,
    scenario: Scenario,
    places: Sequence[str],
    crossings: Sequence[str],
    title: str = "What if a crossing closes?",
) -> folium.Map:
    """Return the what-if map: pickers, crossing switches, date, mode, live re-routing."""
    dataset: Dataset = graph.graph["dataset"]
    fmap = folium.Map(
        location=[34.5, 40.0], zoom_start=6, tiles=None, control_scale=True, zoom_snap=0.25
    )
    make_self_contained(fmap)
    root = page(fmap)
    root.title = title
    root.header.add_child(
        Element(f"<script>{own_script('whatif.js')}</script>"), name="corridor_whatif"
    )
    if dataset.countries:
        DataLayer("Countries", "countries", country_features(dataset)).add_to(fmap)
    DataLayer("Roads", "roads", road_features(graph)).add_to(fmap)
    DataLayer("Places", "places", place_features(dataset, on_route=places)).add_to(fmap)
    fmap.add_child(OnlineBasemap())
    fmap.add_child(
        WhatIfApp(whatif_data(graph, as_of=scenario.as_of, places=places, crossings=crossings))
    )
    folium.LayerControl(collapsed=True).add_to(fmap)
    root.html.add_child(Element(_controls(title)), name="corridor_panel")
    root.html.add_child(Element(legend()), name="corridor_legend")
    return fmap
