"""Damascus - Baghdad on the bundled data: the four corridors, open and closed."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import networkx as nx
import pytest
from pyproj import Geod

from corridor import NoRouteError, Route, Scenario, find_route
from corridor.cli import main
from geodata import Dataset

REOPENED = dt.date(2025, 7, 1)  # Al-Qaim reopened on 14 June 2025; Al-Tanf still shut
SHUT = dt.date(2025, 3, 1)  # Al-Qaim closed since December 2024


def route(graph: nx.MultiDiGraph, **kw: Any) -> Route:
    return find_route(graph, "Damascus", "Baghdad", scenario=Scenario(**kw))


def test_euphrates_corridor_when_al_qaim_is_open(bundled_graph: nx.MultiDiGraph) -> None:
    r = route(bundled_graph, as_of=REOPENED)
    assert r.crossings == ("al-qaim",)
    assert r.countries == ("SY", "IQ")
    assert {"palmyra", "deir-ez-zor", "mayadin", "bukamal", "qaim", "haditha", "hit"} <= set(r.path)
    assert "M20" in [leg.ref for leg in r.legs]
    assert 900 < r.distance_km < 1000
    assert r.great_circle_km == pytest.approx(760, rel=0.03)  # Damascus-Baghdad as the crow flies


def test_closing_al_qaim_goes_through_jordan(bundled_graph: nx.MultiDiGraph) -> None:
    r = route(bundled_graph, as_of=REOPENED, closed=frozenset({"al-qaim"}))
    assert r.crossings == ("nasib", "trebil")
    assert r.countries == ("SY", "JO", "IQ")
    assert {"mafraq", "safawi", "ruwaished", "jct-rutba"} <= set(r.path)


def test_status_on_date_alone_avoids_al_qaim(bundled_graph: nx.MultiDiGraph) -> None:
    assert "al-qaim" not in route(bundled_graph, as_of=SHUT).crossings


def test_desert_highway_when_al_tanf_is_open(bundled_graph: nx.MultiDiGraph) -> None:
    r = route(bundled_graph, as_of=REOPENED, opened=frozenset({"al-walid"}))
    assert r.crossings == ("al-walid",)
    assert "jct-rutba" in r.path  # Expressway 1 passes Rutba by
    assert r.distance_km < route(bundled_graph, as_of=REOPENED).distance_km


def test_northern_route_through_rabia_and_mosul(bundled_graph: nx.MultiDiGraph) -> None:
    others = {"al-qaim", "al-walid", "nasib", "trebil", "faysh-khabur"}
    r = route(bundled_graph, as_of=REOPENED, closed=frozenset(others), opened=frozenset({"rabia"}))
    assert r.crossings == ("rabia",)
    assert "mosul" in r.path


def test_every_iraq_crossing_closed_means_no_route(bundled_graph: nx.MultiDiGraph) -> None:
    into_iraq = {"al-qaim", "al-walid", "rabia", "faysh-khabur", "trebil", "ibrahim-khalil"}
    with pytest.raises(NoRouteError, match="no open route between Damascus and Baghdad"):
        route(bundled_graph, as_of=REOPENED, closed=frozenset(into_iraq))


def test_cli_route_and_compare_on_bundled_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["route", "damascus", "BAGHDAD", "--as-of", "2025-07-01", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["crossings"] == ["al-qaim"]
    assert (
        main(
            [
                "compare",
                "Dimashq",
                "Bagdad",
                "--as-of",
                "2025-07-01",
                "--close",
                "al-qaim",
                "--format",
                "json",
            ]
        )
        == 0
    )
    result = json.loads(capsys.readouterr().out)
    closed = result["scenarios"][0]
    assert closed["crossings"] == ["nasib", "trebil"]
    assert closed["delta_km"] == pytest.approx(
        closed["distance_km"] - result["baseline"]["distance_km"], abs=0.11
    )
    assert closed["delta_h"] > 0  # two borders instead of one


@pytest.mark.parametrize(
    "spelling", ["Abu Kamal", "Bukamal", "Al-Bukamal", "البوكمال", "albukamal"]
)
def test_place_spellings(bundled_graph: nx.MultiDiGraph, spelling: str) -> None:
    r = find_route(bundled_graph, spelling, "Al-Qa'im", scenario=Scenario(as_of=REOPENED))
    assert (r.origin, r.destination) == ("bukamal", "qaim")


def test_a_trip_to_the_al_qaim_crossing_and_to_a_port(bundled_graph: nx.MultiDiGraph) -> None:
    # On 2025-03-01 Al-Qaim is shut, but a truck may still drive up to its Syrian side.
    to_post = find_route(bundled_graph, "Damascus", "al-qaim", scenario=Scenario(as_of=SHUT))
    assert to_post.destination == "al-qaim" and to_post.crossings == ()
    assert to_post.countries == ("SY",) and "bukamal" in to_post.path
    to_port = find_route(bundled_graph, "Amman", "Aqaba port", scenario=Scenario(as_of=SHUT))
    assert to_port.destination == "aqaba-port" and to_port.countries == ("JO",)
    assert 300 < to_port.distance_km < 360  # the Desert Highway, about 330 km


def test_legs_add_up_and_every_leg_has_a_name(
    bundled: Dataset, bundled_graph: nx.MultiDiGraph
) -> None:
    r = route(bundled_graph, as_of=REOPENED)
    assert sum(leg.distance_km for leg in r.legs) == pytest.approx(r.distance_km, rel=1e-12)
    assert all(leg.name for leg in r.legs)
    unnumbered = [leg for leg in r.legs if not leg.ref]
    assert unnumbered and unnumbered[0].name.startswith("Damascus - Palmyra desert road")
    damascus, baghdad = bundled.places["damascus"], bundled.places["baghdad"]
    _, _, metres = Geod(ellps="WGS84").inv(damascus.lon, damascus.lat, baghdad.lon, baghdad.lat)
    assert r.great_circle_km == pytest.approx(metres / 1000, rel=1e-12)
