"""Hostile data and hostile links in headless Chromium: nothing runs, nothing is fetched."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from playwright.sync_api import Browser, Page

from corridor.cli import main
from tests.browser import Opened, open_offline, open_popup
from tests.safety.hostile import Hostile, hostile_values, write_hostile_dataset

pytestmark = pytest.mark.browser

INJECTED = "[onerror], [onload], img[src='x'], iframe, object"


def assert_inert(opened: Opened, page_file: Path) -> None:
    page = opened.page
    assert opened.dialogs == [] and opened.errors == []
    assert page.evaluate("window.pwned") is None
    assert page.locator(INJECTED).count() == 0
    scripts_in_file = page_file.read_text(encoding="utf-8").count("<script")
    assert page.locator("script").count() == scripts_in_file
    assert opened.requests == [page_file.as_uri()] * len(opened.requests)


@settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(h=hostile_values())
def test_hostile_maps_are_inert(
    h: Hostile, browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder, overlay = write_hostile_dataset(tmp_path_factory.mktemp("hostile") / "ds", h)
    data = ["--data", str(folder), "--status", str(overlay), "--as-of", "2020-01-01"]
    out = tmp_path_factory.mktemp("maps")
    route, whatif = out / "route.html", out / "whatif.html"
    assert main(["route", "west", "east", *data, "--map", str(route)]) == 0
    assert main(["map", "--out", str(whatif), *data, "--places", "west,east"]) == 0

    opened = open_offline(browser, route)
    assert_inert(opened, route)
    # Browsers collapse white space in titles and drop control characters (the title
    # element itself is checked byte for byte in test_hostile_text).
    if h.place.isprintable():
        shown = re.sub(r"[ \t\n\f\r]+", " ", f"{h.place} - Eastburg").strip()
        assert opened.page.title() == shown
    assert h.place in (opened.page.locator("#corridor-panel").text_content() or "")
    opened.page.context.close()

    opened = open_offline(browser, whatif, fragment="#from=west&to=east")
    assert_inert(opened, whatif)
    page = opened.page
    assert page.locator("#corridor-origin option[value='west']").text_content() == h.place
    assert page.locator("#corridor-summary").get_attribute("data-crossings") == "north"
    popup = open_popup(page, page.locator(".leaflet-marker-icon .corridor-crossing").first)
    assert popup.locator("strong").text_content() == h.crossing
    assert h.overlay_note in (popup.text_content() or "")
    assert_inert(opened, whatif)
    shown_elsewhere(opened, whatif, h)
    page.context.close()


def defused(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def shown_elsewhere(opened: Opened, whatif: Path, h: Hostile) -> None:
    """Search results, the Arabic names and the downloads keep the hostile names as text."""
    page = opened.page
    page.fill("#corridor-search", h.alias)
    result = page.locator("#corridor-search-results li[data-place='west'] > span")
    if result.count():  # a name of punctuation only matches nothing
        assert result.text_content() == f"{h.place} (SY)"
    assert_inert(opened, whatif)
    with page.expect_download() as info:
        page.click("#corridor-download-geojson")
    route = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))["features"][0]
    assert route["properties"]["crossing_names"] == [h.crossing]
    with page.expect_download() as info:
        page.click("#corridor-download-csv")
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert rows[0]["from"] == defused(h.place)
    page.select_option("#corridor-lang", "ar")
    assert page.locator("#corridor-origin option[value='west']").text_content() == (
        h.place_ar or h.place
    )
    assert_inert(opened, whatif)


def test_spreadsheet_formulas_in_names_are_defused(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from tests.conftest import PLACES, write_dataset

    places = [(PLACES[0][0], "=1+1", "@SUM(A1)", *PLACES[0][3:]), *PLACES[1:]]
    folder = write_dataset(tmp_path_factory.mktemp("formula") / "ds", places=places)
    target = folder.parent / "whatif.html"
    assert main(["map", "--out", str(target), "--data", str(folder), "--as-of", "2020-01-01"]) == 0
    opened = open_offline(browser, target, fragment="#from=west&to=east")
    page = opened.page
    with page.expect_download() as info:
        page.click("#corridor-download-csv")
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert "'=1+1" in text and "\n=1+1" not in text and ",=1+1" not in text
    page.select_option("#corridor-lang", "ar")
    assert page.locator("#corridor-origin option[value='west']").text_content() == "@SUM(A1)"
    assert_inert(opened, target)


@pytest.fixture(scope="module")
def toy_whatif(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import write_dataset

    folder = write_dataset(tmp_path_factory.mktemp("toy") / "ds")
    target = folder.parent / "whatif.html"
    assert main(["map", "--out", str(target), "--data", str(folder), "--as-of", "2020-01-01"]) == 0
    return target


def message(page: Page) -> str:
    box = page.locator("#corridor-message")
    return box.text_content() or "" if box.is_visible() else ""


@pytest.mark.parametrize(
    ("fragment", "named"),
    [
        ("#from=%E0%A4%A", "could not read 'from=%E0%A4%A'"),
        ("#from=north", "from=north is not a place on this map"),
        ("#from=__proto__", "from=__proto__ is not a place on this map"),
        ("#to=constructor", "to=constructor is not a place on this map"),
        ("#date=2025-13-45", "date=2025-13-45 is not a date"),
        ("#date=2025-02-30", "date=2025-02-30 is not a date"),
        ("#mode=camel", "mode=camel is not freight or passenger"),
        ("#closed=nowhere,north", "closed=nowhere is not a crossing on this map"),
        ("#opened=__proto__", "opened=__proto__ is not a crossing on this map"),
        ("#evil=1", "'evil' is not part of a corridor link"),
    ],
)
def test_a_bad_link_says_what_is_wrong_and_falls_back(
    browser: Browser, toy_whatif: Path, fragment: str, named: str
) -> None:
    opened = open_offline(browser, toy_whatif, fragment=fragment)
    page = opened.page
    assert named in message(page)
    # Defaults stand in for the bad part; the page still routes.
    summary = page.locator("#corridor-summary")
    assert summary.get_attribute("data-distance-km")
    assert page.input_value("#corridor-origin") in ("west", "east", "amman-ish")
    assert opened.errors == []
    if "closed=" in fragment:
        assert not page.locator('input[data-crossing="north"]').is_checked()
    page.context.close()


def test_a_pasted_link_applies_without_a_reload(browser: Browser, toy_whatif: Path) -> None:
    opened = open_offline(browser, toy_whatif, fragment="#from=west&to=east&date=2020-01-01")
    page = opened.page
    page.evaluate("window.loadedOnce = true")
    assert page.locator("#corridor-summary").get_attribute("data-crossings") == "north"
    page.evaluate("location.hash = 'from=west&to=east&date=2020-01-01&closed=north'")
    page.wait_for_function(
        "document.getElementById('corridor-summary').getAttribute('data-crossings') === 'south'"
    )
    assert page.evaluate("window.loadedOnce") is True
    assert message(page) == ""
    page.evaluate("location.hash = 'from=west&to=east&date=2020-99-01'")
    page.wait_for_function("!document.getElementById('corridor-message').hidden")
    assert "date=2020-99-01 is not a date" in message(page)
    page.context.close()
