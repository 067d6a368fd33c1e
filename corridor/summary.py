"""Each crossing's status on a date, summarised for people: one word, both directions, why.

These typed summaries are what the command line, the maps and the GIS export show; the rule
that turns two directions into one word lives here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from corridor.scenario import CrossingState, CrossingStatus, Scenario, crossing_state
from geodata import Crossing, Dataset, StatusEvent, timeline

__all__ = [
    "CrossingSummary",
    "HistoryEntry",
    "crossing_history",
    "crossing_summaries",
    "overall_status",
]


def overall_status(ab: CrossingStatus, ba: CrossingStatus) -> CrossingStatus:
    """Return one word for a crossing's two directions: ``restricted`` when only one is open."""
    if ab == ba:
        return ab
    if "open" in (ab, ba) or "restricted" in (ab, ba):
        return "restricted"
    return "unknown"


@dataclass(frozen=True)
class CrossingSummary:
    """A crossing's status under a scenario, with the change that set it and its source.

    ``confirmed`` is the older of the two directions' confirmation dates: the summary is as
    fresh as its staler half.
    """

    crossing: Crossing
    status: CrossingStatus
    a_to_b: CrossingState
    b_to_a: CrossingState
    event: StatusEvent | None
    source_url: str | None
    source_title: str | None
    confirmed: dt.date | None = None

    def age_days(self, on: dt.date) -> int | None:
        """Return how many days before ``on`` the status was last confirmed."""
        return None if self.confirmed is None else (on - self.confirmed).days

    @property
    def reason(self) -> str:
        """Why the crossing has this status, in a few words (both directions if they differ)."""
        ab, ba = self.a_to_b, self.b_to_a
        return ab.reason() if ab.status == ba.status else f"{ab.reason()} / {ba.reason()}"

    @property
    def by_direction(self) -> dict[str, CrossingStatus]:
        """Each direction's status, keyed ``SY->IQ``."""
        c = self.crossing
        return {
            f"{c.country_a}->{c.country_b}": self.a_to_b.status,
            f"{c.country_b}->{c.country_a}": self.b_to_a.status,
        }


def _source(dataset: Dataset, source: str) -> tuple[str, str | None]:
    found = dataset.sources.get(source)
    return (found.url, found.title) if found else (source, None)


def crossing_summaries(dataset: Dataset, scenario: Scenario) -> list[CrossingSummary]:
    """Return every crossing's summary on the scenario's date, in dataset order."""
    summaries = []
    for crossing in dataset.crossings.values():
        ab = crossing_state(crossing, dataset.events, scenario, direction="a_to_b")
        ba = crossing_state(crossing, dataset.events, scenario, direction="b_to_a")
        events = [e for e in (ab.event, ba.event) if e is not None]
        latest = max(events, key=lambda e: e.date) if events else None
        url, title = _source(dataset, latest.source) if latest else (None, None)
        dates = [d for d in (ab.confirmed, ba.confirmed) if d is not None]
        status = overall_status(ab.status, ba.status)
        confirmed = min(dates) if dates else None
        summaries.append(CrossingSummary(crossing, status, ab, ba, latest, url, title, confirmed))
    return summaries


@dataclass(frozen=True)
class HistoryEntry:
    """One event of a crossing's timeline with its source's address and title."""

    event: StatusEvent
    source_url: str
    source_title: str


def crossing_history(dataset: Dataset, crossing: str) -> list[HistoryEntry]:
    """Return a crossing's events in date order, each with its source."""
    entries = []
    for event in timeline(dataset.events, crossing):
        url, title = _source(dataset, event.source)
        entries.append(HistoryEntry(event, url, title or ""))
    return entries


# A status older than this, relied on for today, is worth a warning.
STALE_DAYS = 90


def stale_crossings(
    dataset: Dataset, scenario: Scenario, crossings: Iterable[str], *, today: dt.date | None = None
) -> list[CrossingSummary]:
    """Return the crossings, of those given, whose status for today is older than 90 days.

    Only a scenario for today relies on a status being current; forced crossings do not count.
    """
    if scenario.as_of != (today or dt.date.today()):
        return []
    wanted = set(crossings) - scenario.closed - scenario.opened
    return [
        s
        for s in crossing_summaries(dataset, scenario)
        if s.crossing.id in wanted
        and (age := s.age_days(scenario.as_of)) is not None
        and age > STALE_DAYS
    ]


def age_text(summary: CrossingSummary, on: dt.date) -> str:
    """Return e.g. ``confirmed 2026-05-25 (190 days ago)``, or why there is no such date."""
    age = summary.age_days(on)
    if summary.confirmed is None or age is None:
        if summary.a_to_b.forced or summary.b_to_a.forced:
            return "set by the scenario"
        # Closed without an event: the crossing does not handle this traffic (rule 2).
        return "not handled" if summary.status == "closed" else "never confirmed"
    days = "today" if age == 0 else f"{age} day{'s' if age != 1 else ''} ago"
    return f"confirmed {summary.confirmed.isoformat()} ({days})"
