"""Scale benchmark: every combination of 12 crossings for every pair of 50 cities.

Builds a synthetic road network of four countries (jittered grids, degree about 4) joined only
at K = 12 crossings, with 50 cities, and measures in one process:

* baseline 1, what a user would write: networkx single-source Dijkstra from each city with a
  weight function that hides closed crossings, for each of the 2^K scenarios (a sample is
  timed and extrapolated);
* baseline 2: scipy.sparse.csgraph Dijkstra from the 50 cities on the full graph, per scenario
  (sampled and extrapolated);
* ours: the portal overlay (preprocessing included) and the full 2^K x 50 x 50 table, plus the
  impact ranking of every crossing over all city pairs.

It also prints how preprocessing compares with its floor: the scipy Dijkstra passes inside it,
timed in the same run. Run ``python benchmarks/scale.py`` for the full size (about 1,000,000
directed edges) or ``--quick`` for a small network (used in CI). ``--cities 1000`` sweeps 1,000
cities (the networkx baseline is skipped and scipy checks 2 scenarios: it would take hours);
``--combos 20`` instead times every combination of 20 crossings for one trip. Each run prints
times, ratios and peak memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import time
import tracemalloc
from pathlib import Path

import networkx as nx
import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra
from shapely.geometry import LineString

from corridor import Scenario, dataset_of
from corridor.combos import Combos, combination_matrices, combination_scenario, combinations
from corridor.edges import EdgeTable, freeze_with_table
from corridor.impact import default_pairs, impact
from corridor.routing import build_overlay, edge_cost
from corridor.routing.core import COSTS
from corridor.routing.overlay import Overlay
from corridor.sweep import dask_runner
from geodata import Crossing, Dataset, Place, StatusEvent

COUNTRIES = ("AA", "BB", "CC", "DD")  # laid out 2 x 2
BORDERS = (("AA", "BB"), ("CC", "DD"), ("AA", "CC"), ("BB", "DD"))
K, CITIES = 12, 50
# Scenarios of the full table checked entry by entry against scipy's Dijkstra.
CHECKED = 32
AS_OF = dt.date(2025, 1, 1)


def synthetic_network(
    side: int, *, cities: int = CITIES, per_border: int = 3, seed: int = 7, drawn: bool = False
) -> nx.MultiDiGraph:
    """Return a road graph of four side x side jittered grids joined at 4 x per_border crossings.

    Like :func:`corridor.build_graph`, it keeps the graph's edge table as it adds the edges, and
    freezes the graph. ``drawn`` gives every road the line, name and length range a route
    needs (the tables do without them).
    """
    rng = np.random.default_rng(seed)
    graph = nx.MultiDiGraph()
    origin = {"AA": (0, 0), "BB": (side + 2, 0), "CC": (0, side + 2), "DD": (side + 2, side + 2)}
    places: dict[str, Place] = {}
    index: dict[str, int] = {}
    ends: list[tuple[int, int]] = []
    weights: list[tuple[float, float, float]] = []

    where: dict[str, tuple[float, float]] = {}

    def road(u: str, v: str, length: float, time_s: float, freight_s: float) -> None:
        attrs: dict[str, object] = {
            "length_m": length, "time_s": time_s, "time_freight_s": freight_s
        }  # fmt: skip
        if drawn:
            attrs |= {"geometry": LineString([where[u], where[v]]), "ref": "", "name": "road",
                      "length_errors_m": (0.0, 0.0)}  # fmt: skip
        for a, b in ((u, v), (v, u)):
            graph.add_edge(a, b, **attrs)
            ends.append((index[a], index[b]))
            weights.append((length, time_s, freight_s))

    def node(name: str, **attrs: object) -> None:
        index[name] = len(index)
        graph.add_node(name, **attrs)

    for country, (ox, oy) in origin.items():
        xy = rng.normal(0, 0.2, (side, side, 2)) + np.stack(
            np.meshgrid(np.arange(side) + ox, np.arange(side) + oy, indexing="ij"), axis=-1
        )
        names = [[f"{country}-{i}-{j}" for j in range(side)] for i in range(side)]
        for i in range(side):
            for j in range(side):
                node(names[i][j], country=country, kind="junction")
                where[names[i][j]] = (float(xy[i, j, 0]), float(xy[i, j, 1]))
        for di, dj in ((1, 0), (0, 1)):
            here, there = xy[: side - di, : side - dj], xy[di:, dj:]
            km = np.hypot(*(here - there).transpose(2, 0, 1)) * 2.0 + 0.1
            for i in range(side - di):
                for j in range(side - dj):
                    length = float(km[i, j]) * 1000
                    road(names[i][j], names[i + di][j + dj], length, length / 25, length / 22)
        picks = rng.choice(side * side, cities // len(COUNTRIES) + 1, replace=False)
        for n, flat in enumerate(picks):
            i, j = divmod(int(flat), side)
            name = names[i][j]
            graph.nodes[name]["kind"] = "place"
            places[name] = Place(
                name, f"{country} city {n}", "", (), country, "city",
                float(xy[i, j, 0]), float(xy[i, j, 1]), "synthetic",
            )  # fmt: skip
    while len(places) > cities:
        places.popitem()
    crossings: dict[str, Crossing] = {}
    for n, (a, b) in enumerate(BORDERS * per_border):
        cid = f"x{n}"
        offset = (n // len(BORDERS) + 1) * side // (per_border + 1)
        horizontal = origin[a][1] == origin[b][1]
        ia, ja = (side - 1, offset) if horizontal else (offset, side - 1)
        ib, jb = (0, offset) if horizontal else (offset, 0)
        crossings[cid] = Crossing(
            cid, cid, a, a, b, b, ("freight", "passenger"), 4.0, 1.0, 0.0, 0.0, "synthetic"
        )
        node(cid, country=None, kind="crossing")
        where[cid] = where[f"{a}-{ia}-{ja}"]
        for end in (f"{a}-{ia}-{ja}", f"{b}-{ib}-{jb}"):
            road(end, cid, 1000.0, 40.0, 45.0)
    events = tuple(
        StatusEvent(c, dt.date(2000, 1, 1), "open", "all", "both", "day", "", "s")
        for c in crossings
    )
    graph.graph["dataset"] = Dataset(Path("."), {}, places, crossings, events, {})
    pairs, table = np.array(ends, dtype=np.int64), np.array(weights)
    EdgeTable(
        tuple(index),
        pairs[:, 0].copy(),
        pairs[:, 1].copy(),
        {c: np.ascontiguousarray(table[:, n]) for n, c in enumerate(COSTS)},
    ).attach(graph)
    return freeze_with_table(graph, costs=COSTS)


def _scenario_masks(count: int, rng: np.random.Generator) -> list[int]:
    return [int(m) for m in rng.choice(2**K, count, replace=False)]


def networkx_baseline(graph: nx.MultiDiGraph, masks: list[int], cities: int) -> float:
    """Seconds per scenario for Dijkstra from `cities` cities, scaled to all of them."""
    crossings = list(dataset_of(graph).crossings)
    everyone = list(dataset_of(graph).places)
    start = time.perf_counter()
    for mask in masks:
        closed = frozenset(c for j, c in enumerate(crossings) if mask >> j & 1)
        scenario = combination_scenario(Scenario(as_of=AS_OF), crossings, closed=closed)
        cost = edge_cost(graph, scenario)
        for city in everyone[:cities]:
            nx.single_source_dijkstra_path_length(graph, city, weight=cost)
    return (time.perf_counter() - start) / len(masks) * len(everyone) / cities


def scipy_baseline(graph: nx.MultiDiGraph, masks: list[int]) -> tuple[float, list[np.ndarray]]:
    """Seconds per scenario with csgraph on the full graph (matrix build included), and each
    scenario's city-to-city table."""
    dataset = dataset_of(graph)
    index = {n: i for i, n in enumerate(graph.nodes)}
    u, v, w = zip(
        *((index[a], index[b], d) for a, b, d in graph.edges(data="length_m")), strict=True
    )
    u_arr, v_arr, w_arr = np.array(u), np.array(v), np.array(w)
    crossing_index = np.array([index[c] for c in dataset.crossings])
    cities = np.array([index[p] for p in dataset.places])
    start = time.perf_counter()
    tables = []
    for mask in masks:
        closed = crossing_index[[j for j in range(K) if mask >> j & 1]]
        keep = ~(np.isin(u_arr, closed) | np.isin(v_arr, closed))
        matrix = csr_matrix((w_arr[keep], (u_arr[keep], v_arr[keep])), shape=(len(index),) * 2)
        tables.append(dijkstra(matrix, indices=cities)[:, cities])
    return (time.perf_counter() - start) / len(masks), tables


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def combos_for_one_trip(side: int, count: int) -> None:
    """Time every combination of ``count`` crossings for one trip, and the memory it adds."""
    per_border = -(-count // len(BORDERS))
    graph = synthetic_network(side, per_border=per_border, drawn=True)
    overlay = build_overlay(graph, costs=("length_m",))
    places = list(dataset_of(graph).places)
    origin, destination = places[0], places[-1]  # opposite corners: two borders or more
    crossings = list(overlay.crossings)[:count]

    def sweep() -> Combos:
        return combinations(
            overlay, origin, destination, crossings=crossings, scenario=Scenario(as_of=AS_OF)
        )

    t0 = time.perf_counter()
    outcomes = sweep()
    spent = time.perf_counter() - t0
    # Again, traced (numpy reports its arrays to tracemalloc; tracing slows it down): the
    # sweep's own peak, not the process's.
    tracemalloc.start()
    sweep()
    extra = tracemalloc.get_traced_memory()[1] / 1024**2
    tracemalloc.stop()
    print(
        f"network: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} directed "
        f"edges, {len(overlay.crossings)} crossings"
    )
    print(
        f"combos for one trip: {2**count:,} combinations of {count} crossings in {spent:.1f} s "
        f"(target < 30 s), {len(outcomes)} distinct outcomes, {extra:,.0f} MB peak allocated by "
        f"the sweep (target < 300 MB), process peak {_peak_mb():,.0f} MB (all measured)"
    )


def on_dask(overlay: Overlay, scheduler: str, ours: dict[int, np.ndarray], local_s: float) -> None:
    """Run the full table on Dask, check it equals the local one, and print the speed-up."""
    with dask_runner(scheduler) as runner:
        t0 = time.perf_counter()
        same = True
        for masks, costs in combination_matrices(
            overlay, Scenario(as_of=AS_OF), list(overlay.crossings), runner=runner
        ):
            for row, mask in enumerate(masks):
                if int(mask) in ours:
                    same &= bool(np.array_equal(ours[int(mask)], costs[row], equal_nan=True))
        spent = time.perf_counter() - t0
    print(
        f"on Dask ({scheduler}): full table {spent:.1f} s against {local_s:.1f} s here "
        f"({local_s / spent:.2f}x; overlay sent to each worker once); checked scenarios "
        f"{'identical' if same else 'DIFFER'} to the local run"
    )
    if not same:
        raise SystemExit("the table on Dask differs from the local one")


def main() -> None:
    """Run the benchmark and print the measured figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small network, for CI")
    parser.add_argument("--cities", type=int, default=CITIES, help="cities to sweep")
    parser.add_argument("--combos", type=int, metavar="K", help="only: combos of K crossings")
    parser.add_argument(
        "--scheduler", metavar="local|tcp://HOST:PORT", help="also run the table on Dask"
    )
    args = parser.parse_args()
    side = 60 if args.quick else 250
    if args.combos:
        combos_for_one_trip(side, args.combos)
        return
    rng = np.random.default_rng(1)
    many = args.cities > 100  # the baselines would take hours: skip or sample them

    t = time.perf_counter()
    graph = synthetic_network(side, cities=args.cities)
    cities = len(dataset_of(graph).places)
    print(
        f"network: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} directed "
        f"edges, {K} crossings, {cities} cities ({time.perf_counter() - t:.1f} s to generate)"
    )

    nx_masks = [] if many else _scenario_masks(1 if args.quick else 2, rng)
    nx_cities = 3 if args.quick else 5
    nx_per_scenario = networkx_baseline(graph, nx_masks, cities=nx_cities) if nx_masks else 0.0
    checked = _scenario_masks(2 if many else CHECKED, rng)
    sp_per_scenario, sp_tables = scipy_baseline(graph, checked)

    t0 = time.perf_counter()
    overlay = build_overlay(graph, costs=("length_m", "time_freight_s"))
    t_pre = time.perf_counter() - t0
    crossings = list(overlay.crossings)
    finite = 0
    ours: dict[int, np.ndarray] = {}
    wanted = set(checked)
    for masks, costs in combination_matrices(overlay, Scenario(as_of=AS_OF), crossings):
        finite += int(np.isfinite(costs).sum())
        for row, mask in enumerate(masks):
            if int(mask) in wanted:
                ours[int(mask)] = costs[row]
    t_table = time.perf_counter() - t0
    impacts, _ = impact(overlay, default_pairs(overlay), scenario=Scenario(as_of=AS_OF))
    t_total = time.perf_counter() - t0
    order = [overlay.place_index(p) for p in dataset_of(graph).places]
    wrong = [
        mask
        for mask, table in zip(checked, sp_tables, strict=True)
        if not np.allclose(ours[mask][np.ix_(order, order)], table, rtol=1e-9)
    ]

    scenarios = 2**K
    nx_total, sp_total = nx_per_scenario * scenarios, sp_per_scenario * scenarios
    if nx_masks:
        print(
            f"networkx baseline: {nx_per_scenario:.2f} s per scenario (measured on "
            f"{len(nx_masks)} scenario(s) x {nx_cities} of {cities} cities, scaled to {cities} "
            f"cities) -> {nx_total:,.0f} s for {scenarios} scenarios (extrapolated)"
        )
    else:
        print("networkx baseline: skipped (hours at this many cities)")
    print(
        f"scipy baseline:    {sp_per_scenario:.3f} s per scenario (measured on {len(checked)} "
        f"scenarios x {cities} cities) -> {sp_total:,.0f} s for {scenarios} (extrapolated)"
    )
    print(
        f"ours:              preprocessing {t_pre:.1f} s, full {scenarios} x {cities}x{cities} "
        f"table {t_table:.1f} s, with impact ranking {t_total:.1f} s (all measured; "
        f"{finite:,} finite entries)"
    )
    print(
        f"preprocessing / floor: {t_pre / overlay.dijkstra_s:.2f}x (the floor: the "
        f"{overlay.dijkstra_s:.2f} s its scipy Dijkstra passes take; target 1.5x)"
    )
    print(f"checked against scipy: {len(checked)} random scenarios, {len(wrong)} differ")
    versus = f"{nx_total / t_table:,.0f}x vs networkx, " if nx_masks else ""
    print(
        f"speed-up of the full table: {versus}{sp_total / t_table:,.0f}x vs scipy (against "
        f"extrapolated baselines); most critical crossing {impacts[0].crossing}"
    )
    print(f"peak memory: {_peak_mb():,.0f} MB" + (" (target < 4 GB)" if many else ""))
    if args.scheduler:
        on_dask(overlay, args.scheduler, ours, t_table - t_pre)
    if wrong:
        raise SystemExit(f"overlay table differs from scipy Dijkstra in scenarios {wrong}")


if __name__ == "__main__":
    main()
