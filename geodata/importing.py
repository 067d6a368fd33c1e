"""Import OpenStreetMap extracts into a dataset: every real road, the curated names and timelines.

The steps, each in its own module: read the extracts (:mod:`geodata.osm`), give every node its
country and find where ways meet the borders (:mod:`geodata.borders`), split the ways into
sections (:mod:`geodata.sections`), match the crossings and snap the places to the curated
dataset (:mod:`geodata.matching`), make the records (:mod:`geodata.osmrecords`). What comes
out passes ``corridor validate``: what would break a rule is left out, and the report says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from shapely.geometry.base import BaseGeometry

from geodata.borders import (
    OsmCrossing,
    WayNodes,
    border_points,
    countries_of,
    crossings_at,
    strays,
)
from geodata.dataset import Dataset
from geodata.errors import DataError
from geodata.matching import match_crossings, snap_places
from geodata.osm import Extract, Point, read_extracts
from geodata.osmrecords import (
    copied_sources,
    crossing_record,
    extract_sources,
    junction_columns_of,
    median_delays,
    road_columns_of,
    snapped_place,
    town_places,
)
from geodata.osmreport import import_report
from geodata.records import Crossing, Place, RoadClass, Source, StatusEvent
from geodata.sections import Sections, Vertices, largest_network, sections, vertices
from geodata.tables import JunctionColumns, RoadColumns

__all__ = ["Imported", "import_osm"]

Keys = npt.NDArray[np.int64]
Texts = npt.NDArray[np.object_]


@dataclass(frozen=True)
class Imported:
    """A dataset built from extracts and tied to a curated one, with the import's report."""

    curated: Dataset
    sources: tuple[Source, ...]
    places: tuple[Place, ...]
    crossings: tuple[Crossing, ...]
    events: tuple[StatusEvent, ...]
    roads: RoadColumns
    junctions: JunctionColumns
    report: dict[str, Any]


@dataclass(frozen=True)
class _Network:
    """The extract's ways cut at the borders, with the crossings its posts prove."""

    extract: Extract
    nodes: Keys  # every distinct way node, sorted
    lon: npt.NDArray[np.float64]
    lat: npt.NDArray[np.float64]
    country: Texts  # of each of ``nodes``; "" outside the dataset's countries
    points: Vertices
    crossings: list[OsmCrossing]
    sided: frozenset[int]  # the crossings with roads into both of their countries
    far_posts: list[Point]
    unposted: list[dict[str, Any]]  # ways that pass a border with no post
    strays: int  # steps cut because they leave their country

    def sections(self, splits: Keys) -> Sections:
        """Return the usable sections: in the largest network, no one-sided crossing."""
        found = sections(self.points, splits=splits)
        lonely = np.zeros(len(found.start), dtype=bool)
        for ends in (found.start, found.end):
            at = ends < 0
            lonely[at] |= ~np.isin(-ends[at] - 1, sorted(self.sided))
        found = found.take(~lonely)
        return found.take(largest_network(found))

    def vertex_nodes(self, found: Sections) -> Keys:
        """Return the way nodes along ``found`` (where places may snap), sorted."""
        cover = np.zeros(len(self.points.key) + 1, dtype=np.int64)
        np.add.at(cover, found.begin, 1)
        np.add.at(cover, found.finish + 1, -1)
        inside = (np.cumsum(cover)[:-1] > 0) & (self.points.key > 0)
        return np.unique(self.points.key[inside])


def _sided(
    found: Sections, net_countries: list[tuple[str, str]], country_of: Any
) -> frozenset[int]:
    sides: dict[int, set[str]] = {}
    for here, there in ((found.start, found.end), (found.end, found.start)):
        touching = (here < 0) & (there > 0)
        for crossing, country in zip(-here[touching] - 1, country_of(there[touching]), strict=True):
            sides.setdefault(int(crossing), set()).add(str(country))
    return frozenset(k for k, got in sides.items() if got == set(net_countries[k]))


def _network(extract: Extract, outlines: dict[str, BaseGeometry]) -> _Network:
    ways = extract.ways
    way = np.repeat(np.arange(len(ways.id)), np.diff(ways.offsets))
    nodes, first, inverse = np.unique(ways.node, return_index=True, return_inverse=True)
    lon, lat = ways.lon[first], ways.lat[first]
    country = countries_of(lon, lat, outlines)
    per_node = country[inverse]
    kept = per_node != ""
    same_way = way[1:] == way[:-1]
    passes = same_way & kept[1:] & kept[:-1] & (per_node[1:] != per_node[:-1])
    along = WayNodes(ways.lon, ways.lat, per_node)
    points = border_points(along, np.flatnonzero(passes), outlines)
    known = set(nodes[kept[first]].tolist()) if len(nodes) else set()
    posts = [p for p in extract.posts if p.id in known]
    post_country = country[np.searchsorted(nodes, np.array([p.id for p in posts], dtype=np.int64))]
    found, crossing_of, far_posts = crossings_at(points, posts, post_country)
    crossing_at = np.full(max(len(ways.node) - 1, 0), -1, dtype=np.intp)
    crossing_at[points.step] = crossing_of
    cut = np.zeros(len(crossing_at), dtype=bool)
    cut[points.step[crossing_of < 0]] = True
    inside = np.flatnonzero(same_way & kept[1:] & kept[:-1] & ~passes)
    stray = strays(along, inside, outlines)
    cut[stray] = True
    unposted: dict[int, dict[str, Any]] = {}
    for step in points.step[crossing_of < 0]:
        row = int(way[step])
        unposted.setdefault(
            int(ways.id[row]),
            {
                "way": int(ways.id[row]),
                "ref": str(ways.ref[row]),
                "name": str(ways.name[row]),
                "countries": sorted({str(per_node[step]), str(per_node[step + 1])}),
            },
        )
    lonlat = np.array([[c.lon, c.lat] for c in found], dtype=np.float64).reshape(-1, 2)
    verts = vertices(
        node=ways.node,
        lon=ways.lon,
        lat=ways.lat,
        way=way,
        kept=kept,
        cut=cut,
        crossing_at=crossing_at,
        crossing_lonlat=lonlat,
    )
    draft = sections(verts, splits=np.zeros(0, dtype=np.int64))

    def country_of(keys: Keys) -> Texts:
        return country[np.searchsorted(nodes, keys)]

    sided = _sided(draft, [c.countries for c in found], country_of)
    return _Network(
        extract,
        nodes,
        lon,
        lat,
        country,
        verts,
        found,
        sided,
        far_posts,
        list(unposted.values()),
        len(stray),
    )


def _outlines(curated: Dataset) -> dict[str, BaseGeometry]:
    if not curated.countries:
        msg = (
            f"{curated.path}: has no countries.geojson; the import tells countries apart by "
            "their outlines: pass --data a dataset that has them (the bundled one does)"
        )
        raise DataError(msg)
    wanted = {p.country for p in curated.places.values()}
    return {iso: c.outline for iso, c in curated.countries.items() if iso in wanted}


def _snap(
    net: _Network, found: Sections, places: list[Place], snap_km: float, where: str
) -> tuple[dict[int, Place], dict[str, float]]:
    """Snap places onto the network; return the moved places by node, and those left out."""
    nodes = net.vertex_nodes(found)
    at = np.searchsorted(net.nodes, nodes)
    snapped, left_out = snap_places(
        places, (nodes, net.lon[at], net.lat[at]), net.country[at], snap_m=snap_km * 1000
    )
    by_id = {p.id: p for p in places}
    if not any(by_id[p].kind == "capital" for p in snapped):
        msg = (
            f"{where}: no capital of the curated dataset lies within --snap-km {snap_km:g} of "
            "the imported roads, and every place must be reachable from one; import an "
            "extract that holds a capital, or raise --snap-km"
        )
        raise DataError(msg)
    moved = {}
    for ident, (node, metres) in snapped.items():
        row = int(np.searchsorted(net.nodes, node))
        moved[node] = snapped_place(
            by_id[ident], float(net.lon[row]), float(net.lat[row]), node, metres
        )
    return moved, left_out


def import_osm(
    paths: Sequence[Path],
    *,
    curated: Dataset,
    classes: Sequence[RoadClass],
    snap_km: float,
    towns: bool = False,
) -> Imported:
    """Build a dataset from OpenStreetMap extracts, tied to a curated dataset.

    Parameters
    ----------
    paths
        ``.osm.pbf`` or ``.osm`` extracts (they may overlap).
    curated
        The dataset whose places, crossings, timelines, outlines and speeds are used.
    classes
        Road classes kept (with their ``_link`` roads).
    snap_km
        How far a place may be from the node it snaps to.
    towns
        Also make places of OSM ``place=city|town`` nodes.

    Raises
    ------
    DataError
        For an unreadable extract, one without the roads asked for or without border posts, a
        curated dataset without
        country outlines, or a network that no capital of the curated dataset is near.

    """
    outlines = _outlines(curated)
    extract = read_extracts(paths, classes=classes)
    where = ", ".join(map(str, paths))
    if not extract.posts:
        msg = (
            f"{where}: holds no border post (barrier=border_control node), so its roads would "
            "join countries nowhere; import whole country extracts, which include their posts"
        )
        raise DataError(msg)
    sources = extract_sources(extract.files)
    net = _network(extract, outlines)
    draft = net.sections(np.zeros(0, dtype=np.int64))
    if not len(draft.start):
        msg = (
            f"{where}: none of its roads lies in {', '.join(sorted(outlines))}; import the "
            "extract of a country of the curated dataset"
        )
        raise DataError(msg)
    wanted = list(curated.places.values())
    if towns:
        spots = (np.array([t.lon for t in extract.towns]), np.array([t.lat for t in extract.towns]))
        town_country = [str(c) for c in countries_of(*spots, outlines)]
        wanted += town_places(extract.towns, town_country, curated.places, sources)
    places, left_out = _snap(net, draft, wanted, snap_km, where)
    final = net.sections(np.array(sorted(places), dtype=np.int64))
    present = sorted({int(-k - 1) for k in np.r_[final.start, final.end] if k < 0})
    matches = match_crossings([net.crossings[k] for k in present], curated.crossings)
    delays = median_delays(curated.crossings.values())
    crossings: dict[int, Crossing] = {}
    for k, match in zip(present, matches, strict=True):
        found = net.crossings[k]
        ident = f"osm-{min(found.posts, key=lambda p: p.id).id}"
        if ident in {c.id for c in crossings.values()}:
            ident += "-" + "".join(found.countries).lower()
        source = sources[found.posts[0].file].id
        crossings[k] = crossing_record(found, match, ident=ident, source=source, delays=delays)
    ids = {node: place.id for node, place in places.items()}
    ids |= {-(k + 1): c.id for k, c in crossings.items()}
    ways = extract.ways
    roads = road_columns_of(ways, final, ids, sources)
    nodes = (net.nodes, net.lon, net.lat, net.country)
    junctions = junction_columns_of(nodes, ways, final, ids, sources)
    matched = {c.id for c in crossings.values() if c.id in curated.crossings}
    events = tuple(e for e in curated.status_files[0].events if e.crossing in matched)
    report = import_report(
        files=extract.files,
        sources=sources,
        classes=classes,
        found=final,
        oneway=int(roads.oneway.sum()),
        junctions=junctions,
        osm_crossings=net.crossings,
        sided=net.sided,
        crossings=crossings,
        matches=dict(zip(present, matches, strict=True)),
        curated_crossings=list(curated.crossings),
        far_posts=net.far_posts,
        unposted=net.unposted,
        strays=net.strays,
        places=places,
        left_out=left_out,
        wanted={p.id: p for p in wanted},
    )
    used = {p.source for p in places.values()} | {c.source for c in crossings.values()}
    used |= {e.source for e in events} | copied_sources(curated)
    own = tuple(s for s in curated.sources.values() if s.id in used)
    return Imported(
        curated,
        own + sources,
        tuple(places.values()),
        tuple(crossings.values()),
        events,
        roads,
        junctions,
        report,
    )
