"""Open written maps in Debian's headless Chromium with the network blocked."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Dialog, Locator, Page, Route
from playwright.sync_api import TimeoutError as PlaywrightTimeout

SCREENSHOTS = Path(__file__).parent / "screenshots"


class Opened:
    """A page opened offline, with every request, script error and dialog it caused."""

    def __init__(self, page: Page, requests: list[str], errors: list[str], dialogs: list[str]):
        self.page, self.requests, self.errors, self.dialogs = page, requests, errors, dialogs


def open_offline(
    browser: Browser,
    path: Path,
    *,
    fragment: str = "",
    viewport: tuple[int, int] = (1280, 800),
    permissions: tuple[str, ...] = (),
) -> Opened:
    context = browser.new_context(
        offline=True,
        permissions=list(permissions),
        viewport={"width": viewport[0], "height": viewport[1]},
    )
    requests: list[str] = []
    errors: list[str] = []
    dialogs: list[str] = []

    def guard(route: Route) -> None:
        requests.append(route.request.url)
        if route.request.url.split("#")[0] == path.as_uri():
            route.continue_()
        else:
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.goto(path.as_uri() + fragment)
    page.wait_for_function(
        "() => document.querySelectorAll('.leaflet-marker-icon .corridor-crossing').length > 0"
    )
    # Markers ignore clicks while the map still zooms to fit the routes.
    page.wait_for_function("() => !document.querySelector('.leaflet-zoom-anim')")
    return Opened(page, requests, errors, dialogs)


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name))


def open_popup(page: Page, marker: Locator) -> Locator:
    """Click a marker until its popup shows (a click during Leaflet's zoom animation is lost)."""
    popup = page.locator(".leaflet-popup-content")
    for _ in range(5):
        marker.click()
        try:
            popup.wait_for(state="visible", timeout=2000)
            return popup
        except PlaywrightTimeout:
            continue
    popup.wait_for(state="visible", timeout=2000)
    return popup
