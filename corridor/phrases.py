"""How a figure and its uncertainty are said, the same in every output (tables, Markdown, maps).

A difference whose range holds zero is said to be "about equal", never a precise gain or loss.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from corridor.comparison import Outcome
from corridor.routing.core import Route
from corridor.scenario import Scenario
from corridor.summary import STALE_DAYS, CrossingSummary, age_text

__all__ = [
    "ABOUT_EQUAL",
    "ESTIMATES",
    "change_text",
    "delays_text",
    "distance_text",
    "spread_text",
    "stale_text",
    "time_text",
]

# Said wherever border time is shown.
ESTIMATES = (
    "border delays are typical estimates (a border may take half to twice as long); distances "
    "carry the uncertainty of the mapped roads"
)


def _spread(value: float, low: float, high: float, digits: int = 0) -> str:
    below, above = value - low, high - value
    if round(below, digits) == round(above, digits):
        return f"\u00b1{below:,.{digits}f}"
    return f"-{below:,.{digits}f}/+{above:,.{digits}f}"


def spread_text(value: float, low: float, high: float, *, digits: int = 0) -> str:
    """Return e.g. ``25 (-2/+5)`` or ``25 (±3)``: a figure and how far its range reaches."""
    return f"{value:,.{digits}f} ({_spread(value, low, high, digits)})"


def distance_text(route: Route, *, unit: bool = True) -> str:
    """Return e.g. ``942 km (-19/+61)``: the distance and how far the truth may be from it.

    Without ``unit`` (for a table column that names it): ``942 (-19/+61)``.
    """
    km = " km" if unit else ""
    return f"{route.distance_km:,.0f}{km} ({_spread(route.distance_km, *route.distance_range_km)})"


def time_text(route: Route, *, unit: bool = True) -> str:
    """Return e.g. ``21.7 h (17.6-35.3 h)``: the time and its range (without ``unit``: no h)."""
    low, high = route.time_range_h
    h = " h" if unit else ""
    return f"{route.time_h:.1f}{h} ({low:.1f}-{high:.1f}{h})"


ABOUT_EQUAL = (
    "about equal: the change lies within the uncertainty of the two routes' figures "
    "(docs/uncertainty.md)"
)


def change_text(outcome: Outcome, baseline: Outcome, *, brief: bool = False) -> tuple[str, str]:
    """Return the change in km and in hours, each saying when it is within its uncertainty.

    ``brief`` gives table cells in the column's unit (``+5 (about equal)``, explained by
    :data:`ABOUT_EQUAL`); otherwise the unit and the range are spelt out.
    """
    change = outcome.difference(baseline)
    if change is None:
        return "", ""
    if brief:
        equal = " (about equal)"
        return (
            f"{change.delta_km:+,.0f}" + (equal if change.within_uncertainty else ""),
            f"{change.delta_h:+.1f}" + (equal if change.time_within_uncertainty else ""),
        )
    km, hours = f"{change.delta_km:+,.0f} km", f"{change.delta_h:+.1f} h"
    if change.within_uncertainty:
        low, high = change.delta_range_km
        km += f" (within uncertainty {low:+,.0f} to {high:+,.0f} km: the routes are about equal)"
    if change.time_within_uncertainty:
        low, high = change.delta_range_h
        hours += f" (within uncertainty {low:+.1f} to {high:+.1f} h)"
    return km, hours


def stale_text(stale: Sequence[CrossingSummary], on: dt.date) -> str:
    """Return the sentence that flags routes for today relying on old statuses."""
    listed = "; ".join(f"{s.crossing.name} {age_text(s, on)}" for s in stale)
    return f"routes for today rely on statuses older than {STALE_DAYS} days: {listed}"


def delays_text(scenario: Scenario) -> str:
    """Return the border delays a scenario sets, e.g. ``al-qaim 12 h, 30 other crossings 4 h``.

    Empty when it sets none. Said with "estimates" wherever it is shown.
    """
    given = dict(scenario.delay_h)
    if not given:
        return ""
    common, count = Counter(given.values()).most_common(1)[0]
    if count <= 3:
        return ", ".join(f"{c} {h:g} h" for c, h in given.items())
    rest = [f"{c} {h:g} h" for c, h in given.items() if h != common]
    others = "other crossings" if rest else "crossings"
    return ", ".join([*rest, f"{count} {others} {common:g} h"])
