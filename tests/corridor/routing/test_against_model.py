"""Every engine equals the reference model (tests/oracle.py) on generated datasets."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import Phase, event, find, given, settings
from hypothesis import strategies as st

from corridor import NoRouteError, Route, Scenario, build_graph, build_overlay, find_route
from corridor.combos import combination_scenario, combinations
from corridor.impact import default_pairs, impact
from corridor.routing import distance_matrix, overlay_route
from corridor.routing.minplus import DEFAULT_MEMORY
from geodata import Dataset
from tests import oracle
from tests.generate import datasets, far_apart, queries
from tests.oracle import Query
from tests.profiles import examples


def scenario_of(q: Query) -> Scenario:
    return Scenario(
        as_of=q.day,
        mode=q.mode,
        weight=q.weight,
        closed=q.closed,
        opened=q.opened,
        avoid_countries=q.avoid,
        delay_h=q.delays,
        avoid_areas=q.areas,
    )


def same(route: Route | None, answer: oracle.Answer | None, q: Query) -> None:
    assert (route is None) == (answer is None), (route, answer)
    if route is None or answer is None:
        return
    cost = route.distance_km * 1000 if q.weight == "distance" else route.time_h * 3600
    assert cost == pytest.approx(answer.cost, rel=1e-9)
    assert route.distance_km == pytest.approx(answer.distance_km, rel=1e-9)
    assert route.time_h == pytest.approx(answer.time_h, rel=1e-9)
    assert route.crossings == answer.crossings
    assert route.countries == answer.countries


def routed(engine: Callable[..., Route], *args: Any, **kwargs: Any) -> Route | None:
    try:
        found: Route = engine(*args, **kwargs)
        return found
    except NoRouteError:
        return None


@settings(max_examples=examples(60))
@given(data=datasets(), draw=st.data())
def test_find_route_and_the_overlay_equal_the_model(data: Dataset, draw: st.DataObject) -> None:
    graph = build_graph(data)
    overlay = build_overlay(graph)
    origin, destination = far_apart(data)
    trips = [draw.draw(queries(data)) for _ in range(4)]
    trips.append(Query(origin, destination, dt.date(2020, 1, 5), opened=frozenset(data.crossings)))
    for q in trips:
        expected = oracle.route(data, q)
        event(f"crossings on the route: {len(expected.crossings) if expected else 'no route'}")
        if q.areas and oracle.route(data, Query(**{**q.__dict__, "areas": ()})) != expected:
            event("an area to avoid changed the route")
        scenario = scenario_of(q)
        same(routed(find_route, graph, q.origin, q.destination, scenario=scenario), expected, q)
        same(
            routed(overlay_route, overlay, q.origin, q.destination, scenario=scenario), expected, q
        )
        if expected is None:  # both engines explain it the same way
            reasons = []
            for engine, network in ((find_route, graph), (overlay_route, overlay)):
                with pytest.raises(NoRouteError) as caught:
                    engine(network, q.origin, q.destination, scenario=scenario)
                reasons.append((caught.value.reason, caught.value.blocked))
            assert reasons[0] == reasons[1] and reasons[0][0]


@settings(max_examples=examples(40))
@given(data=datasets(), draw=st.data())
def test_a_trip_to_or_from_a_crossing_is_the_same_on_the_overlay(
    data: Dataset, draw: st.DataObject
) -> None:
    # The model has no rule for crossing ends (reached or left whatever their status, their
    # delay waived): the graph's engine, tested on them by hand, is the reference here.
    graph = build_graph(data)
    overlay = build_overlay(graph)
    q = draw.draw(queries(data))
    crossing, other = draw.draw(st.permutations(sorted(data.crossings)))[:2]
    ends = draw.draw(
        st.sampled_from([(crossing, q.destination), (q.origin, crossing), (crossing, other)])
    )
    everything = Scenario(as_of=q.day, mode=q.mode, weight=q.weight, delay_h=q.delays)
    everything = everything.with_changes(open_=sorted(data.crossings))
    scenario = draw.draw(st.sampled_from([scenario_of(q), everything]))
    on_graph = routed(find_route, graph, *ends, scenario=scenario)
    on_legs = routed(overlay_route, overlay, *ends, scenario=scenario)
    kind = "all open" if scenario is everything else "drawn"
    event(f"{kind}: " + ("no route" if on_graph is None else f"{len(on_graph.crossings)} crossed"))
    assert (on_graph is None) == (on_legs is None), ends
    if on_graph is None or on_legs is None:
        reasons = []
        for engine, network in ((find_route, graph), (overlay_route, overlay)):
            with pytest.raises(NoRouteError) as caught:
                engine(network, *ends, scenario=scenario)
            reasons.append((caught.value.reason, caught.value.blocked))
        assert reasons[0] == reasons[1]
        return
    assert on_legs.distance_km == pytest.approx(on_graph.distance_km, rel=1e-9)
    assert on_legs.time_h == pytest.approx(on_graph.time_h, rel=1e-9)
    assert on_legs.border_delay_h == pytest.approx(on_graph.border_delay_h, rel=1e-9)
    assert on_legs.countries == on_graph.countries


@settings(max_examples=examples(15))
@given(data=datasets(), draw=st.data())
def test_the_distance_matrix_equals_the_model(data: Dataset, draw: st.DataObject) -> None:
    q = draw.draw(queries(data))
    overlay = build_overlay(build_graph(data))
    matrix = distance_matrix(overlay, scenario_of(q))
    assert (np.diag(matrix) == 0).all()
    for (i, o), (j, d) in itertools.permutations(enumerate(overlay.places), 2):
        answer = oracle.route(data, Query(**{**q.__dict__, "origin": o, "destination": d}))
        expected = answer.cost if answer else np.inf
        assert matrix[i, j] == pytest.approx(expected, rel=1e-9), (o, d)


@settings(max_examples=examples(12))
@given(data=datasets(), draw=st.data())
def test_combinations_equal_the_model(data: Dataset, draw: st.DataObject) -> None:
    q = draw.draw(queries(data))
    if draw.draw(st.booleans()):  # every crossing open: long trips across three borders or more
        q = Query(**{**q.__dict__, "closed": frozenset(), "opened": frozenset(data.crossings)})
    origin, destination = far_apart(data)
    combined = draw.draw(
        st.lists(st.sampled_from(sorted(data.crossings)), min_size=1, max_size=4, unique=True)
    )
    scenario = scenario_of(q)
    done: list[int] = []
    outcomes = combinations(
        build_overlay(build_graph(data)),
        origin,
        destination,
        scenario=scenario,
        crossings=combined,
        progress=done.append,
        memory=20_000,  # small batches: the grouping must merge them
    )
    assert sum(o.count for o in outcomes) == 2 ** len(combined) == sum(done)
    costs = [
        (o.route.distance_km if q.weight == "distance" else o.route.time_h) if o.route else np.inf
        for o in outcomes
    ]
    assert costs == sorted(costs)
    for outcome in outcomes:
        for closed in outcome.closed_sets():
            forced = combination_scenario(scenario, combined, closed=closed)
            trip = Query(
                origin, destination, q.day, q.mode, q.weight, forced.closed, forced.opened,
                q.avoid, q.delays, q.areas,
            )  # fmt: skip
            answer = oracle.route(data, trip)
            assert (answer is None) == (outcome.route is None)
            if answer is not None and outcome.route is not None:
                event(f"crossings in a combination's route: {len(answer.crossings)}")
                assert outcome.crossings == answer.crossings == outcome.route.crossings
                assert outcome.route.countries == answer.countries
            assert outcome.always_closed <= closed and not outcome.always_open & closed


@settings(max_examples=examples(10))
@given(data=datasets(), draw=st.data())
def test_impact_equals_the_model(data: Dataset, draw: st.DataObject) -> None:
    q = draw.draw(queries(data))
    overlay = build_overlay(build_graph(data))
    # Weights differ from pair to pair; a tiny memory budget makes impact work in chunks.
    pairs = [
        (o, d, [0.5, 1.0, 2.5][sum(map(ord, o + d)) % 3]) for o, d, _ in default_pairs(overlay)
    ]
    memory = draw.draw(st.sampled_from([DEFAULT_MEMORY, 1]))
    calls: list[int] = []
    impacts, exposures = impact(
        overlay, pairs, scenario=scenario_of(q), progress=calls.append, memory=memory
    )
    assert sum(calls) == len(data.crossings)

    def trip(o: str, d: str, weight: str, shut: str | None = None) -> oracle.Answer | None:
        closed = q.closed | {shut} if shut else q.closed
        opened = q.opened - {shut} if shut else q.opened
        fields = {**q.__dict__, "origin": o, "destination": d, "weight": weight}
        return oracle.route(data, Query(**{**fields, "closed": closed, "opened": opened}))

    by_crossing = {i.crossing: i for i in impacts}
    worst_by_place: dict[str, tuple[int, float, str]] = {}
    for crossing in data.crossings:
        added_km = added_h = weights = 0.0
        hit = cut = 0
        ratio = 1.0
        per_place: dict[str, tuple[int, float]] = {}
        for o, d, w in pairs:
            before, after = trip(o, d, "distance"), trip(o, d, "distance", crossing)
            if before is None:
                continue
            mine = per_place.get(o, (0, 0.0))
            if after is None:
                cut += 1
                per_place[o] = (mine[0] + 1, mine[1])
                continue
            weights += w
            km = after.distance_km - before.distance_km
            added_km += w * km
            per_place[o] = (mine[0], mine[1] + w * km)
            hit += km > 1e-6
            if before.distance_km > 0:
                ratio = max(ratio, after.distance_km / before.distance_km)
            fast, slow = trip(o, d, "time"), trip(o, d, "time", crossing)
            if fast is not None and slow is not None:
                added_h += w * (slow.time_h - fast.time_h)
        result = by_crossing[crossing]
        assert (result.pairs_cut, result.affected_pairs) == (cut, hit)
        assert result.added_km_total == pytest.approx(added_km, rel=1e-9, abs=1e-6)
        assert result.added_km_mean == pytest.approx(added_km / (weights or 1), rel=1e-9, abs=1e-6)
        assert result.added_h_total == pytest.approx(added_h, rel=1e-9, abs=1e-6)
        assert result.added_h_mean == pytest.approx(added_h / (weights or 1), rel=1e-9, abs=1e-6)
        assert result.worst_detour_ratio == pytest.approx(ratio, rel=1e-9)
        for place, (cuts, km) in per_place.items():
            if (cuts, km) > worst_by_place.get(place, (0, 0.0, ""))[:2]:
                worst_by_place[place] = (cuts, km, crossing)
    order = [(-i.pairs_cut, -round(i.added_km_total, 3), i.crossing) for i in impacts]
    assert order == sorted(order)
    ranked = [(-e.pairs_cut, -round(e.added_km, 3), e.place) for e in exposures]
    assert ranked == sorted(ranked)
    for exposure in exposures:
        cuts, km, _ = worst_by_place.get(exposure.place, (0, 0.0, ""))
        assert (exposure.pairs_cut, exposure.added_km) == pytest.approx(
            (cuts, km), rel=1e-9, abs=1e-6
        )
        assert (exposure.worst_crossing is None) == (cuts == 0 and km == 0)


def test_the_generator_makes_trips_across_three_borders() -> None:
    def long_trip(data: Dataset) -> bool:
        origin, destination = far_apart(data)
        answer = oracle.route(
            data, Query(origin, destination, dt.date(2020, 2, 1), opened=frozenset(data.crossings))
        )
        return answer is not None and len(answer.crossings) >= 3

    quick = settings(phases=(Phase.generate,), database=None, max_examples=500)
    assert len(far_apart(find(datasets(), long_trip, settings=quick))) == 2
