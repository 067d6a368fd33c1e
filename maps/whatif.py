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
from geodata.geodesy import great_circle_m
from geodata.names import normalize_name
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
    road_features,
)
from maps.provenance import provenance
from maps.route_map import OnlineBasemap
from maps.steps import (
    LEGS_ABOVE,
    cost_keys,
    leg_steps,
    packed,
    road_steps,
    stretch_features,
)
from maps.whatif_panel import whatif_controls, whatif_legend
from maps.words import WORDS, arabic_crossing_name, words_json

__all__ = ["Network", "whatif_data", "whatif_map"]

Network = Literal["auto", "roads", "legs"]

DIRECTIONS: tuple[Direction, ...] = ("a_to_b", "b_to_a")
# One letter per status keeps the timelines small; the page reads them back with CODES.
# The page's scripts after engine.js, in order: routing and link, then the rest of the page.
WHATIF_SCRIPTS = ("whatif.js", "whatif-ui.js", "whatif-export.js")
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
    trip: tuple[str, str] | None = None,
) -> dict[str, Any]:
    """Return everything the page needs to route, with every rule already applied.

    ``places`` go into the pickers and ``crossings`` get a switch; every crossing keeps its
    recorded status either way. ``trip`` is the origin and destination the page opens on
    (default: :func:`default_trip`); every place can be found with the search box.
    ``network`` is what the page routes on: every ``roads``, the overlay's ``legs`` between
    places and crossings, or ``auto``: legs above :data:`maps.steps.LEGS_ABOVE` roads.
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
        "places": _searchable(dataset, shown),
        "defaults": dict(zip(("from", "to"), trip or default_trip(dataset, places), strict=True)),
        "words": words_json(),
        "provenance": provenance(dataset, crossings).as_json(),
    }


def default_trip(dataset: Dataset, places: Sequence[str]) -> tuple[str, str]:
    """Return the trip the page opens on: a cross-border one.

    Damascus to Baghdad when both are pickers, else the two pickers farthest apart in
    different countries, else the first two.
    """
    if "damascus" in places and "baghdad" in places:
        return ("damascus", "baghdad")
    found = [dataset.places[p] for p in places if p in dataset.places]
    pairs = [(a, b) for i, a in enumerate(found) for b in found[i + 1 :] if a.country != b.country]
    if pairs:
        a, b = max(pairs, key=lambda ab: great_circle_m(ab[0].lon, ab[0].lat, ab[1].lon, ab[1].lat))
        return (a.id, b.id)
    return (places[0], places[1] if len(places) > 1 else places[0])


def _searchable(dataset: Dataset, shown: Sequence[str]) -> list[dict[str, Any]]:
    """Return every place the page routes to, with the names the search box matches."""
    nodes = set(shown)
    return [
        {
            "id": p.id,
            "kind": p.kind,
            "keys": sorted({normalize_name(n) for n in (p.name, p.name_ar, *p.aliases)} - {""}),
            "aliases": list(p.aliases),
            "source": _source(dataset, p.source),
        }
        for p in dataset.places.values()
        if p.id in nodes
    ]


def _source(dataset: Dataset, source_id: str) -> list[str]:
    source = dataset.sources.get(source_id)
    return [source.title, source.url] if source else ["", source_id]


def _node(graph: nx.MultiDiGraph, node: str) -> list[Any]:
    """Return lon, lat, country, English and Arabic name (``""`` when the data has none)."""
    data, dataset = graph.nodes[node], dataset_of(graph)
    place, crossing = dataset.places.get(node), dataset.crossings.get(node)
    arabic = place.name_ar if place else arabic_crossing_name(dataset, crossing) if crossing else ""
    return [_round(data["x"]), _round(data["y"]), data["country"] or "", data["name"], arabic]


def _crossing(dataset: Dataset, cid: str) -> dict[str, Any]:
    c = dataset.crossings[cid]
    history = []
    for e in sorted((e for e in dataset.events if e.crossing == cid), key=lambda e: e.date):
        title, url = _source(dataset, e.source)
        history.append(
            {
                "date": e.date.isoformat(),
                "status": e.status,
                "mode": e.mode,
                "direction": e.direction,
                "precision": e.precision,
                "note": e.note,
                "title": title,
                "url": url,
            }
        )
    return {
        "id": c.id,
        "name": c.name,
        "nameAr": arabic_crossing_name(dataset, c),
        "a": c.country_a,
        "b": c.country_b,
        "nameA": c.name_a,
        "nameB": c.name_b,
        "lon": _round(c.lon),
        "lat": _round(c.lat),
        "history": history,
    }


class WhatIfApp(SafeMacro):
    """Starts the what-if page on the map with the embedded network and its places layer."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        corridorWhatIf.start({{ this._parent.get_name() }}, {{ this.json }},
                             {{ this.places.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, data: dict[str, Any], places: DataLayer) -> None:
        super().__init__()
        self._name = "WhatIfApp"
        self.data = data
        self.places = places

    @property
    def json(self) -> str:
        """The page's data as compact JSON, safe inside ``<script>``."""
        return script_json(self.data)


def whatif_map(
    graph: nx.MultiDiGraph,
    *,
    scenario: Scenario,
    places: Sequence[str],
    crossings: Sequence[str],
    title: str = WORDS["title"][0],
    network: Network = "auto",
    trip: tuple[str, str] | None = None,
) -> folium.Map:
    """Return the what-if map: pickers, search, crossing switches, date, mode, re-routing.

    ``network`` and ``trip``: see :func:`whatif_data`. On the overlay's legs the road layer
    shows the stretches the legs use, simplified.
    """
    dataset = dataset_of(graph)
    data = whatif_data(
        graph, scenario=scenario, places=places, crossings=crossings, network=network, trip=trip
    )
    fmap = folium.Map(
        location=[34.5, 40.0], zoom_start=6, tiles=None, control_scale=True, zoom_snap=0.25
    )
    make_self_contained(fmap)
    root = page(fmap)
    set_title(fmap, title)
    scripts = "\n".join(own_script(f) for f in ("engine.js", *WHATIF_SCRIPTS))
    add_raw(root.header, f"<style>{own_script('whatif.css')}</style>", name="corridor_whatif_css")
    add_raw(root.header, f"<script>{scripts}</script>", name="corridor_whatif")
    if dataset.countries:
        DataLayer("Countries", "countries", country_features(dataset)).add_to(fmap)
    roads = road_features(graph) if data["network"] == "roads" else stretch_features(data["roads"])
    DataLayer("Roads", "roads", roads).add_to(fmap)
    labels = DataLayer("Places", "places", [])  # the page adds the places in its language
    labels.add_to(fmap)
    fmap.add_child(OnlineBasemap())
    fmap.add_child(WhatIfApp(data, labels))
    LayerControl(collapsed=True).add_to(fmap)
    add_raw(root.html, whatif_controls(title), name="corridor_panel")
    add_raw(root.html, whatif_legend(), name="corridor_legend")
    return fmap
