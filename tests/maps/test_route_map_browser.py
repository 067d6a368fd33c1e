"""Open written maps in Debian's headless Chromium with the network blocked."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from corridor.cli import main
from geodata import load_dataset
from tests.browser import open_offline, open_popup, screenshot
from tests.conftest import MakeDataset

pytestmark = pytest.mark.browser

HOSTILE = "<img src=x onerror=alert(1)>"


def write_map(tmp_path: Path, *args: str) -> Path:
    target = tmp_path / "map.html"
    assert main([*args, "--map", str(target)]) in (0, 1)
    return target


def test_route_map_offline(browser: Browser, toy_dir: Path, tmp_path: Path) -> None:
    path = write_map(
        tmp_path,
        "compare",
        "west",
        "east",
        "--as-of",
        "2020-01-01",
        "--close",
        "north",
        "--data",
        str(toy_dir),
        "--format",
        "json",
    )
    assert path.stat().st_size < 1_000_000
    opened = open_offline(browser, path)
    page = opened.page
    assert page.evaluate("L.version") == "1.9.4"
    # Two routes drawn in their own colours, on top of the road network.
    assert page.locator('path[stroke="#0969da"]').count() == 1
    assert page.locator('path[stroke="#bc4c00"]').count() == 1
    panel = page.locator("#corridor-panel")
    assert "baseline" in panel.inner_text() and "North crossing closed" in panel.inner_text()
    assert page.locator(".corridor-crossing.corridor-open").count() >= 1
    assert opened.requests == [path.as_uri()], "the map asked the network for something"
    assert opened.errors == []
    screenshot(page, "compare-desktop.png")


def test_crossing_popup_shows_status_and_source(
    browser: Browser, toy_dir: Path, tmp_path: Path
) -> None:
    path = write_map(
        tmp_path, "route", "west", "east", "--as-of", "2025-03-01", "--data", str(toy_dir)
    )
    page = open_offline(browser, path).page
    popup = open_popup(page, page.locator('.corridor-crossing[aria-label^="North crossing"]'))
    text = popup.inner_text()
    assert "Nordside (SY) - Nordeast (IQ)" in text
    assert "closed since 2024-12-08" in text
    assert popup.locator("a").first.get_attribute("href") == "https://example.org/source"


def test_phone_viewport_panel_collapses(browser: Browser, toy_dir: Path, tmp_path: Path) -> None:
    path = write_map(
        tmp_path, "route", "west", "east", "--as-of", "2020-01-01", "--data", str(toy_dir)
    )
    page = open_offline(browser, path, viewport=(390, 844)).page
    assert page.evaluate("document.querySelector('meta[name=viewport]') !== null")
    panel = page.locator("#corridor-panel")
    box = panel.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    panel.locator("summary").first.click()
    assert page.evaluate("document.getElementById('corridor-panel').open") is False
    screenshot(page, "route-phone.png")


def test_hostile_names_stay_text(
    browser: Browser, make_dataset: MakeDataset, tmp_path: Path
) -> None:
    from tests.conftest import CROSSINGS, PLACES

    places = [(*PLACES[0][:1], HOSTILE, *PLACES[0][2:]), *PLACES[1:]]
    crossings = [
        (CROSSINGS[0][0], "<script>window.pwned=1</script>`${alert(2)}`", *CROSSINGS[0][2:]),
        *CROSSINGS[1:],
    ]
    data = make_dataset(places=places, crossings=crossings)
    path = write_map(
        tmp_path, "route", "west", "east", "--as-of", "2020-01-01", "--data", str(data)
    )
    opened = open_offline(browser, path)
    page = opened.page
    assert page.evaluate("window.pwned") is None
    assert page.locator("img[src='x']").count() == 0
    assert HOSTILE in page.locator("#corridor-panel").inner_text()
    assert HOSTILE in page.locator(".corridor-label").all_inner_texts()
    popup = open_popup(page, page.locator(".leaflet-marker-icon .corridor-crossing").first)
    assert "<script>window.pwned=1</script>" in popup.inner_text()
    assert opened.dialogs == [] and opened.errors == []


def test_bundled_damascus_baghdad_map_offline(browser: Browser, tmp_path: Path) -> None:
    path = write_map(
        tmp_path, "compare", "Damascus", "Baghdad", "--as-of", "2025-07-01", "--close", "al-qaim"
    )
    assert path.stat().st_size < 1_000_000
    opened = open_offline(browser, path)
    page = opened.page
    assert page.evaluate("L.version") == "1.9.4"
    assert page.locator('path[stroke="#0969da"]').count() == 1  # baseline via Al-Qaim
    assert page.locator('path[stroke="#bc4c00"]').count() == 1  # detour via Jordan
    every_crossing = len(load_dataset().crossings)
    assert page.locator(".leaflet-marker-icon .corridor-crossing").count() == every_crossing
    panel = page.locator("#corridor-panel").inner_text()
    assert "Al-Bukamal / Al-Qaim closed" in panel and "Nasib / Jaber" in panel
    assert "within uncertainty" in panel  # the two routes are about as long
    assert opened.requests == [path.as_uri()] and opened.errors == []
    screenshot(page, "damascus-baghdad-al-qaim-closed.png")


FIT = """() => {
  const map = document.querySelector('.leaflet-container').getBoundingClientRect();
  const panel = document.getElementById('corridor-panel').getBoundingClientRect();
  const routes = [...document.querySelectorAll('path.leaflet-interactive')]
    .filter((p) => ['#0969da', '#bc4c00'].includes(p.getAttribute('stroke')))
    .map((p) => p.getBoundingClientRect());
  const scale = document.querySelector('.leaflet-control-scale-line').textContent;
  return { map: [map.left, map.top, map.right, map.bottom], routes: routes.map(
    (r) => [r.left, r.top, r.right, r.bottom]), panel: [panel.left, panel.top, panel.right,
    panel.bottom], scale };
}"""


@pytest.mark.parametrize("viewport", [(390, 844), (1366, 768)])
def test_the_routes_open_in_view_beside_the_panel(
    browser: Browser, tmp_path: Path, viewport: tuple[int, int]
) -> None:
    path = write_map(
        tmp_path, "compare", "Damascus", "Baghdad", "--as-of", "2025-07-01", "--close", "al-qaim"
    )
    page = open_offline(browser, path, viewport=viewport).page
    shown = page.evaluate(FIT)
    left, top, right, bottom = shown["map"]
    p_left, p_top, p_right, p_bottom = shown["panel"]
    assert len(shown["routes"]) == 2
    for r_left, r_top, r_right, r_bottom in shown["routes"]:
        # Inside the window (route lines are drawn 6 px wide) and clear of the panel.
        assert left - 4 <= r_left and r_right <= right + 4 and top - 4 <= r_top
        assert r_bottom <= bottom + 4
        apart = r_left >= p_right or r_top >= p_bottom or r_right <= p_left or r_bottom <= p_top
        assert apart, (shown, viewport)
    km = shown["scale"].split()
    assert km[1] == "km" and int(km[0]) >= 50, shown["scale"]  # a regional view, not streets
    screenshot(page, f"compare-{viewport[0]}x{viewport[1]}.png")


def test_every_route_map_says_where_its_data_comes_from(browser: Browser, tmp_path: Path) -> None:
    path = write_map(tmp_path, "route", "Damascus", "Baghdad", "--as-of", "2025-07-01")
    page = open_offline(browser, path).page
    data = page.locator("#corridor-data")
    data.locator("summary").click()
    text = data.inner_text()
    newest = max(e.date for e in load_dataset().events).isoformat()
    assert "the bundled corridor dataset" in text and f"newest status event {newest}" in text
    assert "estimates" in text
    links = data.locator("a")
    assert links.count() >= 2  # the Al-Qaim crossing and its status events are sourced
    assert all(
        (links.nth(i).get_attribute("href") or "").startswith(("http://", "https://"))
        for i in range(links.count())
    )


def test_combos_map_draws_each_outcome_its_own_way(browser: Browser, tmp_path: Path) -> None:
    target = tmp_path / "combos.html"
    trip = ["Damascus", "Baghdad", "--as-of", "2025-07-01"]
    assert (
        main(["combos", *trip, "--crossings", "al-qaim,al-walid,trebil", "--map", str(target)]) == 0
    )
    page = open_offline(browser, target).page
    drawn = page.evaluate(
        """() => [...document.querySelectorAll('path.leaflet-interactive')]
            .filter((p) => p.getAttribute('stroke-width') === '6')
            .map((p) => [p.getAttribute('stroke'), p.getAttribute('stroke-dasharray')])"""
    )
    assert len(drawn) == 4  # four distinct outcomes of the eight combinations
    assert len({tuple(d) for d in drawn}) == 4 and len({d[1] for d in drawn}) == 4


def test_a_route_map_draws_the_active_areas_to_avoid(
    browser: Browser, toy_dir: Path, tmp_path: Path
) -> None:
    from tests.corridor.test_areas import NORTH, SOUTH, write_areas

    areas = write_areas(
        tmp_path / "areas.geojson",
        {"coordinates": NORTH, "properties": {"name": HOSTILE}},
        {"coordinates": SOUTH, "properties": {"name": "later", "valid_from": "2030-01-01"}},
    )
    path = write_map(
        tmp_path, "route", "west", "east", "--as-of", "2025-07-01", "--data", str(toy_dir),
        "--avoid-area", str(areas),
    )  # fmt: skip
    opened = open_offline(browser, path)
    page = opened.page
    drawn = page.locator('path.leaflet-interactive[stroke="#cf222e"][fill="#cf222e"]')
    assert drawn.count() == 1  # the active area only, not the one that starts in 2030
    assert page.locator("img[src='x']").count() == 0 and opened.errors == []
