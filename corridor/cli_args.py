"""Turn command-line words into domain values, with one-line errors for bad input.

Exit codes: 0 ok, 1 no route (or, for ``validate``, a failed check), 2 bad input.
"""

from __future__ import annotations

import argparse
import csv
import re
from collections.abc import Sequence

from corridor.files import check_writable
from corridor.impact import Pair, default_pairs
from corridor.overlay import Overlay
from corridor.scenario import Scenario
from geodata import Dataset, UnknownNameError, resolve

EXIT_OK, EXIT_NO_ROUTE, EXIT_BAD_INPUT = 0, 1, 2
EXIT_FAILED = EXIT_NO_ROUTE  # validate: a check failed


class InputError(ValueError):
    """The command line asks for something that cannot be done as written."""


def scenario_from(args: argparse.Namespace, dataset: Dataset) -> Scenario:
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


def forced_scenario(args: argparse.Namespace, dataset: Dataset) -> Scenario:
    """Return the scenario with the crossings forced by --close and --open."""
    return scenario_from(args, dataset).with_changes(
        close=crossing_ids(dataset, args.close), open_=crossing_ids(dataset, args.open)
    )


def crossing_ids(dataset: Dataset, names: Sequence[str]) -> list[str]:
    """Return crossing ids for names or ids; an unknown one lists the valid ids."""
    ids = []
    for name in names:
        try:
            ids.append(resolve(dataset.crossings, name.strip(), what="crossing"))
        except UnknownNameError:
            msg = f"unknown crossing {name!r}; valid ids: {', '.join(sorted(dataset.crossings))}"
            raise InputError(msg) from None
    return ids


def named_scenario(text: str, base: Scenario, dataset: Dataset) -> tuple[str, Scenario]:
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
        changes[key] += crossing_ids(dataset, value.split(","))
    if not sep or not label.strip() or not (changes["close"] or changes["open"]):
        msg = f'invalid scenario {text!r}; write it as "NAME: close=ID,ID open=ID"'
        raise InputError(msg)
    return label.strip(), base.with_changes(close=changes["close"], open_=changes["open"])


def read_table(path: str, columns: Sequence[str]) -> list[dict[str, str]]:
    """Read a user CSV file that must have ``columns``."""
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


def read_number(path: str, line: int, value: str) -> float:
    """Read a weight, naming the file and line when it is not a number."""
    try:
        return float(value)
    except ValueError:
        msg = f"{path}: line {line}: field 'weight' must be a number, got {value!r}"
        raise InputError(msg) from None


def trip_pairs(args: argparse.Namespace, dataset: Dataset, overlay: Overlay) -> list[Pair]:
    """Return the weighted trips of ``impact`` (from --pairs, --between, --weights)."""
    if args.pairs:
        pairs = []
        for line, row in enumerate(read_table(args.pairs, ("origin", "destination")), start=2):
            o = resolve(dataset.places, row["origin"], what="place")
            d = resolve(dataset.places, row["destination"], what="place")
            pairs.append((o, d, read_number(args.pairs, line, row.get("weight") or "1")))
    else:
        between = [c.strip().upper() for c in args.between.split(",")] if args.between else []
        if args.between and len(between) != 2:
            msg = f"--between takes two country codes such as SY,IQ, got {args.between!r}"
            raise InputError(msg)
        pairs = default_pairs(overlay, between=between)
    if args.weights:
        table = read_table(args.weights, ("place", "weight"))
        weight = {
            resolve(dataset.places, r["place"], what="place"): read_number(
                args.weights, n, r["weight"]
            )
            for n, r in enumerate(table, start=2)
        }
        pairs = [(o, d, w * weight.get(o, 0.0) * weight.get(d, 0.0)) for o, d, w in pairs]
    if not pairs:
        msg = "no origin-destination pairs to measure; check --pairs or --between"
        raise InputError(msg)
    return pairs
