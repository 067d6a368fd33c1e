"""Scenarios: which crossings are open, on what date, for which traffic."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

from corridor.errors import InputError
from geodata import Crossing, Dataset, StatusEvent, UnknownNameError, resolve, status_on
from geodata.records import MODES, AvoidArea, Direction, Mode
from geodata.status import confirmed_on

__all__ = [
    "WEIGHTS",
    "CrossingState",
    "CrossingStatus",
    "Scenario",
    "Weight",
    "crossing_state",
    "crossing_states",
    "delay_hours",
    "resolve_scenario",
]

Weight = Literal["distance", "time"]
WEIGHTS: tuple[Weight, ...] = ("distance", "time")
CrossingStatus = Literal["open", "closed", "restricted", "unknown"]


def _ids(name: str, value: object) -> frozenset[str]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        msg = (
            f"{name} takes a collection of ids such as ['al-qaim'], not {value!r}; "
            f"write {name}=[{value!r}]"
        )
        raise InputError(msg)
    items = list(value)
    for item in items:
        if not isinstance(item, str) or not item:
            msg = f"{name} holds {item!r}; every entry must be a non-empty id string"
            raise InputError(msg)
    return frozenset(items)


def _delays(value: object) -> tuple[tuple[str, float], ...]:
    pairs = value.items() if isinstance(value, Mapping) else value
    if isinstance(pairs, str) or not isinstance(pairs, Iterable):
        msg = f"delay_h takes {{crossing id: hours}}, not {value!r}"
        raise InputError(msg)
    delays: dict[str, float] = {}
    for pair in pairs:
        if not (isinstance(pair, tuple | list) and len(pair) == 2 and isinstance(pair[0], str)):
            msg = f"delay_h holds {pair!r}; give (crossing id, hours) pairs"
            raise InputError(msg)
        hours = pair[1]
        if isinstance(hours, bool) or not isinstance(hours, int | float):
            msg = f"delay_h for {pair[0]!r} is {hours!r}; give hours as a number"
            raise InputError(msg)
        if not math.isfinite(hours) or not 0 <= hours <= 240:
            msg = f"delay_h for {pair[0]!r} is {hours}; give 0 to 240 hours"
            raise InputError(msg)
        delays[pair[0]] = float(hours)
    return tuple(sorted(delays.items()))


@dataclass(frozen=True)
class Scenario:
    """A frozen what-if: the date, the traffic, and crossings forced closed or open.

    Every field is checked when the scenario is made; a wrong value raises
    :class:`corridor.errors.InputError` saying what to write instead.

    Parameters
    ----------
    as_of
        Crossing status is read from the timelines on this date (a ``datetime.date``).
    mode
        ``freight`` or ``passenger``: whose status, delays and speeds apply.
    closed
        Crossing ids closed whatever their status.
    opened
        Crossing ids opened whatever their status (an id cannot be in both).
    avoid_countries
        ISO2 codes the route must not enter, except its own origin and destination countries.
    weight
        Minimise ``distance`` or ``time`` (driving time plus border delay).
    delay_h
        Per-crossing border delay overrides in hours, as ``(crossing id, hours)`` pairs or a
        mapping.
    avoid_areas
        :class:`geodata.areas.AvoidArea` polygons (``geodata.areas.read_avoid_areas``): no
        route uses a road section that enters one active on ``as_of`` for ``mode``.

    """

    as_of: dt.date = field(default_factory=dt.date.today)
    mode: Mode = "freight"
    closed: frozenset[str] = frozenset()
    opened: frozenset[str] = frozenset()
    avoid_countries: frozenset[str] = frozenset()
    weight: Weight = "distance"
    delay_h: tuple[tuple[str, float], ...] = ()
    avoid_areas: tuple[AvoidArea, ...] = ()

    def __post_init__(self) -> None:
        as_of: object = self.as_of
        if isinstance(as_of, dt.datetime):
            object.__setattr__(self, "as_of", as_of.date())
        elif not isinstance(as_of, dt.date):
            msg = f"as_of must be a datetime.date such as date(2025, 7, 1), not {as_of!r}"
            raise InputError(msg)
        if self.mode not in MODES:
            msg = f"mode is {self.mode!r}; use one of {', '.join(MODES)}"
            raise InputError(msg)
        if self.weight not in WEIGHTS:
            msg = f"weight is {self.weight!r}; use one of {', '.join(WEIGHTS)}"
            raise InputError(msg)
        closed, opened = _ids("closed", self.closed), _ids("opened", self.opened)
        both = sorted(closed & opened)
        if both:
            msg = f"{', '.join(both)} cannot be both closed and opened; pick one"
            raise InputError(msg)
        object.__setattr__(self, "closed", closed)
        object.__setattr__(self, "opened", opened)
        countries = _ids("avoid_countries", self.avoid_countries)
        object.__setattr__(self, "avoid_countries", frozenset(c.upper() for c in countries))
        object.__setattr__(self, "delay_h", _delays(self.delay_h))
        areas: object = self.avoid_areas
        if isinstance(areas, AvoidArea) or not isinstance(areas, Iterable):
            msg = "avoid_areas takes a tuple of AvoidArea, e.g. read_avoid_areas('areas.geojson')"
            raise InputError(msg)
        areas = tuple(areas)
        if not all(isinstance(a, AvoidArea) for a in areas):
            msg = "avoid_areas holds something else than an AvoidArea; use read_avoid_areas"
            raise InputError(msg)
        object.__setattr__(self, "avoid_areas", areas)

    def with_changes(self, *, close: Iterable[str] = (), open_: Iterable[str] = ()) -> Scenario:
        """Return this scenario with more crossings forced closed or open.

        A crossing forced the other way before follows the new choice.
        """
        close_ids, open_ids = _ids("close", close), _ids("open_", open_)
        return replace(
            self,
            closed=(self.closed - open_ids) | close_ids,
            opened=(self.opened - close_ids) | open_ids,
        )

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
            "avoid_areas": [a.name for a in self.avoid_areas],
        }


def resolve_scenario(scenario: Scenario, dataset: Dataset) -> Scenario:
    """Return the scenario with crossing names turned into the dataset's ids.

    Raises
    ------
    geodata.UnknownNameError
        For a crossing the dataset does not know (the message suggests the closest names)
        or a country it has no place in.

    """
    if not isinstance(scenario, Scenario):
        msg = f"scenario must be a corridor.Scenario, not {type(scenario).__name__}"
        raise InputError(msg)
    countries = {p.country for p in dataset.places.values()}
    for code in sorted(scenario.avoid_countries - countries):
        msg = f"unknown country {code!r}; use one of {', '.join(sorted(countries))}"
        raise UnknownNameError(msg)

    def crossing(name: str) -> str:
        return resolve(dataset.crossings, name, what="crossing")

    return replace(
        scenario,
        closed=frozenset(map(crossing, scenario.closed)),
        opened=frozenset(map(crossing, scenario.opened)),
        delay_h=tuple((crossing(cid), hours) for cid, hours in scenario.delay_h),
    )


@dataclass(frozen=True)
class CrossingState:
    """The status of one crossing in one direction under a scenario, and why.

    ``event`` is the change that set the status (``None`` when forced, unknown or not
    handled); ``confirmed`` the latest date a source stated it (see docs/rules.md, rule 6).
    """

    crossing: str
    direction: Direction
    status: CrossingStatus
    forced: bool
    event: StatusEvent | None
    confirmed: dt.date | None = None

    def age_days(self, on: dt.date) -> int | None:
        """Return how many days before ``on`` the status was last confirmed."""
        return None if self.confirmed is None else (on - self.confirmed).days

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
    day, mode = scenario.as_of, scenario.mode
    event = status_on(events, crossing.id, date=day, mode=mode, direction=direction)
    if event is None:
        return CrossingState(crossing.id, direction, "unknown", False, None)
    confirmed = confirmed_on(events, event, date=day, mode=mode, direction=direction)
    return CrossingState(crossing.id, direction, event.status, False, event, confirmed)


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
    return overrides.get(crossing.id, crossing.delay_h(scenario.mode))
