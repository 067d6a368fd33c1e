import datetime as dt
import json
from pathlib import Path

import networkx as nx
import pytest

from corridor import NoRouteError, Scenario, find_route
from corridor.cli import main
from corridor.impact import default_pairs, impact
from corridor.routing import build_overlay

BEFORE = Scenario(as_of=dt.date(2020, 1, 1))


def km(graph: nx.MultiDiGraph, o: str, d: str, scenario: Scenario) -> float | None:
    try:
        return find_route(graph, o, d, scenario=scenario).distance_km
    except NoRouteError:
        return None


def test_impact_equals_closing_each_crossing_by_hand(toy_graph: nx.MultiDiGraph) -> None:
    overlay = build_overlay(toy_graph)
    pairs = default_pairs(overlay)
    assert {(o, d) for o, d, _ in pairs} == {
        ("west", "east"),
        ("east", "west"),
        ("west", "amman-ish"),
        ("amman-ish", "west"),
        ("east", "amman-ish"),
        ("amman-ish", "east"),
    }
    impacts, exposure = impact(overlay, pairs, scenario=BEFORE)
    by_id = {i.crossing: i for i in impacts}
    for crossing, result in by_id.items():
        closed = BEFORE.with_changes(close=[crossing])
        added = 0.0
        for o, d, _ in pairs:
            before, after = km(toy_graph, o, d, BEFORE), km(toy_graph, o, d, closed)
            if before is not None and after is not None:
                added += after - before
        assert result.added_km_total == pytest.approx(added, rel=1e-9)
    assert impacts[0].added_km_total == max(i.added_km_total for i in impacts)
    assert {e.place for e in exposure} == {"west", "east", "amman-ish"}


def test_weights_and_between(
    capsys: pytest.CaptureFixture[str], toy_dir: Path, tmp_path: Path
) -> None:
    weights = tmp_path / "w.csv"
    weights.write_text("place,weight\nwest,2\neast,3\n")
    assert (
        main(
            [
                "impact",
                "--as-of",
                "2020-01-01",
                "--between",
                "SY,IQ",
                "--weights",
                str(weights),
                "--format",
                "json",
                "--data",
                str(toy_dir),
            ]
        )
        == 0
    )
    result = json.loads(capsys.readouterr().out)
    assert result["pairs"] == 2
    north = next(r for r in result["crossings"] if r["crossing"] == "north")
    unweighted = main(
        [
            "impact",
            "--as-of",
            "2020-01-01",
            "--between",
            "SY,IQ",
            "--format",
            "json",
            "--data",
            str(toy_dir),
        ]
    )
    plain = json.loads(capsys.readouterr().out)
    plain_north = next(r for r in plain["crossings"] if r["crossing"] == "north")
    assert unweighted == 0
    assert north["added_km_total"] == pytest.approx(6 * plain_north["added_km_total"], abs=0.5)


def test_impact_geojson_and_bad_pairs(
    capsys: pytest.CaptureFixture[str], toy_dir: Path, tmp_path: Path
) -> None:
    assert (
        main(["impact", "--format", "geojson", "--as-of", "2020-01-01", "--data", str(toy_dir)])
        == 0
    )
    features = json.loads(capsys.readouterr().out)["features"]
    assert {f["properties"]["crossing"] for f in features} == {"north", "south", "sy-jo", "jo-iq"}
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("origin,destination,weight\nwest,east,heavy\n")
    assert main(["impact", "--pairs", str(pairs), "--data", str(toy_dir)]) == 2
    assert "pairs.csv: line 2: field 'weight': must be a number" in capsys.readouterr().err


def test_impact_of_no_trips_is_nothing(toy_graph: nx.MultiDiGraph) -> None:
    impacts, exposures = impact(build_overlay(toy_graph), [], scenario=Scenario())
    assert exposures == []
    assert {i.crossing for i in impacts} == {"north", "south", "sy-jo", "jo-iq"}
    for i in impacts:
        assert (i.pairs_cut, i.affected_pairs, i.added_km_total, i.added_h_mean) == (0, 0, 0, 0)
        assert i.worst_detour_ratio == 1.0
