"""Inline Leaflet and our own CSS/JS so a saved map needs no network at all."""

from __future__ import annotations

import base64
import re
from functools import cache
from importlib import resources

import folium
from branca.element import Element, Figure

LEAFLET_VERSION = "1.9.4"


def _leaflet_file(name: str) -> bytes:
    return (resources.files("js_lib_leaflet") / "static" / "js_lib_leaflet" / name).read_bytes()


def _own_file(name: str) -> str:
    return (resources.files("maps") / "static" / name).read_text(encoding="utf-8")


def _script_safe(code: str) -> str:
    # Inline code must not close its own <script> element or point the browser at a source map.
    code = re.sub(r"//# sourceMappingURL=\S+", "", code)
    return code.replace("</script", "<\\/script").replace("</style", "<\\/style")


@cache
def inline_css() -> str:
    """Return Leaflet's CSS, with its images as data URIs, followed by ours."""
    leaflet = _leaflet_file("leaflet.css").decode("utf-8")

    def data_uri(match: re.Match[str]) -> str:
        encoded = base64.b64encode(_leaflet_file(f"images/{match.group(1)}")).decode("ascii")
        return f"url(data:image/png;base64,{encoded})"

    leaflet = re.sub(r"url\(images/([\w.-]+\.png)\)", data_uri, leaflet)
    return _script_safe(leaflet + "\n" + _own_file("corridor.css"))


def own_script(name: str) -> str:
    """Return one of our JS modules, safe to inline in a <script> element."""
    return _script_safe(_own_file(name))


@cache
def inline_js() -> str:
    """Return Leaflet's JS followed by our layer module."""
    return _script_safe(
        _leaflet_file("leaflet.js").decode("utf-8") + "\n" + _own_file("corridor.js")
    )


def page(fmap: folium.Map) -> Figure:
    """Return the HTML page (branca Figure) a map renders into."""
    root = fmap.get_root()
    if not isinstance(root, Figure):
        msg = "the map must be rendered into a branca Figure"
        raise TypeError(msg)
    return root


def make_self_contained(fmap: folium.Map) -> None:
    """Drop folium's CDN links and inline everything the page needs in its header."""
    # folium links Leaflet, jQuery, Bootstrap and icon fonts from CDNs by default; our layers
    # need only Leaflet, so none of those is loaded.
    fmap.default_js = []
    fmap.default_css = []
    header = page(fmap).header
    header.add_child(Element(f"<style>{inline_css()}</style>"), name="corridor_css")
    header.add_child(Element(f"<script>{inline_js()}</script>"), name="corridor_js")
