"""The bad-input catalogue: every entry ends in one line on stderr, the right exit code, no
traceback, and nothing written.

Each case edits a fresh copy of the toy dataset (or writes a user file), runs one command as a
separate process (so nothing of the test harness can hide a traceback) and checks the outcome.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import write_dataset

Setup = Callable[[Path], object]
HEADER = "crossing,date,status,mode,direction,precision,note,source\n"


def replace_in(name: str, old: str, new: str) -> Setup:
    def edit(folder: Path) -> None:
        path = folder / "ds" / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def write_bytes(name: str, data: bytes) -> Setup:
    def edit(folder: Path) -> None:
        (folder / "ds" / name).write_bytes(data)

    return edit


def write_file(name: str, text: str) -> Setup:
    def edit(folder: Path) -> None:
        (folder / name).write_text(text, encoding="utf-8")

    return edit


def edit_roads(change: Callable[[dict[str, Any]], object]) -> Setup:
    def edit(folder: Path) -> None:
        path = folder / "ds" / "roads.geojson"
        collection = json.loads(path.read_text())
        change(collection)
        path.write_text(json.dumps(collection))

    return edit


def nothing(folder: Path) -> None:
    return None


@dataclass(frozen=True)
class Case:
    name: str
    args: tuple[str, ...]  # {d}: the dataset folder, {t}: the test folder
    setup: Setup = nothing
    code: int = 2
    message: str = ""


def _set_geometry(index: int, geometry: object) -> Callable[[dict[str, Any]], object]:
    return lambda c: c["features"][index].__setitem__("geometry", geometry)


ROUTE = ("route", "west", "east", "--data", "{d}", "--as-of", "2020-01-01")

CASES = [
    # Command-line arguments
    Case(
        "unknown place",
        ("route", "Westvile", "east", "--data", "{d}"),
        message="did you mean Westville?",
    ),
    Case(
        "unknown crossing", (*ROUTE, "--close", "zzz"), message="unknown crossing 'zzz'; valid ids"
    ),
    Case("empty crossing", (*ROUTE, "--close", ""), message="--close has an empty crossing name"),
    Case(
        "close and open",
        (*ROUTE, "--close", "north", "--open", "north"),
        message="both --close and --open",
    ),
    Case("unknown country", (*ROUTE, "--avoid-country", "XX"), message="unknown country 'XX'"),
    Case(
        "bad date",
        ("route", "west", "east", "--as-of", "2025-13-45"),
        message="invalid date '2025-13-45'",
    ),
    Case(
        "bad mode", ("route", "west", "east", "--mode", "camel"), message="invalid choice: 'camel'"
    ),
    Case("same place", ("route", "west", "Westville", "--data", "{d}"), message="same place"),
    Case("alternatives 0", (*ROUTE, "--alternatives", "0"), message="at least 1"),
    Case("compare nothing", ("compare", "west", "east", "--data", "{d}"), message="compare needs"),
    Case(
        "bad scenario",
        ("compare", "west", "east", "--data", "{d}", "--scenario", "x: shut=north"),
        message="invalid scenario",
    ),
    Case(
        "combos empty list",
        ("combos", "west", "east", "--data", "{d}", "--crossings", ""),
        message="--crossings has an empty crossing name",
    ),
    Case(
        "combos unknown",
        ("combos", "west", "east", "--data", "{d}", "--crossings", "north,zz"),
        message="unknown crossing 'zz'",
    ),
    Case(
        "between three",
        ("impact", "--data", "{d}", "--between", "SY,IQ,JO"),
        message="--between takes two country codes",
    ),
    Case(
        "map one place",
        ("map", "--out", "{t}/m.html", "--data", "{d}", "--places", "west"),
        message="at least two places",
    ),
    Case(
        "history unknown",
        ("crossings", "--history", "nowhere", "--data", "{d}"),
        message="unknown crossing 'nowhere'",
    ),
    Case(
        "no such data dir", ("places", "--data", "{t}/missing"), message="not a dataset directory"
    ),
    Case(
        "missing map folder",
        (*ROUTE, "--map", "{t}/no/such/m.html"),
        message="folder {t}/no/such does not exist",
    ),
    Case("map is a folder", (*ROUTE, "--map", "{t}"), message="it is a folder"),
    Case(
        "gpkg unwritable",
        ("export", "/proc/x.gpkg", "--data", "{d}"),
        message="cannot write /proc/x.gpkg",
    ),
    # --status overlays
    Case(
        "missing overlay",
        (*ROUTE, "--status", "{t}/nope.csv"),
        message="nope.csv: file not found; check the path of the status file",
    ),
    Case("overlay is a folder", (*ROUTE, "--status", "{t}"), message="cannot be read"),
    Case(
        "empty overlay",
        (*ROUTE, "--status", "{t}/o.csv"),
        write_file("o.csv", HEADER),
        message="holds no status events",
    ),
    Case(
        "future overlay",
        (*ROUTE, "--status", "{t}/o.csv"),
        write_file("o.csv", HEADER + "north,2999-01-01,open,all,both,day,,https://x.org\n"),
        message="is after today",
    ),
    Case(
        "overlay bad status",
        (*ROUTE, "--status", "{t}/o.csv"),
        write_file("o.csv", HEADER + "north,2020-01-01,shut,all,both,day,,https://x.org\n"),
        message="field 'status': is 'shut'",
    ),
    Case(
        "overlay bad source",
        (*ROUTE, "--status", "{t}/o.csv"),
        write_file("o.csv", HEADER + "north,2020-01-01,open,all,both,day,,ftp://x\n"),
        message="give a source id or an http(s) URL",
    ),
    Case(
        "overlay latin-1",
        (*ROUTE, "--status", "{t}/o.csv"),
        lambda f: (f / "o.csv").write_bytes(
            (HEADER + "north,2020-01-01,open,all,both,day,ouvert é,https://x.org\n").encode(
                "latin-1"
            )
        ),
        message="o.csv: line 2: is not UTF-8 text (byte 0xe9)",
    ),
    # pairs and weights files
    Case(
        "one-field pair",
        ("impact", "--data", "{d}", "--pairs", "{t}/p.csv"),
        write_file("p.csv", "origin,destination\nwest\n"),
        message="p.csv: line 2: field 'destination': is empty",
    ),
    Case(
        "pair unknown place",
        ("impact", "--data", "{d}", "--pairs", "{t}/p.csv"),
        write_file("p.csv", "origin,destination\nwest,atlantis\n"),
        message="p.csv: line 2: field 'destination': unknown place 'atlantis'",
    ),
    Case(
        "pair NaN weight",
        ("impact", "--data", "{d}", "--pairs", "{t}/p.csv"),
        write_file("p.csv", "origin,destination,weight\nwest,east,nan\n"),
        message="field 'weight': is 'nan'; give a finite number",
    ),
    Case(
        "negative weight",
        ("impact", "--data", "{d}", "--weights", "{t}/w.csv"),
        write_file("w.csv", "place,weight\nwest,-2\n"),
        message="w.csv: line 2: field 'weight': is -2, outside 0..1e+12",
    ),
    Case(
        "weights missing column",
        ("impact", "--data", "{d}", "--weights", "{t}/w.csv"),
        write_file("w.csv", "place\nwest\n"),
        message="w.csv: line 1: missing column(s) weight",
    ),
    Case(
        "weights unknown place",
        ("impact", "--data", "{d}", "--weights", "{t}/w.csv"),
        write_file("w.csv", "place,weight\nnowhere,1\n"),
        message="w.csv: line 2: field 'place': unknown place 'nowhere'",
    ),
    # Dataset files
    Case(
        "places not a number",
        ROUTE,
        replace_in("places.csv", "36.0,34.0", "x,34.0"),
        message="field 'lon': must be a number",
    ),
    Case(
        "places nan",
        ROUTE,
        replace_in("places.csv", "36.0,34.0", "nan,34.0"),
        message="give a finite number",
    ),
    Case(
        "places inf",
        ROUTE,
        replace_in("places.csv", "36.0,34.0", "inf,34.0"),
        message="give a finite number",
    ),
    Case(
        "places missing column",
        ROUTE,
        replace_in("places.csv", "name_ar,", ""),
        message="missing column(s) name_ar",
    ),
    Case(
        "places latin-1",
        ROUTE,
        write_bytes("places.csv", "id,name\nw,Westvillé\n".encode("latin-1")),
        message="places.csv: line 2: is not UTF-8 text",
    ),
    Case(
        "places binary",
        ROUTE,
        write_bytes("places.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00"),
        message="places.csv: is a binary file",
    ),
    Case(
        "places huge field",
        ROUTE,
        replace_in("places.csv", "West Town", "W" * 140_000),
        message="a field is longer than 131,072 characters",
    ),
    Case(
        "places swapped",
        ROUTE,
        replace_in("places.csv", "36.0,34.0", "34.0,36.0"),
        message="looks like lat, lon swapped",
    ),
    Case(
        "crossings same country",
        ROUTE,
        replace_in(
            "crossings.csv",
            "north,North crossing,SY,Nordside,IQ",
            "north,North crossing,SY,Nordside,SY",
        ),
        message="equals country_a",
    ),
    Case(
        "status unknown crossing",
        ROUTE,
        replace_in("status.csv", "north,2010", "nowhere,2010"),
        message="refers to unknown crossing 'nowhere'",
    ),
    Case(
        "status bad date",
        ROUTE,
        replace_in("status.csv", "2024-12-08", "2024-13-08"),
        message="write dates as YYYY-MM-DD",
    ),
    Case(
        "sources bad url",
        ROUTE,
        replace_in("sources.csv", "https://example.org/source", "example.org"),
        message="field 'url': is 'example.org'",
    ),
    Case(
        "roads not json",
        ROUTE,
        write_bytes("roads.geojson", b'{"features": ['),
        message="roads.geojson: line 1: is not valid JSON",
    ),
    Case(
        "roads features null",
        ROUTE,
        write_bytes("roads.geojson", b'{"type": "FeatureCollection", "features": null}'),
        message="no list of 'features'",
    ),
    Case(
        "roads features numbers",
        ROUTE,
        write_bytes("roads.geojson", b'{"features": [1, 2]}'),
        message="feature 1: is not a GeoJSON Feature object",
    ),
    Case(
        "roads properties list",
        ROUTE,
        edit_roads(lambda c: c["features"][0].__setitem__("properties", [1])),
        message="feature 1: field 'properties': is not an object",
    ),
    Case(
        "roads one point",
        ROUTE,
        edit_roads(_set_geometry(0, {"type": "LineString", "coordinates": [[36, 34]]})),
        message="has fewer than two distinct points",
    ),
    Case(
        "roads NaN",
        ROUTE,
        write_bytes(
            "roads.geojson",
            b'{"features": [{"geometry": {"type": "LineString", '
            b'"coordinates": [[NaN, 1], [2, 2]]}}]}',
        ),
        message="holds NaN",
    ),
    Case(
        "roads point",
        ROUTE,
        edit_roads(_set_geometry(0, {"type": "Point", "coordinates": [36, 34]})),
        message="is a Point; draw the road as a LineString",
    ),
    Case(
        "roads cross a border",
        ROUTE,
        edit_roads(
            lambda c: c["features"].append(
                {
                    "type": "Feature",
                    "geometry": {"type": "LineString", "coordinates": [[36, 34], [44, 34]]},
                    "properties": {
                        "id": "bad",
                        "class": "trunk",
                        "from": "west",
                        "to": "east",
                        "source": "src",
                    },
                }
            )
        ),
        message="without a crossing; split it at the crossing node",
    ),
    Case(
        "roads end far from node",
        ROUTE,
        edit_roads(
            lambda c: c["features"][0]["geometry"]["coordinates"].__setitem__(0, [36.5, 34.0])
        ),
        message="from end is 46",
    ),
    Case(
        "roads unknown node",
        ROUTE,
        replace_in("roads.geojson", '"to": "north-gate"', '"to": "atlantis"'),
        message="refers to unknown place or crossing 'atlantis'",
    ),
    Case(
        "dataset file missing",
        ROUTE,
        lambda f: (f / "ds" / "status.csv").unlink(),
        message="status.csv: file not found; a dataset directory needs",
    ),
    Case(
        "validate fails",
        ("validate", "--data", "{d}"),
        replace_in("places.csv", "36.0,34.0", "x,34.0"),
        code=1,
        message="problem(s) in",
    ),
    Case(
        "BOM is accepted",
        ROUTE,
        lambda f: (f / "ds" / "places.csv").write_bytes(
            b"\xef\xbb\xbf" + (f / "ds" / "places.csv").read_bytes()
        ),
        code=0,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: Case, tmp_path: Path) -> None:
    write_dataset(tmp_path / "ds")
    case.setup(tmp_path)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    args = [a.replace("{d}", str(tmp_path / "ds")).replace("{t}", str(tmp_path)) for a in case.args]
    done = subprocess.run(
        [sys.executable, "-m", "corridor", *args], capture_output=True, text=True, timeout=120
    )
    message = case.message.replace("{t}", str(tmp_path))
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == case.code, done.stderr
    if case.code == 2:
        assert done.stdout == ""
        lines = done.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("corridor: error: "), done.stderr
    assert message in done.stderr + done.stdout, done.stderr
    after = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert after == before, "a failed run must write nothing"
