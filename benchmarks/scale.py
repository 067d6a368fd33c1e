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

Run ``python benchmarks/scale.py`` for the full size (about 1,000,000 directed edges) or
``--quick`` for a small network (used in CI). It prints times, ratios and peak memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import time
from pathlib import Path

import networkx as nx
import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from corridor import Scenario, dataset_of
from corridor.combos import combination_matrices, combination_scenario
from corridor.impact import default_pairs, impact
from corridor.routing import build_overlay, edge_cost
from geodata import Crossing, Dataset, Place, StatusEvent

COUNTRIES = ("AA", "BB", "CC", "DD")  # laid out 2 x 2
BORDERS = (("AA", "BB"), ("CC", "DD"), ("AA", "CC"), ("BB", "DD"))
K, CITIES = 12, 50
# Scenarios of the full table checked entry by entry against scipy's Dijkstra.
CHECKED = 32
AS_OF = dt.date(2025, 1, 1)


def synthetic_network(side: int, seed: int = 7) -> nx.MultiDiGraph:
    """Return a road graph of four side x side jittered grids joined at K crossings."""
    rng = np.random.default_rng(seed)
    graph = nx.MultiDiGraph()
    origin = {"AA": (0, 0), "BB": (side + 2, 0), "CC": (0, side + 2), "DD": (side + 2, side + 2)}
    places: dict[str, Place] = {}
    for country, (ox, oy) in origin.items():
        xy = rng.normal(0, 0.2, (side, side, 2)) + np.stack(
            np.meshgrid(np.arange(side) + ox, np.arange(side) + oy, indexing="ij"), axis=-1
        )
        names = [[f"{country}-{i}-{j}" for j in range(side)] for i in range(side)]
        graph.add_nodes_from(
            (names[i][j], {"country": country, "kind": "junction"})
            for i in range(side)
            for j in range(side)
        )
        for di, dj in ((1, 0), (0, 1)):
            here, there = xy[: side - di, : side - dj], xy[di:, dj:]
            km = np.hypot(*(here - there).transpose(2, 0, 1)) * 2.0 + 0.1
            for i in range(side - di):
                for j in range(side - dj):
                    u, v, length = names[i][j], names[i + di][j + dj], float(km[i, j]) * 1000
                    attrs = {
                        "length_m": length,
                        "time_s": length / 25,
                        "time_freight_s": length / 22,
                    }
                    graph.add_edge(u, v, **attrs)
                    graph.add_edge(v, u, **attrs)
        picks = rng.choice(side * side, CITIES // len(COUNTRIES) + 1, replace=False)
        for n, flat in enumerate(picks):
            i, j = divmod(int(flat), side)
            node = names[i][j]
            graph.nodes[node]["kind"] = "place"
            places[node] = Place(
                node,
                f"{country} city {n}",
                "",
                (),
                country,
                "city",
                float(xy[i, j, 0]),
                float(xy[i, j, 1]),
                "synthetic",
            )
    while len(places) > CITIES:
        places.popitem()
    crossings: dict[str, Crossing] = {}
    for n, (a, b) in enumerate(BORDERS * 3):
        cid = f"x{n}"
        offset = (n // len(BORDERS) + 1) * side // 4
        horizontal = origin[a][1] == origin[b][1]
        ia, ja = (side - 1, offset) if horizontal else (offset, side - 1)
        ib, jb = (0, offset) if horizontal else (offset, 0)
        crossings[cid] = Crossing(
            cid,
            cid,
            a,
            a,
            b,
            b,
            ("freight", "passenger"),
            4.0,
            1.0,
            0.0,
            0.0,
            "synthetic",
        )
        graph.add_node(cid, country=None, kind="crossing")
        for end in (f"{a}-{ia}-{ja}", f"{b}-{ib}-{jb}"):
            graph.add_edge(end, cid, length_m=1000.0, time_s=40.0, time_freight_s=45.0)
            graph.add_edge(cid, end, length_m=1000.0, time_s=40.0, time_freight_s=45.0)
    events = tuple(
        StatusEvent(c, dt.date(2000, 1, 1), "open", "all", "both", "day", "", "s")
        for c in crossings
    )
    graph.graph["dataset"] = Dataset(Path("."), {}, places, crossings, events, {})
    return graph


def _scenario_masks(count: int, rng: np.random.Generator) -> list[int]:
    return [int(m) for m in rng.choice(2**K, count, replace=False)]


def networkx_baseline(graph: nx.MultiDiGraph, masks: list[int], cities: int) -> float:
    """Seconds per scenario for Dijkstra from `cities` cities, scaled to all 50."""
    crossings = list(dataset_of(graph).crossings)
    sources = list(dataset_of(graph).places)[:cities]
    start = time.perf_counter()
    for mask in masks:
        closed = frozenset(c for j, c in enumerate(crossings) if mask >> j & 1)
        scenario = combination_scenario(Scenario(as_of=AS_OF), crossings, closed=closed)
        cost = edge_cost(graph, scenario)
        for city in sources:
            nx.single_source_dijkstra_path_length(graph, city, weight=cost)
    return (time.perf_counter() - start) / len(masks) * CITIES / cities


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


def main() -> None:
    """Run the benchmark and print the measured figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small network, for CI")
    args = parser.parse_args()
    side = 60 if args.quick else 250
    rng = np.random.default_rng(1)

    t = time.perf_counter()
    graph = synthetic_network(side)
    print(
        f"network: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} directed "
        f"edges, {K} crossings, {CITIES} cities ({time.perf_counter() - t:.1f} s to generate)"
    )

    nx_masks = _scenario_masks(1 if args.quick else 2, rng)
    nx_cities = 3 if args.quick else 5
    nx_per_scenario = networkx_baseline(graph, nx_masks, cities=nx_cities)
    checked = _scenario_masks(CHECKED, rng)
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
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"networkx baseline: {nx_per_scenario:.2f} s per scenario (measured on {len(nx_masks)} "
        f"scenario(s) x {nx_cities} of {CITIES} cities, scaled to {CITIES} cities) -> "
        f"{nx_total:,.0f} s for {scenarios} scenarios (extrapolated)"
    )
    print(
        f"scipy baseline:    {sp_per_scenario:.3f} s per scenario (measured on {len(checked)} "
        f"scenarios x {CITIES} cities) -> {sp_total:,.0f} s for {scenarios} (extrapolated)"
    )
    print(
        f"ours:              preprocessing {t_pre:.1f} s, full {scenarios} x {CITIES}x{CITIES} "
        f"table {t_table:.1f} s, with impact ranking {t_total:.1f} s (all measured; "
        f"{finite:,} finite entries)"
    )
    print(f"checked against scipy: {len(checked)} random scenarios, {len(wrong)} differ")
    print(
        f"speed-up of the full table: {nx_total / t_table:,.0f}x vs networkx, "
        f"{sp_total / t_table:,.0f}x vs scipy (both against extrapolated baselines); most "
        f"critical crossing {impacts[0].crossing}"
    )
    print(f"peak memory: {peak_mb:,.0f} MB")
    if wrong:
        raise SystemExit(f"overlay table differs from scipy Dijkstra in scenarios {wrong}")


if __name__ == "__main__":
    main()
