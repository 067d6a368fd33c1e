"""The Python API checks what it is given and raises the documented errors."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

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
from geodata import Dataset, load_dataset
from tests.conftest import ROADS, MakeDataset

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


def test_a_scenario_as_json() -> None:
    scenario = Scenario(
        as_of=dt.date(2025, 7, 1),
        mode="passenger",
        closed=frozenset({"b", "a"}),
        opened=frozenset({"c"}),
        avoid_countries=frozenset({"JO"}),
        weight="time",
        delay_h=(("a", 3.0),),
    )
    assert scenario.to_dict() == {
        "as_of": "2025-07-01",
        "mode": "passenger",
        "closed": ["a", "b"],
        "opened": ["c"],
        "avoid_countries": ["JO"],
        "weight": "time",
        "delay_h": {"a": 3.0},
        "avoid_areas": [],
    }


def test_why_a_crossing_has_its_status(toy: Dataset) -> None:
    from corridor.scenario import crossing_state

    north = toy.crossings["north"]
    states = {
        "forced": crossing_state(
            north, toy.events, Scenario(closed=frozenset({"north"})), direction="a_to_b"
        ),
        "before": crossing_state(
            north, toy.events, Scenario(as_of=dt.date(2000, 1, 1)), direction="a_to_b"
        ),
        "dated": crossing_state(
            north, toy.events, Scenario(as_of=dt.date(2025, 3, 1)), direction="a_to_b"
        ),
    }
    assert states["forced"].reason() == "closed by the scenario"
    assert states["before"].reason() == "status unknown on that date (no event recorded)"
    assert states["dated"].reason() == "closed since 2024-12-08"
    freight_only = Dataset(
        toy.path,
        toy.sources,
        toy.places,
        {"north": replace(north, modes=("freight",))},
        toy.events,
        {},
    )
    passenger = crossing_state(
        freight_only.crossings["north"], toy.events, Scenario(mode="passenger"), direction="a_to_b"
    )
    assert (passenger.status, passenger.reason()) == ("closed", "does not handle this traffic")
    assert not passenger.passable and states["dated"].status == "closed"


def test_with_changes_names_the_option() -> None:
    with pytest.raises(InputError, match="open_ takes a collection of ids"):
        Scenario().with_changes(open_="al-qaim")


def test_crossing_states_say_which_crossing_which_way_and_whether_forced(toy: Dataset) -> None:
    from corridor.scenario import CrossingState, crossing_state

    north = toy.crossings["north"]
    day = Scenario(as_of=dt.date(2025, 3, 1))
    closing = next(e for e in toy.events if e.crossing == "north" and e.status == "closed")
    cases = [
        (day.with_changes(close=["north"]), CrossingState("north", "b_to_a", "closed", True, None)),
        (day.with_changes(open_=["north"]), CrossingState("north", "b_to_a", "open", True, None)),
        (day, CrossingState("north", "b_to_a", "closed", False, closing, closing.date)),
    ]
    for scenario, expected in cases:
        assert crossing_state(north, toy.events, scenario, direction="b_to_a") == expected
    freight_only = replace(north, modes=("freight",))
    assert crossing_state(
        freight_only, toy.events, replace(day, mode="passenger"), direction="a_to_b"
    ) == CrossingState("north", "a_to_b", "closed", False, None)


def test_the_scenario_holds_frozen_sets_and_resolved_names(toy_graph: nx.MultiDiGraph) -> None:
    scenario = Scenario(opened=["North crossing"], delay_h={"South crossing": 240})  # type: ignore[arg-type]
    assert isinstance(scenario.opened, frozenset) and isinstance(scenario.closed, frozenset)
    route = find_route(toy_graph, "west", "east", scenario=replace(scenario, as_of=BEFORE))
    assert route.scenario.opened == {"north"} and route.scenario.delay_h == (("south", 240.0),)
    with pytest.raises(InputError, match=r"delay_h for 'x' is 240\.5"):
        Scenario(delay_h={"x": 240.5})  # type: ignore[arg-type]
    with pytest.raises(
        InputError, match=r"delay_h holds \('x', 1, 2\); give \(crossing id, hours\)"
    ):
        Scenario(delay_h=[("x", 1, 2)])  # type: ignore[arg-type]
    with pytest.raises(InputError, match=r"delay_h holds \(1, 2\)"):
        Scenario(delay_h=[(1, 2)])  # type: ignore[arg-type]


def test_today_by_default(toy_graph: nx.MultiDiGraph) -> None:
    route = find_route(toy_graph, "west", "east")
    assert route.scenario.as_of == dt.date.today() and route.scenario.mode == "freight"


def test_unknown_and_ambiguous_names(make_dataset: MakeDataset) -> None:
    from tests.conftest import PLACES

    places = [*PLACES, ("west2", "Westbourne", "", "West Town", "SY", "town", 36.5, 34.2)]
    graph = build_graph(
        load_dataset(make_dataset(places=places, roads=[*ROADS, ("w", "W", "west", "west2")]))
    )
    with pytest.raises(UnknownNameError, match="unknown place 'Eastbrg'; did you mean Eastburg"):
        find_route(graph, "west", "Eastbrg")
    with pytest.raises(
        UnknownNameError,
        match=r"ambiguous place 'West Town': it names Westville \(id west\), "
        r"Westbourne \(id west2\); use the id",
    ):
        find_route(graph, "West Town", "east")
    with pytest.raises(UnknownNameError, match="did you mean Westville or Westbourne"):
        find_route(graph, "Westvile", "east")


def test_impact_pairs_are_checked(toy_graph: nx.MultiDiGraph) -> None:
    overlay = build_overlay(toy_graph)
    with pytest.raises(
        InputError, match=r"pair 1 is \('west', 'east'\); give \(origin, destination, weight\)"
    ):
        impact(overlay, [("west", "east")])  # type: ignore[list-item]
    with pytest.raises(UnknownNameError, match="unknown place 'atlantis'"):
        impact(overlay, [("west", "atlantis", 1.0)])
    with pytest.raises(UnknownNameError, match="unknown place 'atlantis'"):
        impact(overlay, [("atlantis", "west", 1.0)])
    # A weight may be any finite number of 0 or more: a pair of weight 0 counts for nothing.
    impacts, _ = impact(overlay, [("west", "east", 0.0), ("west", "amman-ish", 0.5)])
    north = next(i for i in impacts if i.crossing == "north")
    assert north.added_km_total == pytest.approx(0.0)
    calls: list[int] = []
    impact(overlay, [("Westville", "Eastburg", 1.0)], progress=calls.append)
    assert calls == [4]
