"""``corridor import osm``, and every command on what it writes (tests/geodata/osm_extracts.py)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from corridor.cli import main
from geodata import bundled_data_dir, load_dataset
from geodata.keys import dataset_key
from geodata.schema import IMPORT_REPORT
from tests.geodata.osm_extracts import UNMATCHED_POST, write_extract

AS_OF = "2025-07-01"  # al-qaim open (reopened 2025-06-14)
NEW = f"osm-{UNMATCHED_POST}"


@pytest.fixture(scope="module")
def extract(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_extract(tmp_path_factory.mktemp("osm") / "qaim.osm.pbf")


@pytest.fixture(scope="module")
def imported(extract: Path) -> Path:
    out = extract.parent / "imported"
    assert main(["import", "osm", str(extract), "--out", str(out), "--towns"]) == 0
    return out


def _route(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    capsys.readouterr()
    code = main(["route", *args, "--as-of", AS_OF, "--format", "json"])
    out = capsys.readouterr().out
    return code, json.loads(out) if code == 0 else {}


def test_the_import_is_a_dataset_every_command_takes(
    imported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {p.name for p in imported.iterdir()}
    assert {"roads.parquet", "junctions.parquet", IMPORT_REPORT, "countries.geojson"} <= files
    assert "roads.geojson" not in files
    assert not [p for p in imported.parent.iterdir() if p.name.startswith(".")]  # no scratch
    assert main(["validate", "--data", str(imported)]) == 0
    assert capsys.readouterr().out.startswith(f"ok: {imported}")
    assert main(["crossings", "--history", "al-qaim", "--data", str(imported)]) == 0
    history = capsys.readouterr().out
    assert "2019-09-30" in history and "2025-06-14" in history
    assert main(["places", "--format", "json", "--data", str(imported)]) == 0
    assert "Deir ez-Zor" in capsys.readouterr().out


def test_route_on_the_import_uses_the_curated_names_ids_and_timelines(
    imported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, route = _route(capsys, "Deir ez-Zor", "Ramadi", "--data", str(imported))
    assert code == 0
    assert route["origin"] == "deir-ez-zor" and route["destination"] == "ramadi"
    assert route["crossings"] == ["al-qaim"]
    # Closed, the only other crossing has no status (unknown): no route.
    code, _ = _route(capsys, "Deir ez-Zor", "Ramadi", "--data", str(imported), "--close", "al-qaim")
    assert code == 1
    # Forced open, the desert post carries the trip, and it is longer.
    code, detour = _route(
        capsys,
        "Deir ez-Zor",
        "Ramadi",
        "--data",
        str(imported),
        "--close",
        "al-qaim",
        "--open",
        NEW,
    )
    assert code == 0
    assert detour["crossings"] == [NEW]
    assert detour["distance_km"] > route["distance_km"]


def test_routes_respect_one_way_roads(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, east = _route(capsys, "Ramadi", "Baghdad", "--data", str(imported))
    _, west = _route(capsys, "Baghdad", "Ramadi", "--data", str(imported))
    refs = {name: {leg["ref"] for leg in r["legs"]} for name, r in (("east", east), ("west", west))}
    assert "1" in refs["east"] and "10" not in refs["east"]  # the motorway, eastbound only
    assert refs["west"] == {"10"}  # the road back, drawn eastwards but tagged oneway=-1


def test_an_earlier_import_is_replaced_and_other_folders_are_not(
    extract: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "again"
    assert main(["import", "osm", str(extract), "--out", str(out)]) == 0
    before = dataset_key(out)
    assert main(["import", "osm", str(extract), "--out", str(out), "--highways", "trunk"]) == 2
    # The trunk road alone reaches no capital: refused, and the earlier import stays.
    assert "no capital of the curated dataset" in capsys.readouterr().err
    assert dataset_key(out) == before
    assert main(["import", "osm", str(extract), "--out", str(out), "--snap-km", "1"]) == 0
    assert dataset_key(out) != before  # the cache key follows roads.parquet and the rest
    assert load_dataset(out).places.keys() != load_dataset(bundled_data_dir()).places.keys()
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    assert main(["import", "osm", str(extract), "--out", str(tmp_path / "mine")]) == 2
    assert "not an earlier import" in capsys.readouterr().err
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me"


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("truncated", "cannot be read as an OpenStreetMap extract"),
        ("garbage", "cannot be read as an OpenStreetMap extract"),
        ("no-posts", "no border post"),
        ("highway", "unknown highway class 'footway'"),
        ("inside-curated", "lies inside the dataset folder"),
        ("input", "is an input of this run"),
        ("holds-input", "holds an input of this run"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    case: str, expected: str, extract: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / f"{case}.osm.pbf"
    out = tmp_path / "out"
    extra: list[str] = []
    if case == "truncated":
        bad.write_bytes(extract.read_bytes()[:-40])
    elif case == "garbage":
        bad.write_bytes(b"PK\x03\x04 a zip, not an extract")
    elif case == "no-posts":
        write_extract(bad, posts={})
    else:
        bad = extract
    if case == "highway":
        extra = ["--highways", "primary,footway"]
    elif case == "inside-curated":
        out = bundled_data_dir() / "imported"
    elif case == "input":
        out = extract
    elif case == "holds-input":
        out = extract.parent
    command = ["import", "osm", str(bad), "--out", str(out), *extra]
    if case in ("truncated", "garbage"):  # as a user sees it: one line, no traceback
        run = subprocess.run(
            [sys.executable, "-m", "corridor", *command], capture_output=True, text=True
        )
        code, err = run.returncode, run.stderr
    else:
        code, err = main(command), capsys.readouterr().err
    assert code == 2, err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("corridor: error: ") and expected in err
    assert not out.exists() or out in (extract, extract.parent)


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        ("garbage", "cannot be read as Parquet"),
        ("both", "keep one of them"),
        ("no-geo", "no GeoParquet 'geo' metadata"),
    ],
)
def test_a_damaged_import_is_refused_in_one_line(
    damage: str,
    expected: str,
    imported: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import pyarrow.parquet as pq

    copy = tmp_path / "copy"
    shutil.copytree(imported, copy)
    roads = copy / "roads.parquet"
    if damage == "garbage":
        roads.write_bytes(b"PAR1 but not really")
    elif damage == "both":
        (copy / "roads.geojson").write_text('{"type": "FeatureCollection", "features": []}')
    else:
        table = pq.read_table(roads)
        pq.write_table(table.replace_schema_metadata({}), roads)
    capsys.readouterr()
    assert main(["route", "Deir ez-Zor", "Ramadi", "--data", str(copy)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and expected in err and str(copy) in err
