"""What the command line prints: one emitter for every format, and the JSON contracts.

Text from data is printed as text: control characters are shown escaped on a terminal, table
cells are never read as markup, Markdown cells are escaped so that no data becomes HTML or a
link, and JSON escapes what JSON must.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx
from rich.console import Console
from rich.table import Table
from shapely.geometry import mapping

from corridor.areas import active_areas
from corridor.comparison import Comparison, Outcome
from corridor.phrases import delays_text
from corridor.routing.core import Route
from corridor.scenario import Scenario
from corridor.summary import CrossingSummary, HistoryEntry
from geodata import Place

__all__ = [
    "comparison_record",
    "console",
    "crossing_record",
    "emit",
    "history_record",
    "outcome_record",
    "place_record",
    "print_json",
    "route_record",
    "routes_geojson",
    "scenario_context",
    "scenario_label",
    "scenario_title",
    "text",
]

Row = Mapping[str, Any]
# C0 and C1 control characters other than tab and newline: shown escaped, never sent raw to a
# terminal (an ESC in a place name could otherwise restyle or clear the screen).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Markdown punctuation that could turn a cell into emphasis, code, a link or an image.
_MARKDOWN = re.compile(r"([\\`*_\[\]|])")


def text(value: object) -> str:
    r"""Return a value as printable text (control characters escaped, e.g. ``\x1b``)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(value))


def console() -> Console:
    """Return the console for tables: terminal width on a terminal, unwrapped when piped."""
    # markup=False: place names from data must print as they are, brackets and all.
    wide = None if sys.stdout.isatty() else 10_000
    return Console(
        highlight=False, markup=False, emoji=False, width=wide, soft_wrap=wide is not None
    )


def scenario_title(scenario: Scenario, *, weight: bool = True) -> str:
    """Describe a scenario's traffic, weight, date and avoided countries in one phrase."""
    parts: list[str] = [scenario.mode]
    if weight:
        parts.append(f"by {scenario.weight}")
    parts.append(f"status as of {scenario.as_of.isoformat()}")
    phrase = ", ".join(parts)
    if scenario.avoid_countries:
        phrase += ", avoiding " + ", ".join(sorted(scenario.avoid_countries))
    areas = active_areas(scenario)
    if areas:
        phrase += ", avoiding area " + ", ".join(repr(a.name) for a in areas)
    if scenario.delay_h:
        phrase += f", border delays (estimates) set to {delays_text(scenario)}"
    return phrase


def scenario_context(scenario: Scenario) -> dict[str, str]:
    """Return what an exported table shows: its date, traffic and weight (CSV columns)."""
    return {"date": scenario.as_of.isoformat(), "mode": scenario.mode, "weight": scenario.weight}


def print_json(payload: Any) -> None:
    """Print a JSON document (UTF-8 text, indented) for scripts."""
    print(json.dumps(payload, ensure_ascii=False, indent=2))


def _markdown_cell(value: object) -> str:
    # & and < as entities (no data becomes HTML); punctuation that makes links or emphasis
    # backslash-escaped; the rendered text equals the data.
    cell = str(value).replace("\r", " ").replace("\n", " ").replace("&", "&amp;")
    return _MARKDOWN.sub(r"\\\1", cell.replace("<", "&lt;"))


def _csv(rows: Sequence[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else [], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _markdown(rows: Sequence[Row], title: str, context: Row | None) -> str:
    lines = [f"{_markdown_cell(title)}", ""] if title else []
    if context:
        said = "; ".join(f"{key}: {value}" for key, value in context.items())
        lines += [_markdown_cell(said), ""]
    if rows:
        header = list(rows[0])
        lines += ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
        lines += ["| " + " | ".join(_markdown_cell(row[h]) for h in header) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _table(rows: Sequence[Row], *, numeric: Sequence[str]) -> Table:
    columns = list(rows[0]) if rows else []
    table = Table(show_edge=False)
    for column in columns:
        right = column in numeric or all(isinstance(r[column], int | float) for r in rows)
        table.add_column(column, justify="right" if right else "left")
    for row in rows:
        table.add_row(*(text(v) for v in row.values()))
    return table


def emit(
    rows: Sequence[Row],
    fmt: str,
    *,
    title: str = "",
    context: Row | None = None,
    numeric: Sequence[str] = (),
    notes: Sequence[str] = (),
) -> None:
    """Print rows as a table (with its title and notes), CSV or Markdown.

    ``context`` (date, traffic, weight...) goes into every CSV row as leading columns and into
    the title line of a table or of Markdown, so an exported file says what it shows.
    ``notes`` explain the cells of a table or of Markdown, under it.
    """
    if fmt == "csv":
        sys.stdout.write(_csv([{**(context or {}), **row} for row in rows]))
    elif fmt == "markdown":
        sys.stdout.write(_markdown(rows, title, context))
        sys.stdout.write("".join(f"\n{_markdown_cell(note)}\n" for note in notes))
    else:
        out = console()
        if title:
            out.print(text(title))
        out.print(_table(rows, numeric=numeric))
        for note in notes:
            out.print(text(note))


def _r(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def route_record(route: Route, graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Return a route as the JSON contract of ``corridor route --format json``."""
    name = graph.nodes
    return {
        "origin": route.origin,
        "destination": route.destination,
        "origin_name": name[route.origin]["name"],
        "destination_name": name[route.destination]["name"],
        "distance_km": _r(route.distance_km),
        "distance_range_km": [_r(v) for v in route.distance_range_km],
        "time_h": _r(route.time_h, 2),
        "time_range_h": [_r(v, 2) for v in route.time_range_h],
        "driving_h": _r(route.driving_h, 2),
        "border_delay_h": _r(route.border_delay_h, 2),
        "border_delay_estimated": True,
        "great_circle_km": _r(route.great_circle_km),
        "crossings": list(route.crossings),
        "countries": list(route.countries),
        "path": list(route.path),
        "legs": [
            {
                "ref": leg.ref,
                "name": leg.name,
                "from": leg.start,
                "to": leg.end,
                "from_name": name[leg.start]["name"],
                "to_name": name[leg.end]["name"],
                "distance_km": _r(leg.distance_km),
            }
            for leg in route.legs
        ],
        "scenario": route.scenario.to_dict(),
    }


def outcome_record(
    outcome: Outcome, graph: nx.MultiDiGraph, *, baseline: Outcome | None = None
) -> dict[str, Any]:
    """Return an outcome: the route's record (plus changes), or ``route: null`` and a reason."""
    extra: dict[str, Any] = {"name": outcome.label}
    if baseline is not None:
        change = outcome.difference(baseline)
        extra |= {
            "delta_km": _r(outcome.delta_km(baseline)),
            "delta_range_km": [_r(v) for v in change.delta_range_km] if change else None,
            "delta_pct": _r(outcome.delta_pct(baseline)),
            "delta_h": _r(outcome.delta_h(baseline), 2),
            "delta_range_h": [_r(v, 2) for v in change.delta_range_h] if change else None,
            "within_uncertainty": change.within_uncertainty if change else None,
            "time_within_uncertainty": change.time_within_uncertainty if change else None,
        }
    if outcome.route is None:
        return {
            "route": None,
            "reason": outcome.reason,
            "scenario": outcome.scenario.to_dict(),
            **extra,
        }
    return route_record(outcome.route, graph) | extra


def comparison_record(comparison: Comparison, graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Return a comparison as the JSON contract of ``corridor compare --format json``."""
    base = comparison.baseline
    return {
        "origin": comparison.origin,
        "destination": comparison.destination,
        "baseline": outcome_record(base, graph),
        "scenarios": [outcome_record(o, graph, baseline=base) for o in comparison.scenarios],
    }


def routes_geojson(outcomes: Sequence[Outcome], graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Return a FeatureCollection with one LineString feature per outcome that has a route."""
    features = []
    for outcome in outcomes:
        if outcome.route is None:
            continue
        props = route_record(outcome.route, graph) | {"name": outcome.label}
        features.append(
            {"type": "Feature", "geometry": mapping(outcome.route.geometry), "properties": props}
        )
    return {"type": "FeatureCollection", "features": features}


def crossing_record(summary: CrossingSummary, *, on: dt.date) -> dict[str, Any]:
    """Return a crossing's status as the JSON contract of ``corridor crossings``."""
    c, event = summary.crossing, summary.event
    return {
        "id": c.id,
        "name": c.name,
        "countries": [c.country_a, c.country_b],
        "sides": [c.name_a, c.name_b],
        "status": summary.status,
        "by_direction": summary.by_direction,
        "reason": summary.reason,
        "since": event.date.isoformat() if event else None,
        "confirmed": summary.confirmed.isoformat() if summary.confirmed else None,
        "age_days": summary.age_days(on),
        "precision": event.precision if event else None,
        "note": event.note if event else "",
        "source": summary.source_url,
        "source_title": summary.source_title,
    }


def history_record(entry: HistoryEntry) -> dict[str, Any]:
    """Return one event of a crossing's timeline for ``corridor crossings --history``."""
    e = entry.event
    return {
        "date": e.date.isoformat(),
        "precision": e.precision,
        "status": e.status,
        "mode": e.mode,
        "direction": e.direction,
        "note": e.note,
        "source": entry.source_url,
        "source_title": entry.source_title,
    }


def place_record(place: Place) -> dict[str, Any]:
    """Return a place as ``corridor places --format json`` lists it."""
    return {
        "id": place.id,
        "name": place.name,
        "name_ar": place.name_ar,
        "aliases": list(place.aliases),
        "country": place.country,
        "lat": place.lat,
        "lon": place.lon,
        "kind": place.kind,
    }


def scenario_label(scenario: Scenario, graph: nx.MultiDiGraph) -> str:
    """Name a scenario by the crossings it forces, e.g. "Al-Bukamal / Al-Qaim closed"."""
    names = graph.nodes
    parts = []
    if scenario.closed:
        parts.append(", ".join(names[c]["name"] for c in sorted(scenario.closed)) + " closed")
    if scenario.opened:
        parts.append(", ".join(names[c]["name"] for c in sorted(scenario.opened)) + " open")
    return "; ".join(parts) or "as recorded"
