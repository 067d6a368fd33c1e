"""The ``corridor`` command line: the one place that wires geodata, corridor and maps together.

Exit codes: 0 ok, 1 no route, 2 bad input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

import networkx as nx
from rich.console import Console
from rich.table import Table

from corridor.compare import Comparison, Outcome, compare, evaluate
from corridor.convert import (
    comparison_to_dict,
    crossing_rows,
    outcome_to_dict,
    routes_to_geojson,
)
from corridor.export import EXPORT_FORMATS, export_network
from corridor.files import OutputError, check_writable
from corridor.graph import build_graph
from corridor.routing import Route, blocked_crossings
from corridor.scenario import WEIGHTS, Scenario
from geodata import DataError, Dataset, UnknownNameError, load_dataset, resolve, timeline
from geodata.records import MODES
from geodata.validate import summary, validate

EXIT_OK, EXIT_NO_ROUTE, EXIT_BAD_INPUT = 0, 1, 2
EXIT_FAILED = EXIT_NO_ROUTE  # validate: a check failed


class InputError(ValueError):
    """The command line asks for something that cannot be done as written."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, like every other error of the tool."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"corridor: error: {message} (see '{self.prog} --help')\n")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        msg = f"invalid date {text!r}; use YYYY-MM-DD, e.g. 2025-03-01"
        raise argparse.ArgumentTypeError(msg) from None


def _parser() -> argparse.ArgumentParser:
    data = _Parser(add_help=False)
    data.add_argument("--data", metavar="DIR", help="dataset directory (default: bundled data)")
    data.add_argument(
        "--status",
        metavar="FILE",
        action="append",
        default=[],
        help="extra status events CSV overlaid on the timeline (repeatable)",
    )
    when = _Parser(add_help=False)
    when.add_argument(
        "--as-of",
        type=_date,
        default=dt.date.today(),
        metavar="YYYY-MM-DD",
        help="crossing status on this date (default: today)",
    )
    when.add_argument(
        "--mode",
        choices=MODES,
        default="freight",
        help="traffic whose status, delays and speeds apply (default: freight)",
    )
    trip = _Parser(add_help=False)
    trip.add_argument("origin")
    trip.add_argument("destination")
    trip.add_argument(
        "--close",
        action="append",
        default=[],
        metavar="ID",
        help="force a crossing closed (repeatable)",
    )
    trip.add_argument(
        "--open",
        action="append",
        default=[],
        metavar="ID",
        help="force a crossing open (repeatable)",
    )
    trip.add_argument(
        "--by",
        choices=WEIGHTS,
        default="distance",
        help="minimise distance or time incl. border delay (default: distance)",
    )
    trip.add_argument(
        "--avoid-country",
        action="append",
        default=[],
        metavar="ISO2",
        help="do not transit this country (repeatable)",
    )
    trip.add_argument("--map", metavar="PATH", help="write an interactive HTML map")

    parser = _Parser(
        prog="corridor",
        description="What happens to a route across borders when a crossing closes.",
    )
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )
    route = commands.add_parser("route", parents=[trip, when, data], help="route between places")
    route.add_argument("--format", choices=("table", "json", "geojson"), default="table")
    comp = commands.add_parser(
        "compare",
        parents=[trip, when, data],
        help="compare a route with crossings closed against the baseline",
    )
    comp.add_argument("--format", choices=("table", "json", "geojson"), default="table")
    cross = commands.add_parser(
        "crossings", parents=[when, data], help="list crossings and their status on a date"
    )
    cross.add_argument("--format", choices=("table", "json"), default="table")
    cross.add_argument("--history", metavar="ID", help="print one crossing's timeline with sources")
    places = commands.add_parser("places", parents=[data], help="list known places and aliases")
    places.add_argument("--format", choices=("table", "json"), default="table")
    commands.add_parser("validate", parents=[data], help="check a dataset and list every problem")
    export = commands.add_parser(
        "export", parents=[when, data], help="write the network for QGIS and other GIS tools"
    )
    export.add_argument("--format", choices=EXPORT_FORMATS, default="gpkg")
    export.add_argument("out", metavar="OUT", help="GeoPackage file, or folder for geojson/csv")
    return parser


def _scenario(args: argparse.Namespace, dataset: Dataset, *, forced: bool) -> Scenario:
    if getattr(args, "map", None):
        check_writable(args.map)  # fail before the work, not after it
    countries = {p.country for p in dataset.places.values()}
    for code in args.avoid_country:
        if code.upper() not in countries:
            msg = f"unknown country {code!r}; use one of {', '.join(sorted(countries))}"
            raise InputError(msg)
    base = Scenario(
        as_of=args.as_of,
        mode=args.mode,
        weight=args.by,
        avoid_countries=frozenset(c.upper() for c in args.avoid_country),
    )
    if not forced:
        return base
    return base.with_changes(
        close=_crossings(dataset, args.close), open_=_crossings(dataset, args.open)
    )


def _crossings(dataset: Dataset, names: Sequence[str]) -> list[str]:
    ids = []
    for name in names:
        try:
            ids.append(resolve(dataset.crossings, name, what="crossing"))
        except UnknownNameError:
            msg = f"unknown crossing {name!r}; valid ids: {', '.join(sorted(dataset.crossings))}"
            raise InputError(msg) from None
    return ids


def _console() -> Console:
    # markup=False: place names from data must print as they are, brackets and all.
    return Console(highlight=False, markup=False, width=None if sys.stdout.isatty() else 120)


def _print_json(payload: Any) -> None:
    print(json.dumps(payload, ensure_ascii=False, indent=2))


def _legs_table(route: Route, graph: nx.MultiDiGraph) -> Table:
    table = Table(title="Legs", title_justify="left", show_edge=False)
    for column, justify in (("Road", "left"), ("From", "left"), ("To", "left"), ("km", "right")):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for leg in route.legs:
        table.add_row(
            leg.ref or leg.name,
            graph.nodes[leg.start]["name"],
            graph.nodes[leg.end]["name"],
            f"{leg.distance_km:,.0f}",
        )
    return table


def _describe(route: Route, graph: nx.MultiDiGraph, console: Console) -> None:
    names = graph.nodes
    s = route.scenario
    console.print(
        f"{names[route.origin]['name']} -> {names[route.destination]['name']}: "
        f"{route.distance_km:,.0f} km, {route.time_h:.1f} h "
        f"({route.driving_h:.1f} h driving + {route.border_delay_h:.1f} h at borders)"
    )
    console.print(
        f"Straight line {route.great_circle_km:,.0f} km; {s.mode}, by {s.weight}, "
        f"crossing status as of {s.as_of.isoformat()}"
    )
    console.print("Countries: " + " > ".join(route.countries))
    via = ", ".join(names[c]["name"] for c in route.crossings) or "none"
    console.print(f"Crossings: {via}")
    console.print(_legs_table(route, graph))


def _explain(route: Route, graph: nx.MultiDiGraph, console: Console) -> None:
    for state in blocked_crossings(graph, route.origin, route.destination, route.scenario):
        name = graph.nodes[state.crossing]["name"]
        console.print(
            f"Re-routed: {name} ({state.crossing}) is {state.reason()}; "
            "with it open the route would be shorter."
        )


def _write_map(
    args: argparse.Namespace,
    graph: nx.MultiDiGraph,
    outcomes: list[Outcome],
    *,
    scenario: Scenario,
    baseline: Outcome | None = None,
) -> None:
    if not args.map:
        return
    # folium takes a while to import; only commands that draw a map pay for it.
    from maps import route_map, save_map

    names = graph.nodes
    ends = next((o.route for o in outcomes if o.route), None)
    title = (
        f"{names[ends.origin]['name']} - {names[ends.destination]['name']}"
        if ends
        else f"{args.origin} - {args.destination}"
    )
    fmap = route_map(graph, outcomes, scenario=scenario, title=title, baseline=baseline)
    path = save_map(fmap, args.map)
    print(f"Map written to {path}", file=sys.stderr)


def _label(scenario: Scenario, graph: nx.MultiDiGraph) -> str:
    parts = []
    if scenario.closed:
        parts.append(", ".join(graph.nodes[c]["name"] for c in sorted(scenario.closed)) + " closed")
    if scenario.opened:
        parts.append(", ".join(graph.nodes[c]["name"] for c in sorted(scenario.opened)) + " open")
    return "; ".join(parts) or "as recorded"


def cmd_route(args: argparse.Namespace, dataset: Dataset) -> int:
    """Route between two places."""
    graph = build_graph(dataset)
    scenario = _scenario(args, dataset, forced=True)
    outcome = evaluate(
        graph, args.origin, args.destination, scenario, label=_label(scenario, graph)
    )
    _write_map(args, graph, [outcome], scenario=scenario)
    if args.format == "json":
        _print_json(outcome_to_dict(outcome, graph))
    elif args.format == "geojson":
        _print_json(routes_to_geojson([outcome], graph))
    elif outcome.route is None:
        _console().print(f"No route: {outcome.reason}")
    else:
        console = _console()
        _describe(outcome.route, graph, console)
        _explain(outcome.route, graph, console)
    return EXIT_OK if outcome.route else EXIT_NO_ROUTE


def _comparison_table(comparison: Comparison, graph: nx.MultiDiGraph) -> Table:
    table = Table(show_edge=False)
    for column in ("Scenario", "km", "hours", "change km", "change %", "crossings", "countries"):
        table.add_column(
            column,
            justify="right" if column in ("km", "hours", "change km", "change %") else "left",
        )
    base = comparison.baseline
    for outcome in (base, *comparison.scenarios):
        route = outcome.route
        if route is None:
            table.add_row(outcome.label, "no route", "", "", "", outcome.reason, "")
            continue
        km, pct = outcome.delta_km(base), outcome.delta_pct(base)
        table.add_row(
            outcome.label,
            f"{route.distance_km:,.0f}",
            f"{route.time_h:.1f}",
            "" if outcome is base else ("n/a" if km is None else f"{km:+,.0f}"),
            "" if outcome is base else ("n/a" if pct is None else f"{pct:+.1f}%"),
            ", ".join(graph.nodes[c]["name"] for c in route.crossings) or "none",
            " > ".join(route.countries),
        )
    return table


def cmd_compare(args: argparse.Namespace, dataset: Dataset) -> int:
    """Compare the baseline route with the same trip under forced closures."""
    if not args.close and not args.open:
        msg = "compare needs at least one --close ID (or --open ID) to compare with the baseline"
        raise InputError(msg)
    graph = build_graph(dataset)
    scenario = _scenario(args, dataset, forced=True)
    baseline = scenario.baseline()
    comparison = compare(
        graph,
        args.origin,
        args.destination,
        [(_label(scenario, graph), scenario)],
        baseline=baseline,
    )
    outcomes = [comparison.baseline, *comparison.scenarios]
    _write_map(args, graph, outcomes, scenario=baseline, baseline=comparison.baseline)
    if args.format == "json":
        _print_json(comparison_to_dict(comparison, graph))
    elif args.format == "geojson":
        _print_json(routes_to_geojson(outcomes, graph))
    else:
        console = _console()
        names = graph.nodes
        console.print(
            f"{names[comparison.origin]['name']} -> {names[comparison.destination]['name']}"
            f": {baseline.mode}, by {baseline.weight}, status as of "
            f"{baseline.as_of.isoformat()}"
        )
        console.print(_comparison_table(comparison, graph))
    no_route = any(o.route is None for o in outcomes)
    return EXIT_NO_ROUTE if no_route else EXIT_OK


def cmd_crossings(args: argparse.Namespace, dataset: Dataset) -> int:
    """List crossings with their status on a date, or one crossing's timeline."""
    if args.history:
        return _history(args, dataset, _crossings(dataset, [args.history])[0])
    rows = crossing_rows(dataset, Scenario(as_of=args.as_of, mode=args.mode))
    if args.format == "json":
        _print_json(rows)
        return EXIT_OK
    table = Table(
        title=f"Crossings on {args.as_of.isoformat()} for {args.mode}",
        title_justify="left",
        show_edge=False,
    )
    for column in ("id", "name", "countries", "status", "since", "source"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            row["id"],
            row["name"],
            "-".join(row["countries"]),
            row["status"],
            row["since"] or "",
            row["source"] or "",
        )
    _console().print(table)
    return EXIT_OK


def _history(args: argparse.Namespace, dataset: Dataset, crossing_id: str) -> int:
    crossing = dataset.crossings[crossing_id]
    rows = []
    for event in timeline(dataset.events, crossing_id):
        source = dataset.sources.get(event.source)
        rows.append(
            {
                "date": event.date.isoformat(),
                "precision": event.precision,
                "status": event.status,
                "mode": event.mode,
                "direction": event.direction,
                "note": event.note,
                "source": source.url if source else event.source,
                "source_title": source.title if source else "",
            }
        )
    if args.format == "json":
        _print_json(
            {
                "id": crossing.id,
                "name": crossing.name,
                "sides": {crossing.country_a: crossing.name_a, crossing.country_b: crossing.name_b},
                "events": rows,
            }
        )
        return EXIT_OK
    table = Table(
        title=f"{crossing.name}: {crossing.name_a} ({crossing.country_a}) - "
        f"{crossing.name_b} ({crossing.country_b})",
        title_justify="left",
        show_edge=False,
    )
    for column in ("date", "status", "mode", "direction", "note", "source"):
        table.add_column(column)
    arrows = {
        "both": "both",
        "a_to_b": f"{crossing.country_a}->{crossing.country_b}",
        "b_to_a": f"{crossing.country_b}->{crossing.country_a}",
    }
    for row in rows:
        date = row["date"] if row["precision"] == "day" else f"{row['date']} (~{row['precision']})"
        table.add_row(
            date,
            row["status"],
            row["mode"],
            arrows[row["direction"]],
            row["note"],
            f"{row['source_title']}\n{row['source']}".strip(),
        )
    _console().print(table)
    return EXIT_OK


def cmd_export(args: argparse.Namespace, dataset: Dataset) -> int:
    """Write places, crossings with their status, and roads for GIS tools."""
    scenario = Scenario(as_of=args.as_of, mode=args.mode)
    for path in export_network(dataset, scenario, args.out, fmt=args.format):
        print(f"wrote {path}")
    return EXIT_OK


def cmd_places(args: argparse.Namespace, dataset: Dataset) -> int:
    """List the places the tool knows, with their aliases."""
    places = sorted(dataset.places.values(), key=lambda p: (p.country, p.name))
    if args.format == "json":
        _print_json(
            [
                {
                    "id": p.id,
                    "name": p.name,
                    "name_ar": p.name_ar,
                    "aliases": list(p.aliases),
                    "country": p.country,
                    "lat": p.lat,
                    "lon": p.lon,
                    "kind": p.kind,
                }
                for p in places
            ]
        )
        return EXIT_OK
    table = Table(show_edge=False)
    for column in ("id", "name", "arabic", "aliases", "country", "kind"):
        table.add_column(column)
    for p in places:
        table.add_row(p.id, p.name, p.name_ar, ", ".join(p.aliases), p.country, p.kind)
    _console().print(table)
    return EXIT_OK


def cmd_validate(args: argparse.Namespace, dataset: Dataset) -> int:
    """Check the dataset; list every problem (exit 1) or print a one-line summary (exit 0)."""
    problems = validate(dataset)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {dataset.path}", file=sys.stderr)
        return EXIT_FAILED
    print(f"ok: {dataset.path}: {summary(dataset)}")
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace, Dataset], int]] = {
    "route": cmd_route,
    "compare": cmd_compare,
    "crossings": cmd_crossings,
    "places": cmd_places,
    "validate": cmd_validate,
    "export": cmd_export,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    args = _parser().parse_args(argv)
    try:
        dataset = load_dataset(args.data, status_files=args.status)
        return COMMANDS[args.command](args, dataset)
    except (DataError, UnknownNameError, InputError, OutputError, ValueError) as exc:
        print(f"corridor: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
