"""How sure the numbers are: road ranges, route ranges, and differences within uncertainty."""

import datetime as dt
import json
from itertools import pairwise
from typing import Any

import networkx as nx
import pytest
from shapely.geometry import LineString

from corridor import Scenario, compare, find_route
from corridor.cli import main
from corridor.uncertainty import (
    DELAY_RANGE,
    GEOMETRY_ABOVE,
    GEOMETRY_ABOVE_MAX,
    GEOMETRY_ABOVE_PER_10_KM,
    GEOMETRY_BELOW,
    MINIMUM_ERROR_M,
    PUBLISHED_SHARE,
    SPEED_SHARE,
    Breakdown,
    difference,
    length_errors_m,
    step_figures,
)
from geodata import Road
from tests.conftest import MakeDataset

DAY = Scenario(as_of=dt.date(2020, 1, 1))


def road(*, gap_km: float | None = None, length_km: float | None = None) -> Road:
    line = LineString([(36.0, 34.0), (36.5, 34.0), (37.0, 34.0)])  # two steps of about 46 km
    return Road(
        "r", "M1", "M1 road", "trunk", "a", "b", None, "src", line,
        length_km=length_km,
        length_source="src" if length_km else "",
        length_basis="published" if length_km else "geometry",
        sourced_gap_km=gap_km,
    )  # fmt: skip


def test_a_published_length_is_sure_to_a_few_percent_either_way() -> None:
    assert length_errors_m(road(length_km=100), 100_000) == pytest.approx(
        (PUBLISHED_SHARE * 100_000, PUBLISHED_SHARE * 100_000)
    )


def test_a_drawn_line_may_run_short_by_more_the_further_apart_its_points() -> None:
    below, above = length_errors_m(road(gap_km=10), 100_000)
    assert below == pytest.approx(GEOMETRY_BELOW * 100_000)
    assert above == pytest.approx((GEOMETRY_ABOVE + GEOMETRY_ABOVE_PER_10_KM) * 100_000)
    _, sparse = length_errors_m(road(gap_km=40), 100_000)
    assert sparse > above
    _, capped = length_errors_m(road(gap_km=500), 100_000)
    assert capped == pytest.approx(GEOMETRY_ABOVE_MAX * 100_000)


def test_the_gap_is_measured_on_the_line_when_not_recorded() -> None:
    _, measured = length_errors_m(road(), 100_000)
    _, recorded = length_errors_m(road(gap_km=46.1), 100_000)
    assert measured == pytest.approx(recorded, rel=0.01)


def test_a_short_road_is_never_surer_than_the_floor() -> None:
    assert length_errors_m(road(length_km=1), 1_000) == (MINIMUM_ERROR_M, MINIMUM_ERROR_M)


def test_a_route_range_adds_its_roads_and_its_border_delays(toy_graph: nx.MultiDiGraph) -> None:
    route = find_route(toy_graph, "west", "east", scenario=DAY)
    low, high = route.distance_range_km
    steps = zip(pairwise(route.path), route.roads, strict=True)
    roads = [toy_graph.edges[u, v, k] for (u, v), k in steps]
    below = sum(e["length_errors_m"][0] for e in roads) / 1000
    above = sum(e["length_errors_m"][1] for e in roads) / 1000
    assert (low, high) == pytest.approx((route.distance_km - below, route.distance_km + above))
    t_low, t_high = route.time_range_h
    assert t_low < route.driving_h + DELAY_RANGE[0] * route.border_delay_h
    assert t_high > route.driving_h + DELAY_RANGE[1] * route.border_delay_h


def test_a_route_compared_with_itself_changes_nothing(toy_graph: nx.MultiDiGraph) -> None:
    result = compare(toy_graph, "west", "east", [("same", DAY)], baseline=DAY)
    change = result.scenarios[0].difference(result.baseline)
    assert change is not None
    assert (change.delta_km, change.delta_range_km, change.delta_h) == (0, (0, 0), 0)
    assert change.within_uncertainty and change.time_within_uncertainty


def test_a_difference_counts_only_the_roads_the_routes_do_not_share(
    toy_graph: nx.MultiDiGraph,
) -> None:
    closed = DAY.with_changes(close=["north"])
    result = compare(toy_graph, "west", "east", [("north closed", closed)], baseline=DAY)
    base, detour = result.baseline.route, result.scenarios[0].route
    assert base is not None and detour is not None and not set(base.roads) & set(detour.roads)
    change = result.scenarios[0].difference(result.baseline)
    assert change is not None
    low, high = change.delta_range_km
    assert low == pytest.approx(detour.distance_range_km[0] - base.distance_range_km[1])
    assert high == pytest.approx(detour.distance_range_km[1] - base.distance_range_km[0])
    assert change.within_uncertainty == (low <= 0 <= high)


def test_compare_json_says_when_a_change_is_within_uncertainty(
    make_dataset: MakeDataset, capsys: pytest.CaptureFixture[str]
) -> None:
    # Two roads of nearly equal length from west to east, through two crossings a few km apart.
    places = [("west", "Westville", "", "", "SY", "capital", 36.0, 34.0),
              ("east", "Eastburg", "", "", "IQ", "capital", 44.0, 34.0)]  # fmt: skip
    crossings = [("north", "North crossing", "SY", "N", "IQ", "N", 40.0, 34.05),
                 ("south", "South crossing", "SY", "S", "IQ", "S", 40.0, 33.95)]  # fmt: skip
    roads = [("r1", "A", "west", "north"), ("r2", "A", "north", "east"),
             ("r3", "B", "west", "south"), ("r4", "B", "south", "east")]  # fmt: skip
    events = [("north", "2010-01-01", "open", "all", "both"),
              ("south", "2010-01-01", "open", "all", "both")]  # fmt: skip
    data = make_dataset(places=places, crossings=crossings, roads=roads, events=events)
    args = ["compare", "west", "east", "--data", str(data), "--as-of", "2020-01-01"]
    record = main_json(capsys, [*args, "--close", "north", "--format", "json"])
    (scenario,) = record["scenarios"]
    assert scenario["within_uncertainty"] is True
    low, high = scenario["delta_range_km"]
    assert low < 0 < high and abs(scenario["delta_km"]) < 1
    assert main([*args, "--close", "north"]) == 0
    text = capsys.readouterr().out
    assert "+0 (about equal)" in text and "within the uncertainty" in text


def main_json(capsys: pytest.CaptureFixture[str], args: list[str]) -> Any:
    assert main(args) == 0
    return json.loads(capsys.readouterr().out)


def test_a_clear_detour_is_not_within_uncertainty(capsys: pytest.CaptureFixture[str]) -> None:
    # Amman - Baghdad without Trebil goes round through Syria: hundreds of km more.
    args = ["compare", "Amman", "Baghdad", "--as-of", "2025-07-01", "--close", "trebil"]
    record = main_json(capsys, [*args, "--format", "json"])
    (scenario,) = record["scenarios"]
    assert scenario["within_uncertainty"] is False and scenario["delta_range_km"][0] > 100
    assert main(args) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if "Trebil closed" in line)
    change_km = row.split("\u2502")[3].strip()  # scenario, km, hours, change_km, ...
    assert change_km.startswith("+") and "about equal" not in change_km


def test_a_step_is_as_unsure_in_time_as_in_length_plus_the_speed_share() -> None:
    # 10 km that may be 1 km shorter or 3 km longer, driven in 2 h; speed adds 10% either way.
    edge = {"length_errors_m": (1_000.0, 3_000.0), "length_m": 10_000.0, "time_s": 7_200.0}
    assert step_figures(edge, "time_s") == pytest.approx((10.0, 1.0, 3.0, 2.0, 0.4, 0.8))
    assert SPEED_SHARE == 0.10
    # A step of no length (a trip end at a crossing) is unsure by the speed share alone.
    still = {"length_errors_m": (500.0, 500.0), "length_m": 0.0, "time_s": 360.0}
    assert step_figures(still, "time_s") == pytest.approx((0.0, 0.5, 0.5, 0.1, 0.01, 0.01))


def test_a_difference_in_time_counts_driving_and_delays_not_shared() -> None:
    shared = (50.0, 5.0, 5.0, 1.0, 0.1, 0.1)
    detour = Breakdown({"s": shared, "a": (10.0, 1.0, 2.0, 2.0, 0.2, 0.4)}, {"x": 4.0})
    base = Breakdown({"s": shared, "b": (6.0, 0.5, 1.0, 1.0, 0.1, 0.3)}, {"y": 1.0})
    change = difference(detour, base)
    assert change.delta_km == pytest.approx(4.0)
    assert change.delta_range_km == pytest.approx((10 - 1 - (6 + 1), 10 + 2 - (6 - 0.5)))
    assert change.delta_h == pytest.approx(2.0 - 1.0 + 4.0 - 1.0)
    assert DELAY_RANGE == (0.5, 2.0)
    # Detour 2 h (-0.2/+0.4) + 4 h delay (x0.5..x2); base 1 h (-0.1/+0.3) + 1 h (x0.5..x2).
    low = (2.0 - 0.2 + 0.5 * 4.0) - (1.0 + 0.3 + 2.0 * 1.0)
    high = (2.0 + 0.4 + 2.0 * 4.0) - (1.0 - 0.1 + 0.5 * 1.0)
    assert change.delta_range_h == pytest.approx((low, high))
    assert (low, high) == pytest.approx((0.5, 9.0))
    assert not change.within_uncertainty and not change.time_within_uncertainty
