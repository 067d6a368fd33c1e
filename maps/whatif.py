"""The shareable what-if map: one offline HTML file that re-routes in the browser.

The page computes nothing the rules decide. Python hands it, for every crossing, its resolved
status per mode and direction from each date on which any status changes (so "on its own
date", precedence, modes and directions are all decided here), which statuses a route may
pass, and for every directed step its cost per weight and mode (border delays included), the
ranges of its length and driving time, the delay of the crossing it enters (corridor.uncertainty
decides all three) and the crossing and direction it passes. ``static/engine.js`` is a plain
Dijkstra over that;
``static/whatif.js`` is the page. The browser tests check the engine against
:func:`corridor.find_route`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from html import escape
from typing import Any, Literal

import folium
import networkx as nx
from jinja2 import Template

from corridor.graph import dataset_of
from corridor.phrases import ESTIMATES
from corridor.scenario import CrossingState, CrossingStatus, Scenario, crossing_state
from corridor.summary import overall_status
from corridor.uncertainty import DELAY_RANGE
from geodata import Dataset, timeline
from geodata.records import MODES, Direction
from maps.assets import (
    LayerControl,
    SafeMacro,
    add_raw,
    make_self_contained,
    own_script,
    page,
    script_json,
    set_title,
)
from maps.layers import (
    PRECISION,
    DataLayer,
    country_features,
    place_features,
    road_features,
)
from maps.panel import legend
from maps.route_map import OnlineBasemap
from maps.steps import (
    LEGS_ABOVE,
    cost_keys,
    leg_steps,
    packed,
    road_steps,
    stretch_features,
)

__all__ = ["Network", "whatif_data", "whatif_map"]

Network = Literal["auto", "roads", "legs"]

DIRECTIONS: tuple[Direction, ...] = ("a_to_b", "b_to_a")
# One letter per status keeps the timelines small; the page reads them back with CODES.
CODES: dict[CrossingStatus, str] = {"open": "o", "restricted": "r", "closed": "c", "unknown": "u"}


def _round(value: float) -> float:
    return round(value, PRECISION)


def _timelines(dataset: Dataset, dates: Sequence[dt.date], scenario: Scenario) -> dict[str, Any]:
    """Return each crossing's status codes per mode and direction (and overall).

    One letter per date of ``dates``.
    """
    result: dict[str, Any] = {}
    recorded = replace(scenario, closed=frozenset(), opened=frozenset())
    for crossing in dataset.crossings.values():
        events = timeline(dataset.events, crossing.id)
        per_mode: dict[str, Any] = {}
        for mode in MODES:
            states = {
                d: [
                    crossing_state(
                        crossing, events, replace(recorded, as_of=day, mode=mode), direction=d
                    )
                    for day in dates
                ]
                for d in DIRECTIONS
            }
            codes = {d: "".join(CODES[s.status] for s in states[d]) for d in DIRECTIONS}
            overall = (
                CODES[overall_status(ab.status, ba.status)]
                for ab, ba in zip(states["a_to_b"], states["b_to_a"], strict=True)
            )
            per_mode[mode] = codes | {"overall": "".join(overall)}
        result[crossing.id] = per_mode
    return result


def whatif_data(
    graph: nx.MultiDiGraph,
    *,
    scenario: Scenario,
    places: Sequence[str],
    crossings: Sequence[str],
    network: Network = "auto",
) -> dict[str, Any]:
    """Return everything the page needs to route, with every rule already applied.

    ``places`` go into the pickers and ``crossings`` get a switch; every crossing keeps its
    recorded status either way. ``network`` is what the page routes on: every ``roads``, the
    overlay's ``legs`` between places and crossings, or ``auto``: legs above
    :data:`maps.steps.LEGS_ABOVE` roads.
    """
    dataset = dataset_of(graph)
    legs = network == "legs" or (network == "auto" and len(dataset.roads) > LEGS_ABOVE)
    if legs:
        from corridor.cache import network_overlay  # scipy: only big networks need it

        roads, steps = leg_steps(network_overlay(graph), scenario, places=places)
        ends = {e for step in steps for e in (step["from"], step["to"])}
        shown = sorted(ends | set(dataset.crossings) | set(places))
    else:
        roads, steps = road_steps(graph, scenario)
        shown = list(graph.nodes)
    event_dates = {e.date for e in dataset.events}
    # dt.date.min stands for "before any event": the page always finds a date at or before.
    dates = sorted(event_dates | {scenario.as_of, dt.date.min})
    passable = {
        status: CrossingState("", "a_to_b", status, False, None).passable for status in CODES
    }
    return {
        "asOf": scenario.as_of.isoformat(),
        "dates": [d.isoformat() for d in dates],
        "eventDates": sorted(d.isoformat() for d in event_dates | {scenario.as_of}),
        "codes": {letter: status for status, letter in CODES.items()},
        "passable": passable,
        "delayRange": list(DELAY_RANGE),
        "estimates": ESTIMATES[0].upper() + ESTIMATES[1:] + ".",
        "costKey": cost_keys(),
        "nodes": {n: _node(graph, n) for n in shown},
        "network": "legs" if legs else "roads",
        "roads": roads,
        "steps": packed(steps),
        "timelines": _timelines(dataset, dates, scenario),
        "crossings": [_crossing(dataset, cid) for cid in crossings],
        "pickers": list(places),
        "defaults": {"from": places[0], "to": places[1] if len(places) > 1 else places[0]},
    }


def _node(graph: nx.MultiDiGraph, node: str) -> list[Any]:
    data = graph.nodes[node]
    return [_round(data["x"]), _round(data["y"]), data["country"] or "", data["name"]]


def _crossing(dataset: Dataset, cid: str) -> dict[str, Any]:
    c = dataset.crossings[cid]
    history = []
    for e in sorted((e for e in dataset.events if e.crossing == cid), key=lambda e: e.date):
        source = dataset.sources.get(e.source)
        history.append(
            {
                "date": e.date.isoformat(),
                "status": e.status,
                "mode": e.mode,
                "direction": e.direction,
                "precision": e.precision,
                "note": e.note,
                "title": source.title if source else "",
                "url": source.url if source else e.source,
            }
        )
    return {
        "id": c.id,
        "name": c.name,
        "a": c.country_a,
        "b": c.country_b,
        "nameA": c.name_a,
        "nameB": c.name_b,
        "lon": _round(c.lon),
        "lat": _round(c.lat),
        "history": history,
    }


class WhatIfApp(SafeMacro):
    """Starts the what-if page on the map with the embedded network."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        corridorWhatIf.start({{ this._parent.get_name() }}, {{ this.json }});
        {% endmacro %}
        """
    )

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__()
        self._name = "WhatIfApp"
        self.data = data

    @property
    def json(self) -> str:
        """The page's data as compact JSON, safe inside ``<script>``."""
        return script_json(self.data)


def _controls(title: str) -> str:
    options = "".join(f'<option value="{v}">{v}</option>' for v in MODES)
    return f"""
<details class="corridor-box" id="corridor-panel" open>
<summary>{escape(title)}</summary>
<div class="corridor-controls">
<p id="corridor-message" role="alert" hidden></p>
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
<p class="muted">Status from dated, sourced events; border delays are typical estimates. The
link keeps your choice (#from=...&amp;to=...&amp;closed=...&amp;date=...).</p>
</div>
</details>"""


def whatif_map(
    graph: nx.MultiDiGraph,
    *,
    scenario: Scenario,
    places: Sequence[str],
    crossings: Sequence[str],
    title: str = "What if a crossing closes?",
    network: Network = "auto",
) -> folium.Map:
    """Return the what-if map: pickers, crossing switches, date, mode, live re-routing.

    ``network``: see :func:`whatif_data`. On the overlay's legs the road layer shows the
    stretches the legs use, simplified.
    """
    dataset = dataset_of(graph)
    data = whatif_data(
        graph, scenario=scenario, places=places, crossings=crossings, network=network
    )
    fmap = folium.Map(
        location=[34.5, 40.0], zoom_start=6, tiles=None, control_scale=True, zoom_snap=0.25
    )
    make_self_contained(fmap)
    root = page(fmap)
    set_title(fmap, title)
    scripts = own_script("engine.js") + "\n" + own_script("whatif.js")
    add_raw(root.header, f"<script>{scripts}</script>", name="corridor_whatif")
    if dataset.countries:
        DataLayer("Countries", "countries", country_features(dataset)).add_to(fmap)
    roads = road_features(graph) if data["network"] == "roads" else stretch_features(data["roads"])
    DataLayer("Roads", "roads", roads).add_to(fmap)
    DataLayer("Places", "places", place_features(dataset, on_route=places)).add_to(fmap)
    fmap.add_child(OnlineBasemap())
    fmap.add_child(WhatIfApp(data))
    LayerControl(collapsed=True).add_to(fmap)
    add_raw(root.html, _controls(title), name="corridor_panel")
    add_raw(root.html, legend(), name="corridor_legend")
    return fmap
