"""How fast the what-if map re-routes in headless Chromium (target: under 100 ms per change).

Writes the what-if map of the bundled data, opens it offline in Debian's Chromium, and times
each change of origin, destination and date from the event to the updated summary, inside the
page. Every timed change must have re-routed: the summary after it must show the route Python
finds for the same origin, destination and date, or the benchmark fails. Also times the same
routes in Python as a reference.
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import networkx as nx
from playwright.sync_api import sync_playwright

from corridor import Scenario, build_graph, find_route, load_dataset
from corridor.cli import main as corridor
from maps.headless import CHROMIUM, FLAGS

PAIRS = [
    ("damascus", "baghdad"),
    ("aleppo", "mosul"),
    ("amman", "erbil"),
    ("beirut", "kirkuk"),
    ("latakia", "baghdad"),
    ("homs", "ramadi"),
    ("deir-ez-zor", "amman"),
    ("tartus", "duhok"),
]
TIMED = """([select, value]) => {
  const element = document.getElementById(select);
  const start = performance.now();
  element.value = value;
  element.dispatchEvent(new Event("change"));
  const summary = document.getElementById("corridor-summary");
  const km = summary.getAttribute("data-distance-km");
  const ms = performance.now() - start;
  return [ms, document.getElementById("corridor-origin").value,
          document.getElementById("corridor-destination").value,
          document.getElementById("corridor-date").value, km];
}"""


def measure(
    target: Path, graph: nx.MultiDiGraph, pairs: Sequence[tuple[str, str]], dates: Sequence[str]
) -> None:
    """Time changes of the page at ``target`` in Chromium, check them against ``graph``, print."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(FLAGS))
        page = browser.new_context(offline=True).new_page()
        t = time.perf_counter()
        page.goto(target.as_uri())
        page.wait_for_selector("#corridor-summary[data-distance-km]")
        load_ms = (time.perf_counter() - t) * 1000
        changes = []
        for origin, destination in pairs:
            changes.append(page.evaluate(TIMED, ["corridor-origin", origin]))
            changes.append(page.evaluate(TIMED, ["corridor-destination", destination]))
        for date in dates:
            changes.append(page.evaluate(TIMED, ["corridor-date", date]))
        browser.close()
    expected: dict[tuple[str, str, str], float] = {}
    for _, origin, destination, date, _ in changes:
        if origin != destination and (origin, destination, date) not in expected:
            scenario = Scenario(as_of=dt.date.fromisoformat(date))
            route = find_route(graph, origin, destination, scenario=scenario)
            expected[(origin, destination, date)] = route.distance_km
    wrong = [
        change
        for change in changes
        if change[1] != change[2]
        and abs(float(change[4] or "nan") - expected[(change[1], change[2], change[3])]) > 0.1
    ]
    t = time.perf_counter()
    for origin, destination in pairs:
        find_route(graph, origin, destination, scenario=Scenario(as_of=dt.date(2025, 7, 1)))
    python_ms = (time.perf_counter() - t) * 1000 / len(pairs)
    times = [change[0] for change in changes]
    size = target.stat().st_size / 1e6
    print(f"what-if map: {size:.2f} MB, opened and routed in {load_ms:.0f} ms")
    print(
        f"re-route per change in Chromium: median {statistics.median(times):.1f} ms, "
        f"max {max(times):.1f} ms over {len(times)} changes (target: under 100 ms); "
        f"{len(times) - len(wrong)} of {len(times)} showed the route Python finds"
    )
    print(
        f"the same route in Python (networkx): {python_ms:.1f} ms; ratio browser/Python "
        f"{statistics.median(times) / python_ms:.2f}"
    )
    if wrong:
        raise SystemExit(f"changes that did not show the right route: {wrong[:3]}")


def main() -> None:
    """Time re-routing of the bundled what-if map in the browser and print the figures."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "corridor.html"
        corridor(["map", "--out", str(target), "--as-of", "2025-07-01"])
        dates = ("2024-12-20", "2025-03-01", "2025-07-01", "2026-11-26") * 5
        measure(target, build_graph(load_dataset()), PAIRS * 5, dates)


if __name__ == "__main__":
    main()
