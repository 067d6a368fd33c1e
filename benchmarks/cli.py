"""How long the command line takes to answer a route (target: under 0.5 s, median).

Times, in fresh processes taking turns, ``corridor route Damascus Baghdad`` on the bundled
data: answered from the cache (a first run fills it), and with ``--no-cache`` (loading,
checking and building everything). Prints each median next to the floor, a Python that only
imports numpy and networkx, and the ratios. Every run uses an empty cache folder of its own.
Run ``python benchmarks/cli.py`` (``--runs N``, default 15).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROUTE = ["-m", "corridor", "route", "Damascus", "Baghdad", "--as-of", "2025-07-01"]
FLOOR = ["-c", "import numpy, networkx"]


def _medians_s(commands: list[list[str]], runs: int, env: dict[str, str]) -> list[float]:
    """Time each command ``runs`` times, taking turns, so a change in load hits all alike."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for args, spent in zip(commands, times, strict=True):
            start = time.perf_counter()
            subprocess.run([sys.executable, *args], check=True, env=env, stdout=subprocess.DEVNULL)
            spent.append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]


def main() -> None:
    """Time the route, cached and uncached, against the floor."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "CORRIDOR_CACHE_DIR": cache}
        subprocess.run([sys.executable, *ROUTE], check=True, env=env, stdout=subprocess.DEVNULL)
        floor, cached, uncached = _medians_s([FLOOR, ROUTE, [*ROUTE, "--no-cache"]], runs, env)
    print(f"floor (python -c 'import numpy, networkx'): {floor:.3f} s median of {runs}")
    verdict = "met" if cached < 0.5 else "NOT met"
    print(
        f"corridor route Damascus Baghdad, cached:     {cached:.3f} s median of {runs} "
        f"({cached / floor:.2f}x the floor; target < 0.5 s: {verdict})"
    )
    print(
        f"corridor route Damascus Baghdad, --no-cache: {uncached:.3f} s median of {runs} "
        f"({uncached / floor:.2f}x the floor; {uncached / cached:.2f}x cached)"
    )


if __name__ == "__main__":
    main()
