"""The what-if map re-routes in the browser exactly as the Python engine does."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest
from playwright.sync_api import Browser, Page

from corridor import NoRouteError, Scenario, find_route
from corridor.cli import main
from corridor.comparison import Outcome
from corridor.scenario import Weight
from geodata.records import Mode
from tests.browser import open_offline, open_popup, screenshot
from tests.conftest import MakeDataset

pytestmark = pytest.mark.browser

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def whatif(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("whatif") / "corridor.html"
    assert main(["map", "--out", str(target), "--as-of", "2025-07-01"]) == 0
    return target


def choose(
    page: Page,
    *,
    origin: str,
    destination: str,
    date: str,
    mode: str,
    by: str,
    close: tuple[str, ...] = (),
) -> dict[str, str | None]:
    page.select_option("#corridor-origin", origin)
    page.select_option("#corridor-destination", destination)
    page.select_option("#corridor-mode", mode)
    page.select_option("#corridor-by", by)
    page.fill("#corridor-date", date)
    page.dispatch_event("#corridor-date", "change")
    for crossing in close:
        box = page.locator(f'input[data-crossing="{crossing}"]')
        if box.is_checked():
            box.click()
    summary = page.locator("#corridor-summary")
    return {
        name: summary.get_attribute(name)
        for name in ("data-distance-km", "data-time-h", "data-crossings", "data-no-route",
                     "data-distance-range-km", "data-time-range-h", "data-within-uncertainty")
    }  # fmt: skip


SCENARIOS: list[tuple[str, str, str, Mode, Weight, tuple[str, ...]]] = [
    ("damascus", "baghdad", "2025-07-01", "freight", "distance", ()),
    ("damascus", "baghdad", "2025-07-01", "freight", "distance", ("al-qaim",)),
    ("damascus", "baghdad", "2025-03-01", "passenger", "time", ()),
    ("aleppo", "mosul", "2026-11-26", "freight", "time", ("rabia",)),
    ("amman", "beirut", "2026-11-26", "passenger", "distance", ()),
    (
        "damascus",
        "baghdad",
        "2025-07-01",
        "freight",
        "distance",
        ("al-qaim", "nasib", "faysh-khabur", "ibrahim-khalil"),
    ),  # no route
]


def test_browser_routes_equal_python(
    browser: Browser, whatif: Path, bundled_graph: nx.MultiDiGraph
) -> None:
    assert whatif.stat().st_size < 1_500_000
    opened = open_offline(browser, whatif)
    screenshot(opened.page, "whatif-default-desktop.png")
    for origin, destination, date, mode, by, close in SCENARIOS:
        opened.page.goto(whatif.as_uri() + "#")  # a fresh page: nothing forced
        opened.page.reload()
        shown = choose(
            opened.page,
            origin=origin,
            destination=destination,
            date=date,
            mode=mode,
            by=by,
            close=close,
        )
        scenario = Scenario(
            as_of=dt.date.fromisoformat(date),
            mode=mode,
            weight=by,
            closed=frozenset(close),
        )
        try:
            route = find_route(bundled_graph, origin, destination, scenario=scenario)
        except NoRouteError:
            assert shown["data-no-route"] == "true" and shown["data-crossings"] == ""
            continue
        label = f"{origin}-{destination} {date} {mode} {by} closed={close}"
        assert shown["data-no-route"] is None, label
        assert float(shown["data-distance-km"] or 0) == pytest.approx(route.distance_km, abs=0.1), (
            label
        )
        assert float(shown["data-time-h"] or 0) == pytest.approx(route.time_h, abs=0.01), label
        assert shown["data-crossings"] == ",".join(route.crossings), label
        ranges = (shown["data-distance-range-km"] or "", shown["data-time-range-h"] or "")
        assert [float(v) for v in ranges[0].split(",")] == pytest.approx(
            list(route.distance_range_km), abs=0.1
        ), label
        assert [float(v) for v in ranges[1].split(",")] == pytest.approx(
            list(route.time_range_h), abs=0.01
        ), label
        as_recorded = replace(scenario, closed=frozenset())
        recorded = Outcome("", as_recorded, find_route(bundled_graph, origin, destination,
                                                       scenario=as_recorded))  # fmt: skip
        change = Outcome("", scenario, route).difference(recorded)
        within = None if change is None else str(change.within_uncertainty).lower()
        assert shown["data-within-uncertainty"] == within, label
    assert opened.requests == [whatif.as_uri()] * len(opened.requests)
    assert opened.errors == [] and opened.dialogs == []


def test_link_opens_the_scenario(browser: Browser, whatif: Path) -> None:
    fragment = "#from=damascus&to=baghdad&closed=al-qaim&date=2025-07-01"
    page = open_offline(
        browser, whatif, fragment=fragment, permissions=("clipboard-read", "clipboard-write")
    ).page
    summary = page.locator("#corridor-summary")
    assert summary.get_attribute("data-crossings") == "nasib,trebil"
    assert not page.locator('input[data-crossing="al-qaim"]').is_checked()
    assert page.input_value("#corridor-date") == "2025-07-01"
    screenshot(page, "whatif-al-qaim-closed-desktop.png")
    page.locator('input[data-crossing="al-qaim"]').click()  # open it again
    assert summary.get_attribute("data-crossings") == "al-qaim"
    assert "closed=" not in page.evaluate("location.hash")
    page.click("#corridor-copy-link")
    page.wait_for_function(
        "document.getElementById('corridor-copy-link').textContent === 'Link copied'"
    )
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith("#from=damascus&to=baghdad&date=2025-07-01&mode=freight&by=distance")


def test_keyboard_and_phone(browser: Browser, whatif: Path) -> None:
    page = open_offline(
        browser, whatif, viewport=(390, 844), fragment="#from=damascus&to=baghdad&date=2025-07-01"
    ).page
    screenshot(page, "whatif-default-phone.png")
    page.locator('input[data-crossing="al-qaim"]').click()
    assert page.locator("#corridor-summary").get_attribute("data-crossings") == "nasib,trebil"
    screenshot(page, "whatif-al-qaim-closed-phone.png")
    page.locator('input[data-crossing="al-qaim"]').click()
    panel = page.locator("#corridor-panel").bounding_box()
    assert panel is not None and panel["x"] >= 0 and panel["x"] + panel["width"] <= 390
    before = page.locator("#corridor-summary").get_attribute("data-distance-km")
    page.focus("#corridor-destination")
    page.keyboard.press("ArrowDown")
    assert page.locator("#corridor-summary").get_attribute("data-distance-km") != before
    page.locator("#corridor-panel > summary").click()
    assert page.evaluate("document.getElementById('corridor-panel').open") is False


def test_hostile_names_stay_text(
    browser: Browser, make_dataset: MakeDataset, tmp_path: Path
) -> None:
    from tests.conftest import CROSSINGS, PLACES

    places = [(PLACES[0][0], HOSTILE, *PLACES[0][2:]), *PLACES[1:]]
    crossings = [
        (CROSSINGS[0][0], "<script>window.pwned=1</script>", *CROSSINGS[0][2:]),
        *CROSSINGS[1:],
    ]
    data = make_dataset(places=places, crossings=crossings)
    target = tmp_path / "hostile.html"
    assert main(["map", "--out", str(target), "--as-of", "2020-01-01", "--data", str(data)]) == 0
    opened = open_offline(browser, target, fragment="#from=west&to=east")
    page = opened.page
    assert page.evaluate("window.pwned") is None and page.locator("img[src='x']").count() == 0
    assert HOSTILE in page.locator("#corridor-origin").inner_text()
    assert "<script>window.pwned=1</script>" in page.locator("#corridor-crossing-list").inner_text()
    assert HOSTILE in page.locator("#corridor-summary").inner_text()
    assert opened.dialogs == [] and opened.errors == []


def test_a_crossing_popup_says_traffic_and_direction_in_words(
    browser: Browser, whatif: Path
) -> None:
    page = open_offline(browser, whatif).page
    marker = page.locator('.leaflet-marker-icon[title="Al-Bukamal / Al-Qaim"]')
    text = open_popup(page, marker).text_content() or ""
    # 2012-07-19 closed for all traffic both ways; 2012-09-01 passengers from Syria only.
    assert "2012-07-19: closed (all traffic, both ways)" in text
    assert "(passenger, SY → IQ)" in text
    assert "a to b" not in text and "a_to_b" not in text
