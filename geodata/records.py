"""Domain records: what exists on the ground, as small frozen values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from shapely.geometry import LineString, MultiPolygon, Polygon

PlaceKind = Literal["capital", "city", "town", "port", "junction"]
RoadClass = Literal["motorway", "trunk", "primary", "secondary"]
Status = Literal["open", "closed", "restricted"]
Mode = Literal["freight", "passenger"]
EventMode = Literal["freight", "passenger", "all"]
Direction = Literal["a_to_b", "b_to_a"]
EventDirection = Literal["both", "a_to_b", "b_to_a"]
Precision = Literal["day", "month", "year"]
EventKind = Literal["change", "confirmation"]
LengthBasis = Literal["published", "geometry"]

PLACE_KINDS: tuple[PlaceKind, ...] = ("capital", "city", "town", "port", "junction")
ROAD_CLASSES: tuple[RoadClass, ...] = ("motorway", "trunk", "primary", "secondary")
STATUSES: tuple[Status, ...] = ("open", "closed", "restricted")
MODES: tuple[Mode, ...] = ("freight", "passenger")
EVENT_MODES: tuple[EventMode, ...] = ("freight", "passenger", "all")
EVENT_DIRECTIONS: tuple[EventDirection, ...] = ("both", "a_to_b", "b_to_a")
PRECISIONS: tuple[Precision, ...] = ("day", "month", "year")
EVENT_KINDS: tuple[EventKind, ...] = ("change", "confirmation")
LENGTH_BASES: tuple[LengthBasis, ...] = ("published", "geometry")


@dataclass(frozen=True)
class Source:
    """A public document that backs one or more records."""

    id: str
    title: str
    publisher: str
    date: str
    url: str


@dataclass(frozen=True)
class Place:
    """A city, town or road junction, located at its centre."""

    id: str
    name: str
    name_ar: str
    aliases: tuple[str, ...]
    country: str
    kind: PlaceKind
    lon: float
    lat: float
    source: str
    note: str = ""


@dataclass(frozen=True)
class Crossing:
    """A border post joining two countries, located on the border line.

    Side ``a`` and side ``b`` fix the meaning of a status event's direction:
    ``a_to_b`` is travel from ``country_a`` into ``country_b``.
    """

    id: str
    name: str
    country_a: str
    name_a: str
    country_b: str
    name_b: str
    modes: tuple[Mode, ...]
    delay_freight_h: float
    delay_passenger_h: float
    lon: float
    lat: float
    source: str
    note: str = ""

    def delay_h(self, mode: Mode) -> float:
        """Return the typical border delay in hours for a traffic mode (an estimate)."""
        return self.delay_freight_h if mode == "freight" else self.delay_passenger_h

    def direction(self, *, from_country: str) -> Direction:
        """Return the direction of travel through the crossing when entering from a country."""
        if from_country == self.country_a:
            return "a_to_b"
        if from_country == self.country_b:
            return "b_to_a"
        msg = (
            f"crossing {self.id!r} joins {self.country_a} and {self.country_b}, not {from_country}"
        )
        raise ValueError(msg)


@dataclass(frozen=True)
class StatusEvent:
    """A crossing's status for a traffic mode and direction, from a date on.

    ``kind`` says whether the status changed on that date or a source confirmed the status
    already in force (an observation, e.g. a Logistics Cluster access update).
    """

    crossing: str
    date: dt.date
    status: Status
    mode: EventMode
    direction: EventDirection
    precision: Precision
    note: str
    source: str
    kind: EventKind = "change"


@dataclass(frozen=True)
class Road:
    """A road section between two nodes (places, junctions or crossings).

    The line is drawn through sourced points (and, where noted, estimated ones).
    ``length_km`` is a sourced length of the section (``length_source``): a published figure
    (``length_basis`` ``published``) or one measured along a detailed line (``geometry``).
    Without one the length is geodesic along the drawn line. ``sourced_gap_km`` is the longest
    stretch between two consecutive sourced points (``None``: every vertex is sourced).
    A ``oneway`` road may only be driven from ``start`` to ``end``, along its line.
    """

    id: str
    ref: str
    name: str
    road_class: RoadClass
    start: str
    end: str
    speed_kph: float | None
    source: str
    geometry: LineString
    length_km: float | None = None
    length_source: str = ""
    length_basis: LengthBasis = "geometry"
    sourced_gap_km: float | None = None
    oneway: bool = False
    name_ar: str = ""


@dataclass(frozen=True)
class Junction:
    """A plain road node where sections meet (an imported network has many), never a trip end."""

    id: str
    lon: float
    lat: float
    country: str
    source: str


@dataclass(frozen=True)
class Country:
    """A country's outline, used to check roads against borders and to draw maps."""

    iso2: str
    name: str
    name_ar: str
    outline: Polygon | MultiPolygon
    source: str


@dataclass(frozen=True)
class ReferenceDistance:
    """A published driving distance between two nodes, to check the road geometry against.

    ``basis`` says what the source measured: ``road`` (the driving distance of the road the
    dataset models), ``other-road`` (another road) or ``unspecified`` (maybe straight-line).
    """

    origin: str
    destination: str
    road_km: float
    basis: str
    note: str
    source: str


@dataclass(frozen=True)
class AvoidArea:
    """A polygon no route may enter while it is active (on its dates, for its traffic)."""

    name: str
    geometry: Polygon | MultiPolygon
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    mode: Mode | None = None

    def active(self, day: dt.date, mode: Mode) -> bool:
        """Whether the area applies to ``mode`` traffic on ``day``."""
        after = self.valid_from is None or self.valid_from <= day
        before = self.valid_to is None or day <= self.valid_to
        return after and before and self.mode in (None, mode)
