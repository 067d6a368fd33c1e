"""The ``corridor`` command line: the one place that wires geodata, corridor and maps together.

Exit codes: 0 ok, 1 no route (or, for ``validate``, a failed check), 2 bad input, 130 when
interrupted (Ctrl-C), 143 when terminated (SIGTERM). Only the project's own errors
(:class:`geodata.CorridorError`) become a one-line message; anything else is a bug and keeps
its traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import shutil
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from functools import cache
from types import FrameType
from typing import Any, NoReturn

from corridor.cli.args import (
    EXIT_BAD_INPUT,
    EXIT_NO_ROUTE,
    parse_date,
    parse_dates,
    parse_memory,
)
from corridor.cli.imports import add_import_parser
from corridor.errors import NoRouteError
from corridor.export import EXPORT_FORMATS
from corridor.scenario import WEIGHTS
from corridor.sweep import DEFAULT_MEMORY
from geodata import CorridorError
from geodata.records import MODES

__all__ = ["main"]

Handler = Callable[[argparse.Namespace], int]


@cache
def _help_width() -> int:
    return shutil.get_terminal_size().columns - 2  # as argparse lays help out by default


class _Help(argparse.HelpFormatter):
    """Help laid out for the terminal, measured once instead of at every option added."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_help_width())


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, like every other error of the tool."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Help)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"corridor: error: {message} (see '{self.prog} --help')\n")


def _shared() -> dict[str, _Parser]:
    data = _Parser(add_help=False)
    data.add_argument("--data", metavar="DIR", help="dataset directory (default: bundled data)")
    data.add_argument(
        "--status",
        metavar="FILE",
        action="append",
        default=[],
        help="extra status events CSV overlaid on the timeline (repeatable)",
    )
    data.add_argument(
        "--no-cache",
        action="store_true",
        help="load, check and build everything again instead of using the cache",
    )
    when = _Parser(add_help=False)
    when.add_argument(
        "--as-of",
        type=parse_date,
        default=dt.date.today(),
        metavar="YYYY-MM-DD",
        help="crossing status on this date, or 'today' (default: today)",
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
    limits.add_argument(
        "--avoid-area",
        action="append",
        default=[],
        metavar="FILE.geojson",
        help="do not enter these polygons (optional valid_from, valid_to, mode; repeatable)",
    )
    delays = _Parser(add_help=False)
    delays.add_argument(
        "--delay",
        action="append",
        default=[],
        metavar="ID=HOURS",
        help="border delay in hours at a crossing, or all=HOURS at every one (repeatable; "
        "a crossing's own value overrides all)",
    )
    drawing = _Parser(add_help=False)
    drawing.add_argument("--map", metavar="PATH", help="write an interactive HTML map")
    drawing.add_argument("--png", metavar="PATH", help="write a static PNG picture of the map")
    return {
        "data": data,
        "when": when,
        "trip": trip,
        "limits": limits,
        "delays": delays,
        "drawing": drawing,
    }


def _parser() -> argparse.ArgumentParser:
    p = _shared()
    parser = _Parser(
        prog="corridor",
        description="What happens to a route across borders when a crossing closes.",
    )
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )

    def command(
        name: str, handler: str, parents: Sequence[str], text: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, parents=[p[k] for k in parents], help=text)
        sub.set_defaults(handler=handler)
        return sub

    routing = ("trip", "limits", "delays", "drawing", "when", "data")
    route = command("route", "trips:cmd_route", routing, "route between two places")
    route.add_argument("--format", choices=("table", "json", "geojson"), default="table")
    route.add_argument(
        "--alternatives",
        type=int,
        metavar="K",
        help="list the K shortest distinct routes (Yen), each with its crossings",
    )
    comp = command(
        "compare",
        "comparing:cmd_compare",
        routing,
        "compare scenarios of closed crossings with the baseline",
    )
    comp.add_argument(
        "--scenario",
        action="append",
        default=[],
        metavar='"NAME: close=A,B"',
        help="a named scenario: close=IDS and/or open=IDS (repeatable)",
    )
    comp.add_argument(
        "--dates",
        type=parse_dates,
        metavar="D1,D2,...",
        help="the same trip on each date (YYYY-MM-DD or today), side by side, with what changed",
    )
    comp.add_argument(
        "--format", choices=("table", "json", "csv", "markdown", "geojson"), default="table"
    )
    combos = command(
        "combos", "trips:cmd_combos", routing, "every open/closed combination of crossings, grouped"
    )
    combos.add_argument("--crossings", metavar="ID,...", help="crossings to combine (default all)")
    combos.add_argument("--format", choices=("table", "json", "csv", "markdown"), default="table")
    imp = command(
        "impact",
        "network:cmd_impact",
        ("limits", "delays", "when", "data"),
        "rank crossings by what closing each alone costs",
    )
    for sweep in (combos, imp):
        sweep.add_argument(
            "--scheduler",
            metavar="local|tcp://HOST:PORT",
            help="run the sweep on Dask: a local cluster, or the scheduler at that address",
        )
        sweep.add_argument(
            "--memory",
            type=parse_memory,
            default=DEFAULT_MEMORY,
            metavar="SIZE",
            help="memory the sweep may use for its batches, e.g. 500MB or 4GB (default 1GB)",
        )
    imp.add_argument(
        "--by",
        choices=WEIGHTS,
        default="distance",
        help="rank by km added, or by hours added (driving plus border delay)",
    )
    pairs = imp.add_mutually_exclusive_group()
    pairs.add_argument("--pairs", metavar="FILE", help="CSV of origin,destination[,weight]")
    pairs.add_argument(
        "--between", metavar="ISO2,ISO2", help="only city pairs joining two countries"
    )
    imp.add_argument(
        "--weights", metavar="FILE", help="CSV of place,weight (pair weight = product)"
    )
    imp.add_argument("--format", choices=("table", "csv", "json", "geojson"), default="table")
    what_if = command(
        "map",
        "network:cmd_map",
        ("delays", "when", "data"),
        "write the what-if map: re-route in the browser",
    )
    what_if.add_argument("--out", metavar="PATH", required=True, help="HTML file to write")
    what_if.add_argument("--places", metavar="ID,...", help="places in the pickers")
    what_if.add_argument("--crossings", metavar="ID,...", help="crossings to switch")
    what_if.add_argument("--png", metavar="PATH", help="also write a static PNG picture")
    cross = command(
        "crossings",
        "network:cmd_crossings",
        ("when", "data"),
        "list crossings and their status on a date",
    )
    cross.add_argument("--format", choices=("table", "json"), default="table")
    cross.add_argument("--history", metavar="ID", help="print one crossing's timeline and sources")
    places = command("places", "network:cmd_places", ("data",), "list known places and aliases")
    places.add_argument("--format", choices=("table", "json"), default="table")
    command("validate", "network:cmd_validate", ("data",), "check a dataset and list every problem")
    add_import_parser(commands)
    cache = command("cache", "network:cmd_cache", (), "show or clear what corridor has cached")
    cache.add_argument("action", choices=("info", "clear"), help="where the cache is, or empty it")
    export = command(
        "export",
        "network:cmd_export",
        ("when", "data"),
        "write the network for QGIS and other GIS tools",
    )
    export.add_argument("--format", choices=EXPORT_FORMATS, default="gpkg")
    export.add_argument("out", metavar="OUT", help="GeoPackage file, or folder for geojson/csv")
    return parser


def _handler(name: str) -> Handler:
    """Return the command's function, importing only its module (and what that needs)."""
    module, function = name.split(":")
    handler: Handler = getattr(importlib.import_module(f"corridor.cli.{module}"), function)
    return handler


def _terminate(signum: int, frame: FrameType | None) -> NoReturn:
    # Unwinding (instead of dying at once) lets every open output remove its temporary file.
    raise SystemExit(128 + signum)


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split("\n"))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    args = _parser().parse_args(argv)
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        code: int = _handler(args.handler)(args)
        return code
    except NoRouteError as exc:
        print(f"corridor: no route: {_one_line(exc)}", file=sys.stderr)
        return EXIT_NO_ROUTE
    except CorridorError as exc:
        print(f"corridor: error: {_one_line(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("corridor: interrupted; nothing was left half-written", file=sys.stderr)
        return 128 + signal.SIGINT
    except SystemExit as exc:
        if exc.code == 128 + signal.SIGTERM:
            print("corridor: terminated; nothing was left half-written", file=sys.stderr)
        raise
    finally:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, previous)
