"""``corridor compare``: scenarios against the baseline, or the same trip on several dates."""

from __future__ import annotations

import argparse
from dataclasses import replace

import networkx as nx

from corridor.cache import trip_overlay
from corridor.cli import output as out
from corridor.cli.args import EXIT_NO_ROUTE, EXIT_OK, named_scenario
from corridor.cli.drawing import write_pictures
from corridor.cli.trips import prepare, warn_stale
from corridor.comparison import Outcome, compare
from corridor.dates import DateChange, DateComparison, compare_dates
from corridor.errors import InputError
from corridor.phrases import ABOUT_EQUAL, ESTIMATES, change_text, distance_text, time_text
from corridor.scenario import Scenario

__all__ = ["cmd_compare", "dates_record"]


def _comparison_rows(
    result: list[Outcome], graph: nx.MultiDiGraph, *, cells: bool
) -> list[dict[str, object]]:
    """Return one row per scenario: text ``cells`` for a table, else numbers (for CSV)."""
    base = result[0]
    rows: list[dict[str, object]] = []
    for outcome in result:
        route = outcome.route
        pct = outcome.delta_pct(base)
        change = None if outcome is base else outcome.difference(base)
        crossings = (
            (", ".join(graph.nodes[c]["name"] for c in route.crossings) or "none")
            if route
            else outcome.reason
        )
        countries = " > ".join(route.countries) if route else ""
        if cells:
            change_km, change_h = (
                ("", "") if outcome is base else change_text(outcome, base, brief=True)
            )
            if _off_route(outcome, base):
                change_km = f"{change.delta_km:+,.0f} (not on the route)" if change else ""
            figures: dict[str, object] = {
                "km": distance_text(route, unit=False) if route else "no route",
                "hours": time_text(route, unit=False) if route else "",
                "change_km": change_km,
                "change_pct": "" if pct is None or outcome is base else f"{pct:+.1f}%",
                "change_h": change_h,
            }
        else:
            figures = {
                "km": _r(route.distance_km) if route else None,
                "km_low": _r(route.distance_range_km[0]) if route else None,
                "km_high": _r(route.distance_range_km[1]) if route else None,
                "hours": _r(route.time_h, 2) if route else None,
                "hours_low": _r(route.time_range_h[0], 2) if route else None,
                "hours_high": _r(route.time_range_h[1], 2) if route else None,
                "change_km": _r(change.delta_km) if change else None,
                "change_km_low": _r(change.delta_range_km[0]) if change else None,
                "change_km_high": _r(change.delta_range_km[1]) if change else None,
                "within_uncertainty": change.within_uncertainty if change else None,
                "change_pct": None if pct is None or outcome is base else round(pct, 2),
                "change_h": _r(change.delta_h, 2) if change else None,
                "closed_on_route": None if outcome is base else not _off_route(outcome, base),
            }
        rows.append(
            {"scenario": outcome.label, **figures, "crossings": crossings, "countries": countries}
        )
    return rows


def _off_route(outcome: Outcome, base: Outcome) -> bool:
    """Whether a scenario closes only crossings the baseline route does not take."""
    closed = outcome.scenario.closed - base.scenario.closed
    taken = base.route.crossings if base.route else ()
    return outcome is not base and bool(closed) and not closed & set(taken) and bool(outcome.route)


def _r(value: float, digits: int = 1) -> float:
    return round(value, digits)


def cmd_compare(args: argparse.Namespace) -> int:
    """Compare the baseline route with the same trip under one or more scenarios."""
    dataset, graph, forced = prepare(args)
    if args.dates:
        return _over_dates(args, graph, forced)
    baseline = replace(forced, closed=frozenset(), opened=frozenset())
    scenarios = [named_scenario(text, baseline, dataset) for text in args.scenario]
    if forced.closed or forced.opened:
        scenarios.insert(0, (out.scenario_label(forced, graph), forced))
    if not scenarios:
        msg = (
            "compare needs at least one --close ID, --open ID or --scenario "
            '"NAME: close=ID" to compare with the baseline'
        )
        raise InputError(msg)
    comparison = compare(
        graph,
        args.origin,
        args.destination,
        scenarios,
        baseline=baseline,
        overlay=trip_overlay(graph),
    )
    outcomes = [comparison.baseline, *comparison.scenarios]
    warn_stale(graph, baseline, outcomes)
    write_pictures(args, graph, outcomes, scenario=baseline, baseline=comparison.baseline)
    if args.format == "json":
        out.print_json(out.comparison_record(comparison, graph))
    elif args.format == "geojson":
        out.print_json(out.routes_geojson(outcomes, graph))
    else:
        names = graph.nodes
        title = (
            f"{names[comparison.origin]['name']} -> {names[comparison.destination]['name']}"
            f": {out.scenario_title(baseline)}"
        )
        cells = args.format != "csv"
        rows = _comparison_rows(outcomes, graph, cells=cells)
        numeric = ("km", "hours", "change_km", "change_pct", "change_h")
        equal = cells and any("about equal" in str(r[k]) for r in rows for k in numeric)
        notes = [*([ABOUT_EQUAL] if equal else []), ESTIMATES[0].upper() + ESTIMATES[1:]]
        context = out.scenario_context(baseline)
        out.emit(rows, args.format, title=title, context=context, numeric=numeric, notes=notes)
    return EXIT_NO_ROUTE if any(o.route is None for o in outcomes) else EXIT_OK


def _change_words(change: DateChange, graph: nx.MultiDiGraph) -> str:
    names = graph.nodes
    parts = []
    if change.difference is not None:
        d = change.difference
        equal = " (about equal)"
        km = f"{d.delta_km:+,.0f} km" + (equal if d.within_uncertainty else "")
        hours = f"{d.delta_h:+.1f} h" + (equal if d.time_within_uncertainty else "")
        parts.append(f"{km}, {hours}")
    for word, ids in (("opened", change.opened), ("closed", change.closed)):
        if ids:
            parts.append(f"{word}: " + ", ".join(names[c]["name"] for c in ids))
    return "; ".join(parts) or "no change"


def dates_record(result: DateComparison, graph: nx.MultiDiGraph) -> dict[str, object]:
    """Return a comparison over dates as the JSON of ``corridor compare --dates``."""
    changes = []
    for change in result.changes:
        d = change.difference
        changes.append(
            {
                "from": change.start.isoformat(),
                "to": change.end.isoformat(),
                "opened": list(change.opened),
                "closed": list(change.closed),
                "delta_km": _r(d.delta_km) if d else None,
                "delta_range_km": [_r(v) for v in d.delta_range_km] if d else None,
                "within_uncertainty": d.within_uncertainty if d else None,
                "delta_h": _r(d.delta_h, 2) if d else None,
                "delta_range_h": [_r(v, 2) for v in d.delta_range_h] if d else None,
                "time_within_uncertainty": d.time_within_uncertainty if d else None,
            }
        )
    return {
        "origin": result.origin,
        "destination": result.destination,
        "border_delay_estimated": True,
        "dates": [
            {"date": o.date.isoformat(), "statuses": dict(o.statuses)}
            | out.outcome_record(o.outcome, graph)
            for o in result.dates
        ],
        "changes": changes,
    }


def _over_dates(args: argparse.Namespace, graph: nx.MultiDiGraph, scenario: Scenario) -> int:
    if args.scenario:
        msg = "--dates compares one scenario over dates; drop --scenario (--close and --open apply)"
        raise InputError(msg)
    result = compare_dates(
        graph,
        args.origin,
        args.destination,
        dates=args.dates,
        scenario=scenario,
        overlay=trip_overlay(graph),
    )
    outcomes = [o.outcome for o in result.dates]
    warn_stale(graph, scenario, outcomes)
    write_pictures(args, graph, outcomes, scenario=scenario, baseline=outcomes[0])
    code = EXIT_NO_ROUTE if any(o.route is None for o in outcomes) else EXIT_OK
    if args.format in ("json", "geojson"):
        payload = dates_record(result, graph) if args.format == "json" else None
        out.print_json(payload or out.routes_geojson(outcomes, graph))
        return code
    names, cells = graph.nodes, args.format != "csv"
    rows: list[dict[str, object]] = []
    for n, dated in enumerate(result.dates):
        route, change = dated.outcome.route, (result.changes[n - 1] if n else None)
        used = ", ".join(names[c]["name"] for c in route.crossings) if route else ""
        status = "; ".join(f"{names[c]['name']} {s}" for c, s in dated.statuses)
        row: dict[str, object] = {"date": dated.date.isoformat()}
        if cells:
            row |= {
                "km": distance_text(route, unit=False) if route else "no route",
                "hours": time_text(route, unit=False) if route else "",
                "crossings": used or (dated.outcome.reason if not route else "none"),
                "status": status,
                "change": _change_words(change, graph) if change else "",
            }
        else:
            d = change.difference if change else None
            row |= {
                "km": _r(route.distance_km) if route else None,
                "km_low": _r(route.distance_range_km[0]) if route else None,
                "km_high": _r(route.distance_range_km[1]) if route else None,
                "hours": _r(route.time_h, 2) if route else None,
                "crossings": "|".join(route.crossings) if route else "",
                "status": "|".join(f"{c}={s}" for c, s in dated.statuses),
                "change_km": _r(d.delta_km) if d else None,
                "change_h": _r(d.delta_h, 2) if d else None,
                "within_uncertainty": d.within_uncertainty if d else None,
                "opened": "|".join(change.opened) if change else "",
                "closed": "|".join(change.closed) if change else "",
            }
        rows.append(row)
    title = (
        f"{names[result.origin]['name']} -> {names[result.destination]['name']} on "
        f"{len(rows)} dates: {out.scenario_title(scenario).split(', status as of ')[0]}"
    )
    context = {"mode": scenario.mode, "weight": scenario.weight}
    notes = [ABOUT_EQUAL, ESTIMATES[0].upper() + ESTIMATES[1:]]
    out.emit(rows, args.format, title=title, context=context, numeric=("km", "hours"), notes=notes)
    return code
