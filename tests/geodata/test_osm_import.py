"""The OpenStreetMap import on small extracts near Al-Qaim (tests/geodata/osm_extracts.py)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
import shapely

from geodata import DataError, Dataset
from geodata.borders import countries_of
from geodata.geodesy import great_circle_m
from geodata.importing import Imported, import_osm
from geodata.osm import parse_oneway
from geodata.osmrecords import COPYRIGHT
from geodata.records import ROAD_CLASSES, RoadClass
from tests.geodata.osm_extracts import (
    DROPPED_WAYS,
    NO_POST_WAY,
    NODES,
    UNMATCHED_POST,
    WAYS,
    write_extract,
)

CLASSES: list[RoadClass] = list(ROAD_CLASSES)


@pytest.fixture(scope="module")
def curated(bundled: Dataset) -> Dataset:
    return bundled


@pytest.fixture(scope="module")
def extracts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("extracts")
    return {kind: write_extract(folder / f"qaim.{kind}") for kind in ("osm", "osm.pbf")}


@pytest.fixture(scope="module")
def imported(extracts: dict[str, Path], curated: Dataset) -> Imported:
    return import_osm(
        [extracts["osm.pbf"]], curated=curated, classes=CLASSES, snap_km=15, towns=True
    )


def _way_of(road_id: str) -> int:
    return int(road_id.removeprefix("osm-w").split("-")[0])


def test_xml_and_pbf_give_the_same_dataset(
    extracts: dict[str, Path], curated: Dataset, imported: Imported
) -> None:
    xml = import_osm([extracts["osm"]], curated=curated, classes=CLASSES, snap_km=15, towns=True)
    assert xml.roads.id.tolist() == imported.roads.id.tolist()
    assert all(shapely.equals(xml.roads.geometry, imported.roads.geometry))
    assert [c.id for c in xml.crossings] == [c.id for c in imported.crossings]
    assert [p.id for p in xml.places] == [p.id for p in imported.places]


def test_overlapping_extracts_read_each_way_once(
    extracts: dict[str, Path], curated: Dataset, imported: Imported
) -> None:
    both = import_osm(
        [extracts["osm.pbf"], extracts["osm"]],
        curated=curated,
        classes=CLASSES,
        snap_km=15,
        towns=True,
    )
    assert sorted(both.roads.id.tolist()) == sorted(imported.roads.id.tolist())


def test_posts_on_the_border_road_become_the_curated_crossing(
    imported: Imported, curated: Dataset
) -> None:
    crossings = {c.id: c for c in imported.crossings}
    assert set(crossings) == {"al-qaim", f"osm-{UNMATCHED_POST}"}
    qaim, known = crossings["al-qaim"], curated.crossings["al-qaim"]
    # Curated names, sides, modes, delays and source; the node where the road meets the border.
    assert (qaim.name, qaim.country_a, qaim.country_b, qaim.modes, qaim.source) == (
        known.name,
        known.country_a,
        known.country_b,
        known.modes,
        known.source,
    )
    assert great_circle_m(qaim.lon, qaim.lat, known.lon, known.lat) < 2000
    assert "matched by name and place" in qaim.note
    # Its whole curated timeline comes along, with the sources it cites.
    timeline = [e for e in curated.status_files[0].events if e.crossing == "al-qaim"]
    assert [e for e in imported.events if e.crossing == "al-qaim"] == timeline
    cited = {s.id for s in imported.sources}
    assert {e.source for e in timeline} <= cited
    [matched] = imported.report["crossings"]["matched"]
    assert matched["id"] == "al-qaim" and sorted(matched["posts"]) == [5, 6]


def test_a_post_no_curated_crossing_matches_is_new_with_unknown_status(
    imported: Imported,
) -> None:
    new = next(c for c in imported.crossings if c.id == f"osm-{UNMATCHED_POST}")
    assert {new.country_a, new.country_b} == {"SY", "IQ"}
    assert not [e for e in imported.events if e.crossing == new.id]  # unknown: never routed
    assert "status is unknown" in new.note
    assert imported.report["crossings"]["unmatched"][0]["id"] == new.id
    assert "al-walid" in imported.report["crossings"]["curated_without_post"]


def test_roads_meet_the_border_only_at_crossings(imported: Imported) -> None:
    roads, crossings = imported.roads, {c.id for c in imported.crossings}
    ends = [(s, e) for s, e in zip(roads.start, roads.end, strict=True)]
    at_crossing = [s in crossings or e in crossings for s, e in ends]
    assert sum(at_crossing) == 4  # each crossing has a road on each side
    outlines = {iso: imported.curated.countries[iso].outline for iso in ("SY", "IQ")}
    for line, crossing in zip(roads.geometry, at_crossing, strict=True):
        if not crossing:
            xy = shapely.get_coordinates(line)
            assert len(set(countries_of(xy[:, 0], xy[:, 1], outlines))) == 1


def test_a_way_over_a_border_with_no_post_is_reported_and_cut(imported: Imported) -> None:
    [unposted] = imported.report["ways_crossing_a_border_without_post"]
    assert unposted["way"] == NO_POST_WAY and unposted["countries"] == ["IQ", "SY"]
    # What is left of it stays on its own side of the border.
    rows = [row for row, r in enumerate(imported.roads.id.tolist()) if _way_of(r) == NO_POST_WAY]
    ends = {imported.roads.start[row] for row in rows} | {imported.roads.end[row] for row in rows}
    assert len(rows) == 2 and {"bukamal", "qaim"} <= ends
    assert not ends & {c.id for c in imported.crossings}


def test_classes_links_and_one_way_roads(imported: Imported) -> None:
    roads = imported.roads
    ways = {_way_of(r) for r in roads.id.tolist()}
    assert ways == set(WAYS) - set(DROPPED_WAYS)  # residential and track are dropped
    by_way = {_way_of(r): row for row, r in enumerate(roads.id.tolist())}
    assert roads.road_class[by_way[102]] == "motorway"  # the link comes with its class
    assert roads.oneway[by_way[102]] and roads.oneway[by_way[103]]  # implied on motorways
    assert not roads.oneway[by_way[101]]
    # oneway=-1 is stored reversed: the road back runs from Baghdad to Ramadi.
    back = [row for row, r in enumerate(roads.id.tolist()) if _way_of(r) == 104]
    assert all(roads.oneway[back])
    assert {roads.start[row] for row in back} >= {"baghdad"}
    assert {roads.end[row] for row in back} >= {"ramadi"}
    assert roads.speed_kph[by_way[101]] == 90 and np.isnan(roads.speed_kph[by_way[100]])
    assert roads.ref[by_way[103]] == "1" and roads.name[by_way[103]] == "Expressway 1"


@pytest.mark.parametrize(
    ("tags", "highway", "expected"),
    [
        ({}, "motorway", 1),
        ({"oneway": "no"}, "motorway", 0),
        ({"junction": "roundabout"}, "primary", 1),
        ({"oneway": "-1"}, "primary", -1),
        ({"oneway": "yes"}, "secondary", 1),
        ({}, "trunk", 0),
    ],
)
def test_oneway_tags(tags: dict[str, str], highway: str, expected: int) -> None:
    assert parse_oneway(tags, highway) == expected


def test_places_snap_to_the_network_or_are_listed(imported: Imported, curated: Dataset) -> None:
    places = {p.id: p for p in imported.places}
    assert {"deir-ez-zor", "ramadi", "baghdad", "husaybah", "qaim"} <= set(places)
    ramadi = places["ramadi"]
    assert (ramadi.lon, ramadi.lat) == NODES[12] and "moved 0.0 km" in ramadi.note
    assert ramadi.name == curated.places["ramadi"].name
    left_out = {p["id"]: p for p in imported.report["places"]["left_out"]}
    assert left_out["aleppo"]["nearest_km"] > 15 and left_out["amman"]["nearest_km"] is None
    town = places["osm-50"]
    assert (town.name, town.kind, town.country) == ("Barwana", "town", "IQ")


def test_snap_distance_and_towns_are_options(extracts: dict[str, Path], curated: Dataset) -> None:
    near = import_osm([extracts["osm"]], curated=curated, classes=CLASSES, snap_km=0.5)
    ids = {p.id for p in near.places}
    assert "fallujah" not in ids and "osm-50" not in ids  # 0.7 km off the road; towns not asked
    assert "fallujah" in {p["id"] for p in near.report["places"]["left_out"]}


def test_every_record_cites_the_extract_or_its_curated_source(imported: Imported) -> None:
    sources = {s.id: s for s in imported.sources}
    [osm] = [s for s in imported.sources if s.url == COPYRIGHT]
    assert osm.title == "OpenStreetMap contributors, qaim.osm.pbf"
    assert "ODbL" in osm.publisher
    assert set(imported.roads.source.tolist()) == {osm.id}
    assert set(imported.junctions.source.tolist()) == {osm.id}
    assert all(p.source in sources for p in imported.places)
    assert all(c.source in sources for c in imported.crossings)


def _error(tmp_path: Path, curated: Dataset, path: Path, *, classes: Sequence[RoadClass]) -> str:
    with pytest.raises(DataError) as caught:
        import_osm([path], curated=curated, classes=classes, snap_km=15)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message
    return message


def test_broken_extracts_say_what_to_do(tmp_path: Path, curated: Dataset) -> None:
    whole = write_extract(tmp_path / "whole.osm.pbf").read_bytes()
    truncated = tmp_path / "truncated.osm.pbf"
    truncated.write_bytes(whole[: len(whole) * 2 // 3])
    assert "download it again" in _error(tmp_path, curated, truncated, classes=CLASSES)
    garbage = tmp_path / "garbage.osm.pbf"
    garbage.write_bytes(b"\x00\x01 not an extract" * 50)
    assert "cannot be read" in _error(tmp_path, curated, garbage, classes=CLASSES)
    html = tmp_path / "page.osm"
    html.write_text("<html><body>404</body></html>")
    assert "cannot be read" in _error(tmp_path, curated, html, classes=CLASSES)
    no_posts = write_extract(tmp_path / "noposts.osm", posts={})
    assert "no border post" in _error(tmp_path, curated, no_posts, classes=CLASSES)
    assert "widen --highways" in _error(tmp_path, curated, no_posts, classes=[])


def test_a_curated_dataset_without_outlines_is_refused(
    extracts: dict[str, Path], toy: Dataset
) -> None:
    with pytest.raises(DataError, match=r"countries\.geojson"):
        import_osm([extracts["osm"]], curated=toy, classes=CLASSES, snap_km=15)
