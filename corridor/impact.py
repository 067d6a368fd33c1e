"""Which crossings matter: close each alone and measure the cost over many trips.

This is the link "importance" of Jenelius, Petersen and Mattsson (2006): the (weighted) total
increase in travel cost over origin-destination pairs when one link closes; a city's
"exposure" is the worst single closure for the trips from that city.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from corridor.errors import InputError
from corridor.graph import dataset_of
from corridor.routing.minplus import DEFAULT_MEMORY, gates, trip_costs, with_closures
from corridor.routing.overlay import Matrix, Overlay
from corridor.scenario import Scenario, Weight, resolve_scenario
from corridor.sweep import LOCAL, Runner
from geodata import resolve

__all__ = ["CityExposure", "CrossingImpact", "Pair", "default_pairs", "impact"]

Pair = tuple[str, str, float]


@dataclass(frozen=True)
class CrossingImpact:
    """What closing one crossing alone costs over the pairs.

    Hours may be negative: a closure can make the shortest road trip faster.
    """

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
    """The worst single closure for the trips starting in one city (by km or by hours)."""

    place: str
    worst_crossing: str | None
    added_km: float
    pairs_cut: int
    added_h: float = 0.0


def default_pairs(overlay: Overlay, *, between: Sequence[str] = ()) -> list[Pair]:
    """Return every ordered pair of capitals and cities in different countries (weight 1).

    With ``between`` (two ISO2 codes), only pairs joining those two countries.
    """
    dataset = dataset_of(overlay.graph)
    cities = [p for p in overlay.places if dataset.places[p].kind in ("capital", "city")]
    pairs = []
    for o in cities:
        for d in cities:
            a, b = dataset.places[o].country, dataset.places[d].country
            if a != b and (not between or {a, b} == set(between)):
                pairs.append((o, d, 1.0))
    return pairs


def _indices(overlay: Overlay, pairs: Sequence[Pair]) -> tuple[npt.NDArray[np.intp], ...]:
    places = dataset_of(overlay.graph).places
    rows, cols, weights = [], [], []
    for n, pair in enumerate(pairs, start=1):
        if not (isinstance(pair, tuple | list) and len(pair) == 3):
            msg = f"pair {n} is {pair!r}; give (origin, destination, weight)"
            raise InputError(msg)
        origin, destination, weight = pair
        if isinstance(weight, bool) or not isinstance(weight, int | float):
            msg = f"pair {n} has weight {weight!r}; give a number"
            raise InputError(msg)
        if not math.isfinite(weight) or weight < 0:
            msg = f"pair {n} has weight {weight}; give a finite number of 0 or more"
            raise InputError(msg)
        rows.append(overlay.place_index(resolve(places, origin, what="place")))
        cols.append(overlay.place_index(resolve(places, destination, what="place")))
        weights.append(float(weight))
    return np.array(rows, np.intp), np.array(cols, np.intp), np.array(weights)


@dataclass(frozen=True)
class _ClosureSweep:
    """What every chunk of trips reads: the scenario and each crossing closed alone."""

    overlay: Overlay
    scenario: Scenario
    rows: npt.NDArray[np.intp]
    cols: npt.NDArray[np.intp]
    closed: npt.NDArray[np.bool_]


def _closure_chunk(sweep: _ClosureSweep, chunk: tuple[Weight, int, int]) -> Matrix:
    """Return the costs of trips ``start:stop`` by ``weight`` in the scenario and each closure."""
    weight, start, stop = chunk
    s = replace(sweep.scenario, weight=weight)
    k = len(sweep.overlay.crossings)
    batch = with_closures(gates(sweep.overlay, s), range(k), sweep.closed, open_rest=False)
    rows, cols = sweep.rows[start:stop], sweep.cols[start:stop]
    return trip_costs(sweep.overlay, s, rows, cols, batch=batch)


def impact(
    overlay: Overlay,
    pairs: Sequence[Pair],
    *,
    scenario: Scenario | None = None,
    progress: Callable[[int], None] | None = None,
    memory: int = DEFAULT_MEMORY,
    runner: Runner = LOCAL,
    by: Weight = "distance",
) -> tuple[list[CrossingImpact], list[CityExposure]]:
    """Rank crossings by the cost of closing each alone, and find each city's exposure.

    Distances come from routes minimising distance and hours from routes minimising time
    (driving plus border delay), each against the same scenario without the closure. Pairs
    without a route before the closure are left out; those that lose it count as cut. The
    trips are computed in chunks that fit ``memory``, where ``runner`` says
    (:mod:`corridor.sweep`); the result is the same anywhere. ``by`` ranks crossings and
    cities by the km added (``distance``) or the hours added (``time``), cut pairs first.

    Returns
    -------
    tuple
        Crossing impacts, most important first, and city exposures, most exposed first.

    """
    if by not in ("distance", "time"):
        msg = f"by is {by!r}; rank by 'distance' or 'time'"
        raise InputError(msg)
    base = resolve_scenario(
        scenario if scenario is not None else Scenario(), dataset_of(overlay.graph)
    )
    rows, cols, weights = _indices(overlay, pairs)
    k = len(overlay.crossings)
    # Row 0: the scenario; row 1 + j: crossing j closed alone.
    closed = np.vstack([np.zeros(k, bool), np.eye(k, dtype=bool)])
    chunk = max(1, memory // (8 * 4 * (k + 1) * max(k, 1)))  # pragma: no mutate (speed only)
    sweep = _ClosureSweep(overlay, base, rows, cols, closed)

    def costs(weight: Weight, unit: float) -> Matrix:
        chunks = [(weight, i, i + chunk) for i in range(0, len(rows), chunk)]
        parts = list(runner.map(_closure_chunk, sweep, chunks))
        return np.concatenate(parts, axis=1) / unit if parts else np.zeros((k + 1, 0))

    km, hours = costs("distance", 1000.0), costs("time", 3600.0)
    if progress is not None:
        progress(k)
    reachable = np.isfinite(km[0])
    impacts: list[CrossingImpact] = []
    added: dict[str, tuple[Matrix, Matrix]] = {}
    cut_by: dict[str, npt.NDArray[np.bool_]] = {}
    for j, crossing in enumerate(overlay.crossings):
        cut = reachable & ~np.isfinite(km[j + 1])
        kept = reachable & ~cut
        added_km = np.subtract(km[j + 1], km[0], out=np.zeros_like(km[0]), where=kept)
        timed = kept & np.isfinite(hours[j + 1]) & np.isfinite(hours[0])
        added_h = np.subtract(hours[j + 1], hours[0], out=np.zeros_like(km[0]), where=timed)
        ratio = np.divide(km[j + 1], km[0], out=np.ones_like(km[0]), where=kept & (km[0] > 0))
        weight = float(weights[kept].sum()) or 1.0
        changed = added_km if by == "distance" else added_h  # a gain counts too, with its sign
        impacts.append(
            CrossingImpact(
                crossing=crossing,
                affected_pairs=int((kept & (np.abs(changed) > 1e-6)).sum()),
                added_km_total=float((added_km * weights).sum()),
                added_km_mean=float((added_km * weights).sum() / weight),
                added_h_total=float((added_h * weights).sum()),
                added_h_mean=float((added_h * weights).sum() / weight),
                worst_detour_ratio=float(ratio.max()) if len(ratio) else 1.0,
                pairs_cut=int(cut.sum()),
            )
        )
        added[crossing] = added_km * weights, added_h * weights
        cut_by[crossing] = cut
    # Rounded (to the metre, to 4 s), so that equal detours summed in another order tie.
    total = "added_km_total" if by == "distance" else "added_h_total"
    impacts.sort(key=lambda i: (-i.pairs_cut, -round(getattr(i, total), 3), i.crossing))
    return impacts, _exposure(overlay, rows, added, cut_by, by=by)


def _exposure(
    overlay: Overlay,
    rows: npt.NDArray[np.intp],
    added: dict[str, tuple[Matrix, Matrix]],
    cut: dict[str, npt.NDArray[np.bool_]],
    *,
    by: Weight,
) -> list[CityExposure]:
    exposures = []
    measure = 0 if by == "distance" else 1
    for row in dict.fromkeys(int(r) for r in rows):
        mine = rows == row

        def worse(c: str, mine: npt.NDArray[np.bool_] = mine) -> tuple[int, float]:
            return int(cut[c][mine].sum()), float(added[c][measure][mine].sum())

        worst = max(overlay.crossings, key=worse)
        km, hours = (float(a[mine].sum()) for a in added[worst])
        n_cut = int(cut[worst][mine].sum())
        hit = any(worse(worst))
        exposures.append(
            CityExposure(overlay.places[row], worst if hit else None, km, n_cut, hours)
        )
    field = "added_km" if by == "distance" else "added_h"
    exposures.sort(key=lambda e: (-e.pairs_cut, -round(getattr(e, field), 3), e.place))
    return exposures
