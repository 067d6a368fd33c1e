"""Commands about the whole network: impact, map, crossings, places, validate, export."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from corridor.cache import network_overlay
from corridor.cli import output as out
from corridor.cli.args import (
    EXIT_FAILED,
    EXIT_OK,
    crossing_ids,
    dataset_from,
    guard_outputs,
    network_from,
    output,
    runner_from,
    scenario_from,
    trip_pairs,
)
from corridor.cli.drawing import write_whatif
from corridor.errors import InputError
from corridor.outputs import Output, OutputKind
from corridor.progress import progress_bar
from corridor.summary import age_text, crossing_history, crossing_summaries
from geodata import inspect_dataset, resolve
from geodata.cache import cache_dir, clear_cache
from geodata.validate import summary

__all__ = [
    "cmd_crossings",
    "cmd_export",
    "cmd_impact",
    "cmd_map",
    "cmd_places",
    "cmd_validate",
]


def cmd_impact(args: argparse.Namespace) -> int:
    """Rank crossings by what closing each alone costs over many trips."""
    from corridor.impact import impact  # loads scipy: only the sweeps pay for it

    dataset, graph = network_from(args)
    scenario = scenario_from(args, dataset)
    overlay = network_overlay(graph)
    pairs = trip_pairs(args, dataset, overlay)
    with runner_from(args) as runner, progress_bar(len(overlay.crossings), "crossings") as advance:
        impacts, exposures = impact(
            overlay,
            pairs,
            scenario=scenario,
            progress=advance,
            runner=runner,
            by=args.by,
            memory=args.memory,
        )
    names = graph.nodes
    rows = [
        {
            "crossing": i.crossing,
            "name": names[i.crossing]["name"],
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
            "name": names[e.place]["name"],
            "worst_crossing": e.worst_crossing,
            "added_km": round(e.added_km, 1),
            "added_h": round(e.added_h, 2),
            "pairs_cut": e.pairs_cut,
        }
        for e in exposures
    ]
    if args.format == "json":
        out.print_json(
            {
                "pairs": len(pairs),
                "scenario": scenario.to_dict(),
                "crossings": rows,
                "exposure": exposure,
            }
        )
    elif args.format == "geojson":
        features = [
            {
                "type": "Feature",
                "properties": row,
                "geometry": {
                    "type": "Point",
                    "coordinates": list(dataset.node_lonlat(str(row["crossing"]))),
                },
            }
            for row in rows
        ]
        out.print_json({"type": "FeatureCollection", "features": features})
    elif args.format == "csv":
        out.emit(rows, "csv", context=out.scenario_context(replace(scenario, weight=args.by)))
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
            f"Closing each crossing alone, over {len(pairs)} trips, ranked by "
            f"{'hours' if args.by == 'time' else 'km'} added "
            f"({out.scenario_title(scenario, weight=False)})"
        )
        out.emit([{short.get(k, k): v for k, v in r.items()} for r in rows], "table", title=title)
        out.emit(
            [{k: ("" if v is None else v) for k, v in e.items()} for e in exposure],
            "table",
            title="Exposure: the worst single closure for trips from each city",
        )
    return EXIT_OK


def cmd_map(args: argparse.Namespace) -> int:
    """Write the what-if map (and optionally a static picture of the region)."""
    dataset, graph = network_from(args)
    guard_outputs(args, dataset, [output(args, "--out", "html"), output(args, "--png", "png")])
    places = (
        [resolve(dataset.places, p.strip(), what="place") for p in args.places.split(",")]
        if args.places is not None
        else [p.id for p in dataset.places.values() if p.kind in ("capital", "city")]
    )
    places = list(dict.fromkeys(places))
    if len(places) < 2:
        msg = "the what-if map needs at least two places to route between; list them in --places"
        raise InputError(msg)
    crossings = (
        crossing_ids(dataset, args.crossings.split(","), option="--crossings")
        if args.crossings is not None
        else list(dataset.crossings)
    )
    write_whatif(
        args,
        graph,
        scenario=scenario_from(args, dataset),
        places=places,
        crossings=crossings,
    )
    return EXIT_OK


def cmd_crossings(args: argparse.Namespace) -> int:
    """List crossings with their status on a date, or one crossing's timeline."""
    dataset = dataset_from(args)
    if args.history:
        crossing = dataset.crossings[crossing_ids(dataset, [args.history], option="--history")[0]]
        events = [out.history_record(e) for e in crossing_history(dataset, crossing.id)]
        if args.format == "json":
            sides = {crossing.country_a: crossing.name_a, crossing.country_b: crossing.name_b}
            out.print_json(
                {"id": crossing.id, "name": crossing.name, "sides": sides, "events": events}
            )
        else:
            title = (
                f"{crossing.name}: {crossing.name_a} ({crossing.country_a}) - "
                f"{crossing.name_b} ({crossing.country_b})"
            )
            out.emit(
                [{k: v for k, v in e.items() if k != "source_title"} for e in events],
                "table",
                title=title,
            )
        return EXIT_OK
    scenario = scenario_from(args, dataset)
    summaries = crossing_summaries(dataset, scenario)
    if args.format == "json":
        out.print_json([out.crossing_record(s, on=scenario.as_of) for s in summaries])
        return EXIT_OK
    rows = [
        {
            "id": s.crossing.id,
            "name": s.crossing.name,
            "countries": f"{s.crossing.country_a}-{s.crossing.country_b}",
            "status": s.status,
            "since": s.event.date.isoformat() if s.event else "",
            "confirmed": age_text(s, scenario.as_of),
            "source": s.source_url or "",
        }
        for s in summaries
    ]
    out.emit(rows, "table", title=f"Crossings on {scenario.as_of.isoformat()} for {scenario.mode}")
    return EXIT_OK


def cmd_places(args: argparse.Namespace) -> int:
    """List the places the tool knows, with their aliases."""
    dataset = dataset_from(args)
    places = sorted(dataset.places.values(), key=lambda p: (p.country, p.name))
    if args.format == "json":
        out.print_json([out.place_record(p) for p in places])
        return EXIT_OK
    rows = [
        {
            "id": p.id,
            "name": p.name,
            "arabic": p.name_ar,
            "aliases": ", ".join(p.aliases),
            "country": p.country,
            "kind": p.kind,
        }
        for p in places
    ]
    out.emit(rows, "table")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    """Check a dataset; list every problem (exit 1) or print a one-line summary (exit 0).

    Malformed records are collected while reading (and left out), then the records that did
    load are checked against each other, so one run lists every problem it can find.
    """
    dataset, problems = inspect_dataset(args.data, status_files=args.status)
    for problem in problems:
        print(out.text(problem))
    where = dataset.path if dataset else (args.data or "the bundled dataset")
    if problems:
        print(f"{len(problems)} problem(s) in {where}", file=sys.stderr)
        return EXIT_FAILED
    assert dataset is not None  # no problem means it was read
    print(f"ok: {dataset.path}: {summary(dataset)}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Write places, crossings with their status, and roads for GIS tools."""
    from corridor.export import export_network

    dataset = dataset_from(args)
    kind: OutputKind = "gpkg" if args.format == "gpkg" else "folder"
    guard_outputs(args, dataset, [Output("OUT", Path(args.out), kind)])
    scenario = scenario_from(args, dataset)
    for path in export_network(dataset, args.out, scenario=scenario, fmt=args.format):
        print(f"wrote {path}")
    return EXIT_OK


def cmd_cache(args: argparse.Namespace) -> int:
    """Say where the cache is and how big, or empty it."""
    root = cache_dir()
    if args.action == "clear":
        count, size = clear_cache()
        print(f"removed {count} file(s), {size / 1e6:.1f} MB, from {root}")
        return EXIT_OK
    files = [p for p in root.rglob("*") if p.is_file()] if root.is_dir() else []
    size = sum(p.stat().st_size for p in files)
    print(f"{root}: {len(files)} file(s), {size / 1e6:.1f} MB ('corridor cache clear' empties it)")
    return EXIT_OK
