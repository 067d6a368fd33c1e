"""Shared fixtures: small hand-made datasets written as real files, and the bundled data."""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from playwright.sync_api import Browser, sync_playwright

import tests.profiles  # noqa: F401 - registers and loads the hypothesis profile
from corridor import build_graph
from geodata import Dataset, load_dataset
from geodata.schema import COLUMNS
from maps.headless import CHROMIUM, FLAGS

# Tests never read or write the user's cache.
os.environ["CORRIDOR_CACHE_DIR"] = tempfile.mkdtemp(prefix="corridor-test-cache-")

SOURCE = {
    "id": "src",
    "title": "Test source",
    "publisher": "tests",
    "date": "2025-01-01",
    "url": "https://example.org/source",
}

# A toy region: two Syria-Iraq crossings (north, short; south, longer) and a detour through
# Jordan. West and east are the capitals; lengths grow north < south < Jordan.
PLACES = [
    ("west", "Westville", "ويستفيل", "West Town|Al-Gharb", "SY", "capital", 36.0, 34.0),
    ("east", "Eastburg", "", "Shark", "IQ", "capital", 44.0, 34.0),
    ("amman-ish", "Jordania", "", "", "JO", "city", 38.0, 32.0),
    ("north-gate", "North Gate", "", "", "SY", "town", 39.5, 34.8),
]
CROSSINGS = [
    ("north", "North crossing", "SY", "Nordside", "IQ", "Nordeast", 40.0, 34.8),
    ("south", "South crossing", "SY", "Sudside", "IQ", "Sudeast", 40.5, 33.0),
    ("sy-jo", "Syria-Jordan crossing", "SY", "Synas", "JO", "Jonas", 37.0, 32.6),
    ("jo-iq", "Jordan-Iraq crossing", "JO", "Jotre", "IQ", "Iqtre", 40.0, 32.0),
]
ROADS = [
    ("r1", "M1", "west", "north-gate"),
    ("r2", "M1", "north-gate", "north"),
    ("r3", "H1", "north", "east"),
    ("r4", "M2", "west", "south"),
    ("r5", "H2", "south", "east"),
    ("r6", "M5", "west", "sy-jo"),
    ("r7", "J15", "sy-jo", "amman-ish"),
    ("r8", "J10", "amman-ish", "jo-iq"),
    ("r9", "H10", "jo-iq", "east"),
]
EVENTS = [
    ("north", "2010-01-01", "open", "all", "both"),
    ("north", "2024-12-08", "closed", "all", "both"),
    ("north", "2025-06-10", "open", "freight", "both"),
    ("south", "2010-01-01", "open", "all", "a_to_b"),
    ("south", "2010-01-01", "closed", "all", "b_to_a"),
    ("sy-jo", "2010-01-01", "open", "all", "both"),
    ("jo-iq", "2010-01-01", "open", "all", "both"),
]


def write_csv(path: Path, columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns))
        writer.writeheader()
        writer.writerows(rows)


def write_dataset(
    folder: Path,
    *,
    places: Sequence[tuple[Any, ...]] = PLACES,
    crossings: Sequence[tuple[Any, ...]] = CROSSINGS,
    roads: Sequence[tuple[str, ...]] = ROADS,
    events: Sequence[tuple[str, ...]] = EVENTS,
) -> Path:
    """Write a dataset directory; roads are straight lines between their end nodes.

    A road is ``(id, ref, from, to)`` and is named ``"<ref> road"``, or ``(id, ref, from, to,
    name)``. An event is ``(crossing, date, status, mode, direction)``, a change, or has its
    kind (``change`` or ``confirmation``) sixth.
    """
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(folder / "sources.csv", COLUMNS["sources"], [SOURCE])
    place_rows = [
        dict(
            zip(
                ("id", "name", "name_ar", "aliases", "country", "kind", "lon", "lat"),
                p,
                strict=True,
            ),
            source="src",
        )
        for p in places
    ]
    write_csv(folder / "places.csv", [*COLUMNS["places"], "note"], place_rows)
    crossing_rows = [
        dict(
            zip(
                ("id", "name", "country_a", "name_a", "country_b", "name_b", "lon", "lat"),
                c,
                strict=True,
            ),
            modes="freight|passenger",
            delay_freight_h=6,
            delay_passenger_h=2,
            source="src",
        )
        for c in crossings
    ]
    write_csv(folder / "crossings.csv", [*COLUMNS["crossings"], "note"], crossing_rows)
    event_rows = [
        dict(
            zip(("crossing", "date", "status", "mode", "direction", "kind"), e, strict=False),
            precision="day",
            note="",
            source="src",
        )
        for e in events
    ]
    write_csv(folder / "status.csv", [*COLUMNS["status"], "kind"], event_rows)
    where = {p[0]: (p[-2], p[-1]) for p in (*places, *crossings)}
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": [where[r[2]], where[r[3]]]},
            "properties": {
                "id": r[0],
                "ref": r[1],
                "name": r[4] if len(r) > 4 else f"{r[1]} road",
                "class": "trunk",
                "from": r[2],
                "to": r[3],
                "source": "src",
            },
        }
        for r in roads
    ]
    (folder / "roads.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8"
    )
    return folder


@pytest.fixture
def toy_dir(tmp_path: Path) -> Path:
    return write_dataset(tmp_path / "toy")


@pytest.fixture
def toy(toy_dir: Path) -> Dataset:
    return load_dataset(toy_dir)


@pytest.fixture
def toy_graph(toy: Dataset) -> nx.MultiDiGraph:
    return build_graph(toy)


@pytest.fixture(scope="session")
def bundled() -> Dataset:
    return load_dataset()


@pytest.fixture(scope="session")
def bundled_graph(bundled: Dataset) -> nx.MultiDiGraph:
    return build_graph(bundled)


MakeDataset = Callable[..., Path]


@pytest.fixture
def make_dataset(tmp_path: Path) -> MakeDataset:
    counter = iter(range(1000))

    def make(**kwargs: Any) -> Path:
        return write_dataset(tmp_path / f"ds{next(counter)}", **kwargs)

    return make


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    # No skip: CI installs Debian's chromium, and a missing browser must fail loudly.
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=list(FLAGS))
        yield instance
        instance.close()
