"""Small OpenStreetMap extracts written with pyosmium, on real ground near Al-Qaim / Al-Bukamal.

Syria (SY) and Iraq (IQ) meet at the curated crossing ``al-qaim`` (40.977 E, 34.3975 N):

- a trunk road from Deir ez-Zor down the Euphrates through Mayadin and Al-Bukamal crosses into
  Iraq between two posts (one per side, named as OSM names them) and runs on to Husaybah;
- from there a primary road runs through Al-Qaim, Anah, Haditha and Hit to Ramadi;
- east of Ramadi a motorway (one-way by implication) leads to Baghdad, reached from Ramadi by a
  motorway link; the way back is a primary road drawn towards Baghdad but tagged
  ``oneway=-1``: Baghdad to Ramadi only;
- a desert road from Mayadin crosses the border at an unnamed post 28 km from Al-Qaim (a
  crossing no curated one matches) and joins the primary road at Al-Qaim;
- a secondary road from Al-Bukamal to Al-Qaim crosses the border with no post;
- a residential street in Ramadi and a track, neither kept.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import osmium
from osmium.osm.mutable import Node, Way

NODES: dict[int, tuple[float, float]] = {
    # Syria
    1: (40.145, 35.336),  # Deir ez-Zor
    2: (40.45, 35.017),  # Mayadin
    3: (40.937, 34.454),  # Al-Bukamal
    4: (40.955, 34.415),
    5: (40.96, 34.41),  # Syrian post
    # Iraq
    6: (40.985, 34.395),  # Iraqi post
    7: (40.99, 34.392),  # Husaybah
    8: (41.094, 34.369),  # Al-Qaim
    9: (41.99, 34.372),  # Anah
    10: (42.38, 34.13),  # Haditha
    18: (42.60, 33.89),
    11: (42.826, 33.645),  # Hit
    12: (43.3125, 33.42),  # Ramadi
    13: (43.35, 33.41),  # motorway start
    14: (43.78, 33.36),  # Fallujah, on the motorway
    15: (44.30, 33.33),
    16: (44.40, 33.34),  # Baghdad
    17: (43.78, 33.30),  # on the road back
    # the desert road (SY then IQ)
    20: (40.62, 34.36),
    21: (40.67, 34.35),  # a post no curated crossing matches
    22: (40.75, 34.30),
    # the road with no post (SY then IQ)
    30: (41.0, 34.5),
    31: (41.06, 34.49),
    # not kept
    40: (43.31, 33.43),
    41: (43.30, 33.44),
}
POSTS: dict[int, dict[str, str]] = {
    5: {"barrier": "border_control", "name": "Al-Bukamal Border Crossing", "name:ar": "البوكمال"},
    6: {"barrier": "border_control", "name": "Al-Qaim Border Crossing"},
    21: {"barrier": "border_control"},
}
UNMATCHED_POST = 21
TOWNS: dict[int, tuple[float, float, dict[str, str]]] = {
    # An OSM town far from every curated place, beside the Haditha-Hit road.
    50: (42.605, 33.895, {"place": "town", "name": "Barwana", "name:ar": "بروانة"}),
}
WAYS: dict[int, tuple[list[int], dict[str, str]]] = {
    100: ([1, 2, 3, 4, 5, 6, 7], {"highway": "trunk", "ref": "4", "name": "Euphrates road"}),
    101: ([7, 8, 9, 10, 18, 11, 12], {"highway": "primary", "ref": "12", "maxspeed": "90"}),
    102: ([12, 13], {"highway": "motorway_link"}),
    103: ([13, 14, 15, 16], {"highway": "motorway", "ref": "1", "name": "Expressway 1"}),
    104: ([12, 17, 16], {"highway": "primary", "ref": "10", "oneway": "-1"}),
    105: ([2, 20, 21, 22, 8], {"highway": "secondary", "ref": "D7"}),
    106: ([3, 30, 31, 8], {"highway": "secondary", "name": "Smugglers' road"}),
    107: ([40, 41], {"highway": "residential", "name": "Street 5"}),
    108: ([41, 12], {"highway": "track"}),
}
NO_POST_WAY = 106
DROPPED_WAYS = (107, 108)


def write_extract(
    path: Path,
    *,
    nodes: Mapping[int, tuple[float, float]] = NODES,
    ways: Mapping[int, tuple[list[int], dict[str, str]]] = WAYS,
    posts: Mapping[int, dict[str, str]] = POSTS,
    towns: Mapping[int, tuple[float, float, dict[str, str]]] = TOWNS,
) -> Path:
    """Write an extract (.osm or .osm.pbf, by the name) and return its path."""
    entries: list[tuple[int, tuple[float, float], Mapping[str, str]]] = [
        (n, where, posts.get(n, {})) for n, where in nodes.items()
    ]
    entries += [(n, (lon, lat), tags) for n, (lon, lat, tags) in towns.items()]
    with osmium.SimpleWriter(str(path), overwrite=True) as writer:
        for n, where, tags in sorted(entries, key=lambda e: e[0]):
            writer.add_node(Node(id=n, location=where, tags=dict(tags), version=1))
        for w, (refs, tags) in sorted(ways.items()):
            writer.add_way(Way(id=w, nodes=refs, tags=tags, version=1))
    return path


def without(mapping: Mapping[int, object], drop: Sequence[int]) -> dict[int, object]:
    """Return ``mapping`` less some keys."""
    return {k: v for k, v in mapping.items() if k not in drop}
