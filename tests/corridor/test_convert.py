"""Routes, comparisons and combinations as frames for notebooks and GIS tools."""

from __future__ import annotations

import datetime as dt
import math
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from corridor import InputError, Route, Scenario, build_graph, compare, find_route
from corridor.combos import combinations
from corridor.convert import routes_to_gdf
from corridor.routing import build_overlay
from geodata import load_dataset
from tests.safety.hostile import Hostile, write_hostile_dataset

JUNE = Scenario(as_of=dt.date(2025, 7, 1), mode="freight")


@pytest.fixture(scope="module")
def damascus_baghdad(bundled_graph: nx.MultiDiGraph) -> Route:
    return find_route(bundled_graph, "Damascus", "Baghdad", scenario=JUNE)


def test_a_route_frame_has_one_row_per_leg_adding_up_to_the_route(
    damascus_baghdad: Route,
) -> None:
    route = damascus_baghdad
    frame = route.to_gdf()
    assert frame.crs is not None and frame.crs.to_epsg() == 4326
    assert frame.index.name == "leg" and list(frame.index) == list(range(len(route.legs)))
    assert list(frame["ref"]) == [leg.ref for leg in route.legs]
    assert frame["km"].sum() == pytest.approx(route.distance_km, rel=1e-12)
    low, high = route.distance_range_km
    assert (frame["km_low"].sum(), frame["km_high"].sum()) == pytest.approx((low, high))
    assert frame["hours"].sum() == pytest.approx(route.time_h)
    assert frame["border_h"].sum() == pytest.approx(route.border_delay_h)
    assert (frame["km_low"] < frame["km"]).all() and (frame["km"] < frame["km_high"]).all()
    # Each leg starts where the last one ended, and they draw the route's own line.
    assert list(frame["from"][1:]) == list(frame["to"][:-1])
    points = [frame.geometry.iloc[0].coords[0]]
    for line in frame.geometry:
        assert line.coords[0] == points[-1]
        points.extend(line.coords[1:])
    assert points == list(route.geometry.coords)


def test_a_route_frame_is_in_lon_lat_order_from_origin_to_destination(
    damascus_baghdad: Route,
) -> None:
    frame = damascus_baghdad.to_gdf()
    assert frame.geometry.iloc[0].coords[0] == pytest.approx((36.27653, 33.51381))  # Damascus
    baghdad = damascus_baghdad.dataset.places["baghdad"]
    assert frame.geometry.iloc[-1].coords[-1] == pytest.approx((baghdad.lon, baghdad.lat))
    assert (frame["from_name"].iloc[0], frame["to_name"].iloc[-1]) == ("Damascus", "Baghdad")


def test_the_leg_entering_a_crossing_carries_it_and_its_delay(damascus_baghdad: Route) -> None:
    frame = damascus_baghdad.to_gdf()
    entering = frame[frame["crossing"].notna()]
    assert list(entering["crossing"]) == ["al-qaim"] and list(entering["to"]) == ["al-qaim"]
    # Al-Qaim's typical freight delay (README: 8.0 h at borders), all of it on that leg.
    assert entering["border_h"].iloc[0] == pytest.approx(8.0) == damascus_baghdad.border_delay_h
    at = int(entering.index[0])
    assert set(frame["countries"][: at + 1]) == {"SY"}
    assert set(frame["countries"][at + 1 :]) == {"IQ"}


def test_several_routes_are_indexed_by_route_and_leg(bundled_graph: nx.MultiDiGraph) -> None:
    routes = {
        "june": find_route(bundled_graph, "Damascus", "Baghdad", scenario=JUNE),
        "no al-qaim": find_route(
            bundled_graph, "Damascus", "Baghdad", scenario=JUNE.with_changes(close=["al-qaim"])
        ),
    }
    frame = routes_to_gdf(routes)
    assert frame.index.names == ["route", "leg"] and frame.crs.to_epsg() == 4326
    for label, route in routes.items():
        assert frame.loc[label, "km"].sum() == pytest.approx(route.distance_km)
    assert list(frame.loc["no al-qaim"]["crossing"].dropna()) == ["nasib", "trebil"]
    by_position = routes_to_gdf(list(routes.values()))
    assert sorted(set(by_position.index.get_level_values("route"))) == [0, 1]
    with pytest.raises(InputError, match="at least one route"):
        routes_to_gdf([])


def test_a_comparison_frame_has_one_row_per_scenario(bundled_graph: nx.MultiDiGraph) -> None:
    closed = ["al-qaim", "nasib", "faysh-khabur", "ibrahim-khalil"]
    result = compare(
        bundled_graph,
        "Damascus",
        "Baghdad",
        [
            ("Al-Qaim closed", JUNE.with_changes(close=["al-qaim"])),
            ("all closed", JUNE.with_changes(close=closed)),
        ],
        baseline=JUNE,
    )
    frame = result.to_frame()
    assert list(frame.index) == ["baseline", "Al-Qaim closed", "all closed"]
    base, detour, none = (frame.loc[label] for label in frame.index)
    assert detour["change_km"] == pytest.approx(detour["km"] - base["km"])
    assert detour["change_h"] == pytest.approx(detour["hours"] - base["hours"])
    assert detour["change_km_low"] < 0 < detour["change_km_high"]
    assert bool(detour["within_uncertainty"]) and detour["crossings"] == "nasib, trebil"
    assert detour["countries"] == "SY > JO > IQ" and base["crossings"] == "al-qaim"
    assert base["km_low"] < base["km"] < base["km_high"]
    assert math.isnan(base["change_km"]) and frame["within_uncertainty"].isna()["baseline"]
    assert math.isnan(none["km"]) and "no open route" in none["reason"]


def test_combination_outcomes_as_a_frame(bundled_graph: nx.MultiDiGraph) -> None:
    outcomes = combinations(
        build_overlay(bundled_graph),
        "Damascus",
        "Baghdad",
        crossings=["al-qaim", "al-walid"],
        scenario=JUNE,
    )
    frame = outcomes.to_frame()
    assert frame["count"].sum() == 4 and len(frame) == len(outcomes)
    assert list(frame["via"]) == [", ".join(o.crossings) for o in outcomes]
    assert frame["km"].is_monotonic_increasing
    walid = frame[frame["via"] == "al-walid"].iloc[0]
    assert walid["always_open"] == "al-walid" and walid["count"] == 2


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)

    def handle_data(self, data: str) -> None:
        self.text += data


def parse(page: str) -> Page:
    parsed = Page()
    parsed.feed(page)
    return parsed


PLACE = "<img src=x onerror=alert(1)>"
CROSSING = "{{7*7}}"
ROAD = "</td><script>window.pwned=1</script>"
TABLE_TAGS = {"div", "table", "caption", "thead", "tbody", "tr", "th", "td", "p"}


def test_notebook_tables_show_hostile_names_as_text(tmp_path: Path) -> None:
    values = Hostile(PLACE, "ar", "alias", CROSSING, "side", "", ROAD, *["x"] * 5)
    folder, _ = write_hostile_dataset(tmp_path / "hostile", values)
    graph = build_graph(load_dataset(folder))
    route = find_route(graph, "west", "east", scenario=JUNE)
    assert route.crossings == ("north",) and route.legs[0].name == ROAD
    result = compare(graph, "west", "east", [(PLACE, JUNE.with_changes(close=["north"]))])
    outcomes = combinations(
        build_overlay(graph), "west", "east", crossings=["north"], scenario=JUNE
    )
    for shown in (route, result, outcomes):
        page = parse(shown._repr_html_())
        assert page.tags <= TABLE_TAGS, type(shown)
        assert CROSSING in page.text and "49" not in page.text
    assert PLACE in parse(route._repr_html_()).text and ROAD in parse(route._repr_html_()).text
    assert parse(result._repr_html_()).text.count(PLACE) == 2  # the trip and the label


def test_route_frames_write_to_a_geopackage(damascus_baghdad: Route, tmp_path: Path) -> None:
    import geopandas as gpd

    path = tmp_path / "routes.gpkg"
    routes_to_gdf({"june": damascus_baghdad}).to_file(path, layer="routes")
    back = gpd.read_file(path, layer="routes")
    assert back.crs.to_epsg() == 4326 and list(back["route"]) == ["june"] * 9
    assert back["km"].sum() == pytest.approx(damascus_baghdad.distance_km)
    assert list(back["crossing"].dropna()) == ["al-qaim"]
