"""Commands about one trip: ``route``, ``compare`` and ``combos``."""

from __future__ import annotations

import argparse
import sys

import networkx as nx

from corridor import report
from corridor.alternatives import alternatives
from corridor.cli_args import (
    EXIT_NO_ROUTE,
    EXIT_OK,
    InputError,
    crossing_ids,
    forced_scenario,
    named_scenario,
    scenario_from,
)
from corridor.combos import combinations
from corridor.compare import Outcome, compare, evaluate
from corridor.convert import comparison_to_dict, outcome_to_dict, routes_to_geojson
from corridor.graph import build_graph
from corridor.overlay import build_overlay
from corridor.progress import progress_bar
from corridor.routing import NoRouteError
from corridor.scenario import Scenario
from geodata import Dataset, resolve

COMBO_LIMIT = 20  # 2**20 combinations is about a million: beyond that, ask for fewer crossings


def write_pictures(
    args: argparse.Namespace,
    graph: nx.MultiDiGraph,
    outcomes: list[Outcome],
    *,
    scenario: Scenario,
    baseline: Outcome | None = None,
) -> None:
    """Write the --map (HTML) and --png (picture) of the outcomes, if asked for."""
    if not args.map and not args.png:
        return
    # folium and matplotlib take a while to import; only commands that draw pay for them.
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


def cmd_route(args: argparse.Namespace, dataset: Dataset) -> int:
    """Route between two places."""
    graph = build_graph(dataset)
    scenario = forced_scenario(args, dataset)
    if args.alternatives is not None:
        return _alternatives(args, graph, scenario)
    outcome = evaluate(
        graph, args.origin, args.destination, scenario, label=report.scenario_label(scenario, graph)
    )
    write_pictures(args, graph, [outcome], scenario=scenario)
    if args.format == "json":
        report.print_json(outcome_to_dict(outcome, graph))
    elif args.format == "geojson":
        report.print_json(routes_to_geojson([outcome], graph))
    elif outcome.route is None:
        report.console().print(f"No route: {outcome.reason}")
    else:
        report.print_route(outcome.route, graph, report.console())
    return EXIT_OK if outcome.route else EXIT_NO_ROUTE


def _alternatives(args: argparse.Namespace, graph: nx.MultiDiGraph, scenario: Scenario) -> int:
    if args.alternatives < 1:
        msg = f"--alternatives needs a number of routes of at least 1, got {args.alternatives}"
        raise InputError(msg)
    try:
        routes = alternatives(
            graph, args.origin, args.destination, scenario=scenario, k=args.alternatives
        )
    except NoRouteError as exc:
        outcomes = [Outcome(report.scenario_label(scenario, graph), scenario, None, exc.reason)]
        write_pictures(args, graph, outcomes, scenario=scenario)
        if args.format == "table":
            report.console().print(f"No route: {exc.reason}")
        else:
            report.print_json(outcome_to_dict(outcomes[0], graph))
        return EXIT_NO_ROUTE
    outcomes = [Outcome(f"Route {n}", scenario, r) for n, r in enumerate(routes, start=1)]
    write_pictures(args, graph, outcomes, scenario=scenario, baseline=outcomes[0])
    if args.format == "json":
        report.print_json([outcome_to_dict(o, graph) for o in outcomes])
    elif args.format == "geojson":
        report.print_json(routes_to_geojson(outcomes, graph))
    else:
        names = graph.nodes
        rows = [
            {
                "#": n,
                "km": f"{r.distance_km:.0f}",
                "hours": f"{r.time_h:.1f}",
                "crossings": ", ".join(names[c]["name"] for c in r.crossings) or "none",
                "countries": " > ".join(r.countries),
                "roads": ", ".join(dict.fromkeys(leg.ref for leg in r.legs if leg.ref)),
            }
            for n, r in enumerate(routes, start=1)
        ]
        title = (
            f"{len(routes)} distinct routes {names[routes[0].origin]['name']} -> "
            f"{names[routes[0].destination]['name']} ({scenario.mode}, by {scenario.weight},"
            f" status as of {scenario.as_of.isoformat()})"
        )
        report.emit_rows(rows, "table", title=title)
    return EXIT_OK


def cmd_compare(args: argparse.Namespace, dataset: Dataset) -> int:
    """Compare the baseline route with the same trip under one or more scenarios."""
    graph = build_graph(dataset)
    baseline = scenario_from(args, dataset)
    scenarios = [named_scenario(text, baseline, dataset) for text in args.scenario]
    if args.close or args.open:
        forced = forced_scenario(args, dataset)
        scenarios.insert(0, (report.scenario_label(forced, graph), forced))
    if not scenarios:
        msg = (
            "compare needs at least one --close ID, --open ID or --scenario "
            '"NAME: close=ID" to compare with the baseline'
        )
        raise InputError(msg)
    comparison = compare(graph, args.origin, args.destination, scenarios, baseline=baseline)
    outcomes = [comparison.baseline, *comparison.scenarios]
    write_pictures(args, graph, outcomes, scenario=baseline, baseline=comparison.baseline)
    if args.format == "json":
        report.print_json(comparison_to_dict(comparison, graph))
    elif args.format == "geojson":
        report.print_json(routes_to_geojson(outcomes, graph))
    else:
        names = graph.nodes
        title = (
            f"{names[comparison.origin]['name']} -> {names[comparison.destination]['name']}"
            f": {baseline.mode}, by {baseline.weight}, status as of "
            f"{baseline.as_of.isoformat()}"
        )
        report.emit_rows(report.comparison_rows(comparison, graph), args.format, title=title)
    return EXIT_NO_ROUTE if any(o.route is None for o in outcomes) else EXIT_OK


def cmd_combos(args: argparse.Namespace, dataset: Dataset) -> int:
    """Evaluate every open/closed combination of crossings for one trip."""
    graph = build_graph(dataset)
    scenario = forced_scenario(args, dataset)
    places = dataset.places
    origin = resolve(places, args.origin, what="place")
    destination = resolve(places, args.destination, what="place")
    chosen = (
        crossing_ids(dataset, args.crossings.split(","))
        if args.crossings
        else list(dataset.crossings)
    )
    if len(chosen) > COMBO_LIMIT:
        msg = (
            f"{len(chosen)} crossings make 2^{len(chosen)} combinations; pick at most {COMBO_LIMIT}"
        )
        raise InputError(msg)
    with progress_bar(2 ** len(chosen), "combinations") as advance:
        outcomes = combinations(
            build_overlay(graph),
            origin,
            destination,
            scenario,
            crossings=list(dict.fromkeys(chosen)),
            progress=advance,
        )
    names = graph.nodes
    drawn = [
        Outcome(
            "via " + (" > ".join(names[c]["name"] for c in o.crossings) or "no border"),
            o.route.scenario,
            o.route,
        )
        for o in outcomes
        if o.route is not None
    ]
    write_pictures(args, graph, drawn, scenario=scenario, baseline=drawn[0] if drawn else None)
    if args.format == "json":
        report.print_json(
            [
                {
                    "route": outcome_to_dict(Outcome("", scenario, o.route), graph)
                    if o.route
                    else None,
                    "crossings": list(o.crossings),
                    "combinations": o.count,
                    "always_open": sorted(o.always_open),
                    "always_closed": sorted(o.always_closed),
                    "closed_sets": [sorted(s) for s in o.closed_sets],
                }
                for o in outcomes
            ]
        )
    else:
        title = (
            f"{places[origin].name} -> {places[destination].name}: "
            f"{2 ** len(chosen)} combinations of {len(chosen)} crossings, "
            f"{len(outcomes)} distinct outcomes ({scenario.mode}, by {scenario.weight}, "
            f"status as of {scenario.as_of.isoformat()} for crossings not combined)"
        )
        report.emit_rows(report.combo_rows(outcomes, graph), args.format, title=title)
    return EXIT_OK
