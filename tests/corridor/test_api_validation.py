"""The Python API checks what it is given and raises the documented errors."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest

from corridor import (
    CorridorError,
    InputError,
    NoRouteError,
    Scenario,
    UnknownNameError,
    build_graph,
    build_overlay,
    compare,
    find_route,
    overlay_route,
)
from corridor.combos import combinations
from corridor.impact import impact

BEFORE = dt.date(2020, 1, 1)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"closed": "al-qaim"},
            "closed takes a collection of ids such as ['al-qaim'], not 'al-qaim'",
        ),
        ({"opened": [1]}, "opened holds 1; every entry must be a non-empty id string"),
        ({"avoid_countries": "JO"}, "avoid_countries takes a collection"),
        ({"as_of": "2025-07-01"}, "as_of must be a datetime.date such as date(2025, 7, 1)"),
        ({"mode": "camel"}, "mode is 'camel'; use one of freight, passenger"),
        ({"weight": "beauty"}, "weight is 'beauty'; use one of distance, time"),
        ({"closed": {"x"}, "opened": {"x"}}, "x cannot be both closed and opened"),
        ({"delay_h": {"north": -1}}, "delay_h for 'north' is -1; give 0 to 240 hours"),
        ({"delay_h": {"north": "long"}}, "delay_h for 'north' is 'long'; give hours as a number"),
        ({"delay_h": "north=4"}, "delay_h takes {crossing id: hours}"),
    ],
)
def test_scenario_checks_its_fields(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(InputError) as error:
        Scenario(**kwargs)  # type: ignore[arg-type]
    assert message in str(error.value)
    assert isinstance(error.value, CorridorError)


def test_scenario_normalises_what_it_accepts() -> None:
    scenario = Scenario(
        as_of=dt.datetime(2025, 7, 1, 12, 0),
        closed=["north"],  # type: ignore[arg-type]
        avoid_countries={"jo"},  # type: ignore[arg-type]
        delay_h={"north": 4},  # type: ignore[arg-type]
    )
    assert scenario.as_of == dt.date(2025, 7, 1) and type(scenario.as_of) is dt.date
    assert scenario.closed == frozenset({"north"})
    assert scenario.avoid_countries == frozenset({"JO"})
    assert scenario.delay_h == (("north", 4.0),)


def test_with_changes_checks_and_follows_the_latest_choice() -> None:
    with pytest.raises(InputError, match="close takes a collection of ids"):
        Scenario().with_changes(close="al-qaim")
    with pytest.raises(InputError, match="cannot be both closed and opened"):
        Scenario().with_changes(close=["x"], open_=["x"])
    opened = Scenario().with_changes(open_=["x"])
    assert opened.with_changes(close=["x"]).closed == {"x"}
    assert opened.with_changes(close=["x"]).opened == frozenset()


def test_unknown_crossing_in_a_scenario_is_refused(toy_graph: nx.MultiDiGraph) -> None:
    scenario = Scenario(as_of=BEFORE).with_changes(close=["nort"])
    with pytest.raises(UnknownNameError, match="unknown crossing 'nort'; did you mean North"):
        find_route(toy_graph, "west", "east", scenario=scenario)


def test_crossings_may_be_named(toy_graph: nx.MultiDiGraph) -> None:
    scenario = Scenario(as_of=BEFORE).with_changes(close=["North crossing"])
    route = find_route(toy_graph, "west", "east", scenario=scenario)
    assert route.crossings == ("south",) and route.scenario.closed == {"north"}


def test_unknown_country_is_refused(toy_graph: nx.MultiDiGraph) -> None:
    with pytest.raises(UnknownNameError, match="unknown country 'XX'; use one of IQ, JO, SY"):
        find_route(toy_graph, "west", "east", scenario=Scenario(avoid_countries=frozenset({"XX"})))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("not a graph", "west", "east"), "expected a road graph from corridor.build_graph"),
        ((nx.MultiDiGraph(), "west", "east"), "expected a road graph from corridor.build_graph"),
        (("{graph}", 1, "east"), "origin must be a place name or id, not 1"),
        (("{graph}", "west", None), "destination must be a place name or id, not None"),
    ],
)
def test_find_route_checks_its_arguments(
    toy_graph: nx.MultiDiGraph, args: tuple[object, ...], message: str
) -> None:
    filled = [toy_graph if a == "{graph}" else a for a in args]
    with pytest.raises(InputError, match=message):
        find_route(*filled)  # type: ignore[arg-type]


def test_scenario_argument_must_be_a_scenario(toy_graph: nx.MultiDiGraph) -> None:
    with pytest.raises(InputError, match=r"scenario must be a corridor\.Scenario, not dict"):
        find_route(toy_graph, "west", "east", scenario={"closed": ["north"]})  # type: ignore[arg-type]


def test_build_graph_checks_its_argument() -> None:
    with pytest.raises(InputError, match=r"build_graph takes a geodata\.Dataset"):
        build_graph("geodata/data")  # type: ignore[arg-type]


def test_every_entry_point_resolves_names(toy_graph: nx.MultiDiGraph) -> None:
    overlay = build_overlay(toy_graph)
    scenario = Scenario(as_of=BEFORE)
    assert overlay_route(overlay, "Westville", "Eastburg", scenario=scenario).crossings == (
        "north",
    )
    outcomes = combinations(
        overlay, "Westville", "Eastburg", scenario=scenario, crossings=["North crossing", "north"]
    )
    assert sum(o.count for o in outcomes) == 2  # the repeated crossing counts once
    impacts, _ = impact(overlay, [("Westville", "Eastburg", 1.0)], scenario=scenario)
    assert {i.crossing for i in impacts} == {"north", "south", "sy-jo", "jo-iq"}
    with pytest.raises(UnknownNameError):
        overlay_route(overlay, "Westvile", "east", scenario=scenario)
    with pytest.raises(InputError, match="name the crossings to combine"):
        combinations(overlay, "west", "east", scenario=scenario, crossings="north")


@pytest.mark.parametrize("weight", [float("nan"), -1.0, "heavy"])
def test_impact_checks_weights(toy_graph: nx.MultiDiGraph, weight: object) -> None:
    with pytest.raises(InputError, match="pair 1 has weight"):
        impact(build_overlay(toy_graph), [("west", "east", weight)])  # type: ignore[list-item]


def test_compare_checks_its_scenarios(toy_graph: nx.MultiDiGraph) -> None:
    with pytest.raises(InputError, match="scenarios takes"):
        compare(toy_graph, "west", "east", Scenario(), baseline=Scenario())  # type: ignore[arg-type]


def test_no_route_is_a_corridor_error(toy_graph: nx.MultiDiGraph) -> None:
    closed = Scenario(as_of=BEFORE, closed=frozenset({"north", "south", "sy-jo"}))
    with pytest.raises(NoRouteError) as error:
        find_route(toy_graph, "west", "east", scenario=closed)
    assert (
        isinstance(error.value, CorridorError)
        and "north closed by the scenario" in error.value.reason
    )
