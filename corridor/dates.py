"""The same trip on several dates: routes side by side, and what changed between them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import networkx as nx

from corridor.comparison import Outcome, evaluate
from corridor.errors import InputError
from corridor.graph import dataset_of
from corridor.routing.core import Trip
from corridor.scenario import CrossingStatus, Scenario, crossing_states
from corridor.summary import overall_status
from corridor.uncertainty import Difference

if TYPE_CHECKING:
    from corridor.routing.overlay import Overlay

__all__ = ["DateChange", "DateComparison", "DatedOutcome", "compare_dates"]


@dataclass(frozen=True)
class DatedOutcome:
    """The trip on one date, and the status then of every crossing it uses on any date."""

    date: dt.date
    outcome: Outcome
    statuses: tuple[tuple[str, CrossingStatus], ...]


@dataclass(frozen=True)
class DateChange:
    """What changed from one date to the next.

    ``opened`` and ``closed`` are the crossings that became passable (in some direction) or
    stopped being; ``difference`` the change of the route (``None`` if either has none).
    """

    start: dt.date
    end: dt.date
    opened: tuple[str, ...]
    closed: tuple[str, ...]
    difference: Difference | None


@dataclass(frozen=True)
class DateComparison:
    """A trip on each date, in the order given, and the changes between consecutive dates."""

    origin: str
    destination: str
    dates: tuple[DatedOutcome, ...]
    changes: tuple[DateChange, ...]


def _dates(dates: object) -> list[dt.date]:
    if isinstance(dates, str | dt.date) or not isinstance(dates, Sequence) or not dates:
        msg = f"dates takes a list of datetime.date such as [date(2025, 3, 1)], not {dates!r}"
        raise InputError(msg)
    for day in dates:
        if not isinstance(day, dt.date):
            msg = f"dates holds {day!r}; every entry must be a datetime.date"
            raise InputError(msg)
    return list(dict.fromkeys(d.date() if isinstance(d, dt.datetime) else d for d in dates))


def compare_dates(
    graph: nx.MultiDiGraph,
    origin: str,
    destination: str,
    *,
    dates: Sequence[dt.date],
    scenario: Scenario | None = None,
    overlay: Overlay | None = None,
) -> DateComparison:
    """Route the same trip on each date and say what changed between consecutive dates.

    The trip runs on ``graph`` (from :func:`corridor.build_graph`) between two places or
    crossings, named or by id.

    Parameters
    ----------
    dates
        The dates, in the order to show them (repeats are dropped).
    scenario
        Everything but the date (traffic, weight, forced crossings, delays); default as
        recorded, freight, by distance.
    overlay
        The graph's overlay, to route on its legs (see :func:`corridor.routing.shortest`).

    Returns
    -------
    DateComparison

    """
    days = _dates(dates)
    trip = Trip.resolve(graph, origin, destination, scenario)
    dataset = dataset_of(graph)
    scenarios = [replace(trip.scenario, as_of=day) for day in days]
    outcomes = [
        evaluate(
            graph,
            trip.origin,
            trip.destination,
            scenario=s,
            label=s.as_of.isoformat(),
            overlay=overlay,
        )
        for s in scenarios
    ]
    states = [crossing_states(dataset, s) for s in scenarios]
    words = [
        {
            c: overall_status(st[(c, "a_to_b")].status, st[(c, "b_to_a")].status)
            for c in dataset.crossings
        }
        for st in states
    ]
    passable = [
        {c for c in dataset.crossings if st[(c, "a_to_b")].passable or st[(c, "b_to_a")].passable}
        for st in states
    ]
    used = list(dict.fromkeys(c for o in outcomes if o.route for c in o.route.crossings))
    dated = tuple(
        DatedOutcome(day, o, tuple((c, w[c]) for c in used))
        for day, o, w in zip(days, outcomes, words, strict=True)
    )
    changes = tuple(
        DateChange(
            days[i - 1],
            days[i],
            tuple(sorted(passable[i] - passable[i - 1])),
            tuple(sorted(passable[i - 1] - passable[i])),
            outcomes[i].difference(outcomes[i - 1]),
        )
        for i in range(1, len(days))
    )
    return DateComparison(trip.origin, trip.destination, dated, changes)
