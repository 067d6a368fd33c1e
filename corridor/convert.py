"""Turn routes, comparisons and crossing states into JSON-ready dicts and GeoJSON."""

from __future__ import annotations

from typing import Any

import networkx as nx
from shapely.geometry import mapping

from corridor.compare import Comparison, Outcome
from corridor.routing import Route
from corridor.scenario import Scenario, crossing_state
from geodata import Dataset, timeline


def _r(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def route_to_dict(route: Route, graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Return a route as the JSON contract of ``corridor route --format json``."""
    name = graph.nodes
    return {
        "origin": route.origin,
        "destination": route.destination,
        "origin_name": name[route.origin]["name"],
        "destination_name": name[route.destination]["name"],
        "distance_km": _r(route.distance_km),
        "time_h": _r(route.time_h, 2),
        "driving_h": _r(route.driving_h, 2),
        "border_delay_h": _r(route.border_delay_h, 2),
        "great_circle_km": _r(route.great_circle_km),
        "crossings": list(route.crossings),
        "countries": list(route.countries),
        "path": list(route.path),
        "legs": [
            {
                "ref": leg.ref,
                "name": leg.name,
                "from": leg.start,
                "to": leg.end,
                "from_name": name[leg.start]["name"],
                "to_name": name[leg.end]["name"],
                "distance_km": _r(leg.distance_km),
            }
            for leg in route.legs
        ],
        "scenario": route.scenario.to_dict(),
    }


def outcome_to_dict(
    outcome: Outcome, graph: nx.MultiDiGraph, *, baseline: Outcome | None = None
) -> dict[str, Any]:
    """Return an outcome: the route's dict (plus deltas), or ``route: null`` and a reason."""
    extra: dict[str, Any] = {"name": outcome.label}
    if baseline is not None:
        extra |= {
            "delta_km": _r(outcome.delta_km(baseline)),
            "delta_pct": _r(outcome.delta_pct(baseline)),
            "delta_h": _r(outcome.delta_h(baseline), 2),
        }
    if outcome.route is None:
        return {
            "route": None,
            "reason": outcome.reason,
            "scenario": outcome.scenario.to_dict(),
            **extra,
        }
    return route_to_dict(outcome.route, graph) | extra


def comparison_to_dict(comparison: Comparison, graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Return a comparison as the JSON contract of ``corridor compare --format json``."""
    base = comparison.baseline
    return {
        "origin": comparison.origin,
        "destination": comparison.destination,
        "baseline": outcome_to_dict(base, graph),
        "scenarios": [outcome_to_dict(o, graph, baseline=base) for o in comparison.scenarios],
    }


def routes_to_geojson(outcomes: list[Outcome], graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Return a FeatureCollection with one LineString feature per outcome that has a route."""
    features = []
    for outcome in outcomes:
        if outcome.route is None:
            continue
        props = route_to_dict(outcome.route, graph)
        props["name"] = outcome.label
        features.append(
            {"type": "Feature", "geometry": mapping(outcome.route.geometry), "properties": props}
        )
    return {"type": "FeatureCollection", "features": features}


def _overall(ab: str, ba: str) -> str:
    """Return one word for a crossing's two directions: "restricted" when only one is open."""
    if ab == ba:
        return ab
    if "open" in (ab, ba) or "restricted" in (ab, ba):
        return "restricted"
    return "unknown"


def crossing_rows(dataset: Dataset, scenario: Scenario) -> list[dict[str, Any]]:
    """Return every crossing with its status on the scenario's date, for ``corridor crossings``.

    ``status`` is one word; when the two directions differ it is ``restricted`` and
    ``by_direction`` gives each direction's status.
    """
    rows = []
    for crossing in dataset.crossings.values():
        ab = crossing_state(crossing, dataset.events, scenario, direction="a_to_b")
        ba = crossing_state(crossing, dataset.events, scenario, direction="b_to_a")
        status = _overall(ab.status, ba.status)
        events = [e for e in (ab.event, ba.event) if e is not None]
        latest = max(events, key=lambda e: e.date) if events else None
        source = dataset.sources.get(latest.source) if latest else None
        rows.append(
            {
                "id": crossing.id,
                "name": crossing.name,
                "countries": [crossing.country_a, crossing.country_b],
                "sides": [crossing.name_a, crossing.name_b],
                "status": status,
                "by_direction": {
                    f"{crossing.country_a}->{crossing.country_b}": ab.status,
                    f"{crossing.country_b}->{crossing.country_a}": ba.status,
                },
                "reason": ab.reason()
                if ab.status == ba.status
                else f"{ab.reason()} / {ba.reason()}",
                "since": latest.date.isoformat() if latest else None,
                "precision": latest.precision if latest else None,
                "note": latest.note if latest else "",
                "source": (source.url if source else latest.source) if latest else None,
                "source_title": source.title if source else None,
            }
        )
    return rows


def history_rows(dataset: Dataset, crossing: str) -> list[dict[str, Any]]:
    """Return a crossing's status events in date order, each with its source's URL and title."""
    rows = []
    for event in timeline(dataset.events, crossing):
        source = dataset.sources.get(event.source)
        rows.append(
            {
                "date": event.date.isoformat(),
                "precision": event.precision,
                "status": event.status,
                "mode": event.mode,
                "direction": event.direction,
                "note": event.note,
                "source": source.url if source else event.source,
                "source_title": source.title if source else "",
            }
        )
    return rows


def place_rows(dataset: Dataset) -> list[dict[str, Any]]:
    """Return places sorted by country and name, as ``corridor places --format json``."""
    places = sorted(dataset.places.values(), key=lambda p: (p.country, p.name))
    return [
        {
            "id": p.id,
            "name": p.name,
            "name_ar": p.name_ar,
            "aliases": list(p.aliases),
            "country": p.country,
            "lat": p.lat,
            "lon": p.lon,
            "kind": p.kind,
        }
        for p in places
    ]
