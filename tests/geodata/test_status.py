import datetime as dt

from geodata import StatusEvent, status_on
from geodata.records import Direction, EventDirection, EventKind, EventMode, Mode, Status
from geodata.status import confirmed_on


def event(
    date: str,
    status: Status,
    mode: EventMode = "all",
    direction: EventDirection = "both",
    kind: EventKind = "change",
) -> StatusEvent:
    day = dt.date.fromisoformat(date)
    return StatusEvent("x", day, status, mode, direction, "day", "", "s", kind)


EVENTS = [
    event("2019-09-30", "open"),
    event("2024-12-08", "closed"),
    event("2025-06-10", "open", mode="freight"),
    event("2025-06-10", "closed", direction="b_to_a"),
]


def status(date: str, mode: Mode = "freight", direction: Direction = "a_to_b") -> str | None:
    found = status_on(EVENTS, "x", date=dt.date.fromisoformat(date), mode=mode, direction=direction)
    return found.status if found else None


def test_event_applies_on_its_own_date() -> None:
    assert status("2024-12-07") == "open"
    assert status("2024-12-08") == "closed"


def test_unknown_before_first_event() -> None:
    assert status("2019-09-29") is None


def test_mode_specific_event_only_covers_its_mode() -> None:
    assert status("2025-06-10", mode="freight") == "open"
    assert status("2025-06-10", mode="passenger") == "closed"


def test_conflict_on_same_date_resolves_to_closed() -> None:
    # On 2025-06-10 freight opens both ways and all traffic b_to_a closes: equally specific
    # events conflict, and the cautious one wins.
    assert status("2025-07-01", direction="a_to_b") == "open"
    assert status("2025-07-01", direction="b_to_a") == "closed"


def test_other_crossings_events_are_ignored() -> None:
    other = [StatusEvent("y", dt.date(2000, 1, 1), "open", "all", "both", "day", "", "s")]
    assert (
        status_on(other, "x", date=dt.date(2025, 1, 1), mode="freight", direction="a_to_b") is None
    )


def test_the_most_specific_event_wins_on_one_date() -> None:
    events = [
        event("2025-01-01", "closed"),  # all traffic, both ways
        event("2025-01-01", "open", mode="freight"),  # one point more specific
        event("2025-01-01", "restricted", mode="freight", direction="a_to_b"),  # two points
    ]

    def on(mode: Mode, direction: Direction) -> str | None:
        found = status_on(
            events,
            "x",
            date=dt.date(2025, 1, 1),
            mode=mode,
            direction=direction,
        )
        return found.status if found else None

    assert on("freight", "a_to_b") == "restricted"
    assert on("freight", "b_to_a") == "open"
    assert on("passenger", "a_to_b") == "closed"


def test_a_later_general_event_overrides_an_earlier_specific_one() -> None:
    events = [event("2025-01-01", "open", mode="freight", direction="a_to_b"),
              event("2025-02-01", "closed")]  # fmt: skip
    found = status_on(events, "x", date=dt.date(2025, 3, 1), mode="freight", direction="a_to_b")
    assert found is not None and found.status == "closed"


def test_a_confirmation_never_changes_the_status() -> None:
    events = [*EVENTS, event("2025-01-01", "open", kind="confirmation")]
    found = status_on(events, "x", date=dt.date(2025, 1, 2), mode="freight", direction="a_to_b")
    assert found is not None and found.status == "closed" and found.date == dt.date(2024, 12, 8)


def confirmed(events: list[StatusEvent], date: str, mode: Mode = "freight") -> dt.date:
    day = dt.date.fromisoformat(date)
    since = status_on(events, "x", date=day, mode=mode, direction="a_to_b")
    assert since is not None
    return confirmed_on(events, since, date=day, mode=mode, direction="a_to_b")


def test_a_status_is_confirmed_on_its_change_or_a_later_observation_of_it() -> None:
    seen = [
        *EVENTS,
        event("2026-03-09", "open", mode="freight", kind="confirmation"),
        event("2026-04-01", "open", mode="passenger", kind="confirmation"),  # other traffic
        event("2026-05-01", "open", direction="b_to_a", kind="confirmation"),  # other direction
        event("2026-05-25", "closed", kind="confirmation"),  # another status
    ]
    assert confirmed(seen, "2025-07-01") == dt.date(2025, 6, 10)  # the change itself
    assert confirmed(seen, "2026-03-08") == dt.date(2025, 6, 10)  # not yet observed
    assert confirmed(seen, "2026-03-09") == dt.date(2026, 3, 9)  # observed on the day asked
    assert confirmed(seen, "2026-06-01") == dt.date(2026, 3, 9)
    assert confirmed(seen, "2024-12-20") == dt.date(2024, 12, 8)


def test_a_later_change_to_the_same_status_confirms_it() -> None:
    again = [*EVENTS, event("2026-01-01", "open", mode="freight")]
    assert confirmed(again, "2026-02-01") == dt.date(2026, 1, 1)
