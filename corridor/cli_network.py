"""Commands about the whole network: impact, map, crossings, places, validate, export."""

from __future__ import annotations

import argparse
import sys

from corridor import report
from corridor.cli_args import (
    EXIT_FAILED,
    EXIT_OK,
    InputError,
    crossing_ids,
    forced_scenario,
    trip_pairs,
)
from corridor.convert import crossing_rows, history_rows, place_rows
from corridor.export import export_network
from corridor.files import check_writable
from corridor.graph import build_graph
from corridor.impact import impact
from corridor.overlay import build_overlay
from corridor.progress import progress_bar
from corridor.scenario import Scenario
from geodata import DataError, Dataset, load_dataset, resolve
from geodata.load import collecting_errors
from geodata.validate import summary, validate


def cmd_impact(args: argparse.Namespace, dataset: Dataset) -> int:
    """Rank crossings by what closing each alone costs over many trips."""
    graph = build_graph(dataset)
    scenario = forced_scenario(args, dataset)
    overlay = build_overlay(graph)
    pairs = trip_pairs(args, dataset, overlay)
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
        report.print_json(
            {
                "pairs": len(pairs),
                "scenario": scenario.to_dict(),
                "crossings": rows,
                "exposure": exposure,
            }
        )
    elif args.format == "geojson":
        report.print_json(
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
        report.emit_rows(
            [{short.get(k, k): v for k, v in r.items()} for r in rows], "table", title=title
        )
        report.emit_rows(
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
        crossing_ids(dataset, args.crossings.split(","))
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
        crossing = dataset.crossings[crossing_ids(dataset, [args.history])[0]]
        events = history_rows(dataset, crossing.id)
        if args.format == "json":
            report.print_json(
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
            report.emit_rows(
                [{k: v for k, v in e.items() if k != "source_title"} for e in events],
                "table",
                title=report.history_title(crossing),
            )
        return EXIT_OK
    rows = crossing_rows(dataset, Scenario(as_of=args.as_of, mode=args.mode))
    title = f"Crossings on {args.as_of.isoformat()} for {args.mode}"
    columns = {
        "id": lambda r: r["id"],
        "name": lambda r: r["name"],
        "countries": lambda r: "-".join(r["countries"]),
        "status": lambda r: r["status"],
        "since": lambda r: r["since"] or "",
        "source": lambda r: r["source"] or "",
    }
    report.json_or_table(rows, args.format, columns=columns, title=title)
    return EXIT_OK


def cmd_places(args: argparse.Namespace, dataset: Dataset) -> int:
    """List the places the tool knows, with their aliases."""
    columns = {
        "id": lambda r: r["id"],
        "name": lambda r: r["name"],
        "arabic": lambda r: r["name_ar"],
        "aliases": lambda r: ", ".join(r["aliases"]),
        "country": lambda r: r["country"],
        "kind": lambda r: r["kind"],
    }
    report.json_or_table(place_rows(dataset), args.format, columns=columns)
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    """Check a dataset; list every problem (exit 1) or print a one-line summary (exit 0).

    Malformed records are collected while reading (and left out), then the records that did
    load are checked against each other, so one run lists every problem it can find.
    """
    try:
        with collecting_errors() as errors:
            dataset = load_dataset(args.data, status_files=args.status)
    except DataError as exc:  # a missing file or column: nothing more can be read
        print(exc)
        return EXIT_FAILED
    problems = [str(e) for e in errors] + [str(p) for p in validate(dataset)]
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
