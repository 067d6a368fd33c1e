"""Which crossings matter: close each alone and measure the cost over many trips.

This is the link "importance" of Jenelius, Petersen and Mattsson (2006): the (weighted) total
increase in travel cost over origin-destination pairs when one link closes; a city's
"exposure" is the worst single closure for the trips from that city.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from corridor.overlay import Matrix, Overlay, distance_matrix
from corridor.scenario import Scenario

Pair = tuple[str, str, float]


@dataclass(frozen=True)
class CrossingImpact:
    """What closing one crossing alone costs over the pairs."""

    crossing: str
    affected_pairs: int
    added_km_total: float
    added_km_mean: float
    added_h_total: float
    added_h_mean: float
    worst_detour_ratio: float
    pairs_cut: int


@dataclass(frozen=True)
class CityExposure:
    """The worst single closure for the trips starting in one city."""

    place: str
    worst_crossing: str | None
    added_km: float
    pairs_cut: int


def default_pairs(overlay: Overlay, *, between: Sequence[str] = ()) -> list[Pair]:
    """Return every ordered pair of capitals and cities in different countries (weight 1).

    With ``between`` (two ISO2 codes), only pairs joining those two countries.
    """
    graph = overlay.graph
    dataset = graph.graph["dataset"]
    cities = [p for p in overlay.places if dataset.places[p].kind in ("capital", "city")]
    pairs = []
    for o in cities:
        for d in cities:
            a, b = graph.nodes[o]["country"], graph.nodes[d]["country"]
            if a != b and (not between or {a, b} == set(between)):
                pairs.append((o, d, 1.0))
    return pairs


def impact(
    overlay: Overlay,
    scenario: Scenario,
    pairs: Sequence[Pair],
    *,
    progress: Callable[[int], None] | None = None,
) -> tuple[list[CrossingImpact], list[CityExposure]]:
    """Rank crossings by the cost of closing each alone, and find each city's exposure.

    Distances come from routes minimising distance and hours from routes minimising time
    (driving plus border delay), each against the same scenario without the closure. Pairs
    without a route before the closure are left out; those that lose it count as cut.

    Returns
    -------
    tuple
        Crossing impacts, most important first, and city exposures, most exposed first.

    """
    index = {p: i for i, p in enumerate(overlay.places)}
    rows = np.array([index[o] for o, _, _ in pairs], dtype=np.intp)
    cols = np.array([index[d] for _, d, _ in pairs], dtype=np.intp)
    weights = np.array([w for _, _, w in pairs])

    def costs(s: Scenario) -> tuple[Matrix, Matrix]:
        km = distance_matrix(overlay, replace(s, weight="distance"))[rows, cols] / 1000
        hours = distance_matrix(overlay, replace(s, weight="time"))[rows, cols] / 3600
        return km, hours

    base_km, base_h = costs(scenario)
    reachable = np.isfinite(base_km)
    impacts: list[CrossingImpact] = []
    added_by_crossing: dict[str, Matrix] = {}
    cut_by_crossing: dict[str, npt.NDArray[np.bool_]] = {}
    for crossing in overlay.crossings:
        km, hours = costs(scenario.with_changes(close=[crossing]))
        cut = reachable & ~np.isfinite(km)
        kept = reachable & ~cut
        added_km = np.where(kept, km - base_km, 0.0)
        added_h = np.where(kept, hours - base_h, 0.0)
        affected = kept & (added_km > 1e-6)
        ratio = np.where(kept & (base_km > 0), km / np.where(base_km > 0, base_km, 1), 1.0)
        weight = float(weights[kept].sum()) or 1.0
        impacts.append(
            CrossingImpact(
                crossing=crossing,
                affected_pairs=int(affected.sum()),
                added_km_total=float((added_km * weights).sum()),
                added_km_mean=float((added_km * weights).sum() / weight),
                added_h_total=float((added_h * weights).sum()),
                added_h_mean=float((added_h * weights).sum() / weight),
                worst_detour_ratio=float(ratio.max()) if len(ratio) else 1.0,
                pairs_cut=int(cut.sum()),
            )
        )
        added_by_crossing[crossing] = added_km * weights
        cut_by_crossing[crossing] = cut
        if progress is not None:
            progress(1)
    impacts.sort(key=lambda i: (i.pairs_cut, i.added_km_total), reverse=True)
    return impacts, _exposure(overlay, pairs, added_by_crossing, cut_by_crossing)


def _exposure(
    overlay: Overlay,
    pairs: Sequence[Pair],
    added: dict[str, Matrix],
    cut: dict[str, npt.NDArray[np.bool_]],
) -> list[CityExposure]:
    origins = np.array([o for o, _, _ in pairs])
    exposures = []
    for place in dict.fromkeys(o for o, _, _ in pairs):
        mine = origins == place
        worst = max(
            overlay.crossings, key=lambda c: (int(cut[c][mine].sum()), float(added[c][mine].sum()))
        )
        hit = float(added[worst][mine].sum()), int(cut[worst][mine].sum())
        exposures.append(CityExposure(place, worst if any(hit) else None, *hit))
    exposures.sort(key=lambda e: (e.pairs_cut, e.added_km), reverse=True)
    return exposures
