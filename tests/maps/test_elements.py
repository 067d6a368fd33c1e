"""No data-derived text reaches a template engine as template source, in any map kind."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import folium
from branca.element import Element

from corridor import Scenario, build_graph, compare, evaluate, load_dataset
from maps import route_map, whatif_map
from maps.assets import RawHtml, SafeMacro, page
from tests.safety.hostile import Hostile, write_hostile_dataset

MARK = "zq-mark-{{"
# folium's own elements whose templates hold only map options and numbers, never data.
FOLIUM_ONLY = {"Figure", "Map", "FitBounds", "ElementAddToElement", "Element"}


def elements(element: Element) -> Iterator[Element]:
    yield element
    for child in element._children.values():
        yield from elements(child)


def rendered_tree(fmap: folium.Map) -> list[Element]:
    root = page(fmap)
    root.render()
    return [e for part in (root, root.header, root.html, root.script) for e in elements(part)]


def test_no_template_source_holds_data(tmp_path: Path) -> None:
    folder, overlay = write_hostile_dataset(
        tmp_path / "ds", Hostile(*[f"{MARK}{n}" for n in range(12)])
    )
    graph = build_graph(load_dataset(folder, status_files=[overlay]))
    scenario = Scenario(as_of=dt.date(2020, 1, 1))
    closed = scenario.with_changes(close=["north"])
    result = compare(graph, "west", "east", [(f"{MARK}label", closed)], baseline=scenario)
    maps = [
        route_map(
            graph,
            [evaluate(graph, "west", "east", scenario=scenario)],
            scenario=scenario,
            title=f"{MARK}title",
        ),
        route_map(
            graph,
            [result.baseline, *result.scenarios],
            scenario=scenario,
            title=f"{MARK}t",
            baseline=result.baseline,
        ),
        whatif_map(
            graph, scenario=scenario, places=["west", "east"], crossings=["north"], title=f"{MARK}w"
        ),
    ]
    for fmap in maps:
        tree = rendered_tree(fmap)
        for element in tree:
            if isinstance(element, SafeMacro | RawHtml):
                continue
            assert type(element).__name__ in FOLIUM_ONLY, type(element)
            assert MARK not in (element._template_str or ""), type(element)
        html = page(fmap).render()
        assert MARK in html and "zq-mark-{{" in html  # the data is there, as text
