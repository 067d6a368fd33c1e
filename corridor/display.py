"""How routes, comparisons and combinations show in a notebook: compact HTML tables.

Every string in them comes from data (names, labels, reasons) and is escaped with
:func:`html.escape`, so markup and template syntax in a dataset stay text. The figures are said
as everywhere else (:mod:`corridor.phrases`). The classes here are mixins: ``Route``,
``Comparison`` and the outcomes of ``combinations`` take their notebook methods from them.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

    from corridor.combos import ComboOutcome
    from corridor.comparison import Comparison
    from corridor.routing.core import Route
    from geodata import Dataset

__all__ = [
    "ComboViews",
    "ComparisonViews",
    "RouteViews",
    "combos_html",
    "comparison_html",
    "html_table",
    "route_html",
]


def html_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    caption: str,
    notes: Sequence[str] = (),
    numeric: Sequence[int] = (),
) -> str:
    """Return a table of plain text cells (each escaped), its caption and notes below it."""
    right = ' style="text-align:right"'

    def cells(row: Sequence[str], tag: str) -> str:
        return "".join(
            f"<{tag}{right if i in numeric else ''}>{escape(cell)}</{tag}>"
            for i, cell in enumerate(row)
        )

    body = "".join(f"<tr>{cells(row, 'td')}</tr>" for row in rows)
    below = "".join(f"<p>{escape(note)}</p>" for note in notes)
    return (
        f'<div class="corridor"><table><caption>{escape(caption)}</caption>'
        f"<thead><tr>{cells(header, 'th')}</tr></thead><tbody>{body}</tbody></table>"
        f"{below}</div>"
    )


def _names(dataset: Dataset | None, ids: Sequence[str]) -> str:
    from corridor.convert import node_name

    return ", ".join(node_name(dataset, i) if dataset else i for i in ids) or "none"


def route_html(route: Route) -> str:
    """Return a route's summary and legs as an HTML table."""
    from corridor.cli.output import scenario_title
    from corridor.convert import leg_figures, node_name
    from corridor.phrases import distance_text, spread_text, time_text

    dataset = route.dataset
    rows = [
        [
            f.leg.ref or f.leg.name,
            f.start_name,
            f.end_name,
            spread_text(f.leg.distance_km, *f.km_range),
            spread_text(f.hours, *f.hours_range, digits=1),
            _names(dataset, f.crossings) if f.crossings else "",
        ]
        for f in leg_figures(route)
    ]
    trip = f"{node_name(dataset, route.origin)} -> {node_name(dataset, route.destination)}"
    return html_table(
        ["Road", "From", "To", "km", "h", "Crossing"],
        rows,
        caption=f"{trip}: {distance_text(route)}, {time_text(route)}",
        notes=[
            f"Countries: {' > '.join(route.countries)}; crossings: "
            f"{_names(dataset, route.crossings)}; {scenario_title(route.scenario)}"
        ],
        numeric=(3, 4),
    )


def comparison_html(comparison: Comparison) -> str:
    """Return a comparison as an HTML table: one row per scenario, the baseline first."""
    from corridor.cli.output import scenario_title
    from corridor.phrases import ABOUT_EQUAL, change_text, distance_text, time_text

    base = comparison.baseline
    outcomes = [base, *comparison.scenarios]
    dataset = next((o.route.dataset for o in outcomes if o.route is not None), None)
    rows, about_equal = [], False
    for outcome in outcomes:
        if outcome.route is None:
            rows.append([outcome.label, "no route", "", "", "", outcome.reason])
            continue
        km, hours = change_text(outcome, base, brief=True) if outcome is not base else ("", "")
        about_equal |= "about equal" in km + hours
        route = outcome.route
        rows.append(
            [
                outcome.label,
                distance_text(route, unit=False),
                time_text(route, unit=False),
                km,
                hours,
                _names(dataset, route.crossings),
            ]
        )
    trip = _names(dataset, [comparison.origin]) + " -> " + _names(dataset, [comparison.destination])
    return html_table(
        ["Scenario", "km", "h", "change km", "change h", "Crossings or reason"],
        rows,
        caption=f"{trip}: {scenario_title(base.scenario)}",
        notes=[ABOUT_EQUAL] if about_equal else [],
        numeric=(1, 2, 3, 4),
    )


def combos_html(outcomes: Sequence[ComboOutcome]) -> str:
    """Return the distinct outcomes of :func:`corridor.combos.combinations` as an HTML table."""
    from corridor.phrases import distance_text, time_text

    dataset = next((o.route.dataset for o in outcomes if o.route is not None), None)
    rows = [
        [
            _names(dataset, o.crossings) if o.route is not None else "no route",
            f"{o.count:,}",
            distance_text(o.route, unit=False) if o.route is not None else "",
            time_text(o.route, unit=False) if o.route is not None else "",
            _names(dataset, sorted(o.always_closed)),
            _names(dataset, sorted(o.always_open)),
        ]
        for o in outcomes
    ]
    total = sum(o.count for o in outcomes)
    return html_table(
        ["Via", "combinations", "km", "h", "always closed", "always open"],
        rows,
        caption=f"{total:,} combinations, {len(outcomes)} distinct outcomes",
        numeric=(1, 2, 3),
    )


class RouteViews:
    """A route's notebook methods: ``to_gdf`` and its HTML table."""

    def to_gdf(self) -> gpd.GeoDataFrame:
        """Return one row per leg (EPSG:4326); see :func:`corridor.convert.route_to_gdf`."""
        from corridor.convert import route_to_gdf

        return route_to_gdf(cast("Route", self))

    def _repr_html_(self) -> str:
        return route_html(cast("Route", self))


class ComparisonViews:
    """A comparison's notebook methods: ``to_frame`` and its HTML table."""

    def to_frame(self) -> pd.DataFrame:
        """Return one row per scenario; see :func:`corridor.convert.comparison_frame`."""
        from corridor.convert import comparison_frame

        return comparison_frame(cast("Comparison", self))

    def _repr_html_(self) -> str:
        return comparison_html(cast("Comparison", self))


class ComboViews:
    """The notebook methods of a list of combination outcomes: ``to_frame`` and a table."""

    def to_frame(self) -> pd.DataFrame:
        """Return one row per outcome; see :func:`corridor.convert.combos_frame`."""
        from corridor.convert import combos_frame

        return combos_frame(cast("Sequence[ComboOutcome]", self))

    def _repr_html_(self) -> str:
        return combos_html(cast("Sequence[ComboOutcome]", self))
