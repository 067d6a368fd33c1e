import json
from pathlib import Path

import pytest

from geodata import DataError, load_dataset


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_bundled_like_toy_loads(toy_dir: Path) -> None:
    data = load_dataset(toy_dir)
    assert set(data.crossings) == {"north", "south", "sy-jo", "jo-iq"}
    assert data.places["west"].aliases == ("West Town", "Al-Gharb")
    assert data.roads["r1"].geometry.coords[0] == (36.0, 34.0)  # lon, lat order


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "places.csv",
            "36.0,34.0",
            "abc,34.0",
            r"places.csv: line 2 \(id 'west'\): field 'lon' must be a number, got 'abc'",
        ),
        ("places.csv", "36.0,34.0", "36.0,134.0", r"field 'lat' is 134.0, outside -90..90"),
        (
            "places.csv",
            ",capital,",
            ",metropolis,",
            r"field 'kind' is 'metropolis'; use one of capital, city, town, junction",
        ),
        (
            "places.csv",
            ",SY,",
            ",Syria,",
            r"field 'country' is 'Syria'; use an ISO 3166-1 alpha-2 code",
        ),
        (
            "places.csv",
            "east,Eastburg",
            "west,Eastburg",
            r"line 3 \(id 'west'\): field 'id' repeats 'west'",
        ),
        ("places.csv", ",src", ",nosuch", r"field 'source' refers to unknown source 'nosuch'"),
        (
            "status.csv",
            "2024-12-08",
            "2024-13-08",
            r"status.csv: line 3 \(id 'north'\): field 'date' is '2024-13-08'; write dates as",
        ),
        (
            "status.csv",
            ",closed,",
            ",shut,",
            r"field 'status' is 'shut'; use one of open, closed, restricted",
        ),
        (
            "status.csv",
            "north,2010",
            "nowhere,2010",
            r"field 'crossing' refers to unknown crossing 'nowhere'",
        ),
        ("crossings.csv", "freight|passenger", "freight|camels", r"field 'modes' has 'camels'"),
        (
            "sources.csv",
            "https://example.org/source",
            "example.org",
            r"field 'url' is 'example.org'",
        ),
    ],
)
def test_malformed_files_name_file_record_and_field(
    toy_dir: Path, file: str, old: str, new: str, message: str
) -> None:
    edit(toy_dir / file, old, new)
    with pytest.raises(DataError, match=message):
        load_dataset(toy_dir)


def test_missing_column(toy_dir: Path) -> None:
    edit(toy_dir / "places.csv", "name_ar,", "")
    with pytest.raises(DataError, match=r"places.csv: line 1: missing column\(s\) name_ar"):
        load_dataset(toy_dir)


def test_missing_file(toy_dir: Path) -> None:
    (toy_dir / "status.csv").unlink()
    with pytest.raises(DataError, match=r"status\.csv: file not found"):
        load_dataset(toy_dir)


def test_road_to_unknown_node(toy_dir: Path) -> None:
    edit(toy_dir / "roads.geojson", '"to": "north-gate"', '"to": "atlantis"')
    with pytest.raises(
        DataError,
        match=r"roads.geojson: line 1 \(id 'r1'\): field 'to' refers to unknown place or crossing",
    ):
        load_dataset(toy_dir)


def test_road_geometry_must_be_a_line(toy_dir: Path) -> None:
    collection = json.loads((toy_dir / "roads.geojson").read_text())
    collection["features"][1]["geometry"] = {"type": "Point", "coordinates": [36, 34]}
    (toy_dir / "roads.geojson").write_text(json.dumps(collection))
    with pytest.raises(DataError, match=r"line 2 \(id 'r2'\): field 'geometry' is a Point"):
        load_dataset(toy_dir)


def test_status_overlay_adds_events(toy_dir: Path, tmp_path: Path) -> None:
    overlay = tmp_path / "mine.csv"
    overlay.write_text(
        "crossing,date,status,mode,direction,precision,note,source\n"
        "sy-jo,2026-11-26,closed,all,both,day,closed this morning,https://example.org/x\n"
    )
    data = load_dataset(toy_dir, status_files=[overlay])
    assert [e.date.isoformat() for e in data.events if e.note == "closed this morning"] == [
        "2026-11-26"
    ]
    assert (toy_dir / "status.csv").read_text().count("\n") == 8  # bundled file untouched


def test_not_a_directory(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="not a dataset directory"):
        load_dataset(tmp_path / "nope")
