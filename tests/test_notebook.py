"""docs/notebook.md runs cell by cell as documented, and its objects are what it says."""

from __future__ import annotations

from typing import Any

import pytest

from tests.test_examples import ROOT, checker

NOTEBOOK = ROOT / "docs" / "notebook.md"


@pytest.fixture(scope="module")
def run() -> tuple[str, str, dict[str, Any]]:
    text = NOTEBOOK.read_text(encoding="utf-8")
    fresh, namespace = checker().notebook(text)
    return text, fresh, namespace


def test_the_cells_run_and_print_what_the_page_shows(run: tuple[str, str, dict[str, Any]]) -> None:
    text, fresh, _ = run
    assert fresh == text, "run: python scripts/refresh_examples.py"
    assert text.count("```python\n") == 5


def test_the_route_frame_is_the_route(run: tuple[str, str, dict[str, Any]]) -> None:
    ns = run[2]
    legs, route = ns["legs"], ns["route"]
    assert legs.crs.to_epsg() == 4326
    assert legs["km"].sum() == pytest.approx(route.distance_km, rel=1e-12)
    damascus = route.dataset.places["damascus"]
    assert legs.geometry.iloc[0].coords[0] == (damascus.lon, damascus.lat)
    assert route.crossings == ("al-qaim",)


def test_the_comparison_frame_and_the_map(run: tuple[str, str, dict[str, Any]]) -> None:
    ns = run[2]
    table = ns["table"]
    assert list(table.index) == ["baseline", "Al-Qaim closed"]
    assert bool(table.loc["Al-Qaim closed", "within_uncertainty"])
    assert table.loc["Al-Qaim closed", "crossings"] == "nasib, trebil"
    both = ns["both"]
    assert both.loc["baseline", "km"].sum() == pytest.approx(ns["route"].distance_km)
    # Jupyter shows the folium map inline: the whole page, escaped, in an iframe's srcdoc.
    shown = ns["fmap"]._repr_html_()
    assert "<iframe srcdoc=" in shown and "Damascus - Baghdad, Al-Qaim closed" in shown
    assert "<script" not in shown.split("srcdoc=", 1)[1].split(">", 1)[0]


def test_a_failing_cell_names_its_number() -> None:
    module = checker()
    text = "<!-- notebook -->\n```python\nx = 1\n```\n\n```python\n1 / 0\n```\n"
    with pytest.raises(module.ExampleError, match="notebook cell 2 raises ZeroDivisionError"):
        module.notebook(text)


def test_a_cell_shows_its_last_value_after_what_it_printed() -> None:
    text = "```python\nprint('a')\n[1, 2]\n```\n\n```text\nstale\n```\n"
    fresh, namespace = checker().notebook(text)
    assert fresh == "```python\nprint('a')\n[1, 2]\n```\n\n```text\na\n[1, 2]\n```\n"
    assert "x" not in namespace
