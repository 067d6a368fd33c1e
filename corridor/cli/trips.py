"""Commands about one trip: ``route`` and ``combos`` (``compare`` is in ``comparing``)."""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import TYPE_CHECKING

import networkx as nx

from corridor.cache import network_overlay, trip_overlay
from corridor.cli import output as out
from corridor.cli.args import (
    EXIT_NO_ROUTE,
    EXIT_OK,
    crossing_ids,
    guard_outputs,
    network_from,
    output,
    runner_from,
    scenario_from,
    warn_if_stale,
)
from corridor.cli.drawing import write_pictures
from corridor.comparison import Outcome, evaluate
from corridor.errors import InputError, NoRouteError
from corridor.graph import dataset_of
from corridor.phrases import distance_text, time_text
from corridor.progress import progress_bar
from corridor.routing.core import Route, Trip
from corridor.routing.dijkstra import alternatives
from corridor.routing.explain import blocked_crossings
from corridor.scenario import Scenario
from corridor.uncertainty import difference
from geodata import Dataset

if TYPE_CHECKING:
    from corridor.routing.overlay import Overlay

__all__ = ["cmd_combos", "cmd_route", "prepare", "warn_stale"]


def prepare(args: argparse.Namespace) -> tuple[Dataset, nx.MultiDiGraph, Scenario]:
    """Load the network, refuse bad outputs before any work, and read the scenario."""
    dataset, graph = network_from(args)
    guard_outputs(args, dataset, [output(args, "--map", "html"), output(args, "--png", "png")])
    return dataset, graph, scenario_from(args, dataset)


def _print_route(route: Route, graph: nx.MultiDiGraph, overlay: Overlay | None) -> None:
    """Print a route: totals, countries, crossings, legs, and why it detours."""
    names = graph.nodes
    console = out.console()
    console.print(
        out.text(
            f"{names[route.origin]['name']} -> {names[route.destination]['name']}: "
            f"{distance_text(route)}, {time_text(route)}: {route.driving_h:.1f} h "
            f"driving + {route.border_delay_h:.1f} h at borders, estimated"
        )
    )
    console.print(
        f"Straight line {route.great_circle_km:,.0f} km; {out.scenario_title(route.scenario)}"
    )
    console.print("Countries: " + " > ".join(route.countries))
    crossings = ", ".join(names[c]["name"] for c in route.crossings) or "none"
    console.print(out.text(f"Crossings: {crossings}"))
    legs = [
        {
            "Road": leg.ref or leg.name,
            "From": names[leg.start]["name"],
            "To": names[leg.end]["name"],
            "km": f"{leg.distance_km:,.0f}",
        }
        for leg in route.legs
    ]
    out.emit(legs, "table", title="Legs", numeric=("km",))
    trip = Trip.resolve(graph, route.origin, route.destination, route.scenario)
    for state in blocked_crossings(trip, overlay=overlay):
        console.print(
            out.text(
                f"Re-routed: {names[state.crossing]['name']} ({state.crossing}) is "
                f"{state.reason()}; with it open the route would be shorter."
            )
        )


def _fastest(graph: nx.MultiDiGraph, outcome: Outcome, overlay: Overlay | None) -> Route | None:
    """Return the route by time when freight routed by distance has a faster one."""
    route, scenario = outcome.route, outcome.scenario
    if route is None or scenario.weight != "distance" or scenario.mode != "freight":
        return None
    timed = evaluate(
        graph,
        route.origin,
        route.destination,
        scenario=replace(scenario, weight="time"),
        overlay=overlay,
    ).route
    faster = timed is not None and round(timed.time_h, 1) < round(route.time_h, 1)
    return timed if faster else None


def _about_as_fast(fastest: Route, route: Route) -> bool:
    return difference(fastest.breakdown, route.breakdown).time_within_uncertainty


def _fastest_text(fastest: Route, route: Route, graph: nx.MultiDiGraph) -> str:
    via = ", ".join(graph.nodes[c]["name"] for c in fastest.crossings) or "no border"
    equal = "about equal: within the uncertainty of the times; " * _about_as_fast(fastest, route)
    return (
        f"Fastest: via {via}, {fastest.time_h:.1f} h instead of {route.time_h:.1f} h "
        f"({equal}{fastest.distance_km:,.0f} km; border delays are estimates)"
    )


def warn_stale(graph: nx.MultiDiGraph, scenario: Scenario, outcomes: list[Outcome]) -> None:
    """Warn when the routes for today rely on old statuses."""
    used = dict.fromkeys(c for o in outcomes if o.route for c in o.route.crossings)
    warn_if_stale(dataset_of(graph), scenario, list(used))


def cmd_route(args: argparse.Namespace) -> int:
    """Route between two places."""
    _, graph, scenario = prepare(args)
    if args.alternatives is not None:
        return _alternatives(args, graph, scenario)
    label, overlay = out.scenario_label(scenario, graph), trip_overlay(graph)
    outcome = evaluate(
        graph, args.origin, args.destination, scenario=scenario, label=label, overlay=overlay
    )
    warn_stale(graph, scenario, [outcome])
    write_pictures(args, graph, [outcome], scenario=scenario)
    fastest = _fastest(graph, outcome, overlay)
    if args.format == "json":
        record = out.outcome_record(outcome, graph)
        if outcome.route is not None and scenario.mode == "freight":
            record["fastest"] = out.route_record(fastest, graph) if fastest else None
            if fastest is not None and outcome.route is not None:
                record["fastest"]["time_within_uncertainty"] = _about_as_fast(
                    fastest, outcome.route
                )
        out.print_json(record)
    elif args.format == "geojson":
        out.print_json(out.routes_geojson([outcome], graph))
    elif outcome.route is None:
        out.console().print(out.text(f"No route: {outcome.reason}"))
    else:
        _print_route(outcome.route, graph, overlay)
        if fastest is not None:
            out.console().print(out.text(_fastest_text(fastest, outcome.route, graph)))
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
        label = out.scenario_label(scenario, graph)
        outcomes = [Outcome(label, scenario, None, exc.reason)]
        write_pictures(args, graph, outcomes, scenario=scenario)
        if args.format == "table":
            out.console().print(out.text(f"No route: {exc.reason}"))
        else:
            out.print_json(out.outcome_record(outcomes[0], graph))
        return EXIT_NO_ROUTE
    outcomes = [Outcome(f"Route {n}", scenario, r) for n, r in enumerate(routes, start=1)]
    write_pictures(args, graph, outcomes, scenario=scenario, baseline=outcomes[0])
    if args.format == "json":
        out.print_json([out.outcome_record(o, graph) for o in outcomes])
    elif args.format == "geojson":
        out.print_json(out.routes_geojson(outcomes, graph))
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
            f"{names[routes[0].destination]['name']} ({out.scenario_title(scenario)})"
        )
        out.emit(rows, "table", title=title, numeric=("km", "hours"))
    return EXIT_OK


def cmd_combos(args: argparse.Namespace) -> int:
    """Evaluate every open/closed combination of crossings for one trip."""
    # The overlay's modules load scipy: only the commands that sweep scenarios pay for it.
    from corridor.combos import combinations

    dataset, graph, scenario = prepare(args)
    chosen = (
        crossing_ids(dataset, args.crossings.split(","), option="--crossings")
        if args.crossings is not None
        else list(dataset.crossings)
    )
    trip = Trip.resolve(graph, args.origin, args.destination, scenario)
    overlay = network_overlay(graph)
    with runner_from(args) as runner, progress_bar(2 ** len(chosen), "combinations") as advance:
        outcomes = combinations(
            overlay,
            trip.origin,
            trip.destination,
            scenario=scenario,
            crossings=chosen,
            progress=advance,
            runner=runner,
            memory=args.memory,
        )
    warn_stale(graph, scenario, [Outcome("", scenario, o.route) for o in outcomes])
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
        out.print_json(
            [
                {
                    "route": out.outcome_record(Outcome("", scenario, o.route), graph)
                    if o.route
                    else None,
                    "crossings": list(o.crossings),
                    "combinations": o.count,
                    "always_open": sorted(o.always_open),
                    "always_closed": sorted(o.always_closed),
                    "closed_sets": [sorted(s) for s in o.closed_sets()],
                }
                for o in outcomes
            ]
        )
        return EXIT_OK
    rows = [
        {
            "route": (" > ".join(names[c]["name"] for c in o.crossings) or "no crossing")
            if o.route
            else "no route",
            "km": f"{o.route.distance_km:.0f}" if o.route else "",
            "hours": f"{o.route.time_h:.1f}" if o.route else "",
            "combinations": o.count,
            "needs_open": ", ".join(sorted(o.always_open)),
            "always_closed": ", ".join(sorted(o.always_closed)),
        }
        for o in outcomes
    ]
    title = (
        f"{names[trip.origin]['name']} -> {names[trip.destination]['name']}: "
        f"{2 ** len(chosen)} combinations of {len(chosen)} crossings, "
        f"{len(outcomes)} distinct outcomes ({out.scenario_title(scenario)} for crossings "
        "not combined)"
    )
    context = out.scenario_context(scenario)
    out.emit(rows, args.format, title=title, context=context, numeric=("km", "hours"))
    return EXIT_OK
