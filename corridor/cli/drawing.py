"""Maps and pictures for the command line: the only module of ``corridor`` that imports ``maps``.

``maps`` (folium, matplotlib) takes a while to import, so it is imported only when a command
draws something.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import networkx as nx

from corridor.comparison import Outcome
from corridor.scenario import Scenario

__all__ = ["write_pictures", "write_whatif"]


def write_pictures(
    args: argparse.Namespace,
    graph: nx.MultiDiGraph,
    outcomes: Sequence[Outcome],
    *,
    scenario: Scenario,
    baseline: Outcome | None = None,
) -> None:
    """Write the ``--map`` (HTML) and ``--png`` (picture) of the outcomes, if asked for."""
    if not args.map and not args.png:
        return
    from maps import render_png, route_map, save_map

    names = graph.nodes
    ends = next((o.route for o in outcomes if o.route), None)
    title = (
        f"{names[ends.origin]['name']} - {names[ends.destination]['name']}"
        if ends
        else f"{args.origin} - {args.destination}"
    )
    if args.map:
        fmap = route_map(graph, outcomes, scenario=scenario, title=title, baseline=baseline)
        print(f"Map written to {save_map(fmap, args.map)}", file=sys.stderr)
    if args.png:
        path = render_png(graph, outcomes, scenario=scenario, title=title, path=args.png)
        print(f"Picture written to {path}", file=sys.stderr)


def write_whatif(
    args: argparse.Namespace,
    graph: nx.MultiDiGraph,
    *,
    scenario: Scenario,
    places: Sequence[str],
    crossings: Sequence[str],
) -> None:
    """Write the what-if map (``--out``) and its static picture (``--png``)."""
    from maps import render_png, save_map, whatif_map

    fmap = whatif_map(graph, scenario=scenario, places=places, crossings=crossings)
    print(f"Map written to {save_map(fmap, args.out)}", file=sys.stderr)
    if args.png:
        title = "Road corridors and border crossings"
        path = render_png(graph, [], scenario=scenario, title=title, path=args.png)
        print(f"Picture written to {path}", file=sys.stderr)
