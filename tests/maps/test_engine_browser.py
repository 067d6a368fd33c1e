"""The what-if page's engine (static/engine.js) equals the reference model in Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from playwright.sync_api import Browser, Page

from corridor import NoRouteError, Scenario, build_graph, find_route
from corridor.cli import main
from corridor.comparison import Outcome
from geodata import Dataset
from maps.assets import own_script
from maps.whatif import Network, whatif_data
from tests import oracle
from tests.browser import open_offline
from tests.generate import datasets, far_apart, queries
from tests.oracle import Query
from tests.profiles import examples

pytestmark = pytest.mark.browser

ROUTE_ALL = """([data, trips]) => {
  const engine = new corridorEngine.Engine(data);
  return trips.map((q) => {
    const r = engine.route(q);
    return r && { km: r.km, hours: r.hours, crossings: r.crossings, countries: r.countries };
  });
}"""


@pytest.fixture(scope="module")
def engine_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(offline=True)
    page = context.new_page()
    page.set_content(f"<html><head><script>{own_script('engine.js')}</script></head></html>")
    yield page
    context.close()


def trip(q: Query) -> dict[str, object]:
    forced = {c: "closed" for c in q.closed} | {c: "open" for c in q.opened}
    return {"from": q.origin, "to": q.destination, "date": q.day.isoformat(), "mode": q.mode,
            "by": q.weight, "forced": forced}  # fmt: skip


def engine_trips(data: Dataset, draw: st.DataObject) -> list[Query]:
    """Trips for the engine: random ones, and one across the grid, all with the same delays."""
    delays = draw.draw(queries(data)).delays
    trips = [
        Query(**{**draw.draw(queries(data, avoid=False)).__dict__, "delays": delays})
        for _ in range(5)
    ]
    origin, destination = far_apart(data)
    return [*trips, Query(origin, destination, trips[0].day, delays=delays)]


def disagreements(
    page: Page, data: Dataset, trips: list[Query], *, network: Network = "roads"
) -> list[str]:
    """Return how the page's engine differs from the reference model on these trips."""
    scenario = Scenario(as_of=trips[0].day, delay_h=trips[0].delays)
    places, crossings = sorted(data.places), sorted(data.crossings)
    payload = whatif_data(
        build_graph(data), scenario=scenario, places=places, crossings=crossings, network=network
    )
    shown = page.evaluate(ROUTE_ALL, [payload, [trip(q) for q in trips]])
    found = []
    for q, got in zip(trips, shown, strict=True):
        expected = oracle.route(data, q)
        if (got is None) != (expected is None):
            found.append(f"{q}: engine {got}, model {expected}")
        elif got is not None and expected is not None:
            tolerance = 1e-4 * (len(expected.crossings) + 20)  # each step is rounded to 0.1
            if (
                abs(got["km"] - expected.distance_km) > tolerance
                or abs(got["hours"] - expected.time_h) > tolerance
                or tuple(got["crossings"]) != expected.crossings
                or tuple(got["countries"]) != expected.countries
            ):
                found.append(f"{q}: engine {got}, model {expected}")
    return found


@settings(max_examples=examples(25))
@given(data=datasets(), draw=st.data())
def test_the_engine_equals_the_model(data: Dataset, draw: st.DataObject, engine_page: Page) -> None:
    assert disagreements(engine_page, data, engine_trips(data, draw)) == []


@settings(max_examples=examples(15))
@given(data=datasets(), draw=st.data())
def test_the_engine_on_portal_legs_equals_the_model(
    data: Dataset, draw: st.DataObject, engine_page: Page
) -> None:
    # What a big network's page routes on: the overlay's legs instead of every road.
    assert disagreements(engine_page, data, engine_trips(data, draw), network="legs") == []


def test_an_event_applies_on_its_own_date_in_the_page(
    browser: Browser, toy_dir: Path, tmp_path: Path
) -> None:
    # North closes on 2024-12-08 and reopens for freight on 2025-06-10.
    target = tmp_path / "whatif.html"
    assert main(["map", "--out", str(target), "--data", str(toy_dir), "--as-of", "2020-01-01"]) == 0
    page = open_offline(browser, target, fragment="#from=west&to=east").page
    summary = page.locator("#corridor-summary")
    for day, via in [("2024-12-07", "north"), ("2024-12-08", "south"), ("2025-06-09", "south"),
                     ("2025-06-10", "north")]:  # fmt: skip
        page.fill("#corridor-date", day)
        page.dispatch_event("#corridor-date", "change")
        assert summary.get_attribute("data-crossings") == via, day
    page.select_option("#corridor-mode", "passenger")
    assert summary.get_attribute("data-crossings") == "south"  # the reopening is for freight
    page.context.close()


DIFFERENCE = """([data, trip, closed]) => {
  const engine = new corridorEngine.Engine(data);
  const base = engine.route(trip);
  const forced = Object.assign({}, trip.forced);
  closed.forEach((c) => { forced[c] = "closed"; });
  const detour = engine.route(Object.assign({}, trip, { forced }));
  if (!base || !detour) return null;
  const d = engine.difference(detour, base, trip.mode);
  return { base: base.path, detour: detour.path, range: base.kmRange, hours: base.hoursRange,
           km: d.km, kmRange: [d.kmLow, d.kmHigh], within: d.within,
           h: d.hours, hRange: [d.hoursLow, d.hoursHigh], timeWithin: d.timeWithin };
}"""


@settings(max_examples=examples(15))
@given(data=datasets(), draw=st.data())
def test_the_page_measures_a_change_as_python_does(
    data: Dataset, draw: st.DataObject, engine_page: Page
) -> None:
    # Every crossing open, then some of the route's crossings closed: a detour to measure.
    q = draw.draw(queries(data, avoid=False))
    origin, destination = far_apart(data)
    everything = frozenset(data.crossings)
    q = Query(**{**q.__dict__, "origin": origin, "destination": destination,
                 "closed": frozenset(), "opened": everything})  # fmt: skip
    graph = build_graph(data)
    scenario = Scenario(
        as_of=q.day, mode=q.mode, weight=q.weight, delay_h=q.delays, opened=everything
    )
    base = find_route(graph, q.origin, q.destination, scenario=scenario)
    closing = frozenset(draw.draw(st.sampled_from([base.crossings[:1], base.crossings[-1:]])))
    closed = replace(scenario, opened=everything - closing, closed=closing)
    payload = whatif_data(graph, scenario=scenario, places=sorted(data.places),
                          crossings=sorted(data.crossings))  # fmt: skip
    shown = engine_page.evaluate(DIFFERENCE, [payload, trip(q), sorted(closing)])
    try:
        detour = find_route(graph, q.origin, q.destination, scenario=closed)
    except NoRouteError:
        assert shown is None
        return
    assert shown is not None
    if tuple(shown["base"]) != base.path or tuple(shown["detour"]) != detour.path:
        return  # equal-cost routes may tie differently; the route test covers the choice
    event("measured")
    change = Outcome("", closed, detour).difference(Outcome("", scenario, base))
    assert change is not None
    close = pytest.approx
    assert shown["range"] == close(list(base.distance_range_km), abs=1e-3)
    assert shown["hours"] == close(list(base.time_range_h), abs=1e-3)
    assert shown["km"] == close(change.delta_km, abs=1e-3)
    assert shown["kmRange"] == close(list(change.delta_range_km), abs=1e-3)
    assert shown["h"] == close(change.delta_h, abs=1e-3)
    assert shown["hRange"] == close(list(change.delta_range_h), abs=1e-3)
    assert (shown["within"], shown["timeWithin"]) == (
        change.within_uncertainty,
        change.time_within_uncertainty,
    )
