"""The status of a crossing on a date, from its timeline of dated events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from geodata.records import Direction, Mode, StatusEvent

__all__ = ["confirmed_on", "status_on", "timeline"]


def _applies(event: StatusEvent, *, mode: Mode, direction: Direction) -> bool:
    return event.mode in (mode, "all") and event.direction in (direction, "both")


_CAUTION = {"open": 0, "restricted": 1, "closed": 2}


def _precedence(event: StatusEvent) -> tuple[dt.date, int, int]:
    # On one date, an event for a single mode or direction refines a general one; between
    # equally specific events (conflicting data) the more cautious status wins.
    specificity = (event.mode != "all") + (event.direction != "both")
    return event.date, specificity, _CAUTION[event.status]


def status_on(
    events: Iterable[StatusEvent],
    crossing: str,
    *,
    date: dt.date,
    mode: Mode,
    direction: Direction,
) -> StatusEvent | None:
    """Return the event that sets a crossing's status on a date, or ``None`` if unknown.

    The status is the latest change on or before ``date`` that covers the traffic ``mode``
    (or ``all``) and the ``direction`` (or ``both``). An event dated ``date`` applies on that
    day. When several changes share the latest date, the most specific one wins, and between
    equally specific ones the most cautious (closed, then restricted, then open).
    Confirmations never change a status (see :func:`confirmed_on`).

    Parameters
    ----------
    events
        Status events of any crossings.
    crossing
        Crossing id.
    date
        The day to evaluate.
    mode
        ``freight`` or ``passenger``.
    direction
        ``a_to_b`` or ``b_to_a`` (see :class:`geodata.records.Crossing`).

    Returns
    -------
    StatusEvent or None
        ``None`` means no change is known up to that date: the status is unknown.

    """
    candidates = [
        e
        for e in events
        if e.crossing == crossing
        and e.kind == "change"
        and e.date <= date
        and _applies(e, mode=mode, direction=direction)
    ]
    if not candidates:
        return None
    return max(candidates, key=_precedence)


def confirmed_on(
    events: Iterable[StatusEvent],
    since: StatusEvent,
    *,
    date: dt.date,
    mode: Mode,
    direction: Direction,
) -> dt.date:
    """Return the latest date, up to ``date``, on which a source stated the status in force.

    That is the date of the change ``since`` or of a later event of the same crossing that
    covers the mode and direction and gives the same status.
    """
    return max(
        (
            e.date
            for e in events
            if e.crossing == since.crossing
            and since.date <= e.date <= date
            and e.status == since.status
            and _applies(e, mode=mode, direction=direction)
        ),
        default=since.date,
    )


def timeline(events: Iterable[StatusEvent], crossing: str) -> list[StatusEvent]:
    """Return a crossing's events in date order."""
    return sorted((e for e in events if e.crossing == crossing), key=lambda e: e.date)
