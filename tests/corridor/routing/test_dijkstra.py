import datetime as dt

import networkx as nx
import pytest

from corridor import (
    InputError,
    NoRouteError,
    Scenario,
    Trip,
    alternatives,
    blocked_crossings,
    build_graph,
    compare,
    find_route,
)
from corridor.graph import FREIGHT_MAX_KPH
from geodata import Dataset, great_circle_m

BEFORE = dt.date(2020, 1, 1)  # everything open (south only eastbound)
CLOSED = dt.date(2025, 3, 1)  # north closed since 2024-12-08
REOPEN = dt.date(2025, 7, 1)  # north open again, for freight only


def route(graph: nx.MultiDiGraph, a: str = "west", b: str = "east", **kw: object):  # type: ignore[no-untyped-def]
    return find_route(graph, a, b, scenario=Scenario(**kw))  # type: ignore[arg-type]


def test_shortest_route_uses_open_crossing(toy_graph: nx.MultiDiGraph) -> None:
    r = route(toy_graph, as_of=BEFORE)
    assert r.path == ("west", "north-gate", "north", "east")
    assert r.crossings == ("north",)
    assert r.countries == ("SY", "IQ")
    assert [leg.ref for leg in r.legs] == ["M1", "H1"]
    assert r.distance_km == pytest.approx(sum(leg.distance_km for leg in r.legs))


def test_route_is_never_shorter_than_great_circle(toy_graph: nx.MultiDiGraph) -> None:
    r = route(toy_graph, as_of=BEFORE)
    assert r.distance_km >= great_circle_m(36.0, 34.0, 44.0, 34.0) / 1000
    assert r.great_circle_km == pytest.approx(great_circle_m(36.0, 34.0, 44.0, 34.0) / 1000)


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


def test_unknown_status_is_not_used(make_dataset) -> None:  # type: ignore[no-untyped-def]
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
    assert closed.delta_km(result.baseline) == pytest.approx(
        closed.route.distance_km - result.baseline.route.distance_km
    )  # type: ignore[union-attr]
    assert closed.delta_km(result.baseline) > 0  # type: ignore[operator]
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


def test_speeds_by_country_and_class(toy_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
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
