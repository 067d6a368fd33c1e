"""The summary panel and the legend: HTML built from escaped text only."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import networkx as nx

from corridor.comparison import Outcome
from corridor.phrases import ESTIMATES, change_text, distance_text, stale_text, time_text
from corridor.scenario import Scenario
from corridor.summary import CrossingSummary
from maps.provenance import Provenance, provenance_html
from maps.style import STATUS_STYLES, route_style

__all__ = ["legend", "summary_panel"]


def _box(box_id: str, title: str, body: str, *, open_: bool = True) -> str:
    state = " open" if open_ else ""
    return (
        f'<details class="corridor-box" id="{box_id}"{state}><summary>{escape(title)}</summary>'
        f"<div>{body}</div></details>"
    )


def _delta(outcome: Outcome, baseline: Outcome | None) -> str:
    if baseline is None or outcome is baseline:
        return ""
    km, hours = change_text(outcome, baseline)
    pct = outcome.delta_pct(baseline)
    if not km or pct is None:
        return "n/a"
    return f"{km} ({pct:+.0f}%), {hours}"


def summary_panel(
    graph: nx.MultiDiGraph,
    outcomes: Sequence[Outcome],
    *,
    scenario: Scenario,
    title: str,
    baseline: Outcome | None = None,
    stale: Sequence[CrossingSummary] = (),
    facts: Provenance | None = None,
) -> str:
    """Return the panel: one row per scenario (km, hours, change, crossings) and the legs.

    ``stale`` lists the crossings of today's routes whose status is old; the panel says so.
    ``facts`` gives its "Data" section.
    """
    names = graph.nodes
    rows, legs = [], []
    drawn = 0
    for outcome in outcomes:
        label = escape(outcome.label)
        route = outcome.route
        if route is None:
            rows.append(
                f'<tr><td>{label}</td><td colspan="4" class="noroute">no route: '
                f"{escape(outcome.reason)}</td></tr>"
            )
            continue
        style = route_style(drawn)
        drawn += 1
        line = "dashed" if style.dash else "solid"
        swatch = (
            f'<span class="corridor-swatch" style="border-top: 5px {line} {style.colour}"></span>'
        )
        via = escape(", ".join(names[c]["name"] for c in route.crossings) or "none")
        rows.append(
            f'<tr><td>{swatch}{label}</td><td class="num">{escape(distance_text(route))}</td>'
            f'<td class="num">{escape(time_text(route))}</td>'
            f"<td>{escape(_delta(outcome, baseline))}</td><td>{via}</td></tr>"
        )
        items = "".join(
            f"<li>{escape(leg.ref or leg.name)} {escape(names[leg.start]['name'])} - "
            f"{escape(names[leg.end]['name'])}: {leg.distance_km:,.0f} km</li>"
            for leg in route.legs
        )
        legs.append(
            f"<details><summary>Legs: {label}</summary><ol>{items}</ol>"
            f'<p class="muted">{escape(" > ".join(route.countries))}; driving '
            f"{route.driving_h:.1f} h + {route.border_delay_h:.1f} h at borders, estimated; "
            f"straight line {route.great_circle_km:,.0f} km</p></details>"
        )
    table = (
        '<table><thead><tr><th>Scenario</th><th class="num">km</th><th class="num">h</th>'
        f"<th>change</th><th>crossings</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
    warning = ""
    if stale:
        sentence = stale_text(stale, scenario.as_of)
        warning = (
            f'<p class="corridor-warning" role="alert">{escape(sentence[0].upper() + sentence[1:])}'
            ".</p>"
        )
    footer = (
        f'<p class="muted">Crossing status as of {scenario.as_of.isoformat()} for '
        f"{escape(scenario.mode)} traffic; routes by {escape(scenario.weight)}. Distances are "
        f"along the mapped roads; {ESTIMATES}. Every place, crossing and road popup links its "
        "public source.</p>"
    )
    data = provenance_html(facts) if facts else ""
    return _box("corridor-panel", title, table + warning + "".join(legs) + footer + data)


def legend() -> str:
    """Return the legend explaining every symbol on the map."""
    rows = [
        f'<div class="corridor-legend-row"><span class="corridor-crossing corridor-{status}">'
        f"{escape(style.glyph)}</span>Crossing {escape(style.label)}</div>"
        for status, style in STATUS_STYLES.items()
    ]
    rows.append(
        '<div class="corridor-legend-row"><span class="corridor-swatch" '
        'style="border-top: 3px solid #8c959f"></span>Road (thicker: motorway)</div>'
    )
    rows.append(
        '<div class="corridor-legend-row"><span class="corridor-swatch" '
        f'style="border-top: 5px solid {route_style(0).colour}"></span>Route (each scenario '
        "its own colour and dash)</div>"
    )
    rows.append('<div class="corridor-legend-row">\u25cb City &nbsp; \u25cf Town</div>')
    return _box("corridor-legend", "Legend", "".join(rows), open_=False)
