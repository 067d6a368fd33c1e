"""The ``corridor`` command line: the one place that wires geodata, corridor and maps together.

Exit codes: 0 ok, 1 no route (or, for ``validate``, a failed check), 2 bad input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from corridor import cli_network, cli_trips
from corridor.cli_args import EXIT_BAD_INPUT, InputError
from corridor.export import EXPORT_FORMATS
from corridor.files import OutputError
from corridor.scenario import WEIGHTS
from geodata import DataError, Dataset, UnknownNameError, load_dataset
from geodata.records import MODES

COMMANDS: dict[str, Callable[[argparse.Namespace, Dataset], int]] = {
    "route": cli_trips.cmd_route,
    "compare": cli_trips.cmd_compare,
    "combos": cli_trips.cmd_combos,
    "impact": cli_network.cmd_impact,
    "map": cli_network.cmd_map,
    "crossings": cli_network.cmd_crossings,
    "places": cli_network.cmd_places,
    "export": cli_network.cmd_export,
}


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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "validate":
            return cli_network.cmd_validate(args)
        dataset = load_dataset(args.data, status_files=args.status)
        return COMMANDS[args.command](args, dataset)
    except (DataError, UnknownNameError, InputError, OutputError, ValueError) as exc:
        print(f"corridor: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
