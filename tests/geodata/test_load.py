"""Reading a dataset: malformed records are named by file, record and field."""

import json
from pathlib import Path
from typing import Any

import pytest

from geodata import DataError, Dataset, Problem, inspect_dataset, load_dataset
from tests.conftest import MakeDataset


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_toy_dataset_loads(toy_dir: Path) -> None:
    data = load_dataset(toy_dir)
    assert set(data.crossings) == {"north", "south", "sy-jo", "jo-iq"}
    assert data.places["west"].aliases == ("West Town", "Al-Gharb")
    assert data.roads["r1"].geometry.coords[0] == (36.0, 34.0)  # lon, lat order
    assert data.crossings["north"].delay_h("freight") == 6
    assert data.crossings["north"].delay_h("passenger") == 2
    assert {p.name for p in data.files} >= {"places.csv", "status.csv", "roads.geojson"}


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "places.csv",
            "36.0,34.0",
            "abc,34.0",
            r"places.csv: line 2 \(id 'west'\): field 'lon': must be a number, got 'abc'",
        ),
        ("places.csv", "36.0,34.0", "36.0,134.0", r"field 'lat': is 134, outside -90..90"),
        ("places.csv", "36.0,34.0", "nan,34.0", r"field 'lon': is 'nan'; give a finite number"),
        (
            "places.csv",
            ",capital,",
            ",metropolis,",
            r"field 'kind': is 'metropolis'; use one of capital, city, town, port, junction",
        ),
        (
            "places.csv",
            ",SY,",
            ",Syria,",
            r"field 'country': is 'Syria'; use an ISO 3166-1 alpha-2 code",
        ),
        (
            "places.csv",
            "east,Eastburg",
            "west,Eastburg",
            r"line 3 \(id 'west'\): field 'id': repeats 'west'",
        ),
        ("places.csv", ",src", ",nosuch", r"field 'source': refers to unknown source 'nosuch'"),
        (
            "status.csv",
            "2024-12-08",
            "2024-13-08",
            r"status.csv: line 3 \(id 'north'\): field 'date': is '2024-13-08'; write dates as",
        ),
        (
            "status.csv",
            ",closed,",
            ",shut,",
            r"field 'status': is 'shut'; use one of open, closed, restricted",
        ),
        (
            "status.csv",
            "north,2010",
            "nowhere,2010",
            r"field 'crossing': refers to unknown crossing 'nowhere'",
        ),
        ("crossings.csv", "freight|passenger", "freight|camels", r"field 'modes': has 'camels'"),
        (
            "sources.csv",
            "https://example.org/source",
            "example.org",
            r"field 'url': is 'example.org'",
        ),
    ],
)
def test_malformed_files_name_file_record_and_field(
    toy_dir: Path, file: str, old: str, new: str, message: str
) -> None:
    edit(toy_dir / file, old, new)
    with pytest.raises(DataError, match=message) as error:
        load_dataset(toy_dir)
    assert "run 'corridor validate --data" in str(error.value)
    assert "\n" not in str(error.value)


def test_missing_column(toy_dir: Path) -> None:
    edit(toy_dir / "places.csv", "name_ar,", "")
    with pytest.raises(DataError, match=r"places.csv: line 1: missing column\(s\) name_ar"):
        load_dataset(toy_dir)


def test_missing_file(toy_dir: Path) -> None:
    (toy_dir / "status.csv").unlink()
    with pytest.raises(DataError, match=r"status\.csv: file not found; a dataset directory needs"):
        load_dataset(toy_dir)


def test_road_to_unknown_node(toy_dir: Path) -> None:
    edit(toy_dir / "roads.geojson", '"to": "north-gate"', '"to": "atlantis"')
    with pytest.raises(
        DataError,
        match=r"roads.geojson: feature 1 \(id 'r1'\): field 'to': refers to unknown place or",
    ):
        load_dataset(toy_dir)


def _roads(toy_dir: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((toy_dir / "roads.geojson").read_text())
    return loaded


@pytest.mark.parametrize(
    ("geometry", "message"),
    [
        ({"type": "Point", "coordinates": [36, 34]}, "is a Point; draw the road as a LineString"),
        ({"type": "LineString", "coordinates": [[36, 34]]}, "fewer than two distinct points"),
        ({"type": "LineString", "coordinates": [[36, 34], [36, 34]]}, "fewer than two distinct"),
        ({"type": "LineString", "coordinates": [[36, 34], ["x", 1]]}, "point 2 is not [lon, lat]"),
        ({"type": "LineString", "coordinates": [[36, 34], [1e400, 1]]}, "is not a lon/lat"),
        ({"type": "LineString", "coordinates": None}, "has no list of coordinates"),
        (None, "is missing; draw the road as a LineString"),
    ],
)
def test_road_geometry_must_be_a_line(toy_dir: Path, geometry: object, message: str) -> None:
    collection = _roads(toy_dir)
    collection["features"][1]["geometry"] = geometry
    text = json.dumps(collection).replace("Infinity", "1e400")
    (toy_dir / "roads.geojson").write_text(text)
    with pytest.raises(DataError, match=r"feature 2 \(id 'r2'\): field 'geometry': ") as error:
        load_dataset(toy_dir)
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"type": "FeatureCollection", "features": null}', "no list of 'features'"),
        ("[1, 2]", "no list of 'features'"),
        ('{"features": [1, 2, 3]}', "feature 1: is not a GeoJSON Feature object"),
        ('{"features": [{"properties": [1]}]}', "feature 1: field 'properties': is not an object"),
        ('{"features": [{"geometry": {"type": "LineString", "coordinates": [[NaN, 1]]}}]}', "NaN"),
        ('{"features": [', "is not valid JSON"),
    ],
)
def test_broken_geojson_is_one_line(toy_dir: Path, text: str, message: str) -> None:
    (toy_dir / "roads.geojson").write_text(text)
    with pytest.raises(DataError, match=r"roads\.geojson") as error:
        load_dataset(toy_dir)
    assert message in str(error.value) and "\n" not in str(error.value)


def test_encodings_and_binary_files(toy_dir: Path) -> None:
    places = toy_dir / "places.csv"
    original = places.read_bytes()
    places.write_bytes(b"\xef\xbb\xbf" + original)  # Excel's byte-order mark is accepted
    assert load_dataset(toy_dir).places["west"].name == "Westville"
    places.write_bytes(original.replace(b"Westville", "Westvillé".encode("latin-1")))
    with pytest.raises(DataError, match=r"places.csv: line 2: is not UTF-8 text \(byte 0xe9\)"):
        load_dataset(toy_dir)
    places.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(DataError, match=r"places.csv: is a binary file, not a dataset file"):
        load_dataset(toy_dir)


def test_overlong_field(toy_dir: Path) -> None:
    edit(toy_dir / "places.csv", "West Town", "W" * 200_000)
    with pytest.raises(DataError, match=r"places.csv: line 2: a field is longer than 131,072"):
        load_dataset(toy_dir)


def test_row_with_more_fields_than_columns(toy_dir: Path) -> None:
    with (toy_dir / "places.csv").open("a", encoding="utf-8") as handle:
        handle.write("extra,Extra,,,SY,town,36.5,34.5,src,,surplus\n")
    _, problems = inspect_dataset(toy_dir)
    assert [str(p) for p in problems] == [
        f"{toy_dir / 'places.csv'}: line 6 (id 'extra'): has more fields than columns; "
        "quote commas in text"
    ]


def test_status_overlay_adds_events(toy_dir: Path, tmp_path: Path) -> None:
    overlay = tmp_path / "mine.csv"
    overlay.write_text(
        "crossing,date,status,mode,direction,precision,note,source\n"
        "sy-jo,2025-11-26,closed,all,both,day,closed this morning,https://example.org/x\n"
    )
    data = load_dataset(toy_dir, status_files=[overlay])
    assert [e.date.isoformat() for e in data.events if e.note == "closed this morning"] == [
        "2025-11-26"
    ]
    assert overlay in data.files
    assert (toy_dir / "status.csv").read_text().count("\n") == 8  # bundled file untouched


def test_missing_overlay_names_the_status_file(toy_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"nope.csv: file not found; check the path of the status"):
        load_dataset(toy_dir, status_files=[tmp_path / "nope.csv"])


def test_not_a_directory(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="not a dataset directory"):
        load_dataset(tmp_path / "nope")


def test_a_dataset_that_fails_a_check_is_not_loaded(make_dataset: MakeDataset) -> None:
    from tests.conftest import ROADS

    folder = make_dataset(roads=[*ROADS, ("bad", "X", "west", "east")])
    with pytest.raises(DataError, match=r"joins 'west' .SY. and 'east' .IQ. without a crossing"):
        load_dataset(folder)


def test_network_checks_are_remembered_by_content(
    toy_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from geodata import validate

    monkeypatch.setenv("CORRIDOR_CACHE_DIR", str(tmp_path / "cache"))
    calls: list[int] = []
    real = validate.network_checks

    def counted(dataset: Dataset) -> list[Problem]:
        calls.append(1)
        return real(dataset)

    monkeypatch.setattr(validate, "network_checks", counted)
    load_dataset(toy_dir)
    load_dataset(toy_dir)
    assert len(calls) == 1  # second load: same content, checks remembered
    edit(toy_dir / "places.csv", "Westville", "Westville Town")
    load_dataset(toy_dir)
    assert len(calls) == 2  # edited content is checked again
    load_dataset(toy_dir, use_cache=False)
    assert len(calls) == 3
