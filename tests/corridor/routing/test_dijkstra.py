import datetime as dt
import itertools
import math
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import corridor.graph
from corridor import (
    InputError,
    NoRouteError,
    Route,
    Scenario,
    Trip,
    alternatives,
    blocked_crossings,
    build_graph,
    compare,
    find_route,
)
from corridor.graph import FREIGHT_MAX_KPH, straight_line_m
from geodata import Dataset, great_circle_m, load_dataset
from tests.conftest import ROADS, MakeDataset

BEFORE = dt.date(2020, 1, 1)  # everything open (south only eastbound)
CLOSED = dt.date(2025, 3, 1)  # north closed since 2024-12-08
REOPEN = dt.date(2025, 7, 1)  # north open again, for freight only


def route(graph: nx.MultiDiGraph, a: str = "west", b: str = "east", **kw: Any) -> Route:
    return find_route(graph, a, b, scenario=Scenario(**kw))


def haversine_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """An independent figure: the great circle on a sphere of the mean Earth radius."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def test_shortest_route_uses_open_crossing(toy_graph: nx.MultiDiGraph) -> None:
    r = route(toy_graph, as_of=BEFORE)
    assert r.path == ("west", "north-gate", "north", "east")
    assert r.crossings == ("north",)
    assert r.countries == ("SY", "IQ")
    assert [leg.ref for leg in r.legs] == ["M1", "H1"]
    # The toy roads are straight: west -> north gate -> north crossing -> east.
    points = [(36.0, 34.0), (39.5, 34.8), (40.0, 34.8), (44.0, 34.0)]
    steps = [haversine_km(*a, *b) for a, b in itertools.pairwise(points)]
    assert r.distance_km == pytest.approx(sum(steps), rel=0.006)
    assert [leg.distance_km for leg in r.legs] == pytest.approx(
        [steps[0] + steps[1], steps[2]], rel=0.006
    )


def test_straight_line_distance(toy_graph: nx.MultiDiGraph) -> None:
    r = route(toy_graph, as_of=BEFORE)
    assert r.great_circle_km == pytest.approx(haversine_km(36.0, 34.0, 44.0, 34.0), rel=0.006)
    assert r.distance_km > r.great_circle_km


def test_straight_lines_measured_at_build_equal_those_measured_per_route(
    toy: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The table is only a cache of the geodesic: beyond STRAIGHT_LINE_ENDS each route measures.
    graph = build_graph(toy)
    monkeypatch.setattr(corridor.graph, "STRAIGHT_LINE_ENDS", 0)
    measured = build_graph(toy)
    assert measured.graph["straight_lines"] is None
    ends = [*toy.places, *toy.crossings]
    for a, b in itertools.permutations(ends, 2):
        assert straight_line_m(graph, a, b) == pytest.approx(straight_line_m(measured, a, b))
        lon1, lat1 = toy.node_lonlat(a)
        lon2, lat2 = toy.node_lonlat(b)
        assert straight_line_m(measured, a, b) == great_circle_m(lon1, lat1, lon2, lat2)


def test_status_on_date_reroutes(toy_graph: nx.MultiDiGraph) -> None:
    assert route(toy_graph, as_of=CLOSED).crossings == ("south",)
    assert route(toy_graph, as_of=REOPEN).crossings == ("north",)


def test_mode_specific_reopening(toy_graph: nx.MultiDiGraph) -> None:
    assert route(toy_graph, as_of=REOPEN, mode="freight").crossings == ("north",)
    assert route(toy_graph, as_of=REOPEN, mode="passenger").crossings == ("south",)


def test_crossing_closed_in_one_direction_only(toy_graph: nx.MultiDiGraph) -> None:
    # South is open SY->IQ and closed IQ->SY: eastbound uses it, westbound detours via Jordan.
    assert route(toy_graph, "west", "east", as_of=CLOSED).crossings == ("south",)
    back = route(toy_graph, "east", "west", as_of=CLOSED)
    assert back.crossings == ("jo-iq", "sy-jo")
    assert back.countries == ("IQ", "JO", "SY")


def test_forced_closure_reroutes_and_is_explained(toy_graph: nx.MultiDiGraph) -> None:
    scenario = Scenario(as_of=BEFORE).with_changes(close=["north"])
    r = find_route(toy_graph, "west", "east", scenario=scenario)
    assert r.crossings == ("south",)
    blocked = blocked_crossings(Trip.resolve(toy_graph, "west", "east", scenario))
    assert [(s.crossing, s.forced) for s in blocked] == [("north", True)]


def test_forced_open_overrides_status(toy_graph: nx.MultiDiGraph) -> None:
    scenario = Scenario(as_of=CLOSED).with_changes(open_=["north"])
    assert find_route(toy_graph, "west", "east", scenario=scenario).crossings == ("north",)


def test_no_route_names_the_blocking_crossings(toy_graph: nx.MultiDiGraph) -> None:
    scenario = Scenario(as_of=BEFORE).with_changes(close=["north", "south", "sy-jo"])
    with pytest.raises(NoRouteError) as caught:
        find_route(toy_graph, "west", "east", scenario=scenario)
    assert "no open route between Westville and Eastburg" in caught.value.reason
    assert {s.crossing for s in caught.value.blocked} == {"north", "south", "sy-jo"}


def test_unknown_status_is_not_used(make_dataset: MakeDataset) -> None:
    from corridor import load_dataset

    graph = build_graph(load_dataset(make_dataset(events=[])))
    with pytest.raises(NoRouteError, match="status unknown"):
        find_route(graph, "west", "east", scenario=Scenario(as_of=BEFORE))


def test_avoid_country(toy_graph: nx.MultiDiGraph) -> None:
    with pytest.raises(NoRouteError):
        route(toy_graph, "east", "west", as_of=CLOSED, avoid_countries=frozenset({"JO"}))
    # Origin and destination countries are never avoided.
    assert route(toy_graph, as_of=BEFORE, avoid_countries=frozenset({"SY"})).crossings == ("north",)


def test_by_time_counts_border_delay(toy: Dataset) -> None:
    graph = build_graph(toy)
    by_km = route(graph, as_of=BEFORE, weight="distance")
    by_time = route(graph, as_of=BEFORE, weight="time")
    assert by_time.time_h <= by_km.time_h
    assert by_km.border_delay_h == pytest.approx(6.0)  # one crossing, freight delay
    slowest = max(d["length_m"] / d["time_freight_s"] for *_, d in graph.edges(data=True)) * 3.6
    assert slowest <= FREIGHT_MAX_KPH + 1e-9


def test_delay_override_changes_choice(toy_graph: nx.MultiDiGraph) -> None:
    slow_north = Scenario(as_of=BEFORE, weight="time", delay_h=(("north", 48.0),))
    assert find_route(toy_graph, "west", "east", scenario=slow_north).crossings == ("south",)


def test_closures_do_not_touch_the_graph(toy_graph: nx.MultiDiGraph) -> None:
    before = nx.to_dict_of_dicts(toy_graph)
    edges = list(toy_graph.edges(keys=True))
    route(toy_graph, as_of=CLOSED, closed=frozenset({"south"}), mode="passenger")
    assert nx.to_dict_of_dicts(toy_graph) == before
    assert list(toy_graph.edges(keys=True)) == edges


def test_compare_reports_delta_and_no_route(toy_graph: nx.MultiDiGraph) -> None:
    base = Scenario(as_of=BEFORE)
    result = compare(
        toy_graph,
        "west",
        "east",
        [
            ("north closed", base.with_changes(close=["north"])),
            ("all closed", base.with_changes(close=["north", "south", "jo-iq"])),
        ],
        baseline=base,
    )
    closed, none = result.scenarios
    north = find_route(toy_graph, "west", "east", scenario=base)
    south = find_route(toy_graph, "west", "east", scenario=base.with_changes(close=["north"]))
    added = closed.delta_km(result.baseline)
    assert added is not None and added == pytest.approx(south.distance_km - north.distance_km)
    assert added > 0
    assert none.route is None and none.delta_pct(result.baseline) is None
    assert "no open route" in none.reason


def test_same_origin_and_destination_is_an_error(toy_graph: nx.MultiDiGraph) -> None:
    with pytest.raises(InputError, match="same place"):
        route(toy_graph, "west", "Westville")


def test_alternatives_are_distinct_and_ordered(toy_graph: nx.MultiDiGraph) -> None:
    routes = alternatives(toy_graph, "west", "east", scenario=Scenario(as_of=BEFORE), k=3)
    assert [r.crossings for r in routes] == [("north",), ("south",), ("sy-jo", "jo-iq")]
    assert [r.distance_km for r in routes] == sorted(r.distance_km for r in routes)
    closed = Scenario(as_of=BEFORE).with_changes(close=["north"])
    assert all(
        "north" not in r.crossings
        for r in alternatives(toy_graph, "west", "east", scenario=closed, k=3)
    )
    with pytest.raises(NoRouteError):
        alternatives(
            toy_graph, "west", "east", scenario=closed.with_changes(close=["south", "sy-jo"]), k=2
        )


def test_speeds_by_country_and_class(toy_dir: Path, tmp_path: Path) -> None:
    from corridor import load_dataset

    (toy_dir / "speeds.csv").write_text(
        "country,class,speed_kph,freight_kph,source\nSY,trunk,60,40,src\n"
    )
    graph = build_graph(load_dataset(toy_dir))
    syria = graph["west"]["north-gate"]["r1"]
    iraq = graph["north"]["east"]["r3"]
    assert syria["speed_kph"] == 60 and iraq["speed_kph"] == 90  # IQ falls back to the class
    assert syria["length_m"] / syria["time_freight_s"] * 3.6 == pytest.approx(40)
    assert iraq["length_m"] / iraq["time_freight_s"] * 3.6 == pytest.approx(FREIGHT_MAX_KPH)


def test_the_weight_of_a_step_into_a_crossing(toy_graph: nx.MultiDiGraph) -> None:
    from corridor.routing import edge_cost

    step = toy_graph["north-gate"]["north"]
    by_time = edge_cost(toy_graph, Scenario(as_of=BEFORE, weight="time"))
    assert by_time("north-gate", "north", step) == step["r2"]["time_freight_s"] + 6 * 3600
    assert (
        by_time("north", "east", toy_graph["north"]["east"])
        == (
            toy_graph["north"]["east"]["r3"]["time_freight_s"]  # leaving: no second delay
        )
    )
    by_km = edge_cost(toy_graph, Scenario(as_of=BEFORE))
    assert by_km("north-gate", "north", step) == step["r2"]["length_m"]
    passenger = edge_cost(toy_graph, Scenario(as_of=BEFORE, weight="time", mode="passenger"))
    assert passenger("north-gate", "north", step) == step["r2"]["time_s"] + 2 * 3600


def test_route_lines_join_without_repeating_points(toy_graph: nx.MultiDiGraph) -> None:
    r = route(toy_graph, as_of=BEFORE)
    coords = list(r.geometry.coords)
    assert coords[0] == (36.0, 34.0) and coords[-1] == (44.0, 34.0)
    assert all(a != b for a, b in itertools.pairwise(coords))
    assert len(coords) == 4  # west, north gate, north crossing, east: straight toy roads


def test_unnumbered_roads_make_a_leg_each(make_dataset: MakeDataset) -> None:
    roads = [
        *(r for r in ROADS if r[0] not in ("r1", "r2", "r3")),
        ("a", "", "west", "north-gate", "Old desert road"),
        ("b", "", "north-gate", "north", "Gate road"),
        ("c", "", "north", "east", "Gate road"),
    ]
    graph = build_graph(load_dataset(make_dataset(roads=roads)))
    r = find_route(graph, "west", "east", scenario=Scenario(as_of=BEFORE))
    assert [(leg.ref, leg.name, leg.start, leg.end) for leg in r.legs] == [
        ("", "Old desert road", "west", "north-gate"),
        ("", "Gate road", "north-gate", "east"),  # the same name runs on across the border
    ]


def test_route_from_path_refuses_a_step_the_scenario_forbids(toy_graph: nx.MultiDiGraph) -> None:
    from corridor.routing import Trip, route_from_path

    trip = Trip.resolve(
        toy_graph, "west", "east", Scenario(as_of=BEFORE, closed=frozenset({"north"}))
    )
    path = ["west", "north-gate", "north", "east"]
    with pytest.raises(ValueError, match="step north-gate -> north is not allowed"):
        route_from_path(toy_graph, path, scenario=trip.scenario, cost=trip.edge_cost())
