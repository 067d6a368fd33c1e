"""Make the README's phone screenshots, offline, in Debian's headless Chromium.

    python scripts/screenshots.py

writes ``docs/whatif-phone-ar.png`` (the what-if map at 390x844 in Arabic, Damascus -
Baghdad) and ``docs/route-phone.png`` (the route map of ``corridor route Damascus Baghdad
--as-of 2025-07-01`` at 390x844). Every request but the page itself is refused.
"""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from corridor.cli import main as corridor
from maps.headless import CHROMIUM, FLAGS

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.browser import open_offline  # noqa: E402  (the tests' offline page)

DOCS = ROOT / "docs"
PHONE = (390, 844)


def shoot(browser: Browser, page_file: Path, picture: Path, *, fragment: str = "") -> None:
    """Open ``page_file`` offline at phone size and save a screenshot once the map is still."""
    page = open_offline(browser, page_file, fragment=fragment, viewport=PHONE).page
    page.wait_for_timeout(1000)
    page.wait_for_function("() => !document.querySelector('.leaflet-zoom-anim')")
    page.screenshot(path=str(picture))
    page.context.close()
    print(f"Screenshot written to {picture}")


def main() -> None:
    """Write both maps to a temporary folder and screenshot them into docs/."""
    with tempfile.TemporaryDirectory() as folder:
        whatif, route = Path(folder) / "corridor.html", Path(folder) / "route.html"
        assert corridor(["map", "--out", str(whatif), "--as-of", "2025-07-01"]) == 0
        args = ["route", "Damascus", "Baghdad", "--as-of", "2025-07-01", "--map", str(route)]
        with contextlib.redirect_stdout(io.StringIO()):  # the route's table is not wanted here
            assert corridor(args) == 0
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=list(FLAGS))
            ar = "#from=damascus&to=baghdad&lang=ar"
            shoot(browser, whatif, DOCS / "whatif-phone-ar.png", fragment=ar)
            shoot(browser, route, DOCS / "route-phone.png")
            browser.close()


if __name__ == "__main__":
    main()
