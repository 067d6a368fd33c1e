"""Areas to avoid: read as untrusted input, honoured by every engine, explained, guarded."""

import datetime as dt
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import corridor
from corridor.routing.minplus import distance_matrix
from corridor.routing.onlegs import overlay_route
from corridor.routing.overlay import build_overlay
from geodata import DataError
from geodata.areas import read_avoid_areas
from tests import oracle
from tests.corridor.cli.test_cli import run

NORTH = [[[41, 34], [42, 34], [42, 35], [41, 35], [41, 34]]]  # across road r3 (north - east)
SOUTH = [[[41, 33], [42, 33], [42, 34.3], [41, 34.3], [41, 33]]]  # across r5 (south - east)
DAY = dt.date(2025, 7, 1)


def write_areas(path: Path, *features: dict[str, Any]) -> Path:
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": f.get("properties", {}),
                "geometry": {"type": "Polygon", "coordinates": f["coordinates"]},
            }
            for f in features
        ],
    }
    path.write_text(json.dumps(collection), encoding="utf-8")
    return path


def test_areas_block_roads_on_their_dates(tmp_path: Path, toy_graph: nx.MultiDiGraph) -> None:
    file = write_areas(
        tmp_path / "a.geojson",
        {"coordinates": NORTH, "properties": {"name": "north zone", "valid_from": "2025-01-01"}},
    )
    areas = read_avoid_areas(file)
    on = corridor.Scenario(as_of=DAY, avoid_areas=areas)
    assert corridor.find_route(toy_graph, "west", "east", scenario=on).crossings == ("south",)
    before = corridor.Scenario(as_of=dt.date(2020, 1, 1), avoid_areas=areas)
    assert corridor.find_route(toy_graph, "west", "east", scenario=before).crossings == ("north",)
    passenger = corridor.Scenario(as_of=DAY, mode="passenger", avoid_areas=areas)
    assert "r3" not in corridor.find_route(toy_graph, "west", "east", scenario=passenger).roads


def test_overlay_and_model_honour_areas(tmp_path: Path, toy_graph: nx.MultiDiGraph) -> None:
    areas = read_avoid_areas(write_areas(tmp_path / "a.geojson", {"coordinates": NORTH}))
    overlay = build_overlay(toy_graph)
    data = corridor.dataset_of(toy_graph)
    for weight in ("distance", "time"):
        s = corridor.Scenario(as_of=DAY, avoid_areas=areas, weight=weight)
        route = corridor.find_route(toy_graph, "west", "east", scenario=s)
        assert overlay_route(overlay, "west", "east", scenario=s).path == route.path
        q = oracle.Query("west", "east", DAY, weight=weight, areas=areas)
        model = oracle.route(data, q)
        assert model is not None and model.crossings == route.crossings
        matrix = distance_matrix(overlay, s)
        i, j = overlay.place_index("west"), overlay.place_index("east")
        expected = route.distance_km * 1000 if weight == "distance" else route.time_h * 3600
        assert matrix[i, j] == pytest.approx(expected)
    assert overlay.blocked == frozenset()  # the shared overlay is never changed


def test_blocked_trip_names_the_area(tmp_path: Path, toy_dir: Path, capsys: Any) -> None:
    file = write_areas(
        tmp_path / "a.geojson",
        {"coordinates": NORTH, "properties": {"name": "north zone"}},
        {"coordinates": SOUTH, "properties": {"name": "south zone"}},
    )
    args = ["--data", str(toy_dir), "--as-of", "2025-07-01", "--avoid-area", str(file)]
    args += ["--avoid-country", "JO"]
    code, out, _ = run(capsys, "route", "Westville", "Eastburg", *args)
    assert code == 1
    assert "blocked by area 'north zone'" in out
    code, out, _ = run(capsys, "combos", "Westville", "Eastburg", *args, "--format", "json")
    assert code == 0 and all(o["route"] is None for o in json.loads(out))
    code, out, _ = run(capsys, "compare", "Westville", "Eastburg", *args, "--close", "sy-jo")
    assert code == 1 and "avoiding area 'north zone', 'south zone'" in out
    code, out, _ = run(capsys, "impact", *args, "--format", "json")
    assert code == 0 and json.loads(out)["scenario"]["avoid_areas"] == ["north zone", "south zone"]


@pytest.mark.parametrize(
    ("feature", "expected"),
    [
        ({"coordinates": NORTH, "properties": {"valid_from": "July"}}, "feature 1"),
        ({"coordinates": NORTH, "properties": {"mode": "boats"}}, "mode"),
        (
            {
                "coordinates": NORTH,
                "properties": {"valid_from": "2025-02-01", "valid_to": "2025-01-01"},
            },
            "valid_to",
        ),
        (
            {"coordinates": [[[41, 34], [42, 35], [42, 34], [41, 35], [41, 34]]]},
            "not a valid polygon",
        ),
        ({"coordinates": [[[41, 34]]]}, "geometry"),
    ],
)
def test_bad_area_files_are_one_line_errors(
    tmp_path: Path, toy_dir: Path, capsys: Any, feature: dict[str, Any], expected: str
) -> None:
    file = write_areas(tmp_path / "bad.geojson", feature)
    with pytest.raises(DataError, match=expected):
        read_avoid_areas(file)
    code, out, err = run(
        capsys, "route", "west", "east", "--data", str(toy_dir), "--avoid-area", str(file)
    )
    assert code == 2 and not out and len(err.strip().splitlines()) == 1 and str(file) in err


def test_an_output_never_replaces_the_area_file(tmp_path: Path, toy_dir: Path, capsys: Any) -> None:
    file = write_areas(tmp_path / "a.geojson", {"coordinates": NORTH})
    before = file.read_bytes()
    code, _, err = run(
        capsys, "route", "west", "east", "--data", str(toy_dir), "--avoid-area", str(file),
        "--map", str(file),
    )  # fmt: skip
    assert code == 2 and "--map" in err and file.read_bytes() == before
