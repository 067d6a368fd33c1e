"""The command-line contract: output formats, exit codes and bad input."""

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from corridor.cli import main
from geodata import load_dataset
from tests import oracle
from tests.oracle import Query


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


CLI = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], toy_dir: Path) -> CLI:
    def call(*args: str) -> tuple[int, str, str]:
        return run(capsys, *args, "--data", str(toy_dir))

    return call


ROUTE_KEYS = {
    "origin",
    "destination",
    "distance_km",
    "time_h",
    "crossings",
    "countries",
    "path",
    "legs",
    "scenario",
}


def test_route_json_contract(cli: CLI) -> None:
    code, out, _ = cli(
        "route", "Westville", "Eastburg", "--as-of", "2020-01-01", "--format", "json"
    )
    assert code == 0
    data = json.loads(out)
    assert set(data) >= ROUTE_KEYS
    assert data["crossings"] == ["north"] and data["countries"] == ["SY", "IQ"]
    assert data["path"] == ["west", "north-gate", "north", "east"]
    assert {"ref", "from", "to", "distance_km"} <= set(data["legs"][0])
    assert data["scenario"]["as_of"] == "2020-01-01" and data["scenario"]["mode"] == "freight"


def test_route_table_says_why_it_detours(cli: CLI) -> None:
    code, out, _ = cli("route", "west", "east", "--as-of", "2020-01-01", "--close", "north")
    assert code == 0
    assert "Westville -> Eastburg" in out and "South crossing" in out
    assert "North crossing (north) is closed by the scenario" in out


def test_route_by_time_and_mode(cli: CLI) -> None:
    code, out, _ = cli(
        "route",
        "west",
        "east",
        "--as-of",
        "2025-07-01",
        "--mode",
        "passenger",
        "--by",
        "time",
        "--format",
        "json",
    )
    data = json.loads(out)
    assert code == 0 and data["crossings"] == ["south"]
    assert data["scenario"]["weight"] == "time" and data["scenario"]["mode"] == "passenger"


def test_route_geojson(cli: CLI) -> None:
    code, out, _ = cli("route", "west", "east", "--as-of", "2020-01-01", "--format", "geojson")
    feature = json.loads(out)["features"][0]
    assert code == 0 and feature["geometry"]["type"] == "LineString"
    assert feature["geometry"]["coordinates"][0] == [36.0, 34.0]


def test_no_route_exit_1(cli: CLI) -> None:
    code, out, _ = cli(
        "route",
        "west",
        "east",
        "--as-of",
        "2020-01-01",
        "--close",
        "north",
        "--close",
        "south",
        "--close",
        "jo-iq",
        "--format",
        "json",
    )
    data = json.loads(out)
    assert code == 1 and data["route"] is None and "jo-iq" in data["reason"]


def test_compare_json_contract(cli: CLI, toy_dir: Path) -> None:
    code, out, _ = cli(
        "compare", "west", "east", "--as-of", "2020-01-01", "--close", "north", "--format", "json"
    )
    data = json.loads(out)
    assert code == 0
    assert set(data["baseline"]) >= ROUTE_KEYS
    scenario = data["scenarios"][0]
    assert ROUTE_KEYS | {"delta_km", "delta_pct"} <= set(scenario)
    # Independent figures: the reference model's distances of the two routes.
    toy = load_dataset(toy_dir)
    day = dt.date(2020, 1, 1)
    north = oracle.route(toy, Query("west", "east", day))
    south = oracle.route(toy, Query("west", "east", day, closed=frozenset({"north"})))
    assert north is not None and south is not None and south.crossings == ("south",)
    assert data["baseline"]["distance_km"] == pytest.approx(north.distance_km, abs=0.05)
    assert scenario["delta_km"] == pytest.approx(south.distance_km - north.distance_km, abs=0.1)
    assert scenario["delta_pct"] == pytest.approx(
        100 * (south.distance_km / north.distance_km - 1), abs=0.05
    )


def test_compare_table_no_route(cli: CLI) -> None:
    code, out, _ = cli(
        "compare",
        "west",
        "east",
        "--as-of",
        "2020-01-01",
        "--close",
        "north",
        "--close",
        "south",
        "--close",
        "sy-jo",
    )
    assert code == 1
    assert "baseline" in out and "no route" in out


def test_crossings_json(cli: CLI) -> None:
    code, out, _ = cli("crossings", "--as-of", "2025-03-01", "--format", "json")
    rows = {r["id"]: r for r in json.loads(out)}
    assert code == 0
    assert rows["north"]["status"] == "closed" and rows["north"]["since"] == "2024-12-08"
    assert rows["north"]["countries"] == ["SY", "IQ"]
    assert rows["south"]["status"] == "restricted"
    assert rows["north"]["source"] == "https://example.org/source"


def test_crossings_before_any_event_are_unknown(cli: CLI) -> None:
    _, out, _ = cli("crossings", "--as-of", "2000-01-01", "--format", "json")
    assert {r["status"] for r in json.loads(out)} == {"unknown"}


def test_places_json(cli: CLI) -> None:
    code, out, _ = cli("places", "--format", "json")
    west = next(p for p in json.loads(out) if p["id"] == "west")
    assert code == 0
    assert west == {
        "id": "west",
        "name": "Westville",
        "name_ar": "ويستفيل",
        "aliases": ["West Town", "Al-Gharb"],
        "country": "SY",
        "lat": 34.0,
        "lon": 36.0,
        "kind": "capital",
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("route", "Westvile", "east"), "unknown place 'Westvile'; did you mean Westville?"),
        (
            ("route", "west", "east", "--close", "nort"),
            "unknown crossing 'nort'; did you mean North crossing?",
        ),
        (
            ("route", "west", "east", "--close", "zzz"),
            "unknown crossing 'zzz'; valid ids: jo-iq, north, south, sy-jo",
        ),
        (("route", "west", "east", "--avoid-country", "XX"), "unknown country 'XX'"),
        (("compare", "west", "east"), "compare needs at least one --close"),
    ],
)
def test_bad_input_exit_2_one_line(cli: CLI, args: tuple[str, ...], message: str) -> None:
    code, out, err = cli(*args)
    assert code == 2 and out == ""
    assert err.strip() == f"corridor: error: {message}" or err.startswith(
        f"corridor: error: {message}"
    )
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--as-of", "2025-02-30"), "invalid date '2025-02-30'; use YYYY-MM-DD"),
        (("--mode", "camel"), "invalid choice: 'camel' (choose from 'freight', 'passenger')"),
        (("--by", "beauty"), "invalid choice: 'beauty'"),
    ],
)
def test_bad_option_values(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["route", "west", "east", *args])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert message in err and err.startswith("corridor: error:") and len(err.splitlines()) == 1


def test_unwritable_map_path(cli: CLI, tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder")
    target = blocker / "map.html"
    code, _, err = cli("route", "west", "east", "--map", str(target))
    assert code == 2 and "cannot write" in err and "does not exist" in err
    assert not target.exists()
    code, _, err = cli("route", "west", "east", "--map", str(tmp_path / "missing" / "m.html"))
    assert code == 2 and "folder" in err and not (tmp_path / "missing").exists()


def test_map_written_atomically(cli: CLI, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "m.html"
    code, _, err = cli("route", "west", "east", "--as-of", "2020-01-01", "--map", str(target))
    assert code == 0 and f"Map written to {target}" in err
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in target.parent.iterdir()] == ["m.html"]  # no temp file left


def test_bad_dataset_is_reported_not_raised(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, toy_dir: Path
) -> None:
    (toy_dir / "places.csv").write_text("id,name\nx,y\n")
    code, _, err = run(capsys, "places", "--data", str(toy_dir))
    assert code == 2 and "missing column(s)" in err and "Traceback" not in err


def test_module_and_console_script_agree(toy_dir: Path) -> None:
    args = [
        "route",
        "west",
        "east",
        "--as-of",
        "2020-01-01",
        "--format",
        "json",
        "--data",
        str(toy_dir),
    ]
    module = subprocess.run(
        [sys.executable, "-m", "corridor", *args], capture_output=True, text=True, check=True
    )
    script = Path(sys.executable).with_name("corridor")
    console = subprocess.run([str(script), *args], capture_output=True, text=True, check=True)
    assert json.loads(module.stdout) == json.loads(console.stdout)
    bad = subprocess.run(
        [sys.executable, "-m", "corridor", "route", "Westvile", "east", "--data", str(toy_dir)],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_compare_named_scenarios_markdown_and_csv(cli: CLI) -> None:
    args = (
        "compare",
        "west",
        "east",
        "--as-of",
        "2020-01-01",
        "--close",
        "north",
        "--scenario",
        "jordan only: close=north,south",
    )
    code, out, _ = cli(*args, "--format", "markdown")
    lines = out.strip().splitlines()
    assert code == 0
    assert lines[0] == "Westville -> Eastburg: freight, by distance, status as of 2020-01-01"
    assert lines[2] == "date: 2020-01-01; mode: freight; weight: distance"
    assert lines[4].startswith("| scenario | km | hours | change_km | change_pct |")
    assert lines[6].startswith("| baseline |") and lines[7].startswith("| North crossing closed |")
    assert lines[8].startswith("| jordan only |") and "Syria-Jordan crossing" in lines[8]
    code, out, _ = cli(*args, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["scenario"] for r in rows] == ["baseline", "North crossing closed", "jordan only"]
    for row in rows:  # numbers, each inside its range
        assert float(row["km_low"]) <= float(row["km"]) <= float(row["km_high"])
        assert float(row["hours_low"]) <= float(row["hours"]) <= float(row["hours_high"])
    detour = rows[1]
    low, high = float(detour["change_km_low"]), float(detour["change_km_high"])
    assert low <= float(detour["change_km"]) <= high
    assert detour["within_uncertainty"] == str(low <= 0 <= high)


@pytest.mark.parametrize(
    "spec", ["no colon close=north", "x: shut=north", "x:", "x: close=nowhere"]
)
def test_bad_named_scenario(cli: CLI, spec: str) -> None:
    code, _, err = cli("compare", "west", "east", "--scenario", spec)
    assert code == 2 and err.startswith("corridor: error: ") and len(err.splitlines()) == 1


def test_combos_table_and_json(cli: CLI) -> None:
    code, out, _ = cli("combos", "west", "east", "--as-of", "2020-01-01", "--format", "json")
    outcomes = json.loads(out)
    assert code == 0
    assert sum(o["combinations"] for o in outcomes) == 16
    assert outcomes[0]["crossings"] == ["north"] and outcomes[0]["always_open"] == ["north"]
    assert outcomes[-1]["route"] is None
    code, out, _ = cli(
        "combos", "west", "east", "--crossings", "north,south", "--as-of", "2020-01-01"
    )
    assert code == 0 and "4 combinations of 2 crossings" in out and "no route" not in out


def test_route_alternatives(cli: CLI) -> None:
    code, out, _ = cli(
        "route", "west", "east", "--as-of", "2020-01-01", "--alternatives", "2", "--format", "json"
    )
    routes = json.loads(out)
    assert code == 0 and [r["crossings"] for r in routes] == [["north"], ["south"]]
    code, out, _ = cli("route", "west", "east", "--as-of", "2020-01-01", "--alternatives", "3")
    assert code == 0 and "3 distinct routes Westville -> Eastburg" in out
    code, _, err = cli("route", "west", "east", "--alternatives", "0")
    assert code == 2 and "at least 1" in err


def test_combos_and_impact_take_route_options(cli: CLI, tmp_path: Path) -> None:
    target = tmp_path / "combos.html"
    code, out, _ = cli(
        "combos",
        "west",
        "east",
        "--as-of",
        "2020-01-01",
        "--crossings",
        "south",
        "--close",
        "north",
        "--map",
        str(target),
        "--format",
        "json",
    )
    outcomes = json.loads(out)
    assert code == 0 and [o["crossings"] for o in outcomes] == [["south"], ["sy-jo", "jo-iq"]]
    assert "via South crossing" in target.read_text(encoding="utf-8")
    code, out, _ = cli("impact", "--as-of", "2020-01-01", "--close", "north", "--format", "json")
    north = next(r for r in json.loads(out)["crossings"] if r["crossing"] == "north")
    assert code == 0 and north["added_km_total"] == 0  # already closed: closing it changes nothing


def test_map_command_and_pictures(cli: CLI, tmp_path: Path) -> None:
    html, png = tmp_path / "whatif.html", tmp_path / "region.png"
    code, _, err = cli("map", "--out", str(html), "--png", str(png), "--places", "west,east")
    assert code == 0 and "Map written" in err and "Picture written" in err
    text = html.read_text(encoding="utf-8")
    assert 'id="corridor-origin"' in text and "corridorWhatIf.start" in text
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    route_png = tmp_path / "route.png"
    code, _, _ = cli("route", "west", "east", "--as-of", "2020-01-01", "--png", str(route_png))
    assert code == 0 and route_png.stat().st_size > 10_000
    code, _, err = cli("map", "--out", str(html), "--places", "west")
    assert code == 2 and "at least two places" in err
    code, _, err = cli("map", "--out", str(tmp_path / "nope" / "m.html"))
    assert code == 2 and "does not exist" in err


def test_a_date_beyond_the_last_event_is_said(cli: CLI) -> None:
    code, out, err = cli("route", "west", "east", "--as-of", "2100-01-01", "--format", "json")
    assert code == 0 and json.loads(out)["scenario"]["as_of"] == "2100-01-01"
    assert err.strip() == (
        "corridor: warning: 2100-01-01 is in the future; crossings keep their last recorded "
        "status (the newest event is dated 2025-06-10)"
    )
    code, _, err = cli("route", "west", "east", "--as-of", "2020-01-01")
    assert code == 0 and "warning" not in err


def test_programming_errors_keep_their_traceback(
    monkeypatch: pytest.MonkeyPatch, toy_dir: Path
) -> None:
    from corridor.cli import trips

    def broken(*_: object, **__: object) -> None:
        raise ValueError("a bug, not bad input")

    monkeypatch.setattr(trips, "evaluate", broken)
    with pytest.raises(ValueError, match="a bug, not bad input"):
        main(["route", "west", "east", "--data", str(toy_dir)])


def test_avoid_country_changes_the_route(cli: CLI) -> None:
    shut = ("--as-of", "2020-01-01", "--close", "north", "--close", "south", "--format", "json")
    code, out, _ = cli("route", "west", "east", *shut)
    assert code == 0 and json.loads(out)["countries"] == ["SY", "JO", "IQ"]
    code, out, _ = cli("route", "west", "east", *shut, "--avoid-country", "JO")
    assert code == 1 and "avoiding JO" in json.loads(out)["reason"]
    code, out, _ = cli("route", "west", "amman-ish", *shut, "--avoid-country", "JO")
    assert code == 0 and json.loads(out)["countries"] == ["SY", "JO"]  # its own country


def test_a_crossing_is_a_trip_end_reached_not_crossed(cli: CLI) -> None:
    for args in (("west", "north"), ("Westville", "North crossing"), ("north", "east")):
        code, out, _ = cli("route", *args, "--as-of", "2020-01-01", "--format", "json")
        record = json.loads(out)
        assert code == 0 and record["crossings"] == [] and record["border_delay_h"] == 0, args
        assert "north" in (record["origin"], record["destination"])
    # North is closed on 2025-01-01, but a trip to it may still reach its Iraqi side.
    code, out, _ = cli("route", "east", "north", "--as-of", "2025-01-01", "--format", "json")
    assert code == 0 and json.loads(out)["countries"] == ["IQ"]


def test_combinations_between_places_only_say_so(cli: CLI) -> None:
    code, _, err = cli("combos", "west", "north")
    assert code == 2 and len(err.splitlines()) == 1
    assert "'north' is a junction or a crossing" in err and "'corridor route'" in err


def test_a_sweep_answers_the_same_on_a_small_memory_budget(cli: CLI) -> None:
    trip = ("combos", "west", "east", "--as-of", "2025-03-01", "--format", "json")
    code, roomy, _ = cli(*trip)
    assert code == 0
    assert cli(*trip, "--memory", "16MB")[:2] == (0, roomy)
    code, ranked, _ = cli("impact", "--format", "json")
    assert code == 0 and cli("impact", "--format", "json", "--memory", "0.02GB")[:2] == (0, ranked)


@pytest.mark.parametrize("size", ["2XB", "lots", "1MB", "-5GB"])
def test_a_bad_memory_budget_is_one_line(cli: CLI, size: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli("impact", "--memory", size)
    assert exit_.value.code == 2
