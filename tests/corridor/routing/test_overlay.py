"""The overlay engine equals plain Dijkstra on the full graph (property-based)."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString

from corridor import NoRouteError, Route, Scenario, build_graph, find_route
from corridor.routing import build_overlay, distance_matrix, overlay_route
from geodata import Crossing, Dataset, Place, Road, StatusEvent, great_circle_m
from geodata.records import EVENT_DIRECTIONS, EVENT_MODES

COUNTRIES = {"SY": (36.0, 33.0), "IQ": (42.0, 33.0), "JO": (37.0, 30.5)}
PAIRS = [("SY", "IQ"), ("SY", "JO"), ("JO", "IQ")]
STATUSES = ["open", "closed", "restricted"]


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    places: dict[str, Place] = {}
    roads: dict[str, Road] = {}
    by_country: dict[str, list[str]] = {}
    coord = st.floats(0.0, 2.5, allow_nan=False)
    for iso, (x0, y0) in COUNTRIES.items():
        count = draw(st.integers(2, 5))
        ids = [f"{iso.lower()}{i}" for i in range(count)]
        by_country[iso] = ids
        for i, pid in enumerate(ids):
            places[pid] = Place(
                pid,
                pid,
                "",
                (),
                iso,
                "capital" if i == 0 else "city",
                x0 + draw(coord),
                y0 + draw(coord),
                "s",
            )
    crossings: dict[str, Crossing] = {}
    events: list[StatusEvent] = []
    for n in range(draw(st.integers(1, 5))):
        a, b = draw(st.sampled_from(PAIRS))
        (xa, ya), (xb, yb) = COUNTRIES[a], COUNTRIES[b]
        cid = f"x{n}"
        crossings[cid] = Crossing(
            cid,
            cid,
            a,
            f"{cid}a",
            b,
            f"{cid}b",
            ("freight", "passenger"),
            draw(st.floats(0, 12)),
            1.0,
            (xa + xb) / 2 + 1.25,
            (ya + yb) / 2 + 1.25,
            "s",
        )
        for mode, direction in itertools.product(EVENT_MODES, EVENT_DIRECTIONS):
            if draw(st.booleans()):
                events.append(
                    StatusEvent(
                        cid,
                        dt.date(2020, 1, draw(st.integers(1, 28))),
                        draw(st.sampled_from(STATUSES)),
                        mode,
                        direction,
                        "day",
                        "",
                        "s",
                    )
                )
        for iso in (a, b):
            for pid in draw(
                st.lists(st.sampled_from(by_country[iso]), min_size=1, max_size=2, unique=True)
            ):
                roads[f"r{len(roads)}"] = _road(f"r{len(roads)}", places[pid], crossings[cid])
    for ids in by_country.values():
        pairs = list(itertools.combinations(ids, 2))
        for u, v in draw(
            st.lists(st.sampled_from(pairs), min_size=1, max_size=len(pairs), unique=True)
        ):
            roads[f"r{len(roads)}"] = _road(f"r{len(roads)}", places[u], places[v])
    return Dataset(Path("."), {}, places, crossings, tuple(events), roads)


def _road(rid: str, a: Place, b: Place | Crossing) -> Road:
    bend = ((a.lon + b.lon) / 2 + 0.1, (a.lat + b.lat) / 2)
    return Road(
        rid,
        rid.upper(),
        "",
        "trunk",
        a.id,
        b.id,
        None,
        "s",
        LineString([(a.lon, a.lat), bend, (b.lon, b.lat)]),
    )


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    ids = [f"x{n}" for n in range(5)]
    closed = draw(st.frozensets(st.sampled_from(ids), max_size=3))
    return Scenario(
        as_of=dt.date(2020, 2, 1),
        mode=draw(st.sampled_from(["freight", "passenger"])),
        closed=closed,
        opened=draw(st.frozensets(st.sampled_from(ids), max_size=2)) - closed,
        avoid_countries=draw(st.frozensets(st.sampled_from(list(COUNTRIES)), max_size=1)),
        weight=draw(st.sampled_from(["distance", "time"])),
    )


def fit(scenario: Scenario, data: Dataset) -> Scenario:
    """Keep the scenario's forced crossings to those of the dataset, closed winning."""
    closed = scenario.closed & set(data.crossings)
    return replace(scenario, closed=closed, opened=(scenario.opened & set(data.crossings)) - closed)


def _route(graph: nx.MultiDiGraph, o: str, d: str, scenario: Scenario) -> Route | None:
    try:
        return find_route(graph, o, d, scenario=scenario)
    except NoRouteError:
        return None


@settings(
    max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(data=datasets(), scenario=scenarios(), pick=st.randoms(use_true_random=False))
def test_overlay_equals_dijkstra(data: Dataset, scenario: Scenario, pick: random.Random) -> None:
    scenario = fit(scenario, data)
    graph = build_graph(data)
    overlay = build_overlay(graph)
    places = sorted(data.places)
    for o, d in [tuple(pick.sample(places, 2)) for _ in range(4)]:
        reference = _route(graph, o, d, scenario)
        try:
            mine = overlay_route(overlay, o, d, scenario=scenario)
        except NoRouteError:
            mine = None
        assert (reference is None) == (mine is None)
        if reference is None or mine is None:
            continue

        def cost(r: Route) -> float:
            return r.distance_km if scenario.weight == "distance" else r.time_h

        assert cost(mine) == pytest.approx(cost(reference), rel=1e-9)
        assert mine.crossings == reference.crossings
        # Invariants: never shorter than the crow flies, never through a closed crossing.
        a, b = data.places[o], data.places[d]
        assert mine.distance_km >= great_circle_m(a.lon, a.lat, b.lon, b.lat) / 1000 - 1e-9
        assert not set(mine.crossings) & scenario.closed
        # Closing a crossing the route uses never makes it shorter.
        if mine.crossings:
            closed_more = scenario.with_changes(close=[mine.crossings[0]])
            worse = _route(graph, o, d, closed_more)
            assert worse is None or cost(worse) >= cost(mine) - 1e-9


@settings(max_examples=40, deadline=None, derandomize=True)
@given(data=datasets(), scenario=scenarios())
def test_distance_matrix_equals_dijkstra(data: Dataset, scenario: Scenario) -> None:
    scenario = fit(scenario, data)
    overlay = build_overlay(build_graph(data))
    matrix = distance_matrix(overlay, scenario)
    graph = overlay.graph
    for (i, o), (j, d) in itertools.permutations(enumerate(overlay.places), 2):
        reference = _route(graph, o, d, scenario)
        if reference is None:
            assert matrix[i, j] == float("inf")
        elif scenario.weight == "distance":
            assert matrix[i, j] == pytest.approx(reference.distance_km * 1000, rel=1e-9)
        else:
            assert matrix[i, j] == pytest.approx(reference.time_h * 3600, rel=1e-9)


def test_a_trip_from_a_junction_is_routed_on_the_graph_with_the_same_answer(
    bundled_graph: nx.MultiDiGraph,
) -> None:
    # A junction has no legs of its own: overlay_route falls back to the graph, not an error.
    overlay = build_overlay(bundled_graph)
    on_legs = overlay_route(overlay, "jct-qara-qozak", "baghdad")
    on_graph = find_route(bundled_graph, "jct-qara-qozak", "baghdad")
    assert on_legs.path == on_graph.path
    assert on_legs.distance_km == pytest.approx(on_graph.distance_km)
