"""The what-if page's controls around the route: defaults, search, play, Arabic, downloads,
print, provenance and the phone layout (issue 13)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, FloatRect, Page

from corridor.cli import main
from corridor.graph import build_graph
from geodata import load_dataset
from maps.whatif import default_trip
from tests.browser import open_offline, open_popup, screenshot

pytestmark = pytest.mark.browser

PHONE = (390, 844)


@pytest.fixture(scope="module")
def whatif(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("whatif-ui") / "corridor.html"
    assert main(["map", "--out", str(target), "--as-of", "2025-07-01"]) == 0
    return target


def summary(page: Page, name: str) -> str | None:
    return page.locator("#corridor-summary").get_attribute(name)


def rect(page: Page, selector: str) -> FloatRect:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box


def meet(a: FloatRect, b: FloatRect) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def settle(page: Page) -> None:
    page.wait_for_timeout(400)
    page.wait_for_function("() => !document.querySelector('.leaflet-zoom-anim')")


def test_default_trip_crosses_a_border(toy_dir: Path) -> None:
    dataset = load_dataset()
    assert default_trip(dataset, ["homs", "baghdad", "damascus"]) == ("damascus", "baghdad")
    toy = load_dataset(toy_dir)
    trip = default_trip(toy, ["west", "north-gate", "east", "amman-ish"])
    assert trip == ("west", "east")  # the farthest pair in different countries
    assert default_trip(toy, ["west", "north-gate"]) == ("west", "north-gate")  # one country
    assert build_graph(toy)  # the toy dataset builds


def test_opens_on_damascus_baghdad_and_shows_the_data(browser: Browser, whatif: Path) -> None:
    opened = open_offline(browser, whatif)
    page = opened.page
    assert page.input_value("#corridor-origin") == "damascus"
    assert page.input_value("#corridor-destination") == "baghdad"
    assert summary(page, "data-crossings") == "al-qaim"
    page.locator("#corridor-data > summary").click()
    facts = page.locator("#corridor-data-facts").text_content() or ""
    assert "bundled corridor dataset" in facts and "newest status event 20" in facts
    assert "estimates" in facts
    links = page.locator("#corridor-data-sources a")
    assert links.count() > 10
    hrefs = links.evaluate_all("as => as.map(a => a.href)")
    assert all(h.startswith(("http://", "https://")) for h in hrefs)
    assert opened.requests == [whatif.as_uri()] * len(opened.requests)
    assert opened.errors == []


def test_closing_a_crossing_says_the_change_in_km_and_hours(browser: Browser, whatif: Path) -> None:
    page = open_offline(browser, whatif, fragment="#from=damascus&to=baghdad").page
    page.locator('input[data-crossing="al-qaim"]').click()
    assert summary(page, "data-crossings") == "nasib,trebil"
    assert float(summary(page, "data-change-km") or 0) != 0
    assert float(summary(page, "data-change-h") or 0) > 0
    change = page.locator("#corridor-summary .corridor-change").text_content() or ""
    assert " km" in change and " h" in change


def test_search_finds_every_place_and_sets_an_end(browser: Browser, whatif: Path) -> None:
    page = open_offline(browser, whatif).page
    assert page.locator("#corridor-destination option[value='rutba']").count() == 0  # a town
    page.fill("#corridor-search", "Ar-Rutbah")  # an alias
    result = page.locator("#corridor-search-results li[data-place='rutba']")
    assert result.count() == 1
    result.locator("button[data-end='to']").click()
    assert page.input_value("#corridor-destination") == "rutba"
    assert page.locator("#corridor-origin option[value='rutba']").count() == 1
    assert summary(page, "data-distance-km") and "to=rutba" in page.evaluate("location.hash")
    page.fill("#corridor-search", "حلب")  # Arabic name of Aleppo
    page.locator("#corridor-search-results li[data-place='aleppo'] button[data-end='from']").click()
    assert page.input_value("#corridor-origin") == "aleppo"
    page.fill("#corridor-search", "dimashq")  # alias, any case
    assert page.locator("#corridor-search-results li").first.get_attribute("data-place") == (
        "damascus"
    )
    page.fill("#corridor-search", "zzzz")
    assert "No place" in (page.locator("#corridor-search-results").text_content() or "")
    page.reload()  # a link to a place outside the pickers still opens
    assert page.input_value("#corridor-destination") == "rutba"


def test_play_steps_through_the_dates(browser: Browser, whatif: Path) -> None:
    page = open_offline(browser, whatif, fragment="#from=damascus&to=baghdad&date=2010-01-01").page
    page.evaluate(
        """() => {
          window.seen = [];
          const s = document.getElementById('corridor-summary');
          new MutationObserver(() => window.seen.push(
            [document.getElementById('corridor-date').value, s.getAttribute('data-crossings')]
          )).observe(s, {attributes: true, attributeFilter: ['data-crossings']});
          document.getElementById('corridor-play').setAttribute('data-interval-ms', '15');
        }"""
    )
    dates = page.evaluate("JSON.parse(document.querySelector('#corridor-date-slider').max)")
    page.click("#corridor-play")
    assert page.get_attribute("#corridor-play", "aria-pressed") == "true"
    page.wait_for_function(
        "document.getElementById('corridor-play').getAttribute('aria-pressed') === 'false'",
        timeout=60_000,
    )
    seen: list[list[str]] = page.evaluate("window.seen")
    visited = {d for d, _ in seen}
    assert len(visited) >= min(dates, 5)
    assert len({c for _, c in seen}) > 1  # the route changed at least once
    last = page.evaluate("document.querySelector('#corridor-date-slider').max")
    assert page.input_value("#corridor-date-slider") == last  # stopped at the end


def test_arabic_switch_and_link(browser: Browser, whatif: Path) -> None:
    page = open_offline(browser, whatif).page
    page.select_option("#corridor-lang", "ar")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.get_attribute("#corridor-panel", "dir") == "rtl"
    assert page.locator("#corridor-origin option:checked").text_content() == "دمشق"
    assert "lang=ar" in page.evaluate("location.hash")
    assert "من" in (page.locator("[data-word='from']").text_content() or "")
    assert "كم" in (page.locator("#corridor-summary").text_content() or "")
    assert "البوكمال / القائم" in (page.locator("#corridor-crossing-list").text_content() or "")
    legend = page.locator("#corridor-legend-rows").text_content() or ""
    assert "معبر مغلق" in legend
    labels = page.locator(".corridor-label").all_text_contents()
    assert "دمشق" in labels
    page.select_option("#corridor-lang", "en")
    assert page.evaluate("document.documentElement.dir") == "ltr"
    assert "lang=" not in page.evaluate("location.hash")

    opened = open_offline(browser, whatif, fragment="#lang=ar", viewport=PHONE)
    page = opened.page
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.locator("#corridor-destination option:checked").text_content() == "بغداد"
    settle(page)
    screenshot(page, "whatif-phone-ar.png")
    bad = open_offline(browser, whatif, fragment="#lang=xx").page
    assert "lang=xx is not en or ar" in (bad.locator("#corridor-message").text_content() or "")
    assert bad.evaluate("document.documentElement.dir") == "ltr"


# Every run of digits with its signs and separators under a selector, and whether it is drawn
# in reading order: left to right on a line, and a wrapped run goes on to the next line.
FIGURES_AS_DRAWN = """
(selector) => {
  const runs = [];
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/[+\\-\u00b1]?[0-9][0-9.,:\\/+\\-]*[0-9]/g)) {
        const boxes = [];
        for (let i = match.index; i < match.index + match[0].length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          boxes.push(range.getBoundingClientRect());
        }
        const inOrder = boxes.every((box, i) => i === 0 ||
          (Math.abs(box.top - boxes[i - 1].top) < 2 ? box.left > boxes[i - 1].left
                                                     : box.top > boxes[i - 1].top));
        runs.push([match[0], inOrder, boxes[0].width > 0]);
      }
    }
  }
  return runs;
}
"""


def out_of_order(page: Page, selector: str) -> tuple[set[str], list[str]]:
    runs = page.evaluate(FIGURES_AS_DRAWN, selector)
    assert all(shown for _, _, shown in runs), runs  # measured on screen, not hidden
    return {text for text, _, _ in runs}, [text for text, in_order, _ in runs if not in_order]


def test_arabic_keeps_dates_signs_and_ranges_in_their_order(browser: Browser, whatif: Path) -> None:
    page = open_offline(browser, whatif, fragment="#lang=ar").page
    page.locator('input[data-crossing="al-qaim"]').click()  # a signed change and its range
    settle(page)
    drawn, wrong = out_of_order(page, "#corridor-summary")
    assert "2025-07-01" in drawn and any(t.startswith("+") for t in drawn), drawn
    assert wrong == []
    page.locator("#corridor-data > summary").click()
    drawn, wrong = out_of_order(page, "#corridor-data-facts")
    assert drawn and wrong == []
    # The headline's arrow points from the origin, drawn on the right, to the end.
    assert "\u2190" in (page.locator(".corridor-headline").text_content() or "")

    every = ",".join(load_dataset().crossings)
    trip = f"#from=damascus&to=baghdad&date=2025-07-01&closed={every}&lang=ar"
    page = open_offline(browser, whatif, fragment=trip, viewport=PHONE).page
    assert summary(page, "data-no-route") == "true"
    drawn, wrong = out_of_order(page, "#corridor-summary")
    assert "2025-07-01" in drawn and wrong == []


def test_phone_layout(browser: Browser, whatif: Path) -> None:
    page = open_offline(browser, whatif, viewport=PHONE).page
    settle(page)
    labels = page.locator(".corridor-label")
    boxes = [b for b in (labels.nth(i).bounding_box() for i in range(labels.count())) if b]
    assert len(boxes) >= 2
    assert not any(meet(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    assert not meet(rect(page, ".leaflet-control-scale"), rect(page, "#corridor-panel"))

    # The route is redrawn in the free part of the map after a change.
    page.locator('input[data-crossing="al-qaim"]').click()
    settle(page)
    line = rect(page, "path.leaflet-interactive[stroke-width='6']")
    panel = rect(page, "#corridor-panel")
    assert line["y"] + line["height"] <= panel["y"] + 1
    assert line["x"] >= 0 and line["x"] + line["width"] <= PHONE[0]

    page.locator("#corridor-legend > summary").click()
    assert page.evaluate("document.getElementById('corridor-legend').open") is True
    # A marker in view: Playwright would scroll the map's own box to reach one outside it.
    index = page.evaluate(
        """() => [...document.querySelectorAll('.leaflet-marker-icon .corridor-crossing')]
          .findIndex(m => { const r = m.getBoundingClientRect();
                            const p = document.getElementById('corridor-panel');
                            const g = document.getElementById('corridor-legend')
                              .getBoundingClientRect();
                            const clear = r.top > g.bottom || r.right < g.left;
                            return r.left >= 0 && r.right <= 390 && r.top > 160 && clear &&
                                   r.bottom < p.getBoundingClientRect().top; })"""
    )
    assert index >= 0
    marker = page.locator(".leaflet-marker-icon .corridor-crossing").nth(index)
    popup = open_popup(page, marker)
    settle(page)
    shown = rect(page, ".leaflet-popup-content-wrapper")
    assert page.evaluate("document.getElementById('corridor-legend').open") is False
    for other in ("#corridor-legend", ".leaflet-control-zoom", "#corridor-panel"):
        assert not meet(shown, rect(page, other)), other
    assert popup.locator("strong").text_content()


def download(page: Page, button: str) -> tuple[str, str]:
    with page.expect_download() as info:
        page.click(button)
    path = info.value.path()
    return info.value.suggested_filename, Path(path).read_text(encoding="utf-8")


def test_downloads_hold_the_route(browser: Browser, whatif: Path) -> None:
    fragment = "#from=damascus&to=baghdad&closed=al-qaim&date=2025-07-01&mode=passenger"
    opened = open_offline(browser, whatif, fragment=fragment)
    page = opened.page
    name, text = download(page, "#corridor-download-geojson")
    assert name.endswith(".geojson")
    collection: dict[str, Any] = json.loads(text)
    assert collection["type"] == "FeatureCollection"
    line, *legs = collection["features"]
    props = line["properties"]
    assert props["km"] == pytest.approx(float(summary(page, "data-distance-km") or 0), abs=0.05)
    assert props["hours"] == pytest.approx(float(summary(page, "data-time-h") or 0), abs=0.005)
    assert props["crossings"] == ["nasib", "trebil"] and props["closed"] == ["al-qaim"]
    assert (props["date"], props["mode"], props["weight"]) == (
        "2025-07-01",
        "passenger",
        "distance",
    )
    assert len(props["km_range"]) == 2 and line["geometry"]["type"] == "LineString"
    assert legs and all(f["properties"]["kind"] == "leg" for f in legs)
    assert sum(f["properties"]["km"] for f in legs) == pytest.approx(props["km"], abs=1)

    name, text = download(page, "#corridor-download-csv")
    assert name.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0])[:3] == ["date", "mode", "weight"]
    assert len(rows) == len(legs)
    assert {(r["date"], r["mode"], r["weight"]) for r in rows} == {
        ("2025-07-01", "passenger", "distance")
    }
    assert opened.requests == [whatif.as_uri()] * len(opened.requests)


def test_print_hides_the_controls(browser: Browser, whatif: Path) -> None:
    page = open_offline(browser, whatif).page
    page.emulate_media(media="print")
    controls = "#corridor-origin #corridor-play #corridor-search #corridor-download-csv"
    for control in [*controls.split(), ".leaflet-control-zoom", "#corridor-lang"]:
        assert not page.locator(control).is_visible(), control
    assert page.locator("#corridor-summary").is_visible()
    assert page.locator("#corridor-legs li").first.is_visible()
    assert page.locator("#corridor-data-sources li").first.is_visible()
    assert page.locator(".leaflet-container").is_visible()
    assert "2025-07-01" in (page.locator("#corridor-summary .corridor-when").text_content() or "")
