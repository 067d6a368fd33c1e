"""How statuses and routes look: one table for the HTML maps, their scripts and the PNG.

Colour is never the only cue: each status also has a glyph (HTML) or marker shape (PNG), and
each route a dash pattern.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from corridor.scenario import CrossingStatus

__all__ = [
    "ROUTE_STYLES",
    "STATUS_STYLES",
    "RouteStyle",
    "StatusStyle",
    "route_style",
    "status_css",
    "style_json",
]


@dataclass(frozen=True)
class StatusStyle:
    """How one crossing status is drawn."""

    glyph: str  # shown in the HTML badge
    label: str  # said in legends and to screen readers
    fill: str
    edge: str
    text: str
    border: str  # CSS border style of the badge
    marker: str  # matplotlib marker of the PNG

    @property
    def ink(self) -> str:
        """The colour of a marker on a white background (a white fill shows its edge colour)."""
        return self.edge if self.fill == "#ffffff" else self.fill


STATUS_STYLES: dict[CrossingStatus, StatusStyle] = {
    "open": StatusStyle("\u2713", "open", "#2da44e", "#116329", "#ffffff", "solid", "s"),
    "restricted": StatusStyle(
        "!", "restricted or one direction only", "#f2cc60", "#7d4e00", "#3b2300", "dashed", "D"
    ),
    "closed": StatusStyle("\u2715", "closed", "#ffffff", "#cf222e", "#cf222e", "dashed", "X"),
    "unknown": StatusStyle("?", "status unknown", "#d0d7de", "#57606a", "#24292f", "dotted", "$?$"),
}


@dataclass(frozen=True)
class RouteStyle:
    """How the n-th route of a map is drawn."""

    colour: str
    dash: str | None  # SVG dash array; None is solid


ROUTE_STYLES = (
    RouteStyle("#0969da", None),
    RouteStyle("#bc4c00", "12 8"),
    RouteStyle("#8250df", "3 9"),
    RouteStyle("#1a7f37", "16 6 3 6"),
    RouteStyle("#cf222e", "2 6 10 6"),
    RouteStyle("#6e7781", "20 5"),
)


def route_style(index: int) -> RouteStyle:
    """Return the style of the ``index``-th route (styles repeat after the last)."""
    return ROUTE_STYLES[index % len(ROUTE_STYLES)]


def style_json() -> dict[str, Any]:
    """Return the style table for the page's scripts."""
    return {
        "status": {k: asdict(v) for k, v in STATUS_STYLES.items()},
        "routes": [asdict(r) for r in ROUTE_STYLES],
    }


def status_css() -> str:
    """Return the CSS of the status badges, from the same table."""
    return "\n".join(
        f".corridor-{status} {{ background: {s.fill}; border-color: {s.edge}; color: {s.text}; "
        f"border-style: {s.border}; }}"
        for status, s in STATUS_STYLES.items()
    )
