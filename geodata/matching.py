"""Tie an imported network to the curated dataset: its crossings by place and name, its places.

A crossing found in an extract **matches** a curated crossing of the same two countries that
lies within ``MATCH_M`` of it, or within ``NAMED_MATCH_M`` when one of its posts bears one of
the curated crossing's names (any spelling :func:`geodata.names.normalize_name` folds together).
Each curated crossing matches at most once: the named and nearer claim wins.

A place **snaps** to the nearest node of the network in its own country within the snap
distance; places take their nodes in order of importance (capitals first), one place a node.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from geodata.borders import OsmCrossing
from geodata.geodesy import distances_m
from geodata.names import normalize_name
from geodata.proximity import nearest
from geodata.records import PLACE_KINDS, Crossing, Place

__all__ = ["MATCH_M", "NAMED_MATCH_M", "Match", "match_crossings", "similar_names", "snap_places"]

MATCH_M = 5000.0
NAMED_MATCH_M = 15000.0
# Two names this alike (difflib's ratio, after folding) are taken for the same.
SIMILAR = 0.8
# Folded names shorter than this ("al", "jo") say nothing on their own.
_SHORTEST_NAME = 4
_NAME_TAGS = ("name", "name:en", "name:ar", "official_name", "alt_name")
# Places that could share a node: the nearest few are tried in turn.
_CANDIDATES = 8


@dataclass(frozen=True)
class Match:
    """The curated crossing an imported one matches (``None``: none), how far, by name or not."""

    curated: Crossing | None
    distance_m: float
    by_name: bool


def _folded(names: Iterable[str]) -> set[str]:
    keys = {normalize_name(part) for name in names for part in name.split("/")}
    return {k for k in keys if len(k) >= _SHORTEST_NAME}


def similar_names(found: Iterable[str], curated: Crossing) -> bool:
    """Whether one of ``found`` is one of the curated crossing's names, in any spelling.

    Examples
    --------
    >>> qaim = Crossing("al-qaim", "Al-Bukamal / Al-Qaim", "SY", "Al-Bukamal", "IQ", "Al-Qaim",
    ...                 ("freight",), 6, 2, 40.9, 34.4, "src")
    >>> similar_names(["Al Qaim Border Crossing"], qaim), similar_names(["Rabia"], qaim)
    (True, False)

    """
    theirs = _folded(found)
    ours = _folded((curated.id, curated.name, curated.name_a, curated.name_b))
    return any(
        o in t or difflib.SequenceMatcher(None, o, t).ratio() >= SIMILAR
        for o in ours
        for t in theirs
    )


def match_crossings(found: Sequence[OsmCrossing], curated: Mapping[str, Crossing]) -> list[Match]:
    """Return the curated crossing each imported crossing matches, if any."""
    claims = []
    for index, crossing in enumerate(found):
        names = [p.tags[t] for p in crossing.posts for t in _NAME_TAGS if t in p.tags]
        for candidate in curated.values():
            if {candidate.country_a, candidate.country_b} != set(crossing.countries):
                continue
            gap = float(distances_m(crossing.lon, crossing.lat, candidate.lon, candidate.lat))
            named = similar_names(names, candidate)
            if gap <= MATCH_M or (named and gap <= NAMED_MATCH_M):
                claims.append((not named, gap, candidate.id, index))
    matches = [Match(None, float("nan"), False) for _ in found]
    taken: set[str] = set()
    for unnamed, gap, curated_id, index in sorted(claims):
        if curated_id not in taken and matches[index].curated is None:
            matches[index] = Match(curated[curated_id], gap, not unnamed)
            taken.add(curated_id)
    return matches


def snap_places(
    places: Sequence[Place],
    nodes: tuple[npt.NDArray[np.int64], npt.NDArray[np.float64], npt.NDArray[np.float64]],
    node_country: npt.NDArray[np.object_],
    *,
    snap_m: float,
) -> tuple[dict[str, tuple[int, float]], dict[str, float]]:
    """Snap places to network nodes; return (place -> (node key, metres)), (left out -> metres).

    ``nodes`` are the (key, lon, lat) of the nodes a place may take. A place left out is one
    with no free node of its country within ``snap_m``; its figure is the nearest node's
    distance (``inf``: none in its country).
    """
    key, lon, lat = nodes
    rank = {kind: n for n, kind in enumerate(PLACE_KINDS)}
    ordered = sorted(places, key=lambda p: (rank[p.kind], p.id))
    snapped: dict[str, tuple[int, float]] = {}
    left_out: dict[str, float] = {}
    taken: set[int] = set()
    for country in sorted({p.country for p in ordered}):
        mine = [p for p in ordered if p.country == country]
        pool = np.flatnonzero(node_country == country)
        index, gap = nearest(
            ([p.lon for p in mine], [p.lat for p in mine]),
            (lon[pool], lat[pool]),
            k=min(_CANDIDATES, max(len(pool), 1)),
        )
        for place, options, metres in zip(mine, index, gap, strict=True):
            free = [
                (int(key[pool[o]]), float(m))
                for o, m in zip(options, metres, strict=True)
                if m <= snap_m and int(key[pool[o]]) not in taken
            ]
            if free:
                snapped[place.id] = free[0]
                taken.add(free[0][0])
            else:
                left_out[place.id] = float(metres[0])
    return snapped, left_out
