"""Make the README's phone screenshots, offline, in Debian's headless Chromium.

    python scripts/screenshots.py

writes ``docs/whatif-phone-ar.png`` (the what-if map at 390x844 in Arabic, Damascus -
Baghdad) and ``docs/route-phone.png`` (the route map of ``corridor route Damascus Baghdad
--as-of 2025-07-01`` at 390x844). Every request but the page itself is refused.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

from playwright.sync_api import Route, sync_playwright

from corridor.cli import main as corridor
from maps.headless import CHROMIUM, FLAGS

DOCS = Path(__file__).resolve().parent.parent / "docs"
PHONE = {"width": 390, "height": 844}


def shoot(page_file: Path, picture: Path, *, fragment: str = "") -> None:
    """Open ``page_file`` offline at phone size and save a screenshot once the map is still."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=list(FLAGS))
        context = browser.new_context(offline=True, viewport=PHONE, device_scale_factor=1)

        def guard(route: Route) -> None:
            if route.request.url.split("#")[0] == page_file.as_uri():
                route.continue_()
            else:
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        page.goto(page_file.as_uri() + fragment)
        page.wait_for_selector(".leaflet-marker-icon .corridor-crossing")
        page.wait_for_timeout(1000)
        page.wait_for_function("() => !document.querySelector('.leaflet-zoom-anim')")
        page.screenshot(path=str(picture))
        browser.close()
    print(f"Screenshot written to {picture}")


def main() -> None:
    """Write both maps to a temporary folder and screenshot them into docs/."""
    with tempfile.TemporaryDirectory() as folder:
        whatif, route = Path(folder) / "corridor.html", Path(folder) / "route.html"
        assert corridor(["map", "--out", str(whatif), "--as-of", "2025-07-01"]) == 0
        args = ["route", "Damascus", "Baghdad", "--as-of", "2025-07-01", "--map", str(route)]
        with contextlib.redirect_stdout(io.StringIO()):  # the route's table is not wanted here
            assert corridor(args) == 0
        shoot(whatif, DOCS / "whatif-phone-ar.png", fragment="#from=damascus&to=baghdad&lang=ar")
        shoot(route, DOCS / "route-phone.png")


if __name__ == "__main__":
    main()
