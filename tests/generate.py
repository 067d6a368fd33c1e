"""Generated datasets and trips for the property tests (shared by every engine's test).

Countries are cells of a 2 x 3 grid laid out in a snake, so that a trip from the first to the
last crosses at least three borders; crossings sit on shared cell edges; every crossing gets a
few events on a handful of dates, so trips often fall on an event's own date and several
events of different specificity share a date.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

from hypothesis import strategies as st
from shapely.geometry import LineString, box

from geodata import Crossing, Dataset, Place, Road, StatusEvent
from geodata.geodesy import line_length_m
from geodata.records import (
    EVENT_DIRECTIONS,
    EVENT_MODES,
    STATUSES,
    AvoidArea,
    EventKind,
    Mode,
    PlaceKind,
)
from tests.oracle import Query

CELLS = [(0, 0), (0, 1), (0, 2), (1, 2), (1, 1), (1, 0)]  # (row, column), a snake
CODES = ["AA", "BB", "CC", "DD", "EE", "FF"]
ORIGIN = (36.0, 30.0)  # lon, lat of the grid's corner; each cell is 2 x 2 degrees
DATES = [dt.date(2020, 1, d) for d in range(1, 9)]
QUERY_DATES = [dt.date(2019, 12, 31), *DATES, dt.date(2020, 2, 1)]
CLASSES = ("motorway", "trunk", "primary", "secondary")
BOTH: tuple[Mode, ...] = ("freight", "passenger")
MODES: list[tuple[Mode, ...]] = [BOTH, BOTH, BOTH, ("freight",), ("passenger",)]
KINDS: list[EventKind] = ["change", "change", "change", "confirmation"]


def _cell_box(cell: tuple[int, int]) -> tuple[float, float]:
    row, column = cell
    return ORIGIN[0] + 2.0 * column, ORIGIN[1] + 2.0 * row


def _adjacent(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return abs(a[0] - b[0]) + abs(a[1] - b[1]) == 1


def _road(draw: st.DrawFn, rid: str, a: Place | Crossing, b: Place | Crossing) -> Road:
    middle = ((a.lon + b.lon) / 2 + draw(st.floats(-0.1, 0.1)), (a.lat + b.lat) / 2)
    line = LineString([(a.lon, a.lat), middle, (b.lon, b.lat)])
    # Some roads carry a published length, longer than the drawn line (as validation asks).
    published = draw(st.one_of(st.none(), st.floats(1.0, 1.3)))
    length_km = None if published is None else published * line_length_m(line) / 1000
    return Road(
        rid,
        f"R{rid}",
        "",
        draw(st.sampled_from(CLASSES)),
        a.id,
        b.id,
        draw(st.one_of(st.none(), st.floats(40, 120))),
        "s",
        line,
        length_km=length_km,
        length_source="s" if length_km is not None else "",
        length_basis="published" if length_km is not None else "geometry",
    )


@st.composite
def datasets(draw: st.DrawFn, *, countries: tuple[int, int] = (4, 6)) -> Dataset:
    """A road network of 4 to 6 countries joined at 6 to 10 crossings, with timelines."""
    n = draw(st.integers(*countries))
    cells = dict(zip(CODES[:n], CELLS[:n], strict=True))
    places: dict[str, Place] = {}
    by_country: dict[str, list[str]] = {}
    for iso, cell in cells.items():
        x0, y0 = _cell_box(cell)
        ids = [f"{iso.lower()}{i}" for i in range(draw(st.integers(2, 4)))]
        by_country[iso] = ids
        for i, pid in enumerate(ids):
            lon, lat = x0 + draw(st.floats(0.2, 1.8)), y0 + draw(st.floats(0.2, 1.8))
            kind: PlaceKind = "capital" if i == 0 else "city"
            places[pid] = Place(pid, pid, "", (), iso, kind, lon, lat, "s")
    borders = [(a, b) for a, b in itertools.combinations(cells, 2) if _adjacent(cells[a], cells[b])]
    chain = [(CODES[i], CODES[i + 1]) for i in range(n - 1)]  # every country reachable
    extra = draw(
        st.lists(
            st.sampled_from(borders), min_size=max(0, 6 - len(chain)), max_size=10 - len(chain)
        )
    )
    crossings: dict[str, Crossing] = {}
    roads: dict[str, Road] = {}
    events: list[StatusEvent] = []
    for k, (a, b) in enumerate(chain + extra):
        if draw(st.booleans()):
            a, b = b, a  # which side is "a" must not matter
        (ra, ca), (rb, cb) = cells[a], cells[b]
        x0, y0 = _cell_box((max(ra, rb), max(ca, cb)))
        along = draw(st.floats(0.2, 1.8))
        lon, lat = (x0, y0 + along) if ra == rb else (x0 + along, y0)
        cid = f"x{k}"
        modes = draw(st.sampled_from(MODES))
        crossings[cid] = Crossing(
            cid, cid, a, f"{cid}a", b, f"{cid}b", modes,
            draw(st.floats(0, 12)), draw(st.floats(0, 6)), lon, lat, "s",
        )  # fmt: skip
        for side in (a, b):
            for pid in draw(
                st.lists(st.sampled_from(by_country[side]), min_size=1, max_size=2, unique=True)
            ):
                roads[f"r{len(roads)}"] = _road(draw, f"r{len(roads)}", places[pid], crossings[cid])
        for _ in range(draw(st.integers(0, 6))):
            events.append(
                StatusEvent(
                    cid,
                    draw(st.sampled_from(DATES)),
                    draw(st.sampled_from(STATUSES)),
                    draw(st.sampled_from(EVENT_MODES)),
                    draw(st.sampled_from(EVENT_DIRECTIONS)),
                    "day",
                    "",
                    "s",
                    # Confirmations, even ones that contradict the status, change nothing.
                    draw(st.sampled_from(KINDS)),
                )
            )
    for ids in by_country.values():
        for u, v in itertools.pairwise(ids):  # a path: the country is connected
            roads[f"r{len(roads)}"] = _road(draw, f"r{len(roads)}", places[u], places[v])
        for u, v in draw(
            st.lists(st.sampled_from(list(itertools.combinations(ids, 2))), max_size=3)
        ):
            roads[f"r{len(roads)}"] = _road(draw, f"r{len(roads)}", places[u], places[v])
    speeds = {
        (iso, cls): (draw(st.floats(50, 110)), draw(st.floats(40, 90)))
        for iso in cells
        for cls in CLASSES
        if draw(st.integers(0, 3)) == 0
    }
    events.sort(key=lambda e: (e.crossing, e.date))
    return Dataset(Path("."), {}, places, crossings, tuple(events), roads, speeds=speeds)


@st.composite
def queries(draw: st.DrawFn, data: Dataset, *, avoid: bool = True) -> Query:
    """A trip between two places of ``data`` and a scenario over its crossings."""
    places = sorted(data.places)
    origin = draw(st.sampled_from(places))
    destination = draw(st.sampled_from([p for p in places if p != origin]))
    crossings = sorted(data.crossings)
    closed = draw(st.frozensets(st.sampled_from(crossings), max_size=3))
    opened = draw(st.frozensets(st.sampled_from(crossings), max_size=2)) - closed
    countries = sorted({p.country for p in data.places.values()})
    delays = draw(st.lists(st.tuples(st.sampled_from(crossings), st.floats(0, 30)), max_size=2))
    return Query(
        areas=tuple(draw(st.lists(areas(data), max_size=2))) if avoid else (),
        origin=origin,
        destination=destination,
        day=draw(st.sampled_from(QUERY_DATES)),
        mode=draw(st.sampled_from(["freight", "passenger"])),
        weight=draw(st.sampled_from(["distance", "time"])),
        closed=closed,
        opened=opened,
        avoid=draw(st.frozensets(st.sampled_from(countries), max_size=2)) if avoid else frozenset(),
        delays=tuple(sorted(dict(delays).items())),
    )


@st.composite
def areas(draw: st.DrawFn, data: Dataset) -> AvoidArea:
    """A box somewhere over ``data``'s places, dated and for one traffic or not."""
    lons = [p.lon for p in data.places.values()]
    lats = [p.lat for p in data.places.values()]
    lon = draw(st.floats(min(lons), max(lons)))
    lat = draw(st.floats(min(lats), max(lats)))
    half = draw(st.floats(0.2, 2.5))
    starts = draw(st.sampled_from([None, *QUERY_DATES]))
    ends = draw(st.sampled_from([None, *(d for d in QUERY_DATES if starts is None or d >= starts)]))
    return AvoidArea(
        "area",
        box(lon - half, lat - half, lon + half, lat + half),
        valid_from=starts,
        valid_to=ends,
        mode=draw(st.sampled_from([None, "freight", "passenger"])),
    )


def far_apart(data: Dataset) -> tuple[str, str]:
    """Return a capital of the first country and one of the last: three borders or more."""
    codes = sorted({p.country for p in data.places.values()}, key=CODES.index)
    return f"{codes[0].lower()}0", f"{codes[-1].lower()}0"
