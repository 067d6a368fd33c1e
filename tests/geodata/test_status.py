import datetime as dt

from geodata import StatusEvent, status_on


def event(date: str, status: str, mode: str = "all", direction: str = "both") -> StatusEvent:
    return StatusEvent("x", dt.date.fromisoformat(date), status, mode, direction, "day", "", "s")  # type: ignore[arg-type]


EVENTS = [
    event("2019-09-30", "open"),
    event("2024-12-08", "closed"),
    event("2025-06-10", "open", mode="freight"),
    event("2025-06-10", "closed", direction="b_to_a"),
]


def status(date: str, mode: str = "freight", direction: str = "a_to_b") -> str | None:
    found = status_on(EVENTS, "x", date=dt.date.fromisoformat(date), mode=mode, direction=direction)  # type: ignore[arg-type]
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
