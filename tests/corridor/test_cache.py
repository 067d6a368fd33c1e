"""Build once, answer fast: cached datasets, graphs and overlays, never stale or trusted blindly."""

import ast
import gc
import json
import os
import pickle
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from shapely.geometry import LineString, Polygon

import corridor.cache
import corridor.graph
import geodata.load
from corridor import build_graph
from corridor.cache import GRAPH_CODE, load_network, network_overlay
from corridor.cli import main
from corridor.fidelity import check_references
from corridor.routing import Route, Trip, onlegs
from corridor.routing.overlay import Overlay
from geodata import Dataset, cache, pickling
from geodata.keys import CHECKS
from geodata.records import ReferenceDistance


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CORRIDOR_CACHE_DIR", str(folder))
    return folder


def never_read(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("the dataset was read again")

    monkeypatch.setattr(geodata.load, "read_dataset", fail)


def entries(folder: Path, kind: str) -> list[Path]:
    return sorted((folder / kind).glob("*.pickle"))


def test_a_second_load_comes_from_the_cache(
    own_cache: Path, toy_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dataset, graph = load_network(toy_dir)
    assert len(entries(own_cache, "graphs")) == 1
    never_read(monkeypatch)
    again, cached = load_network(toy_dir)
    assert again.places == dataset.places and again.files == dataset.files
    assert sorted(cached.edges(keys=True)) == sorted(graph.edges(keys=True))


def test_an_edited_file_is_never_answered_from_the_cache(own_cache: Path, toy_dir: Path) -> None:
    _, graph = load_network(toy_dir)
    places = toy_dir / "places.csv"
    places.write_text(places.read_text().replace("Westville", "Westtown"), encoding="utf-8")
    _, rebuilt = load_network(toy_dir)
    assert (
        graph.nodes["west"]["name"] == "Westville" and rebuilt.nodes["west"]["name"] == "Westtown"
    )
    assert len(entries(own_cache, "graphs")) == 2


def test_a_copy_elsewhere_gets_its_own_paths(
    own_cache: Path, toy_dir: Path, tmp_path: Path
) -> None:
    load_network(toy_dir)
    copy = shutil.copytree(toy_dir, tmp_path / "copy")
    dataset, _ = load_network(copy)
    assert all(path.is_relative_to(copy) for path in dataset.files)  # the output guard needs them


@pytest.mark.parametrize("damage", ["flip a byte", "truncate", "garbage", "empty"])
def test_a_damaged_entry_is_rebuilt_not_used(
    own_cache: Path, toy_dir: Path, damage: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_network(toy_dir)
    (entry,) = entries(own_cache, "graphs")
    data = entry.read_bytes()
    broken = {
        "flip a byte": data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:],
        "truncate": data[: len(data) // 2],
        "garbage": b"\x80\x05not a pickle at all",
        "empty": b"",
    }[damage]
    entry.write_bytes(broken)
    _, graph = load_network(toy_dir)
    assert graph.nodes["west"]["name"] == "Westville"
    assert entry.read_bytes() != broken  # rebuilt and stored again


def test_a_pickle_with_a_right_checksum_but_wrong_content_is_not_used(
    own_cache: Path, toy_dir: Path
) -> None:
    load_network(toy_dir)
    (entry,) = entries(own_cache, "graphs")
    key = entry.name.split("-")[0]
    cache.store("graphs", key, {"not": "a graph"})
    _, graph = load_network(toy_dir)
    assert graph.number_of_nodes() > 0


def test_a_cache_others_may_write_to_is_not_used(own_cache: Path, toy_dir: Path) -> None:
    load_network(toy_dir)
    folder = own_cache / "graphs"
    os.chmod(folder, 0o777)
    (entry,) = entries(own_cache, "graphs")
    assert cache.fetch("graphs", entry.name.split("-")[0]) is None
    assert entry.exists()  # left alone: not ours to judge


def test_no_cache_neither_reads_nor_writes_it(
    own_cache: Path, toy_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["route", "west", "east", "--data", str(toy_dir), "--as-of", "2020-01-01"]
    assert main([*args, "--no-cache", "--format", "json"]) == 0
    assert not own_cache.exists()
    assert main([*args, "--format", "json"]) == 0
    assert len(entries(own_cache, "graphs")) == 1
    capsys.readouterr()


def test_the_overlay_is_cached_with_its_graph(own_cache: Path, toy_dir: Path) -> None:
    _, graph = load_network(toy_dir)
    built = network_overlay(graph)
    assert len(entries(own_cache, "overlays")) == 1
    _, again = load_network(toy_dir)
    cached = network_overlay(again)
    assert cached.graph is again
    for cost, legs in built.legs.items():
        np.testing.assert_array_equal(cached.legs[cost].pc, legs.pc)
        np.testing.assert_array_equal(cached.legs[cost].cc, legs.cc)


def test_cache_info_and_clear(
    own_cache: Path, toy_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    load_network(toy_dir)
    assert main(["cache", "info"]) == 0
    assert str(own_cache) in capsys.readouterr().out
    assert main(["cache", "clear"]) == 0
    assert "removed" in capsys.readouterr().out
    assert entries(own_cache, "graphs") == [] and entries(own_cache, "datasets") == []


def test_a_route_loads_no_heavy_library(tmp_path: Path) -> None:
    # Run twice: building the cache, then answering from it.
    code = (
        "import sys, corridor.cli, contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    corridor.cli.main(['route', 'Damascus', 'Baghdad', '--as-of', '2025-07-01'])\n"
        "heavy = ('scipy', 'pandas', 'geopandas', 'folium', 'matplotlib', 'pyarrow', 'branca')\n"
        "print(__import__('json').dumps([m for m in heavy if m in sys.modules]))\n"
    )
    env = {**os.environ, "CORRIDOR_CACHE_DIR": str(tmp_path / "cache")}
    for _ in range(2):
        run = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        assert json.loads(run.stdout) == []


def test_geometries_are_pickled_side_by_side_and_come_back_as_they_were() -> None:
    line = LineString([(36.3, 33.5), (38.7, 34.6), (40.9, 34.4)])
    area = Polygon([(40, 34), (41, 34), (41, 35), (40, 34)])
    value = {"roads": [line, line, area], "name": "كم", "length_m": 1.5, "none": None}
    back = pickling.loads(pickling.dumps(value))
    assert isinstance(back, dict)
    assert back["roads"][0].equals_exact(line, 0) and back["roads"][2].equals_exact(area, 0)
    assert back["roads"][0] is back["roads"][1]  # one geometry twice stays one
    assert {k: back[k] for k in ("name", "length_m", "none")} == {
        "name": "كم",
        "length_m": 1.5,
        "none": None,
    }
    # Read as a plain pickle, a set-aside geometry refuses to stand for anything.
    _, payload = pickle.loads(pickling.dumps([line]))
    with pytest.raises(pickle.UnpicklingError, match=r"geodata\.pickling\.loads"):
        pickle.loads(payload)


AVOID = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"name": "Anbar west"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [
                    [[40.6, 34.0], [41.6, 34.0], [41.6, 34.7], [40.6, 34.7], [40.6, 34.0]]
                ],
            },
        }
    ],
}


def test_a_big_network_routes_on_the_overlay_and_says_the_same(
    own_cache: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    area = tmp_path / "avoid.geojson"
    area.write_text(json.dumps(AVOID), encoding="utf-8")
    day = ["--as-of", "2025-07-01"]
    iraq = ("al-qaim", "al-walid", "rabia", "trebil", "ibrahim-khalil", "faysh-khabur")
    shut = [flag for crossing in iraq for flag in ("--close", crossing)]
    commands = [
        ["route", "Damascus", "Baghdad", *day],
        ["route", "Damascus", "Baghdad", *day, "--format", "json"],
        ["route", "Amman", "al-qaim", *day, "--by", "time"],
        ["route", "Damascus", "Baghdad", *day, "--avoid-area", str(area)],
        ["route", "Damascus", "Baghdad", *day, *shut],  # no route: the reason, on the graph
        ["compare", "Damascus", "Baghdad", *day, "--close", "al-qaim", "--format", "json"],
        ["compare", "Homs", "Mosul", "--dates", "2019-01-01,2025-07-01", "--format", "json"],
    ]

    used: list[int] = []

    def answers() -> list[tuple[int, str, str, bool]]:
        said = []
        for args in commands:
            before = len(used)
            code = main(args)
            said.append((code, *capsys.readouterr(), len(used) > before))
        return said

    on_graph = answers()
    on_legs = onlegs.route_on_overlay

    def counted(overlay: Overlay, trip: Trip) -> Route:
        used.append(1)
        return on_legs(overlay, trip)

    monkeypatch.setattr(onlegs, "route_on_overlay", counted)
    monkeypatch.setattr(corridor.cache, "BIG_NETWORK_ROADS", 0)  # every network counts as big
    on_legs_said = answers()
    assert [said[:3] for said in on_legs_said] == [said[:3] for said in on_graph]
    # Every trip took the legs, the one that ends at a crossing too.
    assert all(said[3] for said in on_legs_said)
    assert not any(said[3] for said in on_graph)


def test_every_module_that_shapes_a_graph_is_in_its_key() -> None:
    # An edit to any of them must rebuild cached graphs, never answer from an old one.
    tree = ast.parse(Path(corridor.graph.__file__ or "").read_text(encoding="utf-8"))
    ours = {
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        and node.module
        and node.module.split(".")[0] in ("corridor", "geodata")
    }
    plain = {"geodata", "corridor.errors", "geodata.errors"}  # names and errors: no figures
    assert ours - plain <= set(GRAPH_CODE) | set(CHECKS), ours - plain - set(GRAPH_CODE)


def test_loading_from_the_cache_freezes_nothing_of_the_callers(
    own_cache: Path, toy_dir: Path
) -> None:
    # Only the command line, which ends with its command, freezes what it loaded.
    load_network(toy_dir)
    frozen = gc.get_freeze_count()
    load_network(toy_dir)  # from the cache
    assert gc.get_freeze_count() == frozen


def test_a_reference_between_countries_with_no_common_border_is_measured(
    bundled: Dataset,
) -> None:
    trip = ReferenceDistance("amman", "beirut", 260.0, "road", "via Syria", "q-test")
    graph = build_graph(replace(bundled, references=(trip,)))
    (check,) = check_references(graph)
    assert check.model_km is not None and check.model_km > 200
