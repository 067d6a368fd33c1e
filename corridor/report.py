"""Human-readable output: rich tables and text, plus Markdown and CSV for reports."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import networkx as nx
from rich.console import Console
from rich.table import Table

from corridor.combos import ComboOutcome
from corridor.compare import Comparison
from corridor.routing import Route, blocked_crossings
from corridor.scenario import Scenario
from geodata import Crossing


def console() -> Console:
    """Return the console for tables; plain and 120 wide when piped."""
    # markup=False: place names from data must print as they are, brackets and all.
    return Console(highlight=False, markup=False, width=None if sys.stdout.isatty() else 120)


def _table(columns: Sequence[str], *, title: str = "", numeric: Sequence[str] = ()) -> Table:
    table = Table(title=title or None, title_justify="left", show_edge=False)
    for column in columns:
        table.add_column(column, justify="right" if column in numeric else "left")
    return table


def print_route(route: Route, graph: nx.MultiDiGraph, out: Console) -> None:
    """Print a route: totals, countries, crossings, legs, and why it detours."""
    names = graph.nodes
    s = route.scenario
    out.print(
        f"{names[route.origin]['name']} -> {names[route.destination]['name']}: "
        f"{route.distance_km:,.0f} km, {route.time_h:.1f} h "
        f"({route.driving_h:.1f} h driving + {route.border_delay_h:.1f} h at borders)"
    )
    out.print(
        f"Straight line {route.great_circle_km:,.0f} km; {s.mode}, by {s.weight}, "
        f"crossing status as of {s.as_of.isoformat()}"
    )
    out.print("Countries: " + " > ".join(route.countries))
    out.print("Crossings: " + (", ".join(names[c]["name"] for c in route.crossings) or "none"))
    legs = _table(("Road", "From", "To", "km"), title="Legs", numeric=("km",))
    for leg in route.legs:
        legs.add_row(
            leg.ref or leg.name,
            names[leg.start]["name"],
            names[leg.end]["name"],
            f"{leg.distance_km:,.0f}",
        )
    out.print(legs)
    for state in blocked_crossings(graph, route.origin, route.destination, route.scenario):
        out.print(
            f"Re-routed: {names[state.crossing]['name']} ({state.crossing}) is "
            f"{state.reason()}; with it open the route would be shorter."
        )


def comparison_rows(comparison: Comparison, graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Return one flat row per outcome (baseline first) for tables, CSV and Markdown."""
    base = comparison.baseline
    rows = []
    for outcome in (base, *comparison.scenarios):
        route = outcome.route
        km, pct, hours = outcome.delta_km(base), outcome.delta_pct(base), outcome.delta_h(base)
        rows.append(
            {
                "scenario": outcome.label,
                "km": f"{route.distance_km:.0f}" if route else "no route",
                "hours": f"{route.time_h:.1f}" if route else "",
                "change_km": "" if outcome is base or km is None else f"{km:+.0f}",
                "change_pct": "" if outcome is base or pct is None else f"{pct:+.1f}%",
                "change_h": "" if outcome is base or hours is None else f"{hours:+.1f}",
                "crossings": (", ".join(graph.nodes[c]["name"] for c in route.crossings) or "none")
                if route
                else outcome.reason,
                "countries": " > ".join(route.countries) if route else "",
            }
        )
    return rows


def rows_table(rows: list[dict[str, Any]], *, title: str = "") -> Table:
    """Return flat rows as a rich table (numbers right-aligned)."""
    columns = list(rows[0]) if rows else []
    numeric = [c for c in columns if all(isinstance(r[c], int | float) for r in rows)]
    numeric += ["km", "hours", "change_km", "change_pct", "change_h"]
    table = _table(columns, title=title, numeric=numeric)
    for row in rows:
        table.add_row(*(str(v) for v in row.values()))
    return table


def rows_csv(rows: list[dict[str, Any]]) -> str:
    """Return flat rows as CSV text."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else [], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def rows_markdown(rows: list[dict[str, Any]]) -> str:
    """Return flat rows as a Markdown table (pipes in values escaped)."""
    if not rows:
        return ""

    def cell(value: object) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ")

    header = list(rows[0])
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell(row[h]) for h in header) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def combo_rows(outcomes: list[ComboOutcome], graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Return one row per distinct outcome of ``corridor combos``."""
    names = graph.nodes
    rows = []
    for outcome in outcomes:
        route = outcome.route
        rows.append(
            {
                "route": (" > ".join(names[c]["name"] for c in outcome.crossings) or "no crossing")
                if route
                else "no route",
                "km": f"{route.distance_km:.0f}" if route else "",
                "hours": f"{route.time_h:.1f}" if route else "",
                "combinations": outcome.count,
                "needs_open": ", ".join(sorted(outcome.always_open)),
                "always_closed": ", ".join(sorted(outcome.always_closed)),
            }
        )
    return rows


def history_title(crossing: Crossing) -> str:
    """Return the heading of a crossing's timeline."""
    return (
        f"{crossing.name}: {crossing.name_a} ({crossing.country_a}) - "
        f"{crossing.name_b} ({crossing.country_b})"
    )


def print_json(payload: Any) -> None:
    """Print a JSON document (UTF-8 text, indented) for scripts."""
    print(json.dumps(payload, ensure_ascii=False, indent=2))


def scenario_label(scenario: Scenario, graph: nx.MultiDiGraph) -> str:
    """Name a scenario by the crossings it forces, e.g. "Al-Bukamal / Al-Qaim closed"."""
    parts = []
    if scenario.closed:
        parts.append(", ".join(graph.nodes[c]["name"] for c in sorted(scenario.closed)) + " closed")
    if scenario.opened:
        parts.append(", ".join(graph.nodes[c]["name"] for c in sorted(scenario.opened)) + " open")
    return "; ".join(parts) or "as recorded"


def emit_rows(rows: list[dict[str, Any]], fmt: str, *, title: str = "") -> None:
    """Print flat rows as a table (with a title), CSV or Markdown."""
    if fmt == "csv":
        sys.stdout.write(rows_csv(rows))
    elif fmt == "markdown":
        sys.stdout.write(rows_markdown(rows))
    else:
        out = console()
        if title:
            out.print(title)
        out.print(rows_table(rows))


def json_or_table(
    rows: list[dict[str, Any]],
    fmt: str,
    *,
    columns: Mapping[str, Callable[[dict[str, Any]], str]],
    title: str = "",
) -> None:
    """Print rows as JSON for scripts, or as a table of the given columns for people."""
    if fmt == "json":
        print_json(rows)
    else:
        emit_rows(
            [{name: get(row) for name, get in columns.items()} for row in rows],
            "table",
            title=title,
        )
