"""Scenarios: which crossings are open, on what date, for which traffic."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

from geodata import Crossing, Dataset, StatusEvent, status_on
from geodata.records import Direction, Mode

Weight = Literal["distance", "time"]
WEIGHTS: tuple[Weight, ...] = ("distance", "time")
CrossingStatus = Literal["open", "closed", "restricted", "unknown"]


@dataclass(frozen=True)
class Scenario:
    """A frozen what-if: the date, the traffic, and crossings forced closed or open.

    Parameters
    ----------
    as_of
        Crossing status is read from the timelines on this date.
    mode
        ``freight`` or ``passenger``: whose status, delays and speeds apply.
    closed
        Crossing ids closed whatever their status.
    opened
        Crossing ids opened whatever their status (``closed`` wins if an id is in both).
    avoid_countries
        ISO2 codes the route must not enter, except its own origin and destination countries.
    weight
        Minimise ``distance`` or ``time`` (driving time plus border delay).
    delay_h
        Per-crossing border delay overrides in hours, as ``(crossing id, hours)`` pairs.

    """

    as_of: dt.date = field(default_factory=dt.date.today)
    mode: Mode = "freight"
    closed: frozenset[str] = frozenset()
    opened: frozenset[str] = frozenset()
    avoid_countries: frozenset[str] = frozenset()
    weight: Weight = "distance"
    delay_h: tuple[tuple[str, float], ...] = ()

    def with_changes(self, *, close: Iterable[str] = (), open_: Iterable[str] = ()) -> Scenario:
        """Return this scenario with more crossings forced closed or open."""
        return replace(self, closed=self.closed | set(close), opened=self.opened | set(open_))

    def baseline(self) -> Scenario:
        """Return the same date, traffic and weight with no crossing forced either way."""
        return replace(self, closed=frozenset(), opened=frozenset())

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready description."""
        return {
            "as_of": self.as_of.isoformat(),
            "mode": self.mode,
            "closed": sorted(self.closed),
            "opened": sorted(self.opened),
            "avoid_countries": sorted(self.avoid_countries),
            "weight": self.weight,
            "delay_h": dict(self.delay_h),
        }


@dataclass(frozen=True)
class CrossingState:
    """The status of one crossing in one direction under a scenario, and why."""

    crossing: str
    direction: Direction
    status: CrossingStatus
    forced: bool
    event: StatusEvent | None

    @property
    def passable(self) -> bool:
        """Whether a route may use the crossing in this direction."""
        return self.status in ("open", "restricted")

    def reason(self) -> str:
        """Say in a few words why the crossing has this status."""
        if self.forced:
            return f"{self.status} by the scenario"
        if self.event is None and self.status == "closed":
            return "does not handle this traffic"
        if self.event is None:
            return "status unknown on that date (no event recorded)"
        return f"{self.status} since {self.event.date.isoformat()}"


def crossing_state(
    crossing: Crossing, events: Iterable[StatusEvent], scenario: Scenario, *, direction: Direction
) -> CrossingState:
    """Return a crossing's state under a scenario for one direction of travel.

    Unknown status (no event on or before the date) is reported as ``unknown`` and is not
    passable: a route is never sent through a crossing nobody says is open.
    """
    if crossing.id in scenario.closed:
        return CrossingState(crossing.id, direction, "closed", True, None)
    if crossing.id in scenario.opened:
        return CrossingState(crossing.id, direction, "open", True, None)
    if scenario.mode not in crossing.modes:
        return CrossingState(crossing.id, direction, "closed", False, None)
    event = status_on(
        events, crossing.id, date=scenario.as_of, mode=scenario.mode, direction=direction
    )
    status: CrossingStatus = event.status if event else "unknown"
    return CrossingState(crossing.id, direction, status, False, event)


def crossing_states(
    dataset: Dataset, scenario: Scenario
) -> dict[tuple[str, Direction], CrossingState]:
    """Return every crossing's state in both directions, keyed by (crossing id, direction)."""
    directions: tuple[Direction, ...] = ("a_to_b", "b_to_a")
    return {
        (c.id, d): crossing_state(c, dataset.events, scenario, direction=d)
        for c in dataset.crossings.values()
        for d in directions
    }


def delay_hours(crossing: Crossing, scenario: Scenario) -> float:
    """Return the border delay at a crossing for the scenario's traffic, in hours."""
    overrides: Mapping[str, float] = dict(scenario.delay_h)
    return overrides.get(crossing.id, crossing.delay_h[scenario.mode])
