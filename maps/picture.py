"""A static picture of a map for reports and slides (matplotlib, no browser)."""

from __future__ import annotations

import io
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import matplotlib as mpl

mpl.use("Agg")  # files only: never open a window

import matplotlib.pyplot as plt
import networkx as nx
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from corridor.comparison import Outcome
from corridor.graph import dataset_of
from corridor.outputs import write_atomic
from corridor.scenario import Scenario
from corridor.summary import crossing_summaries
from geodata import great_circle_m
from geodata.geodesy import wgs84
from maps.style import STATUS_STYLES, route_style

__all__ = ["render_png"]

EXTENT = (34.5, 48.0, 29.5, 38.2)  # lon min, lon max, lat min, lat max


def _scale_bar(ax: Axes, *, km: float = 200.0) -> None:
    """Draw a bar ``km`` long (geodesic, east from the lower left) with its label."""
    lon0, lat0 = EXTENT[0] + 0.6, EXTENT[2] + 0.5
    lon1, lat1, _ = wgs84().fwd(lon0, lat0, 90.0, km * 1000)
    ax.plot([lon0, lon1], [lat0, lat1], color="#24292f", linewidth=3, solid_capstyle="butt")
    ax.text((lon0 + lon1) / 2, lat0 + 0.15, f"{km:.0f} km", ha="center", fontsize=8)


def render_png(
    graph: nx.MultiDiGraph,
    outcomes: Sequence[Outcome],
    *,
    scenario: Scenario,
    title: str,
    path: str | Path,
) -> Path:
    """Draw countries (named), roads, crossings by status, places and routes; write a PNG."""
    dataset = dataset_of(graph)
    fig, ax = plt.subplots(figsize=(11, 8), dpi=120)
    ax.set_facecolor("#e8edf2")
    for country in dataset.countries.values():
        shapes = getattr(country.outline, "geoms", [country.outline])
        for shape in shapes:
            xs, ys = shape.exterior.xy
            ax.fill(xs, ys, facecolor="white", edgecolor="#6e7781", linewidth=0.8, zorder=1)
        point = country.outline.representative_point()
        if EXTENT[0] < point.x < EXTENT[1] and EXTENT[2] < point.y < EXTENT[3]:
            ax.text(
                point.x,
                point.y,
                country.name.upper(),
                parse_math=False,
                color="#8c959f",
                fontsize=11,
                ha="center",
                weight="bold",
                zorder=2,
            )
    for road in dataset.roads.values():
        xs, ys = road.geometry.xy
        ax.plot(
            xs,
            ys,
            color="#8c959f",
            linewidth=1.6 if road.road_class == "motorway" else 1.0,
            zorder=3,
        )
    drawn = [(o, o.route) for o in outcomes if o.route is not None]
    handles = []
    for index, (outcome, route) in enumerate(drawn):
        look = route_style(index)
        xs, ys = route.geometry.xy
        style: Literal["solid"] | tuple[float, tuple[float, ...]] = (
            (0.0, tuple(float(v) / 3 for v in look.dash.split())) if look.dash else "solid"
        )
        ax.plot(xs, ys, color=look.colour, linewidth=4, linestyle=style, zorder=4)
        handles.append(
            Line2D([], [], color=look.colour, linewidth=4, linestyle=style, label=outcome.label)
        )
    for place in dataset.places.values():
        if place.kind in ("capital", "city"):
            ax.plot(
                place.lon,
                place.lat,
                "o",
                color="white",
                markeredgecolor="#24292f",
                markersize=6 if place.kind == "capital" else 4.5,
                zorder=5,
            )
            ax.text(
                place.lon + 0.08,
                place.lat + 0.05,
                place.name,
                fontsize=7.5,
                zorder=6,
                parse_math=False,
            )
    for summary in crossing_summaries(dataset, scenario):
        crossing = summary.crossing
        ax.plot(
            crossing.lon,
            crossing.lat,
            marker=STATUS_STYLES[summary.status].marker,
            color=STATUS_STYLES[summary.status].ink,
            markersize=9,
            markeredgecolor="#24292f",
            zorder=7,
        )
    handles += [
        Line2D(
            [],
            [],
            marker=look.marker,
            color=look.ink,
            markeredgecolor="#24292f",
            linestyle="none",
            markersize=8,
            label=f"crossing {look.label}",
        )
        for status, look in STATUS_STYLES.items()
    ]
    legend = ax.legend(handles=handles, loc="lower right", fontsize=8, framealpha=0.95)
    for label in legend.get_texts():
        label.set_parse_math(False)  # a $ in a scenario name is text, not TeX
    _scale_bar(ax)
    ax.set_xlim(EXTENT[0], EXTENT[1])
    ax.set_ylim(EXTENT[2], EXTENT[3])
    # Equal ground distance in both directions at the region's latitude (a plate carree
    # would stretch east-west by 1/cos(lat)).
    width = great_circle_m(40, 34, 41, 34) / great_circle_m(40, 34, 40, 35)
    ax.set_aspect(1 / width)
    ax.set_title(
        f"{title}\ncrossing status as of {scenario.as_of.isoformat()} for {scenario.mode}",
        fontsize=11,
        parse_math=False,
    )
    ax.set_xticks([])
    ax.set_yticks([])
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        # A character the font lacks is drawn as a box; that is not worth a warning per glyph.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font")
        fig.savefig(buffer, format="png", bbox_inches="tight")
    plt.close(fig)
    return write_atomic(path, buffer.getvalue())
