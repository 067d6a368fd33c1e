"""OpenStreetMap import benchmark: a country-scale synthetic extract, imported and routed on.

Writes a synthetic ``.osm`` extract over Syria, Iraq, Jordan and southern Turkey (the bundled
outlines): parallel east-west roads of densely spaced nodes (every 80 m or so, as surveyed OSM
roads are), chained way after way and tied to the next road north by short links, plus one
short road with two border posts (one per side) through each of 12 curated crossings. Then, each
in a child process (so that its peak memory is its own, from ``os.wait4``):

* ``corridor import osm EXTRACT --out DIR`` against the targets (2 minutes, 4 GB);
* ``corridor route Damascus Baghdad --data DIR`` cold (dataset and graph built, then cached)
  and again from the cache;
* ``corridor map --data DIR --places <50 places>``: the what-if page on the portal legs (size
  against 1.5 MB), then re-routed in Chromium (each change timed, target 100 ms, and checked
  against Python's route).

``python benchmarks/osm.py`` runs the full size (over 2,000,000 nodes and 250,000 ways);
``--quick`` a small extract (seconds). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from itertools import pairwise
from pathlib import Path

import numpy as np

from geodata import load_dataset
from geodata.borders import countries_of

COUNTRIES = ("SY", "IQ", "JO", "TR")
CROSSINGS = (
    "al-qaim",
    "al-walid",
    "rabia",
    "trebil",
    "nasib",
    "ramtha",
    "bab-al-hawa",
    "bab-al-salameh",
    "jarabulus",
    "akcakale",
    "ceylanpinar",
    "nusaybin",
)
BOX = (35.6, 30.0, 46.0, 37.4)  # min lon, min lat, max lon, max lat
TARGET_S, TARGET_GB = 120.0, 4.0
WAY_STEPS = 8  # nodes per way, less one: ways share their end nodes
LINK_EVERY = 10  # ways between two links north


def _grid(rows: int, columns: int) -> tuple[np.ndarray, np.ndarray]:
    lon = np.linspace(BOX[0], BOX[2], columns)
    lat = np.linspace(BOX[1], BOX[3], rows)
    return lon, lat


def _node(row: int, column: int, columns: int) -> int:
    return row * columns + column + 1


def _crossing_roads(
    lon: np.ndarray, lat: np.ndarray, first_id: int
) -> tuple[list[str], list[str], int]:
    """Return node and way lines of one road with two posts through each crossing."""
    dataset = load_dataset()
    outlines = {iso: dataset.countries[iso].outline for iso in COUNTRIES}
    nodes, ways, next_id = [], [], first_id
    columns = len(lon)
    for crossing_id in CROSSINGS:
        crossing = dataset.crossings[crossing_id]
        # The grid nodes near the crossing, on each side of the border.
        near_c = np.flatnonzero(np.abs(lon - crossing.lon) < 0.1)
        near_r = np.flatnonzero(np.abs(lat - crossing.lat) < max(0.1, 1.5 * (lat[1] - lat[0])))
        rr, cc = np.meshgrid(near_r, near_c, indexing="ij")
        x, y = lon[cc.ravel()], lat[rr.ravel()]
        country = countries_of(x, y, outlines)
        gap = np.hypot((x - crossing.lon) * np.cos(np.radians(y)), y - crossing.lat)
        ends = []
        for side in (crossing.country_a, crossing.country_b):
            mine = np.flatnonzero(country == side)
            best = mine[np.argmin(gap[mine])]
            ends.append((int(rr.ravel()[best]), int(cc.ravel()[best])))
        (ra, ca), (rb, cb) = ends
        ax, ay, bx, by = lon[ca], lat[ra], lon[cb], lat[rb]
        # The posts stand 1 km or so either side of where the road passes the curated point.
        dx, dy = bx - ax, by - ay
        along = ((crossing.lon - ax) * dx + (crossing.lat - ay) * dy) / (dx * dx + dy * dy)
        step = 0.01 / float(np.hypot(dx, dy))
        posts = []
        for share, side in ((along - step, crossing.name_a), (along + step, crossing.name_b)):
            share = min(max(share, 0.05), 0.95)
            px, py = ax + share * dx, ay + share * dy
            tags = f'<tag k="barrier" v="border_control"/><tag k="name" v="{side} border post"/>'
            nodes.append(
                f' <node id="{next_id}" version="1" lat="{py:.7f}" lon="{px:.7f}">{tags}</node>\n'
            )
            posts.append(next_id)
            next_id += 1
        refs = [_node(ra, ca, columns), *posts, _node(rb, cb, columns)]
        nds = "".join(f'<nd ref="{r}"/>' for r in refs)
        ways.append(f' <way id="{next_id}" version="1">{nds}<tag k="highway" v="primary"/></way>\n')
        next_id += 1
    return nodes, ways, next_id


def _grid_ways(rows: int, columns: int) -> Iterator[str]:
    way = 0
    for row in range(rows):
        for start in range(0, columns - 1, WAY_STEPS):
            way += 1
            refs = range(
                _node(row, start, columns),
                _node(row, min(start + WAY_STEPS, columns - 1), columns) + 1,
            )
            nds = "".join(f'<nd ref="{r}"/>' for r in refs)
            kind = "trunk" if row % 10 == 0 else "primary"
            tags = f'<tag k="highway" v="{kind}"/><tag k="ref" v="R{row}"/>'
            yield f' <way id="{way}" version="1">{nds}{tags}</way>\n'
            if row + 1 < rows and (start // WAY_STEPS) % LINK_EVERY == 0:
                way += 1
                a, b = _node(row, start, columns), _node(row + 1, start, columns)
                nds = f'<nd ref="{a}"/><nd ref="{b}"/><tag k="highway" v="secondary"/>'
                yield f' <way id="{way}" version="1">{nds}</way>\n'


def write_extract(path: Path, *, rows: int, columns: int) -> tuple[int, int]:
    """Write the synthetic extract; return its node and way counts."""
    lon, lat = _grid(rows, columns)
    first_id = rows * columns + 1
    post_nodes, post_ways, _ = _crossing_roads(lon, lat, first_id + 10_000_000)
    ways = 0
    with path.open("w", encoding="utf-8") as handle:
        handle.write("<?xml version='1.0' encoding='UTF-8'?>\n")
        handle.write('<osm version="0.6" generator="corridor benchmark">\n')
        texts = [f"{v:.7f}" for v in lon]
        for row in range(rows):
            y = f"{lat[row]:.7f}"
            base = row * columns + 1
            handle.writelines(
                f' <node id="{base + c}" version="1" lat="{y}" lon="{x}"/>\n'
                for c, x in enumerate(texts)
            )
        handle.writelines(post_nodes)
        for line in _grid_ways(rows, columns):
            handle.write(line)
            ways += 1
        handle.writelines(post_ways)
        handle.write("</osm>\n")
    return rows * columns + len(post_nodes), ways + len(post_ways)


def _child(args: Sequence[str], cache: Path) -> tuple[int, float, float, str]:
    """Run the command line in a child; return its exit code, seconds, peak GB and output."""
    start = time.perf_counter()
    env = {**os.environ, "CORRIDOR_CACHE_DIR": str(cache)}  # never the user's cache
    with tempfile.TemporaryFile("w+") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "corridor", *args],
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        log.seek(0)
        text = log.read()
    return process.returncode, seconds, usage.ru_maxrss / 1024**2, text  # maxrss is in KiB


def main() -> None:
    """Write, import and route; print the figures against their targets."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a small extract, for CI")
    parser.add_argument("--keep", metavar="DIR", help="write the extract and dataset here")
    args = parser.parse_args()
    rows, columns = (60, 1_500) if args.quick else (150, 13_600)
    with tempfile.TemporaryDirectory(prefix="corridor-osm-bench-") as scratch:
        folder = Path(args.keep) if args.keep else Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        extract, out = folder / "synthetic.osm", folder / "imported"
        cache = Path(scratch) / "cache"
        t = time.perf_counter()
        nodes, ways = write_extract(extract, rows=rows, columns=columns)
        size = extract.stat().st_size / 1e6
        print(
            f"extract: {nodes:,} nodes, {ways:,} ways, {len(CROSSINGS)} crossings with 2 posts "
            f"each, {size:,.0f} MB XML ({time.perf_counter() - t:.1f} s to write)"
        )
        code, seconds, peak, text = _child(
            ["import", "osm", str(extract), "--out", str(out)], cache
        )
        print(text.rstrip())
        if code:
            raise SystemExit(f"import failed with exit code {code}")
        print(
            f"import: {seconds:.1f} s (target < {TARGET_S:.0f} s, ratio {seconds / TARGET_S:.2f}), "
            f"peak memory {peak:.2f} GB (target < {TARGET_GB:.0f} GB, ratio "
            f"{peak / TARGET_GB:.2f})"
        )
        route = ["route", "Damascus", "Baghdad", "--data", str(out), "--as-of", "2025-07-01"]
        for label in ("cold", "cached"):
            code, seconds, peak, text = _child(route, cache)
            first = text.splitlines()[0] if text else ""
            print(
                f"route {label}: {seconds:.1f} s, peak memory {peak:.2f} GB (exit {code}): {first}"
            )
        whatif_on(out, cache)


def whatif_on(out: Path, cache: Path) -> None:
    """Write the what-if map of the imported network for 50 places; time it in Chromium."""
    from whatif import measure

    from corridor import build_graph

    dataset = load_dataset(out)
    # 50 places: the ones on the routes measured first, then the rest in id order.
    places = list(dict.fromkeys(["damascus", "baghdad", "amman", "homs", *sorted(dataset.places)]))
    places = [p for p in places if p in dataset.places and dataset.places[p].kind != "junction"][
        :50
    ]
    page = out.parent / "whatif.html"
    code, seconds, peak, text = _child(
        ["map", "--out", str(page), "--data", str(out), "--places", ",".join(places),
         "--as-of", "2025-07-01"], cache,
    )  # fmt: skip
    if code:
        raise SystemExit(f"map failed with exit code {code}: {text}")
    print(
        f"what-if map written in {seconds:.1f} s, peak {peak:.2f} GB: "
        f"{page.stat().st_size / 1e6:.2f} MB (target < 1.5 MB) for {len(places)} places"
    )
    pairs = list(pairwise(places[:9]))
    measure(page, build_graph(dataset), pairs * 3, ("2024-12-20", "2025-07-01") * 5)


if __name__ == "__main__":
    main()
