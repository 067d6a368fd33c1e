"""Turn command-line words into domain values: the dataset, scenarios, crossings, trips.

Every problem is a :class:`~geodata.CorridorError` with a one-line message that names what is
wrong and how to fix it.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import difflib
import gc
import math
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from corridor.cache import BIG_NETWORK_ROADS, load_network
from corridor.errors import InputError
from corridor.outputs import Output, OutputKind, check_outputs, check_writable
from corridor.phrases import stale_text
from corridor.scenario import Scenario, resolve_scenario
from corridor.summary import stale_crossings
from corridor.sweep import LOCAL, Runner, dask_runner
from geodata import Dataset, UnknownNameError, bundled_data_dir, resolve
from geodata.problems import ProblemLog

if TYPE_CHECKING:
    from corridor.impact import Pair
    from corridor.routing.overlay import Overlay
    from geodata.reading import Record
    from geodata.records import AvoidArea

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_FAILED",
    "EXIT_NO_ROUTE",
    "EXIT_OK",
    "crossing_ids",
    "dataset_from",
    "delays_from",
    "guard_outputs",
    "named_scenario",
    "network_from",
    "output",
    "parse_date",
    "parse_dates",
    "runner_from",
    "scenario_from",
    "trip_pairs",
    "warn",
    "warn_if_stale",
]

EXIT_OK, EXIT_NO_ROUTE, EXIT_BAD_INPUT = 0, 1, 2
EXIT_FAILED = EXIT_NO_ROUTE  # validate: a check failed


def warn(message: str) -> None:
    """Print one warning line on stderr (stdout stays clean for JSON and CSV)."""
    print(f"corridor: warning: {message}", file=sys.stderr)


def parse_date(text: str) -> dt.date:
    """Return an ISO date; ``today`` means today."""
    if text == "today":
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        msg = f"invalid date {text!r}; use YYYY-MM-DD, e.g. 2025-03-01, or 'today'"
        raise argparse.ArgumentTypeError(msg) from None


def parse_dates(text: str) -> list[dt.date]:
    """Return the dates of a comma-separated list such as ``2025-03-01,2025-07-01,today``."""
    dates = [parse_date(part.strip()) for part in text.split(",") if part.strip()]
    if len(dates) < 2:
        msg = f"--dates takes two dates or more, e.g. 2025-03-01,today; got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return dates


def dataset_from(args: argparse.Namespace) -> Dataset:
    """Load ``--data`` (default: the bundled dataset) with the ``--status`` overlays."""
    from geodata.load import load_dataset  # reading and checking: not for the cached commands

    overlays = getattr(args, "status", ())
    return load_dataset(args.data, status_files=overlays, use_cache=not args.no_cache)


_UNITS = {"KB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30}


def parse_memory(text: str) -> int:
    """Return the bytes of a size such as ``500MB`` or ``4GB`` (argparse type of ``--memory``)."""
    number, unit = text.strip().upper()[:-2], text.strip().upper()[-2:]
    try:
        size = float(number) * _UNITS[unit]
    except (KeyError, ValueError):
        msg = f"--memory takes a size such as 500MB or 4GB, got {text!r}"
        raise argparse.ArgumentTypeError(msg) from None
    if not 16 * _UNITS["MB"] <= size <= 1 << 50:
        msg = f"--memory {text} is out of range: give at least 16MB"
        raise argparse.ArgumentTypeError(msg)
    return int(size)


def runner_from(args: argparse.Namespace) -> contextlib.AbstractContextManager[Runner]:
    """Return where a sweep runs: here, or on the Dask scheduler ``--scheduler`` names."""
    if args.scheduler is None:
        return contextlib.nullcontext(LOCAL)
    return dask_runner(args.scheduler)


def network_from(args: argparse.Namespace) -> tuple[Dataset, nx.MultiDiGraph]:
    """Load ``--data`` with its overlays and build its road graph (both cached)."""
    overlays = getattr(args, "status", ())
    collecting = gc.isenabled()
    gc.disable()  # loading makes millions of objects: no collection may walk them meanwhile
    try:
        dataset, graph = load_network(args.data, status_files=overlays, use_cache=not args.no_cache)
        if len(dataset.roads) >= BIG_NETWORK_ROADS:
            # The process ends with the command: leave the network out of every later
            # collection, which would walk all its objects (0.4 s each time).
            gc.freeze()
    finally:
        if collecting:
            gc.enable()
    return dataset, graph


def crossing_ids(dataset: Dataset, names: Sequence[str], *, option: str) -> list[str]:
    """Return crossing ids for names or ids, in order and without repeats."""
    ids = []
    for name in names:
        if not name.strip():
            msg = f"{option} has an empty crossing name; list ids such as al-qaim,nasib"
            raise InputError(msg)
        try:
            ids.append(resolve(dataset.crossings, name.strip(), what="crossing"))
        except UnknownNameError as exc:
            if exc.suggestions:
                raise
            valid = ", ".join(sorted(dataset.crossings))
            msg = f"unknown crossing {name.strip()!r}; valid ids: {valid}"
            raise UnknownNameError(msg) from None
    return list(dict.fromkeys(ids))


def _closest_id(dataset: Dataset, name: str, option: str) -> str:
    try:
        return resolve(dataset.crossings, name, what="crossing")
    except UnknownNameError:
        close = difflib.get_close_matches(name.lower(), list(dataset.crossings), n=3, cutoff=0.5)
        hint = f"closest ids: {', '.join(close)}" if close else "run 'corridor crossings'"
        msg = f"{option} names an unknown crossing {name!r}; {hint}"
        raise UnknownNameError(msg, close) from None


def delays_from(args: argparse.Namespace, dataset: Dataset) -> dict[str, float]:
    """Return the border delays of ``--delay ID=HOURS`` (``all=HOURS``: every crossing).

    A delay given for one crossing overrides ``all`` whatever the order of the options.
    """
    given: dict[str, float] = {}
    every: float | None = None
    for text in getattr(args, "delay", None) or ():
        name, eq, value = (part.strip() for part in text.partition("="))
        if not eq or not name:
            msg = f"--delay {text!r}: write ID=HOURS, e.g. --delay al-qaim=12 or --delay all=4"
            raise InputError(msg)
        try:
            hours = float(value)
        except ValueError:
            hours = math.nan
        if not math.isfinite(hours) or not 0 <= hours <= 240:
            msg = f"--delay {text!r}: the hours must be a number from 0 to 240"
            raise InputError(msg)
        if name.lower() == "all":
            every = hours
        else:
            given[_closest_id(dataset, name, "--delay")] = hours
    base = dict.fromkeys(dataset.crossings, every) if every is not None else {}
    return {**base, **given}


def _date_warning(scenario: Scenario, dataset: Dataset) -> None:
    if scenario.as_of > dt.date.today():
        newest = max((e.date for e in dataset.events), default=None)
        last = f" (the newest event is dated {newest.isoformat()})" if newest else ""
        warn(
            f"{scenario.as_of.isoformat()} is in the future; crossings keep their last recorded "
            f"status{last}"
        )


def scenario_from(args: argparse.Namespace, dataset: Dataset) -> Scenario:
    """Return the scenario of the options.

    Date, traffic, weight, avoided countries, and the crossings forced by ``--close`` and
    ``--open`` (if the command has them).
    """
    close = crossing_ids(dataset, getattr(args, "close", []), option="--close")
    opened = crossing_ids(dataset, getattr(args, "open", []), option="--open")
    both = sorted(set(close) & set(opened))
    if both:
        msg = f"{', '.join(both)} is given to both --close and --open; pick one"
        raise InputError(msg)
    scenario = Scenario(
        as_of=args.as_of,
        mode=args.mode,
        weight=getattr(args, "by", "distance"),
        avoid_countries=frozenset(getattr(args, "avoid_country", [])),
        closed=frozenset(close),
        opened=frozenset(opened),
        delay_h=tuple(delays_from(args, dataset).items()),
        avoid_areas=_avoid_areas(getattr(args, "avoid_area", [])),
    )
    _date_warning(scenario, dataset)
    return resolve_scenario(scenario, dataset)


def _avoid_areas(files: Sequence[str]) -> tuple[AvoidArea, ...]:
    if not files:
        return ()
    from geodata.areas import read_avoid_areas  # a reader: loaded only for --avoid-area

    return tuple(area for file in files for area in read_avoid_areas(file))


def named_scenario(text: str, base: Scenario, dataset: Dataset) -> tuple[str, Scenario]:
    """Parse ``"north only: close=al-qaim,al-walid open=rabia"`` into a labelled scenario.

    The label ends at the last colon before ``close=`` or ``open=``, so it may hold colons.
    """
    usage = f'invalid scenario {text!r}; write it as "NAME: close=ID,ID open=ID"'
    found = re.fullmatch(r"(.*):\s*((?:close|open)=.*)", text, re.S)
    if found is None or not found.group(1).strip():
        raise InputError(usage)
    label, spec = found.group(1).strip(), found.group(2)
    changes: dict[str, list[str]] = {"close": [], "open": []}
    for part in re.split(r"[;\s]+", spec.strip()):
        key, eq, value = part.partition("=")
        if key not in changes or not eq or not value:
            raise InputError(f"{usage} (at {part!r})")
        changes[key] += crossing_ids(dataset, value.split(","), option="--scenario")
    return label, base.with_changes(close=changes["close"], open_=changes["open"])


def _user_file(path: str, columns: Sequence[str], option: str) -> list[Record]:
    from geodata.reading import csv_records  # a reader: loaded only for the options that need it

    log = ProblemLog()
    records = list(csv_records(Path(path), columns, what=f"{option} file", log=log))
    if log.problems:
        raise log.problems[0].error()
    return records


def _place(dataset: Dataset, record: Record, field: str) -> str:
    try:
        return resolve(dataset.places, record.text(field), what="place")
    except UnknownNameError as exc:
        raise record.bad(field, str(exc)) from None


def _weight(record: Record) -> float:
    if not record.text("weight", required=False):
        return 1.0
    return record.number("weight", low=0, high=1e12)


def trip_pairs(args: argparse.Namespace, dataset: Dataset, overlay: Overlay) -> list[Pair]:
    """Return the weighted trips of ``impact`` (from --pairs, --between, --weights)."""
    if args.pairs:
        pairs = [
            (_place(dataset, r, "origin"), _place(dataset, r, "destination"), _weight(r))
            for r in _user_file(args.pairs, ("origin", "destination"), "--pairs")
        ]
    else:
        between = [c.strip().upper() for c in args.between.split(",")] if args.between else []
        if args.between and len(between) != 2:
            msg = f"--between takes two country codes such as SY,IQ, got {args.between!r}"
            raise InputError(msg)
        from corridor.impact import default_pairs  # the overlay's modules load scipy

        pairs = default_pairs(overlay, between=between)
    if args.weights:
        weight = {
            _place(dataset, r, "place"): r.number("weight", low=0, high=1e12)
            for r in _user_file(args.weights, ("place", "weight"), "--weights")
        }
        pairs = [(o, d, w * weight.get(o, 0.0) * weight.get(d, 0.0)) for o, d, w in pairs]
    if not pairs:
        msg = "no origin-destination pairs to measure; check --pairs or --between"
        raise InputError(msg)
    return pairs


def guard_outputs(
    args: argparse.Namespace, dataset: Dataset, outputs: Sequence[Output | None]
) -> None:
    """Refuse before any work an output that is an input of the run or lies in a dataset."""
    wanted = [o for o in outputs if o is not None]
    extra = [getattr(args, name, None) for name in ("pairs", "weights")]
    extra += getattr(args, "avoid_area", None) or []
    inputs = [*dataset.files, *(Path(p) for p in extra if p)]
    check_outputs(wanted, inputs=inputs, folders=[dataset.path, bundled_data_dir()])
    for output in wanted:
        if output.kind != "folder":
            check_writable(output.path)


def output(args: argparse.Namespace, option: str, kind: OutputKind) -> Output | None:
    """Return the output an option asks for, or ``None`` when it is not given."""
    value = getattr(args, option.lstrip("-").replace("-", "_"), None)
    return Output(option, Path(value), kind) if value else None


def warn_if_stale(dataset: Dataset, scenario: Scenario, crossings: Sequence[str]) -> None:
    """Warn once when a route for today passes a crossing whose status is old."""
    stale = stale_crossings(dataset, scenario, crossings)
    if stale:
        warn(
            f"{stale_text(stale, scenario.as_of)}. Check them, or add what you know with "
            "--status FILE"
        )
