import datetime as dt

import networkx as nx
import pytest

from corridor import InputError, NoRouteError, Scenario, UnknownNameError, find_route
from corridor.combos import combination_scenario, combinations
from corridor.routing import build_overlay
from corridor.scenario import Weight

ALL = ["north", "south", "sy-jo", "jo-iq"]


@pytest.mark.parametrize("weight", ["distance", "time"])
@pytest.mark.parametrize(("origin", "destination"), [("west", "east"), ("east", "west")])
def test_every_combination_matches_dijkstra(
    toy_graph: nx.MultiDiGraph, weight: Weight, origin: str, destination: str
) -> None:
    scenario = Scenario(as_of=dt.date(2025, 3, 1), weight=weight)
    outcomes = combinations(
        build_overlay(toy_graph), origin, destination, scenario=scenario, crossings=ALL
    )
    assert sum(o.count for o in outcomes) == 2 ** len(ALL)
    for outcome in outcomes:
        for closed in outcome.closed_sets():
            forced = combination_scenario(scenario, ALL, closed=closed)
            try:
                expected = find_route(toy_graph, origin, destination, scenario=forced).crossings
            except NoRouteError:
                expected = None
            assert expected == (outcome.crossings if outcome.route else None)
            assert outcome.always_closed <= closed
            assert not outcome.always_open & closed


def test_outcomes_are_grouped_and_explained(toy_graph: nx.MultiDiGraph) -> None:
    scenario = Scenario(as_of=dt.date(2020, 1, 1))
    outcomes = combinations(
        build_overlay(toy_graph), "west", "east", scenario=scenario, crossings=ALL
    )
    routes = [o.crossings for o in outcomes if o.route]
    assert routes[0] == ("north",) and outcomes[0].always_open == {"north"}
    assert outcomes[0].count == 8
    assert outcomes[-1].route is None
    # No route once both Syria-Iraq crossings and either Jordan crossing are closed.
    assert outcomes[-1].always_closed == {"north", "south"} and outcomes[-1].count == 3
    distances = [o.route.distance_km for o in outcomes if o.route]
    assert distances == sorted(distances)


def test_combination_tables_equal_one_matrix_per_scenario(toy_graph: nx.MultiDiGraph) -> None:
    import numpy as np

    from corridor.combos import combination_matrices
    from corridor.routing import distance_matrix

    overlay = build_overlay(toy_graph)
    scenario = Scenario(as_of=dt.date(2025, 3, 1))
    seen = 0
    for masks, costs in combination_matrices(overlay, scenario, ALL, memory=20_000):
        for mask, table in zip(masks, costs, strict=True):
            closed = frozenset(c for j, c in enumerate(ALL) if int(mask) >> j & 1)
            expected = distance_matrix(overlay, combination_scenario(scenario, ALL, closed=closed))
            np.testing.assert_allclose(table, expected)
            seen += 1
    assert seen == 2 ** len(ALL)


def test_at_most_so_many_crossings_are_combined(
    toy_graph: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    import corridor.combos

    monkeypatch.setattr(corridor.combos, "MAX_COMBINED", 3)
    overlay = build_overlay(toy_graph)
    scenario = Scenario(as_of=dt.date(2020, 1, 1))
    three = combinations(overlay, "west", "east", scenario=scenario, crossings=ALL[:3])
    assert sum(o.count for o in three) == 8
    with pytest.raises(InputError, match="4 crossings make 2\\^4 combinations; combine at most 3"):
        combinations(overlay, "west", "east", scenario=scenario, crossings=ALL)
    with pytest.raises(UnknownNameError, match="unknown crossing 'nowhere'"):
        combinations(overlay, "west", "east", scenario=scenario, crossings=["nowhere"])
