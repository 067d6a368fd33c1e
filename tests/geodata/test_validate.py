"""Validation: every problem between records, located by file, record and field."""

import datetime as dt
import json
from pathlib import Path

import pytest

from corridor.cli import main
from geodata import inspect_dataset
from tests.conftest import EVENTS, PLACES, ROADS, MakeDataset


def messages(folder: Path, *, status: tuple[Path, ...] = ()) -> list[str]:
    return [str(p) for p in inspect_dataset(folder, status_files=status)[1]]


def test_toy_dataset_is_clean(toy_dir: Path) -> None:
    assert messages(toy_dir) == []


def test_swapped_and_outside_coordinates(make_dataset: MakeDataset) -> None:
    places = [(*PLACES[0][:6], 34.0, 36.0), (*PLACES[1][:6], 10.0, 10.0), *PLACES[2:]]
    found = messages(make_dataset(places=places))
    assert any("places.csv: id 'west': field 'lon'" in m and "swapped" in m for m in found)
    assert any("id 'east'" in m and "outside the region" in m for m in found)


def test_road_end_not_touching_node(toy_dir: Path) -> None:
    path = toy_dir / "roads.geojson"
    collection = json.loads(path.read_text())
    collection["features"][0]["geometry"]["coordinates"][0] = [36.5, 34.0]
    path.write_text(json.dumps(collection))
    found = messages(toy_dir)
    assert any("roads.geojson: id 'r1': field 'geometry': from end is 46" in m for m in found)


def test_road_crossing_a_border_outside_a_crossing(make_dataset: MakeDataset) -> None:
    roads = [*ROADS, ("bad", "X", "west", "east"), ("bad2", "Y", "north", "amman-ish")]
    found = messages(make_dataset(roads=roads))
    assert any("id 'bad'" in m and "without a crossing" in m for m in found)
    assert any("id 'bad2'" in m and "outside a crossing" in m for m in found)


def test_unreachable_place_and_one_sided_crossing(make_dataset: MakeDataset) -> None:
    places = [*PLACES, ("island", "Island", "", "", "SY", "town", 37.0, 35.0)]
    roads = [r for r in ROADS if r[0] != "r9"]
    found = messages(make_dataset(places=places, roads=roads))
    assert any("id 'island'" in m and "not reachable" in m for m in found)
    assert any("crossings.csv: id 'jo-iq'" in m and "no road on the IQ side" in m for m in found)


def test_timeline_out_of_order_and_conflicting(make_dataset: MakeDataset) -> None:
    events = [
        *EVENTS,
        ("north", "2020-01-01", "open", "all", "both"),
        ("sy-jo", "2010-01-01", "closed", "all", "both"),
    ]
    found = messages(make_dataset(events=events))
    assert any(
        "crossing 'north' on 2020-01-01: field 'date'" in m and "date order" in m for m in found
    )
    assert any("crossing 'sy-jo' on 2010-01-01: field 'status': conflicts" in m for m in found)


def test_validate_command(
    capsys: pytest.CaptureFixture[str], toy_dir: Path, make_dataset: MakeDataset
) -> None:
    assert main(["validate", "--data", str(toy_dir)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ok: ") and "4 places, 4 crossings, 7 status events, 9 roads" in out
    bad = make_dataset(roads=[*ROADS, ("bad", "X", "west", "east")])
    assert main(["validate", "--data", str(bad)]) == 1
    captured = capsys.readouterr()
    assert "id 'bad'" in captured.out and "1 problem(s)" in captured.err


def write_countries(folder: Path) -> None:
    boxes = {
        "SY": (35.0, 32.6, 40.2, 36.0),
        "IQ": (40.2, 30.0, 46.0, 36.0),
        "JO": (35.0, 30.0, 40.2, 32.6),
    }
    features = [
        {
            "type": "Feature",
            "properties": {"iso2": iso, "name": iso, "source": "src"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[a, b], [c, b], [c, d], [a, d], [a, b]]],
            },
        }
        for iso, (a, b, c, d) in boxes.items()
    ]
    (folder / "countries.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features})
    )


def test_border_checks_with_country_outlines(make_dataset: MakeDataset) -> None:
    # North crossing sits inside Syria (40.0 < 40.2), a place sits in the wrong country, and a
    # Syrian road bulges into Jordan.
    places = [*PLACES, ("stray", "Stray", "", "", "SY", "town", 38.0, 31.0)]
    roads = [*ROADS, ("bulge", "B", "west", "stray")]
    folder = make_dataset(places=places, roads=roads)
    write_countries(folder)
    found = messages(folder)
    assert any("crossings.csv: id 'north'" in m and "from the SY border" in m for m in found)
    assert any("places.csv: id 'stray'" in m and "outside SY" in m for m in found)
    assert any(
        "roads.geojson: id 'bulge'" in m and "outside SY away from any crossing" in m for m in found
    )
    assert not any("id 'r1'" in m for m in found)


def test_validate_reports_a_malformed_file_as_a_failed_check(
    capsys: pytest.CaptureFixture[str], toy_dir: Path
) -> None:
    path = toy_dir / "places.csv"
    path.write_text(path.read_text().replace("36.0,34.0", "x,34.0", 1))
    assert main(["validate", "--data", str(toy_dir)]) == 1
    captured = capsys.readouterr()
    assert "places.csv: line 2 (id 'west'): field 'lon': must be a number" in captured.out
    assert main(["route", "west", "east", "--data", str(toy_dir)]) == 2


def test_validate_lists_every_malformed_record(
    capsys: pytest.CaptureFixture[str], toy_dir: Path
) -> None:
    edit = {
        "places.csv": ("36.0,34.0", "x,34.0"),
        "status.csv": ("jo-iq,2010-01-01,open", "jo-iq,2010-01-01,shut"),
        "crossings.csv": ("freight|passenger", "camels"),
    }
    for name, (old, new) in edit.items():
        path = toy_dir / name
        path.write_text(path.read_text().replace(old, new, 1))
    assert main(["validate", "--data", str(toy_dir)]) == 1
    out = capsys.readouterr().out
    assert "places.csv: line 2 (id 'west'): field 'lon'" in out
    assert "status.csv: line 8 (id 'jo-iq'): field 'status': is 'shut'" in out
    assert "status.csv: line 2 (id 'north'): field 'crossing': refers to unknown crossing" in out
    assert "crossings.csv: line 2 (id 'north'): field 'modes'" in out
    # Records that point at the left-out ones are reported too, not silently dropped.
    assert "refers to unknown place or crossing 'west'" in out


def test_overlays_are_timeline_checked(toy_dir: Path, tmp_path: Path) -> None:
    header = "crossing,date,status,mode,direction,precision,note,source\n"
    empty = tmp_path / "empty.csv"
    empty.write_text(header)
    assert messages(toy_dir, status=(empty,)) == [
        f"{empty}: holds no status events; add at least one, or drop this --status file"
    ]
    future = tmp_path / "future.csv"
    future.write_text(header + "north,2999-01-01,open,all,both,day,,https://example.org/x\n")
    found = messages(toy_dir, status=(future,))
    assert (
        len(found) == 1
        and f"{future}: crossing 'north' on 2999-01-01: field 'date': is after today" in found[0]
    )
    shuffled = tmp_path / "shuffled.csv"
    shuffled.write_text(
        header
        + "north,2025-02-01,open,all,both,day,,https://example.org/x\n"
        + "north,2025-01-01,closed,all,both,day,,https://example.org/x\n"
    )
    assert any(
        "keep each crossing's events in date order" in m
        for m in messages(toy_dir, status=(shuffled,))
    )


def test_an_event_today_is_fine(toy_dir: Path, tmp_path: Path) -> None:
    today = tmp_path / "today.csv"
    today.write_text(
        "crossing,date,status,mode,direction,precision,note,source\n"
        f"north,{dt.date.today().isoformat()},closed,all,both,day,,https://example.org/x\n"
    )
    assert messages(toy_dir, status=(today,)) == []


def test_a_confirmation_must_state_the_status_in_force(make_dataset: MakeDataset) -> None:
    events = [
        *EVENTS[:2],
        ("north", "2025-01-05", "closed", "all", "both", "confirmation"),  # closed since 12-08
        ("north", "2025-01-06", "open", "freight", "both", "confirmation"),  # it is closed
        *EVENTS[2:],
    ]
    found = messages(make_dataset(events=events))
    assert len(found) == 1
    assert "status.csv: crossing 'north' on 2025-01-06: field 'kind'" in found[0]
    assert "confirms open but the status in force that day is closed" in found[0]
    assert "record a change instead" in found[0]


def test_a_confirmation_before_any_change_is_caught(make_dataset: MakeDataset) -> None:
    events = [("north", "2009-06-01", "open", "all", "both", "confirmation"), *EVENTS]
    (found,) = messages(make_dataset(events=events))
    assert "crossing 'north' on 2009-06-01" in found and "in force that day is unknown" in found


def test_an_unknown_event_kind_names_the_choices(make_dataset: MakeDataset) -> None:
    events = [*EVENTS[:2], ("north", "2025-01-05", "closed", "all", "both", "rumour"), *EVENTS[2:]]
    (found,) = messages(make_dataset(events=events))
    assert "status.csv: line 4 (id 'north'): field 'kind': is 'rumour'" in found
    assert "use one of change, confirmation" in found


def set_length(folder: Path, road: str, length_km: float) -> Path:
    path = folder / "roads.geojson"
    collection = json.loads(path.read_text())
    for feature in collection["features"]:
        if feature["properties"]["id"] == road:
            feature["properties"] |= {
                "length_km": length_km,
                "length_source": "src",
                "length_basis": "published",
            }
    path.write_text(json.dumps(collection))
    return folder


def test_a_published_length_may_exceed_the_line_but_not_fall_short(toy_dir: Path) -> None:
    # r1 runs straight from west (36E) to north-gate (39.5E, 34.8N): about 330 km.
    assert messages(set_length(toy_dir, "r1", 400)) == []
    (found,) = messages(set_length(toy_dir, "r1", 250))
    assert "roads.geojson: id 'r1': field 'length_km': is 250 km but the line is 33" in found
