"""What an import did, for the person who ran it: counts, and every record it left out and why.

The report is plain data (written as ``import_report.json`` beside the dataset); the command
line prints a screenful of it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from geodata.borders import OsmCrossing
from geodata.matching import Match
from geodata.osm import ExtractFile, Point
from geodata.records import Crossing, Place, RoadClass, Source
from geodata.sections import Sections
from geodata.tables import JunctionColumns

__all__ = ["import_report"]


def _post(post: Point) -> dict[str, Any]:
    return {"post": post.id, "name": post.name(), "lon": post.lon, "lat": post.lat}


def import_report(
    *,
    files: Sequence[ExtractFile],
    sources: Sequence[Source],
    classes: Sequence[RoadClass],
    found: Sections,
    oneway: int,
    junctions: JunctionColumns,
    osm_crossings: Sequence[OsmCrossing],
    sided: frozenset[int],
    crossings: Mapping[int, Crossing],
    matches: Mapping[int, Match],
    curated_crossings: Sequence[str],
    far_posts: Sequence[Point],
    unposted: Sequence[dict[str, Any]],
    strays: int,
    places: Mapping[int, Place],
    left_out: Mapping[str, float],
    wanted: Mapping[str, Place],
) -> dict[str, Any]:
    """Return the report of an import as JSON-ready data."""
    matched, unmatched = [], []
    for k, crossing in crossings.items():
        posts = [p.id for p in osm_crossings[k].posts]
        match = matches[k]
        if match.curated is not None:
            matched.append(
                {
                    "id": crossing.id,
                    "name": crossing.name,
                    "km_from_curated": round(match.distance_m / 1000, 2),
                    "by_name": match.by_name,
                    "posts": posts,
                }
            )
        else:
            sides = f"{crossing.country_a}-{crossing.country_b}"
            unmatched.append(
                {"id": crossing.id, "name": crossing.name, "countries": sides, "posts": posts}
            )
    found_ids = {c.id for c in crossings.values()}
    one_sided = [
        {"countries": "-".join(c.countries), "posts": [p.id for p in c.posts], "names": c.names()}
        for k, c in enumerate(osm_crossings)
        if k not in sided
    ]
    towns = sum(1 for p in places.values() if p.id.startswith("osm-"))
    return {
        "files": [
            {"path": str(f.path), "timestamp": f.timestamp, "source": s.id}
            for f, s in zip(files, sources, strict=True)
        ],
        "highways": list(classes),
        "sections": len(found.start),
        "oneway_sections": oneway,
        "km": round(float(np.sum(found.length_m)) / 1000, 1),
        "junctions": len(junctions),
        "crossings": {
            "matched": matched,
            "unmatched": unmatched,
            "curated_without_post": sorted(set(curated_crossings) - found_ids),
            "one_sided": one_sided,
            "posts_away_from_borders": [_post(p) for p in far_posts],
        },
        "places": {
            "snapped": len(places) - towns,
            "towns": towns,
            "left_out": [
                {
                    "id": ident,
                    "name": wanted[ident].name,
                    "country": wanted[ident].country,
                    "nearest_km": round(metres / 1000, 1) if np.isfinite(metres) else None,
                }
                for ident, metres in sorted(left_out.items())
            ],
        },
        "ways_crossing_a_border_without_post": list(unposted),
        "steps_cut_outside_their_country": strays,
    }
