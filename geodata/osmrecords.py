"""The records an import makes: a source per extract, crossings, towns, snapped places.

Matched crossings keep everything curated (id, names, modes, delays, source, note) and take
the position of the crossing node; unmatched ones are new, with unknown status. Every text
here comes from the extract or the curated files and is written as data, never as a template.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from statistics import median

import numpy as np
import numpy.typing as npt

from geodata.borders import OsmCrossing
from geodata.dataset import Dataset
from geodata.matching import Match
from geodata.names import normalize_name
from geodata.osm import ExtractFile, Point, Ways
from geodata.problems import ProblemLog
from geodata.proximity import pairs_within
from geodata.reading import csv_records
from geodata.records import Crossing, Place, Source
from geodata.schema import COLUMNS, FILES
from geodata.sections import Sections
from geodata.tables import JunctionColumns, RoadColumns

__all__ = [
    "COPYRIGHT",
    "DUPLICATE_TOWN_M",
    "copied_sources",
    "crossing_record",
    "extract_sources",
    "junction_columns_of",
    "median_delays",
    "road_columns_of",
    "snapped_place",
    "town_places",
]

COPYRIGHT = "https://www.openstreetmap.org/copyright"
# An OSM town this near a curated place, or sharing one of its names, is that place again.
DUPLICATE_TOWN_M = 5000.0


def extract_sources(files: Sequence[ExtractFile]) -> tuple[Source, ...]:
    """Return one source per extract, with its file name, timestamp and the ODbL attribution."""
    sources: list[Source] = []
    for file in files:
        stem = re.sub(r"\.osm(\.pbf|\.gz|\.bz2)?$", "", file.path.name)
        ident = "osm-" + (re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "extract")
        while ident in {s.id for s in sources}:
            ident += "-2"
        # The attribution the ODbL asks for: the contributors, and where the licence is.
        when = f" (replication timestamp {file.timestamp})" if file.timestamp else ""
        title = f"OpenStreetMap contributors, {file.path.name}{when}"
        publisher = "OpenStreetMap contributors; Open Database License (ODbL) 1.0"
        sources.append(Source(ident, title, publisher, file.timestamp[:10], COPYRIGHT))
    return tuple(sources)


def crossing_record(
    found: OsmCrossing,
    match: Match,
    *,
    ident: str,
    source: str,
    delays: tuple[float, float],
) -> Crossing:
    """Return the crossing record of an imported crossing (curated when it matched)."""
    posts = ", ".join(str(p.id) for p in found.posts)
    if match.curated is not None:
        how = "by name and place" if match.by_name else "by place"
        note = (
            f"Imported: the crossing node is where the OpenStreetMap road meets the border, "
            f"{match.distance_m / 1000:.1f} km from the curated point (matched {how}; OSM "
            f"posts {posts})."
        )
        curated_note = f"{match.curated.note} " if match.curated.note else ""
        return replace(match.curated, lon=found.lon, lat=found.lat, note=curated_note + note)
    a, b = found.countries
    name = " / ".join(found.names()) or f"Border post {found.posts[0].id}"
    note = (
        f"Imported from OpenStreetMap border post(s) {posts}; no curated crossing matches it, "
        "so its status is unknown and no route uses it. Its delays are the curated crossings' "
        "medians (estimates)."
    )
    return Crossing(
        id=ident,
        name=name,
        country_a=a,
        name_a=" / ".join(found.names(a)) or name,
        country_b=b,
        name_b=" / ".join(found.names(b)) or name,
        modes=("freight", "passenger"),
        delay_freight_h=delays[0],
        delay_passenger_h=delays[1],
        lon=found.lon,
        lat=found.lat,
        source=source,
        note=note,
    )


def median_delays(crossings: Iterable[Crossing]) -> tuple[float, float]:
    """Return the median freight and passenger delays (6 h and 2 h when there are none)."""
    known = list(crossings)
    if not known:
        return 6.0, 2.0
    return median(c.delay_freight_h for c in known), median(c.delay_passenger_h for c in known)


def snapped_place(place: Place, lon: float, lat: float, node: int, metres: float) -> Place:
    """Return a place moved onto the network node it snapped to, saying so in its note."""
    moved = f"Imported: moved {metres / 1000:.1f} km onto OpenStreetMap node {node}."
    return replace(place, lon=lon, lat=lat, note=f"{place.note} {moved}".strip())


def town_places(
    towns: Sequence[Point],
    countries: Sequence[str],
    curated: Mapping[str, Place],
    sources: Sequence[Source],
) -> list[Place]:
    """Return OSM cities and towns as places (``countries``: each town's), less the curated.

    A town near a curated place (``DUPLICATE_TOWN_M``) or bearing one of its names in the same
    country is left out: names must stay unambiguous.
    """
    names = {
        (p.country, normalize_name(n))
        for p in curated.values()
        for n in (p.name, p.name_ar, *p.aliases)
        if n
    }
    known = list(curated.values())
    near, _, _ = pairs_within(
        ([t.lon for t in towns], [t.lat for t in towns]),
        ([p.lon for p in known], [p.lat for p in known]),
        DUPLICATE_TOWN_M,
    )
    crowded = set(near.tolist())
    places = []
    for number, (town, country) in enumerate(zip(towns, countries, strict=True)):
        own = [town.name(), town.tags.get("name", ""), town.tags.get("name:ar", "")]
        if not country or not town.name() or number in crowded:
            continue
        if any((country, normalize_name(n)) in names for n in own if n):
            continue
        aliases = tuple(dict.fromkeys(n for n in own[1:2] if n and n != town.name()))
        places.append(
            Place(
                id=f"osm-{town.id}",
                name=town.name(),
                name_ar=town.tags.get("name:ar", ""),
                aliases=aliases,
                country=country,
                kind="city" if town.tags.get("place") == "city" else "town",
                lon=town.lon,
                lat=town.lat,
                source=sources[town.file].id,
                note=f"Imported from OpenStreetMap node {town.id} "
                f"(place={town.tags.get('place')}).",
            )
        )
    return places


def _texts(values: Iterable[object]) -> npt.NDArray[np.object_]:
    items = list(values)
    array = np.empty(len(items), dtype=object)
    array[:] = items
    return array


def _node_id(key: int, ids: Mapping[int, str]) -> str:
    return ids.get(key) or f"osm-node-{key}"


def road_columns_of(
    ways: Ways, found: Sections, ids: Mapping[int, str], sources: Sequence[Source]
) -> RoadColumns:
    """Return the sections as road columns; a node without a place or crossing id is a junction.

    A section's id is its way's and its place along it (``osm-w<way>-<n>``); every vertex of an
    OSM line is a surveyed point, so its sourced gap is its longest step.
    """
    way = found.way
    count = len(way)
    return RoadColumns(
        id=_texts(
            f"osm-w{w}-{n}"
            for w, n in zip(ways.id[way].tolist(), found.number.tolist(), strict=True)
        ),
        ref=ways.ref[way],
        name=ways.name[way],
        name_ar=ways.name_ar[way],
        road_class=ways.road_class[way],
        start=_texts(_node_id(k, ids) for k in found.start.tolist()),
        end=_texts(_node_id(k, ids) for k in found.end.tolist()),
        source=_texts(sources[f].id for f in ways.file[way].tolist()),
        speed_kph=ways.speed_kph[way],
        oneway=ways.oneway[way],
        geometry=found.geometry,
        length_km=np.full(count, np.nan),
        length_source=_texts([""] * count),
        length_basis=_texts(["geometry"] * count),
        sourced_gap_km=found.longest_step_m / 1000,
    )


def junction_columns_of(
    nodes: tuple[
        npt.NDArray[np.int64],
        npt.NDArray[np.float64],
        npt.NDArray[np.float64],
        npt.NDArray[np.object_],
    ],
    ways: Ways,
    found: Sections,
    ids: Mapping[int, str],
    sources: Sequence[Source],
) -> JunctionColumns:
    """Return the section ends that are neither places nor crossings, as junction columns.

    ``nodes`` are every way node's (key, lon, lat, country), sorted by key. A junction's source
    is the extract of the first section that reaches it.
    """
    key, lon, lat, country = nodes
    ends, first = np.unique(np.r_[found.start, found.end], return_index=True)
    plain = (ends > 0) & np.fromiter((k not in ids for k in ends.tolist()), bool, count=len(ends))
    at = np.searchsorted(key, ends[plain])
    section = first[plain] % max(len(found.start), 1)
    return JunctionColumns(
        id=_texts(f"osm-node-{k}" for k in ends[plain].tolist()),
        lon=lon[at],
        lat=lat[at],
        country=country[at],
        source=_texts(sources[f].id for f in ways.file[found.way[section]].tolist()),
    )


def copied_sources(curated: Dataset) -> set[str]:
    """Return the sources of the curated files the import copies (outlines, typical speeds)."""
    used = {c.source for c in curated.countries.values()}
    speeds = curated.path / FILES["speeds"]
    if speeds.exists():
        rows = csv_records(speeds, COLUMNS["speeds"], what="dataset file", log=ProblemLog())
        used |= {r.text("source", required=False) for r in rows}
    return used
