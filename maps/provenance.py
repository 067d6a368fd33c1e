"""Where a map's facts come from: the dataset, how fresh its status is, the crossings' sources.

Every map shows a "Data" section built from :func:`provenance`; the route maps render it as
escaped HTML (:func:`provenance_html`), the what-if page gets the same values as JSON.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from html import escape
from typing import Any

from corridor.phrases import ESTIMATES
from geodata import Dataset, bundled_data_dir

__all__ = ["Provenance", "provenance", "provenance_html"]


@dataclass(frozen=True)
class Provenance:
    """The facts behind a map: dataset, newest status event, and the crossings' sources."""

    dataset: str
    newest_event: str | None
    sources: tuple[tuple[str, str], ...]  # (title, url) of each source of a crossing shown
    estimates: str

    def as_json(self) -> dict[str, Any]:
        """Return the values for a page's script."""
        return asdict(self) | {"sources": [list(s) for s in self.sources]}


def provenance(dataset: Dataset, crossings: Iterable[str]) -> Provenance:
    """Return the provenance of a map showing ``crossings`` of ``dataset``."""
    shown = set(crossings)
    bundled = dataset.path.resolve() == bundled_data_dir().resolve()
    name = "the bundled corridor dataset" if bundled else f"dataset {dataset.path.name}"
    newest = max((e.date for e in dataset.events), default=None)
    ids = dict.fromkeys(
        [dataset.crossings[c].source for c in sorted(shown) if c in dataset.crossings]
        + [e.source for e in dataset.events if e.crossing in shown]
    )
    sources = tuple(
        (dataset.sources[s].title, dataset.sources[s].url) for s in ids if s in dataset.sources
    )
    return Provenance(
        dataset=name,
        newest_event=newest.isoformat() if newest else None,
        sources=sources,
        estimates=ESTIMATES[0].upper() + ESTIMATES[1:] + ".",
    )


def provenance_html(facts: Provenance) -> str:
    """Return the "Data" section of a route map (every value escaped, links only http(s))."""
    links = "".join(
        f'<li><a href="{escape(url)}" target="_blank" rel="noopener noreferrer">'
        f"{escape(title)}</a></li>"
        if url.lower().startswith(("http://", "https://"))
        else f"<li>{escape(title)}</li>"
        for title, url in facts.sources
    )
    newest = facts.newest_event or "none recorded"
    return (
        f'<details id="corridor-data"><summary>Data</summary><p class="muted">From '
        f"{escape(facts.dataset)}; newest status event {escape(newest)}. "
        f'{escape(facts.estimates)}</p><p class="muted">Sources of the crossings these '
        f"routes use or close "
        f'({len(facts.sources)}):</p><ol class="corridor-sources">{links}</ol></details>'
    )
