"""Planted bugs in the what-if engine are caught by the comparison with the reference model.

mutmut mutates Python only; for static/engine.js each planted bug below is applied to the
source, loaded in Chromium, and must make the engine disagree with tests/oracle.py on
generated datasets. A bug that goes unnoticed means the comparison has a blind spot.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from playwright.sync_api import Browser, Page

from geodata import Dataset
from maps.assets import own_script
from tests.generate import datasets
from tests.maps.test_engine_browser import disagreements, engine_trips

pytestmark = pytest.mark.browser

PLANTED = {
    "a status applies the day after its date": (
        "if (dates[mid] <= date) lo = mid;",
        "if (dates[mid] < date) lo = mid;",
    ),
    "gates ignored": ("if (!this.data.passable[status]) return false;", ""),
    "forced crossings ignored": (
        "if (forced && has.call(forced, crossing)) return forced[crossing];\n"
        "    var line = this.data.timelines[crossing][mode][direction];",
        "var line = this.data.timelines[crossing][mode][direction];",
    ),
    "weight ignored": (
        "key = data.costKey[query.by][query.mode];",
        'key = "length_m";',
    ),
    "freight time for everyone": (
        "t.hours += (step.time_s[mode] - step.delay_s[mode]) / 3600;",
        't.hours += (step.time_s["freight"] - step.delay_s[mode]) / 3600;',
    ),
    "direction of the gate swapped": (
        "this.status(gate[0], query.mode, gate[1], query.date, query.forced)",
        'this.status(gate[0], query.mode, gate[1] === "a_to_b" ? "b_to_a" : "a_to_b", '
        "query.date, query.forced)",
    ),
    "crossing left counted as entered": (
        "if (step.gates.some(function (g) { return g[0] === step.to; })) crossings.push(step.to);",
        "step.gates.forEach(function (g) { crossings.push(g[0]); });",
    ),
    "countries not merged": (
        "if (countries[countries.length - 1] !== country) countries.push(country);",
        "countries.push(country);",
    ),
    "heap pops the largest": ("if (a[p][0] <= a[i][0]) break;", "if (a[p][0] >= a[i][0]) break;"),
    "stops before settling the destination": (
        "if (u === query.to) break;",
        "if (dist[query.to] !== undefined) break;",
    ),
}


@pytest.fixture(scope="module")
def blank(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(offline=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("bug", list(PLANTED))
def test_planted_bug_is_caught(bug: str, blank: Page) -> None:
    old, new = PLANTED[bug]
    source = own_script("engine.js")
    assert source.count(old) == 1, f"the planted bug {bug!r} no longer applies"
    blank.set_content(f"<html><head><script>{source.replace(old, new)}</script></head></html>")

    @settings(max_examples=40, phases=(Phase.generate,), derandomize=True, database=None)
    @given(data=datasets(), draw=st.data())
    def engine_agrees(data: Dataset, draw: st.DataObject) -> None:
        assert disagreements(blank, data, engine_trips(data, draw)) == []

    with pytest.raises(AssertionError):
        engine_agrees()
