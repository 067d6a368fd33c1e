"""One trip's search over the crossings equals the all-pairs closure, scenario by scenario."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

import numpy as np
import pytest

from corridor import Scenario, build_graph
from corridor.routing import build_overlay
from corridor.routing.minplus import allowed_countries, gates, tables, with_closures
from corridor.routing.onetrip import trip_batch
from corridor.scenario import Weight
from geodata import load_dataset

TRIPS = [("damascus", "baghdad"), ("aleppo", "mosul"), ("amman", "erbil"), ("beirut", "basra")]


@pytest.mark.parametrize("weight", ["distance", "time"])
def test_the_one_trip_search_finds_what_the_closure_finds(weight: Weight) -> None:
    graph = build_graph(load_dataset())
    overlay = build_overlay(graph)
    scenario = Scenario(as_of=dt.date(2025, 7, 1), weight=weight)
    base = gates(overlay, scenario)
    rng = np.random.default_rng(3)
    closed = rng.random((256, len(overlay.crossings))) < 0.4
    batch = with_closures(base, range(len(overlay.crossings)), closed, open_rest=True)
    allowed = allowed_countries(overlay, frozenset())
    tab = tables(overlay, batch, scenario=scenario, allowed=allowed)
    for origin, destination in TRIPS:
        o, d = overlay.place_index(origin), overlay.place_index(destination)
        chain = tab.a[:, o, :, None] + tab.t + tab.b[:, None, :, d]
        expected = chain.reshape(len(closed), -1).min(axis=1)
        found = trip_batch(
            overlay, batch, scenario=scenario, allowed=allowed, origin=o, destination=d
        )
        assert found.via_crossings == pytest.approx(expected, rel=1e-12)
        assert found.direct == tab.direct[o, d]
        # The crossings found are open in their scenario and cost what was found.
        for row in np.flatnonzero(np.isfinite(expected))[:40]:
            hops = [int(h) for h in found.hops[row] if h >= 0]
            assert hops and not closed[row, hops].any()
            cost = tab.a[row, o, hops[0]] + tab.b[row, hops[-1], d]
            cost += sum(tab.t[row, u, v] for u, v in pairwise(hops))
            assert cost == pytest.approx(expected[row], rel=1e-9)
