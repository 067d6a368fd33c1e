"""The ``corridor`` command line: the one place that wires geodata, corridor and maps together.

Exit codes: 0 ok, 1 no route (or, for ``validate``, a failed check), 2 bad input.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

import networkx as nx

from corridor import report
from corridor.alternatives import alternatives
from corridor.combos import combinations
from corridor.compare import Outcome, compare, evaluate
from corridor.convert import (
    comparison_to_dict,
    crossing_rows,
    history_rows,
    outcome_to_dict,
    place_rows,
    routes_to_geojson,
)
from corridor.export import EXPORT_FORMATS, export_network
from corridor.files import OutputError, check_writable
from corridor.graph import build_graph
from corridor.impact import Pair, default_pairs, impact
from corridor.overlay import Overlay, build_overlay
from corridor.progress import progress_bar
from corridor.routing import NoRouteError
from corridor.scenario import WEIGHTS, Scenario
from geodata import DataError, Dataset, UnknownNameError, load_dataset, resolve
from geodata.records import MODES
from geodata.validate import summary, validate

EXIT_OK, EXIT_NO_ROUTE, EXIT_BAD_INPUT = 0, 1, 2
EXIT_FAILED = EXIT_NO_ROUTE  # validate: a check failed
COMBO_LIMIT = 20  # 2**20 combinations is about a million: beyond that, ask for fewer crossings


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
        "--by",
        choices=WEIGHTS,
        default="distance",
        help="minimise distance, or time including border delay (default: distance)",
    )
    # Constraints on the roads a trip may use, shared by every command that routes.
    limits = _Parser(add_help=False)
    for flag, meta, text in (
        ("--close", "ID", "force a crossing closed"),
        ("--open", "ID", "force a crossing open"),
        ("--avoid-country", "ISO2", "do not transit this country"),
    ):
        limits.add_argument(
            flag, action="append", default=[], metavar=meta, help=f"{text} (repeatable)"
        )
    drawing = _Parser(add_help=False)
    drawing.add_argument("--map", metavar="PATH", help="write an interactive HTML map")
    drawing.add_argument("--png", metavar="PATH", help="write a static PNG picture of the map")

    parser = _Parser(
        prog="corridor",
        description="What happens to a route across borders when a crossing closes.",
    )
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )
    route = commands.add_parser(
        "route", parents=[trip, limits, drawing, when, data], help="route between two places"
    )
    route.add_argument("--format", choices=("table", "json", "geojson"), default="table")
    route.add_argument(
        "--alternatives",
        type=int,
        metavar="K",
        help="list the K shortest distinct routes (Yen), each with its crossings",
    )
    comp = commands.add_parser(
        "compare",
        parents=[trip, limits, drawing, when, data],
        help="compare scenarios of closed crossings with the baseline",
    )
    comp.add_argument(
        "--scenario",
        action="append",
        default=[],
        metavar='"NAME: close=A,B"',
        help="a named scenario: close=IDS and/or open=IDS (repeatable)",
    )
    comp.add_argument(
        "--format", choices=("table", "json", "csv", "markdown", "geojson"), default="table"
    )
    combos = commands.add_parser(
        "combos",
        parents=[trip, limits, drawing, when, data],
        help="every open/closed combination of crossings, grouped",
    )
    combos.add_argument("--crossings", metavar="ID,...", help="crossings to combine (default all)")
    combos.add_argument("--format", choices=("table", "json", "csv", "markdown"), default="table")
    imp = commands.add_parser(
        "impact",
        parents=[limits, when, data],
        help="rank crossings by what closing each alone costs",
    )
    imp.add_argument("--by", choices=WEIGHTS, default="distance", help=argparse.SUPPRESS)
    pairs = imp.add_mutually_exclusive_group()
    pairs.add_argument("--pairs", metavar="FILE", help="CSV of origin,destination[,weight]")
    pairs.add_argument(
        "--between", metavar="ISO2,ISO2", help="only city pairs joining two countries"
    )
    imp.add_argument(
        "--weights", metavar="FILE", help="CSV of place,weight (pair weight = product)"
    )
    imp.add_argument("--format", choices=("table", "csv", "json", "geojson"), default="table")
    what_if = commands.add_parser(
        "map", parents=[when, data], help="write the what-if map: re-route in the browser"
    )
    what_if.add_argument("--out", metavar="PATH", required=True, help="HTML file to write")
    what_if.add_argument("--places", metavar="ID,...", help="places in the pickers")
    what_if.add_argument("--crossings", metavar="ID,...", help="crossings to switch")
    what_if.add_argument("--png", metavar="PATH", help="also write a static PNG picture")
    cross = commands.add_parser(
        "crossings", parents=[when, data], help="list crossings and their status on a date"
    )
    cross.add_argument("--format", choices=("table", "json"), default="table")
    cross.add_argument("--history", metavar="ID", help="print one crossing's timeline and sources")
    places = commands.add_parser("places", parents=[data], help="list known places and aliases")
    places.add_argument("--format", choices=("table", "json"), default="table")
    commands.add_parser("validate", parents=[data], help="check a dataset and list every problem")
    export = commands.add_parser(
        "export", parents=[when, data], help="write the network for QGIS and other GIS tools"
    )
    export.add_argument("--format", choices=EXPORT_FORMATS, default="gpkg")
    export.add_argument("out", metavar="OUT", help="GeoPackage file, or folder for geojson/csv")
    return parser


def _scenario(args: argparse.Namespace, dataset: Dataset) -> Scenario:
    """Return the scenario of the date, traffic, weight and avoided countries (nothing forced)."""
    for output in (getattr(args, "map", None), getattr(args, "png", None)):
        if output:
            check_writable(output)  # fail before the work, not after it
    countries = {p.country for p in dataset.places.values()}
    for code in args.avoid_country:
        if code.upper() not in countries:
            msg = f"unknown country {code!r}; use one of {', '.join(sorted(countries))}"
            raise InputError(msg)
    return Scenario(
        as_of=args.as_of,
        mode=args.mode,
        weight=args.by,
        avoid_countries=frozenset(c.upper() for c in args.avoid_country),
    )


def _forced(args: argparse.Namespace, dataset: Dataset) -> Scenario:
    """Return the scenario with the crossings forced by --close and --open."""
    return _scenario(args, dataset).with_changes(
        close=_crossings(dataset, args.close), open_=_crossings(dataset, args.open)
    )


def _crossings(dataset: Dataset, names: Sequence[str]) -> list[str]:
    ids = []
    for name in names:
        try:
            ids.append(resolve(dataset.crossings, name.strip(), what="crossing"))
        except UnknownNameError:
            msg = f"unknown crossing {name!r}; valid ids: {', '.join(sorted(dataset.crossings))}"
            raise InputError(msg) from None
    return ids


def _named_scenario(text: str, base: Scenario, dataset: Dataset) -> tuple[str, Scenario]:
    """Parse ``"north only: close=al-qaim,al-walid open=rabia"`` into a labelled scenario."""
    label, sep, spec = text.partition(":")
    changes: dict[str, list[str]] = {"close": [], "open": []}
    for part in re.split(r"[;\s]+", spec.strip()) if sep else []:
        key, eq, value = part.partition("=")
        if key not in changes or not eq or not value:
            msg = (
                f'invalid scenario {text!r}; write it as "NAME: close=ID,ID open=ID" (at {part!r})'
            )
            raise InputError(msg)
        changes[key] += _crossings(dataset, value.split(","))
    if not sep or not label.strip() or not (changes["close"] or changes["open"]):
        msg = f'invalid scenario {text!r}; write it as "NAME: close=ID,ID open=ID"'
        raise InputError(msg)
    return label.strip(), base.with_changes(close=changes["close"], open_=changes["open"])


def _print_json(payload: Any) -> None:
    print(json.dumps(payload, ensure_ascii=False, indent=2))


def _write_map(
    args: argparse.Namespace,
    graph: nx.MultiDiGraph,
    outcomes: list[Outcome],
    *,
    scenario: Scenario,
    baseline: Outcome | None = None,
) -> None:
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


def _label(scenario: Scenario, graph: nx.MultiDiGraph) -> str:
    parts = []
    if scenario.closed:
        parts.append(", ".join(graph.nodes[c]["name"] for c in sorted(scenario.closed)) + " closed")
    if scenario.opened:
        parts.append(", ".join(graph.nodes[c]["name"] for c in sorted(scenario.opened)) + " open")
    return "; ".join(parts) or "as recorded"


def _emit_rows(rows: list[dict[str, Any]], fmt: str, *, title: str = "") -> None:
    if fmt == "csv":
        sys.stdout.write(report.rows_csv(rows))
    elif fmt == "markdown":
        sys.stdout.write(report.rows_markdown(rows))
    else:
        out = report.console()
        if title:
            out.print(title)
        out.print(report.rows_table(rows))


def cmd_route(args: argparse.Namespace, dataset: Dataset) -> int:
    """Route between two places."""
    graph = build_graph(dataset)
    scenario = _forced(args, dataset)
    if args.alternatives is not None:
        return _alternatives(args, graph, scenario)
    outcome = evaluate(
        graph, args.origin, args.destination, scenario, label=_label(scenario, graph)
    )
    _write_map(args, graph, [outcome], scenario=scenario)
    if args.format == "json":
        _print_json(outcome_to_dict(outcome, graph))
    elif args.format == "geojson":
        _print_json(routes_to_geojson([outcome], graph))
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
        outcomes = [Outcome(_label(scenario, graph), scenario, None, exc.reason)]
        _write_map(args, graph, outcomes, scenario=scenario)
        if args.format == "table":
            report.console().print(f"No route: {exc.reason}")
        else:
            _print_json(outcome_to_dict(outcomes[0], graph))
        return EXIT_NO_ROUTE
    outcomes = [Outcome(f"Route {n}", scenario, r) for n, r in enumerate(routes, start=1)]
    _write_map(args, graph, outcomes, scenario=scenario, baseline=outcomes[0])
    if args.format == "json":
        _print_json([outcome_to_dict(o, graph) for o in outcomes])
    elif args.format == "geojson":
        _print_json(routes_to_geojson(outcomes, graph))
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
        _emit_rows(rows, "table", title=title)
    return EXIT_OK


def cmd_compare(args: argparse.Namespace, dataset: Dataset) -> int:
    """Compare the baseline route with the same trip under one or more scenarios."""
    graph = build_graph(dataset)
    baseline = _scenario(args, dataset)
    scenarios = [_named_scenario(text, baseline, dataset) for text in args.scenario]
    if args.close or args.open:
        forced = _forced(args, dataset)
        scenarios.insert(0, (_label(forced, graph), forced))
    if not scenarios:
        msg = (
            "compare needs at least one --close ID, --open ID or --scenario "
            '"NAME: close=ID" to compare with the baseline'
        )
        raise InputError(msg)
    comparison = compare(graph, args.origin, args.destination, scenarios, baseline=baseline)
    outcomes = [comparison.baseline, *comparison.scenarios]
    _write_map(args, graph, outcomes, scenario=baseline, baseline=comparison.baseline)
    if args.format == "json":
        _print_json(comparison_to_dict(comparison, graph))
    elif args.format == "geojson":
        _print_json(routes_to_geojson(outcomes, graph))
    else:
        names = graph.nodes
        title = (
            f"{names[comparison.origin]['name']} -> {names[comparison.destination]['name']}"
            f": {baseline.mode}, by {baseline.weight}, status as of "
            f"{baseline.as_of.isoformat()}"
        )
        _emit_rows(report.comparison_rows(comparison, graph), args.format, title=title)
    return EXIT_NO_ROUTE if any(o.route is None for o in outcomes) else EXIT_OK


def cmd_combos(args: argparse.Namespace, dataset: Dataset) -> int:
    """Evaluate every open/closed combination of crossings for one trip."""
    graph = build_graph(dataset)
    scenario = _forced(args, dataset)
    places = dataset.places
    origin = resolve(places, args.origin, what="place")
    destination = resolve(places, args.destination, what="place")
    chosen = (
        _crossings(dataset, args.crossings.split(","))
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
    _write_map(args, graph, drawn, scenario=scenario, baseline=drawn[0] if drawn else None)
    if args.format == "json":
        _print_json(
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
        _emit_rows(report.combo_rows(outcomes, graph), args.format, title=title)
    return EXIT_OK


def _read_table(path: str, columns: Sequence[str]) -> list[dict[str, str]]:
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        msg = f"cannot read {path}: {exc.strerror}"
        raise InputError(msg) from None
    if rows and not set(columns) <= set(rows[0]):
        msg = f"{path}: line 1: needs columns {', '.join(columns)}"
        raise InputError(msg)
    return rows


def _number(path: str, line: int, value: str) -> float:
    try:
        return float(value)
    except ValueError:
        msg = f"{path}: line {line}: field 'weight' must be a number, got {value!r}"
        raise InputError(msg) from None


def _pairs(args: argparse.Namespace, dataset: Dataset, overlay: Overlay) -> list[Pair]:
    if args.pairs:
        pairs = []
        for line, row in enumerate(_read_table(args.pairs, ("origin", "destination")), start=2):
            o = resolve(dataset.places, row["origin"], what="place")
            d = resolve(dataset.places, row["destination"], what="place")
            pairs.append((o, d, _number(args.pairs, line, row.get("weight") or "1")))
    else:
        between = [c.strip().upper() for c in args.between.split(",")] if args.between else []
        if args.between and len(between) != 2:
            msg = f"--between takes two country codes such as SY,IQ, got {args.between!r}"
            raise InputError(msg)
        pairs = default_pairs(overlay, between=between)
    if args.weights:
        table = _read_table(args.weights, ("place", "weight"))
        weight = {
            resolve(dataset.places, r["place"], what="place"): _number(args.weights, n, r["weight"])
            for n, r in enumerate(table, start=2)
        }
        pairs = [(o, d, w * weight.get(o, 0.0) * weight.get(d, 0.0)) for o, d, w in pairs]
    if not pairs:
        msg = "no origin-destination pairs to measure; check --pairs or --between"
        raise InputError(msg)
    return pairs


def cmd_impact(args: argparse.Namespace, dataset: Dataset) -> int:
    """Rank crossings by what closing each alone costs over many trips."""
    graph = build_graph(dataset)
    scenario = _forced(args, dataset)
    overlay = build_overlay(graph)
    pairs = _pairs(args, dataset, overlay)
    with progress_bar(len(overlay.crossings), "crossings") as advance:
        impacts, exposures = impact(overlay, scenario, pairs, progress=advance)
    rows = [
        {
            "crossing": i.crossing,
            "name": graph.nodes[i.crossing]["name"],
            "affected_pairs": i.affected_pairs,
            "pairs_cut": i.pairs_cut,
            "added_km_total": round(i.added_km_total, 1),
            "added_km_mean": round(i.added_km_mean, 1),
            "added_h_total": round(i.added_h_total, 2),
            "added_h_mean": round(i.added_h_mean, 2),
            "worst_detour_ratio": round(i.worst_detour_ratio, 3),
        }
        for i in impacts
    ]
    exposure = [
        {
            "place": e.place,
            "name": graph.nodes[e.place]["name"],
            "worst_crossing": e.worst_crossing,
            "added_km": round(e.added_km, 1),
            "pairs_cut": e.pairs_cut,
        }
        for e in exposures
    ]
    if args.format == "json":
        _print_json(
            {
                "pairs": len(pairs),
                "scenario": scenario.to_dict(),
                "crossings": rows,
                "exposure": exposure,
            }
        )
    elif args.format == "geojson":
        _print_json(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": row,
                        "geometry": {
                            "type": "Point",
                            "coordinates": list(dataset.node_lonlat(row["crossing"])),
                        },
                    }
                    for row in rows
                ],
            }
        )
    elif args.format == "csv":
        sys.stdout.write(report.rows_csv(rows))
    else:
        short = {
            "affected_pairs": "hit",
            "pairs_cut": "cut",
            "added_km_total": "+km total",
            "added_km_mean": "+km mean",
            "added_h_total": "+h total",
            "added_h_mean": "+h mean",
            "worst_detour_ratio": "worst ratio",
        }
        title = (
            f"Closing each crossing alone, over {len(pairs)} trips ({scenario.mode}, "
            f"status as of {scenario.as_of.isoformat()})"
        )
        _emit_rows([{short.get(k, k): v for k, v in r.items()} for r in rows], "table", title=title)
        _emit_rows(
            [{k: ("" if v is None else v) for k, v in e.items()} for e in exposure],
            "table",
            title="Exposure: the worst single closure for trips from each city",
        )
    return EXIT_OK


def cmd_map(args: argparse.Namespace, dataset: Dataset) -> int:
    """Write the what-if map (and optionally a static picture of the region)."""
    for output in (args.out, args.png):
        if output:
            check_writable(output)
    places = (
        [resolve(dataset.places, p.strip(), what="place") for p in args.places.split(",")]
        if args.places
        else [p.id for p in dataset.places.values() if p.kind in ("capital", "city")]
    )
    if len(set(places)) < 2:
        msg = "the what-if map needs at least two places to route between; list them in --places"
        raise InputError(msg)
    crossings = (
        _crossings(dataset, args.crossings.split(","))
        if args.crossings
        else list(dataset.crossings)
    )
    from maps import render_png, save_map, whatif_map

    graph = build_graph(dataset)
    scenario = Scenario(as_of=args.as_of, mode=args.mode)
    fmap = whatif_map(
        graph,
        scenario=scenario,
        places=list(dict.fromkeys(places)),
        crossings=list(dict.fromkeys(crossings)),
    )
    print(f"Map written to {save_map(fmap, args.out)}", file=sys.stderr)
    if args.png:
        title = "Road corridors and border crossings"
        path = render_png(graph, [], scenario=scenario, title=title, path=args.png)
        print(f"Picture written to {path}", file=sys.stderr)
    return EXIT_OK


def cmd_crossings(args: argparse.Namespace, dataset: Dataset) -> int:
    """List crossings with their status on a date, or one crossing's timeline."""
    if args.history:
        crossing = dataset.crossings[_crossings(dataset, [args.history])[0]]
        events = history_rows(dataset, crossing.id)
        if args.format == "json":
            _print_json(
                {
                    "id": crossing.id,
                    "name": crossing.name,
                    "sides": {
                        crossing.country_a: crossing.name_a,
                        crossing.country_b: crossing.name_b,
                    },
                    "events": events,
                }
            )
        else:
            _emit_rows(
                [{k: v for k, v in e.items() if k != "source_title"} for e in events],
                "table",
                title=report.history_title(crossing),
            )
        return EXIT_OK
    rows = crossing_rows(dataset, Scenario(as_of=args.as_of, mode=args.mode))
    if args.format == "json":
        _print_json(rows)
    else:
        _emit_rows(
            [
                {
                    "id": r["id"],
                    "name": r["name"],
                    "countries": "-".join(r["countries"]),
                    "status": r["status"],
                    "since": r["since"] or "",
                    "source": r["source"] or "",
                }
                for r in rows
            ],
            "table",
            title=f"Crossings on {args.as_of.isoformat()} for {args.mode}",
        )
    return EXIT_OK


def cmd_places(args: argparse.Namespace, dataset: Dataset) -> int:
    """List the places the tool knows, with their aliases."""
    rows = place_rows(dataset)
    if args.format == "json":
        _print_json(rows)
    else:
        _emit_rows(
            [
                {
                    "id": r["id"],
                    "name": r["name"],
                    "arabic": r["name_ar"],
                    "aliases": ", ".join(r["aliases"]),
                    "country": r["country"],
                    "kind": r["kind"],
                }
                for r in rows
            ],
            "table",
        )
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


def cmd_export(args: argparse.Namespace, dataset: Dataset) -> int:
    """Write places, crossings with their status, and roads for GIS tools."""
    scenario = Scenario(as_of=args.as_of, mode=args.mode)
    for path in export_network(dataset, scenario, args.out, fmt=args.format):
        print(f"wrote {path}")
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace, Dataset], int]] = {
    "route": cmd_route,
    "compare": cmd_compare,
    "combos": cmd_combos,
    "impact": cmd_impact,
    "map": cmd_map,
    "crossings": cmd_crossings,
    "places": cmd_places,
    "validate": cmd_validate,
    "export": cmd_export,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    args = _parser().parse_args(argv)
    try:
        try:
            dataset = load_dataset(args.data, status_files=args.status)
        except DataError as exc:
            if args.command != "validate":
                raise
            # For validate a malformed file is a failed check, not a usage error.
            print(exc)
            print("1 problem found while reading; fix it and run validate again", file=sys.stderr)
            return EXIT_FAILED
        return COMMANDS[args.command](args, dataset)
    except (DataError, UnknownNameError, InputError, OutputError, ValueError) as exc:
        print(f"corridor: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
